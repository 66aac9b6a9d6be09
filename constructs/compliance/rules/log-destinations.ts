import { findCloudRegion, type JurisdictionProfile, type LocalizedText } from '../../core';
import { placeEvidence } from '../judge/evidence';
import { bucketNamed, referenced, resourcesOfType } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { CheckInput, Resource } from '../normalize/model';
import type { Outcome } from '../judge/rule';
import { shown } from '../normalize/values';
import { arnRegion, judgeCopyRegion } from './helpers';

/**
 * Where the technical data of a resource goes (RES-3 on CloudFormation): a destination in the
 * same template is in the stack's region (which RES-1 judges); a bucket elsewhere in the input
 * is in its stack's region; an ARN names its region; an S3 name or ARN outside the input does
 * not, and cannot be proven.
 */

interface Located {
  /** True if the destination is a resource of the source's own template. */
  readonly same?: boolean;
  readonly region?: string;
  /** Why the region is unknown, when it is. */
  readonly why: LocalizedText;
}

const KNOWN: LocalizedText = { en: '', fr: '' };

function describe(value: { describe(language: 'en' | 'fr'): string }): LocalizedText {
  return { en: value.describe('en'), fr: value.describe('fr') };
}

function bucketRegion(value: unknown, source: Resource, input: CheckInput): Located {
  if (bucketNamed(value, source.template) || referenced(value, source.template)) return { same: true, why: KNOWN };
  if (isUnresolved(value) && !value.determined) return { why: describe(value) };
  const name = typeof value === 'string' ? value.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] : undefined;
  const bucket = resourcesOfType(input, 'AWS::S3::Bucket').find((b) => name && b.properties.BucketName === name);
  if (!bucket) {
    const v = shown(value);
    return {
      why: {
        en: `${v.en} is not a bucket of the input, and S3 names carry no region`,
        fr: `${v.fr} n'est pas un compartiment des artefacts vérifiés, et les noms S3 ne portent pas de région`,
      },
    };
  }
  const region = bucket.template.stack.region;
  return region
    ? { region, why: KNOWN }
    : {
        why: {
          en: `the stack of bucket '${bucket.id}' has no known region`,
          fr: `la pile du compartiment '${bucket.id}' n'a pas de région connue`,
        },
      };
}

function arnLocation(value: unknown, source: Resource): Located {
  if (referenced(value, source.template)) return { same: true, why: KNOWN };
  const text = typeof value === 'string' ? value : isUnresolved(value) ? value.text : undefined;
  const region = text !== undefined ? arnRegion(text) : undefined;
  if (region && !region.includes('${')) return { region, why: KNOWN };
  if (isUnresolved(value)) {
    return value.determined && value.refs.length ? { same: true, why: KNOWN } : { why: describe(value) };
  }
  const v = shown(value);
  return { why: { en: `${v.en} is not an ARN with a region`, fr: `${v.fr} n'est pas un ARN portant une région` } };
}

function locate(value: unknown, source: Resource, input: CheckInput, kind: 'bucket' | 'arn'): Located {
  return kind === 'bucket' ? bucketRegion(value, source, input) : arnLocation(value, source);
}

/**
 * Where a destination of the source's data is, as evidence: its `region` and `country`
 * (`unknown` when the input does not tell, `none` without a destination).
 */
export function destinationPlace(
  source: Resource,
  input: CheckInput,
  value: unknown,
  kind: 'bucket' | 'arn',
): { region: string; country: string } {
  if (value === undefined || value === null) return { region: 'none', country: 'none' };
  const { same, region } = locate(value, source, input, kind);
  if (same) return placeEvidence(source.template);
  return { region: region ?? 'unknown', country: (region && findCloudRegion(region)?.country) ?? 'unknown' };
}

/**
 * Judges a destination of the source's technical data: `kind` `bucket` for an S3 bucket name
 * or ARN, `arn` for an ARN of a regional service (a log group, a stream, a function).
 */
export function judgeLogDestination(
  profile: JurisdictionProfile,
  source: Resource,
  input: CheckInput,
  what: LocalizedText,
  value: unknown,
  kind: 'bucket' | 'arn',
): Outcome {
  if (value === undefined || value === null) return 'not-applicable';
  const located = locate(value, source, input, kind);
  if (located.same) return 'pass';
  return judgeCopyRegion(profile, source, what, located.region, located.why) ?? 'pass';
}
