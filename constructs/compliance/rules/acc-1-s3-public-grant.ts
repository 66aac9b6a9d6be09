import { tableRule } from './data-stores';

/** ACC-1: no bucket policy or ACL opens a bucket to everyone. */
export const acc1S3PublicGrant = tableRule({
  id: 'ACC-1/s3-public-grant',
  control: 'ACC-1',
  title: {
    en: 'No bucket policy or ACL grants public access',
    fr: "Aucune politique de compartiment ni ACL n'accorde d'accès public",
  },
  description:
    "No Allow statement of a bucket policy grants the principal * without a condition pinning a fixed source or principal (aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:PrincipalOrgID…: S3's meaning of public; aws:Referer restricts nothing), and the bucket has no public canned ACL (PublicRead, PublicReadWrite, AuthenticatedRead). A bucket policy of a bucket outside its template (named by name or ARN) is judged on the policy.",
  remediation: {
    en: 'Grant access to named principals only; use CloudFront with origin access control to publish content',
    fr: "N'accorder l'accès qu'à des principaux nommés ; publier du contenu par CloudFront avec un contrôle d'accès à l'origine (origin access control)",
  },
});
