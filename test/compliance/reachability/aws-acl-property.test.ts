import fc from 'fast-check';
import { readTemplate } from '../../../constructs/compliance/read/cloudformation';
import { awsModel, evaluateAcl } from '../../../constructs/compliance/reachability/aws-model';

/** An ACL entry as written in a template. */
interface RawEntry {
  RuleNumber: number;
  Egress: boolean;
  RuleAction: 'allow' | 'deny';
  Protocol: number | string;
  PortRange?: { From: number; To: number };
  Icmp?: { Type: number; Code: number };
  CidrBlock: string;
}

interface Packet {
  egress: boolean;
  protocol: number;
  port: number;
  address: number;
}

// The oracle: its own reading of the entries, sharing no code with the model.
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html: ascending rule number, first match, else deny.
function addressOf(text: string): number {
  return text.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}
function oracle(entries: readonly RawEntry[], p: Packet): { action: string; entry: string } {
  const sorted = entries.map((e, i) => ({ e, id: `E${i}` })).sort((x, y) => x.e.RuleNumber - y.e.RuleNumber);
  for (const { e, id } of sorted) {
    if (e.Egress !== p.egress) continue;
    const protocol = Number(e.Protocol);
    if (protocol !== -1 && protocol !== p.protocol) continue;
    if (protocol === 6 || protocol === 17) {
      if (p.port < e.PortRange!.From || p.port > e.PortRange!.To) continue;
    }
    if (protocol === 1 && e.Icmp!.Type !== -1 && e.Icmp!.Type !== p.port) continue;
    const [net, bits] = e.CidrBlock.split('/');
    const size = 2 ** (32 - Number(bits));
    const first = Math.floor(addressOf(net) / size) * size;
    if (p.address < first || p.address >= first + size) continue;
    return { action: e.RuleAction, entry: id };
  }
  return { action: 'deny', entry: 'Acl#*' };
}

const BASE = 10 * 2 ** 24; // 10.0.0.0
const octets = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

const entryArb: fc.Arbitrary<RawEntry> = fc
  .record({
    rule: fc.integer({ min: 1, max: 200 }),
    egress: fc.boolean(),
    allow: fc.boolean(),
    protocol: fc.constantFrom(-1, 6, 17, 1),
    asString: fc.boolean(),
    from: fc.integer({ min: 0, max: 2000 }),
    span: fc.integer({ min: 0, max: 1500 }),
    type: fc.constantFrom(-1, 0, 3, 8),
    offset: fc.integer({ min: 0, max: 2 ** 16 - 1 }),
    prefix: fc.integer({ min: 16, max: 28 }),
  })
  .map((r) => ({
    RuleNumber: r.rule,
    Egress: r.egress,
    RuleAction: r.allow ? 'allow' : 'deny',
    Protocol: r.asString ? String(r.protocol) : r.protocol,
    ...(r.protocol === 6 || r.protocol === 17
      ? { PortRange: { From: r.from, To: Math.min(65535, r.from + r.span) } }
      : {}),
    ...(r.protocol === 1 ? { Icmp: { Type: r.type, Code: -1 } } : {}),
    // Host bits are written as given: EC2 (and the model) drop them.
    CidrBlock: `${octets(BASE + r.offset)}/${r.prefix}`,
  }));

const packetArb: fc.Arbitrary<Packet> = fc
  .record({
    egress: fc.boolean(),
    protocol: fc.constantFrom(6, 17, 1, 47),
    port: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(0, 3, 8)),
    address: fc.integer({ min: BASE, max: BASE + 2 ** 16 - 1 }),
  })
  // An ICMP packet carries a type from 0 to 255.
  .map((p) => (p.protocol === 1 ? { ...p, port: p.port % 256 } : p));

function modelAcl(entries: readonly RawEntry[]) {
  const resources: Record<string, unknown> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
  };
  entries.forEach((e, i) => {
    resources[`E${i}`] = { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, ...e } };
  });
  const template = readTemplate(
    { Resources: resources },
    {
      file: 'S.template.json',
      format: 'cloudformation-json',
      stack: { name: 'S', region: 'eu-west-3', regionOrigin: 'environment', environmentAgnostic: false, tags: {} },
    },
  );
  return awsModel(template).acls.get('Acl')!;
}

describe('network ACL evaluation against a brute-force oracle', () => {
  it('agrees on random entry sets and packets', () => {
    const seed = 20261206;
    fc.assert(
      fc.property(
        // Rule numbers are unique per direction, as EC2 requires.
        fc.uniqueArray(entryArb, { maxLength: 12, selector: (e) => `${e.Egress}:${e.RuleNumber}` }),
        fc.array(packetArb, { minLength: 1, maxLength: 10 }),
        (entries, packets) => {
          const acl = modelAcl(entries);
          for (const p of packets) {
            const got = evaluateAcl(acl, {
              egress: p.egress,
              protocol: p.protocol,
              port: p.port,
              family: 'ipv4',
              remote: BigInt(p.address),
            });
            const want = oracle(entries, p);
            expect({ action: got.action, entry: got.entry }).toEqual(want);
          }
        },
      ),
      { seed, numRuns: 200, verbose: true },
    );
  });
});
