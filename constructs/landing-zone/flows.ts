// Flows (DECLARATION, NET-4, CLS-1, RES-1): each flow joins two declared workloads' tiers on a
// valid port, once, under a network-policy name no other flow takes; the public tier never
// reaches the data tier directly nor carries sensitive data (segmentation, NET-4); and what a
// flow carries must be allowed where both ends are placed (residency, RES-1): a flow must not
// move data to a place the data may not be.
import {
  CLASSIFICATION_LEVELS,
  classificationRank,
  decidePlacementText,
  isClassificationLevel,
  localizedSuggestion,
  mostRestricted,
  TIERS,
  type JurisdictionProfile,
  type Site,
  type Tier,
} from '../core';
import { isPort, type Checker } from './checker';
import type { FlowDeclaration, WorkloadDeclaration } from './declaration';
import { text } from './declaration-error';
import { placementTargetOf } from './placement';
import type { ResolvedFlow, WorkloadPlacement } from './resolved';

const rank = classificationRank;

/** Splits `workload/tier`; the tier defaults to `application`. */
function parseEndpoint(value: string): { workload: string; tier: string } {
  const [workload, tier = 'application', ...rest] = value.split('/');
  return { workload, tier: rest.length ? `${tier}/${rest.join('/')}` : tier };
}

/** The declared flows, in order; the resolved ones (both ends known) for the zone. */
export function checkFlows(
  c: Checker,
  flows: readonly FlowDeclaration[],
  workloads: readonly WorkloadDeclaration[],
  placements: readonly WorkloadPlacement[],
  profile: JurisdictionProfile,
  sites: ReadonlyMap<string, Site>,
): ResolvedFlow[] {
  const resolved: ResolvedFlow[] = [];
  const seen = new Set<string>();
  // On a site, a flow's network policies are named after its ends and port.
  const names = new Map<string, number>();
  flows.forEach((flow, i) => {
    const at = `/flows/${i}`;
    const ends = (['from', 'to'] as const).map((side) => {
      const { workload, tier } = parseEndpoint(String(flow[side]));
      const declared = workloads.find((w) => w.name === workload);
      if (!declared) {
        const near = localizedSuggestion(
          workload,
          workloads.map((w) => w.name),
        );
        c.add(
          `${at}/${side}`,
          'DECLARATION',
          text(
            `'${workload}' is not a workload of the zone${near.en}`,
            `'${workload}' n'est pas une charge de travail de la zone${near.fr}`,
          ),
        );
        return undefined;
      }
      if (!(TIERS as readonly string[]).includes(tier)) {
        const near = localizedSuggestion(tier, TIERS);
        c.add(
          `${at}/${side}`,
          'NET-4',
          text(
            `'${tier}' is not a tier (${TIERS.join(', ')})${near.en}`,
            `'${tier}' n'est pas un niveau réseau (${TIERS.join(', ')})${near.fr}`,
          ),
        );
        return undefined;
      }
      return { workload, tier: tier as Tier, declared };
    });
    if (!isPort(flow.port)) {
      c.add(
        `${at}/port`,
        'DECLARATION',
        text(`port ${flow.port} is not 1–65535`, `le port ${flow.port} n'est pas entre 1 et 65535`),
      );
      return;
    }
    const [from, to] = ends;
    if (!from || !to) return;
    const key = `${from.workload}/${from.tier}>${to.workload}/${to.tier}:${flow.port}`;
    if (seen.has(key)) {
      c.add(at, 'DECLARATION', text(`duplicate flow ${key}`, `flux ${key} en double`));
      return;
    }
    seen.add(key);
    const name = `${from.workload}-${from.tier}-to-${to.workload}-${to.tier}-${flow.port}`;
    const same = names.get(name);
    if (same !== undefined) {
      c.add(
        at,
        'DECLARATION',
        text(
          `flows[${same}] and this flow would build network policies of the same name '${name}'`,
          `flows[${same}] et ce flux produiraient des politiques réseau de même nom '${name}'`,
        ),
        { remedy: text('Rename one of the workloads', "Renommez l'une des charges de travail") },
      );
      return;
    }
    names.set(name, i);
    if (from.workload === to.workload && from.tier === to.tier) {
      c.add(
        at,
        'DECLARATION',
        text(
          'a flow joins two different tiers or workloads',
          'un flux relie deux niveaux ou deux charges de travail différents',
        ),
      );
      return;
    }
    if (flow.carries !== undefined && !isClassificationLevel(flow.carries)) {
      const near = localizedSuggestion(String(flow.carries), CLASSIFICATION_LEVELS);
      c.add(
        `${at}/carries`,
        'CLS-1',
        text(
          `${JSON.stringify(flow.carries)} is not a classification level${near.en}`,
          `${JSON.stringify(flow.carries)} n'est pas un niveau de classification${near.fr}`,
        ),
      );
      return;
    }
    // Segmentation (NET-4): the public tier reaches the application tier, never data directly.
    if (from.tier === 'public' && to.tier === 'data') {
      c.add(
        at,
        'NET-4',
        text(
          `flow from the public tier of '${from.workload}' straight to the data tier of '${to.workload}'`,
          `flux du niveau public de '${from.workload}' directement vers le niveau données de '${to.workload}'`,
        ),
        {
          source: profile.controls['NET-4'].source,
          remedy: text(
            'Go through an application tier: public → application → data',
            'Passez par un niveau application : public → application → données',
          ),
        },
      );
    }
    const carries = flow.carries ?? mostRestricted([from.declared.classification, to.declared.classification])!;
    if (from.tier === 'public' && rank(carries) >= rank('sensitive')) {
      c.add(
        at,
        'NET-4',
        text(
          `flow from the public tier of '${from.workload}' carries '${carries}' data`,
          `le flux du niveau public de '${from.workload}' transporte des données '${carries}'`,
        ),
        {
          source: profile.levels[carries].source,
          remedy: text(
            'Expose sensitive data through an application tier of its own workload, and declare what the flow carries (`carries`)',
            'Exposez les données sensibles via un niveau application de leur propre charge de travail, et déclarez ce que transporte le flux (`carries`)',
          ),
        },
      );
    }
    // Residency (RES-1): whatever the flow carries must be allowed on both sides.
    for (const end of [from, to]) {
      const placement = placements.find((p) => p.workload === end.workload);
      if (!placement) continue;
      const { decision, reason } = decidePlacementText(profile, carries, placementTargetOf(placement.target, sites));
      if (decision.status !== 'allowed') {
        c.add(
          `${at}/carries`,
          'RES-1',
          text(
            `flow ${from.workload} → ${to.workload} carries '${carries}' data to '${end.workload}': ${reason.en}`,
            `le flux ${from.workload} → ${to.workload} transporte des données '${carries}' vers '${end.workload}' : ${reason.fr}`,
          ),
          {
            source: decision.source,
            remedy: text(
              'Keep the flow inside places that may hold that data, or declare a lower `carries` if the interface only returns less sensitive data',
              "Gardez le flux entre des lieux qui peuvent détenir ces données, ou déclarez un `carries` inférieur si l'interface ne renvoie que des données moins sensibles",
            ),
          },
        );
        break;
      }
    }
    resolved.push({
      from: { workload: from.workload, tier: from.tier },
      to: { workload: to.workload, tier: to.tier },
      port: flow.port,
      carries,
    });
  });
  return resolved;
}
