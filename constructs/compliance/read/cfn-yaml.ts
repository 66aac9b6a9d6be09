import { LineCounter, parseAllDocuments, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { SovereignLzError, withoutStackTraces, yamlDocumentsToJs, yamlDuplicateKeyOffset } from '../../core';
import { checkYamlSize, clipMessage, maxYamlNodes } from './input-files';

/**
 * CloudFormation YAML: the short-form tags (`!Ref`, `!GetAtt`, `!Sub`, `!Join`, `!If`, …)
 * read into their long JSON forms (`{"Ref": …}`, `{"Fn::GetAtt": […]}`), so that templates
 * read the same whichever form they were written in.
 */

/** Short-form function tags, each `!Name` meaning `{"Fn::Name": …}`. */
const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'Equals',
  'FindInMap',
  'ForEach',
  'GetAZs',
  'GetAtt',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'RefAll',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'ValueOf',
];

function wrap(tag: string, value: unknown): unknown {
  if (tag === 'Ref' || tag === 'Condition') return { [tag]: value };
  if (tag === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value };
  }
  return { [`Fn::${tag}`]: value };
}

function tagsFor(name: string): Array<ScalarTag | CollectionTag> {
  const tag = `!${name}`;
  return [
    { tag, resolve: (value: string) => wrap(name, value) },
    { tag, collection: 'seq', resolve: (seq: YAMLMap.Parsed | YAMLSeq.Parsed) => wrap(name, seq.toJSON()) },
    { tag, collection: 'map', resolve: (map: YAMLMap.Parsed | YAMLSeq.Parsed) => wrap(name, map.toJSON()) },
  ];
}

/** The `yaml` package's custom tags for CloudFormation's short forms. */
export const CLOUDFORMATION_TAGS: ReadonlyArray<ScalarTag | CollectionTag> = ['Ref', 'Condition', ...FUNCTIONS].flatMap(
  tagsFor,
);

/**
 * Parses YAML text (every document) with CloudFormation's tags. Throws a one-line
 * {@link SovereignLzError} `FILE:LINE:COL: not valid YAML: …` on malformed input,
 * `INPUT_TOO_LARGE` above an eighth of `maxFileBytes` or `maxYamlTokens` tokens (before
 * anything is parsed), and `INPUT_INVALID` for aliases that would expand to more than
 * {@link maxYamlNodes} nodes (see input-files.ts).
 */
export function parseCloudFormationYaml(text: string, file: string, maxFileBytes?: number): unknown[] {
  checkYamlSize(text, file, maxFileBytes);
  const lineCounter = new LineCounter();
  // The parser records every problem and goes on: without their stack traces (see withoutStackTraces).
  const docs = withoutStackTraces(() =>
    parseAllDocuments(text, {
      customTags: [...CLOUDFORMATION_TAGS],
      lineCounter,
      prettyErrors: false,
      // Checked below, in linear time.
      uniqueKeys: false,
    }),
  );
  const list = Array.isArray(docs) ? docs : [];
  const fail = (offset: number, message: string): never => {
    const pos = lineCounter.linePos(offset);
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${file}:${pos.line}:${pos.col}: not valid YAML: ${clipMessage(message)}`,
    );
  };
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) fail(error.pos[0], error.message);
    const duplicate = yamlDuplicateKeyOffset(doc);
    if (duplicate !== undefined) fail(duplicate, 'Map keys must be unique');
  }
  // Aliases are expanded only if what they make stays under the limit (a "billion laughs"); a
  // cycle is refused as the shape check refuses it.
  return yamlDocumentsToJs(list, {
    file,
    code: 'INPUT_INVALID',
    maxNodes: maxYamlNodes(maxFileBytes),
    kind: 'template',
  }).filter((v) => v !== null);
}
