import {
  allocateSubnets,
  checkIpv4Cidr,
  cidrContains,
  cidrsOverlap,
  findCidrOverlaps,
  isValidIpv4Cidr,
  parseIpv4Cidr,
} from '../../constructs/core/cidr';
import { SovereignLzError } from '../../constructs/core/errors';

describe('checkIpv4Cidr', () => {
  test('parses a block into its canonical form, first and last address', () => {
    expect(parseIpv4Cidr('10.0.0.0/16')).toEqual({
      cidr: '10.0.0.0/16',
      network: '10.0.0.0',
      prefixLength: 16,
      first: 0x0a000000,
      last: 0x0a00ffff,
      size: 65536,
    });
    expect(parseIpv4Cidr('0.0.0.0/0')).toMatchObject({ first: 0, last: 2 ** 32 - 1, size: 2 ** 32 });
    expect(parseIpv4Cidr('255.255.255.255/32')).toMatchObject({ first: 2 ** 32 - 1, last: 2 ** 32 - 1, size: 1 });
    expect(parseIpv4Cidr('192.168.4.0/22').last).toBe(parseIpv4Cidr('192.168.7.255/32').first);
  });

  test.each([
    ['10.0.0.0'],
    ['10.0.0/16'],
    ['10.0.0.0.0/16'],
    ['256.0.0.0/8'],
    ['010.0.0.0/8'],
    ['0x0a.0.0.0/8'],
    ['10.0.0.0/33'],
    ['10.0.0.0/016'],
    ['10.0.0.0/+16'],
    [' 10.0.0.0/16'],
    ['10.0.0.0/16 '],
    ['10.0.0.0/'],
    ['fd00::/8'],
    [''],
  ])('fails if the CIDR is malformed: %j', (text) => {
    const check = checkIpv4Cidr(text);
    expect(check).toEqual({ ok: false, problem: expect.stringContaining('is not an IPv4 CIDR block') });
    expect(isValidIpv4Cidr(text)).toBe(false);
  });

  test('fails if the value is not a string', () => {
    expect(checkIpv4Cidr(42)).toEqual({ ok: false, problem: expect.stringContaining('42 is not an IPv4 CIDR') });
    expect(checkIpv4Cidr(undefined)).toEqual({ ok: false, problem: expect.stringContaining('undefined is not') });
  });

  test('fails if host bits are set, and names the block meant', () => {
    expect(checkIpv4Cidr('10.0.0.1/16')).toEqual({
      ok: false,
      problem: "'10.0.0.1/16' has host bits set: the block is '10.0.0.0/16'",
    });
    expect(isValidIpv4Cidr('192.168.1.128/24')).toBe(false);
    expect(isValidIpv4Cidr('192.168.1.128/25')).toBe(true);
  });

  test('fails if the prefix is outside the given range', () => {
    const limits = { minPrefixLength: 16, maxPrefixLength: 24 };
    expect(checkIpv4Cidr('10.0.0.0/8', limits)).toEqual({
      ok: false,
      problem: "'10.0.0.0/8' has prefix /8: it must be from /16 to /24",
    });
    expect(checkIpv4Cidr('10.0.0.0/28', limits)).toEqual({ ok: false, problem: expect.stringContaining('/28') });
    expect(isValidIpv4Cidr('10.0.0.0/16', limits)).toBe(true);
    expect(isValidIpv4Cidr('10.0.0.0/24', limits)).toBe(true);
    expect(checkIpv4Cidr('10.0.0.0/8', { minPrefixLength: 16, maxPrefixLength: 16 })).toEqual({
      ok: false,
      problem: expect.stringContaining('it must be /16'),
    });
  });

  test('parseIpv4Cidr throws a SovereignLzError with code CIDR_INVALID', () => {
    expect(() => parseIpv4Cidr('10.0.0.1/8')).toThrow(SovereignLzError);
    expect(() => parseIpv4Cidr('nope')).toThrow(/'nope' is not an IPv4 CIDR block/);
    try {
      parseIpv4Cidr('nope');
    } catch (e) {
      expect((e as SovereignLzError).code).toBe('CIDR_INVALID');
    }
  });
});

describe('overlaps', () => {
  test('blocks that share addresses overlap, in either order', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.128.0/17')).toBe(true);
    expect(cidrsOverlap('10.0.128.0/17', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/8', '10.255.255.255/32')).toBe(true);
    expect(cidrsOverlap('0.0.0.0/0', '192.168.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
  });

  test('adjacent and distant blocks do not overlap', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(cidrsOverlap('10.0.0.0/25', '10.0.0.128/25')).toBe(false);
    expect(cidrsOverlap('172.16.0.0/12', '192.168.0.0/16')).toBe(false);
  });

  test('containment', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.4.0/22')).toBe(true);
    expect(cidrContains('10.0.4.0/22', '10.0.0.0/16')).toBe(false);
    expect(cidrContains('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.1.0.0/24')).toBe(false);
  });

  test('overlap tests accept parsed blocks and throw on malformed text', () => {
    expect(cidrsOverlap(parseIpv4Cidr('10.0.0.0/16'), '10.0.1.0/24')).toBe(true);
    expect(() => cidrsOverlap('10.0.0.0/16', '10.0.1.0')).toThrow(/is not an IPv4 CIDR block/);
  });

  test('findCidrOverlaps lists every overlapping pair in list order and skips malformed entries', () => {
    expect(
      findCidrOverlaps(['10.0.0.0/16', '192.168.0.0/16', 'bad', '10.0.8.0/24', '192.168.255.0/24', '172.16.0.0/12']),
    ).toEqual([
      { a: '10.0.0.0/16', b: '10.0.8.0/24', indexA: 0, indexB: 3 },
      { a: '192.168.0.0/16', b: '192.168.255.0/24', indexA: 1, indexB: 4 },
    ]);
    expect(findCidrOverlaps(['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16'])).toEqual([]);
    expect(findCidrOverlaps([])).toEqual([]);
  });
});

describe('allocateSubnets', () => {
  test('allocates one after the other, each aligned on its size (as aws-cdk-lib does)', () => {
    expect(allocateSubnets('10.0.0.0/24', [26, 26, 25])).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/25']);
    expect(allocateSubnets('10.0.0.0/16', [24, 24, 20, 20])).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.16.0/20',
      '10.0.32.0/20',
    ]);
    expect(allocateSubnets('10.0.0.0/16', [])).toEqual([]);
  });

  test('returns undefined when the subnets do not fit', () => {
    expect(allocateSubnets('10.0.0.0/24', [25, 25, 28])).toBeUndefined();
    // alignment wastes space: a /26 then a /25 needs the second half
    expect(allocateSubnets('10.0.0.0/24', [26, 25, 26])).toBeUndefined();
    expect(allocateSubnets('10.0.0.0/24', [23])).toBeUndefined();
    expect(allocateSubnets('10.0.0.0/24', [24.5])).toBeUndefined();
  });

  test('matches aws-cdk-lib on the default segmented plan', () => {
    expect(allocateSubnets('10.0.0.0/16', [22, 22, 19, 19, 20, 20, 22, 22])).toEqual([
      '10.0.0.0/22',
      '10.0.4.0/22',
      '10.0.32.0/19',
      '10.0.64.0/19',
      '10.0.96.0/20',
      '10.0.112.0/20',
      '10.0.128.0/22',
      '10.0.132.0/22',
    ]);
  });
});
