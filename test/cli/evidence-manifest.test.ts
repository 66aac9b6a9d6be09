import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'shell-quote';
import { hashTemplateCommand, runHashTemplate, type HashTemplateOptions } from '../../constructs/cli/hash-template';
import {
  buildEvidenceManifest,
  canonicalTemplateSha256,
  EVIDENCE_MANIFEST_FILE,
  serializeEvidenceManifest,
  type EvidenceManifest,
  type EvidenceTemplate,
} from '../../constructs/cli/evidence-manifest';
import { OUTPUT_MARKER } from '../../constructs/cli/output-dir';
import { synthesize } from '../../constructs/cli/synth';
import { checkPaths } from '../../constructs/compliance/check';
import { SovereignLzError } from '../../constructs/core';

// The evidence manifest (evidence-manifest.json) on a hand-made output directory and on a real
// synth of the default example, and `sovereign-lz hash-template` run in-process (the compiled
// lib/ may be older than the sources).

const root = join(__dirname, '..', '..');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-evidence-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, relative, `/`-separated. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

function write(file: string, content: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
}

// --- A hand-made output ---------------------------------------------------------------------

/** A StackSet's template, also synthesized as a stack of the template stage. */
const setTemplate = {
  Description: 'baseline',
  Metadata: { 'sovereign-lz': { stackSet: 'zone-baseline' } },
  Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } } },
};
const nestedTemplate = { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } } };
const recordsTemplate = {
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'records', Tags: [{ Key: 'a', Value: 'b' }] } },
    Child: {
      Type: 'AWS::CloudFormation::Stack',
      Properties: { TemplateURL: 'https://s3.example/child.json' },
      Metadata: { 'aws:asset:path': 'RecordsChild.nested.template.json', 'aws:asset:property': 'TemplateURL' },
    },
  },
  Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/v' } },
};
const organizationTemplate = {
  Resources: {
    Baseline: {
      Type: 'AWS::CloudFormation::StackSet',
      Properties: {
        StackSetName: 'zone-baseline',
        CallAs: 'SELF',
        PermissionModel: 'SERVICE_MANAGED',
        TemplateBody: JSON.stringify(setTemplate),
      },
    },
    // A StackSet whose template no file of the assembly holds: found by a JSON Pointer.
    Inline: {
      Type: 'AWS::CloudFormation::StackSet',
      Properties: { StackSetName: 'zone-inline', TemplateBody: JSON.stringify(nestedTemplate) },
    },
  },
};

function handMadeOutput(dir: string): void {
  const stack = (templateFile: string, environment: string, stackName?: string) => ({
    type: 'aws:cloudformation:stack',
    environment,
    properties: { templateFile, ...(stackName ? { stackName } : {}) },
  });
  write(
    join(dir, 'aws', 'manifest.json'),
    JSON.stringify({
      version: '55.0.0',
      artifacts: {
        'assembly-StackSetTemplates': {
          type: 'cdk:cloud-assembly',
          properties: { directoryName: 'assembly-StackSetTemplates' },
        },
        Records: stack('Records.template.json', 'aws://666666666666/eu-west-3', 'records-prod'),
        Organization: stack('Organization.template.json', 'aws://111111111111/eu-west-3'),
        Agnostic: stack('Agnostic.template.json', 'aws://unknown-account/unknown-region'),
        Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
      },
    }),
  );
  write(join(dir, 'aws', 'Records.template.json'), JSON.stringify(recordsTemplate, null, 1));
  write(join(dir, 'aws', 'RecordsChild.nested.template.json'), JSON.stringify(nestedTemplate, null, 1));
  write(join(dir, 'aws', 'Organization.template.json'), JSON.stringify(organizationTemplate, null, 1));
  write(join(dir, 'aws', 'Agnostic.template.json'), JSON.stringify(nestedTemplate));
  write(join(dir, 'aws', 'tree.json'), '{}');
  write(join(dir, 'aws', 'asset.abc', 'index.js'), 'exports.handler = () => 1;\n');
  write(
    join(dir, 'aws', 'assembly-StackSetTemplates', 'manifest.json'),
    JSON.stringify({
      version: '55.0.0',
      artifacts: {
        StackSetTemplatesBaseline: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://unknown-account/eu-west-3',
          properties: { templateFile: 'Baseline.template.json', stackName: 'StackSetTemplates-Baseline' },
        },
      },
    }),
  );
  write(join(dir, 'aws', 'assembly-StackSetTemplates', 'Baseline.template.json'), JSON.stringify(setTemplate, null, 1));
  write(join(dir, 'kubernetes', 'stacks', 'ma-casablanca-1', 'cdk.tf.json'), '{"resource":{}}\n');
  write(join(dir, 'kubernetes', 'manifest.json'), '{"stacks":{}}\n');
  write(join(dir, 'profile.json'), '{"id":"morocco"}\n');
  write(join(dir, 'compliance.json'), '{"schemaVersion":1}\n');
  write(join(dir, 'compliance.md'), '# Compliance\n');
  write(join(dir, 'plan.svg'), '<svg/>\n');
  write(join(dir, 'aws-z.txt'), 'sorts before aws/ by code unit\n');
}

describe('on a hand-made output directory', () => {
  let dir: string;
  let manifest: EvidenceManifest;
  beforeAll(() => {
    dir = join(work, 'hand-made');
    handMadeOutput(dir);
    manifest = buildEvidenceManifest(dir);
  });
  const template = (path: string, pointer?: string): EvidenceTemplate => {
    const found = manifest.templates.find((t) => t.path === path && t.pointer === pointer);
    if (!found) throw new Error(`no template ${path} ${pointer ?? ''}`);
    return found;
  };

  test('lists every file with its size and SHA-256, sorted by path (code units), and never itself', () => {
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual(filesUnder(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // '-' (U+002D) comes before '/' (U+002F): a global order of paths, not one per directory.
    expect(paths.indexOf('aws-z.txt')).toBeLessThan(paths.indexOf('aws/tree.json'));
    for (const file of manifest.files) {
      const bytes = readFileSync(join(dir, file.path));
      expect(file).toEqual({ path: file.path, bytes: bytes.length, sha256: sha256(bytes) });
    }
    // Written into the directory, the manifest is not listed by the next build either.
    writeFileSync(join(dir, EVIDENCE_MANIFEST_FILE), serializeEvidenceManifest(manifest));
    try {
      const again = buildEvidenceManifest(dir);
      expect(again.files.map((f) => f.path)).not.toContain(EVIDENCE_MANIFEST_FILE);
      expect(serializeEvidenceManifest(again)).toBe(serializeEvidenceManifest(manifest));
    } finally {
      rmSync(join(dir, EVIDENCE_MANIFEST_FILE));
    }
  });

  test('is deterministic JSON: two builds give the same bytes, with a final newline, no date and no absolute path', () => {
    const text = serializeEvidenceManifest(manifest);
    expect(serializeEvidenceManifest(buildEvidenceManifest(dir))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(text).not.toContain(dir);
    expect(text).not.toContain(root);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(manifest).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'sovereign-lz', version: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version },
      algorithm: 'sha256',
      canonicalization: 'rfc8785',
      links: [],
    });
  });

  test('a stack: its deployed name, account and region, the canonical hash, and the get-template command', () => {
    const records = template('aws/Records.template.json');
    const hash = canonicalTemplateSha256(recordsTemplate);
    expect(records).toEqual({
      kind: 'stack',
      path: 'aws/Records.template.json',
      stack: 'records-prod',
      account: '666666666666',
      region: 'eu-west-3',
      canonicalSha256: hash,
      recompute:
        'aws cloudformation get-template --stack-name records-prod --region eu-west-3 --template-stage Original ' +
        `--query TemplateBody --output json > records-prod.deployed.json && npx sovereign-lz hash-template records-prod.deployed.json --expect ${hash}`,
    });
    // The file's own hash is another: it is not canonical.
    expect(manifest.files.find((f) => f.path === records.path)!.sha256).not.toBe(hash);
    // An environment-agnostic stack: no --region (the AWS CLI's default region), account and region null.
    // (Its template is also a StackSet's inline body: a stack that has the same template stays a stack.)
    const agnostic = template('aws/Agnostic.template.json');
    expect(agnostic).toMatchObject({ kind: 'stack', stack: 'Agnostic', account: null, region: null });
    expect(agnostic.recompute).not.toContain('--region');
  });

  test('a StackSet template: the StackSet, the stack creating it, its region, and the describe-stack-set command', () => {
    const baseline = template('aws/assembly-StackSetTemplates/Baseline.template.json');
    const hash = canonicalTemplateSha256(setTemplate);
    expect(baseline).toEqual({
      kind: 'stack-set',
      path: 'aws/assembly-StackSetTemplates/Baseline.template.json',
      stackSet: 'zone-baseline',
      stack: 'Organization',
      logicalId: 'Baseline',
      account: '111111111111',
      region: 'eu-west-3',
      canonicalSha256: hash,
      recompute:
        'aws cloudformation describe-stack-set --stack-set-name zone-baseline --call-as SELF --region eu-west-3 ' +
        `--query StackSet.TemplateBody --output json > zone-baseline.stack-set.json && npx sovereign-lz hash-template zone-baseline.stack-set.json --expect ${hash}`,
    });
    // The template stage's stack is never listed as a stack to fetch with get-template.
    expect(manifest.templates.filter((t) => t.recompute.includes('StackSetTemplates-Baseline'))).toEqual([]);
    // An inline body that no file holds: the owner's file and a JSON Pointer to it.
    expect(template('aws/Organization.template.json', '/Resources/Inline/Properties/TemplateBody')).toMatchObject({
      kind: 'stack-set',
      stackSet: 'zone-inline',
      canonicalSha256: canonicalTemplateSha256(nestedTemplate),
    });
    expect(template('aws/Organization.template.json')).toMatchObject({ kind: 'stack', stack: 'Organization' });
  });

  test('a nested stack: its physical id through describe-stack-resource of the parent', () => {
    const child = template('aws/RecordsChild.nested.template.json');
    expect(child).toMatchObject({ kind: 'nested-stack', stack: 'records-prod', logicalId: 'Child' });
    expect(child.recompute).toBe(
      'aws cloudformation get-template --stack-name "$(aws cloudformation describe-stack-resource --stack-name records-prod ' +
        '--logical-resource-id Child --region eu-west-3 --query StackResourceDetail.PhysicalResourceId --output text)" ' +
        '--region eu-west-3 --template-stage Original --query TemplateBody --output json > records-prod.Child.deployed.json ' +
        `&& npx sovereign-lz hash-template records-prod.Child.deployed.json --expect ${child.canonicalSha256}`,
    );
  });

  test('Terraform stacks are in files only (Terraform state is no template)', () => {
    expect(manifest.files.map((f) => f.path)).toContain('kubernetes/stacks/ma-casablanca-1/cdk.tf.json');
    expect(manifest.templates.filter((t) => t.path.startsWith('kubernetes/'))).toEqual([]);
  });

  test('templates are sorted by path; every template path is a listed file', () => {
    const paths = manifest.templates.map((t) => t.path);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const files = new Set(manifest.files.map((f) => f.path));
    expect(paths.filter((p) => !files.has(p))).toEqual([]);
  });

  const posix = process.platform !== 'win32';
  (posix ? test : test.skip)(
    'a recompute command, run with a stand-in aws CLI, fetches a re-serialized template that hash-template accepts',
    () => {
      // The stand-in prints the template as the AWS CLI does: parsed, then printed with 4 spaces
      // and another key order (CloudFormation's own serialization is not the synth's).
      const bin = join(work, 'bin');
      mkdirSync(bin, { recursive: true });
      const reordered = { Parameters: recordsTemplate.Parameters, Resources: recordsTemplate.Resources };
      writeFileSync(join(work, 'deployed.json'), JSON.stringify(reordered, null, 4));
      writeFileSync(
        join(bin, 'aws'),
        `#!/bin/sh\necho "$@" > "${join(work, 'aws-args')}"\ncat "${join(work, 'deployed.json')}"\n`,
      );
      chmodSync(join(bin, 'aws'), 0o755);
      const { recompute } = template('aws/Records.template.json');
      const [fetch, hash] = recompute.split(' && ');
      const cwd = mkdtempSync(join(work, 'auditor-'));
      const r = spawnSync('/bin/sh', ['-c', fetch], {
        cwd,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      });
      expect(r.status).toBe(0);
      expect(readFileSync(join(work, 'aws-args'), 'utf8').trim()).toBe(
        'cloudformation get-template --stack-name records-prod --region eu-west-3 --template-stage Original --query TemplateBody --output json',
      );
      const words = parse(hash) as string[];
      expect(words.slice(0, 3)).toEqual(['npx', 'sovereign-lz', 'hash-template']);
      const run = hashTemplate(words[3], { expect: words[5] }, cwd);
      expect(run).toEqual({ code: 0, out: `sha256:${words[5]}  records-prod.deployed.json\n`, err: '' });
    },
  );

  test('a symbolic link is listed with its target, never followed; a FIFO is refused', () => {
    const linked = join(work, 'linked');
    handMadeOutput(linked);
    symlinkSync('index.js', join(linked, 'aws', 'asset.abc', 'link.js'));
    const m = buildEvidenceManifest(linked);
    expect(m.links).toEqual([{ path: 'aws/asset.abc/link.js', target: 'index.js' }]);
    expect(m.files.map((f) => f.path)).not.toContain('aws/asset.abc/link.js');
    if (process.platform === 'win32') return;
    expect(spawnSync('mkfifo', [join(linked, 'pipe')]).status).toBe(0);
    expect(() => buildEvidenceManifest(linked)).toThrow(/^pipe: a FIFO \(named pipe\) in the output/);
  });

  test('a template file outside the output directory is refused, naming the manifest', () => {
    const escaping = join(work, 'escaping');
    handMadeOutput(escaping);
    write(
      join(escaping, 'aws', 'manifest.json'),
      JSON.stringify({
        artifacts: { X: { type: 'aws:cloudformation:stack', properties: { templateFile: '../../secret.json' } } },
      }),
    );
    let error: unknown;
    try {
      buildEvidenceManifest(escaping);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SovereignLzError);
    expect((error as Error).message).toBe("aws/manifest.json: '../../secret.json' lies outside the output directory");
  });
});

// --- The canonical hash ---------------------------------------------------------------------

describe('canonicalTemplateSha256', () => {
  test('the same for a re-serialized copy (keys reordered, other whitespace, escapes), another when one property changes', () => {
    const reserialized = JSON.parse(
      '{\n    "Resources": {"Bucket": {"Properties": {"Tags": [{"Value": "b", "Key": "a"}], "BucketName": "rec\\u006frds"},' +
        ' "Type": "AWS::S3::Bucket"}, "Child": {"Metadata": {"aws:asset:property": "TemplateURL", "aws:asset:path": ' +
        '"RecordsChild.nested.template.json"}, "Properties": {"TemplateURL": "https://s3.example/child.json"}, ' +
        '"Type": "AWS::CloudFormation::Stack"}},\n\t"Parameters": {"BootstrapVersion": {"Default": "/cdk-bootstrap/v", ' +
        '"Type": "AWS::SSM::Parameter::Value<String>"}}}',
    );
    expect(canonicalTemplateSha256(reserialized)).toBe(canonicalTemplateSha256(recordsTemplate));
    const changed = structuredClone(recordsTemplate);
    changed.Resources.Bucket.Properties.BucketName = 'records2';
    expect(canonicalTemplateSha256(changed)).not.toBe(canonicalTemplateSha256(recordsTemplate));
    // Array order is meaningful.
    const swapped = { ...structuredClone(recordsTemplate) };
    swapped.Resources.Bucket.Properties.Tags.push({ Key: 'c', Value: 'd' });
    const reversed = structuredClone(swapped);
    reversed.Resources.Bucket.Properties.Tags.reverse();
    expect(canonicalTemplateSha256(reversed)).not.toBe(canonicalTemplateSha256(swapped));
  });

  test('is the SHA-256 of the RFC 8785 form (sorted keys, no whitespace, ECMAScript numbers)', () => {
    const doc = { b: [1.0, 1e21, 'é'], a: { d: null, c: true } };
    expect(canonicalTemplateSha256(doc)).toBe(sha256('{"a":{"c":true,"d":null},"b":[1,1e+21,"é"]}'));
  });
});

// --- sovereign-lz hash-template -------------------------------------------------------------

function hashTemplate(file: string, options: HashTemplateOptions = {}, cwd = work) {
  let out = '';
  let err = '';
  const code = runHashTemplate(file, options, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}

describe('sovereign-lz hash-template', () => {
  const hash = canonicalTemplateSha256(recordsTemplate);
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'hash');
    mkdirSync(dir);
    writeFileSync(join(dir, 'template.json'), JSON.stringify(recordsTemplate));
    // get-template without --query: the AWS CLI prints the parsed body, 4 spaces.
    writeFileSync(
      join(dir, 'get-template.json'),
      JSON.stringify({ TemplateBody: recordsTemplate, StagesAvailable: ['Original', 'Processed'] }, null, 4),
    );
    writeFileSync(join(dir, 'body-string.json'), JSON.stringify({ TemplateBody: JSON.stringify(recordsTemplate) }));
    // describe-stack-set --query StackSet.TemplateBody --output json: a JSON string.
    writeFileSync(join(dir, 'stack-set.json'), JSON.stringify(JSON.stringify(recordsTemplate)));
    writeFileSync(
      join(dir, 'describe-stack-set.json'),
      JSON.stringify({ StackSet: { TemplateBody: JSON.stringify(recordsTemplate) } }),
    );
    writeFileSync(join(dir, 'broken.json'), '{"Resources": ');
    writeFileSync(join(dir, 'yaml-body.json'), JSON.stringify({ TemplateBody: 'Resources:\n  B:\n    Type: X\n' }));
    writeFileSync(join(dir, 'not-a-template.json'), '{"schemaVersion": 1}');
  });

  test('on a template file: sha256:HEX  FILE, exit 0', () => {
    expect(hashTemplate('hash/template.json')).toEqual({
      code: 0,
      out: `sha256:${hash}  hash/template.json\n`,
      err: '',
    });
  });

  test.each(['get-template.json', 'body-string.json', 'stack-set.json', 'describe-stack-set.json'])(
    'on what the AWS CLI prints (%s): the same hash',
    (file) => {
      expect(hashTemplate(`hash/${file}`)).toEqual({ code: 0, out: `sha256:${hash}  hash/${file}\n`, err: '' });
    },
  );

  test('--expect: exit 0 when equal (sha256: prefix and upper case allowed), 1 when different, 2 when no SHA-256', () => {
    expect(hashTemplate('hash/template.json', { expect: hash }).code).toBe(0);
    expect(hashTemplate('hash/template.json', { expect: `sha256:${hash.toUpperCase()}` }).code).toBe(0);
    const other = 'f'.repeat(64);
    const r = hashTemplate('hash/get-template.json', { expect: other });
    expect(r.code).toBe(1);
    expect(r.out).toBe(`sha256:${hash}  hash/get-template.json\n`);
    expect(r.err).toBe(
      `sovereign-lz: hash/get-template.json: the canonical SHA-256 is ${hash}, not the expected ${other}: this template is not the one recorded\n`,
    );
    const bad = hashTemplate('hash/template.json', { expect: 'abc' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^sovereign-lz: --expect 'abc' is not a SHA-256/);
  });

  test.each([
    ['hash/broken.json', /^sovereign-lz: hash\/broken\.json:1:\d+: not valid JSON: /],
    ['hash', /^sovereign-lz: hash: cannot read: is a directory\n$/],
    ['hash/missing.json', /^sovereign-lz: hash\/missing\.json: cannot read: no such file\n$/],
    ['hash/yaml-body.json', /^sovereign-lz: hash\/yaml-body\.json: the TemplateBody is a string that is not JSON/],
    ['hash/not-a-template.json', /^sovereign-lz: hash\/not-a-template\.json: not a CloudFormation template/],
  ])('bad input %s: exit 2, one line naming the file, no stack trace', (file, message) => {
    const r = hashTemplate(file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(2);
  });

  test('the commander subcommand parses FILE and --expect', async () => {
    let code = -1;
    let out = '';
    const command = hashTemplateCommand((c) => (code = c), { stdout: (t) => (out += t), stderr: () => {}, cwd: work });
    await command.parseAsync(['hash/template.json', '--expect', hash], { from: 'user' });
    expect(code).toBe(0);
    expect(out).toBe(`sha256:${hash}  hash/template.json\n`);
  });
});

// --- A real synth ---------------------------------------------------------------------------

describe('sovereign-lz synth of the default example', () => {
  let out: string;
  let manifest: EvidenceManifest;
  let text: string;
  beforeAll(async () => {
    out = join(work, 'out');
    const result = await synthesize(join(root, 'examples', 'morocco-public-sector', 'app.ts'), out);
    text = readFileSync(join(out, EVIDENCE_MANIFEST_FILE), 'utf8');
    manifest = JSON.parse(text);
    expect(result.evidence).toEqual(manifest);
    expect(result.files).toContain(EVIDENCE_MANIFEST_FILE);
  });

  test('writes evidence-manifest.json last: every other file of the output listed, the marker too, with its hash', () => {
    const listed = manifest.files.map((f) => f.path);
    expect(listed).toEqual(
      filesUnder(out)
        .filter((f) => f !== EVIDENCE_MANIFEST_FILE)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    expect(listed).toEqual(
      expect.arrayContaining([OUTPUT_MARKER, 'compliance.json', 'compliance.sarif', 'plan.svg', 'profile.json']),
    );
    for (const file of manifest.files)
      expect([file.path, sha256(readFileSync(join(out, file.path)))]).toEqual([file.path, file.sha256]);
    expect(text).toBe(serializeEvidenceManifest(buildEvidenceManifest(out)));
    expect(text).not.toContain(work);
  });

  test('lists every stack template with its environment, and the StackSet templates as StackSets of the organization stack', () => {
    const stacks = manifest.templates.filter((t) => t.kind === 'stack').map((t) => [t.stack, t.account, t.region]);
    expect(stacks).toEqual(
      expect.arrayContaining([
        ['Organization', '111111111111', 'eu-west-3'],
        ['Records', '666666666666', 'eu-west-3'],
        ['NetworkEuSouth2', '444444444444', 'eu-south-2'],
      ]),
    );
    const sets = manifest.templates.filter((t) => t.kind === 'stack-set');
    expect(sets.map((t) => [t.path, 'stackSet' in t && t.stackSet, t.stack, t.account, t.region])).toEqual([
      [
        'aws/assembly-StackSetTemplates/StackSetTemplatesAccountAccessBB6A6629.template.json',
        'morocco-public-sector-baseline-global',
        'Organization',
        '111111111111',
        'eu-west-3',
      ],
      [
        'aws/assembly-StackSetTemplates/StackSetTemplatesAccountBaseline551BE847.template.json',
        'morocco-public-sector-baseline',
        'Organization',
        '111111111111',
        'eu-west-3',
      ],
    ]);
    // The StackSet's inline body (what describe-stack-set returns) has the template file's canonical hash.
    const organization = JSON.parse(readFileSync(join(out, 'aws', 'Organization.template.json'), 'utf8'));
    for (const set of sets) {
      const id = 'logicalId' in set ? set.logicalId! : '';
      const body = organization.Resources[id].Properties.TemplateBody as string;
      expect(canonicalTemplateSha256(JSON.parse(body))).toBe(set.canonicalSha256);
    }
    for (const t of manifest.templates) {
      expect(t.canonicalSha256).toBe(canonicalTemplateSha256(JSON.parse(readFileSync(join(out, t.path), 'utf8'))));
    }
    expect(manifest.templates.filter((t) => t.path.startsWith('kubernetes/'))).toEqual([]);
    expect(manifest.files.map((f) => f.path)).toContain('kubernetes/stacks/ma-casablanca-1/cdk.tf.json');
  });

  test('sovereign-lz check out/ reads evidence-manifest.json as no artifact: no finding, nothing skipped about it', () => {
    const read: string[] = [];
    const result = checkPaths([out], { cwd: work, onRead: (f) => read.push(f) });
    expect(read.map((f) => relative(out, f))).toContain(EVIDENCE_MANIFEST_FILE);
    expect(result.findings.filter((f) => f.file.includes('evidence-manifest'))).toEqual([]);
    expect(result.skipped.filter((s) => s.file.includes('evidence-manifest'))).toEqual([]);
  });
});
