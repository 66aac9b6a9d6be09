/**
 * A large CloudFormation template, generated to a target size: groups of a KMS key, a data
 * bucket (encrypted with that key, logging to the group's log bucket), a log bucket and an
 * encrypted log group. Every seventh key has rotation off and every fifth log group keeps its
 * logs 30 days, so that a check of the whole file must find exactly those violations.
 */

/** The resources of one group `i` (four resources). */
function group(i: number): Record<string, unknown> {
  const tags = [
    { Key: 'sovereign-lz.io/classification', Value: 'internal' },
    { Key: 'team', Value: `records-${i % 97}` },
  ];
  return {
    [`Key${i}`]: {
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: `Key of the records of group ${i}`,
        EnableKeyRotation: i % 7 !== 0,
        PendingWindowInDays: 30,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AccountAdministers',
              Effect: 'Allow',
              Principal: {
                AWS: {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
                },
              },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
        Tags: tags,
      },
    },
    [`Logs${i}`]: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        Tags: [...tags, { Key: 'sovereign-lz.io/purpose', Value: 'logs' }],
      },
    },
    [`Bucket${i}`]: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': `records-${i}-\${AWS::AccountId}-\${AWS::Region}` },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] },
              },
            },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: `Logs${i}` }, LogFilePrefix: `records-${i}/` },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        Tags: tags,
      },
    },
    [`Group${i}`]: {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: `/sovereign-lz/records/${i}`,
        RetentionInDays: i % 5 === 0 ? 30 : 365,
        KmsKeyId: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] },
        Tags: tags,
      },
    },
  };
}

/** What a generated template holds, to assert on its check. */
export interface BigTemplate {
  /** The template's JSON text (pretty-printed with two spaces, as CDK writes templates). */
  readonly text: string;
  /** Groups of four resources. */
  readonly groups: number;
  /** Keys with rotation off (KEY-2). */
  readonly keysWithoutRotation: number;
  /** Log groups with a 30-day retention (LOG-2). */
  readonly shortRetentionGroups: number;
}

/** A template of at least `bytes` bytes (whole groups: a little more). */
export function bigTemplate(bytes: number): BigTemplate {
  // A group's size where it sits in the template (two levels of indentation).
  const probe = JSON.stringify({ Resources: group(10000) }, null, 2).length;
  const groups = Math.max(1, Math.ceil(bytes / probe));
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < groups; i++) Object.assign(resources, group(i));
  const text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
  const count = (every: number) => Math.ceil(groups / every);
  return { text, groups, keysWithoutRotation: count(7), shortRetentionGroups: count(5) };
}
