import { synthSegmentedVpc as synth, type Doc } from '../helpers/segmented-vpc';
import { judge, passed } from '../helpers/judge';

// NET-3/data-tier-reachability on the network ACLs SegmentedVpc writes, and on mutations of
// them: the paths are computed by reachability/aws-*.ts (see its own tests for the semantics).

const RULE = 'NET-3/data-tier-reachability';

const base = synth();
const copy = (): Doc => JSON.parse(JSON.stringify(base)) as Doc;
const ids = (doc: Doc, type: string, part: string) =>
  Object.keys(doc.Resources).filter((id) => doc.Resources[id].Type === type && id.includes(part));

function without(doc: Doc, ...parts: string[]): Doc {
  for (const part of parts) {
    const found = ids(doc, 'AWS::EC2::NetworkAclEntry', part);
    expect(found.length).toBeGreaterThan(0);
    for (const id of found) delete doc.Resources[id];
  }
  return doc;
}

describe(RULE, () => {
  test('the segmented VPC passes: every ACL is judged, none reported as not assessed', () => {
    const r = judge(base as unknown as Record<string, unknown>);
    expect(r.findings.filter((f) => f.rule === RULE)).toEqual([]);
    for (const id of ids(base, 'AWS::EC2::NetworkAcl', 'Acl')) expect(passed(r, RULE, id)).toBe(true);
    expect(r.findings.filter((f) => f.status === 'not-assessed' && /NetworkAcl/.test(f.message))).toEqual([]);
  });

  test('removing the entries that separate the public and data tiers opens the data tier, naming the opening entry', () => {
    const r = judge(without(copy(), 'PublicAclDenyData', 'DataAclDenyPublic') as unknown as Record<string, unknown>);
    const tcp = r.findings.filter((f) => f.rule === RULE && / over tcp, /.test(f.message));
    expect(tcp).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'error',
        resource: expect.stringMatching(/^NetDataAclAllowVpcIn/),
        message: expect.stringMatching(
          /^the data tier can be reached from the 'public' tier over tcp, ports .*through .*NetDataAclAllowVpcIn/,
        ),
      }),
    ]);
    // Removing one side only keeps the other: still separated.
    const half = judge(without(copy(), 'DataAclDenyPublic') as unknown as Record<string, unknown>);
    expect(half.findings.filter((f) => f.rule === RULE)).toEqual([]);
  });

  test('a route from the data tier to the internet gateway, with ACLs that allow all, opens it to the internet', () => {
    const doc = copy();
    const table = ids(doc, 'AWS::EC2::RouteTable', 'Data')[0];
    const igw = ids(doc, 'AWS::EC2::InternetGateway', '')[0];
    doc.Resources.DataToInternet = {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: { Ref: table }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: igw } },
    };
    // The data ACL's associations removed: its subnets fall back to the default ACL (allow all).
    for (const id of ids(doc, 'AWS::EC2::SubnetNetworkAclAssociation', 'DataAcl')) delete doc.Resources[id];
    const r = judge(doc as unknown as Record<string, unknown>);
    const messages = r.findings.filter((f) => f.rule === RULE).map((f) => f.message);
    expect(messages.some((m) => m.startsWith('the data tier can be reached from the internet over tcp'))).toBe(true);
  });

  test('without any network ACL (the default ACL allows all), the route decides: to the internet fails, none passes', () => {
    const tier = [{ Key: 'sovereign-lz.io/tier', Value: 'data' }];
    const vpc = (route: boolean) => ({
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        Gateway: { Type: 'AWS::EC2::InternetGateway' },
        Data: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', Tags: tier } },
        Routes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
        Association: {
          Type: 'AWS::EC2::SubnetRouteTableAssociation',
          Properties: { SubnetId: { Ref: 'Data' }, RouteTableId: { Ref: 'Routes' } },
        },
        ...(route
          ? {
              Out: {
                Type: 'AWS::EC2::Route',
                Properties: {
                  RouteTableId: { Ref: 'Routes' },
                  DestinationCidrBlock: '0.0.0.0/0',
                  GatewayId: { Ref: 'Gateway' },
                },
              },
            }
          : {}),
      },
    });
    const open = judge(vpc(true));
    expect(open.findings.filter((f) => f.rule === RULE && f.status === 'fail').map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^the data tier can be reached from the internet over tcp, ports 0-65535/),
      ]),
    );
    const closed = judge(vpc(false));
    expect(closed.findings.filter((f) => f.rule === RULE)).toEqual([]);
    expect(passed(closed, RULE, 'Data')).toBe(true);
  });

  test('an entry whose block is a parameter without default cannot be proven', () => {
    const doc = copy() as Doc & { Parameters?: Record<string, unknown> };
    doc.Parameters = { ...(doc.Parameters ?? {}), Open: { Type: 'String' } };
    const [deny] = ids(doc, 'AWS::EC2::NetworkAclEntry', 'DataAclDenyPublic1In');
    doc.Resources[deny].Properties.CidrBlock = { Ref: 'Open' };
    const other = ids(doc, 'AWS::EC2::NetworkAclEntry', 'PublicAclDenyData');
    for (const id of other) delete doc.Resources[id];
    const r = judge(doc as unknown as Record<string, unknown>);
    const findings = r.findings.filter((f) => f.rule === RULE);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.status === 'cannot-prove' || f.status === 'fail')).toBe(true);
    expect(findings.some((f) => f.status === 'cannot-prove')).toBe(true);
  });
});
