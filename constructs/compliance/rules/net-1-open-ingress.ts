import {
  AddressSet,
  internetAddresses,
  INTERNET_IPV6_CIDR,
  NON_INTERNET_IPV4,
  readCidrBlock,
  TAG_KEYS,
  type IpFamily,
  type LocalizedText,
} from '../../core';
import { referenced, templateResourcesOfType } from '../normalize/facts';
import { isResourceRef, isUnresolved, type Unresolved } from '../normalize/intrinsics';
import type { Resource, Template } from '../normalize/model';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';
import { at, int, list, refTarget, str } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** Ports of administration and data services that are never open to the internet. */
export const ADMIN_PORTS: readonly number[] = [
  21, 22, 23, 135, 139, 445, 873, 1433, 1521, 2049, 2379, 2380, 3306, 3389, 5432, 5601, 5900, 5985, 5986, 6379, 6443,
  9092, 9200, 10250, 11211, 27017,
];

const WEB_PORTS = new Set([80, 443]);

/**
 * How many public addresses a source set may hold before it is judged open to the internet:
 * more than the unit in which IANA delegates address space to a Regional Internet Registry (a
 * /8 of IPv4, a /12 of IPv6). A larger set spans space beyond any one registry, let alone one
 * party, so that it cannot name "known sources"; a set up to that size may be one
 * organization's (a legacy /8) and is left to review.
 */
export const INTERNET_THRESHOLD: Readonly<Record<IpFamily, bigint>> = { ipv4: 1n << 24n, ipv6: 1n << 116n };

const FAMILIES: readonly IpFamily[] = ['ipv4', 'ipv6'];

type ByFamily = Record<IpFamily, AddressSet>;

const none = (): ByFamily => ({ ipv4: AddressSet.empty('ipv4'), ipv6: AddressSet.empty('ipv6') });
const everything = (): ByFamily => ({ ipv4: AddressSet.all('ipv4'), ipv6: AddressSet.all('ipv6') });
const union = (a: ByFamily, b: ByFamily): ByFamily => ({ ipv4: a.ipv4.union(b.ipv4), ipv6: a.ipv6.union(b.ipv6) });

/** The addresses an ingress rule admits: those it surely does, those it may, and why it may. */
interface Sources {
  readonly definite: ByFamily;
  /** A superset of `definite`: what the rule may admit given what the template does not say. */
  readonly possible: ByFamily;
  /** The sources as written, for messages. */
  readonly written: readonly string[];
  readonly why?: LocalizedText;
}

/** The protocols a rule's port space is known for (tcp, udp: ports; icmp, icmpv6: types). */
const SPACES: Readonly<Record<string, readonly [number, number]>> = {
  '6': [0, 65535],
  '17': [0, 65535],
  '1': [0, 255],
  '58': [0, 255],
};
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58', all: '-1' };
/** The protocol of a number, as evidence (`tcp`, `all`); other numbers stay numbers. */
const PROTOCOL_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PROTOCOL_NUMBERS).map(([name, n]) => [n, name]),
);

/** One ingress rule, read. */
interface Entry {
  /** A standalone `AWS::EC2::SecurityGroupIngress`, or undefined for an inline rule. */
  readonly standalone?: Resource;
  /** The protocol number (`6`), `-1` for every protocol, or undefined when not a literal. */
  readonly protocol?: string;
  /** The ports (or ICMP types) of its protocol, or undefined when not literals. */
  readonly range?: readonly [number, number];
  readonly sources: Sources;
}

function blockSources(value: unknown, family: IpFamily, template: Template): Sources {
  const label = family === 'ipv4' ? 'CidrIp' : 'CidrIpv6';
  let text: unknown = value;
  // A VPC's own block (`Fn::GetAtt [Vpc, CidrBlock]`), read from the VPC of the template.
  if (isResourceRef(value) && value.attribute === 'CidrBlock') {
    const vpc = template.byId.get(value.target);
    if (vpc?.type === 'AWS::EC2::VPC' && typeof vpc.properties.CidrBlock === 'string') text = vpc.properties.CidrBlock;
  }
  const shown = str(text);
  if (isUnresolved(shown) || shown === undefined) {
    const all = everything();
    return {
      definite: none(),
      possible: { ...none(), [family]: all[family] },
      written: [isUnresolved(shown) ? (shown.text ?? '?') : '?'],
      why: isUnresolved(shown)
        ? unknownValue(label, label, shown)
        : { en: `${label} is not a string`, fr: `${label} n'est pas une chaîne` },
    };
  }
  const read = readCidrBlock(shown, family);
  if (!read.ok) {
    return {
      definite: none(),
      possible: { ...none(), [family]: AddressSet.all(family) },
      written: [shown],
      why: read.problem,
    };
  }
  const block = AddressSet.of(family, [read.block]);
  if (!read.alternative)
    return { definite: { ...none(), [family]: block }, possible: { ...none(), [family]: block }, written: [shown] };
  const other = AddressSet.of(family, [read.alternative]);
  return {
    definite: { ...none(), [family]: block.intersect(other) },
    possible: { ...none(), [family]: block.union(other) },
    written: [shown],
    why: {
      en: `'${shown}' reads as ${read.block.cidr} in decimal and ${read.alternative.cidr} in octal`,
      fr: `'${shown}' se lit ${read.block.cidr} en décimal et ${read.alternative.cidr} en octal`,
    },
  };
}

/** The entries of an `AWS::EC2::PrefixList` of the template, when they are literals. */
function prefixListSources(value: unknown, template: Template): Sources {
  const list_ = referenced(value, template);
  const shown = isUnresolved(value)
    ? (value.text ?? '?')
    : typeof value === 'string'
      ? value
      : (refTarget(value) ?? '?');
  if (list_?.type === 'AWS::EC2::PrefixList') {
    const family: IpFamily = list_.properties.AddressFamily === 'IPv6' ? 'ipv6' : 'ipv4';
    const entries = list(list_.properties.Entries);
    const cidrs = isUnresolved(entries) ? undefined : (entries ?? []).map((e) => at(e, 'Cidr'));
    if (cidrs && cidrs.every((c) => typeof c === 'string')) {
      const sources = cidrs.map((c) => blockSources(c, family, template));
      return {
        definite: sources.reduce((acc, s) => union(acc, s.definite), none()),
        possible: sources.reduce((acc, s) => union(acc, s.possible), none()),
        written: [`${list_.id} (${(cidrs as string[]).join(', ')})`],
        why: sources.find((s) => s.why)?.why,
      };
    }
  }
  return {
    definite: none(),
    possible: everything(),
    written: [`prefix list ${shown}`],
    why: {
      en: `the entries of prefix list ${shown} are not in the template`,
      fr: `les entrées de la liste de préfixes ${shown} ne sont pas dans le modèle`,
    },
  };
}

/** The sources of a rule; undefined for a security-group source (never the internet). */
function sourcesOf(rule: Record<string, unknown>, template: Template): Sources | undefined {
  if (rule.CidrIp !== undefined) return blockSources(rule.CidrIp, 'ipv4', template);
  if (rule.CidrIpv6 !== undefined) return blockSources(rule.CidrIpv6, 'ipv6', template);
  if (rule.SourcePrefixListId !== undefined) return prefixListSources(rule.SourcePrefixListId, template);
  return undefined;
}

function entryOf(rule: unknown, template: Template, standalone?: Resource): Entry | undefined {
  const r = (rule ?? {}) as Record<string, unknown>;
  const sources = sourcesOf(r, template);
  if (!sources) return undefined;
  const protocolText = str(r.IpProtocol);
  if (isUnresolved(protocolText)) return { standalone, sources };
  const raw = String(protocolText ?? '').toLowerCase();
  const protocol = PROTOCOL_NUMBERS[raw] ?? (/^-?\d+$/.test(raw) ? String(Number(raw)) : raw);
  const space = SPACES[protocol];
  if (protocol === '-1' || !space) return { standalone, protocol, range: [0, 0], sources };
  const from = int(r.FromPort);
  const to = int(r.ToPort);
  if (isUnresolved(from) || isUnresolved(to)) return { standalone, protocol, sources };
  if (from === undefined || from === -1) return { standalone, protocol, range: space, sources };
  // For ICMP, FromPort is the type and ToPort the code: the type is what is judged.
  const high = protocol === '1' || protocol === '58' ? from : (to ?? from);
  return {
    standalone,
    protocol,
    range: [Math.max(space[0], from), Math.min(space[1], Math.max(from, high === -1 ? space[1] : high))],
    sources,
  };
}

/** Whether a set of sources is the internet, and how it is. */
function openness(sources: ByFamily): { open: boolean; note: LocalizedText } {
  const parts: LocalizedText[] = [];
  let open = false;
  for (const family of FAMILIES) {
    const internet = internetAddresses(family);
    const reached = sources[family].intersect(internet);
    if (reached.size <= INTERNET_THRESHOLD[family]) continue;
    open = true;
    const name = family === 'ipv4' ? 'IPv4' : 'IPv6';
    if (reached.size === internet.size) {
      parts.push({ en: `all of the ${name} internet`, fr: `tout l'Internet ${name}` });
    } else {
      const share = Number((reached.size * 1000n) / internet.size) / 10;
      parts.push({
        en: `${share}% of the public ${name} addresses, more than a /${family === 'ipv4' ? 8 : 12}`,
        fr: `${share} % des adresses ${name} publiques, plus qu'un /${family === 'ipv4' ? 8 : 12}`,
      });
    }
  }
  return {
    open,
    note: { en: parts.map((p) => p.en).join(' and '), fr: parts.map((p) => p.fr).join(' et ') },
  };
}

/** A run of consecutive ports (or types) of one protocol judged alike. */
interface Run {
  readonly protocol: string;
  readonly low: number;
  readonly high: number;
  readonly definite: boolean;
  readonly entries: Set<Entry>;
}

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'ICMP', '58': 'ICMPv6' };

function portWords(run: Run): LocalizedText {
  const { protocol, low, high } = run;
  if (protocol === '-1') return { en: 'every port of every protocol', fr: 'tous les ports de tous les protocoles' };
  const space = SPACES[protocol];
  if (!space) return { en: `protocol ${protocol}`, fr: `le protocole ${protocol}` };
  const whole = low === space[0] && high === space[1];
  if (protocol === '1' || protocol === '58') {
    const name = PROTOCOL_NAMES[protocol];
    if (whole) return { en: `every ${name} type`, fr: `tous les types ${name}` };
    return low === high
      ? { en: `${name} type ${low}`, fr: `le type ${name} ${low}` }
      : { en: `${name} types ${low}-${high}`, fr: `les types ${name} ${low}-${high}` };
  }
  const note = protocol === '17' ? ' (udp)' : '';
  if (whole) return { en: `every port${note}`, fr: `tous les ports${note}` };
  return low === high
    ? { en: `port ${low}${note}`, fr: `le port ${low}${note}` }
    : { en: `ports ${low}-${high}${note}`, fr: `les ports ${low}-${high}${note}` };
}

/** `443`, `1024-65535`, `all`: ports (or types) as evidence. */
const rangeText = (protocol: string | undefined, range: readonly [number, number] | undefined): string =>
  protocol === '-1'
    ? 'all'
    : range === undefined
      ? '?'
      : range[0] === range[1]
        ? `${range[0]}`
        : `${range[0]}-${range[1]}`;

/** An ingress rule as evidence: `tcp:443 0.0.0.0/0`. */
function entryText(e: Entry): string {
  const protocol = e.protocol === undefined ? '?' : (PROTOCOL_IDS[e.protocol] ?? e.protocol);
  return `${protocol}${e.protocol === '-1' ? '' : `:${rangeText(e.protocol, e.range)}`} ${e.sources.written.join(' ')}`;
}

/** Judges one run: where it is open from, and whether its ports may be. */
function judgeRun(run: Run, tier: string | undefined): Outcome {
  const entries = [...run.entries];
  const definite = entries.reduce((acc, e) => union(acc, e.sources.definite), none());
  const { note } = run.definite ? openness(definite) : { note: { en: '', fr: '' } };
  const written = [...new Set(entries.flatMap((e) => e.sources.written))];
  const sourceText = `${written.slice(0, 4).join(', ')}${written.length > 4 ? '…' : ''}`;
  const literal = written.length === 1 && ['0.0.0.0/0', '::/0'].includes(written[0]);
  const ports = portWords(run);
  const where = {
    en: `ingress from ${sourceText}${literal || !note.en ? '' : ` (${note.en})`} on ${ports.en}`,
    fr: `entrée depuis ${sourceText}${literal || !note.fr ? '' : ` (${note.fr})`} sur ${ports.fr}`,
  };
  const tcpOrUdp = run.protocol === '6' || run.protocol === '17';
  const admin =
    run.protocol === '-1' ? [...ADMIN_PORTS] : tcpOrUdp ? ADMIN_PORTS.filter((p) => p >= run.low && p <= run.high) : [];
  const web = tcpOrUdp && run.low === run.high && WEB_PORTS.has(run.low);
  if (web && tier === 'public') return 'pass';
  const evidence = evidenceOf({
    protocol: PROTOCOL_IDS[run.protocol] ?? run.protocol,
    ports: rangeText(run.protocol, [run.low, run.high]),
    sources: written.slice(0, 20),
    adminPorts: admin.length ? admin.slice(0, 20).map(String) : undefined,
    adminPortCount: admin.length > 20 ? admin.length : undefined,
  });
  let problem: LocalizedText;
  if (admin.length) {
    const ports = `${admin.slice(0, 6).join(', ')}${admin.length > 6 ? '…' : ''}`;
    problem = {
      en: `${where.en} includes administration port(s) ${ports}`,
      fr: `${where.fr} : inclut le ou les ports d'administration ${ports}`,
    };
  } else if (web && tier === undefined) {
    problem = {
      en: `${where.en}, but the group has no ${TAG_KEYS.tier} tag to show it is public`,
      fr: `${where.fr}, mais le groupe n'a pas de balise ${TAG_KEYS.tier} montrant qu'il est public`,
    };
    return cannotProve(problem, { evidence });
  } else if (web) {
    problem = {
      en: `${where.en} on a group of tier '${tier}' (only the public tier may take web traffic from anywhere)`,
      fr: `${where.fr} sur un groupe du tiers '${tier}' (seul le tiers public peut recevoir du trafic web de partout)`,
    };
  } else problem = where;
  if (run.definite) return fail(problem, { evidence });
  const why = entries.find((e) => e.sources.why)?.sources.why ?? {
    en: 'its protocol or ports are not literal values',
    fr: 'son protocole ou ses ports ne sont pas des valeurs littérales',
  };
  const adminNote = admin.length
    ? {
        en: ` (administration port(s) ${admin.slice(0, 6).join(', ')}${admin.length > 6 ? '…' : ''})`,
        fr: ` (port(s) d'administration ${admin.slice(0, 6).join(', ')}${admin.length > 6 ? '…' : ''})`,
      }
    : { en: '', fr: '' };
  return cannotProve(
    {
      en: `${where.en}${adminNote.en} may be open to the internet: ${why.en}`,
      fr: `${where.fr}${adminNote.fr} est peut-être ouverte à Internet : ${why.fr}`,
    },
    { evidence },
  );
}

/** True if the rule may admit some public address (most rules do not, and cannot open anything). */
const mayAdmitPublic = (e: Entry): boolean =>
  FAMILIES.some((f) => !e.sources.possible[f].intersect(internetAddresses(f)).isEmpty);

/**
 * Judges the union of ingress rules of one group, per protocol and port (or ICMP type): the
 * ports whose sources, together, are the internet. `attributed` tells the rules whose own
 * findings are reported on their own resource, so that a port open through one of them alone
 * is not reported twice.
 */
function judgeEntries(all: readonly Entry[], tier: string | undefined, attributed: (e: Entry) => boolean): Outcome {
  // Rules that may admit no public address cannot open anything: most rules, set aside first.
  const entries = all.filter(mayAdmitPublic);
  if (!entries.length) return 'pass';
  const protocols = new Set(entries.map((e) => e.protocol).filter((p): p is string => p !== undefined && p !== '-1'));
  const keys = ['-1', ...protocols];
  const unknown = entries.filter((e) => e.protocol === undefined || e.range === undefined);
  const isOpen = (list_: readonly Entry[], definite: boolean) =>
    openness(list_.reduce((acc, e) => union(acc, definite ? e.sources.definite : e.sources.possible), none())).open;
  const outcomes: Outcome[] = ['pass'];
  for (const key of keys) {
    const space: readonly [number, number] = SPACES[key] ?? [0, 0];
    const own = entries.filter(
      (e) => e.range !== undefined && (key === '-1' ? e.protocol === '-1' : e.protocol === key || e.protocol === '-1'),
    );
    const bounds = new Set<number>([space[0], space[1] + 1]);
    for (const e of own) {
      if (key === '-1' || e.protocol === '-1') continue;
      bounds.add(Math.max(space[0], e.range![0]));
      bounds.add(Math.min(space[1], e.range![1]) + 1);
    }
    const sorted = [...bounds].sort((a, b) => a - b);
    let run: Run | undefined;
    const flush = () => {
      if (run) outcomes.push(judgeRun(run, tier));
      run = undefined;
    };
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [low, high] = [sorted[i], sorted[i + 1] - 1];
      const covering = own.filter((e) => e.protocol === '-1' || (e.range![0] <= low && e.range![1] >= high));
      const candidates = [...covering, ...unknown.filter((e) => e.protocol === undefined || e.protocol === key)];
      // Inline rules open on their own are the group's; a port open through one standalone
      // rule alone is reported on that rule; a port open only through several, on the group.
      const inline = covering.filter((e) => !attributed(e));
      const inlineCandidates = candidates.filter((e) => !attributed(e));
      let definite = isOpen(inline, true);
      let chosen = definite ? inline : undefined;
      if (!chosen && !covering.some((e) => attributed(e) && isOpen([e], true))) {
        definite = isOpen(covering, true);
        if (definite) chosen = covering;
      }
      if (!chosen && isOpen(inlineCandidates, false)) chosen = inlineCandidates;
      if (!chosen && !candidates.some((e) => attributed(e) && isOpen([e], false)) && isOpen(candidates, false)) {
        chosen = candidates;
      }
      // Reported once, under every protocol, when the rules of every protocol alone open it.
      const everyProtocol = (chosen ?? []).filter((e) => e.protocol === '-1');
      const impliedByEveryProtocol = key !== '-1' && everyProtocol.length > 0 && isOpen(everyProtocol, definite);
      if (!chosen || impliedByEveryProtocol) {
        flush();
        continue;
      }
      const contributing = chosen;
      if (run && run.definite === definite && run.high + 1 === low) {
        run = { ...run, high, entries: new Set([...run.entries, ...contributing]) };
      } else {
        flush();
        run = { protocol: key, low, high, definite, entries: new Set(contributing) };
      }
    }
    flush();
  }
  return combine(outcomes);
}

const standaloneCache = new WeakMap<Template, Map<string, Resource[]>>();

/** The `AWS::EC2::SecurityGroupIngress` resources of the template, by the group they add to. */
function standaloneIngress(template: Template): Map<string, Resource[]> {
  let found = standaloneCache.get(template);
  if (!found) {
    found = new Map();
    for (const ingress of templateResourcesOfType(template, 'AWS::EC2::SecurityGroupIngress')) {
      const group = refTarget(ingress.properties.GroupId) ?? refTarget(ingress.properties.GroupName);
      if (group === undefined) continue;
      const list_ = found.get(group);
      if (list_) list_.push(ingress);
      else found.set(group, [ingress]);
    }
    standaloneCache.set(template, found);
  }
  return found;
}

/** The ingress rules judged on a resource, read. */
interface Ingress {
  /** How many rules it has (inline and standalone), with a CIDR or prefix-list source or not. */
  readonly rules: number;
  /** Those with a CIDR or prefix-list source. */
  readonly entries: readonly Entry[];
  /** The tier of the group they open. */
  readonly tier?: string;
  /** The group's inline rules, when the template does not fix them. */
  readonly unresolved?: Unresolved;
}

const ingressCache = new WeakMap<Resource, Ingress>();

/** The ingress rules of a security group (inline and standalone) or of one `AWS::EC2::SecurityGroupIngress`. */
function ingressOf(resource: Resource): Ingress {
  const cached = ingressCache.get(resource);
  if (cached) return cached;
  const template = resource.template;
  let ingress: Ingress;
  if (resource.type === 'AWS::EC2::SecurityGroupIngress') {
    const group =
      referenced(resource.properties.GroupId, template) ?? referenced(resource.properties.GroupName, template);
    const entry = entryOf(resource.properties, template, resource);
    ingress = { rules: 1, entries: entry ? [entry] : [], tier: group?.tags[TAG_KEYS.tier] };
  } else {
    const rules = list(resource.properties.SecurityGroupIngress);
    const inline = isUnresolved(rules) ? [] : (rules ?? []);
    const standalone = standaloneIngress(template).get(resource.id) ?? [];
    ingress = {
      rules: inline.length + standalone.length,
      entries: [
        ...inline.map((r) => entryOf(r, template)),
        ...standalone.map((i) => entryOf(i.properties, template, i)),
      ].filter((e): e is Entry => e !== undefined),
      tier: resource.tags[TAG_KEYS.tier],
      ...(isUnresolved(rules) ? { unresolved: rules } : {}),
    };
  }
  ingressCache.set(resource, ingress);
  return ingress;
}

/** NET-1: no security group is open to the internet, except web ports on the public tier. */
export const net1OpenIngress: ResourceRule = {
  id: 'NET-1/open-ingress',
  control: 'NET-1',
  scope: 'resource',
  title: {
    en: 'No ingress is open to the internet',
    fr: "Aucune entrée n'est ouverte à Internet",
  },
  description:
    `No security group admits the internet, except on ports 80 and 443 of a group tagged ${TAG_KEYS.tier}: public, and never on an administration port (${ADMIN_PORTS.join(', ')}). ` +
    "Judged on address sets, per protocol and port (ICMP: per type; protocol -1: every protocol and port): the sources of a port are the union of the group's inline SecurityGroupIngress and of the AWS::EC2::SecurityGroupIngress resources that refer to it, each rule's CIDR read as EC2 reads it (host bits dropped, so 1.2.3.4/0 is 0.0.0.0/0; /00 is /0; 000.000.000.000 is 0.0.0.0; an octet with a leading zero that reads differently in octal cannot be proved). " +
    `The internet is every IPv4 address but the special-purpose ranges that are not globally reachable (${NON_INTERNET_IPV4.join(', ')}), and IPv6 global unicast (${INTERNET_IPV6_CIDR} but documentation space). ` +
    'A port is open when its sources hold more public addresses than IANA delegates to a Regional Internet Registry at once (a /8 of IPv4, a /12 of IPv6): 0.0.0.0/1 with 128.0.0.0/1, 0.0.0.0/1 alone, or 2000::/3 are the internet; a /8 or less is left to review. ' +
    "A security group source is not the internet; a prefix list is read from the template's AWS::EC2::PrefixList, and otherwise, like a parameter, cannot be proved. A port open through one AWS::EC2::SecurityGroupIngress alone is reported on that resource, one open only through several rules on the group.",
  remediation: {
    en: 'Restrict the source to known ranges or security groups; reach administration ports through SSM or a bastion inside the VPC',
    fr: "Restreindre la source à des plages ou à des groupes de sécurité connus ; atteindre les ports d'administration par SSM ou par un bastion dans le VPC",
  },
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  evidence: ['AWS::EC2::PrefixList'],
  observes: ['ingressRules', 'publicRules'],
  observe(resource: Resource) {
    const { rules, entries, tier, unresolved } = ingressOf(resource);
    // The rules whose sources hold public addresses: those the check judges against the internet.
    const open = entries.filter(mayAdmitPublic);
    return evidenceOf({
      ingressRules: unresolved ?? rules,
      publicRules: open.length,
      publicSources: open.length ? open.slice(0, 20).map(entryText) : undefined,
      tier,
      group:
        resource.type === 'AWS::EC2::SecurityGroupIngress'
          ? (resource.properties.GroupId ?? resource.properties.GroupName)
          : undefined,
    });
  },
  check(resource: Resource): Outcome {
    const { entries, tier, unresolved } = ingressOf(resource);
    if (resource.type === 'AWS::EC2::SecurityGroupIngress') return judgeEntries(entries, tier, () => false);
    const outcomes: Outcome[] = [];
    if (unresolved) outcomes.push(cannotProve(unknownValue('its ingress rules', "ses règles d'entrée", unresolved)));
    outcomes.push(judgeEntries(entries, tier, (e) => e.standalone !== undefined));
    return combine(outcomes);
  },
};
