import { TAG_KEYS } from '../../core';
import { referenced } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
import { int, list, str } from '../values';

/** Ports of administration and data services that are never open to the internet. */
export const ADMIN_PORTS: readonly number[] = [
  21, 22, 23, 135, 139, 445, 873, 1433, 1521, 2049, 2379, 2380, 3306, 3389, 5432, 5601, 5900, 5985, 5986, 6379, 6443,
  9092, 9200, 10250, 11211, 27017,
];

const ANYWHERE = new Set(['0.0.0.0/0', '::/0', '::0/0', '0:0:0:0:0:0:0:0/0']);
const WEB_PORTS = new Set([80, 443]);

/** Judges one ingress rule of a group whose tier is `tier` (undefined when unknown). */
function judgeIngress(rule: unknown, tier: string | undefined): Outcome {
  const r = (rule ?? {}) as Record<string, unknown>;
  const cidr = r.CidrIp !== undefined ? str(r.CidrIp) : str(r.CidrIpv6);
  if (isUnresolved(cidr)) return cannotProve(unknownValue('an ingress source', "une source d'entrée", cidr));
  if (cidr === undefined || !ANYWHERE.has(cidr)) return 'pass';
  const protocol = String(str(r.IpProtocol) ?? '').toLowerCase();
  const from = int(r.FromPort);
  const to = int(r.ToPort);
  if (isUnresolved(from) || isUnresolved(to)) {
    return cannotProve({
      en: `the ports of an ingress from ${cidr} are not literal values`,
      fr: `les ports d'une entrée depuis ${cidr} ne sont pas des valeurs littérales`,
    });
  }
  const allPorts = protocol === '-1' || protocol === 'all' || from === -1 || from === undefined;
  const [low, high] = allPorts ? [0, 65535] : [from!, to ?? from!];
  const ports = low === high ? `port ${low}` : `ports ${low}-${high}`;
  const protocolNote = ['tcp', 'udp', '6', '17'].includes(protocol) || allPorts ? '' : ` (${protocol})`;
  const where = {
    en: `ingress from ${cidr} on ${allPorts ? 'every port' : ports}${protocolNote}`,
    fr: `entrée depuis ${cidr} sur ${allPorts ? 'tous les ports' : low === high ? `le port ${low}` : `les ports ${low}-${high}`}${protocolNote}`,
  };
  const admin = ADMIN_PORTS.filter((p) => p >= low && p <= high);
  if (admin.length) {
    const list = `${admin.slice(0, 6).join(', ')}${admin.length > 6 ? '…' : ''}`;
    return fail({
      en: `${where.en} includes administration port(s) ${list}`,
      fr: `${where.fr} : inclut le ou les ports d'administration ${list}`,
    });
  }
  const web = !allPorts && WEB_PORTS.has(low) && low === high;
  if (web && tier === 'public') return 'pass';
  if (web && tier === undefined) {
    return cannotProve({
      en: `${where.en}, but the group has no ${TAG_KEYS.tier} tag to show it is public`,
      fr: `${where.fr}, mais le groupe n'a pas de balise ${TAG_KEYS.tier} montrant qu'il est public`,
    });
  }
  return fail(
    web
      ? {
          en: `${where.en} on a group of tier '${tier}' (only the public tier may take web traffic from anywhere)`,
          fr: `${where.fr} sur un groupe du tiers '${tier}' (seul le tiers public peut recevoir du trafic web de partout)`,
        }
      : where,
  );
}

/** NET-1: no security group is open to the internet, except web ports on the public tier. */
export const net1OpenIngress: ResourceRule = {
  id: 'NET-1/open-ingress',
  control: 'NET-1',
  scope: 'resource',
  title: {
    en: 'No ingress is open to the internet',
    fr: "Aucune entrée n'est ouverte à Internet",
  },
  description: `No security-group ingress (inline or AWS::EC2::SecurityGroupIngress) from 0.0.0.0/0 or ::/0, except ports 80 and 443 on a group tagged ${TAG_KEYS.tier}: public; never on administration ports (${ADMIN_PORTS.join(', ')}).`,
  remediation: {
    en: 'Restrict the source to known ranges or security groups; reach administration ports through SSM or a bastion inside the VPC',
    fr: "Restreindre la source à des plages ou à des groupes de sécurité connus ; atteindre les ports d'administration par SSM ou par un bastion dans le VPC",
  },
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  check(resource: Resource): Outcome {
    if (resource.type === 'AWS::EC2::SecurityGroupIngress') {
      const group = referenced(resource.properties.GroupId, resource.template);
      return judgeIngress(resource.properties, group?.tags[TAG_KEYS.tier]);
    }
    const rules = list(resource.properties.SecurityGroupIngress);
    if (isUnresolved(rules)) return cannotProve(unknownValue('its ingress rules', "ses règles d'entrée", rules));
    return combine((rules ?? []).map((rule) => judgeIngress(rule, resource.tags[TAG_KEYS.tier])).concat(['pass']));
  },
};
