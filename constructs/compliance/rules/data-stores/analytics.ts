import { isUnresolved } from '../../normalize/intrinsics';
import { cannotProve, unknownValue } from '../../judge/rule';
import { at, bool, str } from '../../normalize/values';
import {
  atRest,
  atRestAll,
  atRestBy,
  copies,
  noCustomerKey,
  publicFlag,
  publicPolicy,
  publicValue,
  tlsFlag,
  tlsValue,
} from './columns';
import { cfnPage, present, type DataStoreRow } from './table';

/**
 * Rows of messaging, streaming, secrets, analytics, workflows and builds: SQS, SNS, CloudWatch
 * Logs, Kinesis, Firehose, Kinesis Video, MSK, Amazon MQ, Secrets Manager, SSM Parameter Store,
 * Glue, Athena, Step Functions, CodeBuild.
 */

const OPEN_TO_EVERYONE = {
  en: 'the policy opens the resource to everyone',
  fr: 'la politique ouvre la ressource à tous',
};

/** Firehose source types whose data rests in the source, not in the delivery stream. */
const FIREHOSE_SOURCES = new Set(['KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource']);

const codeBuildAtRest = atRestBy(
  {
    reads:
      'key `EncryptionKey` (the build output artifacts); `Artifacts.EncryptionDisabled` or `LogsConfig.S3Logs.EncryptionDisabled` true leaves them unencrypted',
    absent: 'encrypted with the AWS managed key aws/s3',
    provider: '`alias/aws/*`',
  },
  (project) => {
    for (const path of ['Artifacts.EncryptionDisabled', 'LogsConfig.S3Logs.EncryptionDisabled']) {
      const disabled = bool(present(at(project.properties, path)));
      if (isUnresolved(disabled)) return { outcome: cannotProve(unknownValue(path, path, disabled)) };
      if (disabled === true) {
        return {
          parts: [
            {
              enabled: false,
              encryptedByDefault: false,
              key: undefined,
              keyProperty: 'EncryptionKey',
              part: { en: `${path} true`, fr: `${path} vaut true` },
            },
          ],
        };
      }
    }
    return {
      parts: [
        { encryptedByDefault: true, key: present(project.properties.EncryptionKey), keyProperty: 'EncryptionKey' },
      ],
    };
  },
);

const ssmParameterAtRest = atRestBy(
  {
    reads:
      'no key: CloudFormation creates `String` and `StringList` parameters only (`SecureString` is not supported), which no KMS key encrypts',
    absent: "no customer-managed key: acceptable where the level's key custody is the provider's",
  },
  (parameter, context) => {
    const type = str(present(parameter.properties.Type));
    if (isUnresolved(type)) return { outcome: cannotProve(unknownValue('Type', 'Type', type)) };
    return {
      outcome: noCustomerKey(parameter, context, {
        en: `the value is stored as a ${type ?? 'String'} parameter, which no KMS key encrypts (CloudFormation cannot create a SecureString parameter)`,
        fr: `la valeur est stockée dans un paramètre ${type ?? 'String'}, qu'aucune clé KMS ne chiffre (CloudFormation ne peut pas créer de paramètre SecureString)`,
      }),
    };
  },
);

export const ANALYTICS_ROWS: readonly DataStoreRow[] = [
  {
    type: 'AWS::SQS::Queue',
    sources: [
      cfnPage('AWS::SQS::Queue'),
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    ],
    checks: [
      atRest({
        rule: 'ENC-1/sqs-cmk',
        key: 'KmsMasterKeyId',
        absent: 'provider-key',
        note: 'SQS-managed encryption (`SqsManagedSseEnabled`, the default) is a provider key',
      }),
    ],
  },
  {
    type: 'AWS::SQS::QueuePolicy',
    sources: [cfnPage('AWS::SQS::QueuePolicy')],
    checks: [publicPolicy({ control: 'ACC-1', path: 'PolicyDocument', what: OPEN_TO_EVERYONE })],
  },
  {
    type: 'AWS::SNS::Topic',
    sources: [cfnPage('AWS::SNS::Topic'), 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
    checks: [atRest({ rule: 'ENC-1/sns-cmk', key: 'KmsMasterKeyId', absent: 'unencrypted' })],
  },
  {
    type: 'AWS::SNS::TopicPolicy',
    sources: [cfnPage('AWS::SNS::TopicPolicy')],
    checks: [publicPolicy({ control: 'ACC-1', path: 'PolicyDocument', what: OPEN_TO_EVERYONE })],
  },
  {
    type: 'AWS::Logs::LogGroup',
    sources: [cfnPage('AWS::Logs::LogGroup')],
    checks: [atRest({ rule: 'ENC-1/log-group-cmk', key: 'KmsKeyId', absent: 'provider-key' })],
  },
  {
    type: 'AWS::Kinesis::Stream',
    sources: [cfnPage('AWS::Kinesis::Stream')],
    checks: [
      atRest({
        on: 'StreamEncryption',
        mode: { path: 'StreamEncryption.EncryptionType', key: ['KMS'] },
        key: 'StreamEncryption.KeyId',
        absent: 'unencrypted',
      }),
    ],
  },
  {
    type: 'AWS::KinesisFirehose::DeliveryStream',
    sources: [
      cfnPage('AWS::KinesisFirehose::DeliveryStream'),
      'https://docs.aws.amazon.com/firehose/latest/APIReference/API_StartDeliveryStreamEncryption.html',
    ],
    checks: [
      atRest({
        on: 'DeliveryStreamEncryptionConfigurationInput',
        mode: {
          path: 'DeliveryStreamEncryptionConfigurationInput.KeyType',
          provider: ['AWS_OWNED_CMK'],
          key: ['CUSTOMER_MANAGED_CMK'],
        },
        key: 'DeliveryStreamEncryptionConfigurationInput.KeyARN',
        absent: 'unencrypted',
        skip: (stream) => {
          const type = str(present(stream.properties.DeliveryStreamType));
          return typeof type === 'string' && FIREHOSE_SOURCES.has(type) ? 'not-applicable' : undefined;
        },
        note: 'With a Kinesis stream, MSK or a database as source, the data rests in the source',
      }),
    ],
  },
  {
    type: 'AWS::KinesisVideo::Stream',
    sources: [cfnPage('AWS::KinesisVideo::Stream')],
    checks: [atRest({ key: 'KmsKeyId', absent: 'provider-key' })],
  },
  {
    type: 'AWS::MSK::Cluster',
    sources: [
      cfnPage('AWS::MSK::Cluster'),
      'https://docs.aws.amazon.com/msk/1.0/apireference/clusters.html#clusters-model-encryptionintransit',
    ],
    checks: [
      atRest({ key: 'EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId', absent: 'provider-key' }),
      tlsValue({
        path: 'EncryptionInfo.EncryptionInTransit.ClientBroker',
        good: (v) => v === 'TLS',
        goodText: '`TLS` (`TLS_PLAINTEXT` and `PLAINTEXT` accept plaintext)',
        absentValue: 'TLS_PLAINTEXT',
        note: 'The MSK API reference gives `TLS_PLAINTEXT` as the default',
        what: { en: 'clients may send data in plaintext', fr: 'les clients peuvent envoyer des données en clair' },
      }),
      tlsFlag({
        path: 'EncryptionInfo.EncryptionInTransit.InCluster',
        absent: true,
        what: {
          en: 'traffic between the brokers is not encrypted',
          fr: "le trafic entre les brokers n'est pas chiffré",
        },
      }),
      publicValue({
        control: 'NET-2',
        path: 'BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type',
        publicValues: ['SERVICE_PROVIDED_EIPS'],
        absentValue: 'DISABLED',
        what: { en: 'the brokers are reachable from the internet', fr: 'les brokers sont joignables depuis Internet' },
      }),
    ],
  },
  {
    type: 'AWS::AmazonMQ::Broker',
    sources: [cfnPage('AWS::AmazonMQ::Broker')],
    checks: [
      atRest({
        providerFlag: 'EncryptionOptions.UseAwsOwnedKey',
        key: 'EncryptionOptions.KmsKeyId',
        absent: 'provider-key',
      }),
      publicFlag({
        control: 'NET-2',
        path: 'PubliclyAccessible',
        publicWhenAbsent: false,
        what: {
          en: 'the broker accepts connections from outside its VPC',
          fr: 'le broker accepte des connexions hors de son VPC',
        },
      }),
    ],
  },
  {
    type: 'AWS::SecretsManager::Secret',
    sources: [cfnPage('AWS::SecretsManager::Secret')],
    checks: [
      atRest({ key: 'KmsKeyId', absent: 'provider-key' }),
      copies({ what: { en: 'secret replica', fr: 'réplique du secret' }, regions: ['ReplicaRegions[].Region'] }),
    ],
  },
  {
    type: 'AWS::SecretsManager::ResourcePolicy',
    sources: [cfnPage('AWS::SecretsManager::ResourcePolicy')],
    checks: [publicPolicy({ control: 'ACC-1', path: 'ResourcePolicy', what: OPEN_TO_EVERYONE })],
  },
  {
    type: 'AWS::SSM::Parameter',
    sources: [
      cfnPage('AWS::SSM::Parameter'),
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/what-is-a-parameter.html',
    ],
    checks: [ssmParameterAtRest],
  },
  {
    type: 'AWS::Glue::SecurityConfiguration',
    sources: [cfnPage('AWS::Glue::SecurityConfiguration')],
    checks: [
      atRestAll([
        {
          part: { en: 'S3 data', fr: 'données S3' },
          spec: {
            each: 'EncryptionConfiguration.S3Encryptions',
            mode: { path: 'S3EncryptionMode', off: ['DISABLED'], provider: ['SSE-S3'], key: ['SSE-KMS'] },
            key: 'KmsKeyArn',
            absent: 'unencrypted',
            none: () => 'not-applicable',
          },
        },
        {
          part: { en: 'CloudWatch logs', fr: 'journaux CloudWatch' },
          when: 'EncryptionConfiguration.CloudWatchEncryption',
          spec: {
            mode: {
              path: 'EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode',
              off: ['DISABLED'],
              key: ['SSE-KMS'],
            },
            key: 'EncryptionConfiguration.CloudWatchEncryption.KmsKeyArn',
            absent: 'provider-key',
          },
        },
        {
          part: { en: 'job bookmarks', fr: 'signets de tâches' },
          when: 'EncryptionConfiguration.JobBookmarksEncryption',
          spec: {
            mode: {
              path: 'EncryptionConfiguration.JobBookmarksEncryption.JobBookmarksEncryptionMode',
              off: ['DISABLED'],
              key: ['CSE-KMS'],
            },
            key: 'EncryptionConfiguration.JobBookmarksEncryption.KmsKeyArn',
            absent: 'unencrypted',
          },
        },
      ]),
    ],
  },
  {
    type: 'AWS::Glue::DataCatalogEncryptionSettings',
    sources: [cfnPage('AWS::Glue::DataCatalogEncryptionSettings')],
    checks: [
      atRestAll([
        {
          part: { en: 'the Data Catalog', fr: 'le catalogue de données' },
          spec: {
            mode: {
              path: 'DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode',
              off: ['DISABLED'],
              key: ['SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE'],
            },
            key: 'DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId',
            absent: 'unencrypted',
          },
        },
        {
          part: { en: 'connection passwords', fr: 'mots de passe des connexions' },
          when: 'DataCatalogEncryptionSettings.ConnectionPasswordEncryption',
          spec: {
            enabled: 'DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted',
            key: 'DataCatalogEncryptionSettings.ConnectionPasswordEncryption.KmsKeyId',
            absent: 'unencrypted',
          },
        },
      ]),
    ],
  },
  {
    type: 'AWS::Athena::WorkGroup',
    sources: [
      cfnPage('AWS::Athena::WorkGroup'),
      'https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html',
    ],
    checks: [
      atRest({
        mode: {
          path: 'WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.EncryptionOption',
          provider: ['SSE_S3'],
          key: ['SSE_KMS', 'CSE_KMS'],
        },
        key: 'WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.KmsKey',
        absent: 'provider-key',
        note: "Without it, the results bucket's default encryption (SSE-S3 at least) applies",
      }),
    ],
  },
  {
    type: 'AWS::StepFunctions::StateMachine',
    sources: [cfnPage('AWS::StepFunctions::StateMachine')],
    checks: [
      atRest({
        mode: { path: 'EncryptionConfiguration.Type', provider: ['AWS_OWNED_KEY'], key: ['CUSTOMER_MANAGED_KMS_KEY'] },
        key: 'EncryptionConfiguration.KmsKeyId',
        absent: 'provider-key',
      }),
    ],
  },
  {
    type: 'AWS::StepFunctions::Activity',
    sources: [cfnPage('AWS::StepFunctions::Activity')],
    checks: [
      atRest({
        mode: { path: 'EncryptionConfiguration.Type', provider: ['AWS_OWNED_KEY'], key: ['CUSTOMER_MANAGED_KMS_KEY'] },
        key: 'EncryptionConfiguration.KmsKeyId',
        absent: 'provider-key',
      }),
    ],
  },
  {
    type: 'AWS::CodeBuild::Project',
    sources: [cfnPage('AWS::CodeBuild::Project')],
    checks: [codeBuildAtRest],
  },
];
