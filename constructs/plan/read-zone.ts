import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SovereignLzError, ZONE_SUMMARY_FILE, ZONE_SUMMARY_SCHEMA_VERSION, type ZoneSummary } from '../core';
import { readJsonFile } from '../compliance/read/cloud-assembly';
import { isJsonObject } from '../compliance/read/kubernetes-source';

/**
 * Reads `landing-zone.json`, what a landing-zone declaration decided (placements and their
 * reasons, declared flows), when the synth output has one; an output of a plain app has none.
 */
export function readZoneSummary(outDir: string, cwd: string): ZoneSummary | undefined {
  const file = join(outDir, ZONE_SUMMARY_FILE);
  if (!existsSync(file)) return undefined;
  const doc = readJsonFile(file, { cwd });
  if (
    !isJsonObject(doc) ||
    doc.schemaVersion !== ZONE_SUMMARY_SCHEMA_VERSION ||
    !Array.isArray(doc.workloads) ||
    !Array.isArray(doc.flows)
  ) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${ZONE_SUMMARY_FILE}: not a landing-zone summary of schema version ${ZONE_SUMMARY_SCHEMA_VERSION} (synthesize again with this version of sovereign-lz)`,
    );
  }
  return doc as unknown as ZoneSummary;
}
