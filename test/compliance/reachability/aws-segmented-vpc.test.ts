import { synthSegmentedVpc as synth, type Doc } from '../helpers/segmented-vpc';
import { readTemplate } from '../../../constructs/compliance/read/cloudformation';
import { awsModel, routeTargets } from '../../../constructs/compliance/reachability/aws-model';
import { canReach, protocolReach, reachability } from '../../../constructs/compliance/reachability/aws-reachability';

function model(doc: Doc) {
  return awsModel(
    readTemplate(doc, {
      file: 'S.template.json',
      format: 'cloudformation-json',
      stack: { name: 'S', region: 'eu-west-3', regionOrigin: 'environment', environmentAgnostic: false, tags: {} },
    }),
  );
}

/** The logical id of the ACL entry of `tier`'s ACL whose id contains `name`. */
function entry(doc: Doc, tier: string, name: string): string {
  const ids = Object.keys(doc.Resources).filter(
    (id) => doc.Resources[id].Type === 'AWS::EC2::NetworkAclEntry' && id.includes(`${tier}Acl${name}`),
  );
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('the SegmentedVpc network ACLs', () => {
  const doc = synth();
  const m = model(doc);

  it('reads 8 subnets in 4 tiers, each with its tier ACL', () => {
    expect(m.subnets.size).toBe(8);
    expect([...m.subnets.values()].every((s) => typeof s.acl === 'string' && s.acl.includes(`Acl`))).toBe(true);
  });

  it('routes: only the public tier to the internet gateway, the private tiers through NAT, data nowhere', () => {
    const targets = (tier: string) =>
      [...m.subnets.values()]
        .filter((s) => s.tier === tier)
        .map((s) => [...(routeTargets(m, s.id) as Set<string>)].sort());
    expect(targets('public')).toEqual([['internet-gateway'], ['internet-gateway']]);
    expect(targets('application')).toEqual([
      ['nat-gateway', 'vpc-endpoint'],
      ['nat-gateway', 'vpc-endpoint'],
    ]);
    expect(targets('data')).toEqual([[], []]);
  });

  it('summarizes every source and tier', () => {
    const summary = reachability(m);
    expect(summary.tiers).toEqual(['public', 'application', 'data', 'management']);
    expect(summary.pairs).toHaveLength(5 * 4);
    const internetToData = summary.pairs.find((p) => p.from === 'internet' && p.to === 'data')!;
    expect(internetToData.nacl.every((r) => r.allowed.isEmpty && r.unknown.isEmpty)).toBe(true);
    // The interface endpoints' group (management) admits HTTPS from the VPC only.
    const appToManagement = summary.pairs.find(
      (p) => p.from !== 'internet' && 'tier' in p.from && p.from.tier === 'application' && p.to === 'management',
    )!;
    expect(appToManagement.nacl[0].allowed.toString()).toBe('0-65535');
    expect(appToManagement.withSecurityGroups[0].allowed.toString()).toBe('443');
  });

  it('the data tier is reachable neither from the internet nor from the public tier, on any port', () => {
    for (const from of ['internet', { tier: 'public' }] as const) {
      for (const protocol of [6, 17, 1]) {
        const reach = protocolReach(m, from, 'data', protocol, true);
        expect(reach.allowed.isEmpty).toBe(true);
        expect(reach.unknown.isEmpty).toBe(true);
      }
    }
    const pg = canReach(m, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 });
    expect(pg.allowed).toBe(false);
    expect(pg.blockedBy?.layer).toBe('nacl-out');
    expect(pg.blockedBy?.entry).toMatch(/PublicAclDenyData/);
  });

  it('the application tier reaches the data tier on every tcp port, and not on udp (replies denied)', () => {
    const tcp = protocolReach(m, { tier: 'application' }, 'data', 6, true);
    expect(tcp.allowed.toString()).toBe('0-65535');
    const answer = canReach(m, { from: { tier: 'application' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 });
    expect(answer.allowed).toBe(true);
    expect(answer.by).toEqual(
      expect.arrayContaining([entry(doc, 'Data', 'AllowVpcIn'), entry(doc, 'Application', 'AllowDataReplies1In')]),
    );
    const udp = canReach(m, { from: { tier: 'application' }, to: { tier: 'data' }, protocol: 'udp', port: 53 });
    expect(udp.allowed).toBe(false);
    expect(udp.blockedBy).toEqual({ layer: 'nacl-return-in', entry: entry(doc, 'Application', 'DenyData1In') });
  });

  it('the internet reaches the public tier on tcp 80, 443 and (the stateless reply rule) 1024-65535', () => {
    const tcp = protocolReach(m, 'internet', 'public', 6, true);
    expect(tcp.allowed.toString()).toBe('80, 443, 1024-65535');
  });

  it('removing the entries that separate the public and data tiers opens data to public, naming the entry', () => {
    const mutated = JSON.parse(JSON.stringify(doc)) as Doc;
    // The data ACL's deny of the first public subnet, inbound, is removed: the public ACL still denies.
    delete mutated.Resources[entry(doc, 'Data', 'DenyPublic1In')];
    delete mutated.Resources[entry(doc, 'Data', 'DenyPublic1Out')];
    const half = canReach(model(mutated), {
      from: { tier: 'public' },
      to: { tier: 'data' },
      protocol: 'tcp',
      port: 5432,
    });
    expect(half.allowed).toBe(false);
    expect(half.blockedBy?.entry).toMatch(/PublicAclDenyData/);
    // Then the public ACL's denies of the first data subnet.
    delete mutated.Resources[entry(doc, 'Public', 'DenyData1In')];
    delete mutated.Resources[entry(doc, 'Public', 'DenyData1Out')];
    const open = canReach(model(mutated), {
      from: { tier: 'public' },
      to: { tier: 'data' },
      protocol: 'tcp',
      port: 5432,
    });
    expect(open.allowed).toBe(true);
    expect(open.by).toContain(entry(doc, 'Data', 'AllowVpcIn'));
  });
});
