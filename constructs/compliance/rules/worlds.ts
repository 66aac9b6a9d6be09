import type { CheckInput } from '../normalize/model';

/**
 * Which world an input holds: the AWS organization controls judged over the whole input (the
 * trail, the region-deny policy) do not apply to a run that reads no CloudFormation at all
 * (e.g. Kubernetes manifests alone), and the reverse for the clusters' log forwarders.
 */
export function hasCloudFormation(input: CheckInput): boolean {
  return input.templates.some((t) => t.format === 'cloudformation-json' || t.format === 'cloudformation-yaml');
}
