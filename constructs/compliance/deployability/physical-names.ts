import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { at } from '../normalize/values';

/**
 * Resource types whose physical name a template may fix, where that name must be unique, and
 * the property that holds it (AWS CloudFormation Template Reference: "Name type", and each
 * type's page). A fixed name makes the second stack (or stack instance) that creates it fail
 * with "already exists".
 *
 * - `account`: global resources, unique in the account whatever the region (IAM entities,
 *   CloudFront configurations, budgets…);
 * - `partition`: unique across every account of the partition (S3 bucket names);
 * - `region`: unique in the account and region.
 */

/** Where a name must be unique. */
export type NameScope = 'account' | 'partition' | 'region';

/** A type with a fixed-name property. */
export interface NamedType {
  /** The property (dotted path) that holds the name. */
  readonly property: string;
  readonly scope: NameScope;
  /** True if the service compares names without regard to case (IAM). */
  readonly caseInsensitive?: boolean;
}

const iam = (property: string): NamedType => ({ property, scope: 'account', caseInsensitive: true });
const global = (property: string): NamedType => ({ property, scope: 'account' });
const regional = (property: string): NamedType => ({ property, scope: 'region' });

/** Types with a fixed-name property, by CloudFormation type. */
export const NAMED_TYPES: Readonly<Record<string, NamedType>> = {
  // IAM: global, case-insensitive names.
  'AWS::IAM::Role': iam('RoleName'),
  'AWS::IAM::User': iam('UserName'),
  'AWS::IAM::Group': iam('GroupName'),
  'AWS::IAM::ManagedPolicy': iam('ManagedPolicyName'),
  'AWS::IAM::InstanceProfile': iam('InstanceProfileName'),
  'AWS::IAM::ServerCertificate': iam('ServerCertificateName'),
  'AWS::IAM::VirtualMFADevice': iam('VirtualMfaDeviceName'),
  'AWS::IAM::SAMLProvider': iam('Name'),
  'AWS::IAM::OIDCProvider': global('Url'),
  // Other global services.
  'AWS::CloudFront::CachePolicy': global('CachePolicyConfig.Name'),
  'AWS::CloudFront::OriginRequestPolicy': global('OriginRequestPolicyConfig.Name'),
  'AWS::CloudFront::ResponseHeadersPolicy': global('ResponseHeadersPolicyConfig.Name'),
  'AWS::CloudFront::OriginAccessControl': global('OriginAccessControlConfig.Name'),
  'AWS::CloudFront::Function': global('Name'),
  'AWS::CloudFront::KeyGroup': global('KeyGroupConfig.Name'),
  'AWS::CloudFront::PublicKey': global('PublicKeyConfig.Name'),
  'AWS::CloudFront::KeyValueStore': global('Name'),
  'AWS::Budgets::Budget': global('Budget.BudgetName'),
  'AWS::CE::CostCategory': global('Name'),
  'AWS::S3::MultiRegionAccessPoint': global('Name'),
  // S3 bucket names are unique in the partition.
  'AWS::S3::Bucket': { property: 'BucketName', scope: 'partition' },
  // Regional names.
  'AWS::Logs::LogGroup': regional('LogGroupName'),
  'AWS::Logs::Destination': regional('DestinationName'),
  'AWS::KMS::Alias': regional('AliasName'),
  'AWS::SSM::Parameter': regional('Name'),
  'AWS::SSM::Document': regional('Name'),
  'AWS::SQS::Queue': regional('QueueName'),
  'AWS::SNS::Topic': regional('TopicName'),
  'AWS::Lambda::Function': regional('FunctionName'),
  'AWS::DynamoDB::Table': regional('TableName'),
  'AWS::DynamoDB::GlobalTable': regional('TableName'),
  'AWS::Events::EventBus': regional('Name'),
  'AWS::Events::Archive': regional('ArchiveName'),
  'AWS::Backup::BackupVault': regional('BackupVaultName'),
  'AWS::SecretsManager::Secret': regional('Name'),
  'AWS::ECR::Repository': regional('RepositoryName'),
  'AWS::ECS::Cluster': regional('ClusterName'),
  'AWS::EKS::Cluster': regional('Name'),
  'AWS::RDS::DBInstance': regional('DBInstanceIdentifier'),
  'AWS::RDS::DBCluster': regional('DBClusterIdentifier'),
  'AWS::RDS::DBSubnetGroup': regional('DBSubnetGroupName'),
  'AWS::RDS::DBParameterGroup': regional('DBParameterGroupName'),
  'AWS::Kinesis::Stream': regional('Name'),
  'AWS::KinesisFirehose::DeliveryStream': regional('DeliveryStreamName'),
  'AWS::StepFunctions::StateMachine': regional('StateMachineName'),
  'AWS::CloudTrail::Trail': regional('TrailName'),
  'AWS::Config::ConfigRule': regional('ConfigRuleName'),
  'AWS::CloudWatch::Alarm': regional('AlarmName'),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': regional('Name'),
  'AWS::ElasticLoadBalancingV2::TargetGroup': regional('Name'),
  'AWS::EC2::KeyPair': regional('KeyName'),
  'AWS::EC2::LaunchTemplate': regional('LaunchTemplateName'),
  'AWS::ElastiCache::ReplicationGroup': regional('ReplicationGroupId'),
  'AWS::OpenSearchService::Domain': regional('DomainName'),
  'AWS::CodeBuild::Project': regional('Name'),
  'AWS::Athena::WorkGroup': regional('Name'),
  'AWS::Glue::Database': regional('DatabaseInput.Name'),
  'AWS::Cognito::UserPoolDomain': regional('Domain'),
  'AWS::Organizations::Policy': global('Name'),
};

/** The placeholder the resolver leaves for the stack's name (unique per stack, so never a collision). */
const PER_STACK = /\$\{AWS::Stack(Name|Id)\}/;

/**
 * The fixed name of a resource, as the service compares it: a literal, or a string whose only
 * unknown is the account id (`${AWS::AccountId}`, the same within one account); undefined when
 * the resource has none (a generated name) or its name is unique per stack or unknowable.
 */
export function fixedName(resource: Resource): string | undefined {
  const named = NAMED_TYPES[resource.type];
  if (!named) return undefined;
  const value = at(resource.properties, named.property);
  let name: string | undefined;
  if (typeof value === 'string') name = value;
  else if (isUnresolved(value) && value.causes.length === 0 && value.refs.length === 0 && value.text) {
    name = value.text;
  }
  if (name === undefined || isResourceRef(value) || PER_STACK.test(name)) return undefined;
  if (/\$\{(?!AWS::AccountId\})[^}]*\}/.test(name)) return undefined;
  return named.caseInsensitive ? name.toLowerCase() : name;
}

/** The name as written (for messages), when {@link fixedName} gives one. */
export function writtenName(resource: Resource): string | undefined {
  const named = NAMED_TYPES[resource.type];
  const value = named ? at(resource.properties, named.property) : undefined;
  if (typeof value === 'string') return value;
  return isUnresolved(value) ? value.text : undefined;
}
