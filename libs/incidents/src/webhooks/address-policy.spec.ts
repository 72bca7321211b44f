import { forbiddenAddressReason, ipLiteral, normalisedHost } from './address-policy';

describe('forbiddenAddressReason', () => {
  it.each([
    // IPv4
    ['0.0.0.0', /this network/],
    ['0.255.255.255', /this network/],
    ['10.0.0.1', /private \(10/],
    ['10.255.255.255', /private \(10/],
    ['100.64.0.1', /CGNAT/],
    ['100.127.255.255', /CGNAT/],
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['169.254.169.254', /link-local, cloud metadata/],
    ['169.254.0.1', /link-local/],
    ['172.16.0.1', /private \(172/],
    ['172.31.255.255', /private \(172/],
    ['192.0.0.170', /IETF protocol/],
    ['192.0.2.10', /documentation/],
    ['192.88.99.1', /6to4 relay/],
    ['192.168.1.1', /private \(192\.168/],
    ['198.18.0.1', /benchmarking/],
    ['198.19.255.255', /benchmarking/],
    ['198.51.100.7', /documentation/],
    ['203.0.113.9', /documentation/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['240.0.0.1', /reserved/],
    ['255.255.255.255', /broadcast/],
    // IPv6
    ['::', /unspecified/],
    ['::1', /loopback \(::1\)/],
    ['0:0:0:0:0:0:0:1', /loopback \(::1\)/],
    ['::ffff:127.0.0.1', /IPv4-mapped form of 127\.0\.0\.1, loopback/],
    ['::ffff:7f00:1', /IPv4-mapped form of 127\.0\.0\.1, loopback/],
    ['::ffff:a9fe:a9fe', /IPv4-mapped form of 169\.254\.169\.254/],
    ['::ffff:10.1.2.3', /IPv4-mapped form of 10\.1\.2\.3, private/],
    ['0:0:0:0:0:ffff:c0a8:0101', /IPv4-mapped form of 192\.168\.1\.1/],
    ['::127.0.0.1', /IPv4-compatible/],
    ['::ffff:0:7f00:1', /not global unicast/],
    ['64:ff9b::7f00:1', /NAT64 form of 127\.0\.0\.1/],
    ['64:ff9b::10.0.0.1', /NAT64 form of 10\.0\.0\.1/],
    ['64:ff9b:1::1', /local-use NAT64/],
    ['2002:7f00:1::1', /6to4 form of 127\.0\.0\.1/],
    ['2002:a9fe:a9fe::', /6to4 form of 169\.254\.169\.254/],
    ['2001::1', /Teredo/],
    ['2001:db8::1', /documentation/],
    ['3fff::1', /documentation/],
    ['fc00::1', /unique-local/],
    ['fd12:3456:789a::1', /unique-local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['febf::1', /link-local/],
    ['fec0::1', /site-local/],
    ['ff02::1', /multicast/],
    ['ff05::1:3', /multicast/],
    ['100::1', /not global unicast/],
    ['5f00::1', /not global unicast/],
    ['4000::1', /not global unicast/],
    // not an address at all
    ['example.com', /not an IP address/],
    ['', /not an IP address/],
    ['1.2.3', /not an IP address/],
  ])('%s is forbidden (%s)', (address, reason) => {
    expect(forbiddenAddressReason(address)).toMatch(reason);
  });

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '93.184.215.14',
    '100.63.255.255', // just below CGNAT
    '100.128.0.0', // just above CGNAT
    '172.15.255.255', // just below 172.16/12
    '172.32.0.0', // just above
    '169.253.255.255',
    '192.167.255.255',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255', // just below multicast
    '11.0.0.1',
    '126.255.255.255',
    '128.0.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
    '2001:4860:4860::8888',
    '2001:200::1', // just above 2001::/23
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
    '3fff:1000::1', // just above 3fff::/20
  ])('%s is allowed', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });
});

describe('normalisedHost and ipLiteral, on what the WHATWG URL parser makes of a host', () => {
  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://169.254.43518/', '169.254.169.254'],
    ['http://0xa9fea9fe/', '169.254.169.254'],
    ['http://[::1]:8080/', '::1'],
    ['http://[0:0:0:0:0:0:0:1]/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['https://[fe80::1]/', 'fe80::1'],
    ['http://10.0.0.1:8080/x', '10.0.0.1'],
  ])('%s is the IP literal %s, and it is forbidden', (raw, literal) => {
    const host = normalisedHost(new URL(raw));
    expect(host).toBe(literal);
    expect(ipLiteral(host)).toBe(literal);
    expect(forbiddenAddressReason(literal)).not.toBeNull();
  });

  it.each([
    ['https://Chat.Example.COM/hook', 'chat.example.com'],
    ['https://chat.example.com./hook', 'chat.example.com'],
    ['http://localhost:3000/', 'localhost'],
    ['http://1.2.3.4.example/', '1.2.3.4.example'],
  ])('%s has the name %s, resolved at delivery', (raw, name) => {
    const host = normalisedHost(new URL(raw));
    expect(host).toBe(name);
    expect(ipLiteral(host)).toBeNull();
  });

  it('leaves a public literal allowed', () => {
    expect(
      forbiddenAddressReason(normalisedHost(new URL('https://[2606:4700:4700::1111]/'))),
    ).toBeNull();
    expect(forbiddenAddressReason(normalisedHost(new URL('http://134744072/')))).toBeNull(); // 8.8.8.8
  });
});
