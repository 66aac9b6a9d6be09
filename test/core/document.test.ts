import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { VALIDATORS_FILE, validatorsSource } from '../../constructs/cli/validators-source';
import {
  AJV_OPTIONS,
  hasDuplicateKey,
  parseAndValidate,
  PROFILE_EXTENSION_SCHEMA,
  PROFILE_SCHEMA,
  serializeProfile,
  morocco,
  SovereignLzError,
} from '../../constructs/core';
import { PRECOMPILED_VALIDATORS } from '../../constructs/core/schema-validators.generated';
import { LANDING_ZONE_SCHEMA } from '../../constructs/landing-zone/declaration-schema';

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, tags: { type: 'object' } },
};

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SovereignLzError);
    return (e as Error).message;
  }
  throw new Error('expected a SovereignLzError');
}

test(`${VALIDATORS_FILE} is compiled from the schemas as they are (run \`npm run validators\` after changing one)`, () => {
  expect(readFileSync(join(__dirname, '..', '..', VALIDATORS_FILE), 'utf8')).toBe(validatorsSource());
  expect(Object.keys(PRECOMPILED_VALIDATORS).sort()).toEqual(
    [PROFILE_SCHEMA.$id, PROFILE_EXTENSION_SCHEMA.$id, LANDING_ZONE_SCHEMA.$id].sort(),
  );
});

test('the precompiled profile validator judges as the schema compiled at run time does', () => {
  const runtime = new Ajv(AJV_OPTIONS).compile(PROFILE_SCHEMA);
  const precompiled = PRECOMPILED_VALIDATORS[PROFILE_SCHEMA.$id];
  const good = JSON.parse(serializeProfile(morocco)) as Record<string, unknown>;
  const bad = { ...good, levels: { ...(good.levels as object), secret: { description: '' } }, extra: 1 };
  expect(precompiled(good)).toBe(true);
  expect(runtime(good)).toBe(true);
  expect(precompiled(bad)).toBe(false);
  expect(runtime(bad)).toBe(false);
  expect(precompiled.errors).toEqual(runtime.errors);
  expect(precompiled.errors!.map((e) => e.instancePath)).toContain('/levels/secret');
});

test('a valid JSON document is read, and its values can still be located by line and column', () => {
  const doc = parseAndValidate<{ name: string }>(
    '{\n  "name": "zone",\n  "tags": { "a": "b" }\n}\n',
    'z.json',
    SCHEMA,
    'X',
  );
  expect(doc.value).toEqual({ name: 'zone', tags: { a: 'b' } });
  expect(doc.locate('/tags/a')).toBe('z.json:3:18');
});

test('a schema without a precompiled validator is compiled at its first use', () => {
  expect(failure(() => parseAndValidate('{"name": ""}', 'z.json', SCHEMA, 'X'))).toBe(
    'z.json:1:10: /name must NOT have fewer than 1 characters',
  );
});

test('a JSON document with a key given twice is refused at the second one, at any depth and however escaped', () => {
  expect(failure(() => parseAndValidate('{"name": "a",\n "name": "b"}', 'z.json', SCHEMA, 'X'))).toBe(
    'z.json:2:2: not valid JSON: Map keys must be unique',
  );
  expect(
    failure(() => parseAndValidate('{"name": "a", "tags": {"k": 1,\n   "\\u006b": 2}}', 'z.json', SCHEMA, 'X')),
  ).toMatch(/^z\.json:2:4: not valid JSON: Map keys must be unique/);
});

test('hasDuplicateKey sees keys, not strings that look like them', () => {
  expect(hasDuplicateKey('{"a": 1, "b": {"a": 2}}')).toBe(false);
  expect(hasDuplicateKey('[{"a": 1}, {"a": 2}]')).toBe(false);
  expect(hasDuplicateKey('{"a": "a", "b": ["a", "a"]}')).toBe(false);
  expect(hasDuplicateKey('{"a": "x\\" , \\"a\\": {", "b": "}"}')).toBe(false);
  expect(hasDuplicateKey('{"a": {"c": 1}, "b": 2, "a" : 3}')).toBe(true);
  expect(hasDuplicateKey('{"x": [{"y": 1, "y": 2}]}')).toBe(true);
  expect(hasDuplicateKey('{"a\\\\": 1, "a\\u005c": 2}')).toBe(true);
});
