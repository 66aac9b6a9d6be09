import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlsReference } from '../constructs/compliance/report/controls-reference';
import { RULES } from '../constructs/compliance/rules';
import { CONTROL_IDS, eu, MOROCCO_DEFAULT_CLOUD_REGIONS, morocco } from '../constructs/core';

// The docs state figures of the code; these tests keep them true.
const read = (file: string) => readFileSync(join(__dirname, '..', file), 'utf8');

test('docs/profiles.md states the built-in allowlist as the code has it', () => {
  const listed = MOROCCO_DEFAULT_CLOUD_REGIONS.map((r) => `\`${r}\``).join(', ');
  expect(read('docs/profiles.md')).toContain(`${listed} (exported as \`MOROCCO_DEFAULT_CLOUD_REGIONS\`)`);
});

test('docs/profiles.md states the figures of the built-in profiles', () => {
  const doc = read('docs/profiles.md');
  expect(doc).toContain(
    `| \`logRetentionMinDays\` | ${morocco.logRetentionMinDays} (L05-20 Art. 26, RQC 3.8.6) | ${eu.logRetentionMinDays} (SecNumCloud 12.6) |`,
  );
  expect(doc).toContain(`| \`keyRotationMaxDays\` | ${morocco.keyRotationMaxDays} | ${eu.keyRotationMaxDays} |`);
  expect(doc).toContain(
    `| \`keyDeletionWindowDays\` | ${morocco.keyDeletionWindowDays} | ${eu.keyDeletionWindowDays} |`,
  );
});

test('docs/controls.md is the reference generated from the rules (run `npm run docs` after changing a rule)', () => {
  expect(read('docs/controls.md')).toBe(controlsReference());
});

test('every control of the catalog is judged by at least one rule', () => {
  const judged = new Set(RULES.map((r) => r.control));
  expect(CONTROL_IDS.filter((id) => !judged.has(id))).toEqual([]);
});

test('docs/testing.md shows test/testing/guide-example.test.ts as it runs', () => {
  expect(read('docs/testing.md')).toContain('```ts\n' + read('test/testing/guide-example.test.ts') + '```\n');
});

test('docs/testing.md shows test/testing/architecture-guide-example.test.ts as it runs', () => {
  expect(read('docs/testing.md')).toContain(
    '```ts\n' + read('test/testing/architecture-guide-example.test.ts') + '```\n',
  );
});
