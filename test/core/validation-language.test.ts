import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditTrail } from '../../constructs/aws/audit-trail';
import { EncryptedBucket } from '../../constructs/aws/encrypted-bucket';
import { EncryptedLogGroup } from '../../constructs/aws/encrypted-log-group';
import { LogArchiveBucket } from '../../constructs/aws/log-archive-bucket';
import { SegmentedVpc } from '../../constructs/aws/segmented-vpc';
import { SovereignBackup } from '../../constructs/aws/sovereign-backup';
import { SovereignKey } from '../../constructs/aws/sovereign-key';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import {
  ConstructValidationError,
  formatProblem,
  LANGUAGE_ENV,
  type Language,
  type ValidationProblem,
} from '../../constructs/core';
import { BackupSchedule } from '../../constructs/kubernetes/backup-schedule';
import { EncryptedStorageClass } from '../../constructs/kubernetes/encrypted-storage-class';
import { HardenedWorkload } from '../../constructs/kubernetes/hardened-workload';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { LogForwarder } from '../../constructs/kubernetes/log-forwarder';
import { SovereignNamespace } from '../../constructs/kubernetes/sovereign-namespace';
import { TierFlow } from '../../constructs/kubernetes/tier-flow';
import { testCluster, testStack } from '../kubernetes/helpers';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);
const IMAGE = `registry.gov.ma/records/api@${DIGEST}`;

/** Runs `fn` with SOVEREIGN_LZ_LANG set to `language`, restoring the variable after. */
function inLanguage<T>(language: Language, fn: () => T): T {
  const saved = process.env[LANGUAGE_ENV];
  process.env[LANGUAGE_ENV] = language;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env[LANGUAGE_ENV];
    else process.env[LANGUAGE_ENV] = saved;
  }
}

/** The message of the ConstructValidationError `build` throws in `language`. */
function errorIn(language: Language, build: () => unknown): ConstructValidationError {
  try {
    inLanguage(language, build);
  } catch (e) {
    if (e instanceof ConstructValidationError) return e;
    throw e;
  }
  throw new Error('expected a ConstructValidationError');
}

function awsStack(classification: 'internal' | 'personal' = 'internal'): Stack {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile: 'morocco', classification });
}

function namespace(props: ConstructorParameters<typeof SovereignNamespace>[2] = {}, id = 'Records') {
  return new SovereignNamespace(testCluster(), id, { tier: 'application', ...props });
}

describe('formatProblem and ConstructValidationError', () => {
  const problem: ValidationProblem = {
    rule: 'LOG-2',
    message: { en: 'too short', fr: 'trop court' },
    source: 'L05-20 Art. 11',
    remedy: { en: 'Keep longer', fr: 'Conservez plus longtemps' },
  };

  test('formats a bilingual problem in the language asked', () => {
    expect(formatProblem(problem, 'en')).toBe('LOG-2: too short (L05-20 Art. 11). Keep longer');
    expect(formatProblem(problem, 'fr')).toBe('LOG-2: trop court (L05-20 Art. 11). Conservez plus longtemps');
  });

  test('formats in the language of SOVEREIGN_LZ_LANG by default, English otherwise', () => {
    expect(inLanguage('fr', () => formatProblem(problem))).toBe(
      'LOG-2: trop court (L05-20 Art. 11). Conservez plus longtemps',
    );
    expect(formatProblem({ rule: 'PROPS', message: 'plain' })).toBe('PROPS: plain');
    expect(inLanguage('fr', () => formatProblem({ rule: 'PROPS', message: 'plain' }))).toBe('PROPS: plain');
  });

  test('writes the header of several problems in French, and keeps the problems as given', () => {
    const problems = [problem, { rule: 'PROPS', message: 'plain' }];
    const error = inLanguage('fr', () => new ConstructValidationError('S/Bucket', problems));
    expect(error.message).toBe(
      '[S/Bucket] 2 problèmes :\n  - LOG-2: trop court (L05-20 Art. 11). Conservez plus longtemps\n  - PROPS: plain',
    );
    expect(error.problems).toBe(problems);
    expect(new ConstructValidationError('S/Bucket', problems).message).toMatch(/^\[S\/Bucket\] 2 problems:\n/);
  });
});

describe('construct validation messages in French (SOVEREIGN_LZ_LANG=fr)', () => {
  test('an AWS construct names its path and rule in French', () => {
    const error = errorIn('fr', () => new SovereignKey(awsStack(), 'Key', { rotationPeriodDays: 30 }));
    expect(error.message).toMatch(
      /^\[S\/Key\] KEY-2: rotationPeriodDays 30 doit être un entier de 90 à \d+ \(le maximum du profil\)/,
    );
  });

  test('a residency violation of a stack is explained in French, legal source unchanged', () => {
    const error = errorIn(
      'fr',
      () =>
        new SovereignStack(new App(), 'Records', {
          env: { region: 'eu-west-3' },
          profile: 'morocco',
          classification: 'sensitive',
        }),
    );
    expect(error.message).toContain(
      "[Records] RES-1: le niveau 'sensitive' ne peut être hébergé dans la région AWS 'eu-west-3' (FR) sous le profil 'morocco'",
    );
    expect(error.message).toContain('(L05-20 Art. 11; RQC 3.15.2)');
    expect(error.message).toContain('Placer ces données sur un site situé dans le pays');
  });

  test('an environment-agnostic stack is refused in French', () => {
    const error = errorIn(
      'fr',
      () => new SovereignStack(new App(), 'S', { profile: 'morocco', classification: 'internal' }),
    );
    expect(error.message).toContain("[S] RES-1: la pile 'S' est indépendante de tout environnement");
  });

  test('a Kubernetes construct names its path and rule in French', () => {
    const error = errorIn('fr', () => namespace({ name: 'kube-records' }));
    expect(error.message).toBe("[K/Casablanca/Records] PROPS: le nom 'kube-records' est réservé par Kubernetes");
  });

  test('an image off the allowlist is refused in French (K8S-4)', () => {
    const error = errorIn(
      'fr',
      () => new HardenedWorkload(namespace(), 'Api', { image: `docker.io/library/nginx@${DIGEST}` }),
    );
    expect(error.message).toMatch(
      /^\[K\/Casablanca\/Records\/Api\] K8S-4: l'image 'docker\.io\/library\/nginx@sha256:[0-9a-f]+' ne provient pas d'un registre de la liste autorisée du profil/,
    );
  });

  test('several problems get a French header', () => {
    const error = errorIn(
      'fr',
      () => new SovereignKey(awsStack(), 'Key', { rotationPeriodDays: 30, pendingWindowDays: 3 }),
    );
    expect(error.message).toMatch(
      /^\[S\/Key\] 2 problèmes :\n {2}- KEY-2: .*\n {2}- KEY-3: pendingWindowDays 3 doit être/,
    );
  });

  test('the English message stays the default', () => {
    const error = errorIn('en', () => namespace({ name: 'kube-records' }));
    expect(error.message).toBe("[K/Casablanca/Records] PROPS: name 'kube-records' is reserved by Kubernetes");
  });
});

/**
 * Invalid props of the constructs, each of which must be refused with a French message that
 * differs from the English one (same path, same rules).
 */
const CASES: Record<string, () => unknown> = {
  'SovereignStack: unknown classification': () =>
    new SovereignStack(new App(), 'S', {
      env: { region: 'eu-west-3' },
      profile: 'morocco',
      classification: 'top' as never,
    }),
  'SovereignConstruct: malformed suppression': () =>
    new EncryptedLogGroup(awsStack(), 'Logs', { suppressions: [{ id: 'NOPE-1', reason: 'short' }] }),
  'SovereignKey: alias prefix': () => new SovereignKey(awsStack(), 'Key', { alias: 'alias/records' }),
  'EncryptedLogGroup: retention below the minimum': () =>
    new EncryptedLogGroup(awsStack(), 'Logs', { retentionDays: 30 as never }),
  'EncryptedBucket: replica in a foreign region': () => {
    const stack = awsStack();
    const destination = s3.Bucket.fromBucketAttributes(stack, 'Dest', {
      bucketName: 'replica',
      region: 'us-east-1',
    });
    return new EncryptedBucket(stack, 'Bucket', { replicationRules: [{ destination, priority: 1 }] as never });
  },
  'LogArchiveBucket: retention below the minimum': () =>
    new LogArchiveBucket(awsStack(), 'Archive', { retentionDays: 10 }),
  'AuditTrail: organization trail without ids': () =>
    new AuditTrail(awsStack(), 'Trail', { isOrganizationTrail: true }),
  'SegmentedVpc: malformed cidr': () => new SegmentedVpc(awsStack(), 'Vpc', { cidr: '10.0.0.1/16' }),
  'SovereignBackup: no rules': () => new SovereignBackup(awsStack(), 'Backup', { rules: [] }),
  'SovereignCluster: unknown site': () =>
    new SovereignCluster(testStack(), 'Casablanca', {
      profile: 'morocco',
      site: 'ma-nowhere-1',
      kubeconfigContext: 'casablanca',
    }),
  'SovereignCluster: foreign site': () => testCluster({ site: 'fr-paris-1' }),
  'SovereignNamespace: load balancers outside the public tier': () => namespace({ quota: { loadBalancers: 1 } }),
  'HardenedWorkload: root user': () => new HardenedWorkload(namespace(), 'Api', { image: IMAGE, runAsUser: 0 }),
  'HardenedWorkload: tag instead of digest': () =>
    new HardenedWorkload(namespace(), 'Api', { image: 'registry.gov.ma/records/api:1.0' }),
  'TierFlow: no ports': () => {
    const cluster = testCluster();
    const from = new SovereignNamespace(cluster, 'Web', { tier: 'public' });
    const to = new SovereignNamespace(cluster, 'Api', { tier: 'application' });
    return new TierFlow(cluster, 'Flow', { from, to, ports: [] });
  },
  'LogForwarder: sink off the allowlist': () =>
    new LogForwarder(namespace({ purpose: 'logs' }, 'Logs'), 'Forwarder', {
      image: IMAGE,
      sink: { host: 'logs.example.com', port: 24224, cidrs: ['203.0.113.10/32'] },
    } as never),
  'EncryptedStorageClass: empty zones': () =>
    new EncryptedStorageClass(testCluster(), 'Storage', {
      zones: [],
      driver: { type: 'ceph-rbd', clusterId: 'ceph', pool: 'rbd', kmsId: 'vault-casablanca' },
    } as never),
  'BackupSchedule: location off the allowlist': () =>
    new BackupSchedule(namespace(), 'Backup', { storageLocation: 'aws-paris' }),
};

describe.each(Object.entries(CASES))('%s', (_name, build) => {
  test('is refused in French with a message that differs from the English one', () => {
    const en = errorIn('en', build);
    const fr = errorIn('fr', build);
    expect(fr.path).toBe(en.path);
    expect(fr.problems.map((p) => p.rule)).toEqual(en.problems.map((p) => p.rule));
    expect(fr.message.startsWith(`[${en.path}] `)).toBe(true);
    expect(fr.message).not.toBe(en.message);
    for (const rule of en.problems.map((p) => p.rule)) expect(fr.message).toContain(`${rule}: `);
  });
});
