// @ts-check
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['lib/**', 'out/**', 'cdk.out/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    // The core is framework-neutral: the checker and both worlds build on it.
    files: ['constructs/core/**/*.ts', 'constructs/compliance/**/*.ts', 'constructs/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'cdktf', 'cdktf/*', '@cdktf/*', 'constructs'],
              message: 'core and compliance import no framework',
            },
            {
              group: ['**/aws', '**/aws/*', '**/kubernetes', '**/kubernetes/*', '**/cli', '**/cli/*'],
              message: 'core and compliance sit below both worlds: move shared, framework-neutral code to the core',
            },
          ],
        },
      ],
    },
  },
  {
    // The deployment plan reads artifacts only: framework-neutral, above core and compliance.
    files: ['constructs/plan/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'cdktf', 'cdktf/*', '@cdktf/*', 'constructs'],
              message: 'the plan imports no framework: it reads the synthesized artifacts',
            },
            {
              group: ['**/aws', '**/aws/*', '**/kubernetes', '**/kubernetes/*', '**/cli', '**/cli/*'],
              message: 'the plan sits below both worlds and the CLI: it may use core and compliance only',
            },
          ],
        },
      ],
    },
  },
  {
    // An AWS-only user never loads cdktf.
    files: ['constructs/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['cdktf', 'cdktf/*', '@cdktf/*'], message: 'the AWS world never loads cdktf' }] },
      ],
    },
  },
  {
    // The in-country world never loads aws-cdk-lib, and imports provider resources by
    // submodule (the package root costs ~1.4 s to load).
    files: ['constructs/kubernetes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-kubernetes', message: 'import by submodule: @cdktf/provider-kubernetes/lib/…' },
          ],
          patterns: [
            { group: ['aws-cdk-lib', 'aws-cdk-lib/*'], message: 'the Kubernetes world never loads aws-cdk-lib' },
          ],
        },
      ],
    },
  },
  {
    // The examples, and their tests, use the package as a consumer does: by its public entry
    // points (`sovereign-lz/aws`, …), never by a path into its sources.
    files: ['examples/**/*.ts', 'test/examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A relative path into the sources (constructs/, lib/constructs/); not the `constructs` package.
              regex: '^\\.\\.?/(.*/)?constructs(/|$)',
              message:
                "import the package's public entry points: 'sovereign-lz', 'sovereign-lz/aws', 'sovereign-lz/testing', …",
            },
            {
              regex: '^sovereign-lz/(?!testing/jest$)[^/]+/',
              message: "only the package's entry points are public (see `exports` in package.json)",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read synthesized JSON whose shape they assert; `any` is the honest type there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
