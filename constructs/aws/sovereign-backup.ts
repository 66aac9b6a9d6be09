import { Annotations, Duration, Names, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import {
  CLASSIFICATION_LEVELS,
  decidePlacement,
  decidePlacementText,
  findCloudRegion,
  isAtLeast,
  isClassificationLevel,
  TAG_KEYS,
  type ClassificationLevel,
  type LocalizedDecision,
  type ValidationProblem,
} from '../core';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';
import { SovereignKey } from './sovereign-key';

/** One rule of a {@link SovereignBackup}'s plan. */
export interface SovereignBackupRule {
  /** The rule's name: 1–50 letters, digits, `-`, `_` or `.`, unique within the plan. */
  readonly ruleName: string;
  /** When to back up: a cron schedule in UTC (AWS Backup accepts no rate expression). */
  readonly schedule: events.Schedule;
  /** Days to keep each recovery point (at least 1). */
  readonly retentionDays: number;
  /**
   * Days after which a recovery point moves to cold storage. AWS Backup keeps cold recovery
   * points at least 90 days, so `retentionDays` must be at least this plus 90. Only the
   * resource types that support cold storage move; the others stay warm.
   * @default - never moved to cold storage
   */
  readonly moveToColdStorageAfterDays?: number;
}

/** A vault that receives copies of every recovery point of the plan. */
export interface SovereignBackupCopy {
  /**
   * The destination vault, e.g. `backup.BackupVault.fromBackupVaultArn(this, 'Dr', arn)`.
   * Copies are encrypted with the destination vault's key.
   */
  readonly vault: backup.IBackupVault;
  /**
   * The destination vault's region. It must be allowed (RES-2) for the construct's level
   * and for every tagged level whose data may live in the stack's region.
   * @default - the region of the vault's ARN (`vault.env.region`); an unresolved one is refused
   */
  readonly region?: string;
  /**
   * Days to keep each copy (at least 1).
   * @default - the `retentionDays` of the rule that made the recovery point
   */
  readonly retentionDays?: number;
}

/** Props of a {@link SovereignBackup}. */
export interface SovereignBackupProps extends SovereignProps {
  /**
   * The key that encrypts the vault's recovery points.
   * @default - a new {@link SovereignKey} of the construct's level
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The plan's rules.
   * @default SovereignBackup.DEFAULT_RULES - daily at 05:00 UTC kept 35 days, and monthly on the 1st kept 365 days
   */
  readonly rules?: readonly SovereignBackupRule[];
  /**
   * Vault Lock's minimum retention in days: a recovery point cannot be deleted earlier, and
   * a job asking for less fails. At least 1, at most the shortest rule's `retentionDays`.
   * @default - the shortest rule's `retentionDays` (35 with the default rules)
   */
  readonly lockMinRetentionDays?: number;
  /**
   * Vault Lock's maximum retention in days: above `lockMinRetentionDays`, at least the
   * longest rule's `retentionDays`, at most 36500.
   * @default - no maximum
   */
  readonly lockMaxRetentionDays?: number;
  /**
   * Days (at least 3, AWS Backup's cooling-off period) during which the Vault Lock can still
   * be changed or removed. After them the lock is in compliance mode: immutable, and no one,
   * not even the account's root user or AWS, can shorten the retention or delete a recovery
   * point before `lockMinRetentionDays`. Always set, because a lock without a lock date
   * (governance mode) can be removed at any time by anyone allowed to call
   * `backup:DeleteBackupVaultLockConfiguration`.
   * @default 3
   */
  readonly lockChangeableForDays?: number;
  /**
   * The levels whose data stores the plan selects by the tag `sovereign-lz.io/classification`.
   * Leaving out a level at or above `internal` shows a warning: back it up with another plan.
   * @default - every level at or above `internal`
   */
  readonly taggedLevels?: readonly ClassificationLevel[];
  /**
   * Further resources to back up (by ARN, construct or tag), besides the tagged ones.
   * @default - none
   */
  readonly resources?: readonly backup.BackupResource[];
  /**
   * Vaults that receive a copy of every recovery point; each in a region allowed for the data (RES-2).
   * @default - no copies: recovery points stay in the stack's region
   */
  readonly copies?: readonly SovereignBackupCopy[];
  /**
   * What happens to the vault when it leaves the stack (a vault that holds recovery points
   * cannot be deleted anyway).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const RULE_NAME = /^[a-zA-Z0-9._-]{1,50}$/;
/** AWS Backup keeps a cold recovery point at least this long. */
const COLD_STORAGE_MIN_DAYS = 90;
/** AWS Backup's cooling-off period before a Vault Lock becomes immutable. */
const LOCK_COOLING_OFF_DAYS = 3;
/** The longest Vault Lock maximum retention AWS Backup accepts. */
const LOCK_MAX_RETENTION_DAYS = 36500;

const isPositiveInteger = (n: number): boolean => Number.isInteger(n) && n >= 1;

/**
 * In-region backups (BCK-1): an AWS Backup vault encrypted with a customer-managed key
 * (ENC-1) and locked in compliance mode, a plan with daily and monthly rules, and a selection
 * of every data store tagged `sovereign-lz.io/classification` at or above `internal`. Copies
 * go only to vaults in regions allowed for the data (RES-2).
 *
 * AWS Backup only backs up the resource types opted in for the region (Backup settings,
 * not in CloudFormation); S3 buckets need versioning. CloudFormation has no resource for EBS
 * default encryption either: the organization layer enforces it with a service control policy
 * (later work), so volumes and their snapshots are encrypted at the source.
 *
 * @example
 * const backups = new SovereignBackup(stack, 'Backups', {
 *   copies: [{ vault: backup.BackupVault.fromBackupVaultArn(stack, 'Dr', drVaultArn) }],
 * });
 */
export class SovereignBackup extends SovereignConstruct {
  /** Daily at 05:00 UTC kept 35 days, and monthly on the 1st at 05:00 UTC kept 365 days. */
  public static readonly DEFAULT_RULES: readonly SovereignBackupRule[] = [
    { ruleName: 'Daily', schedule: events.Schedule.cron({ hour: '5', minute: '0' }), retentionDays: 35 },
    { ruleName: 'Monthly', schedule: events.Schedule.cron({ day: '1', hour: '5', minute: '0' }), retentionDays: 365 },
  ];

  /** The vault. */
  public readonly vault: backup.BackupVault;
  /** The plan. */
  public readonly plan: backup.BackupPlan;
  /** The selection of the resources to back up. */
  public readonly selection: backup.BackupSelection;
  /** The role AWS Backup assumes to back up the selected resources. */
  public readonly role: iam.Role;
  /** The key that encrypts the vault. */
  public readonly encryptionKey: kms.IKey;
  /** Vault Lock's minimum retention in days. */
  public readonly lockMinRetentionDays: number;
  /** The levels selected by tag. */
  public readonly taggedLevels: readonly ClassificationLevel[];

  constructor(scope: Construct, id: string, props: SovereignBackupProps = {}) {
    super(scope, id, props);
    const rules = props.rules ?? SovereignBackup.DEFAULT_RULES;
    const taggedLevels = [
      ...new Set(props.taggedLevels ?? CLASSIFICATION_LEVELS.filter((l) => isAtLeast(l, 'internal'))),
    ];
    const bck = this.profile.controls['BCK-1'].source;
    const problems: ValidationProblem[] = [...this.ruleProblems(rules)];

    const retentions = rules.map((r) => r.retentionDays).filter(isPositiveInteger);
    const shortest = retentions.length ? Math.min(...retentions) : undefined;
    const longest = retentions.length ? Math.max(...retentions) : undefined;
    const minRetention = props.lockMinRetentionDays ?? shortest ?? 1;
    const changeableFor = props.lockChangeableForDays ?? LOCK_COOLING_OFF_DAYS;
    if (!isPositiveInteger(minRetention)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `lockMinRetentionDays ${minRetention} must be an integer of at least 1`,
          fr: `lockMinRetentionDays ${minRetention} doit être un entier supérieur ou égal à 1`,
        },
      });
    } else if (shortest !== undefined && minRetention > shortest) {
      problems.push({
        rule: 'BCK-1',
        message: {
          en: `lockMinRetentionDays ${minRetention} is above the shortest rule retention (${shortest} days), so the vault would refuse that rule's backups`,
          fr: `lockMinRetentionDays ${minRetention} dépasse la plus courte conservation des règles (${shortest} jours) : le coffre refuserait donc les sauvegardes de cette règle`,
        },
        source: bck,
        remedy: {
          en: `Use at most ${shortest}, or keep every rule at least ${minRetention} days`,
          fr: `Utilisez ${shortest} au plus, ou conservez chaque règle au moins ${minRetention} jours`,
        },
      });
    }
    const max = props.lockMaxRetentionDays;
    if (
      max !== undefined &&
      (!Number.isInteger(max) || max <= minRetention || max > LOCK_MAX_RETENTION_DAYS || max < (longest ?? 0))
    ) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `lockMaxRetentionDays ${max} must be an integer above lockMinRetentionDays (${minRetention}), at least the longest rule retention (${longest ?? 'none'}) and at most ${LOCK_MAX_RETENTION_DAYS}`,
          fr: `lockMaxRetentionDays ${max} doit être un entier supérieur à lockMinRetentionDays (${minRetention}), au moins égal à la plus longue conservation des règles (${longest ?? 'aucune'}) et au plus ${LOCK_MAX_RETENTION_DAYS}`,
        },
      });
    }
    if (!Number.isInteger(changeableFor) || changeableFor < LOCK_COOLING_OFF_DAYS) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `lockChangeableForDays ${changeableFor} must be an integer of at least ${LOCK_COOLING_OFF_DAYS} (AWS Backup's cooling-off period)`,
          fr: `lockChangeableForDays ${changeableFor} doit être un entier supérieur ou égal à ${LOCK_COOLING_OFF_DAYS} (le délai de réflexion d'AWS Backup)`,
        },
      });
    }

    for (const level of taggedLevels) {
      if (!isClassificationLevel(level)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `taggedLevels has an unknown level '${String(level)}'`,
            fr: `taggedLevels comporte un niveau inconnu '${String(level)}'`,
          },
          remedy: {
            en: `Use ${CLASSIFICATION_LEVELS.map((l) => `'${l}'`).join(', ')}`,
            fr: `Utilisez ${CLASSIFICATION_LEVELS.map((l) => `'${l}'`).join(', ')}`,
          },
        });
      }
    }
    if (taggedLevels.length === 0 && !props.resources?.length) {
      problems.push({
        rule: 'BCK-1',
        message: {
          en: 'the plan selects nothing: taggedLevels is empty and no resources are given',
          fr: "le plan ne sélectionne rien : taggedLevels est vide et aucune ressource n'est donnée",
        },
        source: bck,
        remedy: {
          en: "Keep the default taggedLevels, or pass the levels (e.g. ['internal']) or resources to back up",
          fr: "Conservez taggedLevels par défaut, ou passez les niveaux (par exemple ['internal']) ou les ressources à sauvegarder",
        },
      });
    }
    problems.push(...this.copyProblems(props.copies ?? [], taggedLevels.filter(isClassificationLevel)));
    this.validate(problems);

    for (const level of CLASSIFICATION_LEVELS.filter((l) => isAtLeast(l, 'internal') && !taggedLevels.includes(l))) {
      Annotations.of(this).addWarningV2(
        'sovereign-lz:backup-level-not-selected',
        `BCK-1: data stores tagged '${level}' are not selected by this plan; back them up with another plan`,
      );
    }

    if (props.encryptionKey) {
      this.encryptionKey = props.encryptionKey;
    } else {
      this.encryptionKey = new SovereignKey(this, 'Key', {
        profile: this.profile,
        classification: this.classification,
        description: `sovereign-lz key for backup vault ${this.node.path}`,
      }).key;
    }
    this.lockMinRetentionDays = minRetention;
    this.taggedLevels = taggedLevels;
    this.vault = new backup.BackupVault(this, 'Resource', {
      encryptionKey: this.encryptionKey,
      lockConfiguration: {
        minRetention: Duration.days(minRetention),
        maxRetention: max !== undefined ? Duration.days(max) : undefined,
        changeableFor: Duration.days(changeableFor),
      },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: Names.uniqueResourceName(this, { maxLength: 50 }),
      backupVault: this.vault,
    });
    for (const rule of rules) {
      this.plan.addRule(
        new backup.BackupPlanRule({
          ruleName: rule.ruleName,
          scheduleExpression: rule.schedule,
          deleteAfter: Duration.days(rule.retentionDays),
          moveToColdStorageAfter:
            rule.moveToColdStorageAfterDays !== undefined ? Duration.days(rule.moveToColdStorageAfterDays) : undefined,
          copyActions: props.copies?.length
            ? props.copies.map((copy) => ({
                destinationBackupVault: copy.vault,
                deleteAfter: Duration.days(copy.retentionDays ?? rule.retentionDays),
              }))
            : undefined,
        }),
      );
    }

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: `AWS Backup role of ${this.node.path}`,
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Backup'),
      ],
    });
    this.selection = this.plan.addSelection('Selection', {
      role: this.role,
      disableDefaultBackupPolicy: true,
      resources: [
        ...taggedLevels.map((level) => backup.BackupResource.fromTag(TAG_KEYS.classification, level)),
        ...(props.resources ?? []),
      ],
    });

    // cdk-nag v3 acknowledges each finding by its full id, one per managed policy.
    const iam4 =
      "AWS Backup's service-role policy is the least privilege AWS documents for it: the tag selection is resolved at run time, so no resource list exists to scope a hand-written policy to, and AWS keeps the policy current as services are added. The role is assumable only by backup.amazonaws.com.";
    this.finish([
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: iam4,
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]',
        reason: `${iam4} This one lets AWS Backup read the selected S3 buckets.`,
      },
    ]);
  }

  /** Problems with the plan's rules. */
  private ruleProblems(rules: readonly SovereignBackupRule[]): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    if (rules.length === 0) {
      problems.push({
        rule: 'BCK-1',
        message: {
          en: 'rules is empty, so nothing would ever be backed up',
          fr: 'rules est vide : rien ne serait donc jamais sauvegardé',
        },
        source: this.profile.controls['BCK-1'].source,
        remedy: {
          en: 'Keep the default rules (SovereignBackup.DEFAULT_RULES) or give at least one',
          fr: 'Conservez les règles par défaut (SovereignBackup.DEFAULT_RULES) ou donnez-en au moins une',
        },
      });
    }
    const names = new Set<string>();
    rules.forEach((rule, i) => {
      const at = `rules[${i}]`;
      if (!RULE_NAME.test(rule.ruleName)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `${at}.ruleName '${rule.ruleName}' must be 1-50 letters, digits, '-', '_' or '.'`,
            fr: `${at}.ruleName '${rule.ruleName}' doit compter de 1 à 50 lettres, chiffres, '-', '_' ou '.'`,
          },
        });
      } else if (names.has(rule.ruleName)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `${at}.ruleName '${rule.ruleName}' is used by another rule`,
            fr: `${at}.ruleName '${rule.ruleName}' est déjà utilisé par une autre règle`,
          },
        });
      }
      names.add(rule.ruleName);
      const expression = rule.schedule.expressionString;
      if (!Token.isUnresolved(expression) && !expression.startsWith('cron(')) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `${at}.schedule '${expression}' must be a cron expression (AWS Backup accepts no rate)`,
            fr: `${at}.schedule '${expression}' doit être une expression cron (AWS Backup n'accepte pas rate)`,
          },
          remedy: {
            en: "Use events.Schedule.cron({ hour: '5', minute: '0' })",
            fr: "Utilisez events.Schedule.cron({ hour: '5', minute: '0' })",
          },
        });
      }
      if (!isPositiveInteger(rule.retentionDays)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `${at}.retentionDays ${rule.retentionDays} must be an integer of at least 1`,
            fr: `${at}.retentionDays ${rule.retentionDays} doit être un entier supérieur ou égal à 1`,
          },
        });
      }
      const cold = rule.moveToColdStorageAfterDays;
      if (cold !== undefined) {
        if (!isPositiveInteger(cold)) {
          problems.push({
            rule: 'PROPS',
            message: {
              en: `${at}.moveToColdStorageAfterDays ${cold} must be an integer of at least 1`,
              fr: `${at}.moveToColdStorageAfterDays ${cold} doit être un entier supérieur ou égal à 1`,
            },
          });
        } else if (isPositiveInteger(rule.retentionDays) && rule.retentionDays < cold + COLD_STORAGE_MIN_DAYS) {
          problems.push({
            rule: 'PROPS',
            message: {
              en: `${at}.retentionDays ${rule.retentionDays} must be at least moveToColdStorageAfterDays + ${COLD_STORAGE_MIN_DAYS} (${cold + COLD_STORAGE_MIN_DAYS}): AWS Backup keeps cold recovery points ${COLD_STORAGE_MIN_DAYS} days or more`,
              fr: `${at}.retentionDays ${rule.retentionDays} doit valoir au moins moveToColdStorageAfterDays + ${COLD_STORAGE_MIN_DAYS} (${cold + COLD_STORAGE_MIN_DAYS}) : AWS Backup conserve les points de récupération en stockage à froid ${COLD_STORAGE_MIN_DAYS} jours ou plus`,
            },
          });
        }
      }
    });
    return problems;
  }

  /**
   * RES-2 for each copy: its region must be known and allowed for the construct's level and
   * for every tagged level whose data may live in the stack's region (all of them when the
   * stack's region is unresolved), so that no copy takes any selected data abroad.
   */
  private copyProblems(
    copies: readonly SovereignBackupCopy[],
    taggedLevels: ClassificationLevel[],
  ): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const source = this.profile.controls['RES-2'].source;
    const here = this.stack.region;
    const levels = [
      this.classification,
      ...taggedLevels.filter(
        (l) =>
          Token.isUnresolved(here) ||
          decidePlacement(this.profile, l, { kind: 'cloud-region', region: here }).status === 'allowed',
      ),
    ].filter((l, i, all) => all.indexOf(l) === i);
    const waived = (absolute: boolean) => !absolute && this.suppressionFor('RES-2') !== undefined;
    const anyAbsolute = levels.some((l) => this.profile.levels[l].absoluteResidency);

    copies.forEach((copy, i) => {
      const at = `copies[${i}]`;
      const arnRegion = copy.vault.env.region;
      if (copy.retentionDays !== undefined && !isPositiveInteger(copy.retentionDays)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `${at}.retentionDays ${copy.retentionDays} must be an integer of at least 1`,
            fr: `${at}.retentionDays ${copy.retentionDays} doit être un entier supérieur ou égal à 1`,
          },
        });
      }
      if (copy.region !== undefined && !Token.isUnresolved(arnRegion) && copy.region !== arnRegion) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `${at}.region '${copy.region}' differs from the region of the vault's ARN ('${arnRegion}')`,
            fr: `${at}.region '${copy.region}' diffère de la région de l'ARN du coffre ('${arnRegion}')`,
          },
        });
        return;
      }
      const region = copy.region ?? arnRegion;
      if (Token.isUnresolved(region) || findCloudRegion(region) === undefined) {
        if (waived(anyAbsolute)) return;
        problems.push({
          rule: 'RES-2',
          message: Token.isUnresolved(region)
            ? {
                en: `${at}: the destination vault's region is unresolved, so the copy cannot be proven to stay in the allowed regions`,
                fr: `${at} : la région du coffre de destination n'est pas résolue : on ne peut donc pas prouver que la copie reste dans les régions autorisées`,
              }
            : {
                en: `${at}: the destination region '${region}' is unknown, so the copy cannot be proven to stay in the allowed regions`,
                fr: `${at} : la région de destination '${region}' est inconnue : on ne peut donc pas prouver que la copie reste dans les régions autorisées`,
              },
          source,
          remedy: {
            en: "Import the vault by a literal ARN, or pass the copy's region (e.g. 'eu-south-2')",
            fr: "Importez le coffre par un ARN littéral, ou passez la région de la copie (par exemple 'eu-south-2')",
          },
        });
        return;
      }
      const denied = levels
        .map((level) => decidePlacementText(this.profile, level, { kind: 'cloud-region', region }))
        .filter((d: LocalizedDecision) => d.decision.status !== 'allowed');
      if (denied.length === 0 || waived(denied.some((d) => d.decision.absolute))) return;
      const first = denied[0];
      const level = first.decision.level;
      const others = denied.slice(1).map((d) => `'${d.decision.level}'`);
      const narrow =
        level !== this.classification
          ? {
              en: `; or leave '${level}' out of taggedLevels and back it up with a plan of its own without this copy`,
              fr: `; ou retirez '${level}' de taggedLevels et sauvegardez-le avec un plan distinct, sans cette copie`,
            }
          : { en: '', fr: '' };
      problems.push({
        rule: 'RES-2',
        message: {
          en: `${at}: a copy to ${first.target.en} would take backups of level '${level}'${
            others.length ? ` (and ${others.join(', ')})` : ''
          } out of the allowed regions: ${first.reason.en}`,
          fr: `${at} : une copie vers ${first.target.fr} ferait sortir des régions autorisées les sauvegardes du niveau '${level}'${
            others.length ? ` (et ${others.join(', ')})` : ''
          } : ${first.reason.fr}`,
        },
        source,
        remedy: first.remedy
          ? {
              en: `Copy only where level '${level}' may live: ${lowerFirst(first.remedy.en)}${narrow.en}`,
              fr: `Ne copiez que là où le niveau '${level}' peut résider : ${lowerFirst(first.remedy.fr)}${narrow.fr}`,
            }
          : {
              en: `Copy only where level '${level}' may live${narrow.en}`,
              fr: `Ne copiez que là où le niveau '${level}' peut résider${narrow.fr}`,
            },
      });
    });
    return problems;
  }
}

/** `text` with its first letter in lower case, to continue a sentence. */
function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
