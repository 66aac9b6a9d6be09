// Network (DECLARATION): one VPC CIDR per region (declared, or 10.(20+i).0.0/16 by default),
// each a valid /16 to /24; CIDRs and availability zones keyed by regions of the zone only;
// reserved ranges valid; and no two ranges overlapping, so that the VPCs can be peered with
// each other and with the networks the declaration reserves.
import { checkIpv4Cidr, findCidrOverlaps, localizedSuggestion } from '../core';
import type { Checker } from './checker';
import type { LandingZoneDeclaration } from './declaration';
import { text } from './declaration-error';

/** One CIDR per region, valid and disjoint from each other and from reserved ranges. */
export function checkNetwork(
  c: Checker,
  d: LandingZoneDeclaration,
  regions: readonly string[],
): Record<string, string> {
  const vpcCidrs: Record<string, string> = {};
  regions.forEach((region, i) => {
    vpcCidrs[region] = d.network?.cidrs?.[region] ?? `10.${20 + i}.0.0/16`;
  });
  for (const key of ['cidrs', 'availabilityZones'] as const) {
    for (const region of Object.keys(d.network?.[key] ?? {})) {
      if (!regions.includes(region)) {
        const near = localizedSuggestion(region, regions);
        c.add(
          `/network/${key}/${region}`,
          'DECLARATION',
          text(
            `'${region}' is not one of the zone's regions${near.en}`,
            `'${region}' n'est pas une région de la zone${near.fr}`,
          ),
        );
      }
    }
  }
  const cidrPointer = (region: string) =>
    d.network?.cidrs?.[region] !== undefined ? `/network/cidrs/${region}` : '/regions';
  for (const [region, cidr] of Object.entries(vpcCidrs)) {
    const check = checkIpv4Cidr(cidr, { minPrefixLength: 16, maxPrefixLength: 24 });
    if (!check.ok) {
      c.add(
        cidrPointer(region),
        'DECLARATION',
        text(`VPC CIDR of ${region}: ${check.problem}`, `CIDR du VPC de ${region} : ${check.problem}`),
      );
    }
  }
  const reserved = d.network?.reservedCidrs ?? [];
  reserved.forEach((cidr, i) => {
    const check = checkIpv4Cidr(cidr);
    if (!check.ok) c.add(`/network/reservedCidrs/${i}`, 'DECLARATION', text(check.problem, check.problem));
  });
  const entries = [
    ...Object.entries(vpcCidrs).map(([region, cidr]) => ({ cidr, pointer: cidrPointer(region) })),
    ...reserved.map((cidr, i) => ({ cidr, pointer: `/network/reservedCidrs/${i}` })),
  ];
  for (const overlap of findCidrOverlaps(entries.map((e) => e.cidr))) {
    // Point at a range the declaration wrote, rather than at a default.
    const [later, earlier] = [entries[overlap.indexB], entries[overlap.indexA]];
    c.add(
      later.pointer !== '/regions' ? later.pointer : earlier.pointer,
      'DECLARATION',
      text(`CIDR ${overlap.a} overlaps ${overlap.b}`, `le CIDR ${overlap.a} chevauche ${overlap.b}`),
      { remedy: text('Give each VPC its own range', 'Donnez à chaque VPC sa propre plage') },
    );
  }
  return vpcCidrs;
}
