/** A large generated template (for speed measurements): `groups` × 10 resources of common types, with intrinsics. */
export function largeTemplate(groups: number): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  const tags = (level: string) => [{ Key: 'sovereign-lz.io/classification', Value: level }];
  for (let i = 0; i < groups; i++) {
    const level = ['public', 'internal', 'personal'][i % 3];
    resources[`Key${i}`] = {
      Type: 'AWS::KMS::Key',
      Properties: {
        EnableKeyRotation: i % 7 !== 0,
        KeyPolicy: {
          Statement: [
            {
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
        Tags: tags(level),
      },
    };
    resources[`Logs${i}`] = {
      Type: 'AWS::S3::Bucket',
      Properties: { Tags: [...tags(level), { Key: 'sovereign-lz.io/purpose', Value: 'logs' }] },
    };
    resources[`Bucket${i}`] = {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] },
              },
            },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: `Logs${i}` } },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        Tags: tags(level),
      },
    };
    resources[`Policy${i}`] = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: `Bucket${i}` },
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Resource: '*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    };
    resources[`Group${i}`] = {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        RetentionInDays: i % 5 ? 365 : 30,
        KmsKeyId: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] },
        Tags: tags(level),
      },
    };
    resources[`Queue${i}`] = {
      Type: 'AWS::SQS::Queue',
      Properties: { KmsMasterKeyId: { Ref: `Key${i}` }, Tags: tags(level) },
    };
    resources[`Vpc${i}`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tags(level) } };
    resources[`Sg${i}`] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'g',
        VpcId: { Ref: `Vpc${i}` },
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: i % 11 ? 443 : 22, ToPort: i % 11 ? 443 : 22, CidrIp: '0.0.0.0/0' },
        ],
        Tags: [...tags(level), { Key: 'sovereign-lz.io/tier', Value: 'public' }],
      },
    };
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${Bucket' + i + '.Arn}/*' } },
              ],
            },
          },
        ],
      },
    };
    resources[`Fn${i}`] = {
      Type: 'AWS::Lambda::Function',
      Properties: { Role: { 'Fn::GetAtt': [`Role${i}`, 'Arn'] }, Tags: tags(level) },
    };
  }
  return { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
}
