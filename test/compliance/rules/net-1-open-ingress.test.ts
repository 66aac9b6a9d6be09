import { CLOSED, OPEN, type Rule } from '../fixtures/net-1/ingress';
import { judge, on, passed, template, type CfnResource } from '../helpers/judge';

const RULE = 'NET-1/open-ingress';
const tier = (value: string) => [{ Key: 'sovereign-lz.io/tier', Value: value }];
const EVIDENCE: Record<string, CfnResource> = {
  Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
  Office: {
    Type: 'AWS::EC2::PrefixList',
    Properties: {
      PrefixListName: 'office',
      AddressFamily: 'IPv4',
      MaxEntries: 2,
      Entries: [{ Cidr: '10.1.0.0/16' }, { Cidr: '192.168.0.0/24' }],
    },
  },
};
const group = (rules: readonly Rule[], t = 'application'): CfnResource => ({
  Type: 'AWS::EC2::SecurityGroup',
  Properties: { GroupDescription: 'g', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: rules, Tags: tier(t) },
});
const standalone = (group: string, rule: Rule): CfnResource => ({
  Type: 'AWS::EC2::SecurityGroupIngress',
  Properties: { GroupId: { 'Fn::GetAtt': [group, 'GroupId'] }, ...rule },
});
const judgeGroups = (resources: Record<string, CfnResource>, extra: Record<string, unknown> = {}) =>
  judge(template({ ...EVIDENCE, ...resources }, extra));

describe('NET-1/open-ingress: the union of the sources of a port, compared with the internet', () => {
  test.each(OPEN)('fails on %s, even on the public tier', (_, rules, words) => {
    const [finding, ...more] = on(judgeGroups({ G: group(rules, 'public') }), RULE, 'G');
    expect(more).toEqual([]);
    expect(finding).toEqual(
      expect.objectContaining({
        control: 'NET-1',
        status: 'fail',
        severity: 'error',
        message: expect.stringContaining(words),
      }),
    );
  });

  test.each(CLOSED)('passes on %s', (_, rules) => {
    expect(passed(judgeGroups({ G: group(rules) }), RULE, 'G')).toBe(true);
  });

  test('web ports open to the internet pass on the public tier only, however the internet is written', () => {
    const https = [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/1' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '128.0.0.0/1' },
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIpv6: '2000::/3' },
    ];
    expect(passed(judgeGroups({ G: group(https, 'public') }), RULE, 'G')).toBe(true);
    expect(
      on(judgeGroups({ G: group(https, 'data') }), RULE, 'G')
        .map((f) => f.message)
        .sort(),
    ).toEqual([
      "ingress from 0.0.0.0/1, 128.0.0.0/1 (all of the IPv4 internet) on port 443 on a group of tier 'data' (only the public tier may take web traffic from anywhere)",
      "ingress from 2000::/3 (all of the IPv6 internet) on port 80 on a group of tier 'data' (only the public tier may take web traffic from anywhere)",
    ]);
  });

  test('other ports, ICMP and other protocols open to the internet fail on any tier', () => {
    const rules = [
      { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8081, CidrIp: '0.0.0.0/0' },
      { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, CidrIp: '0.0.0.0/0' },
      { IpProtocol: '50', CidrIp: '0.0.0.0/0' },
    ];
    expect(
      on(judgeGroups({ G: group(rules, 'public') }), RULE, 'G')
        .map((f) => f.message)
        .sort(),
    ).toEqual([
      'ingress from 0.0.0.0/0 on ICMP type 8',
      'ingress from 0.0.0.0/0 on ports 8080-8081',
      'ingress from 0.0.0.0/0 on protocol 50',
    ]);
  });

  test("a group's inline rules and the AWS::EC2::SecurityGroupIngress resources that refer to it are one union", () => {
    const r = judgeGroups({
      G: group([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '11.0.0.0/8' }]),
      In: standalone('G', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '12.0.0.0/8' }),
    });
    expect(on(r, RULE, 'G').map((f) => f.message)).toEqual([
      'ingress from 11.0.0.0/8, 12.0.0.0/8 (0.9% of the public IPv4 addresses, more than a /8) on port 22 includes administration port(s) 22',
    ]);
    expect(passed(r, RULE, 'In')).toBe(true);
  });

  test('a port open through one AWS::EC2::SecurityGroupIngress alone is reported on it, not twice', () => {
    const r = judgeGroups({
      G: group([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/1' }]),
      In: standalone('G', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '128.0.0.0/1' }),
      All: standalone('G', { IpProtocol: '-1', CidrIp: '0.0.0.0/0' }),
    });
    expect(on(r, RULE, 'G').map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^ingress from 0\.0\.0\.0\/1 \(56\.5% of the public IPv4 addresses, more than a \/8\) on port 22/,
      ),
    ]);
    expect(on(r, RULE, 'In')[0].message).toMatch(/^ingress from 128\.0\.0\.0\/1 \(43\.4% of the public IPv4 addresses/);
    expect(on(r, RULE, 'All')[0].message).toContain('every port of every protocol');
  });

  test('cannot prove sources the template does not determine, unless the port could take the internet anyway', () => {
    const rules = (source: Rule, port = 22) => [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...source }];
    const r = judgeGroups(
      {
        Param: group(rules({ CidrIp: { Ref: 'Source' } })),
        PrefixList: group(rules({ SourcePrefixListId: 'pl-0123456789abcdef0' })),
        PublicWeb: group(rules({ SourcePrefixListId: 'pl-0123456789abcdef0' }, 443), 'public'),
        Unreadable: group(rules({ CidrIp: '0/0' })),
        Octal: group(rules({ CidrIp: '010.0.0.0/7' })),
        Ports: group([{ IpProtocol: 'tcp', FromPort: { Ref: 'Port' }, ToPort: { Ref: 'Port' }, CidrIp: '0.0.0.0/0' }]),
        Untagged: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'g', SecurityGroupIngress: rules({ CidrIp: '0.0.0.0/0' }, 443) },
        },
      },
      { Parameters: { Source: { Type: 'String' }, Port: { Type: 'Number' } } },
    );
    const messages = (id: string) => on(r, RULE, id).map((f) => `${f.status}: ${f.message}`);
    expect(messages('Param')).toEqual([
      "cannot-prove: ingress from ${Source} on port 22 (administration port(s) 22) may be open to the internet: CidrIp is parameter 'Source'",
    ]);
    expect(messages('PrefixList')).toEqual([
      expect.stringContaining(
        'may be open to the internet: the entries of prefix list pl-0123456789abcdef0 are not in the template',
      ),
    ]);
    expect(passed(r, RULE, 'PublicWeb')).toBe(true);
    expect(messages('Unreadable')).toEqual([expect.stringContaining("'0/0' is not an IPv4 CIDR block")]);
    expect(messages('Octal')).toEqual([
      expect.stringContaining("'010.0.0.0/7' reads as 10.0.0.0/7 in decimal and 8.0.0.0/7 in octal"),
    ]);
    expect(messages('Ports')).toEqual([
      expect.stringMatching(
        /^cannot-prove: ingress from 0\.0\.0\.0\/0 on every port .*may be open to the internet: its protocol or ports are not literal values/,
      ),
    ]);
    expect(messages('Untagged')).toEqual([
      'cannot-prove: ingress from 0.0.0.0/0 on port 443, but the group has no sovereign-lz.io/tier tag to show it is public',
    ]);
  });
});
