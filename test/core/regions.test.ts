import { CLOUD_REGIONS, EEA_COUNTRIES, EU_COUNTRIES, findCloudRegion, isInEea, isInEu } from '../../constructs/core';

test('no cloud region is in Morocco', () => {
  expect(CLOUD_REGIONS.filter((r) => r.country === 'MA')).toEqual([]);
});

test('London and Zurich are outside the EEA; Paris, Stockholm and Spain inside', () => {
  expect(isInEea(findCloudRegion('eu-west-2')!.country)).toBe(false);
  expect(isInEea(findCloudRegion('eu-central-2')!.country)).toBe(false);
  for (const r of ['eu-west-3', 'eu-north-1', 'eu-south-2']) expect(isInEea(findCloudRegion(r)!.country)).toBe(true);
});

test('the EU has 27 member states and the EEA adds Iceland, Liechtenstein and Norway', () => {
  expect(EU_COUNTRIES).toHaveLength(27);
  expect(EEA_COUNTRIES).toHaveLength(30);
  expect(isInEu('NO')).toBe(false);
  expect(isInEea('NO')).toBe(true);
});

test('region codes are unique and countries are ISO alpha-2', () => {
  const codes = CLOUD_REGIONS.map((r) => r.region);
  expect(new Set(codes).size).toBe(codes.length);
  for (const r of CLOUD_REGIONS) expect(r.country).toMatch(/^[A-Z]{2}$/);
});

test('an unknown region is not guessed', () => {
  expect(findCloudRegion('eu-west-9')).toBeUndefined();
});
