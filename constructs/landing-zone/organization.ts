// Organization and accounts (DECLARATION, LOG-1): the AWS organization's id and root (or unit)
// id as AWS writes them, a home region for its stacks, the management and log archive accounts
// its trail needs (each template names the other's account), every account id as 12 digits,
// and an audit account apart from the log archive (whoever reviews the logs must not be able
// to alter them). A malformed id would only fail at deployment, far from the declaration.
import type { Checker } from './checker';
import type { LandingZoneDeclaration } from './declaration';
import { text } from './declaration-error';

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** The organization, its accounts and the account ids. */
export function checkOrganization(c: Checker, d: LandingZoneDeclaration, regions: readonly string[]): void {
  if (d.organization) {
    if (!ORGANIZATION_ID.test(String(d.organization.id))) {
      c.add(
        '/organization/id',
        'DECLARATION',
        text(
          `'${String(d.organization.id)}' is not an organization id (o- and 10 to 32 lowercase letters or digits)`,
          `'${String(d.organization.id)}' n'est pas un identifiant d'organisation (o- suivi de 10 à 32 lettres minuscules ou chiffres)`,
        ),
        {
          remedy: text(
            'Copy it from `aws organizations describe-organization`',
            'Copiez-le depuis `aws organizations describe-organization`',
          ),
        },
      );
    }
    if (!ROOT_ID.test(String(d.organization.rootId))) {
      c.add(
        '/organization/rootId',
        'DECLARATION',
        text(
          `'${String(d.organization.rootId)}' is not an organization root id (r-…) or unit id (ou-…)`,
          `'${String(d.organization.rootId)}' n'est pas l'identifiant d'une racine (r-…) ou d'une unité (ou-…) d'organisation`,
        ),
        {
          remedy: text(
            'Copy it from `aws organizations list-roots`',
            'Copiez-le depuis `aws organizations list-roots`',
          ),
        },
      );
    }
    if (!regions.length) {
      c.add(
        '/organization',
        'DECLARATION',
        text(
          'an AWS organization needs at least one region (the home region, where its stacks deploy)',
          "une organisation AWS requiert au moins une région (la région d'origine, où ses piles sont déployées)",
        ),
        { remedy: text('Add `regions`', 'Ajoutez `regions`') },
      );
    }
    // The organization trail is created by the management account and delivers to the log
    // archive account: both templates name the other's account (DEP-3).
    for (const role of ['management', 'logArchive'] as const) {
      if (d.accounts?.[role] === undefined) {
        c.add(
          `/accounts`,
          'DECLARATION',
          text(
            `an AWS organization needs accounts.${role}: the organization trail is created by the management account and delivers to the log archive account, and each template names the other's account`,
            `une organisation AWS requiert accounts.${role} : le suivi d'organisation est créé par le compte de gestion et livre au compte d'archive des journaux, et chaque modèle nomme le compte de l'autre`,
          ),
          { remedy: text(`Add accounts.${role} (12 digits)`, `Ajoutez accounts.${role} (12 chiffres)`) },
        );
      }
    }
  }
  const accounts = d.accounts ?? {};
  const accountPointers: [string, unknown][] = [
    ['/accounts/management', accounts.management],
    ['/accounts/logArchive', accounts.logArchive],
    ['/accounts/audit', accounts.audit],
    ['/accounts/network', accounts.network],
    ...Object.entries(accounts.workloads ?? {}).map(([name, id]): [string, unknown] => [
      `/accounts/workloads/${name}`,
      id,
    ]),
  ];
  for (const [pointer, id] of accountPointers) {
    if (id !== undefined && !(typeof id === 'string' && ACCOUNT_ID.test(id))) {
      c.add(
        pointer,
        'DECLARATION',
        text(
          `account id ${JSON.stringify(id)} is not 12 digits`,
          `l'identifiant de compte ${JSON.stringify(id)} ne compte pas 12 chiffres`,
        ),
        {
          remedy: text(
            'Write the account id as a quoted 12-digit string (leading zeros count)',
            'Écrivez l’identifiant de compte comme une chaîne de 12 chiffres entre guillemets (les zéros initiaux comptent)',
          ),
        },
      );
    }
  }
  if (accounts.logArchive && accounts.audit && accounts.logArchive === accounts.audit) {
    c.add(
      '/accounts/audit',
      'LOG-1',
      text(
        'the audit account must not be the log archive account: whoever reviews the logs must not be able to alter them',
        "le compte d'audit ne doit pas être le compte d'archivage des journaux : qui examine les journaux ne doit pas pouvoir les modifier",
      ),
    );
  }
}
