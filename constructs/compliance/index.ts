// The compliance engine: framework-neutral (no aws-cdk-lib, no cdktf), built on the core.
// Its pipeline, one folder per stage (see README.md): read → normalize → judge → report.
export * from './check';
// Read: files and cloud assemblies into templates of resources, as each deployer decodes them.
export * from './read/cfn-yaml';
export * from './read/cloud-assembly';
export * from './read/cloudformation';
export * from './read/kubernetes-manifests';
export * from './read/kubernetes-source';
export * from './read/read-inputs';
export * from './read/read-options';
export * from './read/read-suppressions';
export * from './read/terraform-json';
// Normalize: the model, intrinsics and values, and the facts rules share.
export * from './normalize/facts';
export * from './normalize/intrinsics';
export * from './normalize/kubernetes-facts';
export * from './normalize/kubernetes-objects';
export * from './normalize/model';
export * from './normalize/taggable-types';
export * from './normalize/values';
// Judge: the engine, the rule contract and the rules.
export * from './judge/engine';
export * from './judge/rule';
export * from './rules';
// Report: text, JSON, Markdown, SARIF, HTML, and the generated controls reference.
export * from './report/controls-reference';
export * from './report/report-diff';
export * from './report/report-html';
export * from './report/report-json';
export * from './report/report-markdown';
export * from './report/report-sarif';
export * from './report/report-text';
export * from './report/reports';
