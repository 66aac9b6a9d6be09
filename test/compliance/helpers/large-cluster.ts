/** A large generated cluster (for speed measurements): `namespaces` × 8 API objects, some with seeded violations. */
export function largeCluster(namespaces: number): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'encrypted', labels: { 'sovereign-lz.io/classification': 'sensitive' } },
      provisioner: 'rbd.csi.ceph.com',
      parameters: { encrypted: 'true', encryptionKMSID: 'vault-casablanca' },
      allowedTopologies: [
        { matchLabelExpressions: [{ key: 'topology.kubernetes.io/region', values: ['ma-casablanca'] }] },
      ],
    },
  ];
  for (let i = 0; i < namespaces; i++) {
    const ns = `team-${i}`;
    const meta = (name: string) => ({ name, namespace: ns });
    objects.push(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: ns,
          labels: {
            'sovereign-lz.io/classification': ['internal', 'personal', 'sensitive'][i % 3],
            'sovereign-lz.io/tier': 'data',
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/audit': 'restricted',
            'pod-security.kubernetes.io/warn': 'restricted',
          },
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta('default-deny'),
        // Every seventh namespace lets all ingress in.
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ...(i % 7 === 0 ? { ingress: [{}] } : {}) },
      },
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('quota'), spec: { hard: { 'requests.cpu': '4' } } },
      { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits'), spec: { limits: [{ type: 'Container' }] } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta('app'),
        spec: {
          template: {
            spec: {
              securityContext: { runAsNonRoot: true },
              // Every fifth deployment has no in-country affinity.
              ...(i % 5 === 0
                ? {}
                : {
                    affinity: {
                      nodeAffinity: {
                        requiredDuringSchedulingIgnoredDuringExecution: {
                          nodeSelectorTerms: [
                            {
                              matchExpressions: [
                                { key: 'topology.kubernetes.io/region', operator: 'In', values: ['ma-casablanca'] },
                              ],
                            },
                          ],
                        },
                      },
                    },
                  }),
              containers: [
                {
                  name: 'app',
                  image: `registry.gov.ma/team-${i}/app@sha256:${'a'.repeat(64)}`,
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ['ALL'] },
                  },
                },
              ],
              volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
            },
          },
        },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: meta('app'), spec: { type: 'ClusterIP' } },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta('data'),
        spec: { storageClassName: 'encrypted' },
      },
      {
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: { name: `backup-${ns}`, namespace: 'velero' },
        spec: { template: { includedNamespaces: [ns], storageLocation: 'minio-casablanca' } },
      },
    );
  }
  return objects;
}
