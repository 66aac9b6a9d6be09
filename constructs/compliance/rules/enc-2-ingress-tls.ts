import { K8S, listField } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

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
  title: {
    en: 'Ingresses declare TLS for every host',
    fr: 'Les Ingress déclarent TLS pour chaque hôte',
  },
  description:
    'An Ingress declares spec.tls, and every host of its rules is listed in one of its TLS entries (an entry without hosts covers them all).',
  remediation: {
    en: 'Add a spec.tls entry with the certificate Secret of every host the ingress serves',
    fr: "Ajouter une entrée spec.tls avec le Secret du certificat de chaque hôte que l'Ingress sert",
  },
  appliesTo: [K8S.ingress],
  observes: ['tlsHosts'],
  observe(ingress: Resource) {
    const tls = listField(ingress.properties, 'spec', 'tls');
    const hosts = listField(ingress.properties, 'spec', 'rules')
      .map((rule) => rule.host)
      .filter((host): host is string => typeof host === 'string');
    return evidenceOf({
      // `*`: an entry without hosts covers every host.
      tlsHosts: !tls.length
        ? undefined
        : tls.some((entry) => !Array.isArray(entry.hosts) || entry.hosts.length === 0)
          ? ['*']
          : tls.flatMap((entry) => (entry.hosts as unknown[]).map(String)),
      hosts: hosts.length ? hosts.slice(0, 20) : undefined,
    });
  },
  check(ingress: Resource): Outcome {
    const tls = listField(ingress.properties, 'spec', 'tls');
    if (!tls.length) {
      return fail({
        en: 'the ingress declares no TLS (spec.tls): its traffic is served in clear',
        fr: "l'Ingress ne déclare pas de TLS (spec.tls) : son trafic est servi en clair",
      });
    }
    if (tls.some((entry) => !Array.isArray(entry.hosts) || entry.hosts.length === 0)) return 'pass';
    const covered = tls.flatMap((entry) => (entry.hosts as unknown[]).map(String));
    const clear = listField(ingress.properties, 'spec', 'rules')
      .map((rule) => rule.host)
      .filter((host): host is string => typeof host === 'string' && !covered.some((c) => hostMatches(c, host)));
    const hosts = clear.map((h) => `'${h}'`).join(', ');
    return clear.length
      ? fail({
          en: `host(s) ${hosts} have no TLS entry: their traffic is served in clear`,
          fr: `le ou les hôtes ${hosts} n'ont pas d'entrée TLS : leur trafic est servi en clair`,
        })
      : 'pass';
  },
};
