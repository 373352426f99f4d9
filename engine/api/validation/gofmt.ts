// How Go's fmt renders a validation error's bad value. field.Error.ErrorBody (apimachinery
// pkg/util/validation/field/errors.go) prints int64/int32/float64/float32/bool with %v, a plain
// string with %q and anything else with %#v, so a message like
// `Invalid value: map[string]string{"app":"x"}` depends on the Go type the value had. JSON values
// carry no Go type, so a call site that passes something other than a string, number or boolean
// wraps it in a GoValue holding the text Go would print.

/** A bad value already rendered as Go's %#v would print it (`[]string{"a", "b"}`, `0x0`). */
export class GoValue {
  constructor(readonly repr: string) {}
  toString(): string {
    return this.repr;
  }
}

/** Marks a float64 field's value, which Go prints as %v of a float (`1e+06`, `0.5`). */
export function goFloat(n: number): GoValue {
  return new GoValue(formatGoFloat(n));
}

/** %#v of an unsigned integer: Go prints those in hex (`0x0`), as for metadata.resourceVersion. */
export function goUint(n: number | bigint): GoValue {
  return new GoValue('0x' + BigInt(n).toString(16));
}

/** %#v of a map[string]string: keys sorted as fmt sorts them, `map[string]string{"a":"b", "c":"d"}`. */
export function goStringMap(m: Readonly<Record<string, string>> | undefined | null, type = 'map[string]string'): GoValue {
  if (m === undefined || m === null) return new GoValue(`${type}(nil)`);
  const entries = Object.keys(m)
    .sort(compareGoStrings)
    .map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`);
  return new GoValue(`${type}{${entries.join(', ')}}`);
}

/** %#v of a []string (or a slice of a named string type): `[]string{"a", "b"}`, `[]string(nil)`. */
export function goStringSlice(a: readonly string[] | undefined | null, type = '[]string'): GoValue {
  if (a === undefined || a === null) return new GoValue(`${type}(nil)`);
  return new GoValue(`${type}{${a.map(goQuote).join(', ')}}`);
}

/** %#v of a slice whose elements are rendered by `elem` (`[]core.Toleration{...}`). */
export function goSlice<T>(a: readonly T[] | undefined | null, type: string, elem: (v: T) => string): GoValue {
  if (a === undefined || a === null) return new GoValue(`${type}(nil)`);
  return new GoValue(`${type}{${a.map(elem).join(', ')}}`);
}

/** A field of a struct rendered with %#v: a scalar, a nested GoValue, or null for a nil pointer. */
export type GoField = [name: string, value: string | number | boolean | GoValue | { nilPtr: string }];

/** %#v of a struct: `core.ObjectReference{Kind:"Pod", Name:"x"}`, every field listed in order. */
export function goStruct(type: string, fields: readonly GoField[]): GoValue {
  const parts = fields.map(([name, v]) => `${name}:${renderSharpV(v)}`);
  return new GoValue(`${type}{${parts.join(', ')}}`);
}

function renderSharpV(v: GoField[1]): string {
  if (v instanceof GoValue) return v.repr;
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'boolean') return String(v);
  return `(${v.nilPtr})(nil)`;
}

/** Go's byte-wise string order (fmt sorts map keys so); for the ASCII keys of labels it is code-unit order. */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strconv.Quote: double-quoted, with Go's escapes; printable Unicode is kept as is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (r >= 0xd800 && r <= 0xdfff) {
      // A lone surrogate cannot come out of Go's JSON decoder: it would be U+FFFD.
      out += '\uFFFD';
    } else if (isGoPrint(ch)) {
      out += ch;
    } else if (r < 0x20 || r === 0x7f) {
      out += '\\x' + r.toString(16).padStart(2, '0');
    } else if (r < 0x10000) {
      out += '\\u' + r.toString(16).padStart(4, '0');
    } else {
      out += '\\U' + r.toString(16).padStart(8, '0');
    }
  }
  return out + '"';
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isGoPrint(ch: string): boolean {
  return printable.test(ch);
}

/** An integer as Go prints any int type with %v or %#v; a non-integer as a float64. */
export function formatGoNumber(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return formatGoFloat(n);
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v prints a float64: the shortest digits that round
 * trip, in exponent form when the decimal exponent is below -4 or at least 6 (strconv's threshold
 * for the shortest %g), the exponent with at least two digits (`1e+06`, `1.5e-05`).
 */
export function formatGoFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  // Within the fixed range JS and Go agree on the shortest round-trip digits.
  return String(n);
}
