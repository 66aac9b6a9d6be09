import type { LandingZoneDeclaration } from 'sovereign-lz/landing-zone';
import { DeclarationError, LandingZone } from 'sovereign-lz/landing-zone';

/** A small lawful zone under `morocco`: one internal workload in Paris. Override what a test needs. */
export function smallZone(overrides: Partial<LandingZoneDeclaration> = {}): LandingZoneDeclaration {
  return {
    name: 'small',
    profile: 'morocco',
    regions: ['eu-west-3'],
    workloads: [{ name: 'records', classification: 'internal', stores: [{ name: 'documents', kind: 'objects' }] }],
    ...overrides,
  };
}

/** The message of the DeclarationError a declaration raises (fails the test if it raises none). */
export function refusal(declaration: LandingZoneDeclaration): string {
  try {
    new LandingZone(declaration);
  } catch (e) {
    expect(e).toBeInstanceOf(DeclarationError);
    return (e as Error).message;
  }
  throw new Error('the declaration was accepted');
}
