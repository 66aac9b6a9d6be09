import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { Construct } from 'constructs';
import { HardenedPodWorkload, type HardenedWorkloadProps } from './hardened-pod-workload';

export {
  WORKLOAD_NAME_LABEL,
  type HardenedWorkloadProps,
  type SecretKeyReference,
  type WorkloadPort,
  type WorkloadResources,
} from './hardened-pod-workload';

/**
 * A Deployment (and a ClusterIP Service for its ports) hardened as Pod Security `restricted`
 * requires and more (K8S-2): non-root with a numeric user, no privilege escalation, all
 * capabilities dropped, read-only root filesystem, seccomp `RuntimeDefault`, no service
 * account token, no host namespaces; CPU and memory requests and limits; and a required node
 * affinity to the `topology.kubernetes.io/region` values of the cluster's in-country site
 * (RES-1), so that the pods never run elsewhere. Its image must come from a registry on the
 * profile's allowlist, pinned by digest (K8S-4). Its probes (startup, readiness, liveness)
 * check `healthCheckPath` over HTTPS on a TLS port and HTTP otherwise, or else the first TCP
 * port.
 *
 * For a service that keeps data, use {@link HardenedStatefulWorkload}: a Deployment has no
 * volume of its own, and what it writes is lost with the pod.
 *
 * Create it in its {@link SovereignNamespace}; it inherits the namespace's classification.
 *
 * @example
 * new HardenedWorkload(records, 'Api', {
 *   image: 'registry.gov.ma/records/api@sha256:…',
 *   ports: [{ containerPort: 8080, servicePort: 80 }],
 * });
 */
export class HardenedWorkload extends HardenedPodWorkload {
  /** The Deployment. */
  public readonly deployment: DeploymentV1;
  /** The Service, if the workload has ports. */
  public readonly service?: ServiceV1;

  constructor(scope: Construct, id: string, props: HardenedWorkloadProps) {
    super(scope, id, props);
    this.deployment = new DeploymentV1(this, 'Resource', {
      ...this.common(),
      metadata: this.objectMetadata(),
      spec: {
        replicas: String(this.replicas),
        revisionHistoryLimit: 5,
        selector: { matchLabels: { ...this.selectorLabels } },
        template: this.podTemplate(),
      },
    });
    this.service = this.portService();
    this.finish();
  }
}
