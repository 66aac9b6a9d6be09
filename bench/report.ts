import type { Stats } from './measure';
import type { BenchResults } from './results';

/** The table `npm run bench` prints: medians with min–max, then the targets, met or missed. */

const s = (ms: Stats | undefined, digits = 1) =>
  ms
    ? `${(ms.median / 1000).toFixed(digits)} (${(ms.min / 1000).toFixed(digits)}–${(ms.max / 1000).toFixed(digits)})`
    : '–';
const ms = (v: Stats | undefined) => (v ? `${Math.round(v.median)} (${Math.round(v.min)}–${Math.round(v.max)})` : '–');
const mib = (v: Stats | undefined) => (v ? `${Math.round(v.median)}` : '–');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const x = (ratio: number) => `${ratio.toFixed(2)}×`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Formats the results as the text `npm run bench` prints. */
export function formatReport(r: BenchResults): string {
  const env = r.environment as {
    node: string;
    cpus: number;
    cpuModel: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  const out: string[] = [];
  out.push(
    `sovereign-lz benchmarks (${r.mode}) — Node ${env.node}, ${env.cpus} CPUs (${env.cpuModel}), ` +
      `load average ${env.loadAverageBefore[0]} → ${env.loadAverageAfter[0]}`,
    `Median of the runs (min–max), each a fresh process. aws-cdk-lib's built-in CloudFormation validator: OFF unless stated.`,
    '',
    'Scale — generated landing zone, synth (AWS + Terraform) + check, whole process',
    table(
      [
        'N',
        'workloads AWS/site',
        'resources CFN+TF',
        'stacks CFN/TF',
        'largest CFN stack',
        'artifacts',
        'wall s',
        'peak RSS MiB',
        'synth s',
        'check s',
        'validator ON: wall s',
        'errors',
      ],
      r.scale.map((x) => {
        const p = x.synthAndCheck.phasesMs ?? {};
        const synth = ['declare', 'construct', 'synthAws', 'synthKubernetes'].reduce(
          (a, k) => a + (p[k]?.median ?? 0),
          0,
        );
        return [
          String(x.n),
          `${x.workloads.cloud}/${x.workloads.site}`,
          `${x.artifacts.resources} (${x.artifacts.cloudformation.resources}+${x.artifacts.terraform.resources})`,
          `${x.artifacts.cloudformation.stacks}/${x.artifacts.terraform.stacks}`,
          `${x.artifacts.cloudformation.largest?.resources ?? 0}`,
          mb(x.artifacts.bytes),
          s(x.synthAndCheck.wallMs),
          mib(x.synthAndCheck.peakRssMiB),
          (synth / 1000).toFixed(1),
          ((p.check?.median ?? 0) / 1000).toFixed(1),
          s(x.synthAndCheckValidatorOn.wallMs),
          String(x.errors),
        ];
      }),
    ),
  );
  const growth = Object.entries(r.growth).filter(([k]) => k.startsWith('t('));
  if (growth.length) out.push(`  growth: ${growth.map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  out.push(
    '',
    'Overhead over the bare frameworks — the same resources with aws-cdk-lib L2/L1 and cdktf provider classes, synth only',
    table(
      [
        'N',
        'resources ours/bare',
        'artifacts ours/bare',
        'ours wall s',
        'bare wall s',
        'ratio',
        'in-process',
        'CPU',
        'RSS ours/bare MiB',
      ],
      r.overhead.map((o) => [
        String(o.n),
        `${o.resources.ours}/${o.resources.bare}`,
        `${mb(o.artifactBytes.ours)}/${mb(o.artifactBytes.bare)}`,
        s(o.ours.wallMs),
        s(o.bare.wallMs),
        x(o.ratio.wall),
        x(o.ratio.inProcess),
        x(o.ratio.cpu),
        `${mib(o.ours.peakRssMiB)}/${mib(o.bare.peakRssMiB)}`,
      ]),
    ),
    '',
    "The checker against cdk-nag — the zone's AWS app; AwsSolutions + NIST 800-53 R5 (validateScope), our check of its cloud assembly",
    table(
      [
        'N',
        'CFN resources',
        'our check ms',
        'cdk-nag evaluate ms',
        'ratio',
        'cdk-nag in synth ms',
        'ratio',
        'synth+plugins wall s',
        'our check wall s',
      ],
      r.cdkNag.map((g) => [
        String(g.n),
        String(g.awsResources),
        ms(g.oursCheck.phasesMs?.check),
        ms(g.nagEvaluateMs),
        x(g.ratio.evaluate),
        ms(g.nagInSynthMs),
        x(g.ratio.plugins),
        s(g.synthWithPlugins.wallMs),
        s(g.oursCheck.wallMs, 2),
      ]),
    ),
    '',
    'The checker against the floor — JSON.parse of the files the check reads, in-process; the path model (NET-6, NET-7) computed again on the same input, and its share of the check',
    table(
      ['N', 'files', 'bytes', 'check ms', 'JSON.parse ms', 'ratio', 'check wall s', 'path model ms', 'share'],
      r.floor.map((f) => {
        const paths = f.check.phasesMs?.paths;
        const check = f.check.phasesMs?.check;
        return [
          String(f.n),
          String(f.files),
          mb(f.bytes),
          ms(check),
          ms(f.floor.phasesMs?.parse),
          x(f.ratio),
          s(f.check.wallMs, 2),
          ms(paths),
          paths && check ? `${Math.round((100 * paths.median) / check.median)} %` : '–',
        ];
      }),
    ),
    '',
    'Cold start — whole process',
    table(
      ['command', 'wall ms', 'peak RSS MiB'],
      r.coldStart.map((c) => [
        c.command,
        c.measured ? ms(c.measured.wallMs) : `skipped: ${c.skipped}`,
        mib(c.measured?.peakRssMiB),
      ]),
    ),
    '',
    '`sovereign-lz synth` end to end (reports and plan included; validator ON, its default)',
    table(
      ['N', 'wall s', 'peak RSS MiB', 'note'],
      r.cliSynth.map((c) => [
        String(c.n),
        s(c.measured.wallMs),
        mib(c.measured.peakRssMiB),
        c.timedOut ? `${c.timedOut} run(s) stopped at ${c.timeLimitMs / 1000} s` : '',
      ]),
    ),
    '',
    'Targets',
    table(
      ['', 'target', 'limit', 'measured'],
      r.targets.map((t) => [
        t.met === undefined ? '·' : t.met ? '✓' : '✗',
        t.description,
        t.limit,
        t.value === undefined
          ? 'not measured in this mode'
          : `${Math.round(t.value * 100) / 100} ${t.unit}${t.n ? ` (N = ${t.n})` : ''}`,
      ]),
    ),
  );
  return `${out.join('\n')}\n`;
}
