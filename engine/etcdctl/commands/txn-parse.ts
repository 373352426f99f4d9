// Parsing txn's stdin lines: compares like `mod("k") > "5"` (ctlv3/command/txn_command.go
// parseCompare, which scans with fmt.Sscanf("%q) %s %q")) and request lines split by argify
// (ctlv3/command/util.go), quirks included.

import type { Compare, CompareResult } from '../../etcd/types';
import { quote } from '../gofmt';
import { GoParseError, parseInt64 } from '../goparse';
import { GoPanic } from '../io';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * strconv.Unquote of a double-quoted or back-quoted Go string literal. A Go string is bytes: \xNN and
 * \NNN are single bytes and \u/\U are the UTF-8 of a rune, so "\xc3\xa9" is "é". The bytes are then
 * read as UTF-8 (keys and values are strings here); a byte sequence that is not UTF-8 ("\xff") turns
 * into U+FFFD, where etcd would keep the raw byte.
 */
export function goUnquote(lit: string): string {
  const bad = (): never => {
    throw new GoParseError('invalid syntax');
  };
  if (lit.length < 2) bad();
  if (lit[0] === '`') return lit.endsWith('`') && !lit.slice(1, -1).includes('`') ? lit.slice(1, -1) : bad();
  if (lit[0] !== '"' || !lit.endsWith('"')) bad();
  const body = lit.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
  const bytes: number[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) bytes.push(...utf8Encoder.encode(literal));
    literal = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === '\n') bad();
    if (c !== '\\') {
      literal += c;
      continue;
    }
    flush();
    const e = body[++i];
    if (e === undefined) bad();
    if (simple[e] !== undefined) bytes.push(simple[e]);
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const digits = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) bad();
      const v = parseInt(digits, 16);
      if (e === 'x') bytes.push(v);
      // utf8.ValidRune: no surrogates, nothing past U+10FFFF.
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) bad();
      else bytes.push(...utf8Encoder.encode(String.fromCodePoint(v)));
      i += n;
    } else if (/[0-7]/.test(e)) {
      const digits = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) bad();
      bytes.push(parseInt(digits, 8));
      i += 2;
    } else bad();
  }
  flush();
  return utf8Decoder.decode(Uint8Array.from(bytes));
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /^[ \t\r\n\v\f\u0085\u00a0]$/.test(c);

/** fmt.Sscanf(s, "%q) %s %q"): the values scanned before the first failure, and how many. */
export function scanCompare(s: string): { n: number; key: string; op: string; val: string } {
  const out = { n: 0, key: '', op: '', val: '' };
  let pos = 0;
  const skipSpace = (): void => {
    while (isSpace(s[pos])) pos++;
  };
  const quoted = (): string | null => {
    skipSpace();
    const q = s[pos];
    if (q === '`') {
      const end = s.indexOf('`', pos + 1);
      if (end < 0) return null;
      const lit = s.slice(pos + 1, end);
      pos = end + 1;
      return lit;
    }
    if (q !== '"') return null;
    let i = pos + 1;
    for (;;) {
      if (i >= s.length) return null;
      if (s[i] === '\\') i += 2;
      else if (s[i++] === '"') break;
      if (i > s.length) return null;
    }
    try {
      const v = goUnquote(s.slice(pos, i));
      pos = i;
      return v;
    } catch {
      return null;
    }
  };
  const key = quoted();
  if (key === null) return out;
  [out.key, out.n] = [key, 1];
  if (s[pos] !== ')') return out;
  pos++;
  // A lone space in the format needs one or more spaces (or the end) in the input.
  if (pos < s.length && !isSpace(s[pos])) return out;
  skipSpace();
  if (pos >= s.length) return out;
  const start = pos;
  while (pos < s.length && !isSpace(s[pos])) pos++;
  [out.op, out.n] = [s.slice(start, pos), 2];
  if (pos < s.length && !isSpace(s[pos])) return out;
  skipSpace();
  const val = quoted();
  if (val === null) return out;
  [out.val, out.n] = [val, 3];
  return out;
}

// clientv3.Compare's result operators; anything else panics.
function compareResult(op: string): CompareResult {
  const results: Record<string, CompareResult> = { '=': 'EQUAL', '!=': 'NOT_EQUAL', '>': 'GREATER', '<': 'LESS' };
  if (!results[op]) throw new GoPanic('Unknown result op');
  return results[op];
}

/** parseCompare: one compare line, or the error text etcdctl exits with. */
export function parseCompare(line: string): Compare | { error: string } {
  const paren = line.indexOf('(');
  if (paren < 0) return { error: `malformed comparison: ${line}` };
  const target = line.slice(0, paren);
  const { n, key, op, val } = scanCompare(line.slice(paren + 1));
  if (n !== 3) return { error: `malformed comparison: ${line}; got ${target}(${quote(key)}) ${op} ${quote(val)}` };
  const int = (): number | null => {
    try {
      return Number(parseInt64(val, 10));
    } catch {
      return null;
    }
  };
  const invalid = { error: `invalid txn compare request: ${line}` };
  switch (target) {
    case 'ver':
    case 'version': {
      const v = int();
      return v === null ? invalid : { result: compareResult(op), target: 'VERSION', key, version: v };
    }
    case 'c':
    case 'create': {
      const v = int();
      return v === null ? invalid : { result: compareResult(op), target: 'CREATE', key, create_revision: v };
    }
    case 'm':
    case 'mod': {
      const v = int();
      return v === null ? invalid : { result: compareResult(op), target: 'MOD', key, mod_revision: v };
    }
    case 'val':
    case 'value':
      return { result: compareResult(op), target: 'VALUE', key, value: val };
    case 'lease':
      // etcdctl 3.4 hands clientv3.Compare a string for a lease compare, which panics.
      compareResult(op);
      throw new GoPanic('bad value');
    default:
      return { error: `malformed comparison: ${line} (unknown target ${target})` };
  }
}

/** argify: splits a request line into words; double-quoted words are unquoted. */
export function argify(s: string): string[] {
  const words = s.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^'"\t\n\f\r ][^\t\n\f\r ]*[^'"\t\n\f\r ]?/g) ?? [];
  return words.map((w) => {
    if (w[0] === "'") {
      // Upstream slices with the word count, not the word length: 'hello' among 3 words is "h".
      const end = words.length - 1;
      if (end > w.length) throw new GoPanic(`runtime error: slice bounds out of range [:${end}] with length ${w.length}`);
      if (end < 1) throw new GoPanic(`runtime error: slice bounds out of range [1:${end}]`);
      return w.slice(1, end);
    }
    if (w[0] === '"') return goUnquote(w);
    return w;
  });
}
