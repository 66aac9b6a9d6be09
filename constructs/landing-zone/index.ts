// The landing-zone facade: one declaration placed by classification into both worlds.
// Loads aws-cdk-lib; cdktf only when a workload is placed on an in-country site.
export * from './aws-zone';
export * from './declaration';
export * from './declaration-error';
export * from './declaration-schema';
export * from './landing-zone';
export * from './load-declaration';
export * from './resolve';
export type { InCountryZone } from './in-country-zone';
