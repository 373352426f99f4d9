// k8s.io/client-go/util/jsonpath (v0.32.4) as kubectl uses it: the template parser (parser.go, node.go)
// and the evaluator (jsonpath.go) over decoded JSON, and cli-runtime's JSONPathPrinter around them
// (`-o jsonpath=...`, `-o jsonpath-as-json=...`). Values are what kubectl decodes JSON into:
// map[string]interface{}, []interface{}, string, bool, nil, int64 for whole numbers, float64 otherwise.

import { compareGoStrings, formatNumber, goQuote, goSharpV, goSprint, sortedKeys } from './gofmt';
import { goJsonString } from './json';

// ---- node.go ----

export type JsonPathNode =
  | { type: 'List'; nodes: JsonPathNode[] }
  | { type: 'Text'; text: string }
  | { type: 'Field'; value: string }
  | { type: 'Identifier'; name: string }
  | { type: 'Array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'Filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'Int'; value: number }
  | { type: 'Float'; value: number }
  | { type: 'Wildcard' }
  | { type: 'Recursive' }
  | { type: 'Union'; nodes: ListNode[] }
  | { type: 'Bool'; value: boolean };

export type ListNode = { type: 'List'; nodes: JsonPathNode[] };

export interface ParamsEntry {
  value: number;
  /** Whether the value was given. */
  known: boolean;
  /** The end of `[i]`, derived as i+1. */
  derived: boolean;
}

const newList = (): ListNode => ({ type: 'List', nodes: [] });

// ---- parser.go ----

const eof = '';
const leftDelim = '{';
const rightDelim = '}';

const isSpace = (r: string) => r === ' ' || r === '\t';
const isEndOfLine = (r: string) => r === '\r' || r === '\n';
const isDigitRune = (r: string) => r !== eof && /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === '_' || (r !== eof && /^[\p{L}\p{Nd}]$/u.test(r));
const isTerminator = (r: string) => isSpace(r) || isEndOfLine(r) || [eof, '.', ',', '[', ']', '$', '@', '{', '}'].includes(r);

/** fmt's %#U: `U+002A '*'`. */
function formatRune(r: string): string {
  const cp = r.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(r) ? `${hex} '${r}'` : hex;
}

export class JsonPathParseError extends Error {}

/** strconv.UnquoteChar-based unquoting of a single- or double-quoted string (UnquoteExtend). */
export function unquoteExtend(s: string): string {
  const syntax = () => new JsonPathParseError('invalid syntax');
  if (s.length < 2) throw syntax();
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw syntax();
  let body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  while (body.length > 0) {
    const c = body[0];
    if (c === quote) throw syntax();
    if (c !== '\\') {
      const cp = body.codePointAt(0)!;
      const ch = String.fromCodePoint(cp);
      out += ch;
      body = body.slice(ch.length);
      continue;
    }
    if (body.length < 2) throw syntax();
    const e = body[1];
    body = body.slice(2);
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e in simple) {
      out += simple[e];
    } else if (e === "'" || e === '"') {
      if (e !== quote) throw syntax();
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(0, n);
      if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw syntax();
      const v = parseInt(hex, 16);
      body = body.slice(n);
      if (e === 'x') out += String.fromCharCode(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw syntax();
      else out += String.fromCodePoint(v);
    } else if (e >= '0' && e <= '7') {
      const oct = e + body.slice(0, 2);
      if (!/^[0-7]{3}$/.test(oct)) throw syntax();
      const v = parseInt(oct, 8);
      if (v > 255) throw syntax();
      body = body.slice(2);
      out += String.fromCharCode(v);
    } else {
      throw syntax();
    }
  }
  return out;
}

const dictKeyRex = /^'([^']*)'$/;
const sliceOperatorRex = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const filterRex = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

/** strconv.Atoi: an optional sign and decimal digits, within int64. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v < -(2n ** 63n) || v > 2n ** 63n - 1n) return undefined;
  return Number(v);
}

class Parser {
  root: ListNode = newList();
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(readonly name: string) {}

  parse(text: string): void {
    this.input = text;
    this.root = newList();
    this.pos = 0;
    this.parseText(this.root);
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return eof;
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith(leftDelim, this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'Text', text: this.consumeText() });
        this.parseLeftDelim(cur);
        return;
      }
      if (this.next() === eof) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'Text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += leftDelim.length;
    this.consumeText();
    const node = newList();
    cur.nodes.push(node);
    this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    // Iterative where upstream recurses once per token, so long templates do not exhaust the stack.
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith(rightDelim)) return this.parseRightDelim();
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === eof || isEndOfLine(r)) throw new JsonPathParseError('unclosed action');
      if (r === ' ') {
        this.consumeText();
      } else if (r === '@' || r === '$') {
        this.consumeText();
      } else if (r === '[') {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === '.') {
        this.parseField(cur);
      } else if (r === '+' || r === '-' || isDigitRune(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathParseError(`unrecognized character in action: ${formatRune(r)}`);
      }
    }
  }

  private parseRightDelim(): void {
    this.pos += rightDelim.length;
    this.consumeText();
    this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'Bool', value: value === 'true' });
    else cur.nodes.push({ type: 'Identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'Recursive') throw new JsonPathParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'Recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !isDigitRune(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== undefined) {
      cur.nodes.push({ type: 'Int', value: i });
      return;
    }
    // strconv.ParseFloat of digits and dots with an optional sign.
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ type: 'Float', value: Number(value) });
      return;
    }
    throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === eof || r === '\n') throw new JsonPathParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = strs.map((s) => parseAction('union', `[${s.replace(/^ +| +$/g, '')}]`).root);
      cur.nodes.push({ type: 'Union', nodes: union });
      return;
    }

    const key = text.match(dictKeyRex);
    if (key) {
      const p = parseAction('arraydict', `.${key[1]}`);
      cur.nodes.push(...p.root.nodes);
      return;
    }

    const m = text.match(sliceOperatorRex);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') {
          params[i].known = false;
        } else {
          params[i].known = true;
          const n = atoi(value[i]);
          if (n === undefined) throw new JsonPathParseError(`array index ${value[i]} is not a number`);
          params[i].value = n;
        }
      } else if (i === 1) {
        params[i] = { value: params[0].value + 1, known: true, derived: true };
      } else {
        params[i] = { value: 0, known: false, derived: false };
      }
    }
    cur.nodes.push({ type: 'Array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === eof || r === '\n') throw new JsonPathParseError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathParseError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = text.match(filterRex);
    if (!m) {
      const p = parseAction('text', text);
      cur.nodes.push({ type: 'Filter', left: p.root, right: newList(), operator: 'exists' });
    } else {
      const left = parseAction('left', m[1]);
      const right = parseAction('right', m[3]);
      cur.nodes.push({ type: 'Filter', left: left.root, right: right.root, operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === eof || r === '\n') throw new JsonPathParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathParseError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: 'Text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance());
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'Wildcard' });
    else cur.nodes.push({ type: 'Field', value: value.replace(/\\/g, '') });
  }

  private advance(): boolean {
    const r = this.next();
    if (r === '\\') {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function parseText(name: string, text: string): Parser {
  const p = new Parser(name);
  p.parse(text);
  return p;
}

/** parseAction: the expression parsed as if inside `{...}`; its root is that action's list. */
function parseAction(name: string, text: string): { root: ListNode } {
  const p = parseText(name, `${leftDelim}${text}${rightDelim}`);
  return { root: p.root.nodes[0] as ListNode };
}

/** Parse a template (jsonpath.Parse); throws JsonPathParseError with upstream's message. */
export function parseJsonPath(text: string, name = 'jsonpath'): ListNode {
  return parseText(name, text).root;
}

// ---- jsonpath.go ----

/** A reflect.Value that is not valid (a missing map key, the input of an empty range). */
const invalid = Symbol('invalid');
/** A float64 literal from the template (`{[?(@.x<1.5)]}`); data numbers carry their own kind. */
class GoFloat {
  constructor(readonly value: number) {}
}
type Value = unknown;

export class JsonPathError extends Error {}

/** fmt.Sprint of a result (custom-columns cells): a literal float as %v, anything else as decoded. */
export function sprintValue(v: unknown): string {
  if (v instanceof GoFloat) return formatNumber(v.value);
  if (v === invalid) return '<invalid reflect.Value>';
  return goSprint(v);
}

type Kind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'map' | 'slice';

function kindOf(v: Value): Kind {
  if (v === invalid) return 'invalid';
  if (v === null || v === undefined) return 'nil';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

/** The Go type kubectl's decoded value has, for error messages. */
function typeName(v: Value): string {
  switch (kindOf(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'string':
      return 'string';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    default:
      return 'interface {}';
  }
}

const numberOf = (v: Value): number => (v instanceof GoFloat ? v.value : (v as number));

/** A string's bytes, as reflect indexes a Go string. */
function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/** The elements reflect would visit: a map's values (here in key order), a slice's items, a string's bytes. */
function children(v: Value): Value[] {
  switch (kindOf(v)) {
    case 'map': {
      const m = v as Record<string, unknown>;
      return sortedKeys(m).map((k) => m[k]);
    }
    case 'slice':
      return v as unknown[];
    case 'string':
      return utf8Bytes(v as string);
    default:
      return [];
  }
}

/** template.Equal / Less over the basic kinds (funcs.go). */
function basicKind(v: Value): 'bool' | 'int' | 'float' | 'string' {
  const k = kindOf(v);
  if (k === 'bool' || k === 'int' || k === 'float' || k === 'string') return k;
  throw new JsonPathError('invalid type for comparison');
}

function equal(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) throw new JsonPathError('incompatible types for comparison');
  if (k1 === 'int' || k1 === 'float') return numberOf(a) === numberOf(b);
  return a === b;
}

function less(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) throw new JsonPathError('incompatible types for comparison');
  if (k1 === 'bool') throw new JsonPathError('invalid type for comparison');
  if (k1 === 'string') return compareGoStrings(a as string, b as string) < 0;
  return numberOf(a) < numberOf(b);
}

/** json.Marshal of a decoded value: compact, keys sorted, HTML-safe. */
export function goJsonCompact(v: Value): string {
  if (v === null || v === undefined || v === invalid) return 'null';
  if (v instanceof GoFloat) return JSON.stringify(v.value);
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJsonCompact).join(',')}]`;
  const m = v as Record<string, unknown>;
  return `{${sortedKeys(m)
    .filter((k) => m[k] !== undefined)
    .map((k) => `${goJsonString(k)}:${goJsonCompact(m[k])}`)
    .join(',')}}`;
}

function goJsonIndent(v: Value, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = `${indent}    `;
    return `[\n${v.map((x) => inner + goJsonIndent(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (kindOf(v) === 'map') {
    const m = v as Record<string, unknown>;
    const keys = sortedKeys(m).filter((k) => m[k] !== undefined);
    if (keys.length === 0) return '{}';
    const inner = `${indent}    `;
    return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${goJsonIndent(m[k], inner)}`).join(',\n')}\n${indent}}`;
  }
  return goJsonCompact(v);
}

export class JSONPath {
  private root: ListNode | undefined;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JsonPathNode | undefined;
  private allowMissing = false;
  private outputJSON = false;

  constructor(readonly name: string) {}

  allowMissingKeys(allow: boolean): this {
    this.allowMissing = allow;
    return this;
  }

  enableJSONOutput(v: boolean): void {
    this.outputJSON = v;
  }

  parse(text: string): void {
    this.root = parseJsonPath(text, this.name);
  }

  /** Execute: every result group printed in turn. Throws JsonPathError. */
  execute(data: unknown): string {
    const full = this.findResults(data);
    return full.map((r) => this.printResults(r)).join('');
  }

  findResults(data: unknown): Value[][] {
    if (!this.root) throw new JsonPathError(`${this.name} is an incomplete jsonpath template`);
    // reflect.ValueOf(nil) is not a valid value: a nil (or absent) input walks as nothing.
    const cur: Value[] = [data === undefined || data === null ? invalid : data];
    // The root's node list is replaced while a range runs (upstream sets parser.Root.Nodes to the
    // nodes after `range` and never restores it), so this reads it afresh each call.
    const nodes = this.root.nodes;
    const fullResult: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.root.nodes = nodes.slice(i + 1);
            fullResult.push(...this.findResults(value === invalid ? undefined : value));
          }
        } else {
          // An empty range still walks its body, so that its end is found.
          this.root.nodes = nodes.slice(i + 1);
          this.findResults(undefined);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      fullResult.push(results);
    }
    return fullResult;
  }

  printResults(results: Value[]): string {
    if (this.outputJSON) return `${goJsonIndent(results.map((r) => (r === invalid ? null : r instanceof GoFloat ? r.value : r)), '')}\n`;
    let out = '';
    results.forEach((r, i) => {
      const k = kindOf(r);
      let text: string;
      if (k === 'map' || k === 'slice') text = goJsonCompact(r);
      else text = this.evalToText(r);
      if (i !== results.length - 1) text += ' ';
      out += text;
    });
    return out;
  }

  private evalToText(v: Value): string {
    if (v === invalid) return '<no value>';
    if (v === null || v === undefined) return 'null';
    if (v instanceof GoFloat) return formatNumber(v.value);
    return goSprint(v);
  }

  private walk(value: Value[], node: JsonPathNode): Value[] {
    switch (node.type) {
      case 'List':
        return this.evalList(value, node);
      case 'Text':
        return [node.text];
      case 'Field':
        return this.evalField(value, node.value);
      case 'Array':
        return this.evalArray(value, node.params);
      case 'Filter':
        return this.evalFilter(value, node);
      case 'Int':
        return value.map(() => node.value);
      case 'Bool':
        return value.map(() => node.value);
      case 'Float':
        return value.map(() => new GoFloat(node.value));
      case 'Wildcard':
        return this.evalWildcard(value);
      case 'Recursive':
        return this.evalRecursive(value);
      case 'Union':
        return node.nodes.flatMap((l) => this.evalList(value, l));
      case 'Identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalList(value: Value[], node: ListNode): Value[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    switch (name) {
      case 'range':
        this.beginRange++;
        return input;
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return [];
        }
        throw new JsonPathError('not in range, nothing to end');
      default:
        throw new JsonPathError(`unrecognized identifier ${name}`);
    }
  }

  private evalArray(input: Value[], p: [ParamsEntry, ParamsEntry, ParamsEntry]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue; // template.Indirect: nil
      if (kindOf(value) !== 'slice') throw new JsonPathError(`${value === invalid ? '<nil>' : typeName(value)} is not array or slice`);
      const arr = value as unknown[];
      const params = p.map((x) => ({ ...x }));
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += arr.length;
      if (!params[1].known) params[1].value = arr.length;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += arr.length;
      const sliceLength = arr.length;
      if (params[1].value !== params[0].value) {
        if (params[0].value >= sliceLength || params[0].value < 0) throw new JsonPathError(`array index out of bounds: index ${params[0].value}, length ${sliceLength}`);
        if (params[1].value > sliceLength || params[1].value < 0) throw new JsonPathError(`array index out of bounds: index ${params[1].value - 1}, length ${sliceLength}`);
        if (params[0].value > params[1].value) throw new JsonPathError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
      } else {
        return result;
      }
      const sliced = arr.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < sliced.length; i += step) result.push(sliced[i]);
    }
    return result;
  }

  private evalField(input: Value[], field: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (kindOf(value) === 'map') {
        const m = value as Record<string, unknown>;
        if (Object.prototype.hasOwnProperty.call(m, field) && m[field] !== undefined) results.push(m[field]);
      }
    }
    if (results.length === 0) {
      if (this.allowMissing) return results;
      throw new JsonPathError(`${field} is not found`);
    }
    return results;
  }

  private evalWildcard(input: Value[]): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      results.push(...children(value));
    }
    return results;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      const results = children(value);
      if (results.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(results));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: { left: ListNode; right: ListNode; operator: string }): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (kindOf(value) !== 'slice') throw new JsonPathError(`${value === invalid ? '<invalid reflect.Value>' : goSprint(value)} is not array or slice and cannot be filtered`);
      for (const item of value as unknown[]) {
        const temp = [item];
        if (node.operator === 'exists') {
          let lefts: Value[] = [];
          try {
            lefts = this.evalList(temp, node.left);
          } catch {
            lefts = [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.evalList(temp, node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.evalList(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        const left = lefts[0];
        const right = rights[0];
        let pass: boolean;
        switch (node.operator) {
          case '<':
            pass = less(left, right);
            break;
          case '>':
            pass = !(less(left, right) || equal(left, right));
            break;
          case '==':
            pass = equal(left, right);
            break;
          case '!=':
            pass = !equal(left, right);
            break;
          case '<=':
            pass = less(left, right) || equal(left, right);
            break;
          case '>=':
            pass = !less(left, right);
            break;
          default:
            throw new JsonPathError(`unrecognized filter operator ${node.operator}`);
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }
}

export interface JsonPathPrintOptions {
  /** --allow-missing-template-keys (true by default for kubectl's printers). */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`. */
  jsonOutput?: boolean;
}

/**
 * cli-runtime's JSONPathPrinter: the text `-o jsonpath=<template>` prints for one object, or the
 * error kubectl reports (without its `error: ` prefix) when the template does not parse or run.
 */
export function printJsonPath(template: string, obj: unknown, opts: JsonPathPrintOptions = {}): { out: string } | { error: string } {
  const j = new JSONPath('out');
  try {
    j.parse(template);
  } catch (e) {
    return { error: `error parsing jsonpath ${template}, ${(e as Error).message}` };
  }
  j.allowMissingKeys(opts.allowMissingKeys ?? true);
  if (opts.jsonOutput) j.enableJSONOutput(true);
  const data = JSON.parse(JSON.stringify(obj ?? null)) as unknown;
  try {
    return { out: j.execute(data) };
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    const debug =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`;
    return { error: `error executing jsonpath ${goQuote(template)}: ${debug}\n` };
  }
}
