/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  // The examples and their tests import the package by its public entry points, as a consumer
  // does (`sovereign-lz/aws`, `sovereign-lz/testing/jest`): here, from the sources (tsconfig.json
  // maps them the same way for the type-checker).
  moduleNameMapper: {
    '^sovereign-lz$': '<rootDir>/constructs',
    '^sovereign-lz/(.*)$': '<rootDir>/constructs/$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  // Synthesizing CDK apps takes seconds; two workers fit the 2-core machine.
  maxWorkers: 2,
  testTimeout: 120000,
  snapshotFormat: { escapeString: false },
};
