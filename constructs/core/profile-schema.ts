import { CLASSIFICATION_LEVELS } from './classification';
import { CONTROL_IDS } from './controls';

/**
 * JSON Schema (draft 2020-12 subset understood by ajv) of a complete profile, as written
 * to `out/profile.json`. Unknown fields are refused, so a misspelled field is named.
 * The schema of a profile file with `extends` is derived from it (no field required).
 * The level and control settings are `$defs` referred to by `$ref`, not copied per level and
 * per control: the validator compiled from it (schema-validators.generated.ts) is a quarter
 * of the size.
 */
const country = { type: 'string', pattern: '^[A-Z]{2}$' };
const countries = { type: 'array', items: country, uniqueItems: true };
const strings = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };
const transferBasis = { enum: ['cndp-authorization', 'adequacy', 'consent', 'scc', 'bcr'] };

const levelPolicy = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'hostCountries', 'keyCustody', 'absoluteResidency', 'source'],
  properties: {
    description: { type: 'string', minLength: 1 },
    hostCountries: { oneOf: [{ const: '*' }, countries] },
    cloudRegions: strings,
    preferredCountries: countries,
    transferBases: { type: 'array', items: transferBasis, uniqueItems: true },
    keyCustody: { enum: ['provider', 'customer', 'customer-exclusive'] },
    absoluteResidency: { type: 'boolean' },
    source: { type: 'string', minLength: 1 },
  },
};

const site = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'country', 'regionValues', 'zoneValues'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    country,
    regionValues: strings,
    zoneValues: strings,
    operator: { type: 'string' },
  },
};

const controlSetting = {
  type: 'object',
  additionalProperties: false,
  required: ['severity', 'source'],
  properties: { severity: { enum: ['error', 'warning', 'info', 'off'] }, source: { type: 'string', minLength: 1 } },
};

export const PROFILE_SCHEMA = {
  $id: 'https://sovereign-lz.io/schemas/profile.json',
  $defs: { level: levelPolicy, control: controlSetting },
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'name',
    'territory',
    'levels',
    'logRetentionMinDays',
    'keyRotationMaxDays',
    'keyDeletionWindowDays',
    'figureSources',
    'sites',
    'allowlists',
    'accountIds',
    'transfers',
    'attestations',
    'controls',
  ],
  properties: {
    $schema: { type: 'string' },
    extends: { type: 'string', minLength: 1 },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' },
    name: { type: 'string', minLength: 1 },
    territory: { ...countries, minItems: 1 },
    levels: {
      type: 'object',
      additionalProperties: false,
      required: [...CLASSIFICATION_LEVELS],
      properties: Object.fromEntries(CLASSIFICATION_LEVELS.map((l) => [l, { $ref: '#/$defs/level' }])),
    },
    logRetentionMinDays: { type: 'integer', minimum: 1 },
    keyRotationMaxDays: { type: 'integer', minimum: 90, maximum: 2560 },
    keyDeletionWindowDays: { type: 'integer', minimum: 7, maximum: 30 },
    figureSources: {
      type: 'object',
      additionalProperties: false,
      required: ['logRetention', 'keyRotation', 'keyDeletion'],
      properties: {
        logRetention: { type: 'string' },
        keyRotation: { type: 'string' },
        keyDeletion: { type: 'string' },
      },
    },
    sites: { type: 'array', items: site },
    allowlists: {
      type: 'object',
      additionalProperties: false,
      required: ['externalKeyArns', 'inCountryKmsIds', 'logSinks', 'imageRegistries', 'backupLocations'],
      properties: {
        externalKeyArns: {
          type: 'array',
          items: { type: 'string', pattern: '^arn:aws[a-z-]*:kms:' },
          uniqueItems: true,
        },
        inCountryKmsIds: strings,
        logSinks: strings,
        imageRegistries: strings,
        backupLocations: strings,
      },
    },
    accountIds: { type: 'array', items: { type: 'string', pattern: '^[0-9]{12}$' }, uniqueItems: true },
    transfers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['level', 'basis', 'countries', 'reference'],
        properties: {
          level: { enum: [...CLASSIFICATION_LEVELS] },
          basis: transferBasis,
          countries: { ...countries, minItems: 1 },
          reference: { type: 'string', minLength: 3 },
        },
      },
    },
    attestations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'description', 'source'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          description: { type: 'string' },
          source: { type: 'string' },
          reference: { type: 'string', minLength: 1 },
        },
      },
    },
    controls: {
      type: 'object',
      additionalProperties: false,
      required: [...CONTROL_IDS],
      properties: Object.fromEntries(CONTROL_IDS.map((id) => [id, { $ref: '#/$defs/control' }])),
    },
  },
} as const;

/** Removes every `required` list, deeply: the schema of an extension (all fields optional). */
function withoutRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRequired);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'required' || key === '$id') continue;
    out[key] = withoutRequired(value);
  }
  return out;
}

/**
 * Schema of a profile file that `extends` another: any field may be given. Attestations
 * may give only `id` and `reference` to attest one of the base profile's obligations.
 */
export const PROFILE_EXTENSION_SCHEMA = {
  ...(withoutRequired(PROFILE_SCHEMA) as Record<string, unknown>),
  $id: 'https://sovereign-lz.io/schemas/profile-extension.json',
  required: ['extends'],
};
