import { dirname, isAbsolute, resolve } from 'node:path';
import { parseAndValidate, readDeclarationText } from '../core';
import type { LandingZoneDeclaration } from './declaration';
import { declarationPath } from './declaration-error';
import { LANDING_ZONE_SCHEMA } from './declaration-schema';
import { LandingZone } from './landing-zone';

/** True if `file` names a declaration file (`.yaml`, `.yml` or `.json`) rather than an app module. */
export function isDeclarationFile(file: string): boolean {
  return /\.(ya?ml|json)$/i.test(file);
}

/**
 * A landing zone from a YAML or JSON declaration file. Every problem — of shape (the schema)
 * or of meaning (a level with nowhere to live, an unknown site, a forbidden flow) — is
 * reported as `FILE:LINE:COL: …`. A profile given as a path is read relative to the file.
 */
export function loadLandingZone(file: string): LandingZone {
  // Only a regular file, of at most MAX_DECLARATION_FILE_BYTES (DECLARATION_UNREADABLE, INPUT_TOO_LARGE).
  const source = readDeclarationText(file, 'the landing-zone declaration', 'DECLARATION_UNREADABLE');
  const doc = parseAndValidate<LandingZoneDeclaration>(source, file, LANDING_ZONE_SCHEMA, 'DECLARATION_INVALID');
  const declared = doc.value;
  const profile =
    typeof declared.profile === 'string' && /\.json$/i.test(declared.profile) && !isAbsolute(declared.profile)
      ? resolve(dirname(file), declared.profile)
      : declared.profile;
  return new LandingZone({ ...declared, profile }, { locate: (p) => `${doc.locate(p)} (${declarationPath(p)})` });
}
