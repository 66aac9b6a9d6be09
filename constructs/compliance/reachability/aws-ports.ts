/**
 * Port sets (or ICMP type sets) as sorted, disjoint, non-adjacent inclusive ranges: the small
 * exact representation the reachability model answers with.
 */

/** An inclusive range of ports, `[from, to]`. */
export type PortRange = readonly [number, number];

/** A set of ports: sorted, disjoint, non-adjacent inclusive ranges. Immutable. */
export class PortSet {
  /** The empty set. */
  public static readonly EMPTY = new PortSet([]);

  /** The union of ranges (in any order, overlapping or not). Empty ranges (`from > to`) are dropped. */
  public static of(ranges: Iterable<PortRange>): PortSet {
    const sorted = [...ranges].filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const out: Array<[number, number]> = [];
    for (const [a, b] of sorted) {
      const last = out[out.length - 1];
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else out.push([a, b]);
    }
    return new PortSet(out);
  }

  private constructor(public readonly ranges: readonly PortRange[]) {}

  public get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  public has(port: number): boolean {
    return this.ranges.some(([a, b]) => a <= port && port <= b);
  }

  public union(other: PortSet): PortSet {
    return PortSet.of([...this.ranges, ...other.ranges]);
  }

  public intersect(other: PortSet): PortSet {
    const out: PortRange[] = [];
    for (const [a, b] of this.ranges) {
      for (const [c, d] of other.ranges) {
        const lo = Math.max(a, c);
        const hi = Math.min(b, d);
        if (lo <= hi) out.push([lo, hi]);
      }
    }
    return PortSet.of(out);
  }

  public minus(other: PortSet): PortSet {
    let out: PortRange[] = [...this.ranges];
    for (const [c, d] of other.ranges) {
      out = out.flatMap(([a, b]): PortRange[] => {
        if (d < a || c > b) return [[a, b]];
        const parts: PortRange[] = [];
        if (a < c) parts.push([a, c - 1]);
        if (d < b) parts.push([d + 1, b]);
        return parts;
      });
    }
    return PortSet.of(out);
  }

  /** E.g. `22, 80-443`. */
  public toString(): string {
    return this.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
  }
}
