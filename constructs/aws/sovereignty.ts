import type { IConstruct } from 'constructs';
import { resolveProfile, type ClassificationLevel, type JurisdictionProfile } from '../core';

/** The profile and classification a scope gives to the constructs below it. */
export interface SovereigntySettings {
  /** A profile object or a built-in profile id (`morocco`, `eu`). */
  readonly profile?: JurisdictionProfile | string;
  /** The classification of the data below this scope. */
  readonly classification?: ClassificationLevel;
}

/** Settings as resolved for one construct. */
export interface ResolvedSovereignty {
  readonly profile?: JurisdictionProfile;
  readonly classification?: ClassificationLevel;
}

const SETTINGS = new WeakMap<IConstruct, { profile?: JurisdictionProfile; classification?: ClassificationLevel }>();

/**
 * Attaches a profile and a classification to a scope (an App, a Stage, a Stack or any
 * construct); every sovereign construct below it inherits them unless it sets its own.
 * The nearest scope wins, field by field.
 *
 * @example
 * Sovereignty.set(app, { profile: 'morocco' });
 * Sovereignty.set(recordsStack, { classification: 'internal' });
 */
export class Sovereignty {
  /** Sets the profile and/or classification of `scope`. */
  public static set(scope: IConstruct, settings: SovereigntySettings): void {
    const current = SETTINGS.get(scope) ?? {};
    SETTINGS.set(scope, {
      profile: settings.profile !== undefined ? resolveProfile(settings.profile) : current.profile,
      classification: settings.classification ?? current.classification,
    });
  }

  /** The profile and classification `scope` inherits from itself and its ancestors. */
  public static of(scope: IConstruct): ResolvedSovereignty {
    let profile: JurisdictionProfile | undefined;
    let classification: ClassificationLevel | undefined;
    for (const node of [...scope.node.scopes].reverse()) {
      const s = SETTINGS.get(node);
      profile ??= s?.profile;
      classification ??= s?.classification;
      if (profile && classification) break;
    }
    return { profile, classification };
  }
}
