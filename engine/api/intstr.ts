// IntOrString, as k8s.io/apimachinery/pkg/util/intstr (intstr.go). On the wire it is either a JSON
// number (an int32) or a JSON string, so in the engine it is simply `number | string`.

import { goQuote } from './labels';

/** intstr.IntOrString: an int32 or a string such as "25%". */
export type IntOrString = number | string;

const maxInt32 = 2147483647;
const minInt32 = -2147483648;
// Go's `int` is 64 bits on every platform Kubernetes ships for; strconv.Atoi range-checks against it.
const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);

/** intstr.Parse: an int32 when the text is one (strconv.ParseInt(val, 10, 32)), else the string. */
export function parseIntOrString(val: string): IntOrString {
  if (/^[+-]?[0-9]+$/.test(val)) {
    const n = BigInt(val);
    if (n >= BigInt(minInt32) && n <= BigInt(maxInt32)) return Number(n);
  }
  return val;
}

/** IntOrString.String(): the string itself, or the int in decimal. */
export function intOrStringToString(v: IntOrString): string {
  return typeof v === 'string' ? v : String(v);
}

/**
 * IntOrString.IntValue(): the int, or the string parsed with strconv.Atoi (0 when it is not an
 * integer, since upstream drops the error).
 */
export function intOrStringIntValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  const r = atoi(v);
  return typeof r === 'number' ? r : 0;
}

/**
 * strconv.Atoi: a base-10 int64 with an optional sign, or the error text strconv returns
 * (`strconv.Atoi: parsing "x": invalid syntax` / `value out of range`).
 */
export function atoi(s: string): number | { error: string } {
  const quoted = goQuote(s);
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `strconv.Atoi: parsing ${quoted}: invalid syntax` };
  const n = BigInt(s);
  if (n > maxInt64 || n < minInt64) return { error: `strconv.Atoi: parsing ${quoted}: value out of range` };
  return Number(n);
}

/** intstr.getIntOrPercentValueSafely: the number, and whether it was a percentage. */
function getIntOrPercentValueSafely(v: IntOrString): { value: number; isPercent: boolean } {
  if (typeof v === 'number') return { value: v, isPercent: false };
  if (!v.endsWith('%')) throw new Error('invalid type: string is not a percentage');
  const r = atoi(v.slice(0, -1));
  if (typeof r !== 'number') throw new Error(`invalid value ${goQuote(v)}: ${r.error}`);
  return { value: r, isPercent: true };
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, or a percentage of `total`, rounded up or
 * down. A string without a trailing '%' is an error (the deprecated GetValueFromIntOrPercent
 * accepted it; this one does not). Throws with upstream's message.
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  let parsed: { value: number; isPercent: boolean };
  try {
    parsed = getIntOrPercentValueSafely(v);
  } catch (e) {
    throw new Error(`invalid value for IntOrString: ${(e as Error).message}`);
  }
  if (!parsed.isPercent) return parsed.value;
  // Upstream computes in float64: math.Ceil(float64(value) * float64(total) / 100).
  const scaled = (parsed.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** intstr.ValueOrDefault. */
export function intOrStringValueOrDefault(v: IntOrString | undefined | null, def: IntOrString): IntOrString {
  return v === undefined || v === null ? def : v;
}
