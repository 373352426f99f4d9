// Label selectors, as k8s.io/apimachinery/pkg/labels (selector.go, labels.go) and the selector
// helpers of k8s.io/apimachinery/pkg/apis/meta/v1 (helpers.go): the `-l` grammar with its lexer
// and recursive-descent parser, Requirement matching, canonical String() forms, and the
// LabelSelector → Selector conversion every controller uses. Error texts are upstream's, down to
// the field paths ("<nil>: Invalid value: ...", "values[0][app]: ...").

/** labels.Labels / labels.Set: a label map. `undefined` is an empty one. */
export type Labels = Readonly<Record<string, string>>;

/** selection.Operator. */
export type Operator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

const unaryOperators: readonly Operator[] = ['exists', '!'];
const binaryOperators: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validRequirementOperators: readonly Operator[] = [...binaryOperators, ...unaryOperators];

/** An error from parsing a selector or building a Requirement; the message is upstream's. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

// ---------------------------------------------------------------------------------------------
// Go formatting and ordering, so messages and sort orders come out byte for byte.

/** strconv.Quote (what %q prints): Go escapes, printable Unicode kept. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'; // a lone surrogate is invalid UTF-8 to Go
    else if (ch !== ' ' && !/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's %#v of a []string: `[]string{"a", "b"}`, `[]string{}`, or `[]string(nil)`. */
function goStringSlice(vals: readonly string[] | undefined): string {
  if (vals === undefined) return '[]string(nil)';
  return `[]string{${vals.map(goQuote).join(', ')}}`;
}

/** Go string comparison (bytewise UTF-8, i.e. by code point), for sort.Strings. */
export function goCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 sorts surrogates (astral code points) below U+E000–U+FFFF; code-point order does not.
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** len() of a Go string: its UTF-8 byte count. */
function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// The few checks of k8s.io/apimachinery/pkg/util/validation the parser needs, kept local.

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameRegexp = new RegExp(`^${qualifiedNameFmt}$`);
const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueRegexp = new RegExp(`^${labelValueFmt}$`);
const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrorMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);

/** validation.RegexError. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number) => `must be no more than ${n} characters`;

/** validation.IsDNS1123Subdomain. */
function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!dns1123SubdomainRegexp.test(value)) errs.push(regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** validation.IsQualifiedName: `[prefix/]name`. */
function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRegexp.test(name)) errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** validation.IsValidLabelValue. */
function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!labelValueRegexp.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

// field.Path as a string, with upstream's nil path printing as "<nil>".
type Path = string | undefined;
const pathString = (p: Path) => p ?? '<nil>';
const child = (p: Path, name: string): string => (p === undefined || p === '' ? name : `${p}.${name}`);
const subscript = (p: Path, i: string | number): string => `${p ?? ''}[${i}]`;

/** A field.Error rendered as its Error() text. */
const invalid = (p: Path, badValue: string, detail: string) => `${pathString(p)}: Invalid value: ${badValue}: ${detail}`;

/** field.ErrorList.ToAggregate().Error(): duplicates dropped, several errors bracketed. */
function aggregate(errs: string[]): string | undefined {
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** labels.validateLabelKey. */
function validateLabelKey(k: string, p: Path): string | undefined {
  const errs = isQualifiedName(k);
  return errs.length ? invalid(p, goQuote(k), errs.join('; ')) : undefined;
}

/** labels.validateLabelValue. */
function validateLabelValue(k: string, v: string, p: Path): string | undefined {
  const errs = isValidLabelValue(v);
  return errs.length ? invalid(subscript(p, k), goQuote(v), errs.join('; ')) : undefined;
}

/** strconv.ParseInt(s, 10, 64), as a bigint, or undefined when it fails. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v >= -(1n << 63n) && v < 1n << 63n ? v : undefined;
}

const has = (ls: Labels | undefined, k: string): boolean => ls !== undefined && Object.hasOwn(ls, k);

// ---------------------------------------------------------------------------------------------
// Requirement

/** labels.Requirement: a key, an operator and values. Build one with newRequirement. */
export class Requirement {
  constructor(
    readonly key: string,
    readonly operator: Operator,
    /** strValues, in the order given (the parser gives them sorted and de-duplicated). */
    readonly values: readonly string[],
  ) {}

  /** Requirement.Matches. */
  matches(ls: Labels | undefined): boolean {
    switch (this.operator) {
      case 'in':
      case '=':
      case '==':
        return has(ls, this.key) && this.values.includes(ls![this.key]);
      case 'notin':
      case '!=':
        return !has(ls, this.key) || !this.values.includes(ls![this.key]);
      case 'exists':
        return has(ls, this.key);
      case '!':
        return !has(ls, this.key);
      case 'gt':
      case 'lt': {
        if (!has(ls, this.key)) return false;
        const lsValue = parseInt64(ls![this.key]);
        if (lsValue === undefined || this.values.length !== 1) return false;
        const rValue = parseInt64(this.values[0]);
        if (rValue === undefined) return false;
        return this.operator === 'gt' ? lsValue > rValue : lsValue < rValue;
      }
      default:
        return false;
    }
  }

  /** Requirement.String: `key=v`, `key in (a,b)`, `!key`, `key>3`… with values sorted. */
  toString(): string {
    let s = this.operator === '!' ? `!${this.key}` : this.key;
    switch (this.operator) {
      case '=':
      case '==':
      case '!=':
        s += this.operator;
        break;
      case 'in':
      case 'notin':
        s += ` ${this.operator} `;
        break;
      case 'gt':
        s += '>';
        break;
      case 'lt':
        s += '<';
        break;
      case 'exists':
      case '!':
        return s;
    }
    const vals = this.values.length === 1 ? this.values[0] : [...this.values].sort(goCompare).join(',');
    return this.operator === 'in' || this.operator === 'notin' ? `${s}(${vals})` : s + vals;
  }

  /** Requirement.Equal. */
  equal(o: Requirement): boolean {
    return this.key === o.key && this.operator === o.operator && this.values.length === o.values.length && this.values.every((v, i) => v === o.values[i]);
  }
}

/**
 * labels.NewRequirement: validates the key, the values and their count for the operator, and
 * throws a SelectorError with upstream's aggregated field errors. `values` undefined is Go's nil
 * slice (it prints as `[]string(nil)`); `path` is the field.Path prefix, if any.
 */
export function newRequirement(key: string, op: string, values: readonly string[] | undefined, path?: string): Requirement {
  const errs: string[] = [];
  const keyErr = validateLabelKey(key, child(path, 'key'));
  if (keyErr) errs.push(keyErr);
  const vals = values ?? [];
  const valuePath = child(path, 'values');
  switch (op) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalid(valuePath, goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalid(valuePath, goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalid(valuePath, goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalid(valuePath, goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(subscript(valuePath, i), goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(
        `${child(path, 'operator')}: Unsupported value: ${goQuote(op)}: supported values: ${validRequirementOperators.map((o) => goQuote(o)).join(', ')}`,
      );
  }
  vals.forEach((v, i) => {
    const e = validateLabelValue(key, v, subscript(valuePath, i));
    if (e) errs.push(e);
  });
  const msg = aggregate(errs);
  if (msg !== undefined) throw new SelectorError(msg);
  return new Requirement(key, op as Operator, [...vals]);
}

// ---------------------------------------------------------------------------------------------
// Selector

/** labels.Selector. */
export interface Selector {
  /** Whether the labels satisfy every requirement. */
  matches(labels: Labels | undefined): boolean;
  /** Whether it restricts nothing (Everything); Nothing is not empty. */
  empty(): boolean;
  /** The canonical text: requirements sorted by key, joined by ','. */
  toString(): string;
  /** A new selector with the requirements added (re-sorted by key). */
  add(...reqs: Requirement[]): Selector;
  /** The requirements, and false for a selector that selects nothing. */
  requirements(): { requirements: readonly Requirement[]; selectable: boolean };
  /** The single value the selector requires of `label` (=, == or a one-value in), if any. */
  requiresExactMatch(label: string): string | undefined;
}

/** sort.Sort(ByKey(...)). Upstream's sort is not stable; for up to 12 requirements it is in practice. */
const byKey = (reqs: Requirement[]) => reqs.sort((a, b) => goCompare(a.key, b.key));

/** labels.internalSelector: an AND of requirements. */
class InternalSelector implements Selector {
  constructor(private readonly reqs: readonly Requirement[]) {}
  matches(labels: Labels | undefined): boolean {
    return this.reqs.every((r) => r.matches(labels));
  }
  empty(): boolean {
    return this.reqs.length === 0;
  }
  toString(): string {
    return this.reqs.map((r) => r.toString()).join(',');
  }
  add(...reqs: Requirement[]): Selector {
    return new InternalSelector(byKey([...this.reqs, ...reqs]));
  }
  requirements() {
    return { requirements: this.reqs, selectable: true };
  }
  requiresExactMatch(label: string): string | undefined {
    const r = this.reqs.find((x) => x.key === label);
    if (!r) return undefined;
    return (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1 ? r.values[0] : undefined;
  }
}

/** labels.nothingSelector. */
class NothingSelector implements Selector {
  matches(): boolean {
    return false;
  }
  empty(): boolean {
    return false;
  }
  toString(): string {
    return '';
  }
  add(): Selector {
    return this;
  }
  requirements() {
    return { requirements: [] as readonly Requirement[], selectable: false };
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
}

const sharedEverything: Selector = new InternalSelector([]);
const sharedNothing: Selector = new NothingSelector();

/** labels.Everything: matches all labels. */
export function everything(): Selector {
  return sharedEverything;
}

/** labels.Nothing: matches no labels. */
export function nothing(): Selector {
  return sharedNothing;
}

// ---------------------------------------------------------------------------------------------
// Lexer and parser (selector.go)

const enum Token {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Record<string, Token> = {
  ')': Token.ClosedPar,
  ',': Token.Comma,
  '!': Token.DoesNotExist,
  '==': Token.DoubleEquals,
  '=': Token.Equals,
  '>': Token.GreaterThan,
  in: Token.In,
  '<': Token.LessThan,
  '!=': Token.NotEquals,
  notin: Token.NotIn,
  '(': Token.OpenPar,
};
const lookupToken = (s: string): Token | undefined => (Object.hasOwn(string2token, s) ? string2token[s] : undefined);

interface ScannedItem {
  tok: Token;
  literal: string;
}

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';

/** labels.Lexer. Like upstream's, a NUL character reads as end of input. */
class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  private read(): string {
    if (this.pos < this.s.length) return this.s[this.pos++];
    return '\0';
  }

  private unread(): void {
    this.pos--;
  }

  private scanIDOrKeyword(): ScannedItem {
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === '\0') break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
    }
    return { tok: lookupToken(buffer) ?? Token.Identifier, literal: buffer };
  }

  private scanSpecialSymbol(): ScannedItem {
    let last: ScannedItem | undefined;
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (ch === '\0') break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
      const token = lookupToken(buffer);
      if (token !== undefined) last = { tok: token, literal: buffer };
      else if (last) {
        this.unread();
        break;
      }
    }
    return last ?? { tok: Token.Error, literal: `error expected: keyword found '${buffer}'` };
  }

  lex(): ScannedItem {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === '\0') return { tok: Token.EndOfString, literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

const enum Context {
  KeyAndOperator,
  Values,
}

/** labels.Parser: recursive descent over the scanned tokens. */
class Parser {
  private readonly items: ScannedItem[] = [];
  private position = 0;

  constructor(
    input: string,
    private readonly path: Path,
  ) {
    const l = new Lexer(input);
    for (;;) {
      const item = l.lex();
      this.items.push(item);
      if (item.tok === Token.EndOfString) break;
    }
  }

  // In a Values context 'in' and 'notin' are plain identifiers: `x in (in)`.
  private lookahead(context: Context): ScannedItem {
    const { tok, literal } = this.items[this.position];
    return { tok: context === Context.Values && (tok === Token.In || tok === Token.NotIn) ? Token.Identifier : tok, literal };
  }

  private consume(context: Context): ScannedItem {
    const item = this.lookahead(context);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(Context.Values);
      switch (tok) {
        case Token.Identifier:
        case Token.DoesNotExist: {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
            throw e;
          }
          requirements.push(r);
          const t = this.consume(Context.Values);
          if (t.tok === Token.EndOfString) return requirements;
          if (t.tok === Token.Comma) {
            const t2 = this.lookahead(Context.Values);
            if (t2.tok !== Token.Identifier && t2.tok !== Token.DoesNotExist) throw new SelectorError(`found '${t2.literal}', expected: identifier after ','`);
          } else throw new SelectorError(`found '${t.literal}', expected: ',' or 'end of string'`);
          break;
        }
        case Token.EndOfString:
          return requirements;
        default:
          throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, [], this.path);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(goCompare), this.path);
  }

  private parseKeyAndInferOperator(): { key: string; operator: Operator | undefined } {
    let operator: Operator | undefined;
    let { tok, literal } = this.consume(Context.Values);
    if (tok === Token.DoesNotExist) {
      operator = '!';
      ({ tok, literal } = this.consume(Context.Values));
    }
    if (tok !== Token.Identifier) throw new SelectorError(`found '${literal}', expected: identifier`);
    const err = validateLabelKey(literal, this.path);
    if (err) throw new SelectorError(err);
    const t = this.lookahead(Context.Values).tok;
    if ((t === Token.EndOfString || t === Token.Comma) && operator !== '!') operator = 'exists';
    return { key: literal, operator };
  }

  private parseOperator(): Operator {
    const { tok, literal } = this.consume(Context.KeyAndOperator);
    switch (tok) {
      case Token.In:
        return 'in';
      case Token.Equals:
        return '=';
      case Token.DoubleEquals:
        return '==';
      case Token.GreaterThan:
        return 'gt';
      case Token.LessThan:
        return 'lt';
      case Token.NotIn:
        return 'notin';
      case Token.NotEquals:
        return '!=';
      default:
        throw new SelectorError(`found '${literal}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  /** `(a,b,c)`: a set, so duplicates collapse; `()` is the set {""}. */
  private parseValues(): Set<string> {
    const open = this.consume(Context.Values);
    if (open.tok !== Token.OpenPar) throw new SelectorError(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead(Context.Values);
    switch (tok) {
      case Token.Identifier:
      case Token.Comma: {
        const s = this.parseIdentifiersList();
        // Upstream reports the literal looked ahead before the list, not the offending token.
        if (this.consume(Context.Values).tok !== Token.ClosedPar) throw new SelectorError(`found '${literal}', expected: ')'`);
        return s;
      }
      case Token.ClosedPar:
        this.consume(Context.Values);
        return new Set(['']);
      default:
        throw new SelectorError(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, literal } = this.consume(Context.Values);
      switch (tok) {
        case Token.Identifier: {
          s.add(literal);
          const t2 = this.lookahead(Context.Values);
          if (t2.tok === Token.Comma) continue;
          if (t2.tok === Token.ClosedPar) return s;
          throw new SelectorError(`found '${t2.literal}', expected: ',' or ')'`);
        }
        case Token.Comma: {
          if (s.size === 0) s.add(''); // "(,"
          const t2 = this.lookahead(Context.Values).tok;
          if (t2 === Token.ClosedPar) {
            s.add(''); // ",)"
            return s;
          }
          if (t2 === Token.Comma) {
            this.consume(Context.Values);
            s.add(''); // ",,"
          }
          break;
        }
        default:
          throw new SelectorError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  /** The one value of `=`, `==`, `!=`, `>` or `<`; nothing before ',' or the end is "". */
  private parseExactValue(): Set<string> {
    const t = this.lookahead(Context.Values).tok;
    if (t === Token.EndOfString || t === Token.Comma) return new Set(['']);
    const { tok, literal } = this.consume(Context.Values);
    if (tok === Token.Identifier) return new Set([literal]);
    throw new SelectorError(`found '${literal}', expected: identifier`);
  }
}

/**
 * labels.ParseToRequirements: the requirements of a selector string, sorted by key. Throws
 * SelectorError.
 */
export function parseToRequirements(selector: string, path?: string): Requirement[] {
  return byKey(new Parser(selector, path).parse());
}

/**
 * labels.Parse: the `-l` grammar —
 * `<requirement>[,<requirement>...]` where a requirement is `[!]key`, `key=v`, `key==v`,
 * `key!=v`, `key in (a,b)`, `key notin (a,b)`, `key>n` or `key<n`. Throws SelectorError with
 * upstream's message (e.g. `unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt`).
 */
export function parseSelector(selector: string, path?: string): Selector {
  return new InternalSelector(parseToRequirements(selector, path));
}

/** labels.SelectorFromSet (= SelectorFromValidatedSet): key=value for each entry, unvalidated. */
export function selectorFromSet(set: Labels | null | undefined): Selector {
  if (!set) return new InternalSelector([]);
  return new InternalSelector(byKey(Object.keys(set).map((k) => new Requirement(k, '=', [set[k]]))));
}

/** labels.ValidatedSelectorFromSet: as selectorFromSet, validating keys and values (throws). */
export function validatedSelectorFromSet(set: Labels | null | undefined): Selector {
  if (!set) return new InternalSelector([]);
  return new InternalSelector(byKey(Object.keys(set).map((k) => newRequirement(k, '=', [set[k]]))));
}

// ---------------------------------------------------------------------------------------------
// metav1.LabelSelector helpers (apis/meta/v1/helpers.go)

/** metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | (string & {});
  values?: string[];
}

/** metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const labelSelectorOps: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: a nil selector selects nothing, an empty one everything.
 * Throws SelectorError for an invalid key, value or operator. (Upstream walks matchLabels in Go's
 * random map order, so of several bad labels it may name any; this names the first by key.)
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return nothing();
  const matchLabels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  const keys = Object.keys(matchLabels).sort(goCompare);
  if (keys.length + exprs.length === 0) return everything();
  const reqs: Requirement[] = keys.map((k) => newRequirement(k, '=', [matchLabels[k]]));
  for (const expr of exprs) {
    const op = Object.hasOwn(labelSelectorOps, expr.operator) ? labelSelectorOps[expr.operator] : undefined;
    if (op === undefined) throw new SelectorError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    // append([]string(nil), expr.Values...) is nil when there are no values.
    reqs.push(newRequirement(expr.key, op, expr.values && expr.values.length > 0 ? [...expr.values] : undefined));
  }
  return new InternalSelector(byKey(reqs));
}

/**
 * metav1.LabelSelectorAsMap: the selector as plain key=value pairs; only matchLabels and
 * single-value In expressions convert. Throws otherwise; undefined for a nil selector.
 */
export function labelSelectorAsMap(ls: LabelSelector | null | undefined): Record<string, string> | undefined {
  if (ls === null || ls === undefined) return undefined;
  const out: Record<string, string> = { ...ls.matchLabels };
  for (const expr of ls.matchExpressions ?? []) {
    switch (expr.operator) {
      case 'In':
        if (expr.values?.length !== 1)
          throw new SelectorError(`operator ${goQuote(expr.operator)} without a single value cannot be converted into the old label selector format`);
        out[expr.key] = expr.values[0];
        break;
      case 'NotIn':
      case 'Exists':
      case 'DoesNotExist':
        throw new SelectorError(`operator ${goQuote(expr.operator)} cannot be converted into the old label selector format`);
      default:
        throw new SelectorError(`${goQuote(expr.operator)} is not a valid selector operator`);
    }
  }
  return out;
}

/** metav1.FormatLabelSelector, as kubectl describe prints selectors: `<none>` or `<error>` when apt. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorAsSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s.length === 0 ? '<none>' : s;
}

/**
 * metav1.ParseToLabelSelector: a selector string as a LabelSelector (= and == become matchLabels;
 * > and < are refused). Throws SelectorError with upstream's messages.
 */
export function parseToLabelSelector(selector: string): { matchLabels: Record<string, string>; matchExpressions: LabelSelectorRequirement[] } {
  let reqs: Requirement[];
  try {
    reqs = parseToRequirements(selector);
  } catch (e) {
    if (e instanceof SelectorError) throw new SelectorError(`couldn't parse the selector string "${selector}": ${e.message}`);
    throw e;
  }
  const out = { matchLabels: {} as Record<string, string>, matchExpressions: [] as LabelSelectorRequirement[] };
  const names: Partial<Record<Operator, LabelSelectorRequirement['operator']>> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  for (const r of reqs) {
    if (r.operator === '=' || r.operator === '==') {
      out.matchLabels[r.key] = r.values[0];
      continue;
    }
    if (r.operator === 'gt' || r.operator === 'lt') throw new SelectorError(`${goQuote(r.operator)} isn't supported in label selectors`);
    const op = names[r.operator];
    if (op === undefined) throw new SelectorError(`${goQuote(r.operator)} is not a valid label selector operator`);
    out.matchExpressions.push({ key: r.key, operator: op, values: [...new Set(r.values)].sort(goCompare) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// labels.Set helpers (labels.go)

/** labels.Set.String: `k=v` pairs sorted as strings (not by key) and joined by ','. */
export function labelsToString(m: Labels | null | undefined): string {
  return Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort(goCompare)
    .join(',');
}

/** labels.FormatLabels: as labelsToString, `<none>` when empty (kubectl's LABELS column). */
export function formatLabels(m: Labels | null | undefined): string {
  return labelsToString(m) || '<none>';
}

/** labels.Conflicts: whether a key is in both maps with different values. */
export function labelsConflict(a: Labels | undefined, b: Labels | undefined): boolean {
  for (const [k, v] of Object.entries(a ?? {})) if (has(b, k) && b![k] !== v) return true;
  return false;
}

/** labels.Merge: b's entries win. */
export function mergeLabels(a: Labels | undefined, b: Labels | undefined): Record<string, string> {
  return { ...a, ...b };
}

/** labels.Equals. */
export function labelsEqual(a: Labels | undefined, b: Labels | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => has(b, k) && b![k] === a![k]);
}
