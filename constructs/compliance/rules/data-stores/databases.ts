import { isUnresolved, type Unresolved } from '../../normalize/intrinsics';
import type { CheckInput, Resource } from '../../normalize/model';
import { cannotProve, combine, fail, unknownValue, type Outcome } from '../../judge/rule';
import { at, bool, list, refTarget, show, str } from '../../normalize/values';
import { judgeCopyRegion } from '../helpers';
import {
  atRest,
  atRestBy,
  copies,
  copiesBy,
  described,
  judgeDestination,
  keptBy,
  publicFlag,
  publicPolicy,
  publicUnless,
  tlsFlag,
  tlsParameter,
  tlsValue,
  transitBy,
} from './columns';
import { cfnPage, present, type AtRestCheck, type Check, type DataStoreRow } from './table';
import { rdsInstancePublic } from './storage';

/**
 * Rows of the databases: RDS and Aurora, DocumentDB, Neptune, Redshift, DynamoDB and DAX,
 * ElastiCache and MemoryDB, Keyspaces, QLDB, Timestream, Aurora DSQL, OpenSearch, DMS.
 */

// ---- Global databases: the other members of the global cluster a cluster joins ----

const membersByInput = new WeakMap<CheckInput, Map<string, Map<string, Resource[]>>>();

/** The key of the global cluster a cluster belongs to: its identifier, or why it is unknown; undefined for none. */
function globalKey(cluster: Resource, globalTypes: readonly string[]): string | Unresolved | undefined {
  const keyOf = (global: Resource) => {
    const id = present(global.properties.GlobalClusterIdentifier);
    return typeof id === 'string' ? id.toLowerCase() : `${global.file}#${global.id}`;
  };
  const named = present(cluster.properties.GlobalClusterIdentifier);
  if (named !== undefined) {
    const target = cluster.template.byId.get(refTarget(named) ?? '');
    if (target && globalTypes.includes(target.type)) return keyOf(target);
    if (typeof named === 'string') return named.toLowerCase();
    if (isUnresolved(named)) return named;
    return undefined;
  }
  // The primary of a global cluster created from it (SourceDBClusterIdentifier).
  for (const global of cluster.template.resources) {
    if (!globalTypes.includes(global.type)) continue;
    if (refTarget(present(global.properties.SourceDBClusterIdentifier)) === cluster.id) return keyOf(global);
  }
  return undefined;
}

function membersOf(input: CheckInput, clusterType: string, globalTypes: readonly string[]): Map<string, Resource[]> {
  let byType = membersByInput.get(input);
  if (!byType) membersByInput.set(input, (byType = new Map()));
  let members = byType.get(clusterType);
  if (!members) {
    byType.set(clusterType, (members = new Map()));
    for (const template of input.templates) {
      for (const r of template.resources) {
        if (r.type !== clusterType) continue;
        const key = globalKey(r, globalTypes);
        if (typeof key === 'string') members.set(key, [...(members.get(key) ?? []), r]);
      }
    }
  }
  return members;
}

/** RES-2 for a cluster of a global database: the regions of the other members of the input; none known cannot be proven. */
function globalMembership(clusterType: string, globalTypes: readonly string[]): Check {
  return copiesBy(
    {
      reads:
        'global database: the other clusters of the input in the same global cluster (`GlobalClusterIdentifier`, or the `SourceDBClusterIdentifier` of a global cluster), in the regions of their stacks; none in the input cannot be proven',
      absent: 'no copy',
    },
    (cluster, context) => {
      const what = { en: 'global database replication', fr: 'réplication de base de données globale' };
      const key = globalKey(cluster, globalTypes);
      if (key === undefined) return 'not-applicable';
      if (isUnresolved(key))
        return judgeCopyRegion(context.profile, cluster, what, undefined, described(key)) ?? 'pass';
      const others = (membersOf(context.input, clusterType, globalTypes).get(key) ?? []).filter((m) => m !== cluster);
      if (!others.length) {
        const why = {
          en: `no other cluster of global cluster '${key}' is in the input`,
          fr: `aucun autre cluster du cluster global '${key}' ne figure dans les artefacts vérifiés`,
        };
        return judgeCopyRegion(context.profile, cluster, what, undefined, why) ?? 'pass';
      }
      return combine(
        others.map((m): Outcome => {
          const region = m.template.stack.region;
          if (region) return judgeDestination(cluster, context, what, region, 'region');
          const why = {
            en: `the stack of '${m.id}' has no known region`,
            fr: `la pile de '${m.id}' n'a pas de région connue`,
          };
          return judgeCopyRegion(context.profile, cluster, what, undefined, why) ?? 'pass';
        }),
      );
    },
  );
}

/**
 * ENC-1 for a global cluster: `StorageEncrypted` true (the keys are its clusters', judged on
 * them); one created from a source cluster inherits that cluster's encryption.
 */
function globalClusterAtRest(): AtRestCheck {
  return atRestBy(
    {
      reads:
        "`StorageEncrypted` true (the keys are those of its clusters, judged on them); created from `SourceDBClusterIdentifier`, it inherits that cluster's encryption",
      absent: 'not encrypted',
    },
    (global) => {
      if (present(global.properties.SourceDBClusterIdentifier) !== undefined) return { outcome: 'not-applicable' };
      const value = bool(present(global.properties.StorageEncrypted));
      if (isUnresolved(value))
        return { outcome: cannotProve(unknownValue('StorageEncrypted', 'StorageEncrypted', value)) };
      return {
        outcome:
          value === true
            ? 'pass'
            : fail({
                en: `the global cluster is not encrypted at rest (StorageEncrypted ${value === undefined ? 'not set' : 'false'})`,
                fr: `le cluster global n'est pas chiffré au repos (StorageEncrypted ${value === undefined ? 'non défini' : 'vaut false'})`,
              }),
      };
    },
  );
}

// ---- DynamoDB ----

const DYNAMODB_DOC = {
  reads:
    '`SSESpecification.SSEEnabled` true with `SSEType` KMS and key `KMSMasterKeyId` (for a global table, on every replica: `Replicas[].SSESpecification.KMSMasterKeyId`)',
  absent: 'encrypted with an AWS owned key',
  provider: '`alias/aws/dynamodb`, `SSEEnabled` false (AWS owned key)',
};

const dynamodbAtRest = atRestBy(
  DYNAMODB_DOC,
  (table) => {
    const enabled = bool(present(at(table.properties, 'SSESpecification.SSEEnabled')));
    if (isUnresolved(enabled)) return { outcome: cannotProve(unknownValue('SSEEnabled', 'SSEEnabled', enabled)) };
    const part = (key: unknown) => ({
      encryptedByDefault: true,
      key: enabled === true ? present(key) : undefined,
      keyProperty: 'KMSMasterKeyId',
      providerKey: enabled !== true,
    });
    if (table.type === 'AWS::DynamoDB::Table') {
      return { parts: [part(at(table.properties, 'SSESpecification.KMSMasterKeyId'))] };
    }
    const replicas = list(present(table.properties.Replicas));
    if (isUnresolved(replicas)) return { outcome: cannotProve(unknownValue('Replicas', 'Replicas', replicas)) };
    return { parts: (replicas ?? []).map((r) => part(at(r, 'SSESpecification.KMSMasterKeyId'))) };
  },
  'ENC-1/dynamodb-cmk',
);

// ---- ElastiCache ----

const cacheClusterAtRest = atRestBy(
  {
    reads:
      'no at-rest setting: ElastiCache encrypts at rest only replication groups (`AtRestEncryptionEnabled`) and serverless caches, so a Valkey or Redis OSS cache cluster (`Engine`), whose snapshots and syncs go to disk, is not encrypted; a Memcached one keeps no data on disk (no snapshot, no replication)',
    absent: 'not encrypted',
  },
  (cluster) => {
    const engine = str(present(cluster.properties.Engine));
    if (isUnresolved(engine)) return { outcome: cannotProve(unknownValue('Engine', 'Engine', engine)) };
    if (engine === 'memcached') return { outcome: 'not-applicable' };
    return {
      parts: [
        {
          enabled: false,
          encryptedByDefault: false,
          key: undefined,
          keyProperty: '',
          part: {
            en: 'a cache cluster cannot encrypt at rest (only replication groups and serverless caches can)',
            fr: 'un cluster de cache ne peut pas chiffrer au repos (seuls les groupes de réplication et les caches sans serveur le peuvent)',
          },
        },
      ],
    };
  },
);

// ---- Redshift Serverless ----

const workgroupTls = transitBy(
  {
    reads: '`ConfigParameters[]` with `ParameterKey` `require_ssl` and `ParameterValue` `true`',
    absent: 'unknown (the default of a workgroup is not documented): cannot be proven',
  },
  (workgroup) => {
    const parameters = list(present(workgroup.properties.ConfigParameters));
    if (isUnresolved(parameters)) return cannotProve(unknownValue('ConfigParameters', 'ConfigParameters', parameters));
    const entry = (parameters ?? []).find((p) => at(p, 'ParameterKey') === 'require_ssl');
    const value = str(present(at(entry, 'ParameterValue')));
    if (isUnresolved(value)) return cannotProve(unknownValue('require_ssl', 'require_ssl', value));
    if (value === undefined) {
      return cannotProve({
        en: 'ConfigParameters does not set require_ssl, and the default of a workgroup is not documented',
        fr: "ConfigParameters ne définit pas require_ssl, et la valeur par défaut d'un groupe de travail n'est pas documentée",
      });
    }
    return value.toLowerCase() === 'true'
      ? 'pass'
      : fail({
          en: `clients may connect without TLS (require_ssl ${show(value)})`,
          fr: `les clients peuvent se connecter sans TLS (require_ssl vaut ${show(value, 'fr')})`,
        });
  },
);

// ---- OpenSearch and Elasticsearch domains ----

function domainChecks(): Check[] {
  return [
    atRest({
      enabled: 'EncryptionAtRestOptions.Enabled',
      key: 'EncryptionAtRestOptions.KmsKeyId',
      absent: 'unencrypted',
    }),
    tlsFlag({
      path: 'NodeToNodeEncryptionOptions.Enabled',
      absent: false,
      what: { en: 'traffic between the nodes is not encrypted', fr: "le trafic entre les nœuds n'est pas chiffré" },
    }),
    tlsFlag({
      path: 'DomainEndpointOptions.EnforceHTTPS',
      absent: false,
      what: { en: 'the endpoint accepts HTTP without TLS', fr: 'le point de terminaison accepte HTTP sans TLS' },
    }),
    tlsValue({
      path: 'DomainEndpointOptions.TLSSecurityPolicy',
      good: (v) => v.startsWith('Policy-Min-TLS-1-2'),
      goodText: '`Policy-Min-TLS-1-2-2019-07` or `Policy-Min-TLS-1-2-PFS-2023-10`',
      absentValue: 'Policy-Min-TLS-1-0-2019-07',
      what: { en: 'the endpoint accepts TLS 1.0 and 1.1', fr: 'le point de terminaison accepte TLS 1.0 et 1.1' },
    }),
    publicUnless({
      control: 'NET-2',
      path: 'VPCOptions',
      what: { en: 'the domain has a public endpoint', fr: 'le domaine a un point de terminaison public' },
    }),
    publicPolicy({
      control: 'ACC-1',
      path: 'AccessPolicies',
      what: { en: 'the domain is open to everyone', fr: 'le domaine est ouvert à tous' },
    }),
  ];
}

// ---- DMS ----

/** DMS engines reached over an AWS API (HTTPS): SslMode does not apply to them. */
const DMS_API_ENGINES = new Set(['s3', 'dynamodb', 'kinesis', 'kafka', 'opensearch', 'elasticsearch', 'neptune']);

// ---- The rows ----

const RDS_SOURCES = ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'];

export const DATABASE_ROWS: readonly DataStoreRow[] = [
  {
    type: 'AWS::RDS::DBInstance',
    sources: [cfnPage('AWS::RDS::DBInstance'), ...RDS_SOURCES],
    checks: [
      atRest({
        rule: 'ENC-1/rds-cmk',
        enabled: 'StorageEncrypted',
        key: 'KmsKeyId',
        absent: 'unencrypted',
        skip: (db, context) =>
          keptBy(db, context, 'DBClusterIdentifier', ['AWS::RDS::DBCluster'], 'DBClusterIdentifier'),
        note: 'An instance of a cluster (`DBClusterIdentifier`) is encrypted by its cluster',
      }),
      rdsInstancePublic,
      copies({
        what: {
          en: 'cross-region automated backup replication',
          fr: 'réplication interrégionale des sauvegardes automatiques',
        },
        regions: ['AutomaticBackupReplicationRegion'],
      }),
    ],
  },
  {
    type: 'AWS::RDS::DBCluster',
    sources: [cfnPage('AWS::RDS::DBCluster'), ...RDS_SOURCES],
    checks: [
      atRest({ rule: 'ENC-1/rds-cmk', enabled: 'StorageEncrypted', key: 'KmsKeyId', absent: 'unencrypted' }),
      publicFlag({
        control: 'NET-2',
        path: 'PubliclyAccessible',
        publicWhenAbsent: false,
        what: {
          en: 'the Multi-AZ DB cluster is publicly accessible',
          fr: 'le cluster de bases de données Multi-AZ est accessible publiquement',
        },
      }),
      globalMembership('AWS::RDS::DBCluster', ['AWS::RDS::GlobalCluster']),
    ],
  },
  {
    type: 'AWS::RDS::GlobalCluster',
    sources: [cfnPage('AWS::RDS::GlobalCluster')],
    checks: [globalClusterAtRest()],
  },
  {
    type: 'AWS::RDS::DBProxy',
    sources: [cfnPage('AWS::RDS::DBProxy')],
    checks: [
      tlsFlag({
        path: 'RequireTLS',
        absent: false,
        what: {
          en: 'clients may connect to the proxy without TLS',
          fr: 'les clients peuvent se connecter au proxy sans TLS',
        },
      }),
    ],
  },
  {
    type: 'AWS::DocDB::DBCluster',
    sources: [
      cfnPage('AWS::DocDB::DBCluster'),
      'https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html',
    ],
    checks: [
      atRest({ enabled: 'StorageEncrypted', key: 'KmsKeyId', absent: 'unencrypted' }),
      globalMembership('AWS::DocDB::DBCluster', ['AWS::DocDB::GlobalCluster']),
      tlsParameter({
        group: 'DBClusterParameterGroupName',
        groupTypes: ['AWS::DocDB::DBClusterParameterGroup'],
        name: 'tls',
        good: (v) => v !== 'disabled',
        goodText: 'not `disabled` (`enabled`, `tls1.2+`, `tls1.3+`, `fips-140-3`)',
        defaultValue: 'enabled',
        shape: 'map',
        what: { en: 'clients may connect without TLS', fr: 'les clients peuvent se connecter sans TLS' },
      }),
    ],
  },
  {
    type: 'AWS::DocDB::DBInstance',
    sources: [cfnPage('AWS::DocDB::DBInstance')],
    checks: [
      atRest({
        absent: 'provider-key',
        skip: (db, context) =>
          keptBy(db, context, 'DBClusterIdentifier', ['AWS::DocDB::DBCluster'], 'DBClusterIdentifier') ??
          'not-applicable',
        reads:
          "an instance holds its cluster's data: the cluster (`DBClusterIdentifier`) is judged; one outside the input cannot be proven",
      }),
    ],
  },
  {
    type: 'AWS::DocDB::GlobalCluster',
    sources: [cfnPage('AWS::DocDB::GlobalCluster')],
    checks: [globalClusterAtRest()],
  },
  {
    type: 'AWS::DocDBElastic::Cluster',
    sources: [cfnPage('AWS::DocDBElastic::Cluster')],
    checks: [atRest({ key: 'KmsKeyId', absent: 'provider-key' })],
  },
  {
    type: 'AWS::Neptune::DBCluster',
    sources: [
      cfnPage('AWS::Neptune::DBCluster'),
      'https://docs.aws.amazon.com/neptune/latest/userguide/security-ssl.html',
    ],
    checks: [
      atRest({
        enabled: 'StorageEncrypted',
        key: 'KmsKeyId',
        absent: 'unencrypted',
        note: 'In transit, Neptune accepts only HTTPS (TLS 1.2+) since engine 1.0.4.0: no setting to judge',
      }),
      globalMembership('AWS::Neptune::DBCluster', ['AWS::Neptune::GlobalCluster']),
    ],
  },
  {
    type: 'AWS::Neptune::DBInstance',
    sources: [cfnPage('AWS::Neptune::DBInstance')],
    checks: [
      atRest({
        absent: 'provider-key',
        skip: (db, context) =>
          keptBy(db, context, 'DBClusterIdentifier', ['AWS::Neptune::DBCluster'], 'DBClusterIdentifier') ??
          'not-applicable',
        reads:
          "an instance holds its cluster's data: the cluster (`DBClusterIdentifier`) is judged; one outside the input cannot be proven",
      }),
      publicFlag({
        control: 'NET-2',
        path: 'PubliclyAccessible',
        publicWhenAbsent: false,
        what: {
          en: 'the database instance is publicly accessible',
          fr: "l'instance de base de données est accessible publiquement",
        },
      }),
    ],
  },
  {
    type: 'AWS::Neptune::GlobalCluster',
    sources: [cfnPage('AWS::Neptune::GlobalCluster')],
    checks: [globalClusterAtRest()],
  },
  {
    type: 'AWS::NeptuneGraph::Graph',
    sources: [cfnPage('AWS::NeptuneGraph::Graph')],
    checks: [
      atRest({ key: 'KmsKeyIdentifier', absent: 'provider-key' }),
      publicFlag({
        control: 'NET-2',
        path: 'PublicConnectivity',
        publicWhenAbsent: false,
        what: { en: 'the graph is reachable from the internet', fr: 'le graphe est joignable depuis Internet' },
      }),
    ],
  },
  {
    type: 'AWS::Redshift::Cluster',
    sources: [
      cfnPage('AWS::Redshift::Cluster'),
      'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html',
    ],
    checks: [
      atRest({
        enabled: 'Encrypted',
        key: 'KmsKeyId',
        absent: 'provider-key',
        note: '`Encrypted` false is refused: always encrypted',
      }),
      copies({
        what: { en: 'cross-region snapshot copy', fr: "copie d'instantanés interrégionale" },
        regions: ['DestinationRegion'],
      }),
      publicFlag({
        control: 'NET-2',
        path: 'PubliclyAccessible',
        publicWhenAbsent: false,
        what: { en: 'the cluster is publicly accessible', fr: 'le cluster est accessible publiquement' },
      }),
      tlsParameter({
        group: 'ClusterParameterGroupName',
        groupTypes: ['AWS::Redshift::ClusterParameterGroup'],
        name: 'require_ssl',
        good: (v) => v.toLowerCase() === 'true',
        goodText: '`true`',
        defaultValue: 'false',
        shape: 'list',
        what: { en: 'clients may connect without TLS', fr: 'les clients peuvent se connecter sans TLS' },
      }),
    ],
  },
  {
    type: 'AWS::RedshiftServerless::Namespace',
    sources: [cfnPage('AWS::RedshiftServerless::Namespace')],
    checks: [
      atRest({ key: 'KmsKeyId', absent: 'provider-key' }),
      copies({
        what: { en: 'cross-region snapshot copy', fr: "copie d'instantanés interrégionale" },
        regions: ['SnapshotCopyConfigurations[].DestinationRegion'],
      }),
    ],
  },
  {
    type: 'AWS::RedshiftServerless::Workgroup',
    sources: [cfnPage('AWS::RedshiftServerless::Workgroup')],
    checks: [
      publicFlag({
        control: 'NET-2',
        path: 'PubliclyAccessible',
        publicWhenAbsent: false,
        what: { en: 'the workgroup is publicly accessible', fr: 'le groupe de travail est accessible publiquement' },
      }),
      workgroupTls,
    ],
  },
  {
    type: 'AWS::DynamoDB::Table',
    sources: [
      cfnPage('AWS::DynamoDB::Table'),
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
    ],
    checks: [dynamodbAtRest],
  },
  {
    type: 'AWS::DynamoDB::GlobalTable',
    sources: [cfnPage('AWS::DynamoDB::GlobalTable')],
    checks: [
      dynamodbAtRest,
      copies({
        rule: 'RES-2/dynamodb-replica-region',
        what: { en: 'replica', fr: 'réplique' },
        regions: ['Replicas[].Region'],
      }),
    ],
  },
  {
    type: 'AWS::DAX::Cluster',
    sources: [
      cfnPage('AWS::DAX::Cluster'),
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html',
    ],
    checks: [
      atRest({
        enabled: 'SSESpecification.SSEEnabled',
        absent: 'unencrypted',
        noKeyChoice: {
          en: 'DAX encrypts with an AWS owned key only',
          fr: "DAX ne chiffre qu'avec une clé détenue par AWS",
        },
      }),
      tlsValue({
        path: 'ClusterEndpointEncryptionType',
        good: (v) => v === 'TLS',
        goodText: '`TLS`',
        absentValue: 'NONE',
        what: {
          en: 'the cluster endpoint is not encrypted',
          fr: "le point de terminaison du cluster n'est pas chiffré",
        },
      }),
    ],
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    sources: [
      cfnPage('AWS::ElastiCache::ReplicationGroup'),
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    ],
    checks: [
      atRest({ enabled: 'AtRestEncryptionEnabled', key: 'KmsKeyId', absent: 'unencrypted' }),
      tlsFlag({
        path: 'TransitEncryptionEnabled',
        absent: false,
        what: { en: 'clients may connect without TLS', fr: 'les clients peuvent se connecter sans TLS' },
      }),
      tlsValue({
        path: 'TransitEncryptionMode',
        good: (v) => v === 'required',
        goodText: '`required` (`preferred` also accepts connections without TLS)',
        absentValue: 'required',
        what: { en: 'connections without TLS are accepted', fr: 'les connexions sans TLS sont acceptées' },
      }),
    ],
  },
  {
    type: 'AWS::ElastiCache::CacheCluster',
    sources: [
      cfnPage('AWS::ElastiCache::CacheCluster'),
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    ],
    checks: [
      cacheClusterAtRest,
      tlsFlag({
        path: 'TransitEncryptionEnabled',
        absent: false,
        what: { en: 'clients may connect without TLS', fr: 'les clients peuvent se connecter sans TLS' },
      }),
    ],
  },
  {
    type: 'AWS::ElastiCache::ServerlessCache',
    sources: [
      cfnPage('AWS::ElastiCache::ServerlessCache'),
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    ],
    checks: [atRest({ key: 'KmsKeyId', absent: 'provider-key', note: 'Always encrypted at rest and in transit' })],
  },
  {
    type: 'AWS::ElastiCache::GlobalReplicationGroup',
    sources: [cfnPage('AWS::ElastiCache::GlobalReplicationGroup')],
    checks: [
      copies({
        what: { en: 'global datastore member', fr: 'membre du magasin de données global' },
        regions: ['Members[].ReplicationGroupRegion', 'RegionalConfigurations[].ReplicationGroupRegion'],
      }),
    ],
  },
  {
    type: 'AWS::MemoryDB::Cluster',
    sources: [
      cfnPage('AWS::MemoryDB::Cluster'),
      'https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html',
    ],
    checks: [
      atRest({ key: 'KmsKeyId', absent: 'provider-key', note: 'Always encrypted at rest' }),
      tlsFlag({
        path: 'TLSEnabled',
        absent: true,
        what: { en: 'clients may connect without TLS', fr: 'les clients peuvent se connecter sans TLS' },
      }),
    ],
  },
  {
    type: 'AWS::Cassandra::Table',
    sources: [cfnPage('AWS::Cassandra::Table')],
    checks: [
      atRest({
        mode: {
          path: 'EncryptionSpecification.EncryptionType',
          provider: ['AWS_OWNED_KMS_KEY'],
          key: ['CUSTOMER_MANAGED_KMS_KEY'],
        },
        key: 'EncryptionSpecification.KmsKeyIdentifier',
        absent: 'provider-key',
      }),
    ],
  },
  {
    type: 'AWS::Cassandra::Keyspace',
    sources: [cfnPage('AWS::Cassandra::Keyspace')],
    checks: [
      copies({
        what: { en: 'multi-Region keyspace replica', fr: "réplique d'espace de clés multirégion" },
        regions: ['ReplicationSpecification.RegionList[]'],
        when: (keyspace) => {
          const strategy = str(present(at(keyspace.properties, 'ReplicationSpecification.ReplicationStrategy')));
          return isUnresolved(strategy) ? strategy : strategy === 'MULTI_REGION';
        },
        note: 'Only with `ReplicationStrategy` `MULTI_REGION`',
      }),
    ],
  },
  {
    type: 'AWS::QLDB::Ledger',
    sources: [cfnPage('AWS::QLDB::Ledger')],
    checks: [atRest({ key: 'KmsKey', providerKeys: ['AWS_OWNED_KMS_KEY'], absent: 'provider-key' })],
  },
  {
    type: 'AWS::Timestream::Database',
    sources: [cfnPage('AWS::Timestream::Database')],
    checks: [atRest({ key: 'KmsKeyId', absent: 'provider-key' })],
  },
  {
    type: 'AWS::Timestream::InfluxDBInstance',
    sources: [cfnPage('AWS::Timestream::InfluxDBInstance')],
    checks: [
      publicFlag({
        control: 'NET-2',
        path: 'PubliclyAccessible',
        publicWhenAbsent: false,
        what: { en: 'the database instance has a public IP', fr: "l'instance de base de données a une IP publique" },
      }),
    ],
  },
  {
    type: 'AWS::DSQL::Cluster',
    sources: [cfnPage('AWS::DSQL::Cluster')],
    checks: [
      atRest({ key: 'KmsEncryptionKey', providerKeys: ['AWS_OWNED_KMS_KEY'], absent: 'provider-key' }),
      copies({
        what: { en: 'multi-Region cluster peer', fr: 'pair de cluster multirégion' },
        regions: ['MultiRegionProperties.WitnessRegion'],
        arns: ['MultiRegionProperties.Clusters[]'],
        note: 'The witness region holds the transaction log',
      }),
    ],
  },
  {
    type: 'AWS::OpenSearchService::Domain',
    sources: [
      cfnPage('AWS::OpenSearchService::Domain'),
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
    ],
    checks: domainChecks(),
  },
  {
    type: 'AWS::Elasticsearch::Domain',
    sources: [cfnPage('AWS::Elasticsearch::Domain')],
    checks: domainChecks(),
  },
  {
    type: 'AWS::DMS::ReplicationInstance',
    sources: [cfnPage('AWS::DMS::ReplicationInstance')],
    checks: [
      atRest({ key: 'KmsKeyId', absent: 'provider-key' }),
      publicFlag({
        control: 'NET-2',
        path: 'PubliclyAccessible',
        publicWhenAbsent: true,
        what: { en: 'the replication instance has a public IP', fr: "l'instance de réplication a une IP publique" },
      }),
    ],
  },
  {
    type: 'AWS::DMS::Endpoint',
    sources: [cfnPage('AWS::DMS::Endpoint')],
    checks: [
      atRest({ key: 'KmsKeyId', absent: 'provider-key', note: 'The key encrypts the connection parameters' }),
      tlsValue({
        path: 'SslMode',
        good: (v) => ['require', 'verify-ca', 'verify-full'].includes(v),
        goodText: '`require`, `verify-ca` or `verify-full`',
        absentValue: 'none',
        skip: (endpoint) => {
          const engine = str(present(endpoint.properties.EngineName));
          return typeof engine === 'string' && DMS_API_ENGINES.has(engine.toLowerCase()) ? 'not-applicable' : undefined;
        },
        note: 'Not for engines reached over an AWS API (S3, DynamoDB, Kinesis, Kafka, OpenSearch, Neptune)',
        what: {
          en: 'the connection to the database is not encrypted',
          fr: "la connexion à la base de données n'est pas chiffrée",
        },
      }),
    ],
  },
];
