// The in-country Kubernetes world (cdktf + @cdktf/provider-kubernetes). Every cdktf-specific
// line of sovereign-lz lives under this directory (and the examples).
import './peers';
export * from './backup-schedule';
export * from './encrypted-storage-class';
export * from './hardened-pod-workload';
export * from './hardened-stateful-workload';
export * from './hardened-workload';
export * from './image-policy';
export * from './in-country-admission-policy';
export * from './log-forwarder';
export * from './namespace-rbac';
export * from './prerequisites';
export * from './sovereign-cluster';
export * from './sovereign-kubernetes-construct';
export * from './sovereign-namespace';
export * from './tier-flow';
export * from './workload-policy';
