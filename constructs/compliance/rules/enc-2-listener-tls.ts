import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
import { at, list, show, str } from '../values';

/** Predefined ELB security policies that allow only TLS 1.2 or later. */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/;

function redirectsToHttps(actions: unknown): boolean {
  const list_ = list(actions);
  if (!Array.isArray(list_) || !list_.length) return false;
  return list_.every(
    (a) => str(at(a, 'Type')) === 'redirect' && String(str(at(a, 'RedirectConfig.Protocol'))).toUpperCase() === 'HTTPS',
  );
}

/** ENC-2: load-balancer listeners encrypt with TLS 1.2 or later. */
export const enc2ListenerTls: ResourceRule = {
  id: 'ENC-2/listener-tls',
  control: 'ENC-2',
  scope: 'resource',
  title: {
    en: 'Load-balancer listeners use TLS 1.2 or later',
    fr: 'Les écouteurs des équilibreurs de charge utilisent TLS 1.2 ou une version ultérieure',
  },
  description:
    'An AWS::ElasticLoadBalancingV2::Listener uses HTTPS or TLS with a predefined TLS 1.2+ security policy (ELBSecurityPolicy-TLS13-1-2-…, -TLS-1-2-…, -FS-1-2-…); an HTTP listener only redirects to HTTPS. Gateway (GENEVE) listeners carry no application traffic of their own.',
  remediation: {
    en: 'Use Protocol HTTPS (or TLS) with SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 or later, or make the HTTP listener redirect to HTTPS',
    fr: "Utiliser Protocol HTTPS (ou TLS) avec SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 ou une politique ultérieure, ou faire rediriger l'écouteur HTTP vers HTTPS",
  },
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener'],
  check(listener: Resource): Outcome {
    const protocol = str(listener.properties.Protocol);
    if (isUnresolved(protocol)) return cannotProve(unknownValue('Protocol', 'Protocol', protocol));
    const p = (protocol ?? '').toUpperCase();
    if (p === 'GENEVE') return 'not-applicable';
    if (p === 'HTTPS' || p === 'TLS') {
      const policy = str(listener.properties.SslPolicy);
      if (isUnresolved(policy)) return cannotProve(unknownValue('SslPolicy', 'SslPolicy', policy));
      if (policy === undefined) {
        return cannotProve({
          en: 'no SslPolicy: the service default applies, which the artifact does not name',
          fr: "pas de SslPolicy : la politique par défaut du service s'applique, et l'artefact ne la nomme pas",
        });
      }
      return TLS12_POLICY.test(policy)
        ? 'pass'
        : fail({
            en: `SslPolicy ${show(policy)} allows TLS versions older than 1.2`,
            fr: `SslPolicy ${show(policy, 'fr')} autorise des versions de TLS antérieures à 1.2`,
          });
    }
    if (p === 'HTTP' && redirectsToHttps(listener.properties.DefaultActions)) return 'pass';
    return fail({
      en: `the listener uses ${protocol ? `protocol ${show(protocol)}` : 'no protocol'}: traffic is not encrypted by the load balancer`,
      fr: `l'écouteur utilise ${protocol ? `le protocole ${show(protocol, 'fr')}` : 'aucun protocole'} : le trafic n'est pas chiffré par l'équilibreur de charge`,
    });
  },
};
