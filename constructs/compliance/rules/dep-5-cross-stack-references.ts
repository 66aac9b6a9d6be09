import { pushTo } from '../deployability/group';
import type { LocalizedText } from '../../core';
import { deployedTemplates, describeStack } from '../deployability/organization';
import { isUnresolved } from '../normalize/intrinsics';
import { memoized } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource, Template } from '../normalize/model';
import {
  cannotProve,
  fail,
  type InputRule,
  type LocatedPass,
  type LocatedProblem,
  type RuleContext,
} from '../judge/rule';
import { at, str } from '../normalize/values';
import { evidenceOf, type Evidence } from '../judge/evidence';

/** The CDK's cross-region references: a writer in the producing stack, a reader in the consuming one. */
const WRITER = 'Custom::CrossRegionExportWriter';
const READER = 'Custom::CrossRegionExportReader';

/** The artifact ids each stack depends on, transitively, within its cloud assembly. */
function dependencyClosure(input: CheckInput): (template: Template) => ReadonlySet<string> {
  const byAssembly = memoized(input, 'dep5Assemblies', () => {
    const map = new Map<string, Map<string, Template>>();
    for (const t of input.templates) {
      const { assembly, artifactId } = t.stack;
      if (assembly === undefined || artifactId === undefined) continue;
      if (!map.has(assembly)) map.set(assembly, new Map());
      map.get(assembly)!.set(artifactId, t);
    }
    return map;
  });
  const closures = new Map<Template, Set<string>>();
  const closure = (template: Template): Set<string> => {
    const known = closures.get(template);
    if (known) return known;
    const out = new Set<string>();
    closures.set(template, out);
    const artifacts = byAssembly.get(template.stack.assembly ?? '');
    // An explicit stack: no recursion, whatever the depth of the dependencies.
    const pending = [...(template.stack.dependencies ?? [])];
    while (pending.length) {
      const id = pending.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      const next = artifacts?.get(id);
      if (next) pending.push(...(next.stack.dependencies ?? []));
    }
    return out;
  };
  return closure;
}

/** Whether `producer` deploys before `consumer`: by the manifest's dependencies, when both are in one assembly. */
function deploysBefore(
  producer: Template,
  consumer: Template,
  closure: (t: Template) => ReadonlySet<string>,
): boolean | LocalizedText {
  const { assembly, artifactId } = producer.stack;
  if (assembly === undefined || artifactId === undefined || consumer.stack.assembly !== assembly) {
    return {
      en: `the order in which ${describeStack(producer).en} and this stack deploy is not given (they are not stacks of one cloud assembly)`,
      fr: `l'ordre de déploiement de ${describeStack(producer).fr} et de cette pile n'est pas donné (ce ne sont pas des piles d'un même assemblage cloud)`,
    };
  }
  return closure(consumer).has(artifactId);
}

interface Located {
  readonly resource?: Resource;
  readonly template?: Template;
}

function locate(template: Template, id: string | undefined): Located {
  const resource = id === undefined ? undefined : template.byId.get(id);
  return resource ? { resource } : { template };
}

/** The stack's name (as describeStack names it), for evidence. */
const stackName = (t: Template): string => t.stack.name ?? t.file;

/** The facts of one reference: what it reads, where the consuming stack deploys, and who writes it. */
function referenceEvidence(name: unknown, consumer: Template, producer?: Template, extra: object = {}): Evidence {
  return evidenceOf({
    export: name,
    producer: producer && stackName(producer),
    consumer: stackName(consumer),
    account: consumer.stack.account ?? 'unknown',
    region: consumer.stack.region ?? 'unknown',
    ...extra,
  });
}

function placeOf(t: Template): string | undefined {
  const { account, region } = t.stack;
  return account !== undefined && region !== undefined ? `${account}|${region}` : undefined;
}

function order(
  producer: Template,
  consumer: Template,
  what: LocalizedText,
  closure: (t: Template) => ReadonlySet<string>,
  where: Located,
  name: string,
): LocatedProblem | LocatedPass {
  const before = deploysBefore(producer, consumer, closure);
  const evidence = referenceEvidence(name, consumer, producer, {
    dependsOnProducer: before === true || before === false ? before : undefined,
  });
  if (before === true) return { pass: true, ...where, evidence };
  if (before === false) {
    return {
      ...where,
      ...fail(
        {
          en: `${what.en} is written by ${describeStack(producer).en}, but this stack does not depend on it (manifest.json dependencies): it may deploy first, and the reference fails`,
          fr: `${what.fr} est écrite par ${describeStack(producer).fr}, mais cette pile n'en dépend pas (dépendances de manifest.json) : elle peut se déployer d'abord, et la référence échoue`,
        },
        { evidence },
      ),
    };
  }
  return {
    ...where,
    ...cannotProve({ en: `${what.en}: ${before.en}`, fr: `${what.fr} : ${before.fr}` }, { evidence }),
  };
}

function importValues(input: CheckInput, closure: (t: Template) => ReadonlySet<string>) {
  const results: Array<LocatedProblem | LocatedPass> = [];
  const templates = deployedTemplates(input);
  const exporters = new Map<string, Array<{ template: Template; output: string }>>();
  for (const template of templates) {
    for (const e of template.deployment?.exports ?? []) {
      if (typeof e.name !== 'string') continue;
      const list = exporters.get(e.name) ?? [];
      list.push({ template, output: e.output });
      exporters.set(e.name, list);
    }
  }
  // Export names are unique per account and region.
  for (const [name, list] of exporters) {
    const byPlace = new Map<string, Template>();
    for (const { template, output } of list) {
      const place = placeOf(template);
      if (place === undefined) continue;
      const first = byPlace.get(place);
      if (first && first !== template) {
        results.push({
          template,
          ...fail(
            {
              en: `output '${output}' exports '${name}', which ${describeStack(first).en} exports too: export names are unique in an account and region, the second stack fails`,
              fr: `la sortie '${output}' exporte '${name}', que ${describeStack(first).fr} exporte aussi : les noms d'exports sont uniques dans un compte et une région, la seconde pile échoue`,
            },
            { evidence: referenceEvidence(name, template, first, { output }) },
          ),
        });
      } else byPlace.set(place, template);
    }
  }
  for (const consumer of templates) {
    for (const use of consumer.deployment?.imports ?? []) {
      const where = locate(consumer, use.resource);
      if (isUnresolved(use.name)) {
        results.push({
          ...where,
          ...cannotProve(
            {
              en: `${use.path} imports an export whose name is ${use.name.describe('en')}`,
              fr: `${use.path} importe un export dont le nom est inconnu (${use.name.describe('fr')})`,
            },
            { evidence: referenceEvidence(use.name, consumer, undefined, { path: use.path }) },
          ),
        });
        continue;
      }
      const evidence = referenceEvidence(use.name, consumer, undefined, { path: use.path });
      const what = { en: `${use.path} imports '${use.name}'`, fr: `${use.path} importe '${use.name}'` };
      const candidates = (exporters.get(use.name) ?? []).filter((c) => c.template !== consumer);
      if ((exporters.get(use.name) ?? []).some((c) => c.template === consumer)) {
        results.push({
          ...where,
          ...fail(
            {
              en: `${what.en}, which this stack exports itself: a stack cannot import its own export`,
              fr: `${what.fr}, que cette pile exporte elle-même : une pile ne peut importer son propre export`,
            },
            { evidence: { ...evidence, producer: stackName(consumer) } },
          ),
        });
        continue;
      }
      if (!candidates.length) {
        results.push({
          ...where,
          ...cannotProve(
            {
              en: `${what.en}, which no template of the input exports: it must exist in the stack's account and region before it deploys`,
              fr: `${what.fr}, qu'aucun modèle des artefacts n'exporte : l'export doit exister dans le compte et la région de la pile avant son déploiement`,
            },
            { evidence },
          ),
        });
        continue;
      }
      const place = placeOf(consumer);
      const same = place === undefined ? [] : candidates.filter((c) => placeOf(c.template) === place);
      if (!same.length) {
        if (place === undefined || candidates.some((c) => placeOf(c.template) === undefined)) {
          results.push({
            ...where,
            ...cannotProve(
              {
                en: `${what.en}, exported by ${describeStack(candidates[0].template).en}: whether both are in one account and region is unknown`,
                fr: `${what.fr}, exporté par ${describeStack(candidates[0].template).fr} : qu'ils soient dans un même compte et une même région est inconnu`,
              },
              { evidence: { ...evidence, producer: stackName(candidates[0].template) } },
            ),
          });
          continue;
        }
        const others = candidates.map((c) => describeStack(c.template));
        results.push({
          ...where,
          ...fail(
            {
              en: `${what.en}, exported only by ${others.map((o) => o.en).join(', ')}, but this stack deploys to account ${consumer.stack.account}, ${consumer.stack.region}: Fn::ImportValue reads the exports of its own account and region only`,
              fr: `${what.fr}, exporté seulement par ${others.map((o) => o.fr).join(', ')}, mais cette pile se déploie dans le compte ${consumer.stack.account}, ${consumer.stack.region} : Fn::ImportValue ne lit que les exports de son propre compte et de sa région`,
            },
            {
              evidence: {
                ...evidence,
                producer: candidates.map((c) => stackName(c.template)).slice(0, 20),
                producerPlaces: candidates.flatMap((c) => placeOf(c.template) ?? []).slice(0, 20),
              },
            },
          ),
        });
        continue;
      }
      results.push(order(same[0].template, consumer, what, closure, where, use.name));
    }
  }
  return results;
}

function crossRegionReferences(input: CheckInput, closure: (t: Template) => ReadonlySet<string>) {
  const results: Array<LocatedProblem | LocatedPass> = [];
  const templates = deployedTemplates(input);
  const writers = new Map<string, Array<{ writer: Resource; region: unknown }>>();
  for (const template of templates) {
    for (const writer of template.resources) {
      if (writer.type !== WRITER) continue;
      const exports = at(writer.properties, 'WriterProps.exports');
      if (typeof exports !== 'object' || exports === null || isUnresolved(exports)) continue;
      for (const name of Object.keys(exports)) {
        pushTo(writers, name, { writer, region: str(at(writer.properties, 'WriterProps.region')) });
      }
    }
  }
  for (const consumer of templates) {
    for (const reader of consumer.resources) {
      if (reader.type !== READER) continue;
      const imports = at(reader.properties, 'ReaderProps.imports');
      if (typeof imports !== 'object' || imports === null || isUnresolved(imports)) continue;
      for (const name of Object.keys(imports)) {
        const what = { en: `the SSM parameter '${name}'`, fr: `le paramètre SSM '${name}'` };
        const found = writers.get(name) ?? [];
        if (!found.length) {
          results.push({
            resource: reader,
            ...cannotProve(
              {
                en: `it reads ${what.en}, which no stack of the input writes: it must exist before this stack deploys`,
                fr: `elle lit ${what.fr}, qu'aucune pile des artefacts n'écrit : il doit exister avant le déploiement de cette pile`,
              },
              { evidence: referenceEvidence(name, consumer) },
            ),
          });
          continue;
        }
        const { account, region } = consumer.stack;
        const same = found.find(
          (w) => w.writer.template.stack.account === account && account !== undefined && w.region === region,
        );
        if (!same) {
          const w = found[0];
          const known = account !== undefined && region !== undefined && w.writer.template.stack.account !== undefined;
          const message = {
            en: `it reads ${what.en}, written by ${describeStack(w.writer.template).en} into region ${typeof w.region === 'string' ? w.region : '?'}, but this stack deploys to account ${account ?? '?'}, ${region ?? '?'}: the CDK's cross-region references hold within one account`,
            fr: `elle lit ${what.fr}, écrit par ${describeStack(w.writer.template).fr} dans la région ${typeof w.region === 'string' ? w.region : '?'}, mais cette pile se déploie dans le compte ${account ?? '?'}, ${region ?? '?'} : les références inter-régions du CDK valent dans un même compte`,
          };
          const evidence = referenceEvidence(name, consumer, w.writer.template, {
            producerAccount: w.writer.template.stack.account,
            writtenRegion: w.region,
          });
          results.push({
            resource: reader,
            ...(known ? fail(message, { evidence }) : cannotProve(message, { evidence })),
          });
          continue;
        }
        results.push(order(same.writer.template, consumer, what, closure, { resource: reader }, name));
      }
    }
  }
  return results;
}

/** DEP-5: cross-stack references read exports of their own account and region, deployed before. */
export const dep5CrossStackReferences: InputRule = {
  id: 'DEP-5/cross-stack-references',
  control: 'DEP-5',
  scope: 'input',
  title: {
    en: 'Cross-stack references resolve and deploy in order',
    fr: "Les références entre piles se résolvent et se déploient dans l'ordre",
  },
  description: `Every Fn::ImportValue of a stack names an export (Outputs.*.Export.Name) of another stack of the input in the same account and region (account and region from the cloud assembly's environment), and that stack deploys before it: the importing stack depends on it, directly or not, in the cloud assembly's manifest.json. An export no template of the input defines cannot be proven (it may exist already); export names unique per account and region; a stack cannot import its own export. The CDK's cross-region references (${READER} reading /cdk/exports/… SSM parameters that a ${WRITER} writes) follow the same rule: the writer is in the same account, writes into the reader's region, and deploys before.`,
  remediation: {
    en: "Export from a stack of the same account and region, and make the importing stack depend on it (stack.addDependency, or the CDK's automatic cross-stack references); across accounts or regions, pass the value as a parameter or through SSM",
    fr: 'Exporter depuis une pile du même compte et de la même région, et faire dépendre la pile qui importe de celle-ci (stack.addDependency, ou les références automatiques du CDK) ; entre comptes ou régions, passer la valeur en paramètre ou par SSM',
  },
  appliesTo: [],
  observes: ['export', 'producer', 'consumer', 'account', 'region'],
  check(input: CheckInput, _context: RuleContext): Array<LocatedProblem | LocatedPass> {
    const closure = dependencyClosure(input);
    return [...importValues(input, closure), ...crossRegionReferences(input, closure)];
  },
};
