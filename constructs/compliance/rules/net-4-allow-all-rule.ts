import { isJsonObject } from '../read/kubernetes-source';
import { K8S, mapField } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule } from '../judge/rule';

/** NET-4: no NetworkPolicy rule allows everything (an empty `ingress {}` / `egress {}` rule). */
export const net4AllowAllRule: ResourceRule = {
  id: 'NET-4/allow-all-rule',
  control: 'NET-4',
  scope: 'resource',
  title: {
    en: 'No network policy rule allows all traffic',
    fr: "Aucune règle de politique réseau n'autorise tout le trafic",
  },
  description:
    'A NetworkPolicy has no empty ingress or egress rule: a rule without peers and ports (e.g. an empty `ingress {}` block in Terraform) allows all traffic in that direction and voids the default deny.',
  remediation: {
    en: 'Name the peers (namespaceSelector/podSelector/ipBlock) and ports each rule allows (TierFlow does it)',
    fr: 'Nommer les pairs (namespaceSelector/podSelector/ipBlock) et les ports que chaque règle autorise (TierFlow le fait)',
  },
  appliesTo: [K8S.networkPolicy],
  check(policy: Resource): Outcome {
    const spec = mapField(policy.properties, 'spec');
    const open = (['ingress', 'egress'] as const).filter(
      (direction) =>
        Array.isArray(spec[direction]) &&
        (spec[direction] as unknown[]).some(
          (rule) =>
            isJsonObject(rule) &&
            Object.values(rule).every((v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0)),
        ),
    );
    if (!open.length) return 'pass';
    const fr = { ingress: 'entrant', egress: 'sortant' } as const;
    return fail({
      en: `an empty ${open.join(' and an empty ')} rule allows all ${open.join(' and ')} traffic`,
      fr: `${open.length > 1 ? 'des règles ingress et egress vides autorisent' : `une règle ${open[0]} vide autorise`} tout le trafic ${open.map((d) => fr[d]).join(' et ')}`,
    });
  },
};
