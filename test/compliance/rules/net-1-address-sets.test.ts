import {
  AddressSet,
  checkIpv4Cidr,
  internetAddresses,
  NON_INTERNET_IPV4,
  readCidrBlock,
  type AddressBlockRead,
} from '../../../constructs/core';

const cidr = (read: AddressBlockRead) => (read.ok ? [read.block.cidr, read.alternative?.cidr] : read.problem.en);

describe('readCidrBlock: a rule source read as EC2 reads it', () => {
  test.each([
    ['0.0.0.0/0', ['0.0.0.0/0', undefined]],
    ['0.0.0.0/00', ['0.0.0.0/0', undefined]],
    ['000.000.000.000/0', ['0.0.0.0/0', undefined]],
    ['1.2.3.4/0', ['0.0.0.0/0', undefined]],
    ['100.68.0.18/18', ['100.68.0.0/18', undefined]],
    [' 10.0.0.0/8 ', ['10.0.0.0/8', undefined]],
    ['192.168.1.1', ['192.168.1.1/32', undefined]],
    ['010.0.0.0/8', ['10.0.0.0/8', '8.0.0.0/8']],
    ['0377.0.0.0/8', ['255.0.0.0/8', undefined]],
    ['::/0', ['::/0', undefined]],
    ['::0/0', ['::/0', undefined]],
    ['2000::/3', ['2000::/3', undefined]],
    ['2001:db8::1/32', ['2001:db8::/32', undefined]],
    ['2001:0db8:0000::/048', ['2001:db8::/48', undefined]],
  ])('%s is %s', (text, expected) => {
    expect(cidr(readCidrBlock(text))).toEqual(expected);
  });

  test.each(['0/0', '1.2.3/8', '10.0.0.0/33', '256.0.0.0/8', '::/129', 'any', '10.0.0.0/8/8', ''])(
    '%s is not a block',
    (text) => {
      expect(readCidrBlock(text).ok).toBe(false);
    },
  );

  test('a family can be required: CidrIp is IPv4, CidrIpv6 IPv6', () => {
    expect(cidr(readCidrBlock('::/0', 'ipv4'))).toBe("'::/0' is not an IPv4 CIDR block");
    expect(cidr(readCidrBlock('0.0.0.0/0', 'ipv6'))).toBe("'0.0.0.0/0' is not an IPv6 CIDR block");
    expect(readCidrBlock(42).ok).toBe(false);
  });

  test('the strict checker of address plans is unchanged: host bits are an error there', () => {
    expect(checkIpv4Cidr('1.2.3.4/0').ok).toBe(false);
  });
});

describe('AddressSet', () => {
  const v4 = (...cidrs: string[]) => AddressSet.ofCidrs('ipv4', cidrs);

  test('union merges overlapping and adjacent blocks', () => {
    expect(v4('0.0.0.0/1', '128.0.0.0/1').ranges).toEqual(AddressSet.all('ipv4').ranges);
    expect(v4('10.0.0.0/9', '10.128.0.0/9', '10.64.0.0/10').ranges).toEqual(v4('10.0.0.0/8').ranges);
    expect(v4('10.0.0.0/8').union(v4('12.0.0.0/8')).ranges).toHaveLength(2);
  });

  test('intersect, minus, covers and size', () => {
    const all = AddressSet.all('ipv4');
    expect(all.size).toBe(2n ** 32n);
    expect(all.minus(v4('10.0.0.0/8')).size).toBe(2n ** 32n - 2n ** 24n);
    expect(all.minus(v4('10.0.0.0/8')).minus(v4('0.0.0.0/0')).isEmpty).toBe(true);
    expect(v4('10.0.0.0/8').intersect(v4('10.1.0.0/16', '11.0.0.0/8')).ranges).toEqual(v4('10.1.0.0/16').ranges);
    expect(v4('10.0.0.0/8').covers(v4('10.1.0.0/16'))).toBe(true);
    expect(v4('10.1.0.0/16').covers(v4('10.0.0.0/8'))).toBe(false);
    expect(AddressSet.empty('ipv6').union(AddressSet.all('ipv6')).size).toBe(2n ** 128n);
  });

  test('the internet: IPv4 but the special-purpose ranges, IPv6 global unicast', () => {
    const internet = internetAddresses('ipv4');
    expect(internet.size).toBe(2n ** 32n - v4(...NON_INTERNET_IPV4).size);
    expect(internet.intersect(v4('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16')).isEmpty).toBe(true);
    expect(v4('0.0.0.0/1', '128.0.0.0/1').covers(internet)).toBe(true);
    expect(v4('0.0.0.0/1').covers(internet)).toBe(false);
    const v6 = internetAddresses('ipv6');
    expect(AddressSet.ofCidrs('ipv6', ['2000::/3']).covers(v6)).toBe(true);
    expect(AddressSet.ofCidrs('ipv6', ['fc00::/7', 'fe80::/10']).intersect(v6).isEmpty).toBe(true);
  });

  test('ofCidrs refuses what is not a block', () => {
    expect(() => v4('not-a-block')).toThrow(/not an IPv4 CIDR block/);
  });
});
