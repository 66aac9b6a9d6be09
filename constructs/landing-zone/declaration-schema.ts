import { CLASSIFICATION_LEVELS, TIERS } from '../core';
// Framework-neutral: imported by file, so that no Kubernetes peer loads.
import { MAX_CLUSTER_NODES } from '../kubernetes/workload-policy';

/**
 * The JSON Schema of a landing-zone declaration file (YAML or JSON): the shape of
 * {@link LandingZoneDeclaration}, with the profile given as a built-in id or the path of a
 * profile file. The schema checks shapes and names the field and line; the meaning (places,
 * flows, accounts) is checked by `resolveLandingZone`, whose problems are mapped to lines too.
 */

const label = { type: 'string', pattern: '^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$' };
const level = { enum: [...CLASSIFICATION_LEVELS] };
const strings = { type: 'array', items: { type: 'string' } };
const port = { type: 'integer', minimum: 1, maximum: 65535 };

export const LANDING_ZONE_SCHEMA = {
  $id: 'https://sovereign-lz.dev/schemas/landing-zone.json',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'profile', 'workloads'],
  properties: {
    $schema: { type: 'string' },
    name: label,
    profile: { type: 'string', minLength: 1 },
    regions: strings,
    organization: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'rootId'],
      properties: {
        id: { type: 'string' },
        rootId: { type: 'string' },
        exemptRoleNames: strings,
        baseline: { type: 'boolean' },
      },
    },
    accounts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        management: { type: 'string' },
        logArchive: { type: 'string' },
        audit: { type: 'string' },
        network: { type: 'string' },
        workloads: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    network: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cidrs: { type: 'object', additionalProperties: { type: 'string' } },
        availabilityZones: { type: 'object', additionalProperties: strings },
        reservedCidrs: strings,
      },
    },
    sites: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'storage', 'logs'],
        properties: {
          name: { type: 'string' },
          kubeconfigContext: { type: 'string' },
          classificationCeiling: level,
          storage: {
            type: 'object',
            additionalProperties: false,
            required: ['driver'],
            properties: {
              driver: { enum: ['ceph-rbd', 'longhorn'] },
              kmsId: { type: 'string' },
              clusterId: { type: 'string' },
              pool: { type: 'string' },
              cryptoSecretName: { type: 'string' },
            },
          },
          logs: {
            type: 'object',
            additionalProperties: false,
            required: ['host', 'cidrs', 'image'],
            properties: {
              host: { type: 'string' },
              cidrs: strings,
              image: { type: 'string' },
              retentionDays: { type: 'integer', minimum: 1 },
            },
          },
          backupLocation: { type: 'string' },
          maxNodes: { type: 'integer', minimum: 1, maximum: MAX_CLUSTER_NODES },
        },
      },
    },
    workloads: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'classification'],
        properties: {
          name: label,
          classification: level,
          description: { type: 'string' },
          region: { type: 'string' },
          site: { type: 'string' },
          account: { type: 'string' },
          owners: strings,
          stores: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'kind'],
              properties: {
                name: label,
                kind: { enum: ['objects', 'logs'] },
                retentionDays: { type: 'integer', minimum: 1 },
              },
            },
          },
          services: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'tier', 'image', 'port'],
              properties: {
                name: label,
                tier: { enum: [...TIERS] },
                image: { type: 'string' },
                port,
                tls: { type: 'boolean' },
                replicas: { type: 'integer', minimum: 1 },
                healthCheckPath: { type: 'string' },
                writablePaths: strings,
                dataPath: { type: 'string' },
                storageSize: { type: 'string' },
                env: { type: 'object', additionalProperties: { type: 'string' } },
                secrets: {
                  type: 'object',
                  additionalProperties: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['secret', 'key'],
                    properties: { secret: label, key: { type: 'string', minLength: 1 } },
                  },
                },
              },
            },
          },
        },
      },
    },
    flows: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to', 'port'],
        properties: { from: { type: 'string' }, to: { type: 'string' }, port, carries: level },
      },
    },
  },
} as const;
