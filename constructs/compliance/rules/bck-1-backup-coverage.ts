import { isAtLeast, TAG_KEYS } from '../../core';
import { logBuckets, refersTo, resourcesOfType } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { CheckInput, Resource } from '../normalize/model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { at, items, str, strings } from '../normalize/values';
import { levelOf, levelUnknown } from './helpers';
import { evidenceOf } from '../judge/evidence';

/** Data stores AWS Backup can protect, with the service of their ARNs. */
export const DATA_STORES: Readonly<Record<string, string>> = {
  'AWS::DocDB::DBCluster': 'rds',
  'AWS::DynamoDB::GlobalTable': 'dynamodb',
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::EC2::Volume': 'ec2',
  'AWS::EFS::FileSystem': 'elasticfilesystem',
  'AWS::FSx::FileSystem': 'fsx',
  'AWS::Neptune::DBCluster': 'rds',
  'AWS::RDS::DBCluster': 'rds',
  'AWS::RDS::DBInstance': 'rds',
  'AWS::S3::Bucket': 's3',
};

/** The store's tags as AWS Backup sees them: its stack's, then its own. */
function effectiveTags(store: Resource): Record<string, string> {
  return { ...store.template.stack.tags, ...store.tags };
}

/** True unless both are known and differ (an unknown account is the deploying one on both sides). */
const same = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;

/**
 * What of a backup selection (`BackupSelection` property) covers the store: the ARN (or its
 * reference) or the `key=value` tag condition; undefined if nothing does. A plan protects only
 * resources of its own account and region, so a selection of another stack's region or account
 * covers nothing here, whatever its tags.
 */
function covers(selection: Resource, store: Resource): unknown {
  const [plan, data] = [selection.template.stack, store.template.stack];
  if (!same(plan.region, data.region) || !same(plan.account, data.account)) return undefined;
  const spec = selection.properties.BackupSelection;
  const service = DATA_STORES[store.type];
  for (const arn of strings(at(spec, 'Resources'))) {
    if (refersTo(arn, store, selection.template)) return arn;
    if (typeof arn === 'string' && arn.includes('*')) {
      const arnService = arn === '*' ? '*' : arn.split(':')[2];
      if (arnService === '*' || arnService === service) return arn;
    }
  }
  const tags = effectiveTags(store);
  for (const condition of items(at(spec, 'ListOfTags'))) {
    const key = str(at(condition, 'ConditionKey'));
    const value = str(at(condition, 'ConditionValue'));
    if (typeof key === 'string' && typeof value === 'string' && tags[key] === value) return `${key}=${value}`;
  }
  for (const condition of items(at(spec, 'Conditions.StringEquals'))) {
    const key = String(str(at(condition, 'ConditionKey')) ?? '').replace(/^aws:ResourceTag\//, '');
    const value = str(at(condition, 'ConditionValue'));
    if (typeof value === 'string' && tags[key] === value) return `${key}=${value}`;
  }
  return undefined;
}

function selections(input: CheckInput): readonly Resource[] {
  return resourcesOfType(input, 'AWS::Backup::BackupSelection');
}

/** The first selection of the input that covers the store, and what of it does. */
function coveringSelection(store: Resource, input: CheckInput): { selection: Resource; match: unknown } | undefined {
  for (const selection of selections(input)) {
    const match = covers(selection, store);
    if (match !== undefined) return { selection, match };
  }
  return undefined;
}

/** BCK-1: every data store of internal data and above is in a backup plan. */
export const bck1BackupCoverage: ResourceRule = {
  id: 'BCK-1/backup-coverage',
  control: 'BCK-1',
  scope: 'resource',
  title: {
    en: 'Data stores are backed up',
    fr: 'Les stockages de données sont sauvegardés',
  },
  description: `Every data store (${Object.keys(DATA_STORES).join(', ')}; log buckets aside) of level 'internal' or above is selected by an AWS::Backup::BackupSelection of the input in the same account and region: by reference, by ARN pattern, or by tag (e.g. ${TAG_KEYS.classification}). If the input holds no backup selection at all, coverage cannot be proven (the plan may live elsewhere).`,
  remediation: {
    en: `Select the store in a backup plan (e.g. SovereignBackup, which selects by ${TAG_KEYS.classification})`,
    fr: `Sélectionner le stockage dans un plan de sauvegarde (par exemple SovereignBackup, qui sélectionne par ${TAG_KEYS.classification})`,
  },
  appliesTo: Object.keys(DATA_STORES),
  evidence: ['AWS::Backup::BackupSelection', 'AWS::Backup::BackupPlan'],
  observes: ['selection', 'match'],
  observe(store: Resource, { input }: RuleContext) {
    const covering = coveringSelection(store, input);
    return evidenceOf({
      selection: covering?.selection.id,
      match: covering?.match,
      level: levelOf(store),
      selections: selections(input).length,
    });
  },
  check(store: Resource, { input }: RuleContext): Outcome {
    if (store.type === 'AWS::S3::Bucket' && logBuckets(input).has(store)) return 'not-applicable';
    if (store.type === 'AWS::RDS::DBInstance' && store.properties.DBClusterIdentifier !== undefined)
      return 'not-applicable';
    const level = levelOf(store);
    if (level && !isAtLeast(level, 'internal')) return 'not-applicable';
    if (coveringSelection(store, input)) return 'pass';
    const all = selections(input);
    if (!level) {
      return levelUnknown(store, { en: 'whether it needs a backup', fr: "qu'il doit être sauvegardé" });
    }
    if (!all.length) {
      return cannotProve({
        en: `no backup selection in the input covers this data store of level '${level}'`,
        fr: `aucune sélection de sauvegarde des artefacts vérifiés ne couvre ce stockage de données de niveau '${level}'`,
      });
    }
    const unknown = all.filter((s) => isUnresolved(s.properties.BackupSelection));
    if (unknown.length) {
      const ids = unknown.map((s) => `'${s.id}'`).join(', ');
      return cannotProve({
        en: `no backup selection covers it, and ${ids} cannot be read`,
        fr: `aucune sélection de sauvegarde ne le couvre, et ${ids} ${unknown.length > 1 ? 'ne peuvent être lues' : 'ne peut être lue'}`,
      });
    }
    return fail({
      en: `no backup selection of the input covers this data store of level '${level}'`,
      fr: `aucune sélection de sauvegarde des artefacts vérifiés ne couvre ce stockage de données de niveau '${level}'`,
    });
  },
};
