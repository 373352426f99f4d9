// Domain names and IP addresses as miekg/dns, Go's net package and CoreDNS's dnsutil treat them:
// fully qualified names end in a dot, comparisons ignore case, addresses print in Go's canonical
// form (net.IP.String), and reverse names map to and from in-addr.arpa / ip6.arpa.

/** `name` with its final dot (dns.Fqdn). */
export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** The labels of a name, without the root (dns.SplitDomainName). */
export function splitDomainName(name: string): string[] {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return n === '' ? [] : n.split('.');
}

/** Whether two names are the same, ignoring case and the final dot. */
export function sameName(a: string, b: string): boolean {
  return fqdn(a).toLowerCase() === fqdn(b).toLowerCase();
}

/** Whether `child` is `parent` or under it (dns.IsSubDomain). */
export function isSubDomain(parent: string, child: string): boolean {
  const p = splitDomainName(parent.toLowerCase());
  const c = splitDomainName(child.toLowerCase());
  if (p.length > c.length) return false;
  for (let i = 1; i <= p.length; i++) if (p[p.length - i] !== c[c.length - i]) return false;
  return true;
}

/** The longest of `zones` that `qname` falls under, or '' (plugin.Zones.Matches). */
export function matchZone(zones: readonly string[], qname: string): string {
  let best = '';
  for (const z of zones) if (isSubDomain(z, qname) && z.length > best.length) best = z;
  return best;
}

/** `name` without `zone` and without the dot between them; '' for the zone itself (dnsutil.TrimZone). */
export function trimZone(name: string, zone: string): string {
  const labels = splitDomainName(name);
  const keep = labels.length - splitDomainName(zone).length;
  return keep <= 0 ? '' : labels.slice(0, keep).join('.');
}

/** An address as Go's net.ParseIP reads it: family 4 for IPv4 and IPv4-mapped IPv6 (To4 != nil). */
export interface ParsedIP {
  family: 4 | 6;
  /** net.IP.String(): dotted quad, or RFC 5952 text. */
  text: string;
  /** The 16 bytes (IPv4 as ::ffff:a.b.c.d). */
  bytes: number[];
}

/** Parses an IPv4 or IPv6 address; null when Go's net.ParseIP would return nil. */
export function parseIP(s: string): ParsedIP | null {
  const v4 = parseIPv4(s);
  if (v4) return fromBytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
  if (!s.includes(':')) return null;
  const bytes = parseIPv6(s);
  return bytes ? fromBytes(bytes) : null;
}

function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    // Go 1.17+ rejects leading zeros ("010"), which some libcs read as octal.
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseIPv6(s: string): number[] | null {
  let tail: number[] = [];
  let text = s;
  // An embedded IPv4 address in the last 32 bits ("::ffff:1.2.3.4").
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const all = [...head, ...Array(8 - total).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function fromBytes(bytes: number[]): ParsedIP {
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return { family: 4, text: bytes.slice(12).join('.'), bytes };
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // RFC 5952: the first longest run of two or more zero groups becomes "::".
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  const text = bestStart < 0 ? hex.join(':') : `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
  return { family: 6, text, bytes };
}

const ip4arpa = '.in-addr.arpa.';
const ip6arpa = '.ip6.arpa.';

/** 1 for an in-addr.arpa name, 2 for ip6.arpa, 0 otherwise (dnsutil.IsReverse). */
export function isReverse(name: string): 0 | 1 | 2 {
  if (name.endsWith(ip4arpa)) return 1;
  if (name.endsWith(ip6arpa)) return 2;
  return 0;
}

/** The address a full reverse name stands for, or '' (dnsutil.ExtractAddressFromReverse). */
export function addressFromReverse(name: string): string {
  const kind = isReverse(name);
  if (kind === 0) return '';
  const labels = name.slice(0, name.length - (kind === 1 ? ip4arpa : ip6arpa).length).split('.').reverse();
  if (kind === 1) {
    const ip = parseIP(labels.join('.'));
    return ip && ip.family === 4 && parseIPv4(labels.join('.')) ? ip.text : '';
  }
  const groups: string[] = [];
  for (let i = 0; i + 4 <= labels.length; i += 4) groups.push(labels.slice(i, i + 4).join(''));
  const ip = parseIP(groups.join(':'));
  return ip ? ip.text : '';
}

/** The reverse name of an address ("1.0.96.10.in-addr.arpa."), or null when it is not one. */
export function reverseName(address: string): string | null {
  const ip = parseIP(address);
  if (!ip) return null;
  if (ip.family === 4 && parseIPv4(address)) return `${ip.bytes.slice(12).reverse().join('.')}.in-addr.arpa.`;
  const nibbles: string[] = [];
  for (const b of ip.bytes) nibbles.push((b >> 4).toString(16), (b & 15).toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa.`;
}
