import { isAtLeast, TAG_KEYS, type LocalizedText } from '../../core';
import {
  clusterOf,
  field,
  holdsPersistentData,
  inCluster,
  K8S,
  memoized,
  nameOf,
  tierOf,
} from '../normalize/kubernetes-facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { CheckInput, Resource } from '../normalize/model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/**
 * The namespaces the Velero Schedules of a cluster back up: by name (with the schedule's id), and
 * schedules of all namespaces but some.
 */
interface Coverage {
  readonly names: ReadonlyMap<string, string>;
  readonly allBut: ReadonlyArray<{ readonly schedule: string; readonly excluded: ReadonlySet<string> }>;
  /** Schedules whose namespaces are Terraform expressions. */
  readonly unknown: readonly Resource[];
}

function coverage(namespace: Resource, input: CheckInput): Coverage {
  return memoized(clusterOf(namespace, input) ?? namespace, 'veleroCoverage', () => {
    const names = new Map<string, string>();
    const allBut: Array<{ schedule: string; excluded: Set<string> }> = [];
    const unknown: Resource[] = [];
    for (const schedule of inCluster(namespace, input, K8S.veleroSchedule)) {
      const template = field(schedule.properties, 'spec', 'template');
      const lists = [field(template, 'includedNamespaces'), field(template, 'excludedNamespaces')];
      // A Terraform expression anywhere in the selection: what it covers is unknown.
      if ([template, ...lists, ...lists.flatMap((l) => (Array.isArray(l) ? l : []))].some(isUnresolved)) {
        unknown.push(schedule);
        continue;
      }
      const [included, excluded] = lists.map((l) =>
        Array.isArray(l) ? l.filter((x): x is string => typeof x === 'string') : [],
      );
      // No includedNamespaces (or '*') means every namespace.
      if (!included.length || included.includes('*')) {
        allBut.push({ schedule: schedule.id, excluded: new Set(excluded) });
      } else {
        for (const name of included) if (!excluded.includes(name) && !names.has(name)) names.set(name, schedule.id);
      }
    }
    return { names, allBut, unknown };
  });
}

/** The id of a Velero Schedule of the namespace's cluster that backs it up, if any. */
function coveringSchedule(namespace: Resource, name: string, input: CheckInput): string | undefined {
  const covered = coverage(namespace, input);
  return covered.names.get(name) ?? covered.allBut.find(({ excluded }) => !excluded.has(name))?.schedule;
}

/** Why the namespace holds persistent data, if it does. */
function persistentData(namespace: Resource, name: string, input: CheckInput): LocalizedText | undefined {
  const holder = (clusterOf(namespace, input)?.byNamespace.get(name) ?? []).find(holdsPersistentData);
  if (holder) {
    return {
      en: `${holder.id} keeps data on persistent volumes`,
      fr: `${holder.id} conserve des données sur des volumes persistants`,
    };
  }
  return tierOf(namespace) === 'data' ? { en: `${TAG_KEYS.tier}: data`, fr: `${TAG_KEYS.tier}: data` } : undefined;
}

/** BCK-1: every namespace with persistent data is backed up by a Velero Schedule. */
export const bck1NamespaceBackup: ResourceRule = {
  id: 'BCK-1/namespace-backup-schedule',
  control: 'BCK-1',
  scope: 'resource',
  title: {
    en: 'Namespaces with persistent data are backed up',
    fr: 'Les espaces de noms contenant des données persistantes sont sauvegardés',
  },
  description: `A Namespace of level 'internal' or above that holds persistent data (a PersistentVolumeClaim, a StatefulSet's volume claim templates, a pod volume from a claim, or the label ${TAG_KEYS.tier}: data) is included in a Velero Schedule of the same cluster. If the input holds no Schedule at all, the backup cannot be proven (it may be managed elsewhere).`,
  remediation: {
    en: 'Back the namespace up with a Velero Schedule to an allowlisted in-country location (BackupSchedule)',
    fr: "Sauvegarder l'espace de noms par un Velero Schedule vers un emplacement situé dans le pays et inscrit sur la liste d'autorisation (BackupSchedule)",
  },
  appliesTo: [K8S.namespace],
  evidence: [K8S.veleroSchedule],
  observes: ['namespace', 'schedule'],
  observe(namespace: Resource, { input }: RuleContext) {
    const name = nameOf(namespace);
    return evidenceOf({
      namespace: name,
      schedule: name === undefined ? undefined : coveringSchedule(namespace, name, input),
      level: namespace.classification?.level,
      schedules: inCluster(namespace, input, K8S.veleroSchedule).length,
    });
  },
  check(namespace: Resource, { input }: RuleContext): Outcome {
    const name = nameOf(namespace);
    if (name === undefined) return 'not-applicable';
    const why = persistentData(namespace, name, input);
    if (!why) return 'not-applicable';
    const level = namespace.classification?.level;
    if (level && !isAtLeast(level, 'internal')) return 'not-applicable';
    if (coveringSchedule(namespace, name, input)) return 'pass';
    const covered = coverage(namespace, input);
    const holds = {
      en: `the namespace holds persistent data (${why.en})`,
      fr: `l'espace de noms contient des données persistantes (${why.fr})`,
    };
    if (covered.unknown.length) {
      const ids = covered.unknown.map((s) => `'${s.id}'`).join(', ');
      return cannotProve(
        {
          en: `${holds.en}, and the namespaces of ${ids} are not literal`,
          fr: `${holds.fr}, et les espaces de noms de ${ids} ne sont pas des valeurs littérales`,
        },
        { evidence: evidenceOf({ unresolvedSchedules: covered.unknown.slice(0, 20).map((s) => s.id) }) },
      );
    }
    if (!inCluster(namespace, input, K8S.veleroSchedule).length) {
      return cannotProve({
        en: `${holds.en}, and no Velero Schedule in the input backs it up (it may be managed elsewhere)`,
        fr: `${holds.fr}, et aucun Velero Schedule des artefacts vérifiés ne le sauvegarde (il peut être géré ailleurs)`,
      });
    }
    return fail({
      en: `${holds.en}, and no Velero Schedule of the input includes it`,
      fr: `${holds.fr}, et aucun Velero Schedule des artefacts vérifiés ne l'inclut`,
    });
  },
};
