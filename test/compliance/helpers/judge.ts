import { readTemplate } from '../../../constructs/compliance/read/cloudformation';
import { checkInput } from '../../../constructs/compliance/check';
import type { CheckResult, Finding, StackInfo } from '../../../constructs/compliance/normalize/model';
import {
  builtinProfile,
  TAG_KEYS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type Language,
} from '../../../constructs/core';

/** A resource of a hand-written template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
}

/** What a test template is judged with. */
export interface JudgeOptions {
  readonly profile?: string | JurisdictionProfile;
  /** The stack's environment region; `null` for an environment-agnostic stack. @default 'eu-west-3' */
  readonly region?: string | null;
  readonly account?: string;
  /** The stack's classification tag; `null` for none. @default 'internal' */
  readonly stackLevel?: ClassificationLevel | string | null;
  /** `--classification`. */
  readonly assumed?: ClassificationLevel;
  readonly stack?: Partial<StackInfo>;
  readonly today?: string;
  readonly file?: string;
  readonly language?: Language;
}

/** Judges a template document as one stack of a cloud assembly (by default in eu-west-3, level internal). */
export function judge(doc: Record<string, unknown>, options: JudgeOptions = {}): CheckResult {
  const profile = typeof options.profile === 'object' ? options.profile : builtinProfile(options.profile ?? 'morocco');
  const region = options.region === null ? undefined : (options.region ?? 'eu-west-3');
  const level = options.stackLevel === null ? undefined : (options.stackLevel ?? 'internal');
  const stack: StackInfo = {
    name: 'S',
    account: options.account,
    region,
    regionOrigin: region ? 'environment' : undefined,
    environmentAgnostic: region === undefined,
    tags: level ? { [TAG_KEYS.classification]: level } : {},
    ...options.stack,
  };
  const template = readTemplate(doc, {
    file: options.file ?? 'S.template.json',
    format: 'cloudformation-json',
    stack,
    assumedClassification: options.assumed,
  });
  return checkInput({ templates: [template], skipped: [] }, profile, {
    today: options.today ?? '2026-11-22',
    language: options.language,
  });
}

/** A template of these resources. */
export function template(
  resources: Record<string, CfnResource>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { Resources: resources, ...extra };
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

/** A customer-managed key and its resource, for templates that need one. */
export const KEY: Record<string, CfnResource> = {
  Key: {
    Type: 'AWS::KMS::Key',
    Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 },
  },
};

/** A bucket encrypted with {@link KEY} (a customer-managed key): ENC-1 passes on it. */
export const ENCRYPTED_BUCKET: CfnResource = {
  Type: 'AWS::S3::Bucket',
  Properties: {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        {
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } },
        },
      ],
    },
  },
};
