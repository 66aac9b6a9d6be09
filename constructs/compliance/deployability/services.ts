/**
 * The IAM service prefix of a CloudFormation type's namespace (`AWS::S3::Bucket` → `s3`),
 * for the actions CloudFormation calls to create, update and delete it (Service Authorization
 * Reference: "Actions, resources, and condition keys for AWS services"), and the region
 * requests to global services are made in.
 */

/** Namespaces whose IAM prefix is not their name in lower case. */
const PREFIXES: Readonly<Record<string, readonly string[]>> = {
  ApiGateway: ['apigateway'],
  ApiGatewayV2: ['apigateway'],
  ApplicationAutoScaling: ['application-autoscaling'],
  CertificateManager: ['acm'],
  Cognito: ['cognito-idp', 'cognito-identity'],
  EFS: ['elasticfilesystem'],
  ElasticLoadBalancing: ['elasticloadbalancing'],
  ElasticLoadBalancingV2: ['elasticloadbalancing'],
  Elasticsearch: ['es'],
  OpenSearchService: ['es'],
  KinesisFirehose: ['firehose'],
  StepFunctions: ['states'],
  NetworkFirewall: ['network-firewall'],
  AccessAnalyzer: ['access-analyzer'],
  SSO: ['sso'],
  Logs: ['logs'],
  Events: ['events'],
  CloudWatch: ['cloudwatch'],
  CodeStarConnections: ['codestar-connections'],
  ResourceGroups: ['resource-groups'],
  ServiceDiscovery: ['servicediscovery'],
  SSMContacts: ['ssm-contacts'],
  SSMIncidents: ['ssm-incidents'],
  EMRServerless: ['emr-serverless'],
};

/**
 * The IAM service prefixes CloudFormation's calls for a resource type fall under: a custom
 * resource invokes its provider (Lambda); a nested stack is CloudFormation itself.
 */
export function servicesOf(type: string): readonly string[] {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return ['lambda'];
  const m = /^AWS::([A-Za-z0-9]+)::/.exec(type);
  if (!m) return [];
  return PREFIXES[m[1]] ?? [m[1].toLowerCase()];
}

/**
 * The region a request to a global service is made in (the value of `aws:RequestedRegion`),
 * in partition `aws`; other services are called in the stack's region.
 */
const GLOBAL_REGIONS: Readonly<Record<string, string>> = {
  iam: 'us-east-1',
  organizations: 'us-east-1',
  route53: 'us-east-1',
  cloudfront: 'us-east-1',
  waf: 'us-east-1',
  budgets: 'us-east-1',
  ce: 'us-east-1',
  globalaccelerator: 'us-west-2',
};

/** The region of a request to `service` from a stack in `region`; undefined when it is not known. */
export function requestedRegion(service: string, region: string | undefined, partition: string): string | undefined {
  const global = GLOBAL_REGIONS[service];
  if (global === undefined) return region;
  return partition === 'aws' ? global : undefined;
}
