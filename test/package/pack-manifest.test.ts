import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/pack-manifest.js, which prepack and postpack run around `npm pack`, on a package.json
// of its own (test/package/docs-lines.test.ts runs the real `npm pack` in a copy of the repository).

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script of the repository
const { SAVED, restore, strip } = require('../../scripts/pack-manifest') as {
  SAVED: string;
  restore(dir: string): boolean;
  strip(dir: string): void;
};

// Not formatted as JSON.stringify would: restore must give these bytes back.
const ORIGINAL =
  '{\n  "name": "p",\n  "scripts": { "prepare": "npm run build", "build": "tsc" },\n  "files": ["lib"]\n}\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slz-pack-manifest-'));
  writeFileSync(join(dir, 'package.json'), ORIGINAL);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const manifest = () => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

test('strip removes prepare and nothing else; restore gives the original bytes back', () => {
  strip(dir);
  expect(manifest()).toEqual({ name: 'p', scripts: { build: 'tsc' }, files: ['lib'] });
  expect(readFileSync(join(dir, SAVED), 'utf8')).toBe(ORIGINAL);
  expect(restore(dir)).toBe(true);
  expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(ORIGINAL);
  expect(existsSync(join(dir, SAVED))).toBe(false);
  // Nothing saved, nothing to restore.
  expect(restore(dir)).toBe(false);
  expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(ORIGINAL);
});

test('after a pack that failed before postpack, the next strip starts from the saved original', () => {
  strip(dir);
  strip(dir);
  expect(readFileSync(join(dir, SAVED), 'utf8')).toBe(ORIGINAL);
  expect(manifest().scripts).toEqual({ build: 'tsc' });
  restore(dir);
  expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(ORIGINAL);
});

test('a package.json without prepare is left alone', () => {
  const without = '{ "name": "p", "scripts": { "build": "tsc" } }\n';
  writeFileSync(join(dir, 'package.json'), without);
  strip(dir);
  expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(without);
  expect(existsSync(join(dir, SAVED))).toBe(false);
});
