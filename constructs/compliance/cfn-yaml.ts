import { LineCounter, parseAllDocuments, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { SovereignLzError } from '../core';

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
 * {@link SovereignLzError} `FILE:LINE:COL: not valid YAML: …` on malformed input.
 */
export function parseCloudFormationYaml(text: string, file: string): unknown[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    customTags: [...CLOUDFORMATION_TAGS],
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${file}:${pos.line}:${pos.col}: not valid YAML: ${error.message.split('\n')[0]}`,
      );
    }
  }
  return list.map((doc) => doc.toJS({ maxAliasCount: 1000 }) as unknown).filter((v) => v !== null);
}
