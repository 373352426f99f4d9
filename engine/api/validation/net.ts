// IP and CIDR parsing as k8s.io/utils/net ParseIPSloppy / ParseCIDRSloppy, which keep Go 1.16's
// net.ParseIP rules (k8s.io/utils/internal/third_party/forked/golang/net/ip.go): IPv4 octets may
// have leading zeros ("010" is 10) since stored objects already use them.

/** A parsed address: always 16 bytes, IPv4 as the v4-in-v6 form ::ffff:a.b.c.d, as Go's net.IP. */
export interface ParsedIP {
  bytes: Uint8Array;
  /** Written in dotted IPv4 form (the parser that accepted it). */
  v4Syntax: boolean;
}

const big = 0xffffff;

/** dtoi: decimal digits at the start of s; consumed count; false when none or too large. */
function dtoi(s: string): [n: number, consumed: number, ok: boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length && s[i]! >= '0' && s[i]! <= '9'; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= big) return [big, i, false];
  }
  if (i === 0) return [0, 0, false];
  return [n, i, true];
}

/** xtoi: hex digits at the start of s. */
function xtoi(s: string): [n: number, consumed: number, ok: boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    let d: number;
    if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (c >= 'a' && c <= 'f') d = c.charCodeAt(0) - 87;
    else if (c >= 'A' && c <= 'F') d = c.charCodeAt(0) - 55;
    else break;
    n = n * 16 + d;
    if (n >= big) return [0, i, false];
  }
  if (i === 0) return [0, i, false];
  return [n, i, true];
}

function parseIPv4(s: string): Uint8Array | null {
  const p = new Uint8Array(16);
  p[10] = 0xff;
  p[11] = 0xff;
  for (let i = 0; i < 4; i++) {
    if (s.length === 0) return null;
    if (i > 0) {
      if (s[0] !== '.') return null;
      s = s.slice(1);
    }
    const [n, c, ok] = dtoi(s);
    if (!ok || n > 0xff) return null;
    s = s.slice(c);
    p[12 + i] = n;
  }
  return s.length === 0 ? p : null;
}

function parseIPv6(s: string): Uint8Array | null {
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const [n, c, ok] = xtoi(s);
    if (!ok || n > 0xffff) return null;
    if (c < s.length && s[c] === '.') {
      if (ellipsis < 0 && i !== 12) return null;
      if (i + 4 > 16) return null;
      const ip4 = parseIPv4(s);
      if (ip4 === null) return null;
      ip.set(ip4.subarray(12), i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(c);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return null;
  }
  return ip;
}

/** netutils.ParseIPSloppy: null when s is not an address. */
export function parseIPSloppy(s: string): ParsedIP | null {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '.') {
      const b = parseIPv4(s);
      return b === null ? null : { bytes: b, v4Syntax: true };
    }
    if (s[i] === ':') {
      const b = parseIPv6(s);
      return b === null ? null : { bytes: b, v4Syntax: false };
    }
  }
  return null;
}

/** net.IP.To4() != nil: an IPv4 address, also when written as ::ffff:a.b.c.d. */
export function isIPv4(ip: ParsedIP): boolean {
  const b = ip.bytes;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** netutils.IsIPv4String. */
export function isIPv4String(s: string): boolean {
  const ip = parseIPSloppy(s);
  return ip !== null && isIPv4(ip);
}

/** netutils.IsIPv6String. */
export function isIPv6String(s: string): boolean {
  const ip = parseIPSloppy(s);
  return ip !== null && !isIPv4(ip);
}

/** A parsed CIDR: the address as written and the prefix length over 32 or 128 bits. */
export interface ParsedCIDR {
  ip: ParsedIP;
  prefix: number;
  bits: 32 | 128;
}

/** netutils.ParseCIDRSloppy: null on Go's `invalid CIDR address`. */
export function parseCIDRSloppy(s: string): ParsedCIDR | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  let bits: 32 | 128 = 32;
  let b = parseIPv4(addr);
  let v4Syntax = true;
  if (b === null) {
    bits = 128;
    b = parseIPv6(addr);
    v4Syntax = false;
  }
  const [n, i, ok] = dtoi(mask);
  if (b === null || !ok || i !== mask.length || n < 0 || n > bits) return null;
  return { ip: { bytes: b, v4Syntax }, prefix: n, bits };
}

/** netutils.IsIPv4CIDRString / IsIPv6CIDRString: the family of a CIDR's address. */
export function cidrIsIPv4(c: ParsedCIDR): boolean {
  return isIPv4(c.ip);
}

/** net.IP.IsUnspecified. */
export function isUnspecified(ip: ParsedIP): boolean {
  const b = ip.bytes;
  if (isIPv4(ip)) return b[12] === 0 && b[13] === 0 && b[14] === 0 && b[15] === 0;
  return b.every((x) => x === 0);
}

/** net.IP.IsLoopback. */
export function isLoopback(ip: ParsedIP): boolean {
  const b = ip.bytes;
  if (isIPv4(ip)) return b[12] === 127;
  for (let i = 0; i < 15; i++) if (b[i] !== 0) return false;
  return b[15] === 1;
}

/** net.IP.IsLinkLocalUnicast: 169.254/16, fe80::/10. */
export function isLinkLocalUnicast(ip: ParsedIP): boolean {
  const b = ip.bytes;
  if (isIPv4(ip)) return b[12] === 169 && b[13] === 254;
  return b[0] === 0xfe && (b[1]! & 0xc0) === 0x80;
}

/** net.IP.IsLinkLocalMulticast: 224.0.0/24, ff02::/16. */
export function isLinkLocalMulticast(ip: ParsedIP): boolean {
  const b = ip.bytes;
  if (isIPv4(ip)) return b[12] === 224 && b[13] === 0 && b[14] === 0;
  return b[0] === 0xff && (b[1]! & 0x0f) === 0x02;
}

/** net.IP.IsInterfaceLocalMulticast: ff01::/16 (IPv6 only). */
export function isInterfaceLocalMulticast(ip: ParsedIP): boolean {
  const b = ip.bytes;
  return !isIPv4(ip) && b[0] === 0xff && (b[1]! & 0x0f) === 0x01;
}

/** Two parsed addresses are the same address (net.IP.Equal). */
export function ipEqual(a: ParsedIP, b: ParsedIP): boolean {
  for (let i = 0; i < 16; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}
