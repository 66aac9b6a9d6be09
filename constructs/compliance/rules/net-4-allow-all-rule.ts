import { isJsonObject } from '../read/kubernetes-source';
import { K8S, mapField } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import type { LocalizedText } from '../../core';
import { fail, type Outcome, type Problem, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

const empty = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/** An empty label selector (`{}` or null): it selects everything. */
const selectsAll = (v: unknown): boolean =>
  v === null ||
  (isJsonObject(v) &&
    (v.matchLabels === undefined ||
      v.matchLabels === null ||
      (isJsonObject(v.matchLabels) && !Object.keys(v.matchLabels).length)) &&
    empty(v.matchExpressions));

const EVERY_ADDRESS = new Set(['0.0.0.0/0', '::/0']);

/** Why a peer admits everything, in words and as evidence (`peer`: the peer as written, or `none`). */
type Why = LocalizedText & { readonly peer: string };

/**
 * Why a peer admits every source or destination, if it does: an `ipBlock` of every address
 * with no `except`, or a `namespaceSelector` selecting every namespace with no narrower
 * `podSelector` (every pod of the cluster).
 */
function everyPeer(peer: unknown): Why | undefined {
  if (!isJsonObject(peer)) return undefined;
  const block = peer.ipBlock;
  if (isJsonObject(block) && typeof block.cidr === 'string' && EVERY_ADDRESS.has(block.cidr) && empty(block.except))
    return { en: `ipBlock ${block.cidr}`, fr: `ipBlock ${block.cidr}`, peer: `ipBlock ${block.cidr}` };
  if (
    'namespaceSelector' in peer &&
    selectsAll(peer.namespaceSelector) &&
    (!('podSelector' in peer) || selectsAll(peer.podSelector))
  )
    return {
      en: 'every pod of every namespace',
      fr: 'chaque pod de chaque espace de noms',
      peer: 'namespaceSelector {}',
    };
  return undefined;
}

/** Why a rule of a direction allows all traffic in it, if it does: every port, and no peer or a peer of everything. */
function allowsAll(rule: unknown, peers: 'from' | 'to'): Why | undefined {
  if (!isJsonObject(rule) || !empty(rule.ports)) return undefined;
  if (empty(rule[peers])) return { en: 'empty', fr: 'vide', peer: 'none' };
  const list = rule[peers];
  if (!Array.isArray(list)) return undefined;
  for (const peer of list) {
    const why = everyPeer(peer);
    if (why) return why;
  }
  return undefined;
}

/** NET-4: no NetworkPolicy rule allows everything (an empty rule, or one whose peer is everything, on every port). */
export const net4AllowAllRule: ResourceRule = {
  id: 'NET-4/allow-all-rule',
  control: 'NET-4',
  scope: 'resource',
  title: {
    en: 'No network policy rule allows all traffic',
    fr: "Aucune règle de politique réseau n'autorise tout le trafic",
  },
  description:
    'A NetworkPolicy has no rule that allows all traffic in its direction: a rule without ports whose peers are absent or empty (e.g. an empty `ingress {}` block in Terraform), an ipBlock of 0.0.0.0/0 or ::/0 without except, or a namespaceSelector {} without a narrower podSelector (every pod of the cluster). Such a rule voids the default deny.',
  remediation: {
    en: 'Name the peers (namespaceSelector/podSelector/ipBlock) and ports each rule allows (TierFlow does it)',
    fr: 'Nommer les pairs (namespaceSelector/podSelector/ipBlock) et les ports que chaque règle autorise (TierFlow le fait)',
  },
  appliesTo: [K8S.networkPolicy],
  observes: ['ingressRules', 'egressRules'],
  observe(policy: Resource) {
    const spec = mapField(policy.properties, 'spec');
    const count = (rules: unknown) => (Array.isArray(rules) ? rules.length : 0);
    return evidenceOf({ ingressRules: count(spec.ingress), egressRules: count(spec.egress) });
  },
  check(policy: Resource): Outcome {
    const spec = mapField(policy.properties, 'spec');
    const problems: Problem[] = [];
    for (const [direction, peers, fr] of [
      ['ingress', 'from', 'entrant'],
      ['egress', 'to', 'sortant'],
    ] as const) {
      const rules = spec[direction];
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule, i) => {
        const why = allowsAll(rule, peers);
        if (!why) return;
        problems.push(
          fail(
            why.en === 'empty'
              ? {
                  en: `${direction} rule ${i + 1} is empty: it allows all ${direction} traffic`,
                  fr: `la règle ${direction} ${i + 1} est vide : elle autorise tout le trafic ${fr}`,
                }
              : {
                  en: `${direction} rule ${i + 1} allows ${why.en} on every port: all ${direction} traffic`,
                  fr: `la règle ${direction} ${i + 1} autorise ${why.fr} sur tous les ports : tout le trafic ${fr}`,
                },
            { evidence: { direction, rule: i + 1, peer: why.peer, ports: 'all' } },
          ),
        );
      });
    }
    return problems.length ? problems : 'pass';
  },
};
