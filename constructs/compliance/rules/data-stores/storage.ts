import type { LocalizedText } from '../../../core';
import { accessLogDestinations, bucketNamed, bucketPolicies, resourcesOfType, statements } from '../../normalize/facts';
import { isUnresolved } from '../../normalize/intrinsics';
import type { CheckInput, Resource } from '../../normalize/model';
import { cannotProve, combine, fail, unknownValue, type Outcome } from '../../judge/rule';
import { at, bool, list, shown, str, strings } from '../../normalize/values';
import { accessLogException } from '../builtin-exceptions';
import { judgeCopyRegion } from '../helpers';
import {
  atRest,
  atRestBy,
  copies,
  copiesBy,
  described,
  exposureBy,
  judgeDestination,
  keptBy,
  publicPolicy,
  transitBy,
} from './columns';
import { isEveryone, publicGrants } from './policies';
import { cfnPage, present, type Check, type DataStoreRow } from './table';
import { settingsEvidence } from './evidence';
import type { Evidence } from '../../judge/evidence';

/** The bucket policies of the template that name `bucket`, and how many public grants they make. */
function bucketPolicyEvidence(bucket: Resource): Evidence {
  const own = bucketPolicies(bucket.template).byBucket.get(bucket) ?? [];
  let grants = 0;
  for (const policy of own) {
    const found = publicGrants(policy.properties.PolicyDocument);
    if (!isUnresolved(found)) grants += found.length;
  }
  return { bucketPolicies: own.length ? own.map((p) => p.id) : ['none'], publicGrants: grants };
}
import { judgeInterfaces, judgePublicIp, launchSubnets } from './tiers';

/** Rows of the storage services: S3, EBS and launch settings, EFS, FSx, AWS Backup, DLM, ECR. */

// ---- S3 ----

const S3_ALGORITHMS = 'aws:kms or aws:kms:dsse with `KMSMasterKeyID`; `AES256` (SSE-S3) is a provider key';

/** True if a statement denies every request made without TLS (on every action of the service, `s3:*`, or `*`). */
export function deniesInsecureTransport(statement: Record<string, unknown>, allActions: string): boolean {
  if (statement.Effect !== 'Deny' || !isEveryone(statement.Principal)) return false;
  const actions = strings(statement.Action);
  if (!actions.includes(allActions) && !actions.includes('*')) return false;
  const conditions = statement.Condition;
  if (typeof conditions !== 'object' || conditions === null) return false;
  return Object.entries(conditions as Record<string, unknown>).some(
    ([operator, block]) =>
      /^Bool(IfExists)?$/.test(operator) && String(at(block, 'aws:SecureTransport')).toLowerCase() === 'false',
  );
}

const s3AtRest = atRestBy(
  {
    reads: `\`BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault\`: \`SSEAlgorithm\` ${S3_ALGORITHMS}. Built-in exception: the destination of server access logs, which S3 accepts only with SSE-S3`,
    absent: 'encrypted with SSE-S3 (a provider key), the default of every bucket since January 2023',
    provider: '`alias/aws/s3`, `AES256`',
  },
  (bucket, { input }) => {
    const rules = list(present(at(bucket.properties, 'BucketEncryption.ServerSideEncryptionConfiguration')));
    if (isUnresolved(rules)) return { outcome: cannotProve(unknownValue('its encryption', 'son chiffrement', rules)) };
    const sse = at(rules?.[0], 'ServerSideEncryptionByDefault');
    const algorithm = str(present(at(sse, 'SSEAlgorithm')));
    if (isUnresolved(algorithm)) {
      return { outcome: cannotProve(unknownValue('SSEAlgorithm', 'SSEAlgorithm', algorithm)) };
    }
    const kms = algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse';
    const logSource = accessLogDestinations(input).get(bucket);
    return {
      parts: [
        {
          encryptedByDefault: true,
          key: kms ? present(at(sse, 'KMSMasterKeyID')) : undefined,
          keyProperty: kms
            ? 'KMSMasterKeyID'
            : {
                en: `SSEAlgorithm ${algorithm ?? 'AES256 (default)'}`,
                fr: `SSEAlgorithm ${algorithm ?? 'AES256 (par défaut)'}`,
              },
          providerKey: !kms,
          exception: logSource ? accessLogException(logSource.id) : undefined,
        },
      ],
    };
  },
  'ENC-1/s3-bucket-cmk',
);

/** The region of the bucket a replication destination names, or why it is unknown. */
function destinationRegion(value: unknown, input: CheckInput): { region?: string; why: LocalizedText } {
  if (isUnresolved(value) && !value.determined) return { why: described(value) };
  const name = typeof value === 'string' ? value.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] : undefined;
  const destination = resourcesOfType(input, 'AWS::S3::Bucket').find((b) => name && b.properties.BucketName === name);
  if (!destination) {
    const v = shown(value);
    return {
      why: {
        en: `${v.en} is not a bucket of the input, and S3 ARNs carry no region`,
        fr: `${v.fr} n'est pas un compartiment des artefacts vérifiés, et les ARN S3 ne portent pas de région`,
      },
    };
  }
  const region = destination.template.stack.region;
  return region
    ? { region, why: { en: '', fr: '' } }
    : {
        why: {
          en: `the stack of bucket '${destination.id}' has no known region`,
          fr: `la pile du compartiment '${destination.id}' n'a pas de région connue`,
        },
      };
}

const s3Replication = copiesBy(
  {
    reads:
      "S3 replication: each enabled rule of `ReplicationConfiguration.Rules[]`, `Destination.Bucket`, in the region of that bucket's stack (S3 ARNs carry no region: a bucket outside the input cannot be proven)",
    absent: 'no copy',
  },
  (bucket, { profile, input }) => {
    const rules = list(present(at(bucket.properties, 'ReplicationConfiguration.Rules')));
    if (rules === undefined) return 'not-applicable';
    if (isUnresolved(rules)) {
      return (
        judgeCopyRegion(profile, bucket, { en: 'S3 replication', fr: 'réplication S3' }, undefined, described(rules)) ??
        'pass'
      );
    }
    return combine(
      rules.map((rule) => {
        if (str(at(rule, 'Status')) === 'Disabled') return 'not-applicable';
        const destination = at(rule, 'Destination.Bucket');
        // A bucket of the same template is in the same region, which RES-1 judges.
        if (bucketNamed(destination, bucket.template)) return 'pass';
        const { region, why } = destinationRegion(destination, input);
        const to = shown(destination);
        const what = { en: `replication to ${to.en}`, fr: `réplication vers ${to.fr}` };
        return judgeCopyRegion(profile, bucket, what, region, why) ?? 'pass';
      }),
    );
  },
  'RES-2/s3-replication-region',
);

const BLOCK_SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

const s3PublicAccessBlock = exposureBy(
  'ACC-1',
  { reads: `\`PublicAccessBlockConfiguration\` with ${BLOCK_SETTINGS.join(', ')} all true`, absent: 'not blocked' },
  (bucket) => {
    const config = present(bucket.properties.PublicAccessBlockConfiguration);
    if (config === undefined) {
      return fail({
        en: 'the bucket declares no PublicAccessBlockConfiguration',
        fr: 'le compartiment ne déclare aucune PublicAccessBlockConfiguration',
      });
    }
    if (isUnresolved(config)) {
      return cannotProve(unknownValue('PublicAccessBlockConfiguration', 'PublicAccessBlockConfiguration', config));
    }
    const off: string[] = [];
    for (const name of BLOCK_SETTINGS) {
      const value = bool(present(at(config, name)));
      if (isUnresolved(value)) return cannotProve(unknownValue(name, name, value));
      if (value !== true) off.push(name);
    }
    return off.length
      ? fail({
          en: `public access is not blocked: ${off.join(', ')} not true`,
          fr: `l'accès public n'est pas bloqué : ${off.join(', ')} ne ${off.length > 1 ? 'valent' : 'vaut'} pas true`,
        })
      : 'pass';
  },
  'ACC-1/s3-public-access-block',
  undefined,
  (bucket) =>
    settingsEvidence(
      bucket,
      BLOCK_SETTINGS.map((name) => `PublicAccessBlockConfiguration.${name}`),
    ),
);

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

/** ACC-1 on the statements of a bucket policy: an Allow to `*` without a restricting condition is public. */
function judgeBucketPolicy(policy: Resource, on: LocalizedText): Outcome[] {
  const grants = publicGrants(policy.properties.PolicyDocument);
  if (isUnresolved(grants)) {
    return [cannotProve(unknownValue(`the policy '${policy.id}'`, `la politique '${policy.id}'`, grants))];
  }
  return grants.map((g): Outcome => {
    const condition = g.conditioned
      ? {
          en: ' under a condition that restricts no source or principal',
          fr: ' sous une condition qui ne restreint ni source ni principal',
        }
      : { en: '', fr: '' };
    if (g.unknown) {
      return cannotProve({
        en: `the policy '${policy.id}' allows ${g.actions} to everyone${on.en} under a condition that cannot be known (${g.unknown.describe('en')})`,
        fr: `la politique '${policy.id}' autorise ${g.actions} à tout le monde${on.fr} sous une condition impossible à connaître (${g.unknown.describe('fr')})`,
      });
    }
    return fail({
      en: `the policy '${policy.id}' allows ${g.actions} to everyone${on.en}${condition.en}`,
      fr: `la politique '${policy.id}' autorise ${g.actions} à tout le monde${on.fr}${condition.fr}`,
    });
  });
}

const S3_GRANT_DOC = {
  reads:
    'no Allow of a bucket policy (of the bucket, or naming a bucket outside its template by name or ARN) to principal `*` without a condition on a fixed source or principal (`aws:Referer` does not restrict); no public canned ACL (`PublicRead`, `PublicReadWrite`, `AuthenticatedRead`)',
  absent: 'not public',
};

const s3PublicGrant = exposureBy(
  'ACC-1',
  S3_GRANT_DOC,
  (bucket) => {
    const outcomes: Outcome[] = ['pass'];
    const acl = str(present(bucket.properties.AccessControl));
    if (isUnresolved(acl)) outcomes.push(cannotProve(unknownValue('AccessControl', 'AccessControl', acl)));
    else if (acl && PUBLIC_ACLS.has(acl)) {
      outcomes.push(fail({ en: `the bucket's ACL is ${acl}`, fr: `l'ACL du compartiment est ${acl}` }));
    }
    for (const policy of bucketPolicies(bucket.template).byBucket.get(bucket) ?? []) {
      outcomes.push(...judgeBucketPolicy(policy, { en: '', fr: '' }));
    }
    return combine(outcomes);
  },
  'ACC-1/s3-public-grant',
  undefined,
  (bucket) => ({ ...settingsEvidence(bucket, ['AccessControl']), ...bucketPolicyEvidence(bucket) }),
);

/** The bucket a policy names, when it is outside the policy's template: by name or ARN, in the input if found. */
function foreignBucket(policy: Resource, input: CheckInput): { name: LocalizedText } | undefined {
  const value = present(policy.properties.Bucket);
  if (bucketNamed(value, policy.template)) return undefined;
  const text = str(value);
  const name = typeof text === 'string' ? text.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] : undefined;
  const found = name
    ? resourcesOfType(input, 'AWS::S3::Bucket').find(
        (b) => b.template !== policy.template && b.properties.BucketName === name,
      )
    : undefined;
  const shownName = shown(name ?? value);
  return {
    name: found
      ? {
          en: ` on bucket ${shownName.en} ('${found.id}' of ${found.file})`,
          fr: ` sur le compartiment ${shownName.fr} ('${found.id}' de ${found.file})`,
        }
      : {
          en: ` on bucket ${shownName.en}, outside the template`,
          fr: ` sur le compartiment ${shownName.fr}, hors du modèle`,
        },
  };
}

const s3PolicyGrant = exposureBy(
  'ACC-1',
  S3_GRANT_DOC,
  (policy, { input }) => {
    const foreign = foreignBucket(policy, input);
    if (!foreign) return 'not-applicable';
    return combine(['pass', ...judgeBucketPolicy(policy, foreign.name)]);
  },
  'ACC-1/s3-public-grant',
);

const s3SecureTransport = transitBy(
  {
    reads:
      'a bucket policy (of the same template) with a Deny of `s3:*` to principal `*` when `aws:SecureTransport` is false',
    absent: 'requests without TLS accepted',
  },
  (bucket) => {
    const policies = bucketPolicies(bucket.template);
    const own = policies.byBucket.get(bucket) ?? [];
    let unknown: LocalizedText | undefined;
    for (const policy of own) {
      const found = statements(policy.properties.PolicyDocument);
      if (isUnresolved(found))
        unknown = unknownValue(`the policy '${policy.id}'`, `la politique '${policy.id}'`, found);
      else if (found.some((s) => deniesInsecureTransport(s, 's3:*'))) return 'pass';
    }
    if (unknown) return cannotProve(unknown);
    if (!own.length && policies.unknown.length) {
      const ids = policies.unknown.map((p) => `'${p.id}'`).join(', ');
      return cannotProve({
        en: `no bucket policy of the template names this bucket, and the bucket of ${ids} is unknown`,
        fr: `aucune politique de compartiment du modèle ne nomme ce compartiment, et le compartiment de ${ids} est inconnu`,
      });
    }
    return fail(
      own.length
        ? {
            en: 'its bucket policy does not deny requests without TLS (aws:SecureTransport false)',
            fr: 'sa politique de compartiment ne refuse pas les requêtes sans TLS (aws:SecureTransport false)',
          }
        : {
            en: 'it has no bucket policy denying requests without TLS',
            fr: "il n'a aucune politique de compartiment refusant les requêtes sans TLS",
          },
    );
  },
  'ENC-2/s3-secure-transport',
  (bucket) => {
    const own = bucketPolicies(bucket.template).byBucket.get(bucket) ?? [];
    const denying = own.filter((policy) => {
      const found = statements(policy.properties.PolicyDocument);
      return !isUnresolved(found) && found.some((s) => deniesInsecureTransport(s, 's3:*'));
    });
    return {
      bucketPolicies: own.length ? own.map((p) => p.id) : ['none'],
      deniesInsecureTransport: denying.length ? denying.map((p) => p.id) : ['none'],
    };
  },
);

// ---- EBS, instances and their launch settings ----

const NO_BLOCK_DEVICE: Outcome = cannotProve({
  en: "it maps no block device: its volumes are the AMI's, whose encryption (and the account's EBS default encryption) the artifact does not show",
  fr: "il ne déclare aucun périphérique de bloc : ses volumes sont ceux de l'AMI, dont le chiffrement (comme le chiffrement EBS par défaut du compte) n'apparaît pas dans l'artefact",
});

/** What the public-IP checks of launch settings read besides them. */
const LAUNCH_EVIDENCE = ['AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::Subnet'];

const INSTANCE: LocalizedText = { en: 'the instance', fr: "l'instance" };
const LAUNCHED: LocalizedText = { en: 'the launched instance', fr: "l'instance lancée" };

const instancePublicIp = exposureBy(
  'NET-2',
  {
    reads: '`NetworkInterfaces[].AssociatePublicIpAddress` true only on a subnet tagged `sovereign-lz.io/tier: public`',
    absent: "the subnet's MapPublicIpOnLaunch (NET-2/subnet-public-ip)",
  },
  (instance) =>
    judgeInterfaces(instance.properties.NetworkInterfaces, [instance.properties.SubnetId], instance.template, INSTANCE),
  'NET-2/instance-public-ip',
);

/** RDS's PubliclyAccessible, reported under NET-2/instance-public-ip as before the table. */
export const rdsInstancePublic: Check = exposureBy(
  'NET-2',
  { reads: '`PubliclyAccessible` true is public', absent: 'not public (in a VPC with a subnet group)' },
  (db) => {
    const open = bool(present(db.properties.PubliclyAccessible));
    if (isUnresolved(open)) return cannotProve(unknownValue('PubliclyAccessible', 'PubliclyAccessible', open));
    return open === true
      ? fail({ en: 'the database is publicly accessible', fr: 'la base de données est accessible publiquement' })
      : 'pass';
  },
  'NET-2/instance-public-ip',
);

// ---- EFS ----

const efsReplication = copiesBy(
  {
    reads:
      'EFS replication: `ReplicationConfiguration.Destinations[].Region` (or the region of `AvailabilityZoneName` for a One Zone destination)',
    absent: 'no copy',
  },
  (fs, context) => {
    const destinations = list(present(at(fs.properties, 'ReplicationConfiguration.Destinations')));
    if (destinations === undefined) return 'not-applicable';
    const what = { en: 'EFS replication', fr: 'réplication EFS' };
    if (isUnresolved(destinations)) {
      return judgeCopyRegion(context.profile, fs, what, undefined, described(destinations)) ?? 'pass';
    }
    return combine(
      destinations.map((d): Outcome => {
        const region = present(at(d, 'Region'));
        if (region !== undefined) return judgeDestination(fs, context, what, region, 'region');
        const zone = str(present(at(d, 'AvailabilityZoneName')));
        if (typeof zone === 'string') return judgeDestination(fs, context, what, zone.replace(/[a-z]$/, ''), 'region');
        // Without a Region, the destination is a file system of the source's own region.
        return 'pass';
      }),
    );
  },
);

const efsSecureTransport = transitBy(
  {
    reads:
      '`FileSystemPolicy` with a Deny of `*` (or `elasticfilesystem:*`) to principal `*` when `aws:SecureTransport` is false (the console\'s "enforce in-transit encryption")',
    absent: 'NFS clients may mount without TLS',
  },
  (fs) => {
    const policy = present(fs.properties.FileSystemPolicy);
    if (policy === undefined) {
      return fail({
        en: 'no FileSystemPolicy denies connections without TLS: NFS clients may mount without encryption in transit',
        fr: 'aucune FileSystemPolicy ne refuse les connexions sans TLS : les clients NFS peuvent monter le système sans chiffrement en transit',
      });
    }
    const found = statements(policy);
    if (isUnresolved(found)) return cannotProve(unknownValue('FileSystemPolicy', 'FileSystemPolicy', found));
    return found.some((s) => deniesInsecureTransport(s, 'elasticfilesystem:*'))
      ? 'pass'
      : fail({
          en: 'its FileSystemPolicy does not deny connections without TLS (aws:SecureTransport false)',
          fr: 'sa FileSystemPolicy ne refuse pas les connexions sans TLS (aws:SecureTransport false)',
        });
  },
);

// ---- FSx ----

const FSX_SCRATCH = new Set(['SCRATCH_1', 'SCRATCH_2']);

const fsxAtRest = atRestBy(
  {
    reads:
      'key `KmsKeyId`; an FSx for Lustre `SCRATCH_1`/`SCRATCH_2` file system (`LustreConfiguration.DeploymentType`) takes no key and uses the FSx service key',
    absent: 'encrypted with the AWS managed key aws/fsx (every FSx file system is encrypted)',
    provider: '`alias/aws/*`',
  },
  (fs) => {
    const deployment = str(present(at(fs.properties, 'LustreConfiguration.DeploymentType')));
    if (isUnresolved(deployment)) {
      return { outcome: cannotProve(unknownValue('DeploymentType', 'DeploymentType', deployment)) };
    }
    const scratch = typeof deployment === 'string' && FSX_SCRATCH.has(deployment);
    return {
      parts: [
        {
          encryptedByDefault: true,
          key: scratch ? undefined : present(fs.properties.KmsKeyId),
          keyProperty: 'KmsKeyId',
          providerKey: scratch || undefined,
          how: scratch
            ? {
                en: `a ${deployment} Lustre file system takes no key`,
                fr: `un système de fichiers Lustre ${deployment} n'accepte pas de clé`,
              }
            : undefined,
        },
      ],
    };
  },
);

// ---- AWS Backup ----

const backupCopies = copiesBy(
  {
    reads:
      "backup copies: `BackupPlan.BackupPlanRule[].CopyActions[].DestinationBackupVaultArn`, in the region of the vault ARN (a vault of the same template is in the stack's region)",
    absent: 'no copy',
  },
  (plan, context) => {
    const COPIES = { en: 'backup copies', fr: 'copies de sauvegarde' };
    const rules = list(present(at(plan.properties, 'BackupPlan.BackupPlanRule')));
    if (rules === undefined) return 'not-applicable';
    if (isUnresolved(rules))
      return judgeCopyRegion(context.profile, plan, COPIES, undefined, described(rules)) ?? 'pass';
    const outcomes: Outcome[] = [];
    for (const rule of rules) {
      const actions = list(present(at(rule, 'CopyActions')));
      if (actions === undefined) continue;
      if (isUnresolved(actions)) {
        outcomes.push(judgeCopyRegion(context.profile, plan, COPIES, undefined, described(actions)) ?? 'pass');
        continue;
      }
      const ruleName = String(str(at(rule, 'RuleName')) ?? '?');
      for (const copy of actions) {
        const what = { en: `copy of rule '${ruleName}'`, fr: `copie de la règle '${ruleName}'` };
        outcomes.push(judgeDestination(plan, context, what, at(copy, 'DestinationBackupVaultArn'), 'arn'));
      }
    }
    return outcomes.length ? combine(outcomes) : 'not-applicable';
  },
  'RES-2/backup-copy-region',
);

// ---- The rows ----

const EBS_SOURCES = ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'];

export const STORAGE_ROWS: readonly DataStoreRow[] = [
  {
    type: 'AWS::S3::Bucket',
    sources: [
      cfnPage('AWS::S3::Bucket'),
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
    ],
    checks: [s3AtRest, s3Replication, s3PublicAccessBlock, s3PublicGrant, s3SecureTransport],
  },
  {
    type: 'AWS::S3::BucketPolicy',
    sources: [
      cfnPage('AWS::S3::BucketPolicy'),
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    ],
    checks: [s3PolicyGrant],
  },
  {
    type: 'AWS::EC2::Volume',
    sources: [cfnPage('AWS::EC2::Volume'), ...EBS_SOURCES],
    checks: [
      atRest({
        rule: 'ENC-1/ebs-volume-cmk',
        enabled: 'Encrypted',
        key: 'KmsKeyId',
        absent: 'unencrypted',
        note: "The account's EBS encryption by default is not visible in the artifact",
      }),
    ],
  },
  {
    type: 'AWS::EC2::Instance',
    sources: [cfnPage('AWS::EC2::Instance'), ...EBS_SOURCES],
    checks: [
      atRest({
        each: 'BlockDeviceMappings',
        only: 'Ebs',
        label: 'DeviceName',
        enabled: 'Ebs.Encrypted',
        key: 'Ebs.KmsKeyId',
        absent: 'unencrypted',
        none: () => NO_BLOCK_DEVICE,
        note: "Without a block device mapping, the volumes are the AMI's: cannot be proven",
      }),
      instancePublicIp,
    ],
  },
  {
    type: 'AWS::EC2::LaunchTemplate',
    sources: [cfnPage('AWS::EC2::LaunchTemplate'), ...EBS_SOURCES],
    checks: [
      atRest({
        each: 'LaunchTemplateData.BlockDeviceMappings',
        only: 'Ebs',
        label: 'DeviceName',
        enabled: 'Ebs.Encrypted',
        key: 'Ebs.KmsKeyId',
        absent: 'unencrypted',
        none: () => NO_BLOCK_DEVICE,
        note: "Without a block device mapping, the volumes are the AMI's: cannot be proven",
      }),
      exposureBy(
        'NET-2',
        {
          reads:
            '`LaunchTemplateData.NetworkInterfaces[].AssociatePublicIpAddress` true only on subnets tagged `sovereign-lz.io/tier: public` (its `SubnetId`, or the `VPCZoneIdentifier` of the Auto Scaling groups of the template that launch it)',
          absent: "the subnet's MapPublicIpOnLaunch (NET-2/subnet-public-ip)",
        },
        (lt) =>
          judgeInterfaces(
            at(lt.properties, 'LaunchTemplateData.NetworkInterfaces'),
            launchSubnets(lt),
            lt.template,
            LAUNCHED,
          ),
        undefined,
        LAUNCH_EVIDENCE,
      ),
    ],
  },
  {
    type: 'AWS::AutoScaling::LaunchConfiguration',
    sources: [cfnPage('AWS::AutoScaling::LaunchConfiguration'), ...EBS_SOURCES],
    checks: [
      atRest({
        each: 'BlockDeviceMappings',
        only: 'Ebs',
        label: 'DeviceName',
        enabled: 'Ebs.Encrypted',
        absent: 'unencrypted',
        none: () => NO_BLOCK_DEVICE,
        noKeyChoice: {
          en: 'a launch configuration names no key: the default EBS key of the account',
          fr: 'une configuration de lancement ne nomme aucune clé : la clé EBS par défaut du compte',
        },
        note: 'A launch configuration cannot name a KMS key: use a launch template',
      }),
      exposureBy(
        'NET-2',
        {
          reads:
            '`AssociatePublicIpAddress` true only on subnets tagged `sovereign-lz.io/tier: public` (the `VPCZoneIdentifier` of the Auto Scaling groups of the template that launch it)',
          absent: "the subnet's MapPublicIpOnLaunch (NET-2/subnet-public-ip)",
        },
        (lc) =>
          judgePublicIp(
            lc.properties.AssociatePublicIpAddress,
            'AssociatePublicIpAddress',
            launchSubnets(lc),
            lc.template,
            LAUNCHED,
          ),
        undefined,
        LAUNCH_EVIDENCE,
      ),
    ],
  },
  {
    type: 'AWS::EFS::FileSystem',
    sources: [cfnPage('AWS::EFS::FileSystem'), 'https://docs.aws.amazon.com/efs/latest/ug/encryption-in-transit.html'],
    checks: [
      atRest({ rule: 'ENC-1/efs-cmk', enabled: 'Encrypted', key: 'KmsKeyId', absent: 'unencrypted' }),
      efsReplication,
      publicPolicy({
        control: 'ACC-1',
        path: 'FileSystemPolicy',
        what: { en: 'the file system is open to everyone', fr: 'le système de fichiers est ouvert à tous' },
      }),
      efsSecureTransport,
    ],
  },
  {
    type: 'AWS::EFS::AccessPoint',
    sources: [cfnPage('AWS::EFS::AccessPoint')],
    checks: [
      atRest({
        absent: 'provider-key',
        skip: (ap, context) => keptBy(ap, context, 'FileSystemId', ['AWS::EFS::FileSystem']) ?? 'not-applicable',
        reads:
          'an access point holds no data: its file system (`FileSystemId`) is judged; one outside the template cannot be proven',
      }),
    ],
  },
  {
    type: 'AWS::FSx::FileSystem',
    sources: [
      cfnPage('AWS::FSx::FileSystem'),
      'https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html',
    ],
    checks: [fsxAtRest],
  },
  {
    type: 'AWS::Backup::BackupVault',
    sources: [cfnPage('AWS::Backup::BackupVault')],
    checks: [atRest({ rule: 'ENC-1/backup-vault-cmk', key: 'EncryptionKeyArn', absent: 'provider-key' })],
  },
  {
    type: 'AWS::Backup::BackupPlan',
    sources: [cfnPage('AWS::Backup::BackupPlan')],
    checks: [backupCopies],
  },
  {
    type: 'AWS::DLM::LifecyclePolicy',
    sources: [cfnPage('AWS::DLM::LifecyclePolicy')],
    checks: [
      copies({
        what: { en: 'cross-region snapshot copy', fr: "copie d'instantanés interrégionale" },
        places: [
          'PolicyDetails.Schedules[].CrossRegionCopyRules[].Target',
          'PolicyDetails.Schedules[].CrossRegionCopyRules[].TargetRegion',
          'PolicyDetails.Actions[].CrossRegionCopy[].Target',
        ],
        regions: ['CrossRegionCopyTargets[].TargetRegion', 'PolicyDetails.CrossRegionCopyTargets[].TargetRegion'],
        note: 'A target is a region, or an Outpost ARN (its region)',
      }),
    ],
  },
  {
    type: 'AWS::ECR::Repository',
    sources: [
      cfnPage('AWS::ECR::Repository'),
      'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html',
    ],
    checks: [
      atRest({
        mode: { path: 'EncryptionConfiguration.EncryptionType', provider: ['AES256'], key: ['KMS', 'KMS_DSSE'] },
        key: 'EncryptionConfiguration.KmsKey',
        absent: 'provider-key',
        note: 'Image scanning is not this control',
      }),
      publicPolicy({
        control: 'ACC-1',
        path: 'RepositoryPolicyText',
        what: { en: 'the repository is open to everyone', fr: 'le dépôt est ouvert à tous' },
      }),
    ],
  },
  {
    type: 'AWS::ECR::ReplicationConfiguration',
    sources: [cfnPage('AWS::ECR::ReplicationConfiguration')],
    checks: [
      copies({
        what: { en: 'ECR replication', fr: 'réplication ECR' },
        regions: ['ReplicationConfiguration.Rules[].Destinations[].Region'],
      }),
    ],
  },
];
