import { parseDocument } from 'yaml';
import {
  LOG_FORWARDER_ANNOTATIONS,
  parseImageReference,
  PURPOSES,
  TAG_KEYS,
  withoutStackTraces,
  yamlToJs,
  type LocalizedText,
} from '../../core';
import { checkYamlSize } from '../read/input-files';
import {
  annotation,
  containersOf,
  inNamespace,
  K8S,
  listField,
  mapField,
  namespaceLabel,
  namespaceOf,
  podSpecOf,
  WORKLOAD_TYPES,
} from '../normalize/kubernetes-facts';
import { isJsonObject } from '../read/kubernetes-source';
import type { CheckInput, Resource } from '../normalize/model';

/**
 * Log forwarders (LOG-1, LOG-2, RES-3 on Kubernetes) and where they ship logs. A workload is
 * a log forwarder if it records its sink in the annotation `sovereign-lz.io/log-sink` (as
 * sovereign-lz's LogForwarder does), or runs a known log shipper image, or is a DaemonSet of
 * a namespace (or with a label) `sovereign-lz.io/purpose: logs`. The sink is read from the
 * annotation; for other forwarders, from the `[OUTPUT]` sections (classic format) or
 * `pipeline.outputs` (YAML format) of the Fluent Bit configuration in the ConfigMaps the pods
 * mount. What cannot be read is reported as `cannot-prove`.
 */

/** Images (last path component of the repository) of common log shippers. */
const SHIPPER_IMAGE =
  /^(fluent-?bit|fluentd|vector|promtail|filebeat|alloy|logstash|rsyslog|syslog-ng|nxlog|(opentelemetry|otel)-?collector(-contrib|-k8s)?)$/;

/** Fluent Bit outputs that keep logs on the node or drop them: not sinks. */
const LOCAL_OUTPUTS = new Set(['stdout', 'null', 'counter', 'file', 'flowcounter', 'exit']);

function shipperImage(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  const repository = parseImageReference(image)?.repository ?? image.split('@')[0].split(':')[0];
  return SHIPPER_IMAGE.test(repository.split('/').pop() ?? '');
}

/** True if the workload forwards logs (see the module's description). */
export function isLogForwarder(resource: Resource, input: CheckInput): boolean {
  if (!WORKLOAD_TYPES.includes(resource.type)) return false;
  if (annotation(resource, LOG_FORWARDER_ANNOTATIONS.sink) !== undefined) return true;
  if (containersOf(podSpecOf(resource)).some((c) => shipperImage(c.container.image))) return true;
  const purpose = resource.tags[TAG_KEYS.purpose] ?? namespaceLabel(resource, input, TAG_KEYS.purpose);
  return resource.type === K8S.daemonSet && purpose === PURPOSES.logs;
}

/** A destination a forwarder ships to. */
export interface LogSink {
  /** The host name (or address). */
  readonly host: string;
  readonly port?: number;
  /** As written, for messages. */
  readonly text: string;
}

/** Where a forwarder ships, as far as the input tells, and what could not be read. */
export interface ForwarderSinks {
  readonly sinks: readonly LogSink[];
  /** Why (some of) the destinations cannot be known. */
  readonly unknown: readonly LocalizedText[];
}

/** Parses `scheme://host:port/path`, `host:port` or `host`. */
export function parseSink(text: string): LogSink | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      if (!url.hostname) return undefined;
      return { host: url.hostname.replace(/^\[|\]$/g, ''), ...(url.port ? { port: Number(url.port) } : {}), text };
    } catch {
      return undefined;
    }
  }
  const m = /^([A-Za-z0-9.-]+)(?::(\d+))?$/.exec(trimmed);
  return m ? { host: m[1], ...(m[2] ? { port: Number(m[2]) } : {}), text } : undefined;
}

/** The allowlist entry (a host, `host:port`, or a URL) that admits the sink, if any. */
export function allowlistedSink(sink: LogSink, allowlist: readonly string[]): string | undefined {
  return allowlist.find((entry) => {
    const allowed = parseSink(entry);
    return (
      allowed !== undefined &&
      allowed.host.toLowerCase() === sink.host.toLowerCase() &&
      (allowed.port === undefined || allowed.port === sink.port)
    );
  });
}

interface FluentBitOutput {
  readonly name?: string;
  readonly host?: string;
  readonly port?: string;
}

/** The outputs of a Fluent Bit configuration (classic `[OUTPUT]` sections or YAML `pipeline.outputs`). */
function fluentBitOutputs(text: string): FluentBitOutput[] {
  if (/^\s*pipeline\s*:/m.test(text)) {
    try {
      // A ConfigMap's value is artifact input: bounded as a YAML file is (its size, what its
      // aliases make). Whatever is refused or malformed gives no output: the sink is unknown.
      checkYamlSize(text, 'ConfigMap');
      const parsed = withoutStackTraces(() => parseDocument(text));
      if (parsed.errors.length) return [];
      const doc = yamlToJs(parsed, { file: 'ConfigMap', code: 'INPUT_INVALID' });
      const outputs = isJsonObject(doc) && isJsonObject(doc.pipeline) ? doc.pipeline.outputs : undefined;
      if (Array.isArray(outputs)) {
        return outputs.filter(isJsonObject).map((o) => {
          const get = (k: string) => {
            const key = Object.keys(o).find((x) => x.toLowerCase() === k);
            return key !== undefined && o[key] !== undefined ? String(o[key]) : undefined;
          };
          return { name: get('name'), host: get('host'), port: get('port') };
        });
      }
    } catch {
      return [];
    }
  }
  const outputs: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const section = /^\[([A-Za-z_]+)\]$/.exec(line);
    if (section) {
      current = section[1].toUpperCase() === 'OUTPUT' ? {} : undefined;
      if (current) outputs.push(current);
      continue;
    }
    const kv = /^(\S+)\s+(.*)$/.exec(line);
    if (current && kv) current[kv[1].toLowerCase()] = kv[2].trim();
  }
  return outputs.map((o) => ({ name: o.name, host: o.host, port: o.port }));
}

/** The names of the ConfigMaps the pods mount (volumes and projected sources). */
function mountedConfigMaps(resource: Resource): string[] {
  const names: string[] = [];
  for (const volume of listField(podSpecOf(resource), 'volumes')) {
    const direct = mapField(volume, 'configMap').name;
    if (typeof direct === 'string') names.push(direct);
    for (const source of listField(volume, 'projected', 'sources')) {
      const projected = mapField(source, 'configMap').name;
      if (typeof projected === 'string') names.push(projected);
    }
  }
  return names;
}

/** Where a forwarder ships its logs. */
export function forwarderSinks(resource: Resource, input: CheckInput): ForwarderSinks {
  const recorded = annotation(resource, LOG_FORWARDER_ANNOTATIONS.sink);
  if (recorded !== undefined) {
    const sinks: LogSink[] = [];
    const unknown: LocalizedText[] = [];
    for (const part of recorded.split(',')) {
      const sink = parseSink(part);
      if (sink) sinks.push(sink);
      else
        unknown.push({
          en: `the annotation ${LOG_FORWARDER_ANNOTATIONS.sink} holds '${part.trim()}', which is no host or URL`,
          fr: `l'annotation ${LOG_FORWARDER_ANNOTATIONS.sink} contient '${part.trim()}', qui n'est ni un hôte ni une URL`,
        });
    }
    return { sinks, unknown };
  }
  const ns = namespaceOf(resource);
  const configMaps =
    typeof ns === 'string'
      ? inNamespace(resource, input, ns, K8S.configMap).filter((c) =>
          mountedConfigMaps(resource).includes(String(mapField(c.properties, 'metadata').name)),
        )
      : [];
  const outputs = configMaps.flatMap((c) =>
    Object.values(mapField(c.properties, 'data')).flatMap((text) =>
      typeof text === 'string' ? fluentBitOutputs(text) : [],
    ),
  );
  if (!outputs.length) {
    return {
      sinks: [],
      unknown: [
        {
          en: `its sink is not recorded (annotation ${LOG_FORWARDER_ANNOTATIONS.sink}) and no Fluent Bit output was found in the ConfigMaps it mounts`,
          fr: `sa destination n'est pas consignée (annotation ${LOG_FORWARDER_ANNOTATIONS.sink}) et aucune sortie Fluent Bit n'a été trouvée dans les ConfigMaps qu'il monte`,
        },
      ],
    };
  }
  const sinks: LogSink[] = [];
  const unknown: LocalizedText[] = [];
  for (const output of outputs) {
    const name = (output.name ?? '?').toLowerCase();
    if (LOCAL_OUTPUTS.has(name)) continue;
    const port = output.port !== undefined && /^\d+$/.test(output.port) ? Number(output.port) : undefined;
    if (output.host && !output.host.includes('${')) {
      sinks.push({
        host: output.host,
        ...(port ? { port } : {}),
        text: `${name}://${output.host}${port ? `:${port}` : ''}`,
      });
    } else {
      unknown.push({
        en: `Fluent Bit output '${name}' names no literal Host`,
        fr: `la sortie Fluent Bit '${name}' ne nomme aucun Host littéral`,
      });
    }
  }
  return { sinks, unknown };
}
