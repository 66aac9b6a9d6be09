import { tableRule } from './data-stores';

/** ACC-1 for the data stores of the table: no resource policy, URL or API open to everyone. */
export const acc1DataStorePublicAccess = tableRule({
  id: 'ACC-1/data-store-public-access',
  control: 'ACC-1',
  title: {
    en: 'No resource policy or endpoint opens data to everyone',
    fr: "Aucune politique de ressource ni point de terminaison n'ouvre les données à tous",
  },
  description:
    "No resource policy of a data store (queue, topic, secret, repository, file system, domain…) allows the principal * without a condition pinning a fixed source or principal (aws:Referer restricts nothing); no function URL, Lambda permission, API method or GraphQL API is open without authentication, except for data classified 'public'.",
  remediation: {
    en: 'Grant access to named principals (or pin aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID); require IAM, Cognito or a Lambda authorizer',
    fr: "N'accorder l'accès qu'à des principaux nommés (ou fixer aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID) ; exiger IAM, Cognito ou un autorisateur Lambda",
  },
});
