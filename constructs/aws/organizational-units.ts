import * as organizations from 'aws-cdk-lib/aws-organizations';
import type { Construct } from 'constructs';
import { isClassificationLevel, type ClassificationLevel, type ValidationProblem } from '../core';
import { levelRegions, levelsHostedInAws } from './guardrail-statements';
import { organizationStackProblems, parentIdProblems } from './organization-ids';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** Props of {@link OrganizationalUnits}. */
export interface OrganizationalUnitsProps extends SovereignProps {
  /** The parent of the landing zone's OUs: the organization's root (`r-…`) or an OU (`ou-…-…`). */
  readonly parentId: string;
  /**
   * The levels that get a workloads OU (`Workloads/<Level>`). Each must be one that some AWS
   * region may host under the profile: `secret` never, `sensitive` not under `morocco`
   * (L05-20 Art. 11: its workloads live on in-country sites, outside the AWS organization).
   * @default - every level some AWS region may host under the profile
   */
  readonly workloadLevels?: readonly ClassificationLevel[];
}

/** The name of the workloads OU of each level, under `Workloads`. */
export const WORKLOAD_UNIT_NAMES: Readonly<Record<ClassificationLevel, string>> = {
  public: 'Public',
  internal: 'Internal',
  personal: 'Personal',
  sensitive: 'Sensitive',
  secret: 'Secret',
};

/**
 * The landing zone's organizational units, by purpose: `Security` (audit and security
 * tooling accounts), `LogArchive` (the log archive account), `SharedNetwork` (network hub
 * accounts) and `Workloads`, with one child OU per classification level the organization
 * hosts (`Workloads/Internal`, …), so that guardrails and StackSets can target a level.
 *
 * Deploy them in the organization stack: the management account in its home region, a
 * concrete `env.region` allowed for `internal` data under the profile, so that RES-1 judges
 * the stack like any other.
 *
 * @example
 * const ous = new OrganizationalUnits(orgStack, 'Units', { parentId: 'r-ab12' });
 * new OrganizationGuardrails(orgStack, 'Guardrails', { targetIds: ous.guardrailTargetIds });
 */
export class OrganizationalUnits extends SovereignConstruct {
  /** The `Security` OU. */
  public readonly security: organizations.CfnOrganizationalUnit;
  /** The `LogArchive` OU. */
  public readonly logArchive: organizations.CfnOrganizationalUnit;
  /** The `SharedNetwork` OU. */
  public readonly sharedNetwork: organizations.CfnOrganizationalUnit;
  /** The `Workloads` OU. */
  public readonly workloads: organizations.CfnOrganizationalUnit;
  /** The workloads OU of each hosted level. */
  public readonly workloadsByLevel: Readonly<Partial<Record<ClassificationLevel, organizations.CfnOrganizationalUnit>>>;

  constructor(scope: Construct, id: string, props: OrganizationalUnitsProps) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [
      ...organizationStackProblems(this.profile, this.stack, this.classification === 'internal'),
      ...parentIdProblems(props.parentId),
    ];
    const levels = props.workloadLevels ?? levelsHostedInAws(this.profile);
    const seen = new Set<string>();
    levels.forEach((level, i) => {
      if (!isClassificationLevel(level)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `workloadLevels[${i}] '${String(level)}' is not a classification level`,
            fr: `workloadLevels[${i}] '${String(level)}' n'est pas un niveau de classification`,
          },
        });
        return;
      }
      if (seen.has(level)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `workloadLevels[${i}] '${level}' is listed twice`,
            fr: `workloadLevels[${i}] '${level}' figure deux fois`,
          },
        });
      }
      seen.add(level);
      if ((levelRegions(this.profile, level) ?? ['*']).length === 0) {
        const policy = this.profile.levels[level];
        problems.push({
          rule: 'RES-1',
          message: {
            en: `workloadLevels[${i}]: level '${level}' may not be hosted in any AWS region under profile '${this.profile.id}' (${policy.description})`,
            fr: `workloadLevels[${i}] : le niveau '${level}' ne peut être hébergé dans aucune région AWS selon le profil '${this.profile.id}' (${policy.description})`,
          },
          source: policy.source,
          remedy: {
            en: 'Host its workloads on an in-country site, not in the AWS organization',
            fr: "Hébergez ses charges de travail sur un site situé dans le pays, et non dans l'organisation AWS",
          },
        });
      }
    });
    this.validate(problems);

    const ou = (childId: string, name: string, parentId: string) =>
      new organizations.CfnOrganizationalUnit(this, childId, { name, parentId });
    this.security = ou('Security', 'Security', props.parentId);
    this.logArchive = ou('LogArchive', 'LogArchive', props.parentId);
    this.sharedNetwork = ou('SharedNetwork', 'SharedNetwork', props.parentId);
    this.workloads = ou('Workloads', 'Workloads', props.parentId);
    const byLevel: Partial<Record<ClassificationLevel, organizations.CfnOrganizationalUnit>> = {};
    for (const level of levels) {
      byLevel[level] = ou(`Workloads${WORKLOAD_UNIT_NAMES[level]}`, WORKLOAD_UNIT_NAMES[level], this.workloads.attrId);
    }
    this.workloadsByLevel = byLevel;
    this.finish();
  }

  /** The id of the `Security` OU, once deployed. */
  public get securityOuId(): string {
    return this.security.attrId;
  }

  /** The id of the `LogArchive` OU, once deployed. */
  public get logArchiveOuId(): string {
    return this.logArchive.attrId;
  }

  /** The id of the `SharedNetwork` OU, once deployed. */
  public get sharedNetworkOuId(): string {
    return this.sharedNetwork.attrId;
  }

  /** The id of the `Workloads` OU, once deployed. */
  public get workloadsOuId(): string {
    return this.workloads.attrId;
  }

  /** The id of the workloads OU of `level`, if the organization hosts it. */
  public workloadsOuIdOf(level: ClassificationLevel): string | undefined {
    return this.workloadsByLevel[level]?.attrId;
  }

  /**
   * The ids to attach the guardrails to: the four top-level OUs (the level OUs inherit from
   * `Workloads`).
   */
  public get guardrailTargetIds(): string[] {
    return [this.securityOuId, this.logArchiveOuId, this.sharedNetworkOuId, this.workloadsOuId];
  }
}
