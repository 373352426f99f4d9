// JSON text exactly as Go's encoding/json writes a map[string]interface{} (json.Marshal, and
// json.Encoder.Encode which adds a newline): compact, object keys sorted bytewise, and strings
// escaped Go's way — `<`, `>`, `&`, U+2028 and U+2029 as \u escapes (HTML-safe by default), \b and
// \f short (Go 1.22+), other control characters as \u00xx, a lone surrogate as U+FFFD. Patch bodies
// kubectl sends and the last-applied-configuration annotation it stores are made this way.

import { goStringCompare, isObject, type Json } from './json';

const hex = '0123456789abcdef';

function goQuoteJson(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else out += '\ufffd';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\ufffd';
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
    }
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += `\\u${hex[(c >> 12) & 15]}${hex[(c >> 8) & 15]}${hex[(c >> 4) & 15]}${hex[c & 15]}`;
      continue;
    }
    out += s[i];
  }
  return `${out}"`;
}

/** json.Marshal of a decoded value. */
export function goMarshal(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(goMarshal).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort(goStringCompare);
    return `{${keys.map((k) => `${goQuoteJson(k)}:${goMarshal(v[k])}`).join(',')}}`;
  }
  if (typeof v === 'string') return goQuoteJson(v);
  if (typeof v === 'number') {
    // encoding/json's float format switches to an exponent at the same bounds as ECMAScript's
    // Number#toString (below 1e-6, from 1e21) and spells it the same way (1e+21, 1e-7).
    if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
    return Object.is(v, -0) ? '-0' : String(v);
  }
  return v ? 'true' : 'false';
}

/** json.NewEncoder(w).Encode: the compact text and a newline. */
export function goEncode(v: Json): string {
  return `${goMarshal(v)}\n`;
}
