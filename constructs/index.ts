// The root entry point is framework-neutral: the core, the contract of app modules, and the
// evidence manifest.
// Each world has its own subpath (`sovereign-lz/aws`, …) so that nothing loads a framework
// it does not need.
export * from './core';
export type { AppModule, BuiltApp, SynthContext, Synthesizable } from './cli/app-definition';
// The evidence manifest of a synth output (evidence-manifest.json) and the canonical template
// hash `sovereign-lz hash-template` prints: framework-neutral (the compliance readers only).
export {
  buildEvidenceManifest,
  canonicalTemplateSha256,
  deployedTemplateOf,
  EVIDENCE_MANIFEST_FILE,
  EVIDENCE_MANIFEST_SCHEMA_VERSION,
  serializeEvidenceManifest,
} from './cli/evidence-manifest';
export type {
  EvidenceFile,
  EvidenceLink,
  EvidenceManifest,
  EvidenceNestedStackTemplate,
  EvidenceStackSetTemplate,
  EvidenceStackTemplate,
  EvidenceTemplate,
} from './cli/evidence-manifest';
