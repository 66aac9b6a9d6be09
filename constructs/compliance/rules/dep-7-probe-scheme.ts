import { containersOf, listField, mapField, podSpecOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import { evidenceOf } from '../judge/evidence';
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

/** The httpGet probes of a workload's containers (ephemeral ones aside): scheme (HTTP by default) and port. */
function httpProbes(workload: Resource) {
  return containersOf(podSpecOf(workload)).flatMap(({ container, list, name }) =>
    list === 'ephemeralContainers'
      ? []
      : PROBES.flatMap((probe) => {
          const httpGet = mapField(container, probe, 'httpGet');
          if (!Object.keys(httpGet).length) return [];
          const scheme = typeof httpGet.scheme === 'string' ? httpGet.scheme.toUpperCase() : 'HTTP';
          const port = probePort(httpGet.port, container);
          const shown = [port.name ? `'${port.name}'` : undefined, port.number]
            .filter((x) => x !== undefined)
            .join(' ');
          // `8443/https`: the port's number and name, as far as they are known.
          const portId = [port.number, port.name].filter((x) => x !== undefined).join('/') || '?';
          return [{ container: name, probe, scheme, port, shown, portId }];
        }),
  );
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
  observes: ['probes'],
  observe(workload: Resource) {
    const probes = httpProbes(workload).map((p) => `${p.container}/${p.probe}:${p.scheme}:${p.portId}`);
    return evidenceOf({
      probes: probes.slice(0, 20),
      probeCount: probes.length > 20 ? probes.length : undefined,
    });
  },
  check(workload: Resource, _context: RuleContext): Outcome {
    const probes = httpProbes(workload);
    if (!probes.length) return 'not-applicable';
    return combine(
      probes.map(({ container: name, probe, scheme, port, shown, portId }): Outcome => {
        const tls =
          (port.name !== undefined && TLS_NAME.test(port.name)) ||
          (port.number !== undefined && TLS_NUMBERS.has(port.number));
        const plain = port.name !== undefined && HTTP_NAME.test(port.name);
        const evidence = evidenceOf({ container: name, probe, scheme, port: portId });
        if (scheme === 'HTTP' && tls) {
          return fail(
            {
              en: `the ${probe} of container '${name}' speaks HTTP to port ${shown}, which serves TLS: the probe fails on every try`,
              fr: `la sonde ${probe} du conteneur '${name}' parle HTTP au port ${shown}, qui sert du TLS : la sonde échoue à chaque essai`,
            },
            { evidence },
          );
        }
        if (scheme === 'HTTPS' && plain) {
          return fail(
            {
              en: `the ${probe} of container '${name}' speaks HTTPS to port ${shown}, which serves plain HTTP: the probe fails on every try`,
              fr: `la sonde ${probe} du conteneur '${name}' parle HTTPS au port ${shown}, qui sert du HTTP simple : la sonde échoue à chaque essai`,
            },
            { evidence },
          );
        }
        return 'pass';
      }),
    );
  },
};
