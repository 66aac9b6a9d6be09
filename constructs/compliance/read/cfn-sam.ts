import type { LocalizedText } from '../../core';

/**
 * `Transform: AWS::Serverless-2016-10-31` (AWS SAM): there is no JavaScript SAM translator, so
 * the reader maps each SAM resource it judges to the CloudFormation resources SAM generates for
 * it, as the SAM specification's "Generated CloudFormation resources" pages list them (logical
 * ids included), with the properties the resource pages say are "passed directly" to them. The
 * rules then judge those resources like any other. {@link SAM_RESOURCES} is the table.
 *
 * What is not generated here, or only in part: SAM policy templates in `Policies` (each grants
 * named actions on named resources, never `*` on `*`; they are left out of the role), the
 * OpenAPI body SAM writes for an API (`DefinitionBody` is kept as given), the permissions and
 * bucket or topic notifications of event sources, and the hash in the logical ids SAM gives
 * versions, deployments and domain names (`MyApiDeployment`, not `MyApiDeployment926eeb5ff1`).
 * The other `AWS::Serverless::*` types are kept as written and reported as not judged.
 *
 * `Globals` apply first (SAM specification, "Globals section of the template"): a resource's
 * primitive replaces the global one, maps are merged, a global list is prepended to the
 * resource's.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The transform's name, as `Transform` declares it. */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** One CloudFormation resource SAM generates for a SAM resource. */
export interface GeneratedResource {
  /** Its CloudFormation type. */
  readonly type: string;
  /** Its logical id, from the SAM resource's (as the SAM specification gives it). */
  readonly id: (samId: string, props: Json) => string;
  /** When SAM generates it. @default - always */
  readonly when?: (props: Json) => boolean;
  /** Properties passed directly: SAM property → CloudFormation property. */
  readonly copy?: Readonly<Record<string, string>>;
  /** Properties SAM derives from the SAM resource's. */
  readonly derive?: (samId: string, props: Json) => Json;
  /**
   * Whether the SAM resource's `Tags` go on it, as a list of `{Key, Value}`: `always`; `sam`,
   * with SAM's own `lambda:createdBy` tag; `propagate`, when `PropagateTags` is true; `never`
   * (a type without tags).
   * @default 'propagate'
   */
  readonly tags?: 'always' | 'sam' | 'propagate' | 'never';
}

/** SAM's tag on the functions and roles it creates. */
const CREATED_BY_SAM = { Key: 'lambda:createdBy', Value: 'SAM' };

const partitionArn = (path: string): Json => ({ 'Fn::Sub': `arn:\${AWS::Partition}:${path}` });

/** An AWS managed policy's ARN, for a `Policies` name such as `AmazonS3ReadOnlyAccess`. */
function managedPolicy(name: string): unknown {
  return name.startsWith('arn:') ? name : partitionArn(`iam::aws:policy/${name}`);
}

function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition');
}

/** A policy document (it has a `Statement`), as opposed to a SAM policy template (`{SQSPollerPolicy: …}`). */
function isPolicyDocument(value: unknown): boolean {
  return isObject(value) && 'Statement' in value;
}

/**
 * The execution role SAM creates when a function or state machine names none: the service's
 * trust, SAM's managed policies, the `Policies` (managed names and ARNs, inline documents).
 */
function executionRole(service: string, managed: unknown[]): (samId: string, props: Json) => Json {
  return (samId, props) => {
    const policies =
      props.Policies === undefined ? [] : Array.isArray(props.Policies) ? props.Policies : [props.Policies];
    const arns = [...managed];
    const inline: Json[] = [];
    policies.forEach((policy, i) => {
      if (typeof policy === 'string') arns.push(managedPolicy(policy));
      else if (isIntrinsic(policy)) arns.push(policy);
      else if (isPolicyDocument(policy)) inline.push({ PolicyName: `${samId}RolePolicy${i}`, PolicyDocument: policy });
    });
    const trust = props.AssumeRolePolicyDocument ?? {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: [service] } }],
    };
    return {
      AssumeRolePolicyDocument: trust,
      ManagedPolicyArns: arns,
      ...(inline.length ? { Policies: inline } : {}),
      ...(props.PermissionsBoundary !== undefined ? { PermissionsBoundary: props.PermissionsBoundary } : {}),
    };
  };
}

/** A function's `Code`, from `InlineCode`, `ImageUri` or `CodeUri` (`s3://bucket/key` or `{Bucket, Key, Version}`). */
function functionCode(props: Json): Json | undefined {
  if (props.InlineCode !== undefined) return { ZipFile: props.InlineCode };
  if (props.ImageUri !== undefined) return { ImageUri: props.ImageUri };
  const uri = props.CodeUri;
  if (typeof uri === 'string') {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    return m ? { S3Bucket: m[1], S3Key: m[2] } : undefined;
  }
  if (isObject(uri) && !isIntrinsic(uri)) {
    return {
      S3Bucket: uri.Bucket,
      S3Key: uri.Key,
      ...(uri.Version !== undefined ? { S3ObjectVersion: uri.Version } : {}),
    };
  }
  return undefined;
}

/** An S3 location given as `s3://bucket/key` or `{Bucket, Key, Version}`. */
function s3Location(uri: unknown): Json | undefined {
  if (typeof uri === 'string') {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    return m ? { Bucket: m[1], Key: m[2] } : undefined;
  }
  return isObject(uri) && !isIntrinsic(uri) ? uri : undefined;
}

/** The event sources of a function or state machine, by logical id, with their type and properties. */
function events(props: Json): Array<[string, string, Json]> {
  if (!isObject(props.Events)) return [];
  return Object.entries(props.Events).flatMap(([id, event]) =>
    isObject(event) && typeof event.Type === 'string'
      ? [[id, event.Type, isObject(event.Properties) ? event.Properties : {}] as [string, string, Json]]
      : [],
  );
}

/** Event source types SAM turns into an event source mapping (SAM specification, "A streaming event source is specified"). */
const STREAMING_EVENTS = new Set(['DynamoDB', 'Kinesis', 'MQ', 'MSK', 'SQS', 'SelfManagedKafka', 'DocumentDB']);

/** Event source types SAM turns into an EventBridge rule. */
const RULE_EVENTS = new Set(['EventBridgeRule', 'Schedule', 'CloudWatchEvent', 'ScheduleV2']);

/** The resources of a function's or state machine's event sources (mappings, rules, IoT rules). */
function eventResources(samId: string, props: Json, target: unknown): Array<[string, Json]> {
  const out: Array<[string, Json]> = [];
  for (const [id, type, p] of events(props)) {
    if (STREAMING_EVENTS.has(type)) {
      out.push([
        `${samId}${id}`,
        {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: {
            FunctionName: { Ref: samId },
            EventSourceArn: p.Stream ?? p.Queue ?? p.Broker ?? p.Cluster,
            ...(p.BatchSize !== undefined ? { BatchSize: p.BatchSize } : {}),
            ...(p.Enabled !== undefined ? { Enabled: p.Enabled } : {}),
            ...(p.StartingPosition !== undefined ? { StartingPosition: p.StartingPosition } : {}),
          },
        },
      ]);
    } else if (RULE_EVENTS.has(type)) {
      out.push([
        `${samId}${id}`,
        {
          Type: 'AWS::Events::Rule',
          Properties: {
            ...(p.Schedule !== undefined ? { ScheduleExpression: p.Schedule } : {}),
            ...(p.Pattern !== undefined ? { EventPattern: p.Pattern } : {}),
            ...(p.EventBusName !== undefined ? { EventBusName: p.EventBusName } : {}),
            Targets: [{ Id: `${samId}${id}Target`, Arn: target }],
          },
        },
      ]);
    } else if (type === 'IoTRule') {
      out.push([
        `${samId}${id}`,
        {
          Type: 'AWS::IoT::TopicRule',
          Properties: { TopicRulePayload: { Sql: p.Sql, Actions: [{ Lambda: { FunctionArn: target } }] } },
        },
      ]);
    }
  }
  return out;
}

/**
 * A function's asynchronous destinations that SAM creates (SAM specification, "OnSuccess (or
 * OnFailure) property is specified for Amazon SQS/SNS events"): a queue or a topic when the
 * destination's type is given without its ARN.
 */
function destinationResources(samId: string, props: Json): Array<[string, Json]> {
  const config = isObject(props.EventInvokeConfig) ? props.EventInvokeConfig.DestinationConfig : undefined;
  if (!isObject(config)) return [];
  const out: Array<[string, Json]> = [];
  const destination: Json = {};
  for (const when of ['OnSuccess', 'OnFailure']) {
    const d = config[when];
    if (!isObject(d) || d.Destination !== undefined) continue;
    if (d.Type === 'SQS') {
      out.push([`${samId}${when}Queue`, { Type: 'AWS::SQS::Queue', Properties: {} }]);
      destination[when] = { Destination: { 'Fn::GetAtt': [`${samId}${when}Queue`, 'Arn'] } };
    } else if (d.Type === 'SNS') {
      out.push([`${samId}${when}Topic`, { Type: 'AWS::SNS::Topic', Properties: {} }]);
      destination[when] = { Destination: { Ref: `${samId}${when}Topic` } };
    }
  }
  if (out.length) {
    out.push([
      `${samId}EventInvokeConfig`,
      {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: { FunctionName: { Ref: samId }, Qualifier: '$LATEST', DestinationConfig: destination },
      },
    ]);
  }
  return out;
}

const STAGE_COPY = {
  AccessLogSetting: 'AccessLogSetting',
  CacheClusterEnabled: 'CacheClusterEnabled',
  CacheClusterSize: 'CacheClusterSize',
  CanarySetting: 'CanarySetting',
  MethodSettings: 'MethodSettings',
  TracingEnabled: 'TracingEnabled',
  Variables: 'Variables',
} as const;

function stageName(props: Json): string {
  return typeof props.StageName === 'string' ? props.StageName : '';
}

/** A SAM `EndpointConfiguration` (`REGIONAL`, or `{Type, VPCEndpointIds}`) as the REST API's. */
function endpointConfiguration(value: unknown): unknown {
  if (typeof value === 'string') return { Types: [value] };
  if (isObject(value) && !isIntrinsic(value) && value.Type !== undefined) {
    return {
      Types: [value.Type],
      ...(value.VPCEndpointIds !== undefined ? { VpcEndpointIds: value.VPCEndpointIds } : {}),
    };
  }
  return value;
}

function domain(props: Json): Json | undefined {
  return isObject(props.Domain) && props.Domain.DomainName !== undefined ? props.Domain : undefined;
}

/**
 * The table: each SAM type judged, the CloudFormation resources SAM generates for it (SAM
 * specification, "Generated CloudFormation resources"), and how their properties are set.
 */
export const SAM_RESOURCES: Readonly<Record<string, readonly GeneratedResource[]>> = {
  'AWS::Serverless::Function': [
    {
      type: 'AWS::Lambda::Function',
      id: (id) => id,
      copy: {
        Architectures: 'Architectures',
        CodeSigningConfigArn: 'CodeSigningConfigArn',
        Description: 'Description',
        Environment: 'Environment',
        EphemeralStorage: 'EphemeralStorage',
        FileSystemConfigs: 'FileSystemConfigs',
        FunctionName: 'FunctionName',
        Handler: 'Handler',
        ImageConfig: 'ImageConfig',
        KmsKeyArn: 'KmsKeyArn',
        Layers: 'Layers',
        LoggingConfig: 'LoggingConfig',
        MemorySize: 'MemorySize',
        PackageType: 'PackageType',
        ReservedConcurrentExecutions: 'ReservedConcurrentExecutions',
        Runtime: 'Runtime',
        RuntimeManagementConfig: 'RuntimeManagementConfig',
        SnapStart: 'SnapStart',
        Timeout: 'Timeout',
        VpcConfig: 'VpcConfig',
      },
      derive: (id, p) => ({
        Role: p.Role ?? { 'Fn::GetAtt': [`${id}Role`, 'Arn'] },
        ...(functionCode(p) ? { Code: functionCode(p) } : {}),
        ...(p.Tracing !== undefined ? { TracingConfig: { Mode: p.Tracing } } : {}),
        ...(isObject(p.DeadLetterQueue) ? { DeadLetterConfig: { TargetArn: p.DeadLetterQueue.TargetArn } } : {}),
      }),
      tags: 'sam',
    },
    {
      type: 'AWS::IAM::Role',
      id: (id) => `${id}Role`,
      when: (p) => p.Role === undefined,
      derive: (id, p) =>
        executionRole('lambda.amazonaws.com', [
          partitionArn('iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'),
          ...(p.VpcConfig !== undefined
            ? [partitionArn('iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole')]
            : []),
          ...(p.Tracing === 'Active' ? [partitionArn('iam::aws:policy/AWSXrayWriteOnlyAccess')] : []),
        ])(id, p),
      tags: 'sam',
    },
    {
      type: 'AWS::Lambda::Url',
      tags: 'never',
      id: (id) => `${id}Url`,
      when: (p) => p.FunctionUrlConfig !== undefined,
      derive: (id, p) => {
        const c = isObject(p.FunctionUrlConfig) ? p.FunctionUrlConfig : {};
        return {
          TargetFunctionArn: { Ref: id },
          AuthType: c.AuthType,
          ...(c.Cors !== undefined ? { Cors: c.Cors } : {}),
          ...(c.InvokeMode !== undefined ? { InvokeMode: c.InvokeMode } : {}),
          ...(p.AutoPublishAlias !== undefined ? { Qualifier: p.AutoPublishAlias } : {}),
        };
      },
    },
    {
      type: 'AWS::Lambda::Version',
      tags: 'never',
      id: (id) => `${id}Version`,
      when: (p) => p.AutoPublishAlias !== undefined,
      derive: (id, p) => ({
        FunctionName: { Ref: id },
        ...(p.VersionDescription !== undefined ? { Description: p.VersionDescription } : {}),
      }),
    },
    {
      type: 'AWS::Lambda::Alias',
      tags: 'never',
      id: (id, p) => `${id}Alias${typeof p.AutoPublishAlias === 'string' ? p.AutoPublishAlias : ''}`,
      when: (p) => p.AutoPublishAlias !== undefined,
      copy: { ProvisionedConcurrencyConfig: 'ProvisionedConcurrencyConfig' },
      derive: (id, p) => ({
        FunctionName: { Ref: id },
        FunctionVersion: { 'Fn::GetAtt': [`${id}Version`, 'Version'] },
        Name: p.AutoPublishAlias,
      }),
    },
    {
      type: 'AWS::CodeDeploy::DeploymentGroup',
      id: (id) => `${id}DeploymentGroup`,
      when: (p) => p.DeploymentPreference !== undefined,
      derive: () => ({ ApplicationName: { Ref: 'ServerlessDeploymentApplication' } }),
    },
  ],
  'AWS::Serverless::SimpleTable': [
    {
      type: 'AWS::DynamoDB::Table',
      id: (id) => id,
      copy: {
        SSESpecification: 'SSESpecification',
        ProvisionedThroughput: 'ProvisionedThroughput',
        TableName: 'TableName',
        PointInTimeRecoverySpecification: 'PointInTimeRecoverySpecification',
      },
      derive: (_id, p) => {
        const key = isObject(p.PrimaryKey) ? p.PrimaryKey : { Name: 'id', Type: 'String' };
        const type = key.Type === 'Number' ? 'N' : key.Type === 'Binary' ? 'B' : 'S';
        return {
          AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: type }],
          KeySchema: [{ AttributeName: key.Name, KeyType: 'HASH' }],
          ...(p.ProvisionedThroughput === undefined ? { BillingMode: 'PAY_PER_REQUEST' } : {}),
        };
      },
      tags: 'always',
    },
  ],
  'AWS::Serverless::Api': [
    {
      type: 'AWS::ApiGateway::RestApi',
      id: (id) => id,
      copy: {
        Name: 'Name',
        Description: 'Description',
        ApiKeySourceType: 'ApiKeySourceType',
        BinaryMediaTypes: 'BinaryMediaTypes',
        DisableExecuteApiEndpoint: 'DisableExecuteApiEndpoint',
        FailOnWarnings: 'FailOnWarnings',
        MinimumCompressionSize: 'MinimumCompressionSize',
        Mode: 'Mode',
        DefinitionBody: 'Body',
      },
      derive: (_id, p) => ({
        ...(p.EndpointConfiguration !== undefined
          ? { EndpointConfiguration: endpointConfiguration(p.EndpointConfiguration) }
          : {}),
        ...(s3Location(p.DefinitionUri) ? { BodyS3Location: s3Location(p.DefinitionUri) } : {}),
      }),
    },
    {
      type: 'AWS::ApiGateway::Stage',
      id: (id, p) => `${id}${stageName(p)}Stage`,
      copy: STAGE_COPY,
      derive: (id, p) => ({
        RestApiId: { Ref: id },
        StageName: p.StageName,
        DeploymentId: { Ref: `${id}Deployment` },
      }),
      tags: 'always',
    },
    {
      type: 'AWS::ApiGateway::Deployment',
      tags: 'never',
      id: (id) => `${id}Deployment`,
      derive: (id) => ({ RestApiId: { Ref: id } }),
    },
    {
      type: 'AWS::ApiGateway::DomainName',
      id: (id) => `ApiGatewayDomainName${id}`,
      when: (p) => domain(p) !== undefined,
      derive: (_id, p) => {
        const d = domain(p)!;
        const endpoint = typeof d.EndpointConfiguration === 'string' ? d.EndpointConfiguration : 'REGIONAL';
        return {
          DomainName: d.DomainName,
          EndpointConfiguration: { Types: [endpoint] },
          [endpoint === 'EDGE' ? 'CertificateArn' : 'RegionalCertificateArn']: d.CertificateArn,
          ...(d.SecurityPolicy !== undefined ? { SecurityPolicy: d.SecurityPolicy } : {}),
          ...(d.MutualTlsAuthentication !== undefined ? { MutualTlsAuthentication: d.MutualTlsAuthentication } : {}),
        };
      },
    },
  ],
  'AWS::Serverless::HttpApi': [
    {
      type: 'AWS::ApiGatewayV2::Api',
      id: (id) => id,
      copy: {
        Name: 'Name',
        Description: 'Description',
        DisableExecuteApiEndpoint: 'DisableExecuteApiEndpoint',
        FailOnWarnings: 'FailOnWarnings',
        DefinitionBody: 'Body',
        CorsConfiguration: 'CorsConfiguration',
      },
      derive: (_id, p) => ({
        ProtocolType: 'HTTP',
        ...(s3Location(p.DefinitionUri) ? { BodyS3Location: s3Location(p.DefinitionUri) } : {}),
      }),
      tags: 'always',
    },
    {
      type: 'AWS::ApiGatewayV2::Stage',
      id: (id, p) => (p.StageName === undefined ? `${id}ApiGatewayDefaultStage` : `${id}${stageName(p)}Stage`),
      copy: {
        AccessLogSettings: 'AccessLogSettings',
        DefaultRouteSettings: 'DefaultRouteSettings',
        RouteSettings: 'RouteSettings',
        StageVariables: 'StageVariables',
      },
      derive: (id, p) => ({ ApiId: { Ref: id }, StageName: p.StageName ?? '$default', AutoDeploy: true }),
      tags: 'always',
    },
    {
      type: 'AWS::ApiGatewayV2::DomainName',
      id: (id) => `ApiGatewayDomainNameV2${id}`,
      when: (p) => domain(p) !== undefined,
      derive: (_id, p) => {
        const d = domain(p)!;
        return {
          DomainName: d.DomainName,
          DomainNameConfigurations: [
            {
              CertificateArn: d.CertificateArn,
              EndpointType: typeof d.EndpointConfiguration === 'string' ? d.EndpointConfiguration : 'REGIONAL',
              ...(d.SecurityPolicy !== undefined ? { SecurityPolicy: d.SecurityPolicy } : {}),
            },
          ],
          ...(d.MutualTlsAuthentication !== undefined ? { MutualTlsAuthentication: d.MutualTlsAuthentication } : {}),
        };
      },
    },
  ],
  'AWS::Serverless::StateMachine': [
    {
      type: 'AWS::StepFunctions::StateMachine',
      id: (id) => id,
      copy: {
        Definition: 'Definition',
        DefinitionSubstitutions: 'DefinitionSubstitutions',
        Logging: 'LoggingConfiguration',
        Name: 'StateMachineName',
        Tracing: 'TracingConfiguration',
        Type: 'StateMachineType',
      },
      derive: (id, p) => ({
        RoleArn: p.Role ?? { 'Fn::GetAtt': [`${id}Role`, 'Arn'] },
        ...(s3Location(p.DefinitionUri) ? { DefinitionS3Location: s3Location(p.DefinitionUri) } : {}),
      }),
      tags: 'always',
    },
    {
      type: 'AWS::IAM::Role',
      id: (id) => `${id}Role`,
      when: (p) => p.Role === undefined,
      derive: executionRole('states.amazonaws.com', []),
      tags: 'always',
    },
  ],
};

/** The SAM types the reader judges (through the resources of {@link SAM_RESOURCES}). */
export const SAM_TYPES_JUDGED: readonly string[] = Object.keys(SAM_RESOURCES);

/** True if the template's `Transform` (a string or a list) names `name`. */
export function declaresTransform(doc: Json, name: string): boolean {
  const t = doc.Transform;
  return t === name || (Array.isArray(t) && t.includes(name));
}

/** SAM `Tags` (a map) as a CloudFormation list of `{Key, Value}`; an intrinsic is kept as it is. */
function tagList(tags: unknown, sam: boolean): unknown {
  if (tags !== undefined && !isObject(tags)) return tags;
  if (isIntrinsic(tags)) return tags;
  const list = Object.entries((tags ?? {}) as Json).map(([Key, Value]) => ({ Key, Value }));
  if (sam) list.push(CREATED_BY_SAM);
  return list.length ? list : undefined;
}

/** `Globals` merged into a resource's properties: primitives replaced, maps merged, lists prepended. */
export function mergeGlobals(global: unknown, own: unknown): unknown {
  if (own === undefined) return global;
  if (Array.isArray(global) && Array.isArray(own)) return [...(global as unknown[]), ...(own as unknown[])];
  if (isObject(global) && isObject(own) && !isIntrinsic(global) && !isIntrinsic(own)) {
    const out: Json = { ...global };
    for (const [key, value] of Object.entries(own)) out[key] = mergeGlobals(global[key], value);
    return out;
  }
  return own;
}

/** What the transform made of a template's `Resources`. */
export interface SamTranslation {
  readonly resources: Json;
  /** The SAM resource each generated resource comes from, by logical id. */
  readonly origins: ReadonlyMap<string, string>;
  /** SAM resources kept as written, and why they are not judged. */
  readonly unjudged: ReadonlyMap<string, LocalizedText>;
}

/** Attributes of a SAM resource that each resource it generates keeps. */
const KEPT_ATTRIBUTES = ['Condition', 'DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'];

/**
 * Maps the SAM resources of `resources` to the CloudFormation resources SAM generates for them
 * (the resources of other types are kept as they are). `globals` is the template's `Globals`.
 */
export function translateServerless(resources: Json, globals: unknown): SamTranslation {
  const out: Json = {};
  const origins = new Map<string, string>();
  const unjudged = new Map<string, LocalizedText>();
  const globalsOf = (type: string): Json | undefined => {
    const g = isObject(globals) ? globals[type.slice('AWS::Serverless::'.length)] : undefined;
    return isObject(g) ? g : undefined;
  };
  const add = (id: string, resource: Json, from: string): void => {
    // A resource of the template keeps its logical id (SAM would refuse the clash); the SAM resource's own is replaced.
    const own = Object.prototype.hasOwnProperty;
    if (own.call(out, id) || (own.call(resources, id) && id !== from)) return;
    out[id] = resource;
    origins.set(id, from);
  };
  const pending: Array<[string, Json]> = Object.entries(resources).map(([id, r]) => [id, r as Json]);
  // Implicit APIs (SAM specification, "An Api/HttpApi event source is specified"): one per template.
  let restApi = false;
  let httpApi = false;
  for (const [, raw] of Object.entries(resources)) {
    if (!isObject(raw) || !isObject(raw.Properties)) continue;
    for (const [, type, p] of events(raw.Properties)) {
      if (type === 'Api' && p.RestApiId === undefined) restApi = true;
      if (type === 'HttpApi' && p.ApiId === undefined) httpApi = true;
    }
  }
  if (restApi && !('ServerlessRestApi' in resources)) {
    pending.push(['ServerlessRestApi', { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod' } }]);
  }
  if (httpApi && !('ServerlessHttpApi' in resources)) {
    pending.push(['ServerlessHttpApi', { Type: 'AWS::Serverless::HttpApi', Properties: {} }]);
  }
  let deployment = false;
  for (const [samId, raw] of pending) {
    const type = isObject(raw) ? raw.Type : undefined;
    if (typeof type !== 'string' || !type.startsWith('AWS::Serverless::')) {
      out[samId] = raw;
      continue;
    }
    const table = SAM_RESOURCES[type];
    if (!table) {
      out[samId] = raw;
      unjudged.set(samId, {
        en: `the SAM type ${type} is not translated: the resources SAM creates for it are not judged`,
        fr: `le type SAM ${type} n'est pas traduit : les ressources que SAM crée pour lui ne sont pas jugées`,
      });
      continue;
    }
    const own = isObject(raw.Properties) ? raw.Properties : {};
    const props = (mergeGlobals(globalsOf(type), own) ?? {}) as Json;
    const kept: Json = {};
    for (const attribute of KEPT_ATTRIBUTES) if (raw[attribute] !== undefined) kept[attribute] = raw[attribute];
    const propagate = props.PropagateTags === true || props.PropagateTags === 'true';
    for (const generated of table) {
      if (generated.when && !generated.when(props)) continue;
      const properties: Json = {};
      for (const [from, to] of Object.entries(generated.copy ?? {})) {
        if (props[from] !== undefined) properties[to] = props[from];
      }
      Object.assign(properties, generated.derive?.(samId, props) ?? {});
      const tagging = generated.tags ?? 'propagate';
      if (tagging === 'always' || tagging === 'sam' || (tagging === 'propagate' && propagate)) {
        const tags = tagList(props.Tags, tagging === 'sam');
        if (tags !== undefined) properties.Tags = tags;
      }
      add(generated.id(samId, props), { Type: generated.type, Properties: properties, ...kept }, samId);
    }
    if (props.DeploymentPreference !== undefined) deployment = true;
    const target = type === 'AWS::Serverless::Function' ? { 'Fn::GetAtt': [samId, 'Arn'] } : { Ref: samId };
    for (const [id, r] of eventResources(samId, props, target)) add(id, { ...r, ...kept }, samId);
    if (type === 'AWS::Serverless::Function') {
      for (const [id, r] of destinationResources(samId, props)) add(id, { ...r, ...kept }, samId);
    }
  }
  if (deployment) {
    add(
      'ServerlessDeploymentApplication',
      { Type: 'AWS::CodeDeploy::Application', Properties: { ComputePlatform: 'Lambda' } },
      'ServerlessDeploymentApplication',
    );
  }
  return { resources: out, origins, unjudged };
}
