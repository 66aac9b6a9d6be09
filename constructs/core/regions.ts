/**
 * Where cloud regions are, so that placement can be judged by country.
 *
 * Facts, not policy: which region a level may use is the profile's business. No AWS, Azure
 * or GCP region is in Morocco today. AWS's Wavelength zone in Casablanca has eu-west-3
 * (Paris) as its parent region: its control plane, IAM, CloudTrail and KMS stay in France,
 * so it is listed under its parent and never counts as Moroccan territory.
 */

/** A cloud region and the country (ISO 3166-1 alpha-2) that hosts it. */
export interface CloudRegion {
  /** The provider, e.g. `aws`. */
  readonly provider: 'aws';
  /** The region code, e.g. `eu-west-3`. */
  readonly region: string;
  /** ISO 3166-1 alpha-2 code of the hosting country. */
  readonly country: string;
  /** The city or area, for reports. */
  readonly location: string;
}

/** Member states of the European Union (ISO 3166-1 alpha-2). */
export const EU_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]; // prettier-ignore

/** The European Economic Area: the EU plus Iceland, Liechtenstein and Norway. Not the UK, not Switzerland. */
export const EEA_COUNTRIES: readonly string[] = [...EU_COUNTRIES, 'IS', 'LI', 'NO'].sort();

const AWS_REGIONS: ReadonlyArray<[string, string, string]> = [
  ['af-south-1', 'ZA', 'Cape Town'],
  ['ap-east-1', 'HK', 'Hong Kong'],
  ['ap-east-2', 'TW', 'Taipei'],
  ['ap-northeast-1', 'JP', 'Tokyo'],
  ['ap-northeast-2', 'KR', 'Seoul'],
  ['ap-northeast-3', 'JP', 'Osaka'],
  ['ap-south-1', 'IN', 'Mumbai'],
  ['ap-south-2', 'IN', 'Hyderabad'],
  ['ap-southeast-1', 'SG', 'Singapore'],
  ['ap-southeast-2', 'AU', 'Sydney'],
  ['ap-southeast-3', 'ID', 'Jakarta'],
  ['ap-southeast-4', 'AU', 'Melbourne'],
  ['ap-southeast-5', 'MY', 'Malaysia'],
  ['ap-southeast-6', 'NZ', 'New Zealand'],
  ['ap-southeast-7', 'TH', 'Thailand'],
  ['ca-central-1', 'CA', 'Canada (Central)'],
  ['ca-west-1', 'CA', 'Calgary'],
  ['cn-north-1', 'CN', 'Beijing'],
  ['cn-northwest-1', 'CN', 'Ningxia'],
  ['eu-central-1', 'DE', 'Frankfurt'],
  ['eu-central-2', 'CH', 'Zurich'],
  ['eu-north-1', 'SE', 'Stockholm'],
  ['eu-south-1', 'IT', 'Milan'],
  ['eu-south-2', 'ES', 'Spain (Aragón)'],
  ['eu-west-1', 'IE', 'Ireland'],
  ['eu-west-2', 'GB', 'London'],
  ['eu-west-3', 'FR', 'Paris'],
  ['eusc-de-east-1', 'DE', 'Brandenburg (AWS European Sovereign Cloud)'],
  ['il-central-1', 'IL', 'Tel Aviv'],
  ['me-central-1', 'AE', 'UAE'],
  ['me-south-1', 'BH', 'Bahrain'],
  ['mx-central-1', 'MX', 'Mexico (Central)'],
  ['sa-east-1', 'BR', 'São Paulo'],
  ['us-east-1', 'US', 'N. Virginia'],
  ['us-east-2', 'US', 'Ohio'],
  ['us-gov-east-1', 'US', 'GovCloud (US-East)'],
  ['us-gov-west-1', 'US', 'GovCloud (US-West)'],
  ['us-west-1', 'US', 'N. California'],
  ['us-west-2', 'US', 'Oregon'],
];

/** Every known cloud region, sorted by provider and code. */
export const CLOUD_REGIONS: readonly CloudRegion[] = AWS_REGIONS.map(([region, country, location]) => ({
  provider: 'aws' as const,
  region,
  country,
  location,
}));

const BY_CODE = new Map(CLOUD_REGIONS.map((r) => [r.region, r]));

/** The region with this code, or `undefined` if the table does not know it. */
export function findCloudRegion(region: string): CloudRegion | undefined {
  return BY_CODE.get(region);
}

/** True if the country (ISO alpha-2) is in the European Economic Area. */
export function isInEea(country: string): boolean {
  return EEA_COUNTRIES.includes(country);
}

/** True if the country (ISO alpha-2) is a member state of the European Union. */
export function isInEu(country: string): boolean {
  return EU_COUNTRIES.includes(country);
}

/** An AWS partition: ARNs, endpoints and organizations never cross one. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-eusc';

/**
 * The AWS partition of a region code: `aws-eusc` for the AWS European Sovereign Cloud
 * (`eusc-*`), `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`.
 */
export function partitionOf(region: string): AwsPartition {
  if (region.startsWith('eusc-')) return 'aws-eusc';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The DNS suffixes of each partition's endpoints, as the AWS SDKs' partition table gives them
 * (`dnsSuffix`, then `dualStackDnsSuffix`): `AWS::URLSuffix` is the first. GovCloud shares the
 * commercial partition's.
 */
export const PARTITION_DNS_SUFFIXES: Readonly<Record<AwsPartition, readonly string[]>> = {
  aws: ['amazonaws.com', 'api.aws'],
  'aws-cn': ['amazonaws.com.cn', 'api.amazonwebservices.com.cn'],
  'aws-us-gov': ['amazonaws.com', 'api.aws'],
  'aws-eusc': ['amazonaws.eu', 'api.amazonwebservices.eu'],
};

/** The value of `AWS::URLSuffix` in a partition: `amazonaws.com`, `amazonaws.com.cn`, `amazonaws.eu`. */
export function urlSuffixOf(partition: AwsPartition): string {
  return PARTITION_DNS_SUFFIXES[partition][0];
}
