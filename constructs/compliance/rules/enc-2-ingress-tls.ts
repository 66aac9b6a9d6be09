import { K8S, listField } from '../kubernetes-facts';
import type { Resource } from '../model';
import { fail, type Outcome, type ResourceRule } from '../rule';

/** True if a TLS host (possibly a wildcard `*.example.ma`) covers `host`. */
function hostMatches(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  return (
    tlsHost.startsWith('*.') && host.endsWith(tlsHost.slice(1)) && !host.slice(0, -tlsHost.length + 1).includes('.')
  );
}

/** ENC-2: ingresses serve every host over TLS. */
export const enc2IngressTls: ResourceRule = {
  id: 'ENC-2/ingress-tls',
  control: 'ENC-2',
  scope: 'resource',
  title: 'Ingresses declare TLS for every host',
  description:
    'An Ingress declares spec.tls, and every host of its rules is listed in one of its TLS entries (an entry without hosts covers them all).',
  remediation: 'Add a spec.tls entry with the certificate Secret of every host the ingress serves',
  appliesTo: [K8S.ingress],
  check(ingress: Resource): Outcome {
    const tls = listField(ingress.properties, 'spec', 'tls');
    if (!tls.length) return fail('the ingress declares no TLS (spec.tls): its traffic is served in clear');
    if (tls.some((entry) => !Array.isArray(entry.hosts) || entry.hosts.length === 0)) return 'pass';
    const covered = tls.flatMap((entry) => (entry.hosts as unknown[]).map(String));
    const clear = listField(ingress.properties, 'spec', 'rules')
      .map((rule) => rule.host)
      .filter((host): host is string => typeof host === 'string' && !covered.some((c) => hostMatches(c, host)));
    return clear.length
      ? fail(`host(s) ${clear.map((h) => `'${h}'`).join(', ')} have no TLS entry: their traffic is served in clear`)
      : 'pass';
  },
};
