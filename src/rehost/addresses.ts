import { isIPv4, isIPv6 } from 'node:net';

/** Why an address may not be fetched from; each has its own words for the user. */
export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

type V4Range = [base: string, prefix: number, cls: AddressClass];

// Most specific first: the first match decides the class.
const V4_RANGES: V4Range[] = [
  ['169.254.169.254', 32, 'metadata'], // AWS, GCP, Azure, OpenStack instance metadata
  ['168.63.129.16', 32, 'metadata'], // Azure platform endpoint (a public-looking address)
  ['100.100.100.200', 32, 'metadata'], // Alibaba Cloud metadata
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_TABLE = V4_RANGES.map(([base, prefix, cls]) => {
  const size = 2 ** (32 - prefix);
  const start = v4Number(base) - (v4Number(base) % size);
  return { start, end: start + size - 1, cls };
});

function classifyV4(n: number): AddressClass | null {
  return V4_TABLE.find((r) => n >= r.start && n <= r.end)?.cls ?? null;
}

/** The eight 16-bit groups of a valid IPv6 address (zone index dropped). */
function v6Groups(address: string): number[] {
  const bare = address.replace(/%.*$/, '');
  const [headText = '', tailText] = bare.split('::');
  const parse = (text: string): number[] => {
    if (text === '') return [];
    return text.split(':').flatMap((part) => {
      if (!part.includes('.')) return [parseInt(part, 16)];
      const n = v4Number(part); // a trailing dotted IPv4, as in ::ffff:1.2.3.4
      return [Math.floor(n / 65536), n % 65536];
    });
  };
  const head = parse(headText);
  if (tailText === undefined) return head;
  const tail = parse(tailText);
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function embeddedV4(high: number, low: number): number {
  return high * 65536 + low;
}

/** Checks that only look at the top of the address: [group values, prefix bits, class]. */
const V6_PREFIXES: [groups: number[], bits: number, cls: AddressClass][] = [
  [[0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254], 128, 'metadata'], // AWS IPv6 metadata
  [[0x0064, 0xff9b, 0x0001], 48, 'reserved'], // local-use NAT64 (RFC 8215)
  [[0x0100, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0xfc00], 7, 'private'], // unique local
  [[0xfe80], 10, 'link-local'],
  [[0xfec0], 10, 'private'], // deprecated site-local
  [[0xff00], 8, 'multicast'],
  [[0x2001, 0x0db8], 32, 'documentation'],
  [[0x3fff, 0], 20, 'documentation'], // RFC 9637
  [[0x2001, 0], 23, 'reserved'], // IETF special-purpose: Teredo, ORCHID, benchmarking…
];

function hasPrefix(groups: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i * 16 < bits; i++) {
    const take = Math.min(16, bits - i * 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyV6(g: number[]): AddressClass | null {
  const at = (i: number) => g[i] ?? 0;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && at(7) === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the embedded IPv4.
  if (zeroUpTo(5) && at(5) === 0xffff) return classifyV4(embeddedV4(at(6), at(7)));
  if (hasPrefix(g, [0x64, 0xff9b, 0, 0, 0, 0], 96)) {
    return classifyV4(embeddedV4(at(6), at(7)));
  }
  // 6to4 (2002:aabb:ccdd::/48) is routed through the IPv4 address aabb:ccdd.
  if (at(0) === 0x2002) return classifyV4(embeddedV4(at(1), at(2)));
  const match = V6_PREFIXES.find(([prefix, bits]) => hasPrefix(g, prefix, bits));
  if (match) return match[2];
  // Only 2000::/3 is global unicast; the rest (IPv4-compatible ::/96 included) is not.
  if ((at(0) & 0xe000) !== 0x2000) return 'reserved';
  return null;
}

/**
 * The class of an address that must not be fetched from (loopback, private, link-local,
 * CGNAT, multicast, metadata, documentation, reserved…), or null for a public address.
 * IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by that IPv4
 * address. Anything that is not an IP address at all is refused as `reserved`.
 */
export function refusedAddressClass(address: string): AddressClass | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return classifyV4(v4Number(bare));
  if (isIPv6(bare.replace(/%.*$/, ''))) return classifyV6(v6Groups(bare));
  return 'reserved';
}
