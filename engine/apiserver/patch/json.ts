// Plain JSON values, and the few Go behaviours the patch libraries lean on when they handle them:
// own-key access that cannot reach Object.prototype, deep equality (reflect.DeepEqual on decoded
// JSON), the Go type of a decoded value, and fmt's %v / %s / %q renderings that upstream puts into
// its error messages.

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value under an own key, or undefined: never an inherited member such as `constructor`. */
export function get(o: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

export function has(o: JsonObject, key: string): boolean {
  return Object.hasOwn(o, key);
}

/** Sets an own key; `__proto__` becomes an ordinary property as it is in a Go map. */
export function put(o: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

export function del(o: JsonObject, key: string): void {
  if (Object.hasOwn(o, key)) delete o[key];
}

export function clone<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) put(out, k, clone(v[k]));
    return out as T;
  }
  return v;
}

/** reflect.DeepEqual of two decoded JSON values. */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => has(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The dynamic type of a decoded value, standing in for reflect.TypeOf: upstream compares types to
 * decide between recursing and replacing. ('nil' is reflect.TypeOf(nil), the nil Type.)
 */
export type GoKind = 'nil' | 'bool' | 'number' | 'string' | 'slice' | 'map';

export function goKind(v: Json): GoKind {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'map';
  }
}

/**
 * The Go type name of a value as k8s.io/apimachinery/pkg/util/json decodes it (integers as int64,
 * other numbers as float64), for reflect.TypeOf(x) in messages; nil prints as fmt's %!s(<nil>).
 */
export function goTypeName(v: Json): string {
  if (v === null) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return isInt64(v) ? 'int64' : 'float64';
    case 'string':
      return 'string';
    default:
      return 'map[string]interface {}';
  }
}

function isInt64(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

/** strconv.FormatFloat(f, 'g', -1, 64): %v of a float64. */
export function goFormatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expStr] = n.toExponential().split('e');
  const exp = Number(expStr);
  // With the shortest digits 'g' uses an exponent below 1e-4 and from 1e6 (eprec 6), as %v does.
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** A number as %v prints the int64 or float64 util/json decodes it into. */
export function goFormatNumber(n: number): string {
  return isInt64(n) ? BigInt(n).toString() : goFormatFloat(n);
}

/**
 * fmt's %v (verb 'v') or %s (verb 's') of a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`. Maps
 * print with sorted keys, as fmt has since Go 1.12; under %s a non-string scalar prints as
 * `%!s(int64=1)`.
 */
export function goFormat(v: Json, verb: 'v' | 's' = 'v'): string {
  if (v === null) return verb === 'v' ? '<nil>' : '%!s(<nil>)';
  if (Array.isArray(v)) return `[${v.map((x) => goFormat(x, verb)).join(' ')}]`;
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return verb === 'v' ? String(v) : `%!s(bool=${v})`;
    case 'number':
      return verb === 'v' ? goFormatNumber(v) : `%!s(${goTypeName(v)}=${goFormatNumber(v)})`;
    default: {
      const keys = Object.keys(v).sort(goStringCompare);
      return `map[${keys.map((k) => `${k}:${goFormat(v[k], verb)}`).join(' ')}]`;
    }
  }
}

/** Go's string ordering: by UTF-8 bytes, which is code point order (not UTF-16 unit order). */
export function goStringCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** strconv.Quote for the ASCII-and-printable strings field names are (%q). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
