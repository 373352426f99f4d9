// Go formatting primitives etcdctl's output relies on: fmt's %q and %x, time.Duration's String,
// go-humanize's Bytes, encoding/json string escaping and base64 of []byte. Output must match Go
// byte for byte, so each helper names the Go function it follows.

const utf8 = new TextEncoder();

/** A 64-bit id or count as the engine hands it over: number, or bigint when it needs all 64 bits. */
export type Int64 = number | bigint;

/** The UTF-8 bytes of a string (etcd keys and values are []byte). */
export function bytesOf(s: string): Uint8Array {
  return utf8.encode(s);
}

/** Decimal text of an integer, as fmt's %d (and Println) print it. */
export function dec(n: Int64): string {
  return typeof n === 'bigint' ? n.toString() : String(Math.trunc(n));
}

/** Lower-case hex of an integer, as fmt's %x prints it (negative numbers get a leading '-'). */
export function hex(n: Int64): string {
  return typeof n === 'bigint' ? n.toString(16) : Math.trunc(n).toString(16);
}

/** fmt's %016x: hex zero-padded to 16 digits. */
export function hex016(n: Int64): string {
  return hex(n).padStart(16, '0');
}

/** fmt's %16x: hex space-padded to width 16. */
export function hex16(n: Int64): string {
  return hex(n).padStart(16, ' ');
}

/** encoding/base64 StdEncoding of the string's UTF-8 bytes: how encoding/json prints []byte. */
export { base64 } from '../api/base64';

/** etcdctl's --hex form of a byte string: every byte as \xNN (ctlv3/command/util.go addHexPrefix). */
export function hexBytes(s: string): string {
  let out = '';
  for (const byte of bytesOf(s)) out += '\\x' + byte.toString(16).padStart(2, '0');
  return out;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function escapeRune(ch: string, quote: string): string {
  const cp = ch.codePointAt(0)!;
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (printable.test(ch)) return ch;
  const short: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  if (short[ch]) return short[ch];
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd'; // a lone surrogate is not valid UTF-8
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** strconv.Quote, i.e. fmt's %q of a string. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch, '"');
  return out + '"';
}

/** strconv.QuoteRune, i.e. fmt's %q of a rune (pflag's "unknown shorthand flag: 'x'"). */
export function quoteRune(ch: string): string {
  return "'" + escapeRune(ch, "'") + "'";
}

/** encoding/json's string encoding (Go 1.19): HTML-safe, \u00XX for other control characters. */
export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

// fmtFrac/fmtInt of time/time.go: digits of v with `prec` fractional digits, trailing zeros dropped.
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let frac = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed = printed || digit !== 0n;
    if (printed) frac = digit.toString() + frac;
    v /= 10n;
  }
  return [printed ? '.' + frac : '', v];
}

/** time.Duration.String() of a duration given in nanoseconds ("5.000501988s", "3.2ms", "0s"). */
export function durationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    let prec: number;
    let unit: string;
    if (u < 1000n) return (neg ? '-' : '') + u.toString() + 'ns';
    if (u < 1_000_000n) [prec, unit] = [3, 'µs'];
    else [prec, unit] = [6, 'ms'];
    const [frac, rest] = fmtFrac(u, prec);
    out = rest.toString() + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = (u % 60n).toString() + frac + 's';
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + 'm' + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + 'h' + out;
    }
  }
  return (neg ? '-' : '') + out;
}

/** Duration.String() of a span measured in (possibly fractional) milliseconds. */
export function durationFromMs(ms: number): string {
  return durationString(BigInt(Math.round(ms * 1e6)));
}

// fmt's %.0f rounds exact ties to even; Number.toFixed rounds them up.
function toFixed0(v: number): string {
  const floor = Math.floor(v);
  if (v - floor === 0.5) return String(floor % 2 === 0 ? floor : floor + 1);
  return v.toFixed(0);
}

/** go-humanize Bytes(): SI units, "20 kB", "1.5 MB" (github.com/dustin/go-humanize/bytes.go). */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / Math.pow(1000, e)) * 10 + 0.5) / 10;
  return `${val < 10 ? val.toFixed(1) : toFixed0(val)} ${sizes[e]}`;
}

/** fmt's %v of a []string: "[a b c]". */
export function goSlice(items: string[]): string {
  return '[' + items.join(' ') + ']';
}
