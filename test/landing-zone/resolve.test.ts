import { extendProfile, morocco } from 'sovereign-lz/core';
import { DeclarationError, LandingZone } from 'sovereign-lz/landing-zone';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';
import { refusal, smallZone } from './helpers';

const casablanca = moroccoPublicSector.sites![0];

describe('placement by classification', () => {
  test('the Morocco example: public and internal in the allowlisted regions, sensitive on the Casablanca site', () => {
    const zone = new LandingZone(moroccoPublicSector);
    expect(zone.placements.map((p) => [p.workload, p.classification, p.target, p.pinned])).toEqual([
      ['citizen-portal', 'public', { kind: 'cloud-region', region: 'eu-west-3', account: '555555555555' }, false],
      ['records', 'internal', { kind: 'cloud-region', region: 'eu-west-3', account: '666666666666' }, false],
      ['analytics', 'internal', { kind: 'cloud-region', region: 'eu-south-2', account: '666666666666' }, true],
      ['civil-registry', 'sensitive', { kind: 'site', site: 'ma-casablanca-1' }, false],
    ]);
    const registry = zone.placementOf('civil-registry');
    expect(registry.source).toBe(publicSectorProfile.levels.sensitive.source);
    expect(registry.reason.en).toBe("level 'sensitive' may be hosted in site 'ma-casablanca-1' (MA)");
    expect(registry.reason.fr).toBe("le niveau 'sensitive' peut être hébergé sur le site 'ma-casablanca-1' (MA)");
  });

  test('the home region is tried first, then the other regions, then the sites', () => {
    const zone = new LandingZone(
      smallZone({ profile: publicSectorProfile, regions: ['eu-south-2', 'eu-west-3'], sites: [casablanca] }),
    );
    expect(zone.placementOf('records').target).toEqual({ kind: 'cloud-region', region: 'eu-south-2' });
  });

  test('flows resolve their tiers (application by default) and what they carry (the higher level by default)', () => {
    const zone = new LandingZone(moroccoPublicSector);
    expect(zone.flows).toEqual([
      {
        from: { workload: 'civil-registry', tier: 'application' },
        to: { workload: 'civil-registry', tier: 'data' },
        port: 5432,
        carries: 'sensitive',
      },
      {
        from: { workload: 'records', tier: 'application' },
        to: { workload: 'civil-registry', tier: 'application' },
        port: 8443,
        carries: 'internal',
      },
    ]);
  });
});

describe('wrong declarations fail with the law cited and the declaration path', () => {
  test('fails if a workload is secret: no place may hold it', () => {
    const message = refusal(smallZone({ workloads: [{ name: 'intel', classification: 'secret' }] }));
    expect(message).toContain('workloads[0].classification: RES-1:');
    expect(message).toContain("may be hosted nowhere under profile 'morocco'");
    expect(message).toContain(morocco.levels.secret.source);
  });

  test('fails if a sensitive workload has no in-country site to go to', () => {
    const message = refusal(smallZone({ workloads: [{ name: 'registry', classification: 'sensitive' }] }));
    expect(message).toContain('workloads[0].classification: RES-1:');
    expect(message).toContain('Declare an in-country site (MA) in `sites`');
    expect(message).toContain(morocco.levels.sensitive.source);
  });

  test('fails if a sensitive workload is pinned to a cloud region', () => {
    const message = refusal(
      smallZone({
        profile: publicSectorProfile,
        sites: [casablanca],
        workloads: [{ name: 'registry', classification: 'sensitive', region: 'eu-west-3' }],
      }),
    );
    expect(message).toContain('workloads[0].region: RES-1:');
    expect(message).toContain("level 'sensitive' may not be hosted in AWS region 'eu-west-3'");
  });

  test('fails if the only site of sensitive data is outside the country', () => {
    const profile = extendProfile(publicSectorProfile, {
      id: 'with-foreign-site',
      sites: [{ name: 'es-madrid-1', country: 'ES', regionValues: ['es-madrid'], zoneValues: ['es-madrid-1a'] }],
    });
    const message = refusal(
      smallZone({
        profile,
        sites: [{ ...casablanca, name: 'es-madrid-1' }],
        workloads: [{ name: 'registry', classification: 'sensitive' }],
      }),
    );
    expect(message).toContain('workloads[0].classification: RES-1:');
    expect(message).toContain("tried: AWS region 'eu-west-3' (FR), site 'es-madrid-1' (ES)");
  });

  test('fails if a site is not one of the profile', () => {
    const message = refusal(smallZone({ sites: [{ ...casablanca, name: 'ma-tanger-1' }] }));
    expect(message).toContain("sites[0].name: RES-1: site 'ma-tanger-1' is not a site of profile 'morocco'");
  });

  test('fails if a flow goes from a public tier straight to a data tier', () => {
    const message = refusal(
      smallZone({
        workloads: [
          { name: 'portal', classification: 'public' },
          { name: 'records', classification: 'internal' },
        ],
        flows: [{ from: 'portal/public', to: 'records/data', port: 5432 }],
      }),
    );
    expect(message).toContain(
      "flows[0]: NET-4: flow from the public tier of 'portal' straight to the data tier of 'records'",
    );
  });

  test('fails if a flow carries sensitive data out of the country', () => {
    const message = refusal({
      ...moroccoPublicSector,
      flows: [{ from: 'records', to: 'civil-registry', port: 8443 }],
    });
    expect(message).toContain(
      "flows[0].carries: RES-1: flow records → civil-registry carries 'sensitive' data to 'records'",
    );
  });

  test('fails if an account id is not 12 digits', () => {
    const message = refusal(smallZone({ accounts: { workloads: { admin: '12345678901' } } }));
    expect(message).toContain('accounts.workloads.admin: DECLARATION: account id "12345678901" is not 12 digits');
  });

  test('fails if two workloads have the same name', () => {
    const message = refusal(
      smallZone({
        workloads: [
          { name: 'records', classification: 'internal' },
          { name: 'records', classification: 'public' },
        ],
      }),
    );
    expect(message).toContain(
      "workloads[1].name: DECLARATION: duplicate workload 'records' (first declared at index 0)",
    );
  });

  test('fails if a workload names an unknown region, site or account, or takes a stack name of the zone', () => {
    const message = refusal(
      smallZone({
        workloads: [
          { name: 'a', classification: 'internal', region: 'eu-west-1' },
          { name: 'b', classification: 'internal', site: 'ma-rabat-1' },
          { name: 'c', classification: 'internal', account: 'nobody' },
          { name: 'log-archive', classification: 'internal' },
        ],
      }),
    );
    expect(message).toContain('4 problems');
    expect(message).toContain("workloads[0].region: DECLARATION: 'eu-west-1' is not one of the zone's regions");
    expect(message).toContain("workloads[1].site: DECLARATION: 'ma-rabat-1' is not one of the zone's sites");
    expect(message).toContain("workloads[2].account: DECLARATION: 'nobody' is not an account");
    expect(message).toContain(
      "workloads[3].name: DECLARATION: workload name 'log-archive' would take the zone's own stack 'LogArchive'",
    );
  });

  test('fails if services are declared for a workload placed in the cloud', () => {
    const message = refusal(
      smallZone({
        workloads: [
          {
            name: 'records',
            classification: 'internal',
            services: [
              { name: 'api', tier: 'application', image: 'registry.gov.ma/api@sha256:' + 'a'.repeat(64), port: 8443 },
            ],
          },
        ],
      }),
    );
    expect(message).toContain(
      "workloads[0].services: DECLARATION: workload 'records' is placed in AWS region 'eu-west-3'",
    );
  });

  test('fails if VPC ranges overlap each other or a reserved range', () => {
    const message = refusal(
      smallZone({ regions: ['eu-west-3', 'eu-south-2'], network: { cidrs: { 'eu-south-2': '10.20.0.0/16' } } }),
    );
    expect(message).toContain('network.cidrs.eu-south-2: DECLARATION: CIDR 10.20.0.0/16 overlaps 10.20.0.0/16');
  });

  test('fails if two names would build the same construct id', () => {
    const message = refusal(
      smallZone({
        workloads: [
          { name: 'ab1', classification: 'internal' },
          {
            name: 'ab-1',
            classification: 'internal',
            stores: [
              { name: 'x1', kind: 'objects' },
              { name: 'x-1', kind: 'logs' },
            ],
          },
        ],
      }),
    );
    expect(message).toContain(
      "workloads[1].name: DECLARATION: workload 'ab-1' and 'ab1' would build the same construct id 'Ab1'",
    );
    expect(message).toContain(
      "workloads[1].stores[1].name: DECLARATION: store 'x-1' and 'x1' would build the same construct id 'X1'",
    );
  });

  test('fails if the home region may not hold the shared stacks of the zone', () => {
    const message = refusal(
      smallZone({ regions: ['us-east-1'], workloads: [{ name: 'site', classification: 'public' }] }),
    );
    expect(message).toContain(
      "regions[0]: RES-1: the home region holds the log archive and the organization's stacks, which are 'internal'",
    );
  });

  test('fails if a log store keeps its logs less than the profile requires (LOG-2)', () => {
    const message = refusal(
      smallZone({
        workloads: [
          { name: 'records', classification: 'internal', stores: [{ name: 'logs', kind: 'logs', retentionDays: 30 }] },
        ],
      }),
    );
    expect(message).toContain(
      "workloads[0].stores[0].retentionDays: LOG-2: 30 days is below the minimum of 365 days under profile 'morocco'",
    );
    expect(message).toContain(morocco.figureSources.logRetention);
  });

  test('fails if a site’s images, collector, backup location or key manager are not on the profile’s allowlists', () => {
    const message = refusal(
      smallZone({
        profile: publicSectorProfile,
        sites: [
          {
            ...casablanca,
            logs: { ...casablanca.logs, host: 'logs.example.com', image: 'docker.io/fluent/fluent-bit:3' },
            backupLocation: 's3-ireland',
            storage: { ...casablanca.storage, kmsId: 'aws-kms' },
          },
        ],
        workloads: [
          {
            name: 'registry',
            classification: 'sensitive',
            services: [{ name: 'api', tier: 'application', image: 'docker.io/library/nginx:latest', port: 8443 }],
          },
        ],
      }),
    );
    expect(message).toContain(
      "sites[0].logs.host: RES-3: log collector 'logs.example.com' is not on the profile's allowlist",
    );
    expect(message).toContain('sites[0].logs.image: K8S-4:');
    expect(message).toContain(
      "sites[0].backupLocation: BCK-1: backup location 's3-ireland' is not on the profile's allowlist",
    );
    expect(message).toContain("sites[0].storage.kmsId: KEY-1: key manager 'aws-kms' is not on the profile's allowlist");
    expect(message).toContain(
      "workloads[0].services[0].image: K8S-4: image 'docker.io/library/nginx:latest' is not from a registry on the profile's allowlist",
    );
  });

  test('places nothing above a site’s ceiling: Longhorn keeps keys in the cluster, so no sensitive data there', () => {
    const longhorn = { ...casablanca, storage: { driver: 'longhorn' as const } };
    const ok = new LandingZone(
      smallZone({
        profile: publicSectorProfile,
        regions: [],
        sites: [longhorn],
        workloads: [{ name: 'a', classification: 'personal' }],
      }),
    );
    expect(ok.placementOf('a').target).toEqual({ kind: 'site', site: 'ma-casablanca-1' });
    const message = refusal(
      smallZone({
        profile: publicSectorProfile,
        regions: [],
        sites: [longhorn],
        workloads: [{ name: 'b', classification: 'sensitive' }],
      }),
    );
    expect(message).toContain(
      "site 'ma-casablanca-1': level 'sensitive' is above the classification ceiling 'personal' of site 'ma-casablanca-1'",
    );
  });

  test('fails if a level needing customer-exclusive keys would go to AWS, where the facade builds no external key store', () => {
    const message = refusal(
      smallZone({ profile: 'eu', workloads: [{ name: 'payments', classification: 'sensitive' }] }),
    );
    expect(message).toContain("level 'sensitive' needs keys known only to the customer (an external key store)");
  });

  test('reports every problem at once, as a typed error', () => {
    let error: unknown;
    try {
      new LandingZone(smallZone({ name: 'Bad Name', regions: ['mars-1'], workloads: [] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeclarationError);
    const problems = (error as DeclarationError).problems.map((p) => [p.pointer, p.rule]);
    expect(problems).toEqual([
      ['/name', 'DECLARATION'],
      ['/regions/0', 'RES-1'],
      ['/workloads', 'DECLARATION'],
    ]);
    // Some problems are not a control's (a malformed name): bad input, not a broken rule.
    expect((error as DeclarationError).code).toBe('DECLARATION_INVALID');
  });

  test('speaks French when SOVEREIGN_LZ_LANG=fr', () => {
    process.env.SOVEREIGN_LZ_LANG = 'fr';
    try {
      const message = refusal(smallZone({ workloads: [{ name: 'registry', classification: 'sensitive' }] }));
      expect(message).toContain("workloads[0].classification: RES-1: la charge de travail 'registry' est 'sensitive'");
      expect(message).toContain('Déclarez un site sur le territoire national (MA)');
      // The placement's own reason is quoted in French too, not in English inside French.
      const pinned = refusal(
        smallZone({
          profile: publicSectorProfile,
          sites: [casablanca],
          workloads: [{ name: 'registry', classification: 'sensitive', region: 'eu-west-3' }],
        }),
      );
      expect(pinned).toContain("workloads[0].region: RES-1: charge de travail 'registry' : le niveau 'sensitive'");
      expect(pinned).not.toMatch(/may not be hosted|may be hosted/);
    } finally {
      delete process.env.SOVEREIGN_LZ_LANG;
    }
  });
});

describe('found by the property tests', () => {
  test('fails if an organization would leave open a region where internal data may not live (RES-4)', () => {
    const message = refusal(
      smallZone({
        profile: publicSectorProfile,
        regions: ['eu-west-3', 'us-east-1'],
        organization: { id: 'o-abcdefghij', rootId: 'r-abcd' },
        workloads: [{ name: 'site', classification: 'public', region: 'us-east-1' }],
      }),
    );
    expect(message).toContain("regions[1]: RES-4: the organization's residency guardrail would leave 'us-east-1' open");
  });

  test('the baseline StackSet is judged at its own level, not the organization’s', () => {
    const zone = new LandingZone({
      name: 'eu-zone',
      profile: 'eu',
      regions: ['eu-central-1', 'eu-west-2'],
      organization: { id: 'o-abcdefghij', rootId: 'r-abcd' },
      accounts: { management: '111111111111', logArchive: '222222222222' },
      workloads: [
        { name: 'people', classification: 'personal', region: 'eu-central-1' },
        { name: 'site', classification: 'public', region: 'eu-west-2' },
      ],
    });
    expect(() => zone.build()).not.toThrow();
  });

  test('fails if two flows would build network policies of the same name', () => {
    const message = refusal(
      smallZone({
        profile: publicSectorProfile,
        regions: [],
        sites: [casablanca],
        workloads: ['a', 'b-data-to-c', 'a-application-to-b', 'c'].map((name) => ({
          name,
          classification: 'internal' as const,
        })),
        flows: [
          { from: 'a/application', to: 'b-data-to-c/data', port: 1 },
          { from: 'a-application-to-b/data', to: 'c/data', port: 1 },
        ],
      }),
    );
    expect(message).toContain(
      "flows[1]: DECLARATION: flows[0] and this flow would build network policies of the same name 'a-application-to-b-data-to-c-data-1'",
    );
  });
});
