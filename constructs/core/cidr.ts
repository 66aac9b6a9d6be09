import { IPv4, IPv6 } from 'ipaddr.js';
import { SovereignLzError } from './errors';
import type { LocalizedText } from './i18n';

/**
 * IPv4 CIDR blocks: parsing with sentences a person can act on, overlap tests and the
 * sequential subnet allocation that aws-cdk-lib's `Vpc` performs, so that a construct can
 * reject an address plan before any resource exists. Pure functions, no framework.
 */

/** A parsed IPv4 CIDR block. Addresses are unsigned 32-bit integers. */
export interface Ipv4Cidr {
  /** The canonical text, e.g. `10.0.0.0/16`. */
  readonly cidr: string;
  /** The network address, e.g. `10.0.0.0`. */
  readonly network: string;
  /** The prefix length, 0–32. */
  readonly prefixLength: number;
  /** The first address of the block. */
  readonly first: number;
  /** The last address of the block. */
  readonly last: number;
  /** The number of addresses in the block. */
  readonly size: number;
}

/** Limits on the prefix length of a CIDR block. */
export interface CidrLimits {
  /**
   * The shortest prefix accepted (the largest block), e.g. 16 for a VPC.
   * @default 0
   */
  readonly minPrefixLength?: number;
  /**
   * The longest prefix accepted (the smallest block), e.g. 24.
   * @default 32
   */
  readonly maxPrefixLength?: number;
}

/** The outcome of {@link checkIpv4Cidr}: the block, or why the text is not an acceptable one. */
export type CidrCheck =
  { readonly ok: true; readonly cidr: Ipv4Cidr } | { readonly ok: false; readonly problem: string };

/** The outcome of {@link checkIpv4CidrText}: the block, or why not, in every language. */
export type CidrCheckText =
  { readonly ok: true; readonly cidr: Ipv4Cidr } | { readonly ok: false; readonly problem: LocalizedText };

/** Two blocks of a list that share addresses. */
export interface CidrOverlap {
  /** The earlier block, as given. */
  readonly a: string;
  /** The later block, as given. */
  readonly b: string;
  /** Position of `a` in the list. */
  readonly indexA: number;
  /** Position of `b` in the list. */
  readonly indexB: number;
}

const SHAPE = /^([0-9.]+)\/(0|[1-9][0-9]?)$/;

function toAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function block(first: number, prefixLength: number): Ipv4Cidr {
  const size = 2 ** (32 - prefixLength);
  const network = toAddress(first);
  return { cidr: `${network}/${prefixLength}`, network, prefixLength, first, last: first + size - 1, size };
}

/**
 * Checks that `text` is an IPv4 CIDR block in dotted-decimal form (`a.b.c.d/n`, no leading
 * zeros, no spaces), with no host bits set and a prefix within `limits`.
 *
 * @example
 * checkIpv4Cidr('10.0.0.1/16'); // { ok: false, problem: "'10.0.0.1/16' has host bits set: the block is '10.0.0.0/16'" }
 */
export function checkIpv4Cidr(text: unknown, limits: CidrLimits = {}): CidrCheck {
  const check = checkIpv4CidrText(text, limits);
  return check.ok ? check : { ok: false, problem: check.problem.en };
}

/** {@link checkIpv4Cidr}, with the problem in every language (for validation messages). */
export function checkIpv4CidrText(text: unknown, limits: CidrLimits = {}): CidrCheckText {
  const min = limits.minPrefixLength ?? 0;
  const max = limits.maxPrefixLength ?? 32;
  const shown = typeof text === 'string' ? `'${text}'` : (JSON.stringify(text) ?? String(text));
  const match = typeof text === 'string' ? SHAPE.exec(text) : null;
  if (!match || !IPv4.isValidFourPartDecimal(match[1])) {
    return { ok: false, problem: notCidr(shown) };
  }
  const prefixLength = Number(match[2]);
  if (prefixLength > 32) {
    return { ok: false, problem: notCidr(shown) };
  }
  const address = IPv4.parse(match[1])
    .toByteArray()
    .reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefixLength);
  const cidr = block(address - (address % size), prefixLength);
  if (cidr.first !== address) {
    return {
      ok: false,
      problem: {
        en: `${shown} has host bits set: the block is '${cidr.cidr}'`,
        fr: `${shown} a des bits d'hôte positionnés : le bloc est '${cidr.cidr}'`,
      },
    };
  }
  if (prefixLength < min || prefixLength > max) {
    return {
      ok: false,
      problem: {
        en: `${shown} has prefix /${prefixLength}: it must be ${min === max ? `/${min}` : `from /${min} to /${max}`}`,
        fr: `${shown} a le préfixe /${prefixLength} : il doit être ${min === max ? `/${min}` : `de /${min} à /${max}`}`,
      },
    };
  }
  return { ok: true, cidr };
}

function notCidr(shown: string): LocalizedText {
  return {
    en: `${shown} is not an IPv4 CIDR block of the form a.b.c.d/n (n from 0 to 32)`,
    fr: `${shown} n'est pas un bloc CIDR IPv4 de la forme a.b.c.d/n (n de 0 à 32)`,
  };
}

/**
 * Parses an IPv4 CIDR block, throwing a `SovereignLzError` (code `CIDR_INVALID`) that says
 * what is wrong. See {@link checkIpv4Cidr} for what is accepted.
 */
export function parseIpv4Cidr(text: string, limits: CidrLimits = {}): Ipv4Cidr {
  const check = checkIpv4Cidr(text, limits);
  if (!check.ok) throw new SovereignLzError('CIDR_INVALID', check.problem);
  return check.cidr;
}

/** True if `text` is an IPv4 CIDR block that {@link checkIpv4Cidr} accepts. */
export function isValidIpv4Cidr(text: unknown, limits: CidrLimits = {}): boolean {
  return checkIpv4Cidr(text, limits).ok;
}

function asCidr(value: string | Ipv4Cidr): Ipv4Cidr {
  return typeof value === 'string' ? parseIpv4Cidr(value) : value;
}

/** True if the two blocks share at least one address. Throws on a malformed block. */
export function cidrsOverlap(a: string | Ipv4Cidr, b: string | Ipv4Cidr): boolean {
  const x = asCidr(a);
  const y = asCidr(b);
  return x.first <= y.last && y.first <= x.last;
}

/** True if every address of `inner` is in `outer`. Throws on a malformed block. */
export function cidrContains(outer: string | Ipv4Cidr, inner: string | Ipv4Cidr): boolean {
  const x = asCidr(outer);
  const y = asCidr(inner);
  return x.first <= y.first && y.last <= x.last;
}

/**
 * Every pair of blocks in `cidrs` that overlap, in list order. Entries that are not valid
 * CIDR blocks are skipped: report them with {@link checkIpv4Cidr}.
 */
export function findCidrOverlaps(cidrs: readonly string[]): CidrOverlap[] {
  const parsed = cidrs.map((c) => checkIpv4Cidr(c));
  const overlaps: CidrOverlap[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const x = parsed[i];
    if (!x.ok) continue;
    for (let j = i + 1; j < parsed.length; j++) {
      const y = parsed[j];
      if (y.ok && cidrsOverlap(x.cidr, y.cidr)) overlaps.push({ a: cidrs[i], b: cidrs[j], indexA: i, indexB: j });
    }
  }
  return overlaps;
}

/**
 * Allocates subnets of the given prefix lengths inside `parent`, one after the other, each
 * aligned on its own size: the order and rule of aws-cdk-lib's `Vpc` (`IpAddresses.cidr`).
 * Returns the subnets' CIDR blocks, or `undefined` if they do not all fit. Throws on a
 * malformed parent; a prefix length shorter than the parent's never fits.
 *
 * @example
 * allocateSubnets('10.0.0.0/24', [26, 26, 25]); // ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/25']
 */
export function allocateSubnets(parent: string | Ipv4Cidr, prefixLengths: readonly number[]): string[] | undefined {
  const outer = asCidr(parent);
  const out: string[] = [];
  let next = outer.first;
  for (const prefixLength of prefixLengths) {
    if (!Number.isInteger(prefixLength) || prefixLength < outer.prefixLength || prefixLength > 32) return undefined;
    const size = 2 ** (32 - prefixLength);
    const first = Math.ceil(next / size) * size;
    if (first + size - 1 > outer.last) return undefined;
    out.push(block(first, prefixLength).cidr);
    next = first + size;
  }
  return out;
}

/*
 * Address sets: the sources of network rules read as EC2 reads them, in IPv4 and IPv6, and
 * the set operations that judge a union of rules against "the internet". Addresses are
 * bigints so that both families share one arithmetic.
 */

/** An IP address family. */
export type IpFamily = 'ipv4' | 'ipv6';

const FAMILY_BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

/** A CIDR block of either family, host bits dropped. */
export interface AddressBlock {
  readonly family: IpFamily;
  /** The canonical text, e.g. `0.0.0.0/0` for `1.2.3.4/0`. */
  readonly cidr: string;
  readonly prefixLength: number;
  /** The first address of the block. */
  readonly first: bigint;
  /** The last address of the block. */
  readonly last: bigint;
}

/**
 * The outcome of {@link readCidrBlock}: the block (and, for an IPv4 text with leading zeros
 * that reads differently in octal, the octal reading as `alternative`), or why the text is
 * not a block.
 */
export type AddressBlockRead =
  | { readonly ok: true; readonly block: AddressBlock; readonly alternative?: AddressBlock }
  | { readonly ok: false; readonly problem: LocalizedText };

function blockOf(family: IpFamily, address: bigint, prefixLength: number): AddressBlock {
  const bits = FAMILY_BITS[family];
  const size = 1n << BigInt(bits - prefixLength);
  const first = address - (address % size);
  const network =
    family === 'ipv4'
      ? toAddress(Number(first))
      : new IPv6(
          Array.from({ length: 8 }, (_, i) => Number((first >> BigInt(16 * (7 - i))) & 0xffffn)),
        ).toRFC5952String();
  return { family, cidr: `${network}/${prefixLength}`, prefixLength, first, last: first + size - 1n };
}

const IPV4_TEXT = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

/** The IPv4 address of four octets read in `radix` (8: only octets with a leading zero), if valid. */
function ipv4Reading(octets: readonly string[], octal: boolean): bigint | undefined {
  let value = 0n;
  for (const octet of octets) {
    const radix = octal && octet.length > 1 && octet.startsWith('0') ? 8 : 10;
    if (radix === 8 && !/^[0-7]+$/.test(octet)) return undefined;
    const n = parseInt(octet, radix);
    if (!(n >= 0 && n <= 255)) return undefined;
    value = value * 256n + BigInt(n);
  }
  return value;
}

/**
 * Reads a CIDR block as EC2 reads the source of a security-group rule: host bits are dropped
 * (EC2 canonicalizes `100.68.0.18/18` to `100.68.0.0/18`, so `1.2.3.4/0` is every IPv4
 * address), leading zeros in the prefix length are read as decimal (`/00` is `/0`), a text
 * without a prefix length is a single address, and surrounding spaces are ignored. IPv4
 * octets with leading zeros (`000.000.000.000`, `010.0.0.0`) read as decimal; when the octal
 * reading some parsers make differs, it is returned as `alternative` so that a caller can
 * judge both. `family` restricts the text to one family (`CidrIp` is IPv4, `CidrIpv6` IPv6).
 *
 * @example
 * readCidrBlock('0.0.0.0/00'); // { ok: true, block: { cidr: '0.0.0.0/0', … } }
 * readCidrBlock('2000::/3').ok; // true
 */
export function readCidrBlock(text: unknown, family?: IpFamily): AddressBlockRead {
  const shown = typeof text === 'string' ? `'${text}'` : (JSON.stringify(text) ?? String(text));
  const notBlock = (): AddressBlockRead => ({
    ok: false,
    problem: {
      en: `${shown} is not an ${family === 'ipv6' ? 'IPv6' : family === 'ipv4' ? 'IPv4' : 'IPv4 or IPv6'} CIDR block`,
      fr: `${shown} n'est pas un bloc CIDR ${family === 'ipv6' ? 'IPv6' : family === 'ipv4' ? 'IPv4' : 'IPv4 ou IPv6'}`,
    },
  });
  if (typeof text !== 'string') return notBlock();
  const [address, prefix, ...rest] = text.trim().split('/');
  if (rest.length || (prefix !== undefined && !/^\d{1,4}$/.test(prefix))) return notBlock();
  const textFamily: IpFamily = address.includes(':') ? 'ipv6' : 'ipv4';
  if (family && family !== textFamily) return notBlock();
  const bits = FAMILY_BITS[textFamily];
  const prefixLength = prefix === undefined ? bits : Number(prefix);
  if (prefixLength > bits) return notBlock();
  if (textFamily === 'ipv6') {
    if (!IPv6.isValid(address)) return notBlock();
    const value = IPv6.parse(address)
      .toByteArray()
      .reduce((acc, byte) => acc * 256n + BigInt(byte), 0n);
    return { ok: true, block: blockOf('ipv6', value, prefixLength) };
  }
  const match = IPV4_TEXT.exec(address);
  if (!match) return notBlock();
  const octets = match.slice(1, 5);
  const decimal = ipv4Reading(octets, false);
  const octal = ipv4Reading(octets, true);
  const readings = [decimal, octal]
    .filter((v): v is bigint => v !== undefined)
    .map((v) => blockOf('ipv4', v, prefixLength));
  if (!readings.length) return notBlock();
  const [block, other] = readings;
  return other && other.first !== block.first ? { ok: true, block, alternative: other } : { ok: true, block };
}

/**
 * A set of addresses of one family: sorted, disjoint, non-adjacent inclusive ranges. Values
 * are immutable; every operation is linear in the number of ranges (after a sort in `of`).
 */
export class AddressSet {
  /** The empty set of a family. */
  public static empty(family: IpFamily): AddressSet {
    return new AddressSet(family, []);
  }

  /** Every address of a family. */
  public static all(family: IpFamily): AddressSet {
    return new AddressSet(family, [[0n, (1n << BigInt(FAMILY_BITS[family])) - 1n]]);
  }

  /** The union of blocks (or ranges) of one family. */
  public static of(family: IpFamily, blocks: Iterable<{ readonly first: bigint; readonly last: bigint }>): AddressSet {
    const sorted = [...blocks]
      .map((b) => [b.first, b.last] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const ranges: Array<readonly [bigint, bigint]> = [];
    for (const [first, last] of sorted) {
      const previous = ranges[ranges.length - 1];
      if (previous && first <= previous[1] + 1n) {
        if (last > previous[1]) ranges[ranges.length - 1] = [previous[0], last];
      } else ranges.push([first, last]);
    }
    return new AddressSet(family, ranges);
  }

  /** The set of CIDR texts (which must all be valid blocks of the family). Throws otherwise. */
  public static ofCidrs(family: IpFamily, cidrs: readonly string[]): AddressSet {
    return AddressSet.of(
      family,
      cidrs.map((c) => {
        const read = readCidrBlock(c, family);
        if (!read.ok) throw new SovereignLzError('CIDR_INVALID', read.problem.en);
        return read.block;
      }),
    );
  }

  private constructor(
    public readonly family: IpFamily,
    /** The ranges, sorted, disjoint and non-adjacent. */
    public readonly ranges: ReadonlyArray<readonly [bigint, bigint]>,
  ) {}

  /** True if the set has no address. */
  public get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** The number of addresses. */
  public get size(): bigint {
    return this.ranges.reduce((n, [first, last]) => n + last - first + 1n, 0n);
  }

  /** The addresses in either set. */
  public union(other: AddressSet): AddressSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return AddressSet.of(
      this.family,
      [...this.ranges, ...other.ranges].map(([first, last]) => ({ first, last })),
    );
  }

  /** The addresses in both sets. */
  public intersect(other: AddressSet): AddressSet {
    const out: Array<readonly [bigint, bigint]> = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a0, a1] = this.ranges[i];
      const [b0, b1] = other.ranges[j];
      const first = a0 > b0 ? a0 : b0;
      const last = a1 < b1 ? a1 : b1;
      if (first <= last) out.push([first, last]);
      if (a1 < b1) i++;
      else j++;
    }
    return new AddressSet(this.family, out);
  }

  /** The addresses of this set that are not in `other`. */
  public minus(other: AddressSet): AddressSet {
    const out: Array<readonly [bigint, bigint]> = [];
    let j = 0;
    for (const [first, last] of this.ranges) {
      let start = first;
      while (j < other.ranges.length && other.ranges[j][1] < start) j++;
      let k = j;
      while (k < other.ranges.length && other.ranges[k][0] <= last) {
        const [b0, b1] = other.ranges[k];
        if (b0 > start) out.push([start, b0 - 1n]);
        start = b1 + 1n;
        if (start > last) break;
        k++;
      }
      if (start <= last) out.push([start, last]);
    }
    return new AddressSet(this.family, out);
  }

  /** True if every address of `other` is in this set. */
  public covers(other: AddressSet): boolean {
    return other.minus(this).isEmpty;
  }
}

/**
 * IPv4 ranges that are not the internet: the special-purpose blocks of the IANA IPv4
 * Special-Purpose Address Registry (RFC 6890) that are not globally reachable, and multicast
 * and reserved space, which are never the source of a connection.
 */
export const NON_INTERNET_IPV4: readonly string[] = [
  '0.0.0.0/8', // "this network" (RFC 791)
  '10.0.0.0/8', // private (RFC 1918)
  '100.64.0.0/10', // shared address space, carrier-grade NAT (RFC 6598)
  '127.0.0.0/8', // loopback (RFC 1122)
  '169.254.0.0/16', // link-local (RFC 3927)
  '172.16.0.0/12', // private (RFC 1918)
  '192.0.0.0/24', // IETF protocol assignments (RFC 6890)
  '192.0.2.0/24', // documentation TEST-NET-1 (RFC 5737)
  '192.88.99.0/24', // deprecated 6to4 relay anycast (RFC 7526)
  '192.168.0.0/16', // private (RFC 1918)
  '198.18.0.0/15', // benchmarking (RFC 2544)
  '198.51.100.0/24', // documentation TEST-NET-2 (RFC 5737)
  '203.0.113.0/24', // documentation TEST-NET-3 (RFC 5737)
  '224.0.0.0/4', // multicast (RFC 5771)
  '240.0.0.0/4', // reserved, and the limited broadcast address (RFC 1112, RFC 919)
];

/** The IPv6 internet: global unicast space as IANA allocates it (RFC 4291 §2.4). */
export const INTERNET_IPV6_CIDR = '2000::/3';

/** IPv6 ranges inside {@link INTERNET_IPV6_CIDR} that are not the internet: documentation (RFC 3849). */
export const NON_INTERNET_IPV6: readonly string[] = ['2001:db8::/32'];

let internetSets: Readonly<Record<IpFamily, AddressSet>> | undefined;

/**
 * The internet of a family: every IPv4 address but {@link NON_INTERNET_IPV4}, and
 * {@link INTERNET_IPV6_CIDR} but {@link NON_INTERNET_IPV6}.
 */
export function internetAddresses(family: IpFamily): AddressSet {
  internetSets ??= {
    ipv4: AddressSet.all('ipv4').minus(AddressSet.ofCidrs('ipv4', NON_INTERNET_IPV4)),
    ipv6: AddressSet.ofCidrs('ipv6', [INTERNET_IPV6_CIDR]).minus(AddressSet.ofCidrs('ipv6', NON_INTERNET_IPV6)),
  };
  return internetSets[family];
}
