import { containersOf, listField, mapField, podSpecOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** Port names and numbers that serve TLS, and names that serve plain HTTP. */
const TLS_NAME = /^(https|.*-tls|.*-https)$/i;
const HTTP_NAME = /^(http|.*-http)$/i;
const TLS_NUMBERS = new Set([443, 8443]);

type Json = Record<string, unknown>;

/** The port a probe targets: its number and its name, through the container's named ports. */
function probePort(port: unknown, container: Json): { number?: number; name?: string } {
  const ports = listField(container, 'ports');
  const asNumber =
    typeof port === 'number' ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : undefined;
  if (asNumber !== undefined) {
    const named = ports.find((p) => Number(p.containerPort) === asNumber)?.name;
    return { number: asNumber, ...(typeof named === 'string' ? { name: named } : {}) };
  }
  if (typeof port !== 'string') return {};
  const declared = ports.find((p) => p.name === port);
  const number = declared !== undefined ? Number(declared.containerPort) : NaN;
  return { name: port, ...(Number.isInteger(number) ? { number } : {}) };
}

/** DEP-7: an httpGet probe speaks the protocol of the port it probes. */
export const dep7ProbeScheme: ResourceRule = {
  id: 'DEP-7/probe-scheme',
  control: 'DEP-7',
  scope: 'resource',
  title: {
    en: 'HTTP probes use the scheme of their port',
    fr: 'Les sondes HTTP utilisent le schéma de leur port',
  },
  description:
    "Every httpGet liveness, readiness and startup probe uses the scheme its port serves (scheme defaults to HTTP): HTTP on a port named https, *-tls or *-https, or numbered 443 or 8443 (named ports are read from the container's ports), fails the probe on every try and the pod never becomes ready (or is restarted forever); so does HTTPS on a port named http or *-http.",
  remediation: {
    en: "Set the probe's scheme to the port's protocol (HTTPS for a TLS port), or probe a plain-HTTP health port",
    fr: 'Donner à la sonde le schéma du protocole du port (HTTPS pour un port TLS), ou sonder un port de santé en HTTP simple',
  },
  appliesTo: WORKLOAD_TYPES,
  check(workload: Resource, _context: RuleContext): Outcome {
    const spec = podSpecOf(workload);
    if (!spec) return 'not-applicable';
    const outcomes: Outcome[] = [];
    for (const { container, list, name } of containersOf(spec)) {
      if (list === 'ephemeralContainers') continue;
      for (const probe of PROBES) {
        const httpGet = mapField(container, probe, 'httpGet');
        if (!Object.keys(httpGet).length) continue;
        const scheme = typeof httpGet.scheme === 'string' ? httpGet.scheme.toUpperCase() : 'HTTP';
        const port = probePort(httpGet.port, container);
        const shown = [port.name ? `'${port.name}'` : undefined, port.number].filter((x) => x !== undefined).join(' ');
        const tls =
          (port.name !== undefined && TLS_NAME.test(port.name)) ||
          (port.number !== undefined && TLS_NUMBERS.has(port.number));
        const plain = port.name !== undefined && HTTP_NAME.test(port.name);
        if (scheme === 'HTTP' && tls) {
          outcomes.push(
            fail({
              en: `the ${probe} of container '${name}' speaks HTTP to port ${shown}, which serves TLS: the probe fails on every try`,
              fr: `la sonde ${probe} du conteneur '${name}' parle HTTP au port ${shown}, qui sert du TLS : la sonde échoue à chaque essai`,
            }),
          );
        } else if (scheme === 'HTTPS' && plain) {
          outcomes.push(
            fail({
              en: `the ${probe} of container '${name}' speaks HTTPS to port ${shown}, which serves plain HTTP: the probe fails on every try`,
              fr: `la sonde ${probe} du conteneur '${name}' parle HTTPS au port ${shown}, qui sert du HTTP simple : la sonde échoue à chaque essai`,
            }),
          );
        } else outcomes.push('pass');
      }
    }
    if (!outcomes.length) return 'not-applicable';
    return combine(outcomes);
  },
};
