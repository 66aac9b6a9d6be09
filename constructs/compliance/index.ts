// The compliance engine: framework-neutral (no aws-cdk-lib, no cdktf), built on the core.
export * from './check';
export * from './cfn-yaml';
export * from './cloud-assembly';
export * from './cloudformation';
export * from './engine';
export * from './facts';
export * from './intrinsics';
export * from './kubernetes-objects';
export * from './model';
export * from './read-inputs';
export * from './read-options';
export * from './report-json';
export * from './report-text';
export * from './rule';
export * from './rules';
export * from './taggable-types';
export * from './values';
