import type { Language } from './i18n';

/**
 * The control catalog. Findings, suppressions, reports and docs name controls by these
 * ids; a profile decides which apply, at which severity and with which legal source.
 */

/** Control ids, in catalog order. */
export const CONTROL_IDS = [
  'CLS-1',
  'RES-1',
  'RES-2',
  'RES-3',
  'RES-4',
  'ENC-1',
  'ENC-2',
  'KEY-1',
  'KEY-2',
  'KEY-3',
  'LOG-1',
  'LOG-2',
  'LOG-3',
  'LOG-4',
  'NET-1',
  'NET-2',
  'NET-3',
  'NET-4',
  'NET-5',
  'NET-6',
  'NET-7',
  'ACC-1',
  'IAM-1',
  'K8S-1',
  'K8S-2',
  'K8S-3',
  'K8S-4',
  'BCK-1',
  'DEP-1',
  'DEP-2',
  'DEP-3',
  'DEP-4',
  'DEP-5',
  'DEP-6',
  'DEP-7',
  'JUR-1',
] as const;

/** A control id of the catalog. */
export type ControlId = (typeof CONTROL_IDS)[number];

/** The family of a control; residency controls carry the absolute rules. */
export type ControlCategory =
  | 'classification'
  | 'residency'
  | 'encryption'
  | 'keys'
  | 'logging'
  | 'network'
  | 'access'
  | 'workload'
  | 'backup'
  | 'jurisdiction'
  /** The artifacts deploy as written: the providers' own rules (CloudFormation, Organizations, Kubernetes). */
  | 'deployability';

/** A control of the catalog. */
export interface Control {
  readonly id: ControlId;
  readonly category: ControlCategory;
  /** One line: what must hold. */
  readonly requirement: string;
  /** The requirement in French (the working language of the Moroccan administration). */
  readonly requirementFr: string;
  /** The evidence in a CloudFormation template, if the control applies there. */
  readonly cloudformation?: string;
  /** The evidence in Terraform JSON of the Kubernetes provider, if the control applies there. */
  readonly kubernetes?: string;
}

/** Every control, in catalog order. */
export const CONTROLS: readonly Control[] = [
  {
    id: 'CLS-1',
    category: 'classification',
    requirement: "Every resource carries a classification from the profile's levels",
    requirementFr: 'Chaque ressource porte une classification parmi les niveaux du profil',
    cloudformation: 'tag sovereign-lz.io/classification on every taggable resource (or the stack)',
    kubernetes: 'label on every kubernetes_namespace_v1 (workloads inherit it)',
  },
  {
    id: 'RES-1',
    category: 'residency',
    requirement: 'Data is hosted only where its classification allows',
    requirementFr: 'Les données ne sont hébergées que là où leur classification le permet',
    cloudformation: 'stack region allowed for the level; an environment-agnostic stack cannot prove residency',
    kubernetes: 'workloads require node affinity topology.kubernetes.io/region (or zone) In allowed in-country values',
  },
  {
    id: 'RES-2',
    category: 'residency',
    requirement: 'No copy leaves the jurisdiction',
    requirementFr: 'Aucune copie ne quitte la juridiction',
    cloudformation:
      'S3 replication, Backup copy actions and DynamoDB replicas in allowed regions; KMS keys not MultiRegion',
    kubernetes: 'storage class allowed_topologies within allowed values',
  },
  {
    id: 'RES-3',
    category: 'residency',
    requirement: 'Technical data (logs, trails, identities) stays in the jurisdiction',
    requirementFr: "Les données techniques (journaux, pistes d'audit, identités) restent dans la juridiction",
    cloudformation: 'CloudTrail bucket/log group, flow-log and subscription destinations in allowed regions',
    kubernetes: "log forwarders' sinks on the profile's allowlist",
  },
  {
    id: 'RES-4',
    category: 'residency',
    requirement: 'The organization denies requests outside allowed regions',
    requirementFr: "L'organisation refuse les requêtes hors des régions autorisées",
    cloudformation: 'a service control policy denying aws:RequestedRegion outside the allowlist, attached to the OUs',
  },
  {
    id: 'ENC-1',
    category: 'encryption',
    requirement: 'Data at rest is encrypted with a customer-managed key',
    requirementFr: 'Les données au repos sont chiffrées avec une clé gérée par le client',
    cloudformation:
      'S3/EBS/RDS/EFS/DynamoDB/SQS/SNS/Logs/Backup encryption with a customer key (public may use provider keys)',
    kubernetes: 'storage classes used by the namespace declare encryption',
  },
  {
    id: 'ENC-2',
    category: 'encryption',
    requirement: 'Data in transit is encrypted',
    requirementFr: 'Les données en transit sont chiffrées',
    cloudformation: 'bucket policy denies aws:SecureTransport false; listeners HTTPS/TLS with a TLS 1.2+ policy',
    kubernetes: 'ingress objects declare TLS',
  },
  {
    id: 'KEY-1',
    category: 'keys',
    requirement: 'Keys of sensitive data are known only to the customer',
    requirementFr: 'Les clés des données sensibles ne sont connues que du client',
    cloudformation: "key ARN on the profile's allowlist of external-key-store or customer-HSM keys",
    kubernetes: "storage class KMS id on the profile's allowlist of in-country key managers",
  },
  {
    id: 'KEY-2',
    category: 'keys',
    requirement: 'Keys rotate',
    requirementFr: "Les clés font l'objet d'une rotation",
    cloudformation: "EnableKeyRotation true and RotationPeriodInDays at most the profile's maximum",
  },
  {
    id: 'KEY-3',
    category: 'keys',
    requirement: 'Keys are not shared or exposed',
    requirementFr: 'Les clés ne sont ni partagées ni exposées',
    cloudformation: "no unconditioned '*' principal, no foreign account; PendingWindowInDays at least the minimum",
  },
  {
    id: 'LOG-1',
    category: 'logging',
    requirement: 'Security events are logged, centralized, tamper-evident',
    requirementFr: 'Les événements de sécurité sont journalisés et centralisés, toute altération étant détectable',
    cloudformation:
      'CloudTrail logging, multi-region, global events, file validation, KMS; the log bucket has Object Lock',
    kubernetes: 'a log forwarder ships container logs to an in-country sink',
  },
  {
    id: 'LOG-2',
    category: 'logging',
    requirement: "Logs are kept at least the profile's minimum",
    requirementFr: 'Les journaux sont conservés au moins pendant la durée minimale du profil',
    cloudformation: 'log group RetentionInDays, log bucket lifecycle expiration and Object Lock retention',
    kubernetes: "the log forwarder's sink declares a retention at least the minimum",
  },
  {
    id: 'LOG-3',
    category: 'logging',
    requirement: 'Network flows are recorded',
    requirementFr: 'Les flux réseau sont enregistrés',
    cloudformation: 'an AWS::EC2::FlowLog for every AWS::EC2::VPC',
  },
  {
    id: 'LOG-4',
    category: 'logging',
    requirement: 'Data-bucket access is logged',
    requirementFr: 'Les accès aux compartiments de données sont journalisés',
    cloudformation: 'S3 LoggingConfiguration on every non-log bucket, or CloudTrail S3 data events',
  },
  {
    id: 'NET-1',
    category: 'network',
    requirement: 'No open ingress',
    requirementFr: "Aucun accès entrant n'est ouvert à tous",
    cloudformation: 'no ingress from 0.0.0.0/0 or ::/0 except 80/443 on the public tier; never on admin ports',
  },
  {
    id: 'NET-2',
    category: 'network',
    requirement: 'Admin endpoints and private tiers are not public',
    requirementFr: "Les points d'accès d'administration et les tiers privés ne sont pas publics",
    cloudformation:
      'private subnets without MapPublicIpOnLaunch; no public EKS endpoint; no public IPs off the public tier',
    kubernetes: 'LoadBalancer/NodePort services only in namespaces of the public tier',
  },
  {
    id: 'NET-3',
    category: 'network',
    requirement: 'The data tier has no route to the internet',
    requirementFr: "Le tiers de données n'a aucune route vers Internet",
    cloudformation: 'data-tier route tables have no route to an internet or NAT gateway',
  },
  {
    id: 'NET-4',
    category: 'network',
    requirement: 'Namespaces deny by default',
    requirementFr: 'Les espaces de noms refusent tout trafic par défaut',
    kubernetes: 'a NetworkPolicy with an empty pod selector denying Ingress and Egress in every namespace',
  },
  {
    id: 'NET-5',
    category: 'network',
    requirement: 'Private service access',
    requirementFr: 'Les services sont joints par un accès privé',
    cloudformation: 'VPC endpoints for S3, KMS, CloudWatch Logs and STS in VPCs of internal+ levels',
  },
  {
    id: 'NET-6',
    category: 'network',
    requirement: 'Every reachable path is declared',
    requirementFr: 'Tout chemin joignable est déclaré',
    cloudformation:
      'paths between tiers and from the internet, computed through routes, network ACLs both ways and security groups, are within a tier, a declared flow or a built-in (HTTPS to the public tier, the VPC endpoints)',
    kubernetes:
      'paths between namespaces, computed from NetworkPolicies, are a declared flow or a built-in (DNS); sensitive namespaces reach no address outside the site but their log sink',
  },
  {
    id: 'NET-7',
    category: 'network',
    requirement: 'Every declared flow is open',
    requirementFr: 'Tout flux déclaré est ouvert',
    cloudformation:
      'each declared flow between tiers of one VPC passes the routes, both network ACLs and the security groups',
    kubernetes:
      'each declared flow between namespaces passes the egress policies of its source and the ingress policies of its destination; a flow leaving a site is reported as declared',
  },
  {
    id: 'ACC-1',
    category: 'access',
    requirement: 'No public data access',
    requirementFr: 'Aucun accès public aux données',
    cloudformation: 'S3 Block Public Access all true; no unconditioned public bucket policy; no public ACL',
  },
  {
    id: 'IAM-1',
    category: 'access',
    requirement: 'Least privilege',
    requirementFr: 'Moindre privilège',
    cloudformation: "no Allow of Action '*' on Resource '*'; no IAM users or access keys for people",
    kubernetes: 'no cluster-admin binding to non-system subjects',
  },
  {
    id: 'K8S-1',
    category: 'workload',
    requirement: 'Pod security is enforced',
    requirementFr: 'La sécurité des pods est imposée',
    kubernetes: 'namespace labels pod-security.kubernetes.io/enforce (and audit, warn) = restricted',
  },
  {
    id: 'K8S-2',
    category: 'workload',
    requirement: 'Containers are hardened',
    requirementFr: 'Les conteneurs sont durcis',
    kubernetes: 'non-root, no privilege escalation, drop ALL, read-only root filesystem, no host namespaces or paths',
  },
  {
    id: 'K8S-3',
    category: 'workload',
    requirement: 'Namespaces are bounded',
    requirementFr: 'Les ressources des espaces de noms sont plafonnées',
    kubernetes: 'a ResourceQuota and a LimitRange per namespace',
  },
  {
    id: 'K8S-4',
    category: 'workload',
    requirement: 'Software comes from trusted in-country registries',
    requirementFr: 'Les logiciels proviennent de registres de confiance situés dans le pays',
    kubernetes: "images from the profile's allowlisted registries, pinned by digest or immutable tag",
  },
  {
    id: 'BCK-1',
    category: 'backup',
    requirement: 'Backups exist and stay in the jurisdiction',
    requirementFr: 'Des sauvegardes existent et restent dans la juridiction',
    cloudformation: 'a Backup plan covering data stores of internal+ levels; vault lock; copies under RES-2',
    kubernetes: 'a backup schedule for namespaces with persistent data, to an allowlisted in-country location',
  },
  {
    id: 'DEP-1',
    category: 'deployability',
    requirement: 'Templates deploy unchanged in every target region and partition',
    requirementFr: 'Les modèles se déploient tels quels dans chaque région et partition cibles',
    cloudformation:
      "the TemplateBody of each AWS::CloudFormation::StackSet, instantiated per region of its stack instances, names no other region and gives no fixed name to a global resource deployed twice in one account; no template (nor StackSet body) names an ARN or endpoint of another partition than its region's (aws, aws-cn, aws-us-gov, aws-eusc)",
  },
  {
    id: 'DEP-2',
    category: 'deployability',
    requirement: 'Explicit physical names do not collide',
    requirementFr: 'Les noms physiques explicites ne se heurtent pas',
    cloudformation:
      'names of IAM entities per account, S3 bucket names per partition and other names per account and region are unique across the stacks and stack instances of the input',
  },
  {
    id: 'DEP-3',
    category: 'deployability',
    requirement: 'Organization trails are created where CloudTrail allows, and their grants admit them',
    requirementFr:
      "Les pistes d'organisation sont créées là où CloudTrail le permet, et leurs autorisations les admettent",
    cloudformation:
      "an organization trail in the management account or CloudTrail's delegated administrator; bucket and key policies conditioned on the trail's ARN name the ARN it will have",
  },
  {
    id: 'DEP-4',
    category: 'deployability',
    requirement: 'Guardrails do not lock out the deployer',
    requirementFr: "Les garde-fous n'empêchent pas le déploiement",
    cloudformation:
      "every Deny of a service control policy governing a stack's account exempts the role CloudFormation deploys the stack with (CDK execution role, StackSet execution role)",
  },
  {
    id: 'DEP-5',
    category: 'deployability',
    requirement: 'Cross-stack references resolve and deploy in order',
    requirementFr: "Les références entre piles se résolvent et se déploient dans l'ordre",
    cloudformation:
      'Fn::ImportValue and CDK cross-region references read an export of the same account and region, from a stack deployed before (manifest dependencies)',
  },
  {
    id: 'DEP-6',
    category: 'deployability',
    requirement: "Templates fit CloudFormation's quotas",
    requirementFr: 'Les modèles respectent les quotas de CloudFormation',
    cloudformation:
      'template body at most 51,200 bytes when sent inline and 1 MB in S3; at most 500 resources, 200 parameters, 200 outputs',
  },
  {
    id: 'DEP-7',
    category: 'deployability',
    requirement: 'Workloads can start and keep their data',
    requirementFr: 'Les charges de travail peuvent démarrer et conserver leurs données',
    kubernetes:
      'writable volumes where the root filesystem is read-only, persistent volume claims in the data tier, probe schemes matching their ports, CRDs and namespaces present or listed as prerequisites',
  },
  {
    id: 'JUR-1',
    category: 'jurisdiction',
    requirement: 'Non-technical obligations are attested',
    requirementFr: 'Les obligations non techniques sont attestées',
    cloudformation: 'profile attestations are recorded and reported as manual checks',
    kubernetes: 'profile attestations are recorded and reported as manual checks',
  },
];

const BY_ID = new Map(CONTROLS.map((c) => [c.id, c]));

/** True if `value` is a control id of the catalog. */
export function isControlId(value: unknown): value is ControlId {
  return typeof value === 'string' && BY_ID.has(value as ControlId);
}

/** The control with this id. */
export function getControl(id: ControlId): Control {
  const control = BY_ID.get(id);
  if (!control) throw new Error(`unknown control id '${id}'`);
  return control;
}

/** The requirement of a control in `language`. */
export function requirementOf(control: Control, language: Language): string {
  return language === 'fr' ? control.requirementFr : control.requirement;
}

/** The control id of a control or rule id (`ENC-1` or `ENC-1/s3-bucket-cmk`), if it is one. */
export function controlOf(idOrRule: string): ControlId | undefined {
  const control = idOrRule.split('/')[0];
  return isControlId(control) ? control : undefined;
}
