export * from './encrypted-log-group';
export * from './sovereign-backup';
export * from './sovereign-construct';
export * from './sovereign-key';
export * from './residency';
export * from './segmented-vpc';
export * from './sovereign-stack';
export * from './sovereignty';
