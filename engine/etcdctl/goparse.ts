// Go's number, bool and duration parsers with their exact error texts (strconv/atoi.go,
// strconv/atob.go, time/format.go ParseDuration): pflag and etcdctl print these errors verbatim.

import { quote } from './gofmt';

/** A parse failure carrying the Go error text ("strconv.ParseInt: parsing \"x\": invalid syntax"). */
export class GoParseError extends Error {}

function numError(fn: string, s: string, range: boolean): GoParseError {
  return new GoParseError(`strconv.${fn}: parsing ${quote(s)}: ${range ? 'value out of range' : 'invalid syntax'}`);
}

const digitValue = (c: string): number => {
  const d = parseInt(c, 36);
  return Number.isNaN(d) ? 99 : d;
};

// strconv.ParseUint's digit loop; base 0 reads 0x/0o/0b/0 prefixes and allows underscores.
function parseMagnitude(fn: string, s0: string, s: string, base: number, max: bigint): bigint {
  if (s === '') throw numError(fn, s0, false);
  let b = base;
  let underscores = false;
  if (base === 0) {
    b = 10;
    underscores = true;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1].toLowerCase() : '';
      if (p === 'x') [b, s] = [16, s.slice(2)];
      else if (p === 'o') [b, s] = [8, s.slice(2)];
      else if (p === 'b') [b, s] = [2, s.slice(2)];
      else [b, s] = [8, s.slice(1) || '0'];
    }
  }
  let n = 0n;
  let sawDigit = false;
  let prevUnderscore = false;
  for (const c of s) {
    if (c === '_' && underscores) {
      if (prevUnderscore) throw numError(fn, s0, false);
      prevUnderscore = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= b) throw numError(fn, s0, false);
    n = n * BigInt(b) + BigInt(d);
    sawDigit = true;
    prevUnderscore = false;
  }
  if (!sawDigit || prevUnderscore) throw numError(fn, s0, false);
  if (n > max) throw numError(fn, s0, true);
  return n;
}

/** strconv.ParseInt(s, base, 64). */
export function parseInt64(s: string, base: number): bigint {
  let neg = false;
  let body = s;
  if (body[0] === '+' || body[0] === '-') {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  const n = parseMagnitude('ParseInt', s, body, base, neg ? 1n << 63n : (1n << 63n) - 1n);
  return neg ? -n : n;
}

/** strconv.ParseUint(s, base, 64). */
export function parseUint64(s: string, base: number): bigint {
  return parseMagnitude('ParseUint', s, s, base, (1n << 64n) - 1n);
}

/** strconv.ParseBool. */
export function parseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new GoParseError(`strconv.ParseBool: parsing ${quote(s)}: invalid syntax`);
}

const unitNs: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration, in nanoseconds. */
export function parseDuration(orig: string): bigint {
  const invalid = () => new GoParseError(`time: invalid duration ${quote(orig)}`);
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole, intPart, fracPart] = [m[0], m[1], m[2] ?? ''];
    if (intPart === '' && fracPart === '') throw invalid();
    s = s.slice(whole.length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new GoParseError(`time: missing unit in duration ${quote(orig)}`);
    const scale = unitNs[unit];
    if (scale === undefined) throw new GoParseError(`time: unknown unit ${quote(unit)} in duration ${quote(orig)}`);
    s = s.slice(unit.length);
    let v = BigInt(intPart || '0') * scale;
    if (fracPart) v += (BigInt(fracPart) * scale) / 10n ** BigInt(fracPart.length);
    total += v;
    if (total > (1n << 63n) - 1n) throw invalid();
  }
  return neg ? -total : total;
}
