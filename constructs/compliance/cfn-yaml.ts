import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type CollectionTag,
  type Document,
  type ScalarTag,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { SovereignLzError } from '../core';
import { checkYamlSize, clipMessage } from './input-files';

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
 * The offset of the first duplicate key in a mapping of `doc`, if any. The `yaml` package's own
 * check (`uniqueKeys`) compares each key with every earlier one of its mapping: quadratic, a
 * minute for a template of 35,000 resources. This one is linear, and iterative.
 */
function duplicateKeyOffset(doc: Document.Parsed): number | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) return (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? node.range?.[0] ?? 0;
        seen.add(key);
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

/**
 * Parses YAML text (every document) with CloudFormation's tags. Throws a one-line
 * {@link SovereignLzError} `FILE:LINE:COL: not valid YAML: …` on malformed input, and
 * `INPUT_TOO_LARGE` above an eighth of `maxFileBytes` (see input-files.ts).
 */
export function parseCloudFormationYaml(text: string, file: string, maxFileBytes?: number): unknown[] {
  checkYamlSize(text, file, maxFileBytes);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    customTags: [...CLOUDFORMATION_TAGS],
    lineCounter,
    prettyErrors: false,
    // Checked below, in linear time.
    uniqueKeys: false,
  });
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
    const duplicate = duplicateKeyOffset(doc);
    if (duplicate !== undefined) fail(duplicate, 'Map keys must be unique');
  }
  return list
    .map((doc) => {
      try {
        return doc.toJS({ maxAliasCount: 1000 }) as unknown;
      } catch (e) {
        // E.g. "Excessive alias count indicates a resource exhaustion attack" (a billion laughs).
        throw new SovereignLzError('INPUT_INVALID', `${file}: not valid YAML: ${clipMessage((e as Error).message)}`);
      }
    })
    .filter((v) => v !== null);
}
