// Test helpers for users' landing zones: the same engine as `sovereign-lz check`. Loads no
// framework: apps are passed in.
export * from './architecture-snapshot';
export * from './check-app';
export * from './matchers';
export * from './snapshot-serializer';
export * from './synthesize-app';
