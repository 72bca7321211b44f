import { isIPv4, isIPv6 } from 'node:net';

/*
 * Which IP addresses a webhook may be delivered to: public unicast only. Everything a server can
 * reach but the internet cannot (loopback, RFC 1918, link-local with the cloud metadata service,
 * CGNAT, unique-local, ...) and everything that is not one host (multicast, broadcast,
 * unspecified, reserved) is refused. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4)
 * are judged by that address; other IPv6 outside global unicast 2000::/3 is refused whole.
 */

/** [first address as a 32-bit number, prefix length, what it is]. */
const IPV4_FORBIDDEN: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'shared address space, CGNAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local, cloud metadata (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation (192.0.2.0/24)'],
  ['192.88.99.0', 24, '6to4 relay anycast (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'reserved or broadcast (240.0.0.0/4)'],
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function ipv4Reason(value: number): string | null {
  for (const [first, bits, what] of IPV4_FORBIDDEN) {
    const size = 2 ** (32 - bits);
    const start = ipv4Number(first);
    if (value >= start && value < start + size) return what;
  }
  return null;
}

function ipv4Text(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (a zone id is dropped, a dotted tail read). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0] ?? '';
  const tail = text.slice(text.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const value = ipv4Number(tail);
    text = `${text.slice(0, text.length - tail.length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = rest === undefined || rest === '' ? [] : rest.split(':');
  const middle =
    rest === undefined ? [] : new Array<string>(8 - front.length - back.length).fill('0');
  return [...front, ...middle, ...back].map((group) => parseInt(group, 16));
}

function embeddedIpv4Reason(form: string, value: number): string | null {
  const reason = ipv4Reason(value);
  return reason === null ? null : `${form} of ${ipv4Text(value)}, ${reason}`;
}

function ipv6Reason(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const low32 = g6 * 0x10000 + g7;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0) {
    if (g5 === 0xffff) return embeddedIpv4Reason('IPv4-mapped form', low32);
    if (g5 === 0) {
      if (low32 === 0) return 'unspecified (::)';
      if (low32 === 1) return 'loopback (::1)';
      return 'IPv4-compatible, deprecated (::/96)';
    }
  }
  if (g0 === 0x64 && g1 === 0xff9b) {
    // The well-known NAT64 prefix reaches the embedded IPv4 address (DNS64 hands these out).
    if (g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
      return embeddedIpv4Reason('NAT64 form', low32);
    if (g2 === 1) return 'local-use NAT64 (64:ff9b:1::/48)';
  }
  if (g0 === 0x2002) return embeddedIpv4Reason('6to4 form', g1 * 0x10000 + g2);
  if (g0 === 0x2001 && g1 < 0x200) return 'IETF special purpose, Teredo (2001::/23)';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation (2001:db8::/32)';
  if (g0 === 0x3fff && g1 < 0x1000) return 'documentation (3fff::/20)';
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local (fc00::/7)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local, deprecated (fec0::/10)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast (ff00::/8)';
  if ((g0 & 0xe000) !== 0x2000) return 'not global unicast (outside 2000::/3)';
  return null;
}

/**
 * Why `address` (an IPv4 or IPv6 address as `dns.lookup` or `net.isIP` know them) may not
 * receive a webhook, e.g. `loopback (127.0.0.0/8)`; null when it is a public unicast address.
 */
export function forbiddenAddressReason(address: string): string | null {
  if (isIPv4(address)) return ipv4Reason(ipv4Number(address));
  if (isIPv6(address)) return ipv6Reason(ipv6Groups(address));
  return 'not an IP address';
}

/**
 * A URL's host the way the allow-list and the resolver take it: lower case, without the
 * brackets of an IPv6 literal or a trailing dot. The WHATWG parser has already turned
 * `2130706433`, `0x7f.1` or `0177.0.0.1` into `127.0.0.1`, so a literal is seen for what it is.
 */
export function normalisedHost(url: URL): string {
  return url.hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** The host when it is an IP address literal, else null (a name, to be resolved). */
export function ipLiteral(host: string): string | null {
  return isIPv4(host) || isIPv6(host) ? host : null;
}
