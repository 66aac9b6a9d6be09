import { Duration, RemovalPolicy, Stack, Token, Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { ValidationProblem } from '../core';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** Props of a {@link SovereignKey}. */
export interface SovereignKeyProps extends SovereignProps {
  /**
   * What the key protects, for the KMS console.
   * @default - "sovereign-lz key for <classification> data (<construct path>)"
   */
  readonly description?: string;
  /**
   * An alias, without the `alias/` prefix.
   * @default - no alias
   */
  readonly alias?: string;
  /**
   * Days between automatic rotations (KMS accepts 90–2560); at most the profile's maximum.
   * @default - the profile's `keyRotationMaxDays`
   */
  readonly rotationPeriodDays?: number;
  /**
   * Days between a scheduled deletion and the deletion (KMS accepts 7–30); at least the
   * profile's `keyDeletionWindowDays`.
   * @default - the profile's `keyDeletionWindowDays`
   */
  readonly pendingWindowDays?: number;
  /**
   * ARN of a key whose material the customer alone holds: an external key store (XKS) or
   * customer-HSM key, created outside CloudFormation (which cannot create XKS keys). It
   * must be on the profile's `allowlists.externalKeyArns`. Required for levels whose key
   * custody is `customer-exclusive` (KEY-1), e.g. `sensitive` under `eu`.
   * @default - a new customer-managed KMS key
   */
  readonly externalKeyArn?: string;
  /**
   * What happens to a created key when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A customer-managed KMS key: single-region (RES-2), rotation within the profile's maximum
 * (KEY-2), the profile's deletion window and a key policy that names the account, never a
 * wildcard principal (KEY-3). For levels whose keys must be known only to the customer,
 * it wraps an allowlisted external key instead (KEY-1).
 *
 * @example
 * const key = new SovereignKey(stack, 'RecordsKey', { classification: 'internal', alias: 'records' });
 */
export class SovereignKey extends SovereignConstruct {
  /** The key, created or imported. */
  public readonly key: kms.IKey;
  /** The created key, or undefined if an external key is wrapped. */
  public readonly createdKey?: kms.Key;
  /** True if the key is an external (XKS/HSM) key from the allowlist. */
  public readonly external: boolean;

  constructor(scope: Construct, id: string, props: SovereignKeyProps = {}) {
    super(scope, id, props);
    const rotation = props.rotationPeriodDays ?? this.profile.keyRotationMaxDays;
    const pending = props.pendingWindowDays ?? this.profile.keyDeletionWindowDays;
    const problems: ValidationProblem[] = [];
    const src = this.profile.figureSources;
    if (!Number.isInteger(rotation) || rotation < 90 || rotation > this.profile.keyRotationMaxDays) {
      problems.push({
        rule: 'KEY-2',
        message: {
          en: `rotationPeriodDays ${rotation} must be an integer from 90 to ${this.profile.keyRotationMaxDays} (the profile's maximum)`,
          fr: `rotationPeriodDays ${rotation} doit être un entier de 90 à ${this.profile.keyRotationMaxDays} (le maximum du profil)`,
        },
        source: src.keyRotation,
      });
    }
    if (!Number.isInteger(pending) || pending < this.profile.keyDeletionWindowDays || pending > 30) {
      problems.push({
        rule: 'KEY-3',
        message: {
          en: `pendingWindowDays ${pending} must be an integer from ${this.profile.keyDeletionWindowDays} (the profile's minimum) to 30`,
          fr: `pendingWindowDays ${pending} doit être un entier de ${this.profile.keyDeletionWindowDays} (le minimum du profil) à 30`,
        },
        source: src.keyDeletion,
      });
    }
    const custody = this.profile.levels[this.classification].keyCustody;
    if (props.externalKeyArn !== undefined) {
      if (
        Token.isUnresolved(props.externalKeyArn) ||
        !this.profile.allowlists.externalKeyArns.includes(props.externalKeyArn)
      ) {
        problems.push({
          rule: 'KEY-1',
          message: {
            en: `externalKeyArn '${props.externalKeyArn}' is not on the profile's allowlists.externalKeyArns`,
            fr: `externalKeyArn '${props.externalKeyArn}' ne figure pas dans allowlists.externalKeyArns du profil`,
          },
          source: this.profile.controls['KEY-1'].source,
          remedy: {
            en: 'Add the ARN of your XKS or customer-HSM key to the profile',
            fr: "Ajoutez au profil l'ARN de votre clé XKS ou de votre clé HSM client",
          },
        });
      }
    } else if (custody === 'customer-exclusive' && !this.suppressionFor('KEY-1')) {
      problems.push({
        rule: 'KEY-1',
        message: {
          en: `level '${this.classification}' needs keys known only to the customer under profile '${this.profile.id}', and a KMS key created by CloudFormation is not one`,
          fr: `le niveau '${this.classification}' exige des clés connues du seul client selon le profil '${this.profile.id}', ce que n'est pas une clé KMS créée par CloudFormation`,
        },
        source: this.profile.controls['KEY-1'].source,
        remedy: {
          en: 'Pass externalKeyArn: the ARN of an external key store (XKS) or customer-HSM key on the profile allowlist',
          fr: "Passez externalKeyArn : l'ARN d'une clé d'un magasin de clés externe (XKS) ou d'une clé HSM client figurant dans la liste autorisée du profil",
        },
      });
    }
    if (props.alias !== undefined && !/^[a-zA-Z0-9/_-]{1,250}$/.test(props.alias)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `alias '${props.alias}' may only contain letters, digits, '/', '_' and '-'`,
          fr: `l'alias '${props.alias}' ne peut contenir que des lettres, des chiffres, '/', '_' et '-'`,
        },
      });
    }
    if (props.alias?.startsWith('aws/') || props.alias?.startsWith('alias/')) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `alias '${props.alias}' must be given without the 'alias/' prefix and may not start with 'aws/'`,
          fr: `l'alias '${props.alias}' doit être donné sans le préfixe 'alias/' et ne peut pas commencer par 'aws/'`,
        },
      });
    }
    this.validate(problems);

    this.external = props.externalKeyArn !== undefined;
    if (props.externalKeyArn !== undefined) {
      this.key = kms.Key.fromKeyArn(this, 'Resource', props.externalKeyArn);
    } else {
      this.createdKey = new kms.Key(this, 'Resource', {
        description: props.description ?? `sovereign-lz key for ${this.classification} data (${this.node.path})`,
        alias: props.alias,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(rotation),
        pendingWindow: Duration.days(pending),
        multiRegion: false,
        keySpec: kms.KeySpec.SYMMETRIC_DEFAULT,
        keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      this.key = this.createdKey;
    }
    this.finish();
  }

  /** The key's ARN. */
  public get keyArn(): string {
    return this.key.keyArn;
  }

  /**
   * Lets CloudWatch Logs of this account and region use the key for log groups, scoped by
   * encryption context to this account's log groups. No-op for an external key, whose
   * policy is managed where the key lives. The region is the `AWS::Region` pseudo parameter,
   * never a literal: the same template then serves every region a StackSet deploys it to.
   */
  public allowCloudWatchLogs(): void {
    if (!this.createdKey) return;
    const stack = Stack.of(this);
    this.createdKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
  }

  /**
   * Lets an AWS service principal (e.g. `delivery.logs.amazonaws.com`) use the key, only on
   * behalf of this account (`aws:SourceAccount`). No-op for an external key.
   */
  public allowService(servicePrincipal: string, actions: string[] = ['kms:GenerateDataKey*', 'kms:Decrypt']): void {
    if (!this.createdKey) return;
    const stack = Stack.of(this);
    this.createdKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `Allow${servicePrincipal.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}`,
        principals: [new iam.ServicePrincipal(servicePrincipal)],
        actions,
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }
}
