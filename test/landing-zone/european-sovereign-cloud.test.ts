import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths } from 'sovereign-lz/compliance';
import { decidePlacement, eu, morocco, partitionOf, urlSuffixOf, type ZoneSummary } from 'sovereign-lz/core';
import { LandingZone, resolveLandingZone, type LandingZoneDeclaration } from 'sovereign-lz/landing-zone';
import { synthesizeApp } from 'sovereign-lz/testing';
import { refusal, smallZone } from './helpers';

// The AWS European Sovereign Cloud (partition aws-eusc, region eusc-de-east-1, endpoints under
// amazonaws.eu): the EU profile places its levels there, a zone is built there whole, with no
// ARN or endpoint of the commercial partition, and a zone may not straddle two partitions.

const EUSC = 'eusc-de-east-1';

const zone: LandingZoneDeclaration = {
  name: 'eu-sovereign',
  profile: 'eu',
  regions: [EUSC],
  organization: { id: 'o-a1b2c3d4e5', rootId: 'r-a1b2' },
  accounts: {
    management: '111111111111',
    logArchive: '222222222222',
    audit: '333333333333',
    network: '444444444444',
    workloads: { app: '555555555555' },
  },
  workloads: [
    {
      name: 'customers',
      classification: 'personal',
      account: 'app',
      stores: [
        { name: 'records', kind: 'objects' },
        { name: 'app-logs', kind: 'logs' },
      ],
    },
    { name: 'analytics', classification: 'internal', account: 'app', stores: [{ name: 'datasets', kind: 'objects' }] },
  ],
};

// Synthesized once, checked as `sovereign-lz check out/` checks it.
const out = synthesizeApp((context) => new LandingZone(zone).build(context));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const result = checkPaths([out], { cwd: out });

/** Every CloudFormation template of the output (stacks and StackSet bodies), by file. */
function templates(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.template.json')) {
      const file = join(entry.parentPath, entry.name);
      found.set(file.slice(out.length + 1), readFileSync(file, 'utf8'));
    }
  }
  return found;
}

describe('the EU profile in eusc-de-east-1 (Germany, partition aws-eusc)', () => {
  test('places public, internal, personal and sensitive data there as in Frankfurt, never secret', () => {
    const there = (level: Parameters<typeof decidePlacement>[1]) =>
      decidePlacement(eu, level, { kind: 'cloud-region', region: EUSC });
    for (const level of ['public', 'internal', 'personal', 'sensitive'] as const) {
      expect([level, there(level).status, there(level).advisories]).toEqual([level, 'allowed', []]);
      expect(there(level).status).toBe(
        decidePlacement(eu, level, { kind: 'cloud-region', region: 'eu-central-1' }).status,
      );
    }
    expect(there('secret').status).toBe('denied');
    expect(partitionOf(EUSC)).toBe('aws-eusc');
    expect(urlSuffixOf('aws-eusc')).toBe('amazonaws.eu');
  });

  test('the Morocco profile does not gain it: it is on no allowlist', () => {
    for (const level of ['internal', 'personal', 'sensitive'] as const) {
      const d = decidePlacement(morocco, level, { kind: 'cloud-region', region: EUSC });
      expect([level, d.status, d.reason]).toEqual([level, 'denied', expect.stringContaining(`'${EUSC}' (DE)`)]);
    }
  });
});

describe('an EU zone synthesized into eusc-de-east-1', () => {
  test('places every workload, and deploys every stack, there', () => {
    const summary = JSON.parse(readFileSync(join(out, 'landing-zone.json'), 'utf8')) as ZoneSummary;
    expect(summary.workloads.map((w) => [w.name, w.place])).toEqual([
      ['customers', `aws:${EUSC}`],
      ['analytics', `aws:${EUSC}`],
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'aws', 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; environment?: string }>;
    };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks.length).toBeGreaterThanOrEqual(6);
    for (const stack of stacks) expect(stack.environment).toMatch(new RegExp(`/${EUSC}$`));
  });

  test('is clean: no error and no warning, and the partition rule passes on every stack', () => {
    expect(result.findings.filter((f) => !f.suppressed && f.severity !== 'info')).toEqual([]);
    const judged = result.passes.filter((p) => p.rule === 'DEP-1/partition-literals');
    const deployed = [...templates(out).keys()].filter((f) => !f.includes('StackSetTemplates'));
    expect(judged.map((p) => p.file).sort()).toEqual(deployed.sort());
    for (const p of judged) expect(p.evidence).toEqual({ region: EUSC, partition: 'aws-eusc' });
  });

  test('no template (nor StackSet body) names arn:aws: or an endpoint under amazonaws.com', () => {
    const all = templates(out);
    expect(all.size).toBeGreaterThanOrEqual(8);
    for (const [file, text] of all) {
      expect({ file, arns: text.match(/arn:aws:[^"]{0,40}/g) }).toEqual({ file, arns: null });
      // Service principals keep their form (cloudtrail.amazonaws.com); no URL does.
      expect({ file, urls: text.match(/https?:\/\/[^"]*amazonaws\.com[^"]*/g) }).toEqual({ file, urls: null });
    }
    // The first deployment's commands (the deployment role) name the partition too.
    const prerequisites = readFileSync(join(out, 'landing-zone.json'), 'utf8');
    expect(prerequisites).toContain('arn:aws-eusc:iam::aws:policy/AdministratorAccess');
    expect(prerequisites).not.toMatch(/arn:aws:/);
  });

  test('the check would see a commercial ARN written into one of its stacks', () => {
    const copy = `${out}-tampered`;
    cpSync(out, copy, { recursive: true });
    try {
      const file = join(copy, 'aws', 'Customers.template.json');
      const doc = JSON.parse(readFileSync(file, 'utf8')) as {
        Resources: Record<string, { Type: string; Properties: any }>;
      };
      const [id, policy] = Object.entries(doc.Resources).find(([, r]) => r.Type === 'AWS::S3::BucketPolicy')!;
      policy.Properties.PolicyDocument.Statement[0].Resource = 'arn:aws:s3:::customers-records/*';
      writeFileSync(file, JSON.stringify(doc));
      const found = checkPaths([copy], { cwd: copy }).findings.filter((f) => f.rule === 'DEP-1/partition-literals');
      expect(found.map((f) => [f.file, f.resource, f.severity])).toEqual([
        ['aws/Customers.template.json', id, 'error'],
      ]);
      expect(found[0].message).toContain('names an ARN of partition aws');
      expect(found[0].message).toContain('in partition aws-eusc');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('a zone spanning two partitions', () => {
  test('is refused on one line naming the regions and partitions', () => {
    expect(refusal(smallZone({ profile: 'eu', regions: ['eu-central-1', EUSC] }))).toBe(
      "regions[1]: DECLARATION: the zone's regions are in 2 AWS partitions, eu-central-1 (aws) and eusc-de-east-1 (aws-eusc): an organization, its accounts and IAM, its StackSets and its log archive do not cross partitions. Declare one zone per partition (the regions of aws here, the others in a zone of their own)",
    );
  });

  test('says so in French', () => {
    const { problems } = resolveLandingZone(smallZone({ profile: 'eu', regions: ['eu-central-1', EUSC] }));
    expect(problems.map((p) => [p.pointer, p.message.fr])).toEqual([
      [
        '/regions/1',
        'les régions de la zone sont dans 2 partitions AWS, eu-central-1 (aws) et eusc-de-east-1 (aws-eusc) : une organisation, ses comptes et son IAM, ses StackSets et son archive de journaux ne traversent pas les partitions',
      ],
    ]);
  });

  test('names every region of each partition, pointing at the first outside the home one', () => {
    const message = refusal(smallZone({ profile: 'eu', regions: [EUSC, 'eu-central-1', 'eu-west-3'] }));
    expect(message).toMatch(/^regions\[1\]: DECLARATION: /);
    expect(message).toContain('2 AWS partitions, eusc-de-east-1 (aws-eusc) and eu-central-1, eu-west-3 (aws)');
  });

  test('regions of one partition are accepted', () => {
    expect(() => new LandingZone(smallZone({ profile: 'eu', regions: ['eu-central-1', 'eu-west-3'] }))).not.toThrow();
    expect(() => new LandingZone(smallZone({ profile: 'eu', regions: [EUSC] }))).not.toThrow();
  });
});
