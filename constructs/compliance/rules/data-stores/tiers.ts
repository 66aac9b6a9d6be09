import { TAG_KEYS, type LocalizedText } from '../../../core';
import { referenced, templateResourcesOfType } from '../../normalize/facts';
import { isUnresolved } from '../../normalize/intrinsics';
import type { Resource } from '../../normalize/model';
import { cannotProve, combine, fail, unknownValue, type Outcome } from '../../judge/rule';
import { at, bool, items, refTarget } from '../../normalize/values';
import { present } from './table';

/**
 * NET-2 for public IPs: a machine may have one only on a subnet tagged with the public tier
 * (the subnet of its network interface, or for a launch template or configuration, the subnets
 * of the Auto Scaling groups of the template that launch it).
 */

/** The tier of the subnet a value refers to: its tag, `undefined` when it has none or is not in the template. */
function tierOf(subnet: unknown, template: Resource['template']): string | undefined {
  return referenced(subnet, template)?.tags[TAG_KEYS.tier];
}

/**
 * Judges a request for a public IP (`wants`) by the tiers of the subnets it may land on.
 * `what` names the machine in messages (`the instance`, `l'instance`).
 */
export function judgePublicIp(
  wants: unknown,
  property: string,
  subnets: readonly unknown[],
  template: Resource['template'],
  what: LocalizedText,
): Outcome {
  const value = bool(present(wants));
  if (isUnresolved(value)) return cannotProve(unknownValue(property, property, value));
  if (value !== true) return 'pass';
  const tiers = subnets.map((s) => tierOf(s, template));
  const wrong = tiers.find((t) => t !== undefined && t !== 'public');
  if (wrong !== undefined) {
    return fail({
      en: `${what.en} asks for a public IP on a subnet of tier '${wrong}'`,
      fr: `${what.fr} demande une IP publique sur un sous-réseau du tiers '${wrong}'`,
    });
  }
  if (tiers.length && tiers.every((t) => t === 'public')) return 'pass';
  return cannotProve({
    en: `${what.en} asks for a public IP on a subnet of unknown tier`,
    fr: `${what.fr} demande une IP publique sur un sous-réseau de tiers inconnu`,
  });
}

/** The subnets of the Auto Scaling groups of the template that launch `launcher` (a template or configuration). */
export function launchSubnets(launcher: Resource): unknown[] {
  const subnets: unknown[] = [];
  for (const group of templateResourcesOfType(launcher.template, 'AWS::AutoScaling::AutoScalingGroup')) {
    const p = group.properties;
    const refs = [
      p.LaunchConfigurationName,
      at(p, 'LaunchTemplate.LaunchTemplateId'),
      at(p, 'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId'),
    ];
    if (refs.some((r) => refTarget(r) === launcher.id)) subnets.push(...items(p.VPCZoneIdentifier));
  }
  return subnets;
}

/** NET-2 on the network interfaces of an instance or a launch template. */
export function judgeInterfaces(
  interfaces: unknown,
  fallbackSubnets: readonly unknown[],
  template: Resource['template'],
  what: LocalizedText,
): Outcome {
  const value = present(interfaces);
  if (isUnresolved(value)) return cannotProve(unknownValue('its network interfaces', 'ses interfaces réseau', value));
  return combine(
    items(value)
      .map((nic): Outcome => {
        const subnet = present(at(nic, 'SubnetId'));
        return judgePublicIp(
          at(nic, 'AssociatePublicIpAddress'),
          'AssociatePublicIpAddress',
          subnet === undefined ? fallbackSubnets : [subnet],
          template,
          what,
        );
      })
      .concat(['pass']),
  );
}
