import { decidePlacement, eu, extendProfile, morocco, type Site } from '../../constructs/core';

const casablanca: Site = { name: 'ma-casablanca-1', country: 'MA', regionValues: ['ma-casablanca'], zoneValues: [] };
const paris: Site = { name: 'fr-paris-1', country: 'FR', regionValues: ['fr-paris'], zoneValues: [] };

describe('placement under morocco', () => {
  test('public data may live in any region', () => {
    expect(decidePlacement(morocco, 'public', { kind: 'cloud-region', region: 'us-east-1' }).status).toBe('allowed');
  });

  test('internal data may live in an allowlisted region only', () => {
    expect(decidePlacement(morocco, 'internal', { kind: 'cloud-region', region: 'eu-west-3' }).status).toBe('allowed');
    const denied = decidePlacement(morocco, 'internal', { kind: 'cloud-region', region: 'us-east-1' });
    expect(denied.status).toBe('denied');
    expect(denied.reason).toContain("'us-east-1'");
    expect(denied.remedy).toContain('cloudRegions');
  });

  test('sensitive data is refused in every AWS region, absolutely, citing L05-20 Art. 11', () => {
    for (const region of ['eu-west-3', 'eu-south-2', 'us-east-1', 'me-central-1']) {
      const d = decidePlacement(morocco, 'sensitive', { kind: 'cloud-region', region });
      expect(d.status).toBe('denied');
      expect(d.absolute).toBe(true);
      expect(d.source).toContain('L05-20 Art. 11');
      expect(d.remedy).toContain('in-country site');
    }
  });

  test('sensitive data may live on an in-country site, not on a site abroad', () => {
    expect(decidePlacement(morocco, 'sensitive', { kind: 'site', site: casablanca }).status).toBe('allowed');
    const abroad = decidePlacement(morocco, 'sensitive', { kind: 'site', site: paris });
    expect(abroad.status).toBe('denied');
    expect(abroad.reason).toContain("site 'fr-paris-1' (FR)");
  });

  test('secret data may live nowhere, not even in-country', () => {
    const d = decidePlacement(morocco, 'secret', { kind: 'site', site: casablanca });
    expect(d.status).toBe('denied');
    expect(d.absolute).toBe(true);
  });

  test('personal data abroad needs a recorded CNDP authorization covering the country', () => {
    const without = decidePlacement(morocco, 'personal', { kind: 'cloud-region', region: 'eu-west-3' });
    expect(without.status).toBe('denied');
    expect(without.source).toContain('L09-08 Art. 43-44');
    expect(without.remedy).toContain('cndp-authorization');

    const authorized = extendProfile(morocco, {
      transfers: [{ level: 'personal', basis: 'cndp-authorization', countries: ['FR'], reference: 'CNDP-A-2026-042' }],
    });
    const d = decidePlacement(authorized, 'personal', { kind: 'cloud-region', region: 'eu-west-3' });
    expect(d.status).toBe('allowed');
    expect(d.transfer?.reference).toBe('CNDP-A-2026-042');
    expect(d.advisories.join()).toContain('CNDP-A-2026-042');
    // The authorization covers France only.
    expect(decidePlacement(authorized, 'personal', { kind: 'cloud-region', region: 'eu-south-2' }).status).toBe(
      'denied',
    );
  });

  test('an unknown region cannot prove residency of a restricted level', () => {
    expect(decidePlacement(morocco, 'personal', { kind: 'site', site: casablanca }).status).toBe('allowed');
    const d = decidePlacement(eu, 'personal', { kind: 'cloud-region', region: 'xx-nowhere-1' });
    expect(d.status).toBe('cannot-prove');
  });

  test('the Casablanca Wavelength zone is Paris for residency: its parent region eu-west-3 is in France', () => {
    expect(decidePlacement(morocco, 'sensitive', { kind: 'cloud-region', region: 'eu-west-3' }).target).toContain(
      '(FR)',
    );
  });
});

describe('placement under eu', () => {
  test('personal data may live in the EEA, not in London or Zurich', () => {
    expect(decidePlacement(eu, 'personal', { kind: 'cloud-region', region: 'eu-north-1' }).status).toBe('allowed');
    expect(decidePlacement(eu, 'personal', { kind: 'cloud-region', region: 'eu-west-2' }).status).toBe('denied');
    expect(decidePlacement(eu, 'personal', { kind: 'cloud-region', region: 'eu-central-2' }).status).toBe('denied');
  });

  test('personal data outside the EEA is allowed with recorded standard contractual clauses', () => {
    const p = extendProfile(eu, {
      transfers: [{ level: 'personal', basis: 'scc', countries: ['GB'], reference: 'SCC-2026-07' }],
    });
    expect(decidePlacement(p, 'personal', { kind: 'cloud-region', region: 'eu-west-2' }).status).toBe('allowed');
  });

  test('internal data outside the EU is allowed with an advisory', () => {
    const d = decidePlacement(eu, 'internal', { kind: 'cloud-region', region: 'us-east-1' });
    expect(d.status).toBe('allowed');
    expect(d.advisories[0]).toContain('outside the preferred countries');
  });

  test('sensitive data stays in the EU; a residency violation there is not absolute', () => {
    expect(decidePlacement(eu, 'sensitive', { kind: 'cloud-region', region: 'eu-west-3' }).status).toBe('allowed');
    const d = decidePlacement(eu, 'sensitive', { kind: 'cloud-region', region: 'us-east-1' });
    expect(d.status).toBe('denied');
    expect(d.absolute).toBe(false);
    expect(d.source).toContain('SecNumCloud 19.2');
  });
});
