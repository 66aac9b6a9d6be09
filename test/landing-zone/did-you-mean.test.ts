import { DeclarationError, LandingZone, type LandingZoneDeclaration } from 'sovereign-lz/landing-zone';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';
import { refusal, smallZone } from './helpers';

// A misspelt name in a declaration is named with the name it was probably meant to be; a name
// far from every candidate is named alone (no guess is better than a wrong one).

const casablanca = moroccoPublicSector.sites![0];

/** A zone with two regions, the Casablanca site, two workloads and one account: names to misspell. */
function zone(overrides: Partial<LandingZoneDeclaration>): LandingZoneDeclaration {
  return smallZone({
    profile: publicSectorProfile,
    regions: ['eu-west-3', 'eu-south-2'],
    sites: [casablanca],
    accounts: { workloads: { records: '111111111111' } },
    workloads: [
      { name: 'records', classification: 'internal' },
      { name: 'registry', classification: 'sensitive', services: [] },
    ],
    ...overrides,
  });
}

test('the lawful zone the misspellings start from is accepted', () => {
  expect(new LandingZone(zone({})).placementOf('registry').target).toEqual({ kind: 'site', site: casablanca.name });
});

test("a flow's workload and tier, a pin's region, site and account, a level: each with the name meant", () => {
  const message = refusal(
    zone({
      workloads: [
        { name: 'records', classification: 'internal', region: 'eu-west-33', account: 'record' },
        { name: 'registry', classification: 'sensitive', site: 'ma-casablanka-1' },
        { name: 'archive', classification: 'secrt' as 'secret' },
      ],
      flows: [
        { from: 'recods', to: 'registry', port: 443 },
        { from: 'records/aplication', to: 'registry', port: 443, carries: 'internl' as 'internal' },
      ],
    }),
  );
  expect(message).toContain(
    "workloads[0].region: DECLARATION: 'eu-west-33' is not one of the zone's regions (did you mean 'eu-west-3'?)",
  );
  expect(message).toContain(
    "workloads[0].account: DECLARATION: 'record' is not an account of `accounts.workloads` (did you mean 'records'?)",
  );
  expect(message).toContain(
    "workloads[1].site: DECLARATION: 'ma-casablanka-1' is not one of the zone's sites (did you mean 'ma-casablanca-1'?)",
  );
  expect(message).toContain(
    'workloads[2].classification: CLS-1: "secrt" is not a classification level (did you mean \'secret\'?)',
  );
  expect(message).toContain(
    "flows[0].from: DECLARATION: 'recods' is not a workload of the zone (did you mean 'records'?)",
  );
  expect(message).toContain(
    "flows[1].from: NET-4: 'aplication' is not a tier (public, application, data, management) (did you mean 'application'?)",
  );
});

test('a region the zone does not know, a region key of the network, a site the profile does not declare', () => {
  const message = refusal(
    zone({
      regions: ['eu-west-3', 'eu-wset-2'],
      network: { cidrs: { 'eu-west3': '10.30.0.0/16' } },
      sites: [{ ...casablanca, name: 'ma-casablanca-2' }],
      workloads: [{ name: 'records', classification: 'internal' }],
    }),
  );
  expect(message).toContain(
    "regions[1]: RES-1: 'eu-wset-2' is not an AWS region sovereign-lz knows the country of (did you mean 'eu-west-2'?)",
  );
  expect(message).toContain(
    "network.cidrs.eu-west3: DECLARATION: 'eu-west3' is not one of the zone's regions (did you mean 'eu-west-3'?)",
  );
  expect(message).toMatch(
    /sites\[0\]\.name: RES-1: site 'ma-casablanca-2' is not a site of profile '[^']+' \(its sites: [^)]+\) \(did you mean 'ma-casablanca-1'\?\)/,
  );
});

test('a name far from every candidate gets no suggestion', () => {
  const message = refusal(zone({ flows: [{ from: 'billing', to: 'registry/storage', port: 443 }] }));
  expect(message).toContain("flows[0].from: DECLARATION: 'billing' is not a workload of the zone");
  expect(message).not.toContain('did you mean');
});

test('the suggestion in French', () => {
  const previous = process.env.SOVEREIGN_LZ_LANG;
  process.env.SOVEREIGN_LZ_LANG = 'fr';
  try {
    let message = '';
    try {
      new LandingZone(zone({ flows: [{ from: 'recods', to: 'registry', port: 443 }] }));
    } catch (e) {
      expect(e).toBeInstanceOf(DeclarationError);
      message = (e as Error).message;
    }
    expect(message).toContain(
      "flows[0].from: DECLARATION: 'recods' n'est pas une charge de travail de la zone (vouliez-vous dire 'records' ?)",
    );
  } finally {
    if (previous === undefined) delete process.env.SOVEREIGN_LZ_LANG;
    else process.env.SOVEREIGN_LZ_LANG = previous;
  }
});
