import { IPv4 } from 'ipaddr.js';
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
