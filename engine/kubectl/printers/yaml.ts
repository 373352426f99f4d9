// kubectl's `-o yaml`: cli-runtime's YAMLPrinter calls sigs.k8s.io/yaml (v1.4.0) Marshal, which turns
// the object's JSON into YAML with its fork of go-yaml v2: the JSON is decoded (numbers become int
// or float64, keys strings), then encoded: map keys in go-yaml's "natural" order (sorter.go),
// each string quoted only where go-yaml's resolver would read it back as something else
// (encode.go stringv, resolve.go), the style the emitter settles on (emitterc.go
// yaml_emitter_analyze_scalar / select_scalar_style: plain, single- or double-quoted, or a `|`
// literal for multi-line text), sequences not indented under their key, and plain and quoted
// scalars folded past column 80 (best_width), as the emitter does.

import { compareGoStrings, formatFloatG } from './gofmt';

type Style = 'plain' | 'single' | 'double' | 'literal';

type YNode = { kind: 'scalar'; value: string; style: Style } | { kind: 'seq'; items: YNode[] } | { kind: 'map'; pairs: [YNode, YNode][] };

// ---- resolve.go: what a plain scalar would decode as ----

const resolveMap: Record<string, 'bool' | 'null' | 'float' | 'merge'> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) resolveMap[s] = 'bool';
for (const s of ['', '~', 'null', 'Null', 'NULL']) resolveMap[s] = 'null';
for (const s of ['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']) resolveMap[s] = 'float';
resolveMap['<<'] = 'merge';

/** resolveTable: the hint for a scalar's first byte. */
function hintOf(s: string): string {
  if (s === '') return 'N';
  const c = s.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) return 'S';
  if (c >= 0x30 && c <= 0x39) return 'D';
  if ('yYnNtTfFoO~'.includes(s[0])) return 'M';
  if (s[0] === '.') return '.';
  return '';
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

/** strconv.ParseInt(s, base, 64) succeeds (base 0: a 0x, 0o, 0b or 0 prefix picks the base). */
function parsesAsInt(s: string, base: 0 | 2, unsigned = false): boolean {
  let m: RegExpMatchArray | null;
  let sign = '';
  let body = s;
  if (!unsigned && (s.startsWith('+') || s.startsWith('-'))) {
    sign = s[0];
    body = s.slice(1);
  }
  let value: bigint;
  if (base === 2) {
    if (!/^[01]+$/.test(body)) return false;
    value = BigInt(`0b${body}`);
  } else if ((m = body.match(/^0[xX]([0-9a-fA-F]+)$/))) value = BigInt(`0x${m[1]}`);
  else if ((m = body.match(/^0[oO]([0-7]+)$/))) value = BigInt(`0o${m[1]}`);
  else if ((m = body.match(/^0[bB]([01]+)$/))) value = BigInt(`0b${m[1]}`);
  else if (/^0[0-7]*$/.test(body)) value = body.length > 1 ? BigInt(`0o${body.slice(1)}`) : 0n;
  else if (/^[1-9][0-9]*$/.test(body)) value = BigInt(body);
  else return false;
  if (unsigned) return value <= uint64Max;
  if (sign === '-') value = -value;
  return value >= int64Min && value <= int64Max;
}

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseFloat of a yamlStyleFloat: fails only when the value overflows. */
const floatInRange = (s: string): boolean => Number.isFinite(Number(s));

const daysIn = (month: number, year: number): number => [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/**
 * parseTimestamp: whether time.Parse accepts the text in one of go-yaml's layouts
 * (`2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`, `2006-1-2`).
 */
export function isYamlTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  // Year, month and day (1 or 2 digits each), then the time (each field 1 or 2 digits, optional
  // fraction), then the zone for the 'T' layouts.
  const m = s.match(/^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,]([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/);
  if (!m) return false;
  const [, y, mo, d, sep, hh, mi, ss, , zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, Number(y))) return false;
  if (sep === undefined) return true;
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return false;
  if (sep === ' ') return zone === undefined;
  if (zone === undefined) return false;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4, 6)) > 60)) return false;
  return true;
}

/** resolve("", s): the tag go-yaml gives the plain scalar s ('str' when it stays a string). */
export function resolveTag(s: string): 'str' | 'bool' | 'null' | 'float' | 'merge' | 'int' | 'timestamp' {
  const hint = hintOf(s);
  if (hint === '') return 'str';
  if (s in resolveMap) return resolveMap[s];
  switch (hint) {
    case 'M':
      return 'str';
    case '.':
      return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && floatInRange(s) ? 'float' : 'str';
    case 'D':
    case 'S': {
      if (isYamlTimestamp(s)) return 'timestamp';
      const plain = s.replace(/_/g, '');
      if (parsesAsInt(plain, 0) || parsesAsInt(plain, 0, true)) return 'int';
      if (yamlStyleFloat.test(plain) && floatInRange(plain)) return 'float';
      if (plain.startsWith('0b')) return parsesAsInt(plain.slice(2), 2) || parsesAsInt(plain.slice(2), 2, true) ? 'int' : 'str';
      if (plain.startsWith('-0b')) return parsesAsInt(`-${plain.slice(3)}`, 2) ? 'int' : 'str';
      return 'str';
    }
  }
  return 'str';
}

const base60float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return base60float.test(s);
}

/** encoder.stringv: the style asked of the emitter for a string. */
function stringStyle(s: string): Style {
  const canUsePlain = resolveTag(s) === 'str' && !isBase60Float(s);
  if (s.includes('\n')) return 'literal';
  return canUsePlain ? 'plain' : 'double';
}

// ---- sorter.go: keyList.Less for string keys ----

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isDigit = (ch: string): boolean => /\p{Nd}/u.test(ch);

/** go-yaml v2's key order: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 0x30);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 0x30);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

const compareKeys = (a: string, b: string): number => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : compareGoStrings(a, b));

/**
 * A JSON string as go-yaml decodes it back: lone surrogates were U+FFFD in the JSON (encoding/json),
 * and a raw NEL (U+0085, which encoding/json leaves unescaped) is a line break inside a YAML
 * double-quoted scalar, folded as YAML folds lines: one break (with the blanks around it) becomes a
 * space, n breaks become n-1 newlines.
 */
const decoded = (s: string): string =>
  s
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/ *(?:\u0085 *)+/g, (run) => {
      const breaks = run.split('\u0085').length - 1;
      return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
    });

function scalarNode(value: string, style: Style): YNode {
  return { kind: 'scalar', value, style };
}

/** The go-yaml value the JSON decodes to, as the encoder would marshal it. */
function toNode(v: unknown): YNode {
  if (v === null || v === undefined) return scalarNode('null', 'plain');
  if (typeof v === 'boolean') return scalarNode(v ? 'true' : 'false', 'plain');
  if (typeof v === 'number') return scalarNode(Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatFloatG(v).replace('+Inf', '.inf').replace('-Inf', '-.inf').replace('NaN', '.nan'), 'plain');
  if (typeof v === 'string') {
    const s = decoded(v);
    return scalarNode(s, stringStyle(s));
  }
  if (Array.isArray(v)) return { kind: 'seq', items: v.map(toNode) };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .map((k) => [k, decoded(k)] as const)
      .sort((a, b) => compareKeys(a[1], b[1]));
    return { kind: 'map', pairs: keys.map(([k, key]) => [scalarNode(key, stringStyle(key)), toNode(o[k])]) };
  }
  return scalarNode(String(v), 'plain');
}

// ---- emitterc.go ----

const isSpace = (c: string | undefined): boolean => c === ' ';
const isBreak = (c: string | undefined): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || isBlank(c) || isBreak(c) || c === '\0';

/** is_printable, as the emitter decides it from the UTF-8 bytes (no characters past U+FFFF). */
function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

const utf8Length = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar. */
function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const v = [...value];
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    const followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
    if (i === 0) {
      switch (ch) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!': case '|': case '>': case "'": case '"': case '%': case '@': case '`':
          flowIndicators = true;
          blockIndicators = true;
          break;
        case '?':
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (ch) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flowIndicators = true;
          break;
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '#':
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    if (!isPrintable(ch)) specialCharacters = true;
    if (isSpace(ch)) {
      if (i === 0) leadingSpace = true;
      if (i === v.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === v.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(ch);
  }
  const a: ScalarAnalysis = { multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private simpleKeyContext = false;
  private mappingContext = false;
  private readonly bestIndent = 2;
  private readonly bestWidth = 80;

  private put(s: string): void {
    this.out += s;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private write(ch: string): void {
    this.out += ch;
    this.column++;
  }

  private writeBreak(ch: string): void {
    if (ch === '\n') {
      this.putBreak();
    } else {
      this.write(ch);
      this.column = 0;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of indicator) this.write(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  document(root: YNode): void {
    this.emitNode(root, false, false);
    this.writeIndent();
  }

  /** yaml_emitter_emit_node (the root and sequence contexts only matter for what is not emitted here). */
  private emitNode(node: YNode, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (node.kind) {
      case 'scalar':
        this.emitScalar(node.value, node.style);
        break;
      case 'seq':
        if (this.flowLevel > 0 || node.items.length === 0) this.emitFlowCollection('[', ']', node.items.length);
        else this.emitBlockSequence(node.items);
        break;
      case 'map':
        if (this.flowLevel > 0 || node.pairs.length === 0) this.emitFlowCollection('{', '}', node.pairs.length);
        else this.emitBlockMapping(node.pairs);
        break;
    }
  }

  /** Only empty collections are flow style here: the encoder asks for block style. */
  private emitFlowCollection(open: string, close: string, n: number): void {
    if (n !== 0) throw new Error('yaml: non-empty flow collections are not emitted');
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(items: YNode[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, false, false);
    }
    this.popIndent();
  }

  private emitBlockMapping(pairs: [YNode, YNode][]): void {
    this.increaseIndent(false, false);
    for (const [key, value] of pairs) {
      this.writeIndent();
      if (this.checkSimpleKey(key)) {
        this.emitNode(key, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(key, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, true, false);
    }
    this.popIndent();
  }

  /** yaml_emitter_check_simple_key: a one-line scalar of at most 128 bytes, or an empty collection. */
  private checkSimpleKey(key: YNode): boolean {
    if (key.kind === 'scalar') return !analyzeScalar(key.value).multiline && utf8Length(key.value) <= 128;
    if (key.kind === 'seq') return key.items.length === 0;
    return key.pairs.length === 0;
  }

  /** yaml_emitter_select_scalar_style. */
  private selectStyle(requested: Style, a: ScalarAnalysis, value: string): Style {
    let style = requested;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) style = 'single';
      if (value.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    return style;
  }

  private emitScalar(value: string, requested: Style): void {
    const style = this.selectStyle(requested, analyzeScalar(value), value);
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case 'plain':
        this.writePlain(value, allowBreaks);
        break;
      case 'single':
        this.writeSingleQuoted(value, allowBreaks);
        break;
      case 'double':
        this.writeDoubleQuoted(value, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(value);
        break;
    }
    this.popIndent();
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const v = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && !isSpace(v[i + 1])) this.writeIndent();
        else this.write(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const v = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < v.length - 1 && !isSpace(v[i + 1])) this.writeIndent();
        else this.write(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.write(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const v = [...value];
    // is_bom looks at the value's first bytes, whatever the position: a leading BOM escapes everything.
    const bom = v[0] === '\ufeff';
    let spaces = false;
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      if (!isPrintable(ch) || bom || isBreak(ch) || ch === '"' || ch === '\\') {
        this.put('\\');
        const c = ch.codePointAt(0)!;
        const short: Record<number, string> = { 0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };
        if (c in short) {
          this.put(short[c]);
        } else {
          const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter);
          for (const digit of c.toString(16).toUpperCase().padStart(width, '0')) this.put(digit);
        }
        spaces = false;
      } else if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (isSpace(v[i + 1])) this.put('\\');
        } else {
          this.write(ch);
        }
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    // yaml_emitter_write_block_scalar_hints
    const v = [...value];
    if (isSpace(v[0]) || isBreak(v[0])) this.writeIndicator(String(this.bestIndent), false, false, false);
    let chomp = '';
    if (v.length === 0 || !isBreak(v[v.length - 1])) chomp = '-';
    else if (v.length === 1 || isBreak(v[v.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of v) {
      if (isBreak(ch)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** sigs.k8s.io/yaml.Marshal of a JSON value: the YAML kubectl prints for `-o yaml`. */
export function toYaml(value: unknown): string {
  const e = new Emitter();
  e.document(toNode(JSON.parse(JSON.stringify(value ?? null)) as unknown));
  return e.out;
}

/** YAMLPrinter printing several objects in turn: `---` before every document after the first. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map((v, i) => (i > 0 ? '---\n' : '') + toYaml(v)).join('');
}
