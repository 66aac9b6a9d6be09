import { isUnresolved } from '../../normalize/intrinsics';
import type { Resource } from '../../normalize/model';
import { cannotProve, combine, fail, unknownValue, type Outcome } from '../../judge/rule';
import { at, bool, list, obj, show, str, strings } from '../../normalize/values';
import { levelOf, levelUnknown } from '../helpers';
import { atRest, atRestAll, atRestBy, exposureBy, publicValue, tlsValue, transitBy } from './columns';
import { cfnPage, present, type DataStoreRow } from './table';

/**
 * Rows of compute, machine learning, APIs and the edge: EKS, Lambda, SageMaker, API Gateway,
 * AppSync, CloudFront, Bedrock.
 */

// ---- EKS ----

/** True if a Kubernetes version (`1.27`) is older than `1.28`, from which EKS encrypts all API data by default. */
function olderThan128(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major < 1 || (major === 1 && minor < 28);
}

const eksAtRest = atRestBy(
  {
    reads: 'the entry of `EncryptionConfig[]` whose `Resources` include `secrets`: key `Provider.KeyArn`',
    absent:
      'Kubernetes 1.28 and later (the default `Version`): every Kubernetes API object is envelope-encrypted with an AWS owned key; before 1.28, secrets are not envelope-encrypted',
    provider: '`alias/aws/*`',
  },
  (cluster) => {
    const configs = list(present(cluster.properties.EncryptionConfig));
    if (isUnresolved(configs))
      return { outcome: cannotProve(unknownValue('EncryptionConfig', 'EncryptionConfig', configs)) };
    const secrets = (configs ?? []).find((c) => strings(at(c, 'Resources')).includes('secrets'));
    if (secrets)
      return {
        parts: [
          { encryptedByDefault: true, key: present(at(secrets, 'Provider.KeyArn')), keyProperty: 'Provider.KeyArn' },
        ],
      };
    const version = str(present(cluster.properties.Version));
    if (isUnresolved(version)) return { outcome: cannotProve(unknownValue('Version', 'Version', version)) };
    const old = typeof version === 'string' && olderThan128(version);
    return {
      parts: [
        {
          enabled: old ? false : undefined,
          enabledProperty: 'EncryptionConfig',
          encryptedByDefault: !old,
          key: undefined,
          keyProperty: 'EncryptionConfig',
          how: {
            en: 'EncryptionConfig not set: an AWS owned key',
            fr: 'EncryptionConfig non défini : une clé détenue par AWS',
          },
          part: old ? { en: `Kubernetes ${version}`, fr: `Kubernetes ${version}` } : undefined,
        },
      ],
    };
  },
);

const eksPublicEndpoint = exposureBy(
  'NET-2',
  { reads: '`ResourcesVpcConfig.EndpointPublicAccess` false', absent: 'public' },
  (cluster) => {
    const value = bool(present(at(cluster.properties, 'ResourcesVpcConfig.EndpointPublicAccess')));
    if (isUnresolved(value)) return cannotProve(unknownValue('EndpointPublicAccess', 'EndpointPublicAccess', value));
    return value === false
      ? 'pass'
      : fail({
          en: `the cluster's API endpoint is public (EndpointPublicAccess ${value === undefined ? 'not set: true by default' : 'true'})`,
          fr: `le point de terminaison de l'API du cluster est public (EndpointPublicAccess ${value === undefined ? 'non défini : true par défaut' : 'vaut true'})`,
        });
  },
  'NET-2/eks-public-endpoint',
);

// ---- Lambda ----

/** A function without environment variables keeps no data under KmsKeyArn. */
function withoutVariables(fn: Resource): Outcome | undefined {
  const variables = present(at(fn.properties, 'Environment.Variables'));
  if (variables === undefined) return 'not-applicable';
  const map = obj(variables);
  if (!isUnresolved(map) && map && Object.keys(map).length === 0) return 'not-applicable';
  return undefined;
}

const lambdaPermission = exposureBy(
  'ACC-1',
  {
    reads:
      "`Principal` `*` without `SourceArn`, `SourceAccount` or `PrincipalOrgID`, or `FunctionUrlAuthType` `NONE`, lets anyone invoke the function (allowed for 'public' data)",
    absent: 'not public',
  },
  (permission) => {
    const principal = str(present(permission.properties.Principal));
    const urlAuth = str(present(permission.properties.FunctionUrlAuthType));
    if (isUnresolved(principal)) return cannotProve(unknownValue('Principal', 'Principal', principal));
    if (isUnresolved(urlAuth)) return cannotProve(unknownValue('FunctionUrlAuthType', 'FunctionUrlAuthType', urlAuth));
    if (principal !== '*') return 'pass';
    const scoped = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'].filter(
      (p) => present(permission.properties[p]) !== undefined,
    );
    if (scoped.length && urlAuth !== 'NONE') return 'pass';
    const how =
      urlAuth === 'NONE'
        ? { en: 'FunctionUrlAuthType NONE to principal *', fr: 'FunctionUrlAuthType NONE au principal *' }
        : {
            en: 'principal * without SourceArn, SourceAccount or PrincipalOrgID',
            fr: 'principal * sans SourceArn, SourceAccount ni PrincipalOrgID',
          };
    return publicLevel(permission, {
      en: `anyone may invoke the function (${how.en})`,
      fr: `tout le monde peut invoquer la fonction (${how.fr})`,
    });
  },
);

/** Unauthenticated access: allowed for data classified `public`, a failure otherwise. */
function publicLevel(resource: Resource, message: { en: string; fr: string }): Outcome {
  const level = levelOf(resource);
  if (level === 'public') return 'pass';
  if (!level) {
    return levelUnknown(resource, {
      en: `whether ${message.en} is acceptable`,
      fr: `que l'accès public est acceptable (${message.fr})`,
    });
  }
  return fail({
    en: `${message.en}, and level '${level}' is not public`,
    fr: `${message.fr}, alors que le niveau '${level}' n'est pas public`,
  });
}

// ---- API Gateway ----

/** Security policies allowing only TLS 1.2 or later: the legacy `TLS_1_2` and the enhanced `SecurityPolicy_TLS12_…`/`…TLS13_…`. */
const apiTls12 = (v: string) => v === 'TLS_1_2' || /^SecurityPolicy_TLS1[23]_/.test(v);
const API_TLS12_TEXT = '`TLS_1_2` or an enhanced `SecurityPolicy_TLS13_…`/`SecurityPolicy_TLS12_…` policy';

const restApiTls = transitBy(
  {
    reads: `the default \`execute-api\` endpoint: \`SecurityPolicy\` ${API_TLS12_TEXT}; without one, API Gateway's default endpoint policy is TLS-1-0 for \`EDGE\` and \`REGIONAL\` APIs and TLS-1-2 for \`PRIVATE\` ones (\`EndpointConfiguration.Types\`); not judged when \`DisableExecuteApiEndpoint\` is true (its custom domain names are)`,
    absent: 'an edge-optimized API (TLS 1.0 accepted)',
  },
  (api) => {
    const disabled = bool(present(api.properties.DisableExecuteApiEndpoint));
    if (isUnresolved(disabled))
      return cannotProve(unknownValue('DisableExecuteApiEndpoint', 'DisableExecuteApiEndpoint', disabled));
    if (disabled === true) return 'not-applicable';
    const policy = str(present(api.properties.SecurityPolicy));
    if (isUnresolved(policy)) return cannotProve(unknownValue('SecurityPolicy', 'SecurityPolicy', policy));
    if (policy !== undefined) {
      return apiTls12(policy)
        ? 'pass'
        : fail({
            en: `the API accepts TLS older than 1.2 (SecurityPolicy ${show(policy)})`,
            fr: `l'API accepte TLS antérieur à 1.2 (SecurityPolicy ${show(policy, 'fr')})`,
          });
    }
    const types = list(present(at(api.properties, 'EndpointConfiguration.Types')));
    if (isUnresolved(types))
      return cannotProve(unknownValue('EndpointConfiguration.Types', 'EndpointConfiguration.Types', types));
    const kinds = (types ?? ['EDGE']).map((t) => String(t));
    if (kinds.every((t) => t === 'PRIVATE')) return 'pass';
    return fail({
      en: `its default execute-api endpoint (${kinds.join(', ')}) accepts TLS 1.0: no SecurityPolicy`,
      fr: `son point de terminaison execute-api par défaut (${kinds.join(', ')}) accepte TLS 1.0 : pas de SecurityPolicy`,
    });
  },
);

const stageCache = atRestBy(
  {
    reads:
      'with `CacheClusterEnabled` true, every `MethodSettings[]` with `CachingEnabled` true has `CacheDataEncrypted` true (API Gateway chooses the key)',
    absent: 'no cache, or a cache not encrypted',
    provider: 'every key (none can be chosen)',
  },
  (stage) => {
    const enabled = bool(present(stage.properties.CacheClusterEnabled));
    if (isUnresolved(enabled))
      return { outcome: cannotProve(unknownValue('CacheClusterEnabled', 'CacheClusterEnabled', enabled)) };
    if (enabled !== true) return { outcome: 'not-applicable' };
    const settings = list(present(stage.properties.MethodSettings));
    if (isUnresolved(settings))
      return { outcome: cannotProve(unknownValue('MethodSettings', 'MethodSettings', settings)) };
    const cached = (settings ?? []).filter(
      (s) => bool(present(at(s, 'CachingEnabled'))) !== false && present(at(s, 'CachingEnabled')) !== undefined,
    );
    if (!cached.length) return { outcome: 'not-applicable' };
    const NO_KEY = {
      en: 'API Gateway offers no customer-managed key for its cache',
      fr: 'API Gateway ne propose aucune clé gérée par le client pour son cache',
    };
    return {
      parts: cached.map((s) => {
        const path = `${String(str(at(s, 'HttpMethod')) ?? '*')} ${String(str(at(s, 'ResourcePath')) ?? '/*')}`;
        const encrypted = bool(present(at(s, 'CacheDataEncrypted')));
        return {
          enabled: encrypted ?? false,
          enabledProperty: 'CacheDataEncrypted',
          encryptedByDefault: false,
          key: undefined,
          keyProperty: '',
          providerKey: true,
          how: NO_KEY,
          part: { en: `the cache of ${path}`, fr: `le cache de ${path}` },
        };
      }),
    };
  },
);

// ---- CloudFront ----

const ORIGIN_TLS12 = new Set(['TLSv1.2']);

const cloudFrontTls = transitBy(
  {
    reads:
      '`DistributionConfig.ViewerCertificate.MinimumProtocolVersion` `TLSv1.2_2018` or later (`TLSv1.2_2021` recommended) with a certificate of its own (the default `*.cloudfront.net` certificate forces `TLSv1`); no `ViewerProtocolPolicy` `allow-all` (default and ordered cache behaviors); no custom origin with `OriginProtocolPolicy` `http-only` or `match-viewer`, nor `OriginSSLProtocols` below `TLSv1.2`',
    absent: 'the default certificate (TLSv1)',
  },
  (distribution) => {
    const config = present(distribution.properties.DistributionConfig);
    if (isUnresolved(config)) return cannotProve(unknownValue('DistributionConfig', 'DistributionConfig', config));
    const outcomes: Outcome[] = ['pass'];
    const certificate = present(at(config, 'ViewerCertificate'));
    const byDefault = bool(present(at(certificate, 'CloudFrontDefaultCertificate')));
    const minimum = str(present(at(certificate, 'MinimumProtocolVersion')));
    if (isUnresolved(byDefault))
      outcomes.push(
        cannotProve(unknownValue('CloudFrontDefaultCertificate', 'CloudFrontDefaultCertificate', byDefault)),
      );
    else if (isUnresolved(minimum))
      outcomes.push(cannotProve(unknownValue('MinimumProtocolVersion', 'MinimumProtocolVersion', minimum)));
    else if (certificate === undefined || byDefault === true) {
      outcomes.push(
        fail({
          en: 'viewers may use TLS 1.0: the default *.cloudfront.net certificate sets the security policy to TLSv1',
          fr: 'les clients peuvent utiliser TLS 1.0 : le certificat par défaut *.cloudfront.net fixe la politique de sécurité à TLSv1',
        }),
      );
    } else if (!(minimum ?? 'TLSv1').startsWith('TLSv1.2_')) {
      outcomes.push(
        fail({
          en: `viewers may use TLS older than 1.2 (MinimumProtocolVersion ${minimum ?? 'not set: TLSv1'})`,
          fr: `les clients peuvent utiliser TLS antérieur à 1.2 (MinimumProtocolVersion ${minimum ?? 'non défini : TLSv1'})`,
        }),
      );
    }
    const ordered = list(present(at(config, 'CacheBehaviors')));
    if (isUnresolved(ordered)) outcomes.push(cannotProve(unknownValue('CacheBehaviors', 'CacheBehaviors', ordered)));
    const behaviors = [at(config, 'DefaultCacheBehavior'), ...(isUnresolved(ordered) ? [] : (ordered ?? []))];
    for (const behavior of behaviors) {
      if (isUnresolved(behavior)) {
        outcomes.push(cannotProve(unknownValue('DefaultCacheBehavior', 'DefaultCacheBehavior', behavior)));
        continue;
      }
      const policy = str(present(at(behavior, 'ViewerProtocolPolicy')));
      if (isUnresolved(policy))
        outcomes.push(cannotProve(unknownValue('ViewerProtocolPolicy', 'ViewerProtocolPolicy', policy)));
      else if (policy === 'allow-all') {
        const where = String(str(at(behavior, 'PathPattern')) ?? 'default');
        outcomes.push(
          fail({
            en: `the ${where} cache behavior serves HTTP without TLS (ViewerProtocolPolicy allow-all)`,
            fr: `le comportement de cache ${where} sert HTTP sans TLS (ViewerProtocolPolicy allow-all)`,
          }),
        );
      }
    }
    const origins = list(present(at(config, 'Origins')));
    if (isUnresolved(origins)) outcomes.push(cannotProve(unknownValue('Origins', 'Origins', origins)));
    for (const origin of isUnresolved(origins) ? [] : (origins ?? [])) {
      const custom = present(at(origin, 'CustomOriginConfig'));
      if (custom === undefined) continue;
      const id = String(str(at(origin, 'Id')) ?? '?');
      const protocol = str(present(at(custom, 'OriginProtocolPolicy')));
      if (isUnresolved(protocol))
        outcomes.push(cannotProve(unknownValue('OriginProtocolPolicy', 'OriginProtocolPolicy', protocol)));
      else if (protocol === 'http-only' || protocol === 'match-viewer') {
        outcomes.push(
          fail({
            en: `origin '${id}' may be reached over HTTP (OriginProtocolPolicy ${protocol})`,
            fr: `l'origine '${id}' peut être jointe en HTTP (OriginProtocolPolicy ${protocol})`,
          }),
        );
      }
      const versions = strings(present(at(custom, 'OriginSSLProtocols')));
      const old = versions.filter((v) => typeof v === 'string' && !ORIGIN_TLS12.has(v));
      if (old.length) {
        outcomes.push(
          fail({
            en: `origin '${id}' accepts ${old.join(', ')} (OriginSSLProtocols)`,
            fr: `l'origine '${id}' accepte ${old.join(', ')} (OriginSSLProtocols)`,
          }),
        );
      }
    }
    return combine(outcomes);
  },
);

// ---- The rows ----

const NO_AUTH = {
  en: 'anyone may invoke it without authentication',
  fr: "tout le monde peut l'invoquer sans authentification",
};

export const COMPUTE_ROWS: readonly DataStoreRow[] = [
  {
    type: 'AWS::EKS::Cluster',
    sources: [
      cfnPage('AWS::EKS::Cluster'),
      'https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html',
    ],
    checks: [eksAtRest, eksPublicEndpoint],
  },
  {
    type: 'AWS::Lambda::Function',
    sources: [
      cfnPage('AWS::Lambda::Function'),
      'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
    ],
    checks: [
      atRest({
        key: 'KmsKeyArn',
        absent: 'provider-key',
        skip: withoutVariables,
        note: 'Only a function with `Environment.Variables` keeps data under this key',
      }),
    ],
  },
  {
    type: 'AWS::Lambda::Url',
    sources: [cfnPage('AWS::Lambda::Url'), 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
    checks: [
      publicValue({
        control: 'ACC-1',
        path: 'AuthType',
        publicValues: ['NONE'],
        publicLevelMay: true,
        what: {
          en: 'the function URL lets anyone invoke the function',
          fr: "l'URL de fonction permet à tout le monde d'invoquer la fonction",
        },
      }),
    ],
  },
  {
    type: 'AWS::Lambda::Permission',
    sources: [cfnPage('AWS::Lambda::Permission')],
    checks: [lambdaPermission],
  },
  {
    type: 'AWS::SageMaker::NotebookInstance',
    sources: [cfnPage('AWS::SageMaker::NotebookInstance')],
    checks: [
      atRest({ key: 'KmsKeyId', absent: 'provider-key' }),
      publicValue({
        control: 'NET-2',
        path: 'DirectInternetAccess',
        publicValues: ['Enabled'],
        absentValue: 'Enabled',
        what: { en: 'the notebook has direct internet access', fr: 'le notebook a un accès direct à Internet' },
      }),
    ],
  },
  {
    type: 'AWS::SageMaker::Domain',
    sources: [cfnPage('AWS::SageMaker::Domain')],
    checks: [
      atRest({ key: 'KmsKeyId', absent: 'provider-key' }),
      publicValue({
        control: 'NET-2',
        path: 'AppNetworkAccessType',
        publicValues: ['PublicInternetOnly'],
        absentValue: 'PublicInternetOnly',
        what: { en: 'the domain reaches the internet directly', fr: 'le domaine accède directement à Internet' },
      }),
    ],
  },
  {
    type: 'AWS::SageMaker::EndpointConfig',
    sources: [cfnPage('AWS::SageMaker::EndpointConfig')],
    checks: [
      atRestAll([
        {
          part: { en: 'the ML storage volume', fr: 'le volume de stockage ML' },
          spec: { key: 'KmsKeyId', absent: 'provider-key' },
        },
        {
          part: { en: 'captured data', fr: 'les données capturées' },
          when: 'DataCaptureConfig',
          spec: { key: 'DataCaptureConfig.KmsKeyId', absent: 'provider-key' },
        },
        {
          part: { en: 'asynchronous inference output', fr: "la sortie d'inférence asynchrone" },
          when: 'AsyncInferenceConfig',
          spec: { key: 'AsyncInferenceConfig.OutputConfig.KmsKeyId', absent: 'provider-key' },
        },
      ]),
    ],
  },
  {
    type: 'AWS::SageMaker::FeatureGroup',
    sources: [cfnPage('AWS::SageMaker::FeatureGroup')],
    checks: [
      atRestAll([
        {
          part: { en: 'the offline store', fr: 'le magasin hors ligne' },
          when: 'OfflineStoreConfig',
          spec: { key: 'OfflineStoreConfig.S3StorageConfig.KmsKeyId', absent: 'provider-key' },
        },
        {
          part: { en: 'the online store', fr: 'le magasin en ligne' },
          when: 'OnlineStoreConfig',
          spec: { key: 'OnlineStoreConfig.SecurityConfig.KmsKeyId', absent: 'provider-key' },
        },
      ]),
    ],
  },
  {
    type: 'AWS::ApiGateway::RestApi',
    sources: [
      cfnPage('AWS::ApiGateway::RestApi'),
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
    ],
    checks: [restApiTls],
  },
  {
    type: 'AWS::ApiGateway::Stage',
    sources: [cfnPage('AWS::ApiGateway::Stage')],
    checks: [stageCache],
  },
  {
    type: 'AWS::ApiGateway::Method',
    sources: [cfnPage('AWS::ApiGateway::Method')],
    checks: [
      publicValue({
        control: 'ACC-1',
        path: 'AuthorizationType',
        publicValues: ['NONE'],
        publicLevelMay: true,
        skip: (method) => (str(present(method.properties.HttpMethod)) === 'OPTIONS' ? 'not-applicable' : undefined),
        note: 'A CORS preflight (`OPTIONS`) method is not judged',
        what: { en: `the method ${NO_AUTH.en}`, fr: `la méthode : ${NO_AUTH.fr}` },
      }),
    ],
  },
  {
    type: 'AWS::ApiGateway::DomainName',
    sources: [
      cfnPage('AWS::ApiGateway::DomainName'),
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
    ],
    checks: [
      tlsValue({
        path: 'SecurityPolicy',
        good: apiTls12,
        goodText: API_TLS12_TEXT,
        what: { en: 'the domain name accepts TLS 1.0', fr: 'le nom de domaine accepte TLS 1.0' },
      }),
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::DomainName',
    sources: [cfnPage('AWS::ApiGatewayV2::DomainName')],
    checks: [
      tlsValue({
        path: 'DomainNameConfigurations[].SecurityPolicy',
        good: apiTls12,
        goodText: API_TLS12_TEXT,
        what: { en: 'the domain name accepts TLS 1.0', fr: 'le nom de domaine accepte TLS 1.0' },
      }),
    ],
  },
  {
    type: 'AWS::AppSync::GraphQLApi',
    sources: [
      cfnPage('AWS::AppSync::GraphQLApi'),
      'https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html',
    ],
    checks: [
      publicValue({
        control: 'ACC-1',
        path: 'AuthenticationType',
        publicValues: ['API_KEY'],
        publicLevelMay: true,
        note: 'An API key identifies no one: whoever holds it reads the data',
        what: {
          en: 'the API is open to any holder of an API key',
          fr: "l'API est ouverte à tout détenteur d'une clé d'API",
        },
      }),
      publicValue({
        control: 'ACC-1',
        path: 'AdditionalAuthenticationProviders[].AuthenticationType',
        publicValues: ['API_KEY'],
        publicLevelMay: true,
        what: {
          en: 'the API is open to any holder of an API key',
          fr: "l'API est ouverte à tout détenteur d'une clé d'API",
        },
      }),
    ],
  },
  {
    type: 'AWS::CloudFront::Distribution',
    sources: [
      cfnPage('AWS::CloudFront::Distribution'),
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    ],
    checks: [cloudFrontTls],
  },
  {
    type: 'AWS::Bedrock::Agent',
    sources: [cfnPage('AWS::Bedrock::Agent')],
    checks: [atRest({ key: 'CustomerEncryptionKeyArn', absent: 'provider-key' })],
  },
  {
    type: 'AWS::Bedrock::KnowledgeBase',
    sources: [cfnPage('AWS::Bedrock::KnowledgeBase')],
    checks: [
      atRestAll([
        {
          part: { en: 'the managed knowledge base', fr: 'la base de connaissances gérée' },
          when: 'KnowledgeBaseConfiguration.ManagedKnowledgeBaseConfiguration',
          spec: {
            key: 'KnowledgeBaseConfiguration.ManagedKnowledgeBaseConfiguration.ServerSideEncryptionConfiguration.KmsKeyArn',
            absent: 'provider-key',
            note: 'Other knowledge bases keep their vectors in the store of `StorageConfiguration` (OpenSearch Serverless, Aurora, Redshift…), judged as that store',
          },
        },
      ]),
    ],
  },
  {
    type: 'AWS::Bedrock::DataSource',
    sources: [cfnPage('AWS::Bedrock::DataSource')],
    checks: [atRest({ key: 'ServerSideEncryptionConfiguration.KmsKeyArn', absent: 'provider-key' })],
  },
];
