import { awsModel, evaluateAcl } from '../../../constructs/compliance/reachability/aws-model';
import { canReach } from '../../../constructs/compliance/reachability/aws-reachability';
import { readTemplate } from '../../../constructs/compliance/read/cloudformation';

function read(doc: Record<string, unknown>) {
  return readTemplate(doc, {
    file: 'S.template.json',
    format: 'cloudformation-json',
    stack: { name: 'S', region: 'eu-west-3', regionOrigin: 'environment', environmentAgnostic: false, tags: {} },
  });
}

const tier = (t: string) => [{ Key: 'sovereign-lz.io/tier', Value: t }];

/** A VPC with a web subnet (10.0.0.0/24) and a db subnet (10.0.1.0/24); `acls` gives each its ACL entries. */
function vpc(web: Record<string, unknown>[] | undefined, db: Record<string, unknown>[] | undefined, extra = {}) {
  const resources: Record<string, unknown> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Web: {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', Tags: tier('public') },
    },
    Db: {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', Tags: tier('data') },
    },
    ...extra,
  };
  for (const [name, entries] of [
    ['Web', web],
    ['Db', db],
  ] as const) {
    if (!entries) continue;
    resources[`${name}Acl`] = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } };
    resources[`${name}Assoc`] = {
      Type: 'AWS::EC2::SubnetNetworkAclAssociation',
      Properties: { SubnetId: { Ref: name }, NetworkAclId: { Ref: `${name}Acl` } },
    };
    entries.forEach((e, i) => {
      resources[`${name}E${i}`] = {
        Type: 'AWS::EC2::NetworkAclEntry',
        Properties: { NetworkAclId: { Ref: `${name}Acl` }, Egress: false, ...e },
      };
    });
  }
  return awsModel(read({ Resources: resources }));
}

const allowAll = (egress: boolean, n = 100) => ({
  RuleNumber: n,
  Egress: egress,
  Protocol: -1,
  RuleAction: 'allow',
  CidrBlock: '0.0.0.0/0',
});

describe('network ACLs, as the AWS VPC User Guide describes them', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html
  // "The default network ACL is configured to allow all traffic to flow in and out of the subnets".
  it('a subnet with no association uses the default ACL, which allows everything', () => {
    const model = vpc(undefined, undefined);
    const answer = canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 });
    expect(answer.allowed).toBe(true);
    expect(answer.by).toContain('Vpc.DefaultNetworkAcl#100-in');
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: "the last rule is an asterisk (*) and denies
  // a packet if it doesn't match any of the other numbered rules"; a custom ACL "denies all inbound and outbound
  // traffic until you add rules" (https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html).
  it('a custom ACL with no entries denies by its implicit final rule', () => {
    const model = vpc([allowAll(false), allowAll(true)], []);
    const answer = canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 });
    expect(answer).toEqual({ allowed: false, by: [], blockedBy: { layer: 'nacl-in', entry: 'DbAcl#*' } });
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: "Rules are evaluated starting with the lowest
  // numbered rule. As soon as a rule matches traffic, it's applied regardless of any higher-numbered rule that
  // might contradict it."
  it('the lowest-numbered matching entry wins, whatever the order in the template', () => {
    const model = vpc(
      [allowAll(false), allowAll(true)],
      [
        {
          RuleNumber: 200,
          Protocol: 6,
          PortRange: { From: 5432, To: 5432 },
          RuleAction: 'allow',
          CidrBlock: '10.0.0.0/24',
        },
        {
          RuleNumber: 100,
          Protocol: '6',
          PortRange: { From: 5432, To: 5432 },
          RuleAction: 'deny',
          CidrBlock: '10.0.0.0/16',
        },
        allowAll(true),
      ],
    );
    const db = model.acls.get('DbAcl')!;
    const d = evaluateAcl(db, { egress: false, protocol: 6, port: 5432, family: 'ipv4', remote: 0x0a000005n });
    expect(d).toEqual({ action: 'deny', entry: 'DbE1', uncertain: [] });
    const answer = canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 });
    expect(answer.blockedBy).toEqual({ layer: 'nacl-in', entry: 'DbE1' });
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html and custom-network-acl.html:
  // network ACLs are stateless; "responses to allowed inbound traffic are subject to the rules for outbound traffic",
  // and the client's ephemeral ports (1024-65535) must be opened for the replies.
  it('the reply needs the ephemeral ports outbound at the destination and inbound at the source', () => {
    const web = [allowAll(true)];
    const dbIn = {
      RuleNumber: 100,
      Protocol: 6,
      PortRange: { From: 5432, To: 5432 },
      RuleAction: 'allow',
      CidrBlock: '10.0.0.0/24',
    };
    const noReply = vpc([...web, allowAll(false)], [dbIn]);
    expect(
      canReach(noReply, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 }).blockedBy,
    ).toEqual({ layer: 'nacl-return-out', entry: 'DbAcl#*' });
    const dbOut = {
      RuleNumber: 100,
      Egress: true,
      Protocol: 6,
      PortRange: { From: 1024, To: 65535 },
      RuleAction: 'allow',
      CidrBlock: '10.0.0.0/24',
    };
    const noReplyIn = vpc(web, [dbIn, dbOut]);
    expect(
      canReach(noReplyIn, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 }).blockedBy,
    ).toEqual({ layer: 'nacl-return-in', entry: 'WebAcl#*' });
    const webIn = {
      RuleNumber: 100,
      Protocol: 6,
      PortRange: { From: 1024, To: 65535 },
      RuleAction: 'allow',
      CidrBlock: '10.0.1.0/24',
    };
    const ok = vpc([...web, webIn], [dbIn, dbOut]);
    const answer = canReach(ok, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 });
    expect(answer).toEqual({ allowed: true, by: ['WebE0', 'DbE0', 'DbE1', 'WebE1'] });
    // A client that uses a source port below the ephemeral range gets no reply.
    expect(
      canReach(ok, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432, sourcePort: 1000 })
        .allowed,
    ).toBe(false);
    // The outbound request is judged by the source's ACL.
    const noOut = vpc([webIn], [dbIn, dbOut]);
    expect(
      canReach(noOut, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 }).blockedBy,
    ).toEqual({
      layer: 'nacl-out',
      entry: 'WebAcl#*',
    });
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html: network ACLs filter traffic as it enters
  // and leaves a subnet; traffic between two instances of one subnet does not cross it.
  it('traffic inside one subnet crosses no ACL', () => {
    const model = vpc([], []);
    expect(canReach(model, { from: { subnet: 'Db' }, to: { subnet: 'Db' }, protocol: 'tcp', port: 22 }).allowed).toBe(
      true,
    );
    expect(canReach(model, { from: { subnet: 'Web' }, to: { subnet: 'Db' }, protocol: 'tcp', port: 22 }).allowed).toBe(
      false,
    );
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html:
  // Protocol -1 means all protocols; for ICMP, Icmp gives the type (-1: all).
  it('protocol -1 matches every protocol; an ICMP entry matches its type', () => {
    const model = vpc(
      [allowAll(true), allowAll(false)],
      [
        allowAll(true),
        { RuleNumber: 100, Protocol: 1, Icmp: { Type: 8, Code: -1 }, RuleAction: 'allow', CidrBlock: '10.0.0.0/16' },
      ],
    );
    expect(canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'icmp', port: 8 }).allowed).toBe(
      true,
    );
    expect(canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'icmp', port: 3 }).allowed).toBe(
      false,
    );
    expect(canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'udp', port: 53 }).allowed).toBe(
      false,
    );
  });

  it('an entry the template does not determine makes the answer unknown, not allowed or denied', () => {
    const model = awsModel(
      read({
        Parameters: { Block: { Type: 'String' } },
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
          Db: {
            Type: 'AWS::EC2::Subnet',
            Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', Tags: tier('data') },
          },
          Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
          Assoc: {
            Type: 'AWS::EC2::SubnetNetworkAclAssociation',
            Properties: { SubnetId: { Ref: 'Db' }, NetworkAclId: { Ref: 'Acl' } },
          },
          Deny: {
            Type: 'AWS::EC2::NetworkAclEntry',
            Properties: {
              NetworkAclId: { Ref: 'Acl' },
              RuleNumber: 90,
              Protocol: -1,
              RuleAction: 'deny',
              CidrBlock: { Ref: 'Block' },
            },
          },
          In: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, ...allowAll(false) } },
          Out: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, ...allowAll(true) } },
          Igw: { Type: 'AWS::EC2::InternetGateway' },
          Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
          RtA: {
            Type: 'AWS::EC2::SubnetRouteTableAssociation',
            Properties: { SubnetId: { Ref: 'Db' }, RouteTableId: { Ref: 'Rt' } },
          },
          R: {
            Type: 'AWS::EC2::Route',
            Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } },
          },
        },
      }),
    );
    const answer = canReach(model, { from: 'internet', to: { tier: 'data' }, protocol: 'tcp', port: 443 });
    expect(answer.allowed).toBe('unknown');
    expect(answer.unknown).toContain('Deny');
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html: a subnet whose route table has no route to
  // an internet gateway is not reachable from the internet.
  it('from the internet, the destination must route to an internet gateway', () => {
    const model = vpc(undefined, undefined);
    expect(canReach(model, { from: 'internet', to: { tier: 'data' }, protocol: 'tcp', port: 443 }).blockedBy).toEqual({
      layer: 'route',
      entry: undefined,
    });
  });
});

describe('security groups', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html:
  // with no SecurityGroupEgress, the default rule that allows all outbound traffic is kept.
  it('are stateful, admit by ingress rule and keep the default egress', () => {
    const sg = (t: string, ingress: unknown[], egress?: unknown[]) => ({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: t,
        VpcId: { Ref: 'Vpc' },
        SecurityGroupIngress: ingress,
        ...(egress ? { SecurityGroupEgress: egress } : {}),
        Tags: tier(t),
      },
    });
    const model = vpc(undefined, undefined, {
      WebSg: sg('public', []),
      DbSg: sg('data', [
        {
          IpProtocol: 'tcp',
          FromPort: 5432,
          ToPort: 5432,
          SourceSecurityGroupId: { 'Fn::GetAtt': ['WebSg', 'GroupId'] },
        },
      ]),
    });
    const pg = canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 });
    expect(pg.allowed).toBe(true);
    expect(pg.by).toEqual(expect.arrayContaining(['DbSg.SecurityGroupIngress[0]', 'WebSg#default-egress-ipv4']));
    expect(
      canReach(model, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 22 }).blockedBy,
    ).toEqual({
      layer: 'security-group',
      entry: undefined,
    });
    // Without security groups, the default ACL lets it through.
    expect(
      canReach(model, {
        from: { tier: 'public' },
        to: { tier: 'data' },
        protocol: 'tcp',
        port: 22,
        securityGroups: false,
      }).allowed,
    ).toBe(true);
    const withList = vpc(undefined, undefined, {
      DbSg: sg('data', [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourcePrefixListId: 'pl-123' }]),
    });
    expect(
      canReach(withList, { from: { tier: 'public' }, to: { tier: 'data' }, protocol: 'tcp', port: 5432 }).allowed,
    ).toBe('unknown');
  });
});
