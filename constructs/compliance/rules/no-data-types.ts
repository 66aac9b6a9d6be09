import type { LocalizedText } from '../../core';

/**
 * Types that hold no customer data and open no path of their own, so that no rule judges them:
 * the engine counts them once per type, with the reason, instead of reporting each resource
 * as not assessed. A type belongs here only when what it can change is judged elsewhere (the
 * function of a custom resource, the template of a nested stack); a type that holds data, keys,
 * logs or network paths gets a rule instead.
 */
export interface NoDataType {
  /** A CloudFormation type, or a Kubernetes `group/Kind` as the reader names it. */
  readonly type: string;
  readonly reason: LocalizedText;
  /** The documentation the reason was written from. */
  readonly source: string;
}

const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';

export const NO_DATA_TYPES: readonly NoDataType[] = [
  {
    type: 'AWS::CloudFormation::Stack',
    reason: {
      en: 'a nested stack: the resources of its template are read and judged in their own right (one it cannot read is reported as unread, never as judged)',
      fr: 'une pile imbriquée : les ressources de son modèle sont lues et jugées pour elles-mêmes (une pile illisible est signalée comme non lue, jamais comme jugée)',
    },
    source: `${CFN}/aws-resource-cloudformation-stack.html`,
  },
  {
    type: 'AWS::CloudFormation::WaitConditionHandle',
    reason: {
      en: 'a presigned URL that signals a wait condition; it holds no data',
      fr: "une URL présignée qui signale une condition d'attente ; elle ne contient aucune donnée",
    },
    source: `${CFN}/aws-resource-cloudformation-waitconditionhandle.html`,
  },
  {
    type: 'AWS::EC2::EIP',
    reason: {
      en: 'a public IPv4 address: it holds no data, and what it exposes is judged on the instance, NAT gateway or load balancer it is attached to',
      fr: "une adresse IPv4 publique : elle ne contient aucune donnée, et ce qu'elle expose est jugé sur l'instance, la passerelle NAT ou l'équilibreur auquel elle est attachée",
    },
    source: `${CFN}/aws-resource-ec2-eip.html`,
  },
  {
    type: 'AWS::EC2::VPCGatewayAttachment',
    reason: {
      en: 'attaches a gateway to a VPC; the routes to the gateway are what expose a subnet, and NET-3 judges them',
      fr: 'attache une passerelle à un VPC ; ce sont les routes vers la passerelle qui exposent un sous-réseau, et NET-3 les juge',
    },
    source: `${CFN}/aws-resource-ec2-vpcgatewayattachment.html`,
  },
  {
    type: 'AWS::Organizations::OrganizationalUnit',
    reason: {
      en: 'a container of accounts: it holds no data; the policies attached to it are judged as AWS::Organizations::Policy',
      fr: 'un conteneur de comptes : il ne contient aucune donnée ; les politiques qui lui sont attachées sont jugées comme AWS::Organizations::Policy',
    },
    source: `${CFN}/aws-resource-organizations-organizationalunit.html`,
  },
  {
    type: 'Custom::VpcRestrictDefaultSG',
    reason: {
      en: "aws-cdk-lib's custom resource that removes the rules of a VPC's default security group (restrictDefaultSecurityGroup); it holds no data, and its function and role are judged as resources of their own",
      fr: "la ressource personnalisée d'aws-cdk-lib qui retire les règles du groupe de sécurité par défaut d'un VPC (restrictDefaultSecurityGroup) ; elle ne contient aucune donnée, et sa fonction et son rôle sont jugés pour eux-mêmes",
    },
    source: 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.Vpc.html',
  },
  {
    type: 'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
    reason: {
      en: 'CEL expressions the API server evaluates in process to refuse objects; it holds no data and sends none anywhere',
      fr: "des expressions CEL que le serveur d'API évalue en interne pour refuser des objets ; elle ne contient aucune donnée et n'en envoie nulle part",
    },
    source: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
  },
  {
    type: 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
    reason: {
      en: 'binds a ValidatingAdmissionPolicy to the objects it validates; it holds no data',
      fr: "lie une ValidatingAdmissionPolicy aux objets qu'elle valide ; elle ne contient aucune donnée",
    },
    source: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
  },
];

const BY_TYPE: ReadonlyMap<string, NoDataType> = new Map(NO_DATA_TYPES.map((t) => [t.type, t]));

/** The catalog's entry for a type, if the type holds no data. */
export function noDataType(type: string): NoDataType | undefined {
  return BY_TYPE.get(type);
}
