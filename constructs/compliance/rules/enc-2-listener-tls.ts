import { referenced } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';
import { at, list, show, str } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** Predefined ELB security policies that allow only TLS 1.2 or later. */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/;

/**
 * The security policy of an HTTPS or TLS listener created without `SslPolicy` by CloudFormation
 * (or the CLI, the CDK): the Elastic Load Balancing guides give `ELBSecurityPolicy-2016-08`,
 * which accepts TLS 1.0 and 1.1 (only the console picks a TLS 1.3 policy by default).
 */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

function redirectsToHttps(actions: unknown): boolean {
  const list_ = list(actions);
  if (!Array.isArray(list_) || !list_.length) return false;
  return list_.every(
    (a) => str(at(a, 'Type')) === 'redirect' && String(str(at(a, 'RedirectConfig.Protocol'))).toUpperCase() === 'HTTPS',
  );
}

/** The type of the load balancer of a listener (`application`, `network`, `gateway`), when the template declares it. */
function loadBalancerType(listener: Resource): string | undefined {
  const lb = referenced(listener.properties.LoadBalancerArn, listener.template);
  if (!lb || lb.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return undefined;
  const type = str(lb.properties.Type);
  return typeof type === 'string' ? type : 'application';
}

/** ENC-2: load-balancer listeners encrypt with TLS 1.2 or later, as far as their protocol can. */
export const enc2ListenerTls: ResourceRule = {
  id: 'ENC-2/listener-tls',
  control: 'ENC-2',
  scope: 'resource',
  title: {
    en: 'Load-balancer listeners use TLS 1.2 or later',
    fr: 'Les écouteurs des équilibreurs de charge utilisent TLS 1.2 ou une version ultérieure',
  },
  description: `An AWS::ElasticLoadBalancingV2::Listener with protocol HTTPS (ALB) or TLS (NLB) names a predefined TLS 1.2+ security policy (ELBSecurityPolicy-TLS13-1-2-…, -TLS-1-2-…, -FS-1-2-…); without SslPolicy, CloudFormation gets ${DEFAULT_SSL_POLICY}, which allows TLS 1.0: a failure. An HTTP listener only redirects to HTTPS. A TCP or TCP_UDP listener passes traffic through without terminating TLS: whether the application encrypts it cannot be proven (a TLS listener can terminate it); a UDP listener cannot carry TLS at all (info: the application must encrypt, e.g. DTLS or QUIC). Gateway (GENEVE) listeners carry no application traffic of their own.`,
  remediation: {
    en: 'Use Protocol HTTPS (or TLS) with SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 or later, or make the HTTP listener redirect to HTTPS',
    fr: "Utiliser Protocol HTTPS (ou TLS) avec SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 ou une politique ultérieure, ou faire rediriger l'écouteur HTTP vers HTTPS",
  },
  appliesTo: ['AWS::ElasticLoadBalancingV2::Listener'],
  evidence: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  observes: ['protocol'],
  observe(listener: Resource) {
    const p = listener.properties;
    const protocol = str(p.Protocol === '' ? undefined : p.Protocol);
    const upper = typeof protocol === 'string' ? protocol.toUpperCase() : undefined;
    return evidenceOf({
      protocol,
      port: p.Port,
      // Without SslPolicy, the policy CloudFormation applies.
      sslPolicy:
        upper === 'HTTPS' || upper === 'TLS'
          ? ((p.SslPolicy === '' ? undefined : p.SslPolicy) ?? DEFAULT_SSL_POLICY)
          : undefined,
      redirectsToHttps: upper === 'HTTP' ? redirectsToHttps(p.DefaultActions) : undefined,
    });
  },
  check(listener: Resource): Outcome {
    const protocol = str(listener.properties.Protocol === '' ? undefined : listener.properties.Protocol);
    if (isUnresolved(protocol)) return cannotProve(unknownValue('Protocol', 'Protocol', protocol));
    const p = (protocol ?? '').toUpperCase();
    if (p === 'GENEVE') return 'not-applicable';
    if (p === '') {
      // A Gateway Load Balancer's listener takes no protocol.
      if (loadBalancerType(listener) === 'gateway') return 'not-applicable';
      return cannotProve({
        en: "the listener names no protocol, and its load balancer's type is not in the template",
        fr: "l'écouteur ne nomme aucun protocole, et le type de son équilibreur de charge ne figure pas dans le modèle",
      });
    }
    if (p === 'HTTPS' || p === 'TLS') {
      const raw = listener.properties.SslPolicy === '' ? undefined : listener.properties.SslPolicy;
      const policy = str(raw);
      if (isUnresolved(policy)) return cannotProve(unknownValue('SslPolicy', 'SslPolicy', policy));
      if (policy === undefined) {
        return fail({
          en: `no SslPolicy: CloudFormation creates the listener with ${DEFAULT_SSL_POLICY}, which allows TLS 1.0 and 1.1`,
          fr: `pas de SslPolicy : CloudFormation crée l'écouteur avec ${DEFAULT_SSL_POLICY}, qui autorise TLS 1.0 et 1.1`,
        });
      }
      return TLS12_POLICY.test(policy)
        ? 'pass'
        : fail({
            en: `SslPolicy ${show(policy)} allows TLS versions older than 1.2`,
            fr: `SslPolicy ${show(policy, 'fr')} autorise des versions de TLS antérieures à 1.2`,
          });
    }
    if (p === 'HTTP') {
      if (redirectsToHttps(listener.properties.DefaultActions)) return 'pass';
      return fail({
        en: 'the listener serves HTTP: traffic is not encrypted by the load balancer',
        fr: "l'écouteur sert HTTP : le trafic n'est pas chiffré par l'équilibreur de charge",
      });
    }
    if (p === 'TCP' || p === 'TCP_UDP') {
      return cannotProve({
        en: `a ${p} listener passes traffic through without terminating TLS: whether the application encrypts it end to end is not in the artifact (a TLS listener would terminate TLS 1.2+ at the load balancer)`,
        fr: `un écouteur ${p} transmet le trafic sans terminer TLS : l'artefact ne dit pas si l'application le chiffre de bout en bout (un écouteur TLS terminerait TLS 1.2+ à l'équilibreur de charge)`,
      });
    }
    if (p === 'UDP') {
      return cannotProve(
        {
          en: 'a UDP listener cannot carry TLS: the application must encrypt its traffic itself (DTLS, QUIC), which the artifact does not show',
          fr: "un écouteur UDP ne peut pas porter TLS : l'application doit chiffrer elle-même son trafic (DTLS, QUIC), ce que l'artefact ne montre pas",
        },
        { severity: 'info' },
      );
    }
    return cannotProve({
      en: `the listener uses protocol ${show(protocol)}, which this rule does not know`,
      fr: `l'écouteur utilise le protocole ${show(protocol, 'fr')}, que cette règle ne connaît pas`,
    });
  },
};
