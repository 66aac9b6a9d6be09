import { Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { decidePlacementText, SovereignLzError, TAG_KEYS, TIERS, type Tier, type ValidationProblem } from '../core';
import { allocateSubnets, checkIpv4CidrText, cidrsOverlap, type Ipv4Cidr } from '../core/cidr';
import { EncryptedLogGroup } from './encrypted-log-group';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** A subnet prefix length per tier, e.g. `{ application: 20 }`. */
export interface TierCidrMasks {
  /**
   * Prefix length of each public subnet.
   * @default - the VPC's prefix + 6 (a /22 in a /16), at most /28
   */
  readonly public?: number;
  /**
   * Prefix length of each application subnet.
   * @default - the VPC's prefix + 3 (a /19 in a /16), at most /28
   */
  readonly application?: number;
  /**
   * Prefix length of each data subnet.
   * @default - the VPC's prefix + 4 (a /20 in a /16), at most /28
   */
  readonly data?: number;
  /**
   * Prefix length of each management subnet.
   * @default - the VPC's prefix + 6 (a /22 in a /16), at most /28
   */
  readonly management?: number;
}

/** Props of a {@link SegmentedVpc}. */
export interface SegmentedVpcProps extends SovereignProps {
  /**
   * The VPC's IPv4 CIDR block, from /16 to /24, with no host bits set.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * How many availability zones to spread the tiers over (one subnet per tier and zone).
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * Whether to create the public tier (internet gateway, NAT gateways, subnets for
   * internet-facing load balancers). Without it the VPC has no internet gateway and no NAT,
   * and no tier reaches the internet.
   * @default true
   */
  readonly publicTier?: boolean;
  /**
   * NAT gateways in the public tier through which the application and management tiers
   * reach out. With 0, those tiers are isolated like the data tier. Must be 0 without a
   * public tier.
   * @default - 1 with a public tier, 0 without
   */
  readonly natGateways?: number;
  /**
   * Networks the VPC must not overlap: other VPCs, on-premises ranges, in-country sites
   * reached over VPN or Direct Connect. An overlap is a construction error.
   * @default - none
   */
  readonly reservedCidrs?: readonly string[];
  /**
   * Prefix length of the subnets of each tier; all tiers in every zone must fit in `cidr`.
   * @default - relative to the VPC's prefix: see {@link TierCidrMasks}
   */
  readonly subnetCidrMask?: TierCidrMasks;
  /**
   * A bucket that receives the VPC's flow logs as well, e.g. the landing zone's central log
   * bucket. A bucket whose region is known must be one the level may use (RES-3). Its policy
   * must let `delivery.logs.amazonaws.com` write (aws-cdk-lib adds that to a bucket of the
   * same app under the feature flag `@aws-cdk/aws-s3:createDefaultLoggingPolicy`), and a
   * KMS-encrypted bucket's key must let that service use it.
   * @default - flow logs go to the encrypted log group only
   */
  readonly flowLogsBucket?: s3.IBucket;
}

const GROUP_NAMES: Readonly<Record<Tier, string>> = {
  public: 'Public',
  application: 'Application',
  data: 'Data',
  management: 'Management',
};

const DEFAULT_MASK_OFFSET: Readonly<Record<Tier, number>> = { public: 6, application: 3, data: 4, management: 6 };

const ANY_IPV4 = '0.0.0.0/0';

/**
 * A VPC segmented into the tiers `public`, `application`, `data` and `management`, one
 * subnet per tier and availability zone, each subnet and its route table tagged
 * `sovereign-lz.io/tier`:
 *
 * - `public` (optional): internet-facing load balancers and NAT gateways; the only tier
 *   routed to the internet gateway.
 * - `application`: private; reaches out through NAT when there is a public tier.
 * - `data`: isolated (NET-3): its route tables hold no route to an internet or NAT gateway.
 * - `management`: private; administration tools and the interface endpoints.
 *
 * No subnet maps public IPs on launch (NET-2): load balancers and NAT gateways get their
 * own. Endpoints give private access to AWS services (NET-5): a gateway endpoint for S3 on
 * the application and management route tables, and interface endpoints for KMS,
 * CloudWatch Logs and STS, with private DNS, in the management tier, behind a security
 * group that admits only HTTPS from the VPC's CIDR. Flow logs of ALL traffic go to an
 * {@link EncryptedLogGroup} kept for the profile's retention (LOG-3, LOG-2), and to
 * `flowLogsBucket` if given. The default security group is stripped of its rules.
 *
 * Network ACLs enforce the segmentation per tier (DNSSI cloisonnement, SecNumCloud 13.2).
 * They are stateless, so each allows the return traffic of the flows it permits; rule
 * numbers below are evaluated in order, the first match wins, and everything else is
 * denied. "100+" stands for one rule per subnet of the tier named, numbered from 100.
 *
 * - data, in and out: 100+ deny the public subnets; 200 allow the VPC CIDR. So the data
 *   tier talks only with the application, data and management tiers and never with the
 *   internet (no rule admits 0.0.0.0/0, and no route leads there). It reaches S3 through a
 *   service in another tier, not directly.
 * - public, in: 100+ deny the data subnets; 200 allow the VPC CIDR (load-balancer targets'
 *   replies, traffic bound for NAT); 300/310 allow TCP 443/80 from anywhere; 320 allow TCP
 *   1024–65535 from anywhere (replies to NAT and to load balancers). Out: 100+ deny the data
 *   subnets; 200 allow everything.
 * - application, in: 100+ allow TCP 1024–65535 from the data subnets (replies), 150+ deny
 *   the data subnets otherwise; 200 allow the VPC CIDR (load balancers, management,
 *   endpoints); 300 allow TCP 1024–65535 from anywhere only with NAT (replies through it).
 *   Out: 200 allow everything.
 * - management, in: 100+ deny the public subnets; 200 allow the VPC CIDR; 300 allow TCP
 *   1024–65535 from anywhere only with NAT. Out: 200 allow everything. Hosts in the public
 *   tier therefore cannot reach the interface endpoints (whose private DNS names resolve
 *   VPC-wide): keep the public tier for load balancers and NAT gateways.
 *
 * Availability zones: in a stack with an explicit account and region, aws-cdk-lib looks the
 * zones up, which needs AWS credentials at synth time, unless the context holds them (a
 * `cdk.context.json` entry, or `app.node.setContext(...)`), e.g.
 * `"availability-zones:account=111111111111:region=eu-west-3": ["eu-west-3a", "eu-west-3b", "eu-west-3c"]`.
 * A stack with a region but no account uses `Fn::GetAZs` and needs no lookup (at most two
 * zones then).
 *
 * @example
 * const network = new SegmentedVpc(stack, 'Network', {
 *   cidr: '10.20.0.0/16',
 *   reservedCidrs: ['10.0.0.0/16', '192.168.0.0/16'], // other VPCs, the Casablanca site
 * });
 * const dbSubnets = network.tierSubnets('data');
 */
export class SegmentedVpc extends SovereignConstruct {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** The tiers this VPC has, in order from the edge inwards. */
  public readonly tiers: readonly Tier[];
  /** The encrypted log group that receives the flow logs. */
  public readonly flowLogGroup: EncryptedLogGroup;
  /** The security group of the interface endpoints (HTTPS from the VPC CIDR only). */
  public readonly endpointSecurityGroup: ec2.SecurityGroup;
  /** The CIDR block of the VPC. */
  public readonly cidr: string;

  private readonly acls: Partial<Record<Tier, ec2.NetworkAcl>> = {};

  constructor(scope: Construct, id: string, props: SegmentedVpcProps = {}) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    const withPublic = props.publicTier ?? true;
    const tiers = TIERS.filter((t) => withPublic || t !== 'public');
    const maxAzs = props.maxAzs ?? 2;
    const natGateways = props.natGateways ?? (withPublic ? 1 : 0);
    const cidrText = props.cidr ?? '10.0.0.0/16';
    let vpcCidr: Ipv4Cidr | undefined;
    if (Token.isUnresolved(cidrText)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'cidr must be a concrete CIDR string, not a token',
          fr: 'cidr doit être une chaîne CIDR concrète, et non un jeton',
        },
      });
    } else {
      const check = checkIpv4CidrText(cidrText, { minPrefixLength: 16, maxPrefixLength: 24 });
      if (check.ok) vpcCidr = check.cidr;
      else {
        problems.push({
          rule: 'PROPS',
          message: { en: `cidr ${check.problem.en}`, fr: `cidr : ${check.problem.fr}` },
          remedy: { en: "Use e.g. '10.20.0.0/16'", fr: "Utilisez par exemple '10.20.0.0/16'" },
        });
      }
    }
    (props.reservedCidrs ?? []).forEach((reserved, i) => {
      const check = checkIpv4CidrText(reserved);
      if (!check.ok) {
        problems.push({
          rule: 'PROPS',
          message: { en: `reservedCidrs[${i}] ${check.problem.en}`, fr: `reservedCidrs[${i}] : ${check.problem.fr}` },
        });
      } else if (vpcCidr && cidrsOverlap(vpcCidr, check.cidr)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `cidr '${vpcCidr.cidr}' overlaps reserved CIDR '${reserved}' (reservedCidrs[${i}])`,
            fr: `cidr '${vpcCidr.cidr}' chevauche le CIDR réservé '${reserved}' (reservedCidrs[${i}])`,
          },
          remedy: {
            en: 'Choose a VPC range that no other network of the landing zone uses',
            fr: "Choisissez une plage de VPC qu'aucun autre réseau de la zone d'atterrissage n'utilise",
          },
        });
      }
    });
    if (!Number.isInteger(maxAzs) || maxAzs < 1) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `maxAzs ${maxAzs} must be a positive integer`,
          fr: `maxAzs ${maxAzs} doit être un entier strictement positif`,
        },
      });
    }
    if (!Number.isInteger(natGateways) || natGateways < 0) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `natGateways ${natGateways} must be an integer of at least 0`,
          fr: `natGateways ${natGateways} doit être un entier supérieur ou égal à 0`,
        },
      });
    } else if (!withPublic && natGateways > 0) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `natGateways ${natGateways} needs the public tier, which publicTier: false omits`,
          fr: `natGateways ${natGateways} exige le tiers public, que publicTier: false omet`,
        },
        remedy: {
          en: 'Set natGateways to 0, or keep the public tier',
          fr: 'Fixez natGateways à 0, ou conservez le tiers public',
        },
      });
    }
    const masks = this.subnetMasks(props.subnetCidrMask ?? {}, tiers, vpcCidr, problems);
    if (vpcCidr && masks && Number.isInteger(maxAzs) && maxAzs >= 1) {
      const zones = Math.min(maxAzs, this.stack.availabilityZones.length);
      const requested = tiers.flatMap((t) => Array<number>(zones).fill(masks[t]));
      if (!allocateSubnets(vpcCidr, requested)) {
        const subnets = tiers.map((t) => `${zones} × /${masks[t]} ${t}`).join(', ');
        problems.push({
          rule: 'PROPS',
          message: {
            en: `the subnets (${subnets}) do not fit in '${vpcCidr.cidr}'`,
            fr: `les sous-réseaux (${subnets}) ne tiennent pas dans '${vpcCidr.cidr}'`,
          },
          remedy: {
            en: 'Use a larger cidr, fewer zones or longer subnetCidrMask prefixes',
            fr: 'Utilisez un cidr plus large, moins de zones ou des préfixes subnetCidrMask plus longs',
          },
        });
      }
    }
    problems.push(...this.bucketResidencyProblems(props.flowLogsBucket));
    this.validate(problems);

    this.cidr = vpcCidr!.cidr;
    this.tiers = tiers;
    const hasNat = withPublic && natGateways > 0;
    this.vpc = new ec2.Vpc(this, 'Resource', {
      ipAddresses: ec2.IpAddresses.cidr(this.cidr),
      maxAzs,
      natGateways: withPublic ? natGateways : 0,
      createInternetGateway: withPublic,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: tiers.map((tier) => ({
        name: GROUP_NAMES[tier],
        cidrMask: masks![tier],
        ...(tier === 'public'
          ? { subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false }
          : {
              subnetType:
                tier !== 'data' && hasNat ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
            }),
      })),
    });
    for (const tier of tiers) {
      for (const subnet of this.tierSubnets(tier).subnets) Tags.of(subnet).add(TAG_KEYS.tier, tier);
    }
    this.addNetworkAcls(tiers, hasNat);
    this.endpointSecurityGroup = this.addEndpoints();
    this.flowLogGroup = new EncryptedLogGroup(this, 'FlowLogs', {
      profile: this.profile,
      classification: this.classification,
    });
    const [role, policy] = this.flowLogRole();
    const flowLog = this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup.logGroup, role.withoutPolicyUpdates()),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    flowLog.node.addDependency(policy);
    if (props.flowLogsBucket) {
      this.vpc.addFlowLog('BucketFlowLog', {
        destination: ec2.FlowLogDestination.toS3(props.flowLogsBucket),
        trafficType: ec2.FlowLogTrafficType.ALL,
      });
    }
    const acknowledgments = [
      {
        id: 'AwsSolutions-VPC3',
        reason:
          'Network ACLs are deliberate here: they enforce the segmentation between tiers (DNSSI cloisonnement, SecNumCloud 13.2) below the security groups, so that a permissive security group cannot open the data tier to the public tier or the internet',
      },
    ];
    if (withPublic) {
      acknowledgments.push({
        id: 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
        reason:
          "Only the public tier's route tables route 0.0.0.0/0 to the internet gateway: that tier exists for internet-facing load balancers and NAT gateways, maps no public IPs, and its network ACL admits only 80/443 and replies from the internet; the data tier has no such route (NET-3), and publicTier: false removes the gateway",
      });
    }
    this.finish(acknowledgments);
  }

  /**
   * The subnets of a tier, e.g. for a database's subnet group (`data`) or a load balancer
   * (`public`). Throws if the VPC lacks the tier (`public` with `publicTier: false`).
   */
  public tierSubnets(tier: Tier): ec2.SelectedSubnets {
    if (!this.tiers.includes(tier)) {
      throw new SovereignLzError('TIER_ABSENT', `[${this.node.path}] has no '${tier}' tier`);
    }
    return this.vpc.selectSubnets({ subnetGroupName: GROUP_NAMES[tier] });
  }

  /** The network ACL of a tier, or undefined if the VPC lacks the tier. */
  public networkAcl(tier: Tier): ec2.NetworkAcl | undefined {
    return this.acls[tier];
  }

  private subnetMasks(
    given: TierCidrMasks,
    tiers: readonly Tier[],
    vpcCidr: Ipv4Cidr | undefined,
    problems: ValidationProblem[],
  ): Record<Tier, number> | undefined {
    const before = problems.length;
    for (const key of Object.keys(given)) {
      if (!(TIERS as readonly string[]).includes(key)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `subnetCidrMask has an unknown tier '${key}' (${TIERS.join(', ')})`,
            fr: `subnetCidrMask comporte un tiers inconnu '${key}' (${TIERS.join(', ')})`,
          },
        });
      } else if (!tiers.includes(key as Tier) && given[key as Tier] !== undefined) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `subnetCidrMask.${key} is given but publicTier: false omits the tier`,
            fr: `subnetCidrMask.${key} est donné, mais publicTier: false omet ce tiers`,
          },
        });
      }
    }
    if (!vpcCidr) return undefined;
    const masks = {} as Record<Tier, number>;
    for (const tier of tiers) {
      const mask = given[tier] ?? Math.min(28, vpcCidr.prefixLength + DEFAULT_MASK_OFFSET[tier]);
      if (!Number.isInteger(mask) || mask < vpcCidr.prefixLength || mask > 28) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `subnetCidrMask.${tier} ${mask} must be an integer from ${vpcCidr.prefixLength} (the VPC's prefix) to 28`,
            fr: `subnetCidrMask.${tier} ${mask} doit être un entier de ${vpcCidr.prefixLength} (le préfixe du VPC) à 28`,
          },
        });
      }
      masks[tier] = mask;
    }
    return problems.length === before ? masks : undefined;
  }

  /** RES-3: flow logs are technical data; a bucket in a known region must be one the level allows. */
  private bucketResidencyProblems(bucket: s3.IBucket | undefined): ValidationProblem[] {
    const region = bucket?.env.region;
    if (!region || Token.isUnresolved(region) || region === this.stack.region) return [];
    const { decision, reason } = decidePlacementText(this.profile, this.classification, {
      kind: 'cloud-region',
      region,
    });
    if (decision.status === 'allowed' || (!decision.absolute && this.suppressionFor('RES-3'))) return [];
    return [
      {
        rule: 'RES-3',
        message: {
          en: `flowLogsBucket is in region '${region}': ${reason.en}`,
          fr: `flowLogsBucket est dans la région '${region}' : ${reason.fr}`,
        },
        source: decision.source,
        remedy: {
          en: 'Send flow logs to a bucket in an allowed region',
          fr: 'Envoyez les journaux de flux vers un compartiment situé dans une région autorisée',
        },
      },
    ];
  }

  private addNetworkAcls(tiers: readonly Tier[], hasNat: boolean): void {
    const cidrsOf = (tier: Tier): string[] =>
      tiers.includes(tier) ? this.tierSubnets(tier).subnets.map((s) => s.ipv4CidrBlock) : [];
    const publicCidrs = cidrsOf('public');
    const dataCidrs = cidrsOf('data');
    const all = ec2.AclTraffic.allTraffic();
    const ephemeral = ec2.AclTraffic.tcpPortRange(1024, 65535);
    const { INGRESS: IN, EGRESS: OUT } = ec2.TrafficDirection;
    const { ALLOW, DENY } = ec2.Action;
    for (const tier of tiers) {
      const acl = new ec2.NetworkAcl(this, `${GROUP_NAMES[tier]}Acl`, {
        vpc: this.vpc,
        subnetSelection: { subnetGroupName: GROUP_NAMES[tier] },
      });
      Tags.of(acl).add(TAG_KEYS.tier, tier);
      this.acls[tier] = acl;
      const add = (
        name: string,
        ruleNumber: number,
        cidr: string,
        traffic: ec2.AclTraffic,
        direction: ec2.TrafficDirection,
        ruleAction: ec2.Action,
      ): void => {
        acl.addEntry(name, { ruleNumber, cidr: ec2.AclCidr.ipv4(cidr), traffic, direction, ruleAction });
      };
      const denyEach = (cidrs: string[], label: string, start: number): void =>
        cidrs.forEach((c, i) => {
          add(`Deny${label}${i + 1}In`, start + i, c, all, IN, DENY);
          add(`Deny${label}${i + 1}Out`, start + i, c, all, OUT, DENY);
        });
      switch (tier) {
        case 'data':
          denyEach(publicCidrs, 'Public', 100);
          add('AllowVpcIn', 200, this.cidr, all, IN, ALLOW);
          add('AllowVpcOut', 200, this.cidr, all, OUT, ALLOW);
          break;
        case 'public':
          denyEach(dataCidrs, 'Data', 100);
          add('AllowVpcIn', 200, this.cidr, all, IN, ALLOW);
          add('AllowHttpsIn', 300, ANY_IPV4, ec2.AclTraffic.tcpPort(443), IN, ALLOW);
          add('AllowHttpIn', 310, ANY_IPV4, ec2.AclTraffic.tcpPort(80), IN, ALLOW);
          add('AllowEphemeralIn', 320, ANY_IPV4, ephemeral, IN, ALLOW);
          add('AllowAllOut', 200, ANY_IPV4, all, OUT, ALLOW);
          break;
        case 'application':
          dataCidrs.forEach((c, i) => {
            add(`AllowDataReplies${i + 1}In`, 100 + i, c, ephemeral, IN, ALLOW);
            add(`DenyData${i + 1}In`, 150 + i, c, all, IN, DENY);
          });
          add('AllowVpcIn', 200, this.cidr, all, IN, ALLOW);
          if (hasNat) add('AllowEphemeralIn', 300, ANY_IPV4, ephemeral, IN, ALLOW);
          add('AllowAllOut', 200, ANY_IPV4, all, OUT, ALLOW);
          break;
        case 'management':
          publicCidrs.forEach((c, i) => add(`DenyPublic${i + 1}In`, 100 + i, c, all, IN, DENY));
          add('AllowVpcIn', 200, this.cidr, all, IN, ALLOW);
          if (hasNat) add('AllowEphemeralIn', 300, ANY_IPV4, ephemeral, IN, ALLOW);
          add('AllowAllOut', 200, ANY_IPV4, all, OUT, ALLOW);
          break;
      }
    }
  }

  private addEndpoints(): ec2.SecurityGroup {
    const privateTiers = this.tiers.filter((t) => t === 'application' || t === 'management');
    this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: privateTiers.map((t) => ({ subnetGroupName: GROUP_NAMES[t] })),
    });
    const sg = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface endpoints: HTTPS from the VPC CIDR only',
      allowAllOutbound: false,
    });
    sg.addIngressRule(ec2.Peer.ipv4(this.cidr), ec2.Port.tcp(443), 'HTTPS from the VPC CIDR');
    Tags.of(sg).add(TAG_KEYS.tier, 'management');
    const services: ReadonlyArray<[string, ec2.InterfaceVpcEndpointAwsService]> = [
      ['KmsEndpoint', ec2.InterfaceVpcEndpointAwsService.KMS],
      ['LogsEndpoint', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
      ['StsEndpoint', ec2.InterfaceVpcEndpointAwsService.STS],
    ];
    for (const [endpointId, service] of services) {
      const endpoint = this.vpc.addInterfaceEndpoint(endpointId, {
        service,
        privateDnsEnabled: true,
        open: false,
        securityGroups: [sg],
        subnets: { subnetGroupName: GROUP_NAMES.management },
      });
      Tags.of(endpoint).add(TAG_KEYS.tier, 'management');
    }
    return sg;
  }

  /**
   * The role VPC Flow Logs assumes to write to the log group: trusted only for this
   * account's flow logs, with a customer-managed policy scoped to the group. The flow log
   * gets it `withoutPolicyUpdates()`, or aws-cdk-lib would add the same statement as an
   * inline policy.
   */
  private flowLogRole(): [iam.Role, iam.ManagedPolicy] {
    const stack = this.stack;
    const role = new iam.Role(this, 'FlowLogRole', {
      description: `VPC Flow Logs of ${this.node.path} write to their encrypted log group`,
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:vpc-flow-log/*` },
        },
      }),
    });
    const policy = new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: `Write the flow logs of ${this.node.path}`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.flowLogGroup.logGroup.logGroupArn],
        }),
      ],
    });
    return [role, policy];
  }
}
