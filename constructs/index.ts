// The root entry point is framework-neutral: the core, and the contract of app modules.
// Each world has its own subpath (`sovereign-lz/aws`, …) so that nothing loads a framework
// it does not need.
export * from './core';
export type { AppModule, BuiltApp, SynthContext, Synthesizable } from './cli/app-definition';
