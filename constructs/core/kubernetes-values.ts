import type { LocalizedText } from './i18n';

/**
 * Checks of Kubernetes values (names, labels, quantities, ports), as the API server applies
 * them, so that the constructs refuse at construction what the cluster would refuse at apply.
 * Framework-neutral.
 */

/** The minimum Kubernetes version the constructs need (ValidatingAdmissionPolicy v1 is GA in 1.30). */
export const MIN_KUBERNETES_VERSION = { major: 1, minor: 30 } as const;

/** The Pod Security Standards version pinned on namespaces: the minimum supported version. */
export const POD_SECURITY_VERSION = `v${MIN_KUBERNETES_VERSION.major}.${MIN_KUBERNETES_VERSION.minor}`;

/** Label set automatically on every namespace (Kubernetes ≥ 1.22), immutable: selects a namespace by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Node labels that place pods (well-known labels of Kubernetes). */
export const TOPOLOGY_KEYS = {
  region: 'topology.kubernetes.io/region',
  zone: 'topology.kubernetes.io/zone',
} as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** True if `value` is an RFC 1123 label (namespace, service and port names): ≤ 63 chars, `a-z0-9-`. */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}

/** True if `value` is an RFC 1123 subdomain (most object names): ≤ 253 chars. */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

/** True if `value` is a valid label value: empty, or ≤ 63 chars of `A-Za-z0-9-_.` starting and ending alphanumeric. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value));
}

/** True if `key` is a valid label key: an optional DNS-subdomain prefix and `/`, then a name of ≤ 63 chars. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return (prefix === undefined || isDnsSubdomain(prefix)) && name.length <= 63 && LABEL_NAME.test(name);
}

/** Problems of a label map, as sentences naming `what`. */
export function labelProblems(labels: Readonly<Record<string, string>>, what: string): string[] {
  return labelProblemTexts(labels, what).map((text) => text.en);
}

/** {@link labelProblems}, in every language (for validation messages). */
export function labelProblemTexts(labels: Readonly<Record<string, string>>, what: string): LocalizedText[] {
  const problems: LocalizedText[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) {
      problems.push({
        en: `${what} key '${key}' is not a valid label key`,
        fr: `${what} : la clé '${key}' n'est pas une clé de label valide`,
      });
    }
    if (typeof value !== 'string' || !isLabelValue(value)) {
      problems.push({
        en: `${what} '${key}' has value '${String(value)}', not a valid label value`,
        fr: `${what} : '${key}' a la valeur '${String(value)}', qui n'est pas une valeur de label valide`,
      });
    }
  }
  return problems;
}

const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** True if `value` is a Kubernetes resource quantity (`500m`, `2`, `512Mi`, `1e3`). */
export function isQuantity(value: string): boolean {
  return typeof value === 'string' && QUANTITY.test(value);
}

/** The numeric value of a quantity (`512Mi` → 536870912), or undefined if it is not one. */
export function quantityValue(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const suffix = m[3] ?? '';
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return Number(m[1]) * scale;
}

/** True if `port` is a TCP/UDP port number (an integer 1–65535). */
export function isPortNumber(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** A construct id as a DNS label: `AppToData` → `app-to-data`; undefined if it cannot be one. */
export function dnsLabelFromId(id: string): string | undefined {
  const name = id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return isDnsLabel(name) ? name : undefined;
}

/** A container image reference, split as the registry reads it. */
export interface ImageReference {
  /** The registry host (and port), e.g. `registry.gov.ma`; undefined for Docker Hub shorthand. */
  readonly registry?: string;
  /** The repository path, e.g. `records/api`. */
  readonly repository: string;
  /** The tag, if any. */
  readonly tag?: string;
  /** The digest (`sha256:…`), if any. */
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses `registry/path[:tag][@sha256:…]`; undefined if it is not an image reference. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (typeof image !== 'string' || image.length === 0 || /\s/.test(image)) return undefined;
  const [nameAndTag, digest, ...extra] = image.split('@');
  if (extra.length || (digest !== undefined && !DIGEST.test(digest))) return undefined;
  const parts = nameAndTag.split('/');
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? parts.shift() : undefined;
  const last = parts.pop() ?? '';
  const colon = last.indexOf(':');
  const tag = colon >= 0 ? last.slice(colon + 1) : undefined;
  parts.push(colon >= 0 ? last.slice(0, colon) : last);
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  if (!parts.every((p) => COMPONENT.test(p))) return undefined;
  if (registry !== undefined && !/^[a-zA-Z0-9.-]+(:\d+)?$/.test(registry)) return undefined;
  return { registry, repository: parts.join('/'), tag, digest };
}

/** The allowlist entry (`registry.gov.ma` or `harbor.example.ma/platform`) that covers `image`, if any. */
export function allowlistedRegistry(image: ImageReference, allowlist: readonly string[]): string | undefined {
  if (!image.registry) return undefined;
  const name = `${image.registry}/${image.repository}`;
  return allowlist.find((entry) => {
    const prefix = entry.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '');
    return name.startsWith(`${prefix}/`);
  });
}
