import type { KubernetesObject } from '../../../constructs/compliance/normalize/kubernetes-objects';
import type { CheckResult, Finding } from '../../../constructs/compliance/normalize/model';
import { TAG_KEYS, type ZoneSummary, type ZoneWorkload } from '../../../constructs/core';
import { judgeStacks, zone as testZone } from '../fixtures/dep/judge';
import { PROFILE } from '../helpers/kubernetes';
import { synthSegmentedVpc, type Doc } from '../helpers/segmented-vpc';

// NET-6 (every reachable path is declared) and NET-7 (every declared flow is open), both ways
// in both worlds: the paths come from reachability/network-paths.ts over the AWS and
// Kubernetes models (see test/compliance/reachability for their semantics).

const open = (r: CheckResult, rule: string): Finding[] => r.findings.filter((f) => f.rule === rule && !f.suppressed);
const passes = (r: CheckResult, rule: string): string[] =>
  r.passes.filter((p) => p.rule === rule).map((p) => p.resource);

function workload(name: string, place: string, namespaces: string[] = []): ZoneWorkload {
  return {
    name,
    classification: 'internal',
    place,
    account: place.startsWith('aws:') ? '666666666666' : null,
    unit: name,
    namespaces,
    pinned: false,
    reason: { en: 'test', fr: 'test' },
    source: 'test',
  };
}

function zoneWith(workloads: ZoneWorkload[], flows: Array<[string, string, number]>): ZoneSummary {
  return {
    ...testZone(),
    workloads,
    flows: flows.map(([from, to, port]) => ({ from, to, port, carries: 'internal', built: true })),
  };
}

// ---------------------------------------------------------------- AWS

const tag = (tier: string) => [{ Key: TAG_KEYS.tier, Value: tier }];

/** A SegmentedVpc with an application and a database security group; `change` edits it. */
function network(change: (doc: Doc, vpc: string) => void = () => undefined): Doc {
  const doc = synthSegmentedVpc();
  const vpc = Object.keys(doc.Resources).find((id) => doc.Resources[id].Type === 'AWS::EC2::VPC')!;
  doc.Resources.AppSg = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'app', VpcId: { Ref: vpc }, Tags: tag('application') },
  };
  doc.Resources.DbSg = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'db',
      VpcId: { Ref: vpc },
      Tags: tag('data'),
      SecurityGroupIngress: [
        {
          IpProtocol: 'tcp',
          FromPort: 5432,
          ToPort: 5432,
          SourceSecurityGroupId: { 'Fn::GetAtt': ['AppSg', 'GroupId'] },
        },
      ],
    },
  };
  change(doc, vpc);
  return doc;
}

const RECORDS = zoneWith([workload('records', 'aws:eu-west-3')], [['records/application', 'records/data', 5432]]);

function judgeNetwork(doc: Doc, zone: ZoneSummary | null = RECORDS): CheckResult {
  return judgeStacks([{ doc: doc as unknown as Record<string, unknown>, name: 'Network' }], zone ? { zone } : {});
}

const ingress = (doc: Doc, id: string) => doc.Resources[id].Properties.SecurityGroupIngress as unknown[];

describe('NET-6/tier-paths and NET-7/vpc-flows', () => {
  test('a database group that admits the application group on the declared port: every path declared, the flow open', () => {
    const r = judgeNetwork(network());
    expect(open(r, 'NET-6/tier-paths')).toEqual([]);
    expect(open(r, 'NET-7/vpc-flows')).toEqual([]);
    expect(passes(r, 'NET-6/tier-paths')).toEqual(expect.arrayContaining(['DbSg', 'AppSg']));
    // The flow passes the application ACL out, the data ACL in, both ways back, and DbSg.
    expect(passes(r, 'NET-7/vpc-flows')).toEqual(['DbSg']);
    const matrix = r.paths!.find((m) => m.world === 'aws')!;
    expect(matrix.place).toBe('aws:eu-west-3');
    expect(matrix.rows.filter((row) => row.to === 'data' && row.verdict !== 'network-only')).toEqual([
      expect.objectContaining({
        from: 'application',
        protocol: 'tcp',
        ports: '5432',
        verdict: 'flow',
        reason: 'flow records/application -> records/data:5432',
      }),
    ]);
    expect(matrix.flows).toEqual([
      expect.objectContaining({ flow: 'records/application -> records/data:5432', verdict: 'open' }),
    ]);
  });

  test('an undeclared port in the same group is an error naming the group that opens it', () => {
    const r = judgeNetwork(
      network((doc) =>
        ingress(doc, 'DbSg').push({
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          SourceSecurityGroupId: { 'Fn::GetAtt': ['AppSg', 'GroupId'] },
        }),
      ),
    );
    expect(open(r, 'NET-6/tier-paths').map((f) => [f.status, f.severity, f.resource, f.message])).toEqual([
      [
        'fail',
        'error',
        'DbSg',
        expect.stringMatching(
          /^undeclared path application -> data tcp 22, opened by .*DbSg\.SecurityGroupIngress\[1\]/,
        ),
      ],
    ]);
    expect(r.paths![0].rows[0]).toMatchObject({ from: 'application', to: 'data', ports: '22', verdict: 'undeclared' });
  });

  test('the VPC CIDR as source opens the data tier to the management tier too: undeclared', () => {
    const r = judgeNetwork(
      network((doc) => {
        doc.Resources.DbSg.Properties.SecurityGroupIngress = [
          { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '10.20.0.0/16' },
        ];
      }),
    );
    const found = open(r, 'NET-6/tier-paths');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^undeclared path management -> data tcp 5432, opened by .*DbSg\.SecurityGroupIngress\[0\]/,
      ),
    ]);
    // The public tier stays out: the ACLs deny it both ways.
    expect(r.paths![0].rows.some((row) => row.from === 'public' && row.to === 'data')).toBe(false);
  });

  test('a declared flow the security group does not admit is blocked, naming the layer', () => {
    const r = judgeNetwork(
      network((doc) => {
        (ingress(doc, 'DbSg')[0] as Record<string, unknown>).FromPort = 5433;
        (ingress(doc, 'DbSg')[0] as Record<string, unknown>).ToPort = 5433;
      }),
    );
    expect(open(r, 'NET-7/vpc-flows').map((f) => [f.status, f.resource, f.message])).toEqual([
      [
        'fail',
        expect.any(String),
        'declared flow records/application -> records/data:5432 (tcp) is blocked by security-group',
      ],
    ]);
  });

  test("a declared flow the data tier's network ACL denies is blocked, naming the entry", () => {
    const r = judgeNetwork(
      network((doc) => {
        const entry = Object.keys(doc.Resources).find((id) => /DataAclAllowVpcIn/.test(id))!;
        doc.Resources[entry].Properties.RuleAction = 'deny';
      }),
    );
    const [finding] = open(r, 'NET-7/vpc-flows');
    expect(finding.resource).toMatch(/DataAclAllowVpcIn/);
    expect(finding.message).toMatch(
      /^declared flow records\/application -> records\/data:5432 \(tcp\) is blocked by nacl-in \(.*DataAclAllowVpcIn/,
    );
  });

  test('into the public tier, HTTPS and HTTP are built-ins (from the internet and the tiers), any other port is undeclared', () => {
    const r = judgeNetwork(
      network((doc, vpc) => {
        doc.Resources.LbSg = {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'lb',
            VpcId: { Ref: vpc },
            Tags: tag('public'),
            SecurityGroupIngress: [443, 80, 8080].map((p) => ({
              IpProtocol: 'tcp',
              FromPort: p,
              ToPort: p,
              CidrIp: '0.0.0.0/0',
            })),
          },
        };
      }),
    );
    const rows = r.paths![0].rows.filter((row) => row.from === 'internet' && row.to === 'public');
    expect(rows.map((row) => [row.ports, row.verdict])).toEqual([
      ['8080', 'undeclared'],
      ['80', 'built-in'],
      ['443', 'built-in'],
    ]);
    // 0.0.0.0/0 holds the VPC's addresses too: the application tier reaches 8080 as well.
    expect(open(r, 'NET-6/tier-paths').map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^undeclared path application -> public tcp 8080, opened by .*LbSg\.SecurityGroupIngress\[2\]/,
      ),
      expect.stringMatching(
        /^undeclared path internet -> public tcp 8080, opened by .*LbSg\.SecurityGroupIngress\[2\]/,
      ),
    ]);
  });

  test('the VPC endpoints admit HTTPS as a built-in; another port on them is undeclared', () => {
    const base = judgeNetwork(network());
    expect(
      base.paths![0].rows.filter((row) => row.to === 'management (VPC endpoints)').map((row) => row.verdict),
    ).toEqual(['built-in', 'built-in']);
    const r = judgeNetwork(
      network((doc) => {
        const sg = Object.keys(doc.Resources).find((id) => /EndpointSecurityGroup/.test(id))!;
        ingress(doc, sg).push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.20.0.0/16' });
      }),
    );
    expect(open(r, 'NET-6/tier-paths').map((f) => f.message)).toEqual([
      expect.stringMatching(/^undeclared path application -> management \(VPC endpoints\) tcp 22/),
      expect.stringMatching(/^undeclared path data -> management \(VPC endpoints\) tcp 22/),
    ]);
  });

  test('a prefix-list source is unknown at synth time: the path cannot be proven declared', () => {
    const r = judgeNetwork(
      network((doc) =>
        ingress(doc, 'DbSg').push({
          IpProtocol: 'tcp',
          FromPort: 6379,
          ToPort: 6379,
          SourcePrefixListId: 'pl-0123456789abcdef0',
        }),
      ),
    );
    const found = open(r, 'NET-6/tier-paths');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f).toMatchObject({ status: 'cannot-prove', severity: 'warning', resource: 'DbSg' });
      expect(f.message).toMatch(
        / -> data tcp 6379 may open: the template does not fix DbSg\.SecurityGroupIngress\[1\] \(SourcePrefixListId: the entries of a prefix list are not read\)$/,
      );
    }
  });

  test('a security group in no tier is reported as unplaced (cannot prove)', () => {
    const r = judgeNetwork(
      network((doc, vpc) => {
        doc.Resources.Loose = {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'x', VpcId: { Ref: vpc } },
        };
      }),
    );
    expect(open(r, 'NET-6/tier-paths').map((f) => [f.status, f.resource, f.message])).toEqual([
      ['cannot-prove', 'Loose', expect.stringMatching(/^security group Loose is in no tier/)],
    ]);
  });

  test('without a landing-zone summary, an open path between tiers cannot be proven declared', () => {
    const r = judgeNetwork(network(), null);
    expect(open(r, 'NET-6/tier-paths').map((f) => [f.status, f.severity, f.message])).toEqual([
      [
        'cannot-prove',
        'warning',
        expect.stringMatching(/^path application -> data tcp 5432 is open .*no landing-zone\.json/),
      ],
    ]);
  });

  test('a flow between regions crosses gateways the zone does not build: declared (info), never blocked', () => {
    const zone = zoneWith(
      [workload('records', 'aws:eu-west-3'), workload('analytics', 'aws:eu-south-2')],
      [['analytics/application', 'records/data', 5432]],
    );
    const r = judgeNetwork(network(), zone);
    expect(open(r, 'NET-7/vpc-flows').map((f) => [f.status, f.severity, f.resource, f.message])).toEqual([
      [
        'cannot-prove',
        'info',
        'flow/analytics/application -> records/data:5432',
        expect.stringMatching(
          /^declared flow analytics\/application -> records\/data:5432 leaves its place \(aws:eu-south-2 -> aws:eu-west-3\)/,
        ),
      ],
    ]);
    expect(r.paths![0].flows).toEqual([expect.objectContaining({ verdict: 'declared' })]);
  });
});

// ---------------------------------------------------------------- Kubernetes

const SITE = 'ma-casablanca-1';

function namespace(name: string, tier: string, classification: string): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { [TAG_KEYS.tier]: tier, [TAG_KEYS.classification]: classification } },
  };
}

function policy(namespace: string, name: string, spec: Record<string, unknown>): KubernetesObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

const byName = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });

/** The shop's namespaces as the in-country zone builds them: default deny, DNS, and the flow on both sides. */
function shop(ports: number[] = [5432]): KubernetesObject[] {
  const tcp = () => ports.map((port) => ({ port, protocol: 'TCP' }));
  return [
    namespace('shop-application', 'application', 'internal'),
    namespace('shop-data', 'data', 'sensitive'),
    ...['shop-application', 'shop-data'].flatMap((ns) => [
      policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(ns, 'allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [byName('kube-system')],
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
        ],
      }),
    ]),
    policy('shop-application', 'app-to-data-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [byName('shop-data')], ports: tcp() }],
    }),
    policy('shop-data', 'app-to-data-ingress', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [byName('shop-application')], ports: tcp() }],
    }),
  ];
}

const SHOP = zoneWith(
  [workload('shop', `site:${SITE}`, ['shop-application', 'shop-data'])],
  [['shop/application', 'shop/data', 5432]],
);

function judgeCluster(objects: KubernetesObject[], zone: ZoneSummary | null = SHOP): CheckResult {
  return judgeStacks([], { objects, profile: PROFILE, ...(zone ? { zone } : {}) });
}

const INGRESS = expect.stringMatching(/shop-data.*app-to-data-ingress/);

describe('NET-6/namespace-paths and NET-7/site-flows', () => {
  test('the declared flow and DNS only: every path accounted for, the flow open', () => {
    const r = judgeCluster(shop());
    expect(open(r, 'NET-6/namespace-paths')).toEqual([]);
    expect(open(r, 'NET-7/site-flows')).toEqual([]);
    expect(passes(r, 'NET-6/namespace-paths')).toHaveLength(6);
    expect(passes(r, 'NET-7/site-flows')).toEqual([INGRESS]);
    const matrix = r.paths!.find((m) => m.world === 'kubernetes')!;
    expect(matrix).toMatchObject({ name: SITE, place: `site:${SITE}` });
    expect(matrix.rows.map((row) => `${row.from} ${row.to} ${row.protocol} ${row.ports} ${row.verdict}`)).toEqual([
      'shop-application shop-data TCP 5432 flow',
      'shop-application kube-system TCP 53 built-in',
      'shop-application kube-system UDP 53 built-in',
      'shop-data kube-system TCP 53 built-in',
      'shop-data kube-system UDP 53 built-in',
    ]);
  });

  test('an undeclared port opened on both policies is an error naming the ingress policy', () => {
    const r = judgeCluster(shop([5432, 22]));
    expect(open(r, 'NET-6/namespace-paths').map((f) => [f.status, f.severity, f.resource, f.message])).toEqual([
      [
        'fail',
        'error',
        INGRESS,
        expect.stringMatching(/^undeclared path shop-application -> shop-data TCP 22, opened by .*app-to-data-ingress/),
      ],
    ]);
  });

  test('a port opened on one side only is no path', () => {
    const objects = shop();
    const ingressPolicy = objects.find((o) => o.metadata?.name === 'app-to-data-ingress')!;
    (ingressPolicy.spec as { ingress: Array<{ ports: unknown[] }> }).ingress[0].ports.push({
      port: 22,
      protocol: 'TCP',
    });
    expect(open(judgeCluster(objects), 'NET-6/namespace-paths')).toEqual([]);
  });

  test("a declared flow without its ingress policy is blocked by the destination's ingress, naming the isolating policy", () => {
    const objects = shop().filter((o) => o.metadata?.name !== 'app-to-data-ingress');
    const r = judgeCluster(objects);
    expect(open(r, 'NET-7/site-flows').map((f) => [f.status, f.resource, f.message])).toEqual([
      [
        'fail',
        expect.stringMatching(/shop-data.*default-deny/),
        'declared flow shop/application -> shop/data:5432 (TCP) is blocked by the ingress of shop-data (shop-data/default-deny isolates it and no rule allows TCP 5432)',
      ],
    ]);
  });

  test('a declared flow whose namespace the site lacks is blocked', () => {
    const objects = shop().filter((o) => o.metadata?.namespace !== 'shop-data' && o.metadata?.name !== 'shop-data');
    const r = judgeCluster(objects);
    expect(open(r, 'NET-7/site-flows').map((f) => f.message)).toEqual([
      "declared flow shop/application -> shop/data:5432 cannot open: the site's objects have no namespace shop-data",
    ]);
  });

  test('a sensitive namespace reaching any address is an error; its log forwarder reaching its allowlisted sink is a built-in', () => {
    const leaky = [
      ...shop(),
      policy('shop-data', 'to-anywhere', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] }],
      }),
    ];
    expect(open(judgeCluster(leaky), 'NET-6/namespace-paths').map((f) => [f.resource, f.message])).toEqual([
      [
        expect.stringMatching(/to-anywhere/),
        expect.stringMatching(
          /^sensitive namespace shop-data may reach 0\.0\.0\.0\/0 outside the cluster \(shop-data\/to-anywhere\)/,
        ),
      ],
    ]);
    const forwarder: KubernetesObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: {
          name: 'log-forwarder',
          namespace: 'shop-data',
          annotations: { 'sovereign-lz.io/log-sink': 'forward+tls://logs.gov.ma:24224' },
        },
        spec: {
          selector: { matchLabels: { app: 'fwd' } },
          template: {
            metadata: { labels: { app: 'fwd' } },
            spec: { containers: [{ name: 'fluent-bit', image: 'registry.gov.ma/fluent-bit@sha256:0' }] },
          },
        },
      },
      policy('shop-data', 'allow-log-sink', {
        podSelector: { matchLabels: { app: 'fwd' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.30.0.0/24' } }], ports: [{ port: 24224, protocol: 'TCP' }] }],
      }),
    ];
    const r = judgeCluster([...shop(), ...forwarder]);
    expect(open(r, 'NET-6/namespace-paths')).toEqual([]);
    expect(r.paths![0].rows).toContainEqual(
      expect.objectContaining({ from: 'shop-data', to: '10.30.0.0/24', verdict: 'built-in', ports: '24224' }),
    );
    // Whether the sink is allowlisted is RES-3's to judge; another port than the sink's is undeclared.
    const wider = forwarder.map((o) =>
      o.kind === 'NetworkPolicy'
        ? policy('shop-data', 'allow-log-sink', {
            podSelector: { matchLabels: { app: 'fwd' } },
            policyTypes: ['Egress'],
            egress: [{ to: [{ ipBlock: { cidr: '10.30.0.0/24' } }], ports: [{ port: 24224 }, { port: 443 }] }],
          })
        : o,
    );
    expect(open(judgeCluster([...shop(), ...wider]), 'NET-6/namespace-paths').map((f) => f.resource)).toEqual([
      expect.stringMatching(/allow-log-sink/),
    ]);
  });

  test('namespaces without policies: one finding per namespace reached, and one matrix row from every namespace', () => {
    const bare = ['a', 'b', 'c', 'd'].map((n) => namespace(`team-${n}`, 'application', 'internal'));
    const r = judgeCluster(bare);
    const found = open(r, 'NET-6/namespace-paths');
    expect(found.map((f) => f.resource)).toEqual([
      'Namespace/team-a',
      'Namespace/team-b',
      'Namespace/team-c',
      'Namespace/team-d',
    ]);
    expect(found[0].message).toMatch(
      /^undeclared 9 paths into team-a \(team-b -> team-a TCP all; .*\), opened by the absence of a default-deny policy/,
    );
    const rows = r.paths![0].rows.filter((row) => row.to === 'team-a');
    expect(rows.map((row) => `${row.from} ${row.protocol} ${row.ports} ${row.verdict}`)).toEqual([
      '* SCTP all undeclared',
      '* TCP all undeclared',
      '* UDP all undeclared',
    ]);
  });

  test('without a landing-zone summary, an open path between namespaces cannot be proven declared', () => {
    const r = judgeCluster(shop(), null);
    expect(open(r, 'NET-6/namespace-paths').map((f) => [f.status, f.severity, f.message])).toEqual([
      [
        'cannot-prove',
        'warning',
        expect.stringMatching(/^path shop-application -> shop-data TCP 5432 is open .*no landing-zone\.json/),
      ],
    ]);
  });

  test('a flow that leaves the site is declared (info), not blocked', () => {
    const zone = zoneWith(
      [workload('shop', `site:${SITE}`, ['shop-application', 'shop-data']), workload('web', 'aws:eu-west-3')],
      [
        ['shop/application', 'shop/data', 5432],
        ['web/application', 'shop/application', 8443],
      ],
    );
    const r = judgeCluster(shop(), zone);
    expect(open(r, 'NET-7/site-flows').map((f) => [f.severity, f.message])).toEqual([
      ['info', expect.stringMatching(/^declared flow web\/application -> shop\/application:8443 leaves its place/)],
    ]);
    expect(r.paths![0].flows.map((f) => [f.flow, f.verdict])).toEqual([
      ['shop/application -> shop/data:5432', 'open'],
      ['web/application -> shop/application:8443', 'declared'],
    ]);
  });
});
