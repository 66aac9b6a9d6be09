import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What a synthesis wrote, counted from the artifacts themselves (after the measured process
 * exited, so that counting costs the measurement nothing): CloudFormation templates of the
 * cloud assembly (nested assemblies included) and the Terraform JSON of each cdktf stack.
 */

/** One world's stacks. */
export interface WorldCount {
  readonly stacks: number;
  readonly resources: number;
  /** The stack with the most resources (CloudFormation allows 500 per stack). */
  readonly largest?: { readonly name: string; readonly resources: number };
}

export interface ArtifactCount {
  readonly cloudformation: WorldCount;
  readonly terraform: WorldCount;
  readonly resources: number;
  /** Bytes of every file of the cloud assembly (`aws/`) and the Terraform stacks (`kubernetes/`). */
  readonly bytes: number;
  /** Resources by type, sorted by type. */
  readonly byType: Record<string, number>;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function world(entries: readonly { name: string; resources: number }[]): WorldCount {
  const largest = entries.reduce<{ name: string; resources: number } | undefined>(
    (max, e) => (!max || e.resources > max.resources ? e : max),
    undefined,
  );
  return {
    stacks: entries.length,
    resources: entries.reduce((sum, e) => sum + e.resources, 0),
    ...(largest ? { largest } : {}),
  };
}

/** Counts the artifacts of a synth output (`aws/`, `kubernetes/`). */
export function countArtifacts(outDir: string): ArtifactCount {
  const files = [...walk(join(outDir, 'aws')), ...walk(join(outDir, 'kubernetes'))];
  const byType: Record<string, number> = {};
  const templates: { name: string; resources: number }[] = [];
  const stacks: { name: string; resources: number }[] = [];
  for (const file of files) {
    if (file.endsWith('.template.json')) {
      const resources = (JSON.parse(readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type: string }> })
        .Resources;
      for (const r of Object.values(resources ?? {})) byType[r.Type] = (byType[r.Type] ?? 0) + 1;
      templates.push({ name: relative(join(outDir, 'aws'), file), resources: Object.keys(resources ?? {}).length });
    } else if (file.endsWith('cdk.tf.json')) {
      const blocks = (JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>> })
        .resource;
      let count = 0;
      for (const [type, byName] of Object.entries(blocks ?? {})) {
        const n = Object.keys(byName).length;
        byType[type] = (byType[type] ?? 0) + n;
        count += n;
      }
      stacks.push({ name: relative(join(outDir, 'kubernetes'), file), resources: count });
    }
  }
  const cloudformation = world(templates);
  const terraform = world(stacks);
  const sorted: Record<string, number> = {};
  for (const type of Object.keys(byType).sort()) sorted[type] = byType[type];
  return {
    cloudformation,
    terraform,
    resources: cloudformation.resources + terraform.resources,
    bytes: files.reduce((sum, f) => sum + statSync(f).size, 0),
    byType: sorted,
  };
}

/** The resource types whose counts differ between two outputs: `type: [a, b]`. */
export function countDifferences(a: ArtifactCount, b: ArtifactCount): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const type of [...new Set([...Object.keys(a.byType), ...Object.keys(b.byType)])].sort()) {
    if ((a.byType[type] ?? 0) !== (b.byType[type] ?? 0)) out[type] = [a.byType[type] ?? 0, b.byType[type] ?? 0];
  }
  return out;
}
