import { SovereignLzError } from './errors';
import { parseAndValidate } from './document';
import type { JurisdictionProfile } from './profile';
import { extendProfile, type ProfileExtension } from './profile-extend';
import { readDeclarationText } from './read-bounded';
import { PROFILE_EXTENSION_SCHEMA, PROFILE_SCHEMA } from './profile-schema';
import { locatedProblems, profileProblemsAt } from './profile-validate';
import { eu } from './profiles/eu';
import { morocco } from './profiles/morocco';
import { suggestion } from './suggest';

/** The profiles that ship with sovereign-lz, by id. */
export const BUILTIN_PROFILES: Readonly<Record<string, JurisdictionProfile>> = { morocco, eu };

/** The built-in profile with this id; throws a clear error naming the known ids. */
export function builtinProfile(id: string): JurisdictionProfile {
  const profile = Object.prototype.hasOwnProperty.call(BUILTIN_PROFILES, id) ? BUILTIN_PROFILES[id] : undefined;
  if (!profile) {
    throw new SovereignLzError(
      'PROFILE_UNKNOWN',
      `unknown profile '${id}'${suggestion(id, Object.keys(BUILTIN_PROFILES))}: use one of ${Object.keys(BUILTIN_PROFILES).join(', ')}, or a profile file (FILE.json)`,
    );
  }
  return profile;
}

type ProfileFile = (ProfileExtension & { extends: string }) | (JurisdictionProfile & { extends?: undefined });

/**
 * Parses a profile file's text. A file with `"extends": "morocco"` (or `"eu"`) derives from
 * that built-in profile and may give any subset of fields; a file without `extends` must be
 * a complete profile (as `out/profile.json` is). Errors name the file, line and field.
 */
export function parseProfile(text: string, file: string): JurisdictionProfile {
  const head = (() => {
    try {
      return JSON.parse(text) as { extends?: unknown };
    } catch {
      return undefined;
    }
  })();
  const schema =
    head && typeof head === 'object' && head !== null && 'extends' in head ? PROFILE_EXTENSION_SCHEMA : PROFILE_SCHEMA;
  const doc = parseAndValidate<ProfileFile>(text, file, schema, 'PROFILE_INVALID');
  const { $schema: _ignored, ...data } = doc.value as ProfileFile & { $schema?: string };
  if (data.extends !== undefined) {
    const { extends: baseId, ...extension } = data;
    let base: JurisdictionProfile;
    try {
      base = builtinProfile(baseId);
    } catch (e) {
      throw new SovereignLzError('PROFILE_INVALID', `${doc.locate('/extends')}: ${(e as Error).message}`);
    }
    // Each problem named at the line of its field (a widening of the base included).
    return extendProfile(base, extension, file, (pointer) => doc.locate(pointer));
  }
  const profile = data as JurisdictionProfile;
  const problems = locatedProblems(profileProblemsAt(profile), (field) => doc.locate(field));
  if (problems.length) {
    throw new SovereignLzError(
      'PROFILE_INVALID',
      problems.length === 1 ? problems[0] : `${file}: ${problems.length} problems:\n  ${problems.join('\n  ')}`,
    );
  }
  return profile;
}

/**
 * Reads and parses a profile file (see {@link parseProfile}). Only a regular file is read, of at
 * most {@link MAX_DECLARATION_FILE_BYTES} (`PROFILE_UNREADABLE`, `INPUT_TOO_LARGE`).
 */
export function loadProfileFile(file: string): JurisdictionProfile {
  return parseProfile(readDeclarationText(file, 'the profile file', 'PROFILE_UNREADABLE'), file);
}

/**
 * A profile from a reference: a built-in id (`morocco`, `eu`), a path to a profile file
 * (anything ending in `.json`), or a profile object (returned as is).
 */
export function resolveProfile(ref: string | JurisdictionProfile): JurisdictionProfile {
  if (typeof ref !== 'string') return ref;
  return ref.toLowerCase().endsWith('.json') ? loadProfileFile(ref) : builtinProfile(ref);
}

/** The profile as stable, pretty JSON (what `out/profile.json` holds). */
export function serializeProfile(profile: JurisdictionProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}
