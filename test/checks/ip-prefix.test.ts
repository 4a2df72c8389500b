import { describe, expect, it } from 'vitest';
import { parseNetwork, parsePrefix, sameAddress, sameNetwork } from '../../src/checks/ip-prefix.js';

describe('ip-prefix', () => {
  it('treats default and 0.0.0.0/0 (and ::/0) as the same destination', () => {
    expect(sameNetwork(parseNetwork('default')!, parseNetwork('0.0.0.0/0')!)).toBe(true);
    expect(sameNetwork(parseNetwork('::/0')!, parseNetwork('default')!)).toBe(true);
  });
  it('compares networks by value, host bits cleared, bare addresses as host routes', () => {
    expect(sameNetwork(parseNetwork('10.0.1.5/24')!, parseNetwork('10.0.1.0/24')!)).toBe(true);
    expect(sameNetwork(parseNetwork('10.0.1.5')!, parseNetwork('10.0.1.5/32')!)).toBe(true);
    expect(sameNetwork(parseNetwork('2001:db8::/32')!, parseNetwork('2001:DB8:0::/32')!)).toBe(true);
    expect(sameNetwork(parseNetwork('10.0.1.0/24')!, parseNetwork('10.0.1.0/25')!)).toBe(false);
  });
  it('parses addresses with or without a prefix and rejects non-addresses', () => {
    expect(parsePrefix('FE80::1%eth0')).toEqual({ family: 6, address: 'fe80::1', len: undefined });
    expect(parsePrefix('10.0.1.2/24')).toEqual({ family: 4, address: '10.0.1.2', len: 24 });
    expect(parsePrefix('10.1')).toBeUndefined();
    expect(parsePrefix('10.0.0.1/33')).toBeUndefined();
    expect(sameAddress('2001:db8:0:0:0:0:0:1', '2001:db8::1')).toBe(true);
  });
});
