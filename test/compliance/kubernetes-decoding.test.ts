import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readInputs } from '../../constructs/compliance/read/read-inputs';
import {
  goYamlDoubleQuoted,
  looksLikeKubernetesYaml,
  parseKubernetesYaml,
} from '../../constructs/compliance/read/kubernetes-yaml';
import { SovereignLzError } from '../../constructs/core';

/**
 * Kubernetes manifests are decoded as kubectl decodes them: sigs.k8s.io/yaml's YAMLToJSON,
 * which reads YAML with go-yaml v2 and marshals the result with encoding/json. Each
 * expectation names its source:
 *
 * - [sigs-v2]: sigs.k8s.io/yaml, goyaml.v2/decode_test.go, `unmarshalTests` (into
 *   `map[string]interface{}`, as YAMLToJSON decodes);
 * - [sigs-json]: sigs.k8s.io/yaml, yaml_test.go, `TestYAMLToJSON` (and its cases "that should
 *   produce errors");
 * - [resolve]: go-yaml v2 resolve.go, `resolve()` (read where no test pins the case: the
 *   resolveMap, the hint table, strconv.ParseInt(plain, 0, 64) after `_` is removed, then
 *   ParseUint, then yamlStyleFloat);
 * - [decode]: go-yaml v2 decode.go (`scalar` sets a timestamp into interface{} as its text;
 *   `mapping` applies a merge in turn, `merge` applies a sequence from its last element);
 * - [json]: encoding/json, `Marshal`: NaN and ±Inf "will return an UnsupportedValueError";
 * - [scanner]: go-yaml scannerc.go, `yaml_parser_scan_flow_scalar` (escapes, folding, no
 *   indentation check of continuation lines, only a document indicator at column 0).
 */

function decode(text: string): unknown {
  const docs = parseKubernetesYaml(text, 'table.yaml');
  return docs.length === 1 ? docs[0] : docs;
}

function errorOf(f: () => unknown): SovereignLzError {
  try {
    f();
  } catch (e) {
    if (e instanceof SovereignLzError) return e;
    throw e;
  }
  throw new Error('no error');
}

const SCALARS: ReadonlyArray<[string, unknown, string]> = [
  // Strings, booleans, nulls.
  ['v: hi', { v: 'hi' }, 'sigs-v2'],
  ['v: true', { v: true }, 'sigs-v2'],
  ['canonical: y', { canonical: true }, 'sigs-v2'],
  ['answer: NO', { answer: false }, 'sigs-v2'],
  ['logical: True', { logical: true }, 'sigs-v2'],
  ['option: on', { option: true }, 'sigs-v2'],
  ['v: yes', { v: true }, 'resolve'],
  ['v: Yes', { v: true }, 'resolve'],
  ['v: YES', { v: true }, 'resolve'],
  ['v: Y', { v: true }, 'resolve'],
  ['v: On', { v: true }, 'resolve'],
  ['v: ON', { v: true }, 'resolve'],
  ['v: n', { v: false }, 'resolve'],
  ['v: N', { v: false }, 'resolve'],
  ['v: no', { v: false }, 'resolve'],
  ['v: No', { v: false }, 'resolve'],
  ['v: off', { v: false }, 'resolve'],
  ['v: Off', { v: false }, 'resolve'],
  ['v: OFF', { v: false }, 'resolve'],
  ['v: FALSE', { v: false }, 'resolve'],
  // Only the spellings of the resolveMap: other cases stay strings.
  ['v: yEs', { v: 'yEs' }, 'resolve'],
  ['v: oN', { v: 'oN' }, 'resolve'],
  ['v: tRUE', { v: 'tRUE' }, 'resolve'],
  // Quoted and block scalars are strings.
  ['v: "yes"', { v: 'yes' }, 'decode'],
  ["v: 'on'", { v: 'on' }, 'decode'],
  ['v: |\n  yes\n', { v: 'yes\n' }, 'decode'],
  ["'1': '\"2\"'", { '1': '"2"' }, 'sigs-v2'],
  ['empty:', { empty: null }, 'sigs-v2'],
  ['canonical: ~', { canonical: null }, 'sigs-v2'],
  ['english: null', { english: null }, 'sigs-v2'],
  ['v: Null', { v: null }, 'resolve'],
  ['v: NULL', { v: null }, 'resolve'],
  ['t: ', { t: null }, 'sigs-json'],
  ['v: nULL', { v: 'nULL' }, 'resolve'],
  // Integers.
  ['v: 10', { v: 10 }, 'sigs-v2'],
  ['v: -10', { v: -10 }, 'sigs-v2'],
  ['v: 0b10', { v: 2 }, 'sigs-v2'],
  ['v: 0xA', { v: 10 }, 'sigs-v2'],
  ['v: 4294967296', { v: 4294967296 }, 'sigs-v2'],
  ['canonical: 685230', { canonical: 685230 }, 'sigs-v2'],
  ['decimal: +685_230', { decimal: 685230 }, 'sigs-v2'],
  ['octal: 02472256', { octal: 685230 }, 'sigs-v2'],
  ['hexa: 0x_0A_74_AE', { hexa: 685230 }, 'sigs-v2'],
  ['bin: 0b1010_0111_0100_1010_1110', { bin: 685230 }, 'sigs-v2'],
  ['bin: -0b101010', { bin: -42 }, 'sigs-v2'],
  ['v: 0777', { v: 511 }, 'resolve'],
  ['v: 0o777', { v: 511 }, 'resolve'],
  ['v: 0O17', { v: 15 }, 'resolve'],
  ['v: -0x1F', { v: -31 }, 'resolve'],
  ['v: 0', { v: 0 }, 'resolve'],
  // Not octal: ParseInt fails, yamlStyleFloat reads it in decimal.
  ['v: 08', { v: 8 }, 'resolve'],
  ['v: 0x', { v: '0x' }, 'resolve'],
  ['v: 1_000', { v: 1000 }, 'resolve'],
  ['v: _1', { v: '_1' }, 'resolve'],
  ['v: 18446744073709551615', { v: 18446744073709551615 }, 'sigs-v2'],
  // Floats.
  ['v: 0.1', { v: 0.1 }, 'sigs-v2'],
  ['v: .1', { v: 0.1 }, 'sigs-v2'],
  ['v: -.1', { v: -0.1 }, 'sigs-v2'],
  ['canonical: 6.8523e+5', { canonical: 685230 }, 'sigs-v2'],
  ['expo: 685.230_15e+03', { expo: 685230.15 }, 'sigs-v2'],
  ['fixed: 685_230.15', { fixed: 685230.15 }, 'sigs-v2'],
  ['a: 123456e1', { a: 1234560 }, 'sigs-v2'],
  ['v: 1.', { v: 1 }, 'resolve'],
  ['v: 1e400', { v: '1e400' }, 'resolve'],
  // Sexagesimal numbers and timestamps are strings.
  ['a: 1:1\n', { a: '1:1' }, 'sigs-v2'],
  ['v: 1:20', { v: '1:20' }, 'resolve'],
  ['v: 190:20:30.15', { v: '190:20:30.15' }, 'sigs-v2'],
  ['a: 2015-01-01', { a: '2015-01-01' }, 'sigs-v2'],
  ['a: 2015-02-24T18:19:39.12Z', { a: '2015-02-24T18:19:39.12Z' }, 'decode'],
  ['a: !!timestamp "2015-01-01"', { a: '2015-01-01' }, 'sigs-v2'],
  ['a: "2015-01-01"', { a: '2015-01-01' }, 'sigs-v2'],
  ['a: !!str 2015-01-01', { a: '2015-01-01' }, 'sigs-v2'],
  // Strings that look like numbers.
  ['a: -b_c', { a: '-b_c' }, 'sigs-v2'],
  ['a: +b_c', { a: '+b_c' }, 'sigs-v2'],
  ['a: 50cent_of_dollar', { a: '50cent_of_dollar' }, 'sigs-v2'],
  ['v: <<', { v: '<<' }, 'resolve'],
  ['v: .', { v: '.' }, 'resolve'],
  // Explicit tags.
  ["v: !!float '1.1'", { v: 1.1 }, 'sigs-v2'],
  ['v: !!float 0', { v: 0 }, 'sigs-v2'],
  ['v: !!float -1', { v: -1 }, 'sigs-v2'],
  ["v: !!null ''", { v: null }, 'sigs-v2'],
  ["%TAG !y! tag:yaml.org,2002:\n---\nv: !y!int '1'", { v: 1 }, 'sigs-v2'],
  ['v: ! test', { v: 'test' }, 'sigs-v2'],
  ['v: !!str yes', { v: 'yes' }, 'resolve'],
  ['v: !!bool "yes"', { v: true }, 'resolve'],
  ['v: !custom on', { v: 'on' }, 'resolve'],
  ['a: !!binary gIGC\n', { a: '\ufffd\ufffd\ufffd' }, 'sigs-v2'],
  // Collections.
  ['seq: [A,1,C]', { seq: ['A', 1, 'C'] }, 'sigs-v2'],
  ['seq:\n - A\n - 1\n - C', { seq: ['A', 1, 'C'] }, 'sigs-v2'],
  ['a: {b: c}', { a: { b: 'c' } }, 'sigs-v2'],
  ['a: {b: https://github.com/go-yaml/yaml}', { a: { b: 'https://github.com/go-yaml/yaml' } }, 'sigs-v2'],
  [
    'First occurrence: &anchor Foo\nSecond occurrence: *anchor\nOverride anchor: &anchor Bar\nReuse anchor: *anchor\n',
    { 'First occurrence': 'Foo', 'Second occurrence': 'Foo', 'Override anchor': 'Bar', 'Reuse anchor': 'Bar' },
    'sigs-v2',
  ],
  // Keys become JSON member names.
  ['1: a\n', { '1': 'a' }, 'sigs-json'],
  ['1000000000000000000000000000000000000: a\n', { '1e+36': 'a' }, 'sigs-json'],
  ['1e+36: a\n', { '1e+36': 'a' }, 'sigs-json'],
  ['"1e+36": a\n', { '1e+36': 'a' }, 'sigs-json'],
  ['"1.2": a\n', { '1.2': 'a' }, 'sigs-json'],
  ['1.5: a\n', { '1.5': 'a' }, 'sigs-json'],
  ['yes: a\n', { true: 'a' }, 'sigs-json'],
  ['.inf: a\n', { '.inf': 'a' }, 'sigs-json'],
  // Documents.
  ['null\n', [], 'sigs-json'],
  ['---\na: b\n---\nc: d\n', [{ a: 'b' }, { c: 'd' }], 'sigs-json'],
  [
    '%YAML 1.1\n--- !!str\n"Generic line break (no glyph)\\n\\\n Generic line break (glyphed)\\n\\\n Line separator\\u2028\\\n Paragraph separator\\u2029"\n',
    'Generic line break (no glyph)\nGeneric line break (glyphed)\nLine separator\u2028Paragraph separator\u2029',
    'sigs-v2',
  ],
];

describe('YAML scalars decode as go-yaml v2 then encoding/json decode them (kubectl)', () => {
  test.each(SCALARS)('%j → %j [%s]', (text, expected) => {
    expect(decode(text)).toEqual(expected);
  });

  // The YAML 1.2 reader of the rest of the checker reads these otherwise: the table can fail.
  test('the table differs from YAML 1.2 where go-yaml v2 does', () => {
    const yaml12 = (text: string) => parseAllDocuments(text)[0].toJS() as unknown;
    for (const text of ['v: yes', 'v: on', 'v: 0777', 'v: y', 'v: Off']) {
      expect(decode(text)).not.toEqual(yaml12(text));
    }
  });

  test.each([
    ['v: .inf', /^table\.yaml:1:4: kubectl cannot convert this YAML to JSON: json: unsupported value: \+Inf/, 'json'],
    ['v: -.Inf', /^table\.yaml:1:4: kubectl cannot convert this YAML to JSON: json: unsupported value: -Inf/, 'json'],
    ['v: .NaN', /^table\.yaml:1:4: kubectl cannot convert this YAML to JSON: json: unsupported value: NaN/, 'json'],
    [
      '~: a',
      /^table\.yaml:1:1: kubectl cannot convert this YAML to JSON: unsupported map key of type: <nil>/,
      'sigs-json',
    ],
    ['18446744073709551615: a', /unsupported map key of type: uint64/, 'sigs-json'],
    [
      'v: !!int yes',
      /^table\.yaml:1:10: kubectl cannot convert this YAML to JSON: cannot decode !!bool `yes` as a !!int/,
      'resolve',
    ],
    ['v: !!null x', /cannot decode !!str `x` as a !!null/, 'resolve'],
    ['? [a]\n: b', /^table\.yaml:1:3: not valid YAML: invalid map key/, 'decode'],
    ['a: 1\na: 2', /^table\.yaml:2:1: not valid YAML: Map keys must be unique$/, 'decode'],
    // Two spellings of one key: go-yaml keeps one, the readers refuse both.
    ['true: 1\nyes: 2', /^table\.yaml:2:1: not valid YAML: Map keys must be unique$/, 'decode'],
    ['a: !!binary "not base64!"', /!!binary value contains invalid base64 data/, 'decode'],
  ])('%j is refused, naming where [%s]', (text, message) => {
    const error = errorOf(() => decode(text));
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.message).toMatch(message);
  });
});

describe('merge keys merge as go-yaml v2 merges them', () => {
  test('a merge brings the keys of its mapping [decode]', () => {
    expect(decode('base: &base {privileged: true, x: 1}\nsc:\n  <<: *base\n  x: 2\n')).toEqual({
      base: { privileged: true, x: 1 },
      sc: { privileged: true, x: 2 },
    });
  });

  test('a merge overrides the keys written before it, as decoder.mapping applies pairs in turn [decode]', () => {
    const text = 'base: &base {privileged: true}\nsc:\n  privileged: false\n  <<: *base\n';
    expect(decode(text)).toEqual({ base: { privileged: true }, sc: { privileged: true } });
    // YAML's merge specification (and the yaml package) keeps the explicit key: the test can fail.
    expect(parseAllDocuments(text, { merge: true })[0].toJS()).toEqual({
      base: { privileged: true },
      sc: { privileged: false },
    });
  });

  test('of merged mappings, the first wins (decoder.merge steps backwards) [decode]', () => {
    expect(decode('a: &a {k: 1}\nb: &b {k: 2, j: 2}\nc:\n  <<: [*a, *b]\n')).toEqual({
      a: { k: 1 },
      b: { k: 2, j: 2 },
      c: { k: 1, j: 2 },
    });
  });

  test('a quoted "<<" is a key, !!merge "<<" a merge [decode]', () => {
    expect(decode('a: &a {k: 1}\nb:\n  "<<": *a\n')).toEqual({ a: { k: 1 }, b: { '<<': { k: 1 } } });
    expect(decode('a: &a {k: 1}\nb:\n  !!merge "<<": *a\n')).toEqual({ a: { k: 1 }, b: { k: 1 } });
  });

  test('a merge of a scalar is refused [decode]', () => {
    expect(errorOf(() => decode('a: &a 1\nb:\n  <<: *a\n')).message).toMatch(
      /^table\.yaml:3:7: not valid YAML: map merge requires map or sequence of maps as the value$/,
    );
  });
});

describe('double-quoted scalars read as go-yaml reads them', () => {
  test.each([
    // An escaped line break joins the lines; the next line's indentation is not content.
    ['a: "x \\\n  y"\n', { a: 'x y' }],
    // Continuation lines indented less than their node (go-yaml checks no indentation).
    ['a:\n  b: "x \\\ny"\nc: d\n', { a: { b: 'x y' }, c: 'd' }],
    ['args:\n  - "sh -c \\\n  echo"\n  - x\n', { args: ['sh -c echo', 'x'] }],
    ["a:\n  b: 'x\ny'\n", { a: { b: 'x y' } }],
    ['a:\n  b: "x\ny"\n', { a: { b: 'x y' } }],
    // An escaped line break followed by an empty line keeps the line feed.
    ['a: "x \\\n\n  y"\n', { a: 'x \ny' }],
    // go-yaml's escapes: \' is one.
    ['a: "it\\\'s"\n', { a: "it's" }],
    ['a: "\\x41\\u00e9\\U0001F600\\t\\_"\n', { a: 'Aé\u{1F600}\t\u00a0' }],
  ])('%j → %j [scanner]', (text, expected) => {
    expect(decode(text)).toEqual(expected);
  });

  test('the yaml package alone refuses the continuation and reads the empty line otherwise: the tests can fail', () => {
    expect(parseAllDocuments('a:\n  b: "x \\\ny"\nc: d\n')[0].errors.length).toBeGreaterThan(0);
    expect(parseAllDocuments('a: "x \\\n\n  y"\n')[0].toJS()).toEqual({ a: 'x  y' });
  });

  test.each([
    ['a: "\\/"\n', /^table\.yaml:1:5: not valid YAML: found unknown escape character$/],
    ['a: "\\uD800"\n', /^table\.yaml:1:5: not valid YAML: found invalid Unicode character escape code$/],
    ['a: "\\xZ1"\n', /^table\.yaml:1:5: not valid YAML: did not find expected hexdecimal number$/],
    // A document marker at the start of a line ends the scalar: the quote is missing.
    ['a: "x\n---\ny"\n', /^table\.yaml:1:\d+: not valid YAML: Missing closing "quote/],
  ])('%j is refused [scanner]', (text, message) => {
    expect(errorOf(() => decode(text)).message).toMatch(message);
  });

  test('the scanner folds as go-yaml: blanks kept inside a line, trailing ones dropped before a break', () => {
    expect(goYamlDoubleQuoted('"a  b \n  c"')).toBe('a  b c');
    expect(goYamlDoubleQuoted('"a\n\n\nb"')).toBe('a\n\nb');
    expect(goYamlDoubleQuoted('"a\\ \n b"')).toBe('a  b');
  });
});

describe('a YAML file whose first document has apiVersion and kind is read as a manifest', () => {
  test.each([
    ['apiVersion: v1\nkind: Pod\n', true],
    ['# comment\n---\n"apiVersion": v1\n\'kind\': Pod\n', true],
    ['%YAML 1.1\n---\nkind: Pod\napiVersion: v1\n', true],
    ['AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', false],
    ['Resources:\n  A: {}\napiVersion: v1\nkind: Pod\n', false],
    ['a: 1\n---\napiVersion: v1\nkind: Pod\n', false],
    ['{apiVersion: v1, kind: Pod}\n', false],
    ['metadata:\n  apiVersion: v1\n  kind: Pod\n', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeKubernetesYaml(text)).toBe(expected);
  });

  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slz-k8s-decoding-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function read(name: string, text: string): Record<string, unknown>[] {
    writeFileSync(join(dir, name), text);
    const input = readInputs([name], { cwd: dir });
    return input.templates.flatMap((t) => t.resources.map((r) => r.properties as Record<string, unknown>));
  }

  const POD = (privileged: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: apps}\nspec:\n  containers:\n  - name: app\n    image: registry.gov.ma/app\n    securityContext: {privileged: ${privileged}}\n`;

  test('in block style, with the Kubernetes decoder', () => {
    const [pod] = read('block.yaml', POD('yes'));
    expect(pod.spec).toEqual({
      containers: [{ name: 'app', image: 'registry.gov.ma/app', securityContext: { privileged: true } }],
    });
  });

  test('in flow style too: the first look misses it, the reader decodes it again', () => {
    const [pod] = read(
      'flow.yaml',
      '{apiVersion: v1, kind: Pod, metadata: {name: web}, spec: {containers: [{name: app, securityContext: {privileged: on}}]}}\n',
    );
    expect(pod.spec).toEqual({ containers: [{ name: 'app', securityContext: { privileged: true } }] });
  });

  test('JSON stays JSON', () => {
    const [pod] = read(
      'pod.json',
      JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [] } }),
    );
    expect(pod.kind).toBe('Pod');
  });

  test('a CloudFormation template in YAML keeps its decoder (YAML 1.2 with the short forms)', () => {
    writeFileSync(
      join(dir, 'template.yaml'),
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Name\n      FifoQueue: yes\n',
    );
    const input = readInputs(['template.yaml'], { cwd: dir });
    expect(input.templates[0].format).toBe('cloudformation-yaml');
    expect(input.templates[0].resources[0].properties.FifoQueue).toBe('yes');
  });

  test('a manifest the API server cannot take is refused with the line, exit 2', () => {
    writeFileSync(join(dir, 'inf.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: .inf\n');
    const error = errorOf(() => readInputs(['inf.yaml'], { cwd: dir }));
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.message).toBe(
      'inf.yaml:6:6: kubectl cannot convert this YAML to JSON: json: unsupported value: +Inf (JSON has no such number)',
    );
  });
});

describe('the bounds of the other readers hold for manifests', () => {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';

  test('aliases that would expand past the limit ("billion laughs") are refused before they are expanded', () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`,
    );
    const text = `${head}data:\n  l0: &l0 "lol"\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const error = errorOf(() => parseKubernetesYaml(text, 'laughs.yaml', 1024 * 1024));
    expect(error.message).toMatch(/^laughs\.yaml: YAML aliases would expand to [\d,]+ nodes, over the limit of [\d,]+/);
  });

  test('an alias inside its own anchor is refused, naming where', () => {
    const error = errorOf(() => parseKubernetesYaml(`${head}data: &d\n  self: *d\n`, 'cycle.yaml'));
    expect(error.message).toMatch(/^cycle\.yaml: data\.self contains itself .*a cycle, which no manifest can hold$/);
  });

  test('nesting past 100 levels is refused, naming where', () => {
    const error = errorOf(() =>
      parseKubernetesYaml(`${head}data: ${'['.repeat(150)}${']'.repeat(150)}\n`, 'deep.yaml'),
    );
    expect(error.message).toMatch(/^deep\.yaml: data\[0\]\[0\].*: nested more than 100 levels deep$/);
  });
});
