import { Stack, Stage, Token } from 'aws-cdk-lib';
import { DEFAULT_EXEMPT_ROLE_NAMES } from '../aws/service-control-policy';
import { partitionOf, type LocalizedText, type ZoneOrganization, type ZonePrerequisite } from '../core';
import type { AwsZone } from './aws-zone';
import type { LandingZoneDeclaration } from './declaration';

/**
 * What must exist before the first deployment unit of a zone's AWS side, each with the command
 * that makes it so: written to `landing-zone.json` and shown first in the plan. Nothing here is
 * run by sovereign-lz; every word of a command is quoted.
 */

const text = (en: string, fr: string): LocalizedText => ({ en, fr });

/** An account id the examples use as a stand-in (the same digit twelve times, or AWS's documentation example). */
function isPlaceholderAccount(id: string): boolean {
  return /^(\d)\1{11}$/.test(id) || id === '123456789012';
}

/** The (account, region) pairs the stacks of the app deploy to with `cdk deploy`: StackSet templates excluded. */
function deployTargets(aws: AwsZone): { account?: string; region: string }[] {
  const seen = new Map<string, { account?: string; region: string }>();
  for (const stack of aws.app.node.findAll().filter(Stack.isStack)) {
    // A stage's stacks (the StackSet templates) are deployed by StackSets, not by the CDK CLI.
    if (Stage.of(stack) !== aws.app) continue;
    const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
    const region = stack.region;
    if (Token.isUnresolved(region)) continue;
    seen.set(`${account ?? ''}/${region}`, { account, region });
  }
  return [...seen.values()].sort((a, b) =>
    `${a.account ?? ''}/${a.region}` < `${b.account ?? ''}/${b.region}` ? -1 : 1,
  );
}

/**
 * The prerequisites of the AWS side of a zone, in the order to satisfy them; `organization` is
 * the summary's (the unit of each account).
 */
export function awsPrerequisites(
  d: LandingZoneDeclaration,
  aws: AwsZone,
  organization: ZoneOrganization | null,
): ZonePrerequisite[] {
  const home = d.regions?.[0];
  if (!home) return [];
  const partition = partitionOf(home);
  const accounts = d.accounts ?? {};
  const management = accounts.management;
  const prerequisites: ZonePrerequisite[] = [];
  const add = (p: ZonePrerequisite) => prerequisites.push(p);
  const org = d.organization;
  const deploymentRole = org ? (org.exemptRoleNames ?? DEFAULT_EXEMPT_ROLE_NAMES)[0] : undefined;

  if (org && management) {
    const target = `aws:${management}`;
    add({
      id: 'organization:all-features',
      kind: 'organization',
      target,
      name: null,
      description: text(
        'AWS Organizations with all features enabled: service control policies need them (check: aws organizations describe-organization shows FeatureSet ALL)',
        'AWS Organizations avec toutes les fonctionnalités activées : les politiques de contrôle des services en ont besoin (vérifier : aws organizations describe-organization affiche FeatureSet ALL)',
      ),
      commands: [['aws', 'organizations', 'enable-all-features']],
    });
    add({
      id: 'organization:scp-policy-type',
      kind: 'organization',
      target,
      name: null,
      description: text(
        `The SERVICE_CONTROL_POLICY policy type enabled on the organization's root${org.rootId.startsWith('r-') ? '' : " (replace ROOT_ID with the root's id: aws organizations list-roots)"}`,
        `Le type de politique SERVICE_CONTROL_POLICY activé sur la racine de l'organisation${org.rootId.startsWith('r-') ? '' : " (remplacer ROOT_ID par l'identifiant de la racine : aws organizations list-roots)"}`,
      ),
      commands: [
        [
          'aws',
          'organizations',
          'enable-policy-type',
          '--root-id',
          org.rootId.startsWith('r-') ? org.rootId : 'ROOT_ID',
          '--policy-type',
          'SERVICE_CONTROL_POLICY',
        ],
      ],
    });
    add({
      id: 'organization:trusted-access:stacksets',
      kind: 'organization',
      target,
      name: null,
      description: text(
        'Trusted access for CloudFormation StackSets: the baseline StackSets are service-managed (they never deploy to the management account itself)',
        'Accès approuvé pour CloudFormation StackSets : les StackSets de référence sont gérés par le service (ils ne se déploient jamais dans le compte de gestion lui-même)',
      ),
      commands: [['aws', 'cloudformation', 'activate-organizations-access']],
    });
    add({
      id: 'organization:trusted-access:cloudtrail',
      kind: 'organization',
      target,
      name: null,
      description: text(
        'Trusted access for CloudTrail: the organization trail is created by the management account',
        "Accès approuvé pour CloudTrail : le suivi d'organisation est créé par le compte de gestion",
      ),
      commands: [
        ['aws', 'organizations', 'enable-aws-service-access', '--service-principal', 'cloudtrail.amazonaws.com'],
      ],
    });
  }

  const targets = deployTargets(aws);
  if (deploymentRole && management) {
    // The deployment role: the CDK CLI assumes it (deploy role) and CloudFormation acts with it
    // (execution role) in every account; the guardrails exempt it, and forbid anyone else to
    // create or change it, so it must exist before the accounts join their units.
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${management}:root` }, Action: 'sts:AssumeRole' },
      ],
    });
    for (const account of [
      ...new Set(targets.map((t) => t.account).filter((a): a is string => a !== undefined)),
    ].sort()) {
      add({
        id: `role:${deploymentRole}:${account}`,
        kind: 'role',
        target: `aws:${account}`,
        name: deploymentRole,
        description: text(
          `The deployment role ${deploymentRole} in account ${account}, trusted by CloudFormation and the management account ${management}: every stack there deploys with it, and the guardrails exempt it. Create it with the account's administrator credentials before the account joins its unit`,
          `Le rôle de déploiement ${deploymentRole} dans le compte ${account}, approuvé pour CloudFormation et le compte de gestion ${management} : chaque pile de ce compte se déploie avec lui, et les garde-fous l'exemptent. Le créer avec les identifiants d'administrateur du compte avant que le compte ne rejoigne son unité`,
        ),
        commands: [
          ['aws', 'iam', 'create-role', '--role-name', deploymentRole, '--assume-role-policy-document', trust],
          [
            'aws',
            'iam',
            'attach-role-policy',
            '--role-name',
            deploymentRole,
            '--policy-arn',
            `arn:${partition}:iam::aws:policy/AdministratorAccess`,
          ],
        ],
      });
    }
  }

  for (const { account, region } of targets) {
    const env = `aws://${account ?? 'ACCOUNT_ID'}/${region}`;
    // With the deployment role as execution role, the bootstrap's own execution role deploys
    // nothing: it is given read-only rights, and the management account is trusted to publish
    // the templates to the bootstrap bucket.
    const words =
      deploymentRole && management
        ? [
            'npx',
            'cdk',
            'bootstrap',
            env,
            '--trust',
            management,
            '--cloudformation-execution-policies',
            `arn:${partition}:iam::aws:policy/ReadOnlyAccess`,
          ]
        : ['npx', 'cdk', 'bootstrap', env];
    add({
      id: `cdk-bootstrap:${account ?? 'ACCOUNT_ID'}:${region}`,
      kind: 'bootstrap',
      target: account ? `aws:${account}:${region}` : `aws:${region}`,
      name: null,
      description: account
        ? text(
            `The CDK bootstrap of account ${account} in ${region} (its bucket receives the templates cdk deploy publishes)`,
            `L'amorçage CDK du compte ${account} dans ${region} (son compartiment reçoit les modèles que cdk deploy publie)`,
          )
        : text(
            `The CDK bootstrap of the deploying account in ${region} (replace ACCOUNT_ID with its id)`,
            `L'amorçage CDK du compte qui déploie dans ${region} (remplacer ACCOUNT_ID par son identifiant)`,
          ),
      commands: [words],
    });
  }

  if (org && management) {
    for (const account of organization?.accounts ?? []) {
      if (account.organizationalUnit) add(moveAccount(account.id, account.organizationalUnit, org.rootId, management));
    }
  }

  const declared: [string, string | undefined][] = [
    ['accounts.management', accounts.management],
    ['accounts.logArchive', accounts.logArchive],
    ['accounts.audit', accounts.audit],
    ['accounts.network', accounts.network],
    ...Object.entries(accounts.workloads ?? {}).map(([name, id]): [string, string] => [
      `accounts.workloads.${name}`,
      id,
    ]),
  ];
  for (const [path, id] of declared) {
    if (!id || !isPlaceholderAccount(id)) continue;
    add({
      id: `placeholder:${path}`,
      kind: 'placeholder',
      target: `aws:${id}`,
      name: null,
      description: text(
        `${path} is ${id}, a stand-in: replace it with an account of your organization in the declaration`,
        `${path} vaut ${id}, une valeur d'exemple : la remplacer par un compte de votre organisation dans la déclaration`,
      ),
      commands: [],
    });
  }
  return prerequisites;
}

/** Moving an account into the unit the landing zone made for it (after the unit Organization). */
export function moveAccount(account: string, unit: string, rootId: string, management: string): ZonePrerequisite {
  return {
    id: `organization:move-account:${account}`,
    kind: 'organization',
    target: `aws:${management}`,
    name: null,
    description: text(
      `Account ${account} moved into the unit ${unit}, once the unit Organization has created it (replace OU_ID with the unit's id: aws organizations list-organizational-units-for-parent)`,
      `Le compte ${account} déplacé dans l'unité ${unit}, une fois l'unité créée par l'unité de déploiement Organization (remplacer OU_ID par l'identifiant de l'unité : aws organizations list-organizational-units-for-parent)`,
    ),
    commands: [
      [
        'aws',
        'organizations',
        'move-account',
        '--account-id',
        account,
        '--source-parent-id',
        rootId.startsWith('r-') ? rootId : 'ROOT_ID',
        '--destination-parent-id',
        'OU_ID',
      ],
    ],
  };
}
