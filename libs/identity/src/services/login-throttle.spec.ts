import { addressKey, delayAfter } from './login-throttle';

describe('addressKey', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6 ones', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 client by its /64, however it writes the address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('has one key for an unknown address', () => {
    expect(addressKey(null)).toBe('unknown');
  });
});

describe('delayAfter', () => {
  const delays = { first: 1, max: 900 };

  it('lets the free failures through, then doubles from the first delay up to the cap', () => {
    expect([4, 5, 6, 7, 8].map((n) => delayAfter(n, 5, delays))).toEqual([0, 1, 2, 4, 8]);
    expect(delayAfter(100, 5, delays)).toBe(900);
    expect(delayAfter(5, 5, { first: 60, max: 900 })).toBe(60);
  });
});
