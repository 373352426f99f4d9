// kubectl's `-o json`: cli-runtime's JSONPrinter runs json.MarshalIndent(obj, "", "    ") on the
// object kubectl decoded from the server. `kubectl get` decodes into unstructured maps, and Go
// marshals a map with its keys sorted (byte-wise), so the keys come out sorted, not in the Go
// struct's field order. Strings are escaped as encoding/json escapes them (HTML-safe: <, >, & as
// \u003c, \u003e, \u0026; U+2028 and U+2029 too); a newline ends the output.

import { compareGoStrings } from './gofmt';

/** encoding/json's string encoding (appendString with escapeHTML). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += ch + s[i + 1];
      i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += '\\ufffd'; // not UTF-8: encoding/json writes the replacement character
      continue;
    }
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
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
    }
    if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Fields that are Go maps in the API types: a typed object's JSON sorts their keys and keeps its struct fields' order. */
const mapFields = new Set(['labels', 'annotations', 'matchLabels', 'data', 'binaryData', 'stringData', 'nodeSelector']);
const isMapField = (key: string, v: unknown) => mapFields.has(key) || (key === 'selector' && !!v && typeof v === 'object' && !('matchLabels' in v) && !('matchExpressions' in v));

function encode(v: unknown, indent: string, typed = false, sorted = !typed): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + encode(x, inner, typed, !typed)).join(',\n')}\n${indent}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (sorted) keys.sort(compareGoStrings);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${encode(o[k], inner, typed, !typed || isMapField(k, o[k]))}`).join(',\n')}\n${indent}}`;
}

/**
 * The text `kubectl get -o json` prints for an object (or a List of them). `typed`: an object
 * kubectl built itself (a --dry-run=client generator) printed from its Go struct, fields in the
 * order given (the struct's), maps sorted; otherwise an object from the wire, every key sorted.
 */
export function toJson(value: unknown, typed = false): string {
  // A JSON round trip first, as the object reached kubectl over the wire (toJSON methods applied).
  return `${encode(JSON.parse(JSON.stringify(value ?? null)) as unknown, '', typed)}\n`;
}

function compact(v: unknown, sorted: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map((x) => compact(x, sorted)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (sorted) keys.sort(compareGoStrings);
  return `{${keys.map((k) => `${goJsonString(k)}:${compact(o[k], sorted || isMapField(k, o[k]))}`).join(',')}}`;
}

/**
 * json.NewEncoder(w).Encode of an object kubectl built itself (scheme.DefaultJSONEncoder on a typed
 * object): compact, fields in the order given (the struct's), maps sorted, and a newline — the text
 * a generator's --save-config stores in the last-applied-configuration annotation.
 */
export function toCompactTypedJson(value: unknown): string {
  return `${compact(JSON.parse(JSON.stringify(value ?? null)) as unknown, false)}\n`;
}
