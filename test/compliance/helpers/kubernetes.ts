import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { checkInput } from '../../../constructs/compliance/check';
import type { KubernetesObject } from '../../../constructs/compliance/normalize/kubernetes-objects';
import { readKubernetesManifests } from '../../../constructs/compliance/read/kubernetes-manifests';
import { buildKubernetesTemplates, type KubernetesSource } from '../../../constructs/compliance/read/kubernetes-source';
import type { CheckResult, Finding } from '../../../constructs/compliance/normalize/model';
import { readTerraformJson } from '../../../constructs/compliance/read/terraform-json';
import {
  extendProfile,
  morocco,
  type ClassificationLevel,
  type JurisdictionProfile,
  type Site,
} from '../../../constructs/core';

export const CASABLANCA: Site = {
  name: 'ma-casablanca-1',
  country: 'MA',
  regionValues: ['ma-casablanca'],
  zoneValues: ['ma-casablanca-a', 'ma-casablanca-b'],
};

export const PARIS: Site = { name: 'fr-paris-1', country: 'FR', regionValues: ['fr-paris'], zoneValues: [] };

/** The Morocco profile with an in-country site, a foreign site, and every allowlist. */
export const PROFILE: JurisdictionProfile = extendProfile(morocco, {
  sites: [CASABLANCA, PARIS],
  allowlists: {
    imageRegistries: ['registry.gov.ma'],
    inCountryKmsIds: ['vault-casablanca'],
    logSinks: ['logs.gov.ma'],
    backupLocations: ['minio-casablanca'],
  },
});

/** Options of a judgement. */
export interface KubernetesJudgeOptions {
  readonly profile?: JurisdictionProfile;
  readonly assumed?: ClassificationLevel;
  readonly today?: string;
}

function judgeSources(sources: KubernetesSource[], options: KubernetesJudgeOptions): CheckResult {
  const templates = buildKubernetesTemplates(sources, options.assumed);
  return checkInput({ templates, skipped: [] }, options.profile ?? PROFILE, { today: options.today ?? '2026-11-22' });
}

/** Parses YAML manifests (several documents) into plain objects. */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubernetesObject)
    .filter((d) => d !== null);
}

/** The hand-written compliant cluster of fixtures/cluster.yaml, as fresh objects. */
export function cluster(): KubernetesObject[] {
  return parseManifests(readFileSync(join(__dirname, '..', 'fixtures', 'cluster.yaml'), 'utf8'));
}

/** The object of `kind` named `name` among `objects` (throws if absent). */
export function find(objects: KubernetesObject[], kind: string, name: string, namespace?: string): any {
  const found = objects.find(
    (o) =>
      o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace),
  );
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** Judges manifest objects as one file `cluster.yaml`. */
export function judgeObjects(objects: readonly unknown[], options: KubernetesJudgeOptions = {}): CheckResult {
  return judgeSources([readKubernetesManifests(objects, { file: 'cluster.yaml', format: 'kubernetes-yaml' })], options);
}

/** Judges a Terraform JSON document as the file `main.tf.json`. */
export function judgeTerraform(doc: unknown, options: KubernetesJudgeOptions = {}): CheckResult {
  return judgeSources([readTerraformJson(doc, { file: 'main.tf.json' })], options);
}

/** The findings of one rule. */
export function findingsOf(result: CheckResult, rule: string): Finding[] {
  return result.findings.filter((f) => f.rule === rule);
}

/** The findings of one rule on one resource. */
export function on(result: CheckResult, rule: string, resource: string): Finding[] {
  return findingsOf(result, rule).filter((f) => f.resource === resource);
}

/** True if the rule passed on the resource. */
export function passed(result: CheckResult, rule: string, resource: string): boolean {
  return result.passes.some((p) => p.rule === rule && p.resource === resource);
}

/** Unsuppressed findings of severity error or warning (the ones that need work). */
export function open(result: CheckResult): Finding[] {
  return result.findings.filter((f) => !f.suppressed && f.status !== 'not-assessed' && f.severity !== 'info');
}
