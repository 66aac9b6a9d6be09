import { judge, on, passed, template } from '../helpers/judge';

const tier = (value: string) => [{ Key: 'sovereign-lz.io/tier', Value: value }];

describe('NET-1', () => {
  const RULE = 'NET-1/open-ingress';
  const group = (ingress: Record<string, unknown>[], tags = tier('application')) =>
    template({
      G: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'g', SecurityGroupIngress: ingress, Tags: tags },
      },
    });
  test('ingress from a private range passes', () => {
    expect(
      passed(judge(group([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' }])), RULE, 'G'),
    ).toBe(true);
  });
  test('fails if SSH is open to the internet, even on the public tier', () => {
    const [f] = on(
      judge(group([{ IpProtocol: 'tcp', FromPort: '22', ToPort: '22', CidrIp: '0.0.0.0/0' }], tier('public'))),
      RULE,
      'G',
    );
    expect(f).toEqual(
      expect.objectContaining({
        control: 'NET-1',
        status: 'fail',
        message: expect.stringContaining('administration port(s) 22'),
      }),
    );
  });
  test('HTTPS from anywhere passes on the public tier only', () => {
    const https = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' }];
    expect(passed(judge(group(https, tier('public'))), RULE, 'G')).toBe(true);
    expect(on(judge(group(https, tier('data'))), RULE, 'G')[0].message).toContain("tier 'data'");
  });
  test('fails if every port is open, in a standalone ingress resource', () => {
    const doc = template({
      G: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', Tags: tier('public') } },
      In: {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: { Ref: 'G' }, IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
      },
    });
    expect(on(judge(doc), RULE, 'In')[0].message).toContain('every port');
  });
});

describe('NET-2', () => {
  test('fails if a data subnet maps public IPs at launch', () => {
    const subnet = (map: unknown, t: string) =>
      template({
        S: {
          Type: 'AWS::EC2::Subnet',
          Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: map, Tags: tier(t) },
        },
      });
    expect(on(judge(subnet('true', 'data')), 'NET-2/subnet-public-ip', 'S')[0].control).toBe('NET-2');
    expect(passed(judge(subnet(true, 'public')), 'NET-2/subnet-public-ip', 'S')).toBe(true);
    expect(passed(judge(subnet(false, 'data')), 'NET-2/subnet-public-ip', 'S')).toBe(true);
  });
  test('fails if an EKS endpoint is public (the default)', () => {
    const cluster = (config: Record<string, unknown>) =>
      template({
        C: {
          Type: 'AWS::EKS::Cluster',
          Properties: { RoleArn: 'r', ResourcesVpcConfig: { SubnetIds: [], ...config } },
        },
      });
    expect(on(judge(cluster({})), 'NET-2/eks-public-endpoint', 'C')[0].message).toContain('true by default');
    expect(
      passed(
        judge(cluster({ EndpointPublicAccess: false, EndpointPrivateAccess: true })),
        'NET-2/eks-public-endpoint',
        'C',
      ),
    ).toBe(true);
  });
  test('fails if a database is publicly accessible', () => {
    const db = (open: boolean) =>
      template({ D: { Type: 'AWS::RDS::DBInstance', Properties: { PubliclyAccessible: open } } });
    expect(on(judge(db(true)), 'NET-2/instance-public-ip', 'D')[0].status).toBe('fail');
    expect(passed(judge(db(false)), 'NET-2/instance-public-ip', 'D')).toBe(true);
  });
});

describe('NET-3', () => {
  const RULE = 'NET-3/data-tier-internet-route';
  const routed = (t: string, target: Record<string, unknown>) =>
    template({
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: 'vpc-1' } },
      Sn: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', Tags: tier(t) } },
      Assoc: {
        Type: 'AWS::EC2::SubnetRouteTableAssociation',
        Properties: { RouteTableId: { Ref: 'Rt' }, SubnetId: { Ref: 'Sn' } },
      },
      R: {
        Type: 'AWS::EC2::Route',
        Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', ...target },
      },
    });
  test('fails if a data-tier route table routes to an internet gateway', () => {
    expect(on(judge(routed('data', { GatewayId: { Ref: 'Igw' } })), RULE, 'R')).toEqual([
      expect.objectContaining({
        control: 'NET-3',
        status: 'fail',
        message: expect.stringContaining('internet gateway'),
      }),
    ]);
    expect(on(judge(routed('data', { NatGatewayId: 'nat-123' })), RULE, 'R')[0].message).toContain('NAT gateway');
  });
  test('the public tier may route to the internet gateway', () => {
    expect(passed(judge(routed('public', { GatewayId: { Ref: 'Igw' } })), RULE, 'R')).toBe(true);
  });
});

describe('NET-5', () => {
  const RULE = 'NET-5/vpc-endpoints';
  const endpoint = (service: string) => ({
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      VpcId: { Ref: 'Vpc' },
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
    },
  });
  const vpc = { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } };
  test('an internal VPC with endpoints for s3, kms, logs and sts passes', () => {
    const doc = template({
      ...vpc,
      S3: endpoint('s3'),
      Kms: endpoint('kms'),
      Logs: endpoint('logs'),
      Sts: endpoint('sts'),
    });
    expect(passed(judge(doc), RULE, 'Vpc')).toBe(true);
  });
  test('fails (a warning under morocco) if endpoints are missing', () => {
    expect(on(judge(template({ ...vpc, S3: endpoint('s3') })), RULE, 'Vpc')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('kms, logs, sts') }),
    ]);
  });
  test('a public VPC needs none', () => {
    expect(on(judge(template(vpc), { stackLevel: 'public' }), RULE, 'Vpc')).toEqual([]);
  });
});
