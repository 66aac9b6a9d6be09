// The deployment plan of a synth output: framework-neutral (no aws-cdk-lib, no cdktf).
export * from './build-plan';
export * from './diagram';
export * from './dot';
export * from './format-plan';
export * from './mermaid';
export * from './model';
export * from './order';
export * from './read-compliance';
export * from './render-svg';
export * from './write-plan';
