import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Lint and format are checks CI should make, so they run inside the test suite. They run as
// child processes: ESLint and Prettier load their plugins with dynamic imports, which jest's
// module sandbox does not allow.
const root = join(__dirname, '..');

function run(bin: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', bin), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('ESLint reports no problem (including the rule that keeps the core framework-neutral)', () => {
  const { status, output } = run('eslint/bin/eslint.js', ['--format', 'stylish', '--max-warnings', '0', '.']);
  expect(output.trim()).toBe('');
  expect(status).toBe(0);
});

test('every file is formatted with Prettier', () => {
  const { status, output } = run('prettier/bin/prettier.cjs', ['--list-different', '.']);
  expect(output.trim()).toBe('');
  expect(status).toBe(0);
});

test('TypeScript type-checks the whole repository, tests and examples included', () => {
  // Tests run through ts-jest with isolatedModules (no type-checking), so this is the check.
  const { status, output } = run('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
  expect(output.trim()).toBe('');
  expect(status).toBe(0);
});
