// Quantity, as k8s.io/apimachinery/pkg/api/resource (quantity.go, amount.go, math.go, suffix.go,
// scale_int.go): a fixed-point decimal that remembers how it was written (DecimalSI "100M",
// BinarySI "1Gi" or DecimalExponent "1e3") and prints itself back in canonical form.
//
// The value is `unscaled × 10^scale` with a bigint mantissa: no binary floating point touches
// parsing, comparison, arithmetic or printing. Upstream keeps a Quantity in one of two
// representations, an int64Amount fast path and an inf.Dec slow path; the two agree on value but
// not on a few corner results (Value() of a negative fraction, int64 overflow, the float that
// AsApproximateFloat64 returns), so the `dec` flag records which one upstream would be using and
// those few places follow it.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The regular expression upstream names in its "format wrong" error (quantity.go splitREString). */
const splitREString = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** resource.ErrFormatWrong's text. */
export const errFormatWrong = `quantities must match the regular expression '${splitREString}'`;
/** resource.ErrNumeric's text. */
export const errNumeric = 'unable to parse numeric part of quantity';
/** resource.ErrSuffix's text. */
export const errSuffix = "unable to parse quantity's suffix";

/** An error from Quantity.parse; its message is upstream's ErrFormatWrong, ErrNumeric or ErrSuffix. */
export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

/** resource.Nano, Micro, Milli, Kilo, Mega, Giga, Tera, Peta, Exa: base-10 exponents. */
export const Scale = { Nano: -9, Micro: -6, Milli: -3, Kilo: 3, Mega: 6, Giga: 9, Tera: 12, Peta: 15, Exa: 18 } as const;

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);
// Values are never materialised beyond this many extra decimal digits when a parse rounds to nano
// (see roundToNano); past it a float64 is infinite either way, so nothing observable changes.
const maxRescaleDigits = 330;

function fitsInt64(v: bigint): boolean {
  return v >= minInt64 && v <= maxInt64;
}

/** Go's int64 wrap-around, for the few places upstream lets an int64 overflow silently. */
function wrap64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function digits(v: bigint): number {
  return v === 0n ? 1 : abs(v).toString().length;
}

/** math.go positiveScaleInt64: base × 10^scale, or undefined when that overflows an int64. */
function positiveScaleInt64(base: bigint, scale: number): bigint | undefined {
  if (scale === 0) return base;
  if (base === 0n) return 0n;
  if (scale > 19) return undefined; // any non-zero base overflows long before
  const v = base * pow10(scale);
  return fitsInt64(v) ? v : undefined;
}

/**
 * math.go negativeScaleInt64: base ÷ 10^scale, rounded away from zero, and whether that was exact.
 */
function negativeScaleInt64(base: bigint, scale: number): { value: bigint; exact: boolean } {
  if (scale === 0 || base === 0n) return { value: base, exact: true };
  if (scale > 19) return { value: base > 0n ? 1n : -1n, exact: false };
  const d = pow10(scale);
  const q = base / d;
  if (base % d === 0n) return { value: q, exact: true };
  return { value: base > 0n ? q + 1n : q - 1n, exact: false };
}

/** negativeScaleInt64 without the int64 bound: for inf.Dec values of any size. */
function negativeScaleInt64Big(base: bigint, scale: number): { value: bigint; exact: boolean } {
  if (base === 0n) return { value: 0n, exact: true };
  if (scale > digits(base)) return { value: base > 0n ? 1n : -1n, exact: false };
  const d = pow10(scale);
  const q = base / d;
  if (base % d === 0n) return { value: q, exact: true };
  return { value: base > 0n ? q + 1n : q - 1n, exact: false };
}

/** Removes every factor of `base` from v, as math.go removeInt64Factors / removeBigIntFactors. */
function removeFactors(v: bigint, base: bigint): { value: bigint; times: number } {
  let times = 0;
  while (v !== 0n && v % base === 0n) {
    v /= base;
    times++;
  }
  return { value: v, times };
}

/** The sign of a − b for two amounts m×10^e, computed without building huge powers of ten. */
function cmpAmounts(am: bigint, ae: number, bm: bigint, be: number): -1 | 0 | 1 {
  const as = am === 0n ? 0 : am < 0n ? -1 : 1;
  const bs = bm === 0n ? 0 : bm < 0n ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  if (as === 0) return 0;
  // Same sign: when the magnitudes differ in decimal order, that decides it.
  const aOrder = ae + digits(am);
  const bOrder = be + digits(bm);
  if (aOrder !== bOrder) return (aOrder > bOrder ? as : -as) as -1 | 1;
  const e = Math.min(ae, be);
  const x = am * pow10(ae - e);
  const y = bm * pow10(be - e);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** inf.Dec's Add: both operands brought to the finer scale, then summed exactly. */
function decAdd(am: bigint, ae: number, bm: bigint, be: number): { m: bigint; e: number } {
  const e = Math.min(ae, be);
  return { m: am * pow10(ae - e) + bm * pow10(be - e), e };
}

/** amount.go int64Amount.Add: the sum as an int64Amount, or undefined when it would overflow. */
function int64AmountAdd(am: bigint, ae: number, bm: bigint, be: number): { m: bigint; e: number } | undefined {
  if (bm === 0n) return { m: am, e: ae };
  if (am === 0n) return { m: bm, e: be };
  let m: bigint;
  let e: number;
  if (ae === be) {
    m = am + bm;
    e = ae;
  } else if (ae > be) {
    const c = positiveScaleInt64(am, ae - be);
    if (c === undefined) return undefined;
    m = c + bm;
    e = be;
  } else {
    const c = positiveScaleInt64(bm, be - ae);
    if (c === undefined) return undefined;
    m = am + c;
    e = ae;
  }
  return fitsInt64(m) ? { m, e } : undefined;
}

/** Go's math.Pow10, table for table, so that AsApproximateFloat64 rounds the way upstream does. */
const pow10tab = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26,
  1e27, 1e28, 1e29, 1e30, 1e31,
];
const pow10postab32 = [1e0, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288];
const pow10negtab32 = [1e-0, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320];

function goPow10(n: number): number {
  if (n >= 0 && n <= 308) return pow10postab32[Math.floor(n / 32)] * pow10tab[n % 32];
  if (n < 0 && n >= -323) return pow10negtab32[Math.floor(-n / 32)] / pow10tab[-n % 32];
  return n > 0 ? Infinity : 0;
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalSuffixByExponent = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binarySuffixByExponent = new Map(Object.entries(binarySuffixes).map(([s, e]) => [e, s]));

/** suffix.go suffixHandler.interpret. */
function interpretSuffix(s: string): Suffix | undefined {
  if (Object.hasOwn(decimalSuffixes, s)) return { base: 10, exponent: decimalSuffixes[s], format: 'DecimalSI' };
  if (Object.hasOwn(binarySuffixes, s)) return { base: 2, exponent: binarySuffixes[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    // strconv.ParseInt(s[1:], 10, 64), then int32(parsed): Go truncates the exponent to 32 bits.
    const t = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(t)) return undefined;
    const parsed = BigInt(t);
    if (!fitsInt64(parsed)) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * suffix.go constructBytes: the suffix for a base-10 or base-2 exponent. Upstream returns no
 * suffix at all (not an error) for an exponent its tables lack, e.g. 10^21 in DecimalSI.
 */
function constructSuffix(base: 2 | 10, exponent: number, format: QuantityFormat): string {
  if (format === 'DecimalSI') return base === 10 ? (decimalSuffixByExponent.get(exponent) ?? '') : '';
  if (format === 'BinarySI') return base === 2 ? (binarySuffixByExponent.get(exponent) ?? '') : '';
  if (base !== 10 || exponent === 0) return '';
  return `e${exponent}`;
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** quantity.go parseQuantityString: splits a quantity into sign, number parts and suffix. */
export function parseQuantityString(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  // Leading zeros.
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] !== '0') break;
    pos++;
  }
  // Numerator.
  let num: string;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';
  // Denominator. (Upstream allows "1." and "1.G".)
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  // Suffix: letters, then an optional sign, then digits.
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!'eEinumkKMGTP'.includes(str[i])) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[i])) break;
  }
  throw new QuantityParseError(errFormatWrong);
}

/** inf.Dec's SetString as ParseQuantity uses it: a signed decimal with at most one point. */
function parseDecimal(value: string): { m: bigint; e: number } {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2] + (m[3] ?? '')).length === 0) throw new QuantityParseError(errNumeric);
  const frac = m[3] ?? '';
  const unscaled = BigInt(m[2] + frac);
  return { m: m[1] === '-' ? -unscaled : unscaled, e: -frac.length };
}

/**
 * inf.Dec.Round(amount, Nano, inf.RoundUp) on a non-negative amount: the result always has scale
 * exactly -9, rounding any finer remainder up.
 */
function roundToNano(m: bigint, e: number): { m: bigint; e: number } {
  if (e === -9) return { m, e };
  if (e > -9) {
    if (e + 9 > maxRescaleDigits) return { m, e };
    return { m: m * pow10(e + 9), e: -9 };
  }
  const k = -9 - e;
  if (k > digits(m)) return { m: 1n, e: -9 };
  const d = pow10(k);
  const q = m / d;
  return { m: m % d === 0n ? q : q + 1n, e: -9 };
}

/** A fixed-point number with a remembered format: resource.Quantity. Immutable. */
export class Quantity {
  private constructor(
    /** The mantissa: the value is unscaled × 10^scale. */
    private readonly unscaled: bigint,
    /** The base-10 exponent (upstream's int64Amount.scale, the negation of inf.Dec's Scale). */
    private readonly scale: number,
    readonly format: QuantityFormat,
    /** Whether upstream would hold this value as an inf.Dec rather than an int64Amount. */
    private readonly dec: boolean,
    /** The string it was parsed from, when that already was canonical (upstream's q.s). */
    private readonly cached?: string,
  ) {}

  /**
   * resource.ParseQuantity. Throws QuantityParseError. Values finer than a nano round up to 1n;
   * BinarySI values are capped at 2^63-1; like upstream, a string that was already in canonical
   * form is kept verbatim and printed back as written (so "+1" stays "+1").
   */
  static parse(str: string): Quantity {
    if (str.length === 0) throw new QuantityParseError(errFormatWrong);
    if (str === '0') return new Quantity(0n, 0, 'DecimalSI', false, str);
    const { positive, value, num, denom, suffix } = parseQuantityString(str);
    const suf = interpretSuffix(suffix);
    if (!suf) throw new QuantityParseError(errSuffix);
    const { base, exponent } = suf;
    let { format } = suf;

    // The int64 fast path, taken when the digits certainly fit.
    let precision: number;
    let scale = 0;
    let mantissa = 1n;
    if (format === 'BinarySI') {
      if (exponent >= 0 && denom.length === 0) {
        mantissa = 1n << BigInt(exponent);
        // Upstream: 15 - len(num) - int32(float32(exponent)*3/10) - 1.
        precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
      } else precision = -1;
    } else {
      scale = exponent;
      precision = 18 - (num.length + denom.length);
    }
    if (precision >= 0) {
      scale -= denom.length;
      if (scale >= Scale.Nano) {
        const shifted = num + denom;
        const v = BigInt(shifted);
        let result = v * mantissa;
        if (fitsInt64(result)) {
          if (!positive) result = -result;
          const canonical =
            format === 'BinarySI' ? exponent % 10 === 0 && (v & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
          return new Quantity(result, scale, format, false, canonical ? str : undefined);
        }
      }
    }

    // The inf.Dec slow path.
    let { m, e } = parseDecimal(value);
    if (base === 10) e += exponent;
    else m *= 1n << BigInt(exponent);
    const negative = m < 0n;
    m = abs(m);
    // Round non-zero values up to the smallest representable one: ask for some, get some.
    if (m !== 0n) ({ m, e } = roundToNano(m, e));
    if (format === 'BinarySI' && cmpAmounts(m, e, maxInt64, 0) > 0) {
      m = maxInt64;
      e = 0;
    }
    if (format === 'BinarySI' && cmpAmounts(m, e, 1n, 0) < 0 && m > 0n) format = 'DecimalSI';
    return new Quantity(negative ? -m : m, e, format, true);
  }

  /** resource.NewQuantity: value × 1. */
  static fromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(toInt64(value), 0, format, false);
  }

  /** resource.NewMilliQuantity: value / 1000. */
  static fromMilli(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(toInt64(value), Scale.Milli, format, false);
  }

  /** resource.NewScaledQuantity: value × 10^scale, DecimalSI. */
  static fromScaled(value: number | bigint, scale: number): Quantity {
    return new Quantity(toInt64(value), scale, 'DecimalSI', false);
  }

  /** resource.NewDecimalQuantity: unscaled × 10^exponent, held as upstream holds an inf.Dec. */
  static fromDecimal(unscaled: bigint, exponent: number, format: QuantityFormat): Quantity {
    return new Quantity(unscaled, exponent, format, true);
  }

  /** The zero Quantity (`resource.Quantity{}` with the given format). */
  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, 0, format, false);
  }

  /** Quantity.String(): the canonical form (or the parsed text, when that was canonical). */
  toString(): string {
    return this.cached ?? this.canonicalize();
  }

  /** Quantity.MarshalJSON: a JSON string. */
  toJSON(): string {
    return this.toString();
  }

  /** The same value in another format (upstream code assigns q.Format directly). */
  withFormat(format: QuantityFormat): Quantity {
    return format === this.format ? this : new Quantity(this.unscaled, this.scale, format, this.dec);
  }

  /** quantity.go CanonicalizeBytes. */
  private canonicalize(): string {
    if (this.unscaled === 0n) return '0';
    let format = this.format;
    let rounded: { m: bigint; e: number } | undefined;
    if (format === 'BinarySI') {
      if (this.cmpInt64(-1024) > 0 && this.cmpInt64(1024) < 0) format = 'DecimalSI';
      else {
        const r = this.asScale(0);
        if (r.exact) rounded = r;
        else format = 'DecimalSI'; // don't lose precision
      }
    }
    if (format !== 'BinarySI' || !rounded) {
      // AsCanonicalBytes: strip factors of ten into the exponent, then make it a multiple of 3.
      let { value, times } = removeFactors(this.unscaled, 10n);
      let exponent = this.scale + times;
      while (exponent % 3 !== 0) {
        value *= 10n;
        exponent--;
      }
      return `${value}${constructSuffix(10, exponent, format)}`;
    }
    // AsCanonicalBase1024Bytes on the value at scale 0.
    const whole = rounded.m * pow10(rounded.e);
    // int64Amount's removeInt64Factors negates first, which leaves math.MinInt64 unreduced.
    const { value, times } = !this.dec && whole === minInt64 ? { value: whole, times: 0 } : removeFactors(whole, 1024n);
    return `${value}${constructSuffix(2, times * 10, format)}`;
  }

  /** Quantity.AsScale: the value rounded away from zero to a scale of at least `scale`, and whether exactly. */
  private asScale(scale: number): { m: bigint; e: number; exact: boolean } {
    if (this.scale >= scale) return { m: this.unscaled, e: this.scale, exact: true };
    const r = negativeScaleInt64(this.unscaled, scale - this.scale);
    return { m: r.value, e: scale, exact: r.exact };
  }

  /**
   * Quantity.RoundUp: the value rounded away from zero to `scale` (e.g. Scale.Milli), and whether
   * that lost nothing. As upstream, an int64-backed value already at that precision is returned
   * as is (keeping the text it was parsed from); an inf.Dec-backed one is always rescaled.
   */
  roundUp(scale: number): { quantity: Quantity; exact: boolean } {
    if (!this.dec) {
      if (this.scale >= scale) return { quantity: this, exact: true };
      const r = negativeScaleInt64(this.unscaled, scale - this.scale);
      return { quantity: new Quantity(r.value, scale, this.format, false), exact: r.exact };
    }
    // inf.Dec.Round(d, scale, inf.RoundUp): the result has exactly that scale.
    if (this.scale >= scale) {
      const up = this.scale - scale;
      const q = up > maxRescaleDigits ? this : new Quantity(this.unscaled * pow10(up), scale, this.format, true);
      return { quantity: q, exact: true };
    }
    const r = negativeScaleInt64Big(this.unscaled, scale - this.scale);
    return { quantity: new Quantity(r.value, scale, this.format, true), exact: r.exact };
  }

  /** Quantity.Cmp. */
  cmp(o: Quantity): -1 | 0 | 1 {
    return cmpAmounts(this.unscaled, this.scale, o.unscaled, o.scale);
  }

  /** Quantity.CmpInt64. */
  cmpInt64(n: number | bigint): -1 | 0 | 1 {
    return cmpAmounts(this.unscaled, this.scale, BigInt(n), 0);
  }

  /** Quantity.Equal. */
  equal(o: Quantity): boolean {
    return this.cmp(o) === 0;
  }

  /** Quantity.Add: this + o; a zero takes o's format. */
  add(o: Quantity): Quantity {
    let format = this.format;
    if (!this.dec && !o.dec) {
      if (this.unscaled === 0n) format = o.format;
      const r = int64AmountAdd(this.unscaled, this.scale, o.unscaled, o.scale);
      if (r) return new Quantity(r.m, r.e, format, false);
    } else if (this.isZero()) format = o.format;
    const r = decAdd(this.unscaled, this.scale, o.unscaled, o.scale);
    return new Quantity(r.m, r.e, format, true);
  }

  /** Quantity.Sub: this − o; a zero takes o's format. */
  sub(o: Quantity): Quantity {
    const format = this.isZero() ? o.format : this.format;
    if (!this.dec && !o.dec) {
      // int64Amount.Sub adds -b.value, which wraps for math.MinInt64 just as upstream's does.
      const r = int64AmountAdd(this.unscaled, this.scale, wrap64(-o.unscaled), o.scale);
      if (r) return new Quantity(r.m, r.e, format, false);
    }
    const r = decAdd(this.unscaled, this.scale, -o.unscaled, o.scale);
    return new Quantity(r.m, r.e, format, true);
  }

  /** Quantity.Neg. */
  neg(): Quantity {
    return new Quantity(this.dec ? -this.unscaled : wrap64(-this.unscaled), this.scale, this.format, this.dec);
  }

  /** Quantity.Sign. */
  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** Quantity.IsZero. */
  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /**
   * Quantity.ScaledValue: ceil(q / 10^scale) as an int64 (a bigint here), overflowing as upstream's
   * does. Values are rounded away from zero, except that upstream's inf.Dec path rounds negative
   * fractions toward +∞ (and, below -2^63, by Euclidean division); both are reproduced.
   */
  scaledValueBigInt(scale: number): bigint {
    const m = this.unscaled;
    if (!this.dec) {
      // int64Amount.AsScaledInt64; an overflowing result is (0, false) and ScaledValue drops the flag.
      if (this.scale < scale) return negativeScaleInt64(m, scale - this.scale).value;
      return positiveScaleInt64(m, this.scale - scale) ?? 0n;
    }
    // scale_int.go scaledValue, with inf.Dec scales (the negation of ours).
    const dif = scale - this.scale;
    if (dif === 0) return wrap64(m);
    if (dif < 0) {
      // unscaled.Int64() * int64(math.Pow10(-dif)); the float conversion is 0x8000000000000000 once
      // 10^n exceeds an int64 (amd64).
      const factor = -dif <= 18 ? pow10(-dif) : minInt64;
      return wrap64(wrap64(m) * factor);
    }
    if (m < maxInt64 && dif < 19) {
      const mi = wrap64(m);
      const d = pow10(dif);
      // Go's truncating division then +1: negative fractions move toward +∞.
      return mi % d !== 0n ? mi / d + 1n : mi / d;
    }
    // big.Int DivMod is Euclidean (remainder ≥ 0).
    if (dif > digits(m) + 1) return m > 0n ? 1n : 0n;
    const d = pow10(dif);
    let q = m / d;
    let r = m % d;
    if (r < 0n) {
      q -= 1n;
      r += d;
    }
    return wrap64(r !== 0n ? q + 1n : q);
  }

  /** Quantity.ScaledValue as a number. */
  scaledValue(scale: number): number {
    return Number(this.scaledValueBigInt(scale));
  }

  /** Quantity.Value(): the value rounded up (away from zero) to an integer. */
  value(): number {
    return this.scaledValue(0);
  }

  /** Quantity.MilliValue(): ceil(q × 1000). */
  milliValue(): number {
    return this.scaledValue(Scale.Milli);
  }

  /** Quantity.AsInt64: the value as an integer when it is one and fits an int64 (int64Amount only). */
  asInt64(): bigint | undefined {
    if (this.dec) return undefined;
    if (this.scale === 0) return this.unscaled;
    if (this.scale < 0) return undefined;
    return positiveScaleInt64(this.unscaled, this.scale);
  }

  /** Quantity.AsApproximateFloat64: mantissa × math.Pow10(exponent), as float64 arithmetic does it. */
  asApproximateFloat64(): number {
    const base = Number(this.unscaled);
    if (this.scale === 0) return base;
    return base * goPow10(this.scale);
  }
}

function toInt64(v: number | bigint): bigint {
  const b = typeof v === 'bigint' ? v : BigInt(v); // BigInt() throws on a non-integer number
  if (!fitsInt64(b)) throw new RangeError(`${v} overflows int64`);
  return b;
}

/** resource.ParseQuantity. Throws QuantityParseError. */
export function parseQuantity(s: string): Quantity {
  return Quantity.parse(s);
}

/** resource.MustParse: for constants known to be valid. */
export function mustParseQuantity(s: string): Quantity {
  try {
    return Quantity.parse(s);
  } catch (e) {
    throw new Error(`cannot parse '${s}': ${(e as Error).message}`);
  }
}

/** Whether ParseQuantity accepts the string. */
export function isQuantity(s: string): boolean {
  try {
    Quantity.parse(s);
    return true;
  } catch {
    return false;
  }
}

// Go's unicode.IsSpace, which strings.TrimSpace trims.
const goSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/**
 * Quantity.UnmarshalJSON on already-decoded JSON: a string is trimmed and parsed; a number is
 * parsed from its JavaScript spelling (upstream sees the raw JSON text, which a decoded number no
 * longer has: `1e3` arrives as 1000); null is the zero Quantity. Throws QuantityParseError.
 */
export function quantityFromJSON(v: unknown): Quantity {
  if (v === null) return Quantity.zero();
  if (typeof v === 'number') return Quantity.parse(String(v));
  if (typeof v === 'string') return Quantity.parse(v.replace(goSpace, ''));
  throw new QuantityParseError(errFormatWrong);
}
