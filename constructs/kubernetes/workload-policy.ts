import { isQuantity, parseImageReference, quantityValue, type LocalizedText, type ValidationProblem } from '../core';

/**
 * Framework-neutral values and checks shared by the Kubernetes constructs and the landing-zone
 * declaration (which refuses what the constructs would refuse, before anything is built): the
 * node count of a site, TLS ports, the data volume of a stateful service, placeholder digests.
 * Imports the core only, so that the declaration's checks never load cdktf.
 */

/** The largest cluster Kubernetes supports (its tested scalability limit: 5,000 nodes). */
export const MAX_CLUSTER_NODES = 5000;

/**
 * The maximum node count a site's cluster is sized for when none is declared: the log
 * forwarder's namespace quota (one pod per node) fits this many nodes.
 */
export const DEFAULT_MAX_NODES = 100;

/** Container ports that speak TLS unless the port says otherwise (`tls: false`). */
export const TLS_PORTS: readonly number[] = [443, 8443];

/** Where a stateful service keeps its data when none is declared. */
export const DEFAULT_DATA_PATH = '/data';

/** The size of each replica's data volume when none is declared. */
export const DEFAULT_STORAGE_SIZE = '10Gi';

/** True if a container port speaks TLS: as declared, else by the port number (443, 8443). */
export function isTlsPort(containerPort: number, tls?: boolean): boolean {
  return tls ?? TLS_PORTS.includes(containerPort);
}

const props = (message: LocalizedText): ValidationProblem => ({ rule: 'PROPS', message });

/** Problems of a maximum node count: a whole number from 1 to {@link MAX_CLUSTER_NODES}. */
export function maxNodesProblems(value: unknown): ValidationProblem[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CLUSTER_NODES) return [];
  return [
    props({
      en: `maxNodes must be a whole number from 1 to ${MAX_CLUSTER_NODES} (Kubernetes' largest cluster), got ${String(value)}`,
      fr: `maxNodes doit être un entier de 1 à ${MAX_CLUSTER_NODES} (le plus grand cluster Kubernetes), reçu ${String(value)}`,
    }),
  ];
}

/** An absolute path below `/`, without blanks or `..` segments. */
export function isMountPath(path: unknown): path is string {
  return typeof path === 'string' && /^\/\S*$/.test(path) && path !== '/' && !path.split('/').includes('..');
}

function overlaps(a: string, b: string): boolean {
  const [x, y] = [a.replace(/\/+$/, ''), b.replace(/\/+$/, '')];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/**
 * Problems of a data path: an absolute path below `/` that is none of the writable paths,
 * nor inside or above one (two mounts on one tree would hide each other's files).
 */
export function dataPathProblems(dataPath: unknown, writablePaths: readonly string[] = []): ValidationProblem[] {
  if (!isMountPath(dataPath)) {
    return [
      props({
        en: `dataPath '${String(dataPath)}' must be an absolute path below /`,
        fr: `dataPath '${String(dataPath)}' doit être un chemin absolu sous /`,
      }),
    ];
  }
  return writablePaths
    .filter((w) => typeof w === 'string' && overlaps(w, dataPath))
    .map((w) =>
      props({
        en: `dataPath '${dataPath}' overlaps the writable path '${w}': the volume and the memory-backed directory would hide each other`,
        fr: `dataPath '${dataPath}' chevauche le chemin inscriptible '${w}' : le volume et le répertoire en mémoire se masqueraient`,
      }),
    );
}

/** Problems of a volume size: a Kubernetes quantity above zero (e.g. `10Gi`). */
export function storageSizeProblems(size: unknown): ValidationProblem[] {
  if (typeof size === 'string' && isQuantity(size) && quantityValue(size)! > 0) return [];
  return [
    props({
      en: `storageSize '${String(size)}' is not a storage quantity above zero (e.g. '10Gi')`,
      fr: `storageSize '${String(size)}' n'est pas une quantité de stockage supérieure à zéro (par exemple '10Gi')`,
    }),
  ];
}

/**
 * True if the image is pinned to a placeholder digest: one character repeated (`sha256:aaaa…`),
 * which no real content hashes to. Examples use such digests; they must be replaced by the
 * digests of the mirrored images before the first deployment.
 */
export function hasPlaceholderDigest(image: string): boolean {
  const digest = parseImageReference(image)?.digest;
  if (!digest) return false;
  const hex = digest.slice(digest.indexOf(':') + 1);
  return hex.length > 0 && new Set(hex).size === 1;
}
