import Ajv from 'ajv';

/**
 * The part of Velero's `Schedule` (velero.io/v1) the constructs write, closed
 * (`additionalProperties: false`) so that a misspelled field fails. Written from Velero's
 * ScheduleSpec and BackupSpec (its CRD `schedules.velero.io`); kubernetes-models has no
 * custom resources.
 */
const STRINGS = { type: 'array', items: { type: 'string' } } as const;
const MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'velero.io/v1' },
    kind: { const: 'Schedule' },
    metadata: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'namespace'],
      properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: MAP, annotations: MAP },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['schedule', 'template'],
      properties: {
        schedule: { type: 'string' },
        paused: { type: 'boolean' },
        skipImmediately: { type: 'boolean' },
        useOwnerReferencesInBackup: { type: 'boolean' },
        template: {
          type: 'object',
          additionalProperties: false,
          properties: {
            includedNamespaces: STRINGS,
            excludedNamespaces: STRINGS,
            includedResources: STRINGS,
            excludedResources: STRINGS,
            includeClusterResources: { type: 'boolean' },
            storageLocation: { type: 'string' },
            volumeSnapshotLocations: STRINGS,
            ttl: { type: 'string', pattern: '^([0-9]+h)?([0-9]+m)?([0-9]+s)?$' },
            snapshotVolumes: { type: 'boolean' },
            snapshotMoveData: { type: 'boolean' },
            defaultVolumesToFsBackup: { type: 'boolean' },
            csiSnapshotTimeout: { type: 'string' },
          },
        },
      },
    },
  },
};

export const validateVeleroSchedule = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);

/** Extra schemas for `invalidObjects`. */
export const VELERO_SCHEMAS = { 'velero.io/v1/Schedule': validateVeleroSchedule };
