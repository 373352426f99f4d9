// Field selectors, as k8s.io/apimachinery/pkg/fields (selector.go, fields.go, requirements.go):
// `--field-selector` terms `field=value`, `field==value` and `field!=value`, comma-joined, with
// `\` escaping `\`, `,` and `=` in values. Which fields a resource offers (metadata.name,
// status.phase, spec.nodeName…) is the resource's business; this module is generic.

/** fields.Fields / fields.Set: field values by field name. A missing field reads as "". */
export type Fields = Readonly<Record<string, string>>;

/** The operators a field requirement reports (selection.Equals / NotEquals; `==` reads as `=`). */
export type FieldSelectionOperator = '=' | '==' | '!=';

/** fields.Requirement. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldSelectionOperator;
  readonly value: string;
}

/** fields.TransformFunc: rewrites a term; returning ("", "") drops it. May throw. */
export type FieldTransformFunc = (field: string, value: string) => [field: string, value: string];

/** fields.Selector. */
export interface FieldSelector {
  /** Whether the fields satisfy every term. */
  matches(fields: Fields | undefined): boolean;
  /** Whether it restricts nothing. */
  empty(): boolean;
  /** The value an `=` term requires of `field`, if there is one. */
  requiresExactMatch(field: string): string | undefined;
  /** A copy with fn applied to each term. */
  transform(fn: FieldTransformFunc): FieldSelector;
  /** The terms, in order. */
  requirements(): FieldRequirement[];
  /** The canonical text: terms joined by ',', values escaped. */
  toString(): string;
}

/** A field-selector parse error; the message is upstream's. */
export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

const get = (fs: Fields | undefined, k: string): string => (fs !== undefined && Object.hasOwn(fs, k) ? fs[k] : '');

/** Go string order (by code point), for sort.Strings. */
function goCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** fields.hasTerm: field == value. */
class HasTerm implements FieldSelector {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {}
  matches(fs: Fields | undefined): boolean {
    return get(fs, this.field) === this.value;
  }
  empty(): boolean {
    return false;
  }
  requiresExactMatch(field: string): string | undefined {
    return this.field === field ? this.value : undefined;
  }
  transform(fn: FieldTransformFunc): FieldSelector {
    const [field, value] = fn(this.field, this.value);
    return field === '' && value === '' ? everythingFields() : new HasTerm(field, value);
  }
  requirements(): FieldRequirement[] {
    return [{ field: this.field, operator: '=', value: this.value }];
  }
  toString(): string {
    return `${this.field}=${escapeFieldValue(this.value)}`;
  }
}

/** fields.notHasTerm: field != value. */
class NotHasTerm implements FieldSelector {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {}
  matches(fs: Fields | undefined): boolean {
    return get(fs, this.field) !== this.value;
  }
  empty(): boolean {
    return false;
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
  transform(fn: FieldTransformFunc): FieldSelector {
    const [field, value] = fn(this.field, this.value);
    return field === '' && value === '' ? everythingFields() : new NotHasTerm(field, value);
  }
  requirements(): FieldRequirement[] {
    return [{ field: this.field, operator: '!=', value: this.value }];
  }
  toString(): string {
    return `${this.field}!=${escapeFieldValue(this.value)}`;
  }
}

/** fields.andTerm: every selector must match. */
class AndTerm implements FieldSelector {
  constructor(private readonly terms: readonly FieldSelector[]) {}
  matches(fs: Fields | undefined): boolean {
    return this.terms.every((t) => t.matches(fs));
  }
  empty(): boolean {
    return this.terms.every((t) => t.empty());
  }
  requiresExactMatch(field: string): string | undefined {
    for (const t of this.terms) {
      const v = t.requiresExactMatch(field);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  transform(fn: FieldTransformFunc): FieldSelector {
    return new AndTerm(this.terms.map((t) => t.transform(fn)).filter((t) => !t.empty()));
  }
  requirements(): FieldRequirement[] {
    return this.terms.flatMap((t) => t.requirements());
  }
  toString(): string {
    return this.terms.map((t) => t.toString()).join(',');
  }
}

/** fields.nothingSelector. */
class NothingTerm implements FieldSelector {
  matches(): boolean {
    return false;
  }
  empty(): boolean {
    return false;
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
  transform(): FieldSelector {
    return this;
  }
  requirements(): FieldRequirement[] {
    return [];
  }
  toString(): string {
    return '';
  }
}

const sharedEverything: FieldSelector = new AndTerm([]);
const sharedNothing: FieldSelector = new NothingTerm();

/** fields.Everything: matches all fields. */
export function everythingFields(): FieldSelector {
  return sharedEverything;
}

/** fields.Nothing: matches nothing. */
export function nothingFields(): FieldSelector {
  return sharedNothing;
}

/** fields.OneTermEqualSelector. */
export function oneTermEqualSelector(field: string, value: string): FieldSelector {
  return new HasTerm(field, value);
}

/** fields.OneTermNotEqualSelector. */
export function oneTermNotEqualSelector(field: string, value: string): FieldSelector {
  return new NotHasTerm(field, value);
}

/** fields.AndSelectors. */
export function andFieldSelectors(...selectors: FieldSelector[]): FieldSelector {
  return new AndTerm(selectors);
}

/**
 * fields.SelectorFromSet: field=value for each entry; nil is Everything. (Upstream walks the map
 * in Go's random order, so its String() order varies; this one sorts by field.)
 */
export function fieldSelectorFromSet(set: Fields | null | undefined): FieldSelector {
  if (!set) return everythingFields();
  const items = Object.keys(set)
    .sort(goCompare)
    .map((k) => new HasTerm(k, set[k]));
  return items.length === 1 ? items[0] : new AndTerm(items);
}

/** fields.Set.String: `k=v` pairs sorted as strings, joined by ','. Values are not escaped. */
export function fieldsToString(set: Fields | null | undefined): string {
  return Object.entries(set ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort(goCompare)
    .join(',');
}

/** fields.EscapeValue: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * fields.UnescapeValue: the literal value of an escaped one. Throws FieldSelectorError for an
 * unknown escape (`invalid field selector: invalid escape sequence: \a`) or a bare `,`/`=`
 * (`invalid field selector: unescaped character in value: 61` — Go prints the rune as a number).
 */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** selector.go splitTerms: split on unescaped commas, escapes kept. */
export function splitTerms(fieldSelector: string): string[] {
  if (fieldSelector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < fieldSelector.length; i++) {
    const c = fieldSelector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(fieldSelector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(fieldSelector.slice(start));
  return terms;
}

// `==` before `=` so that `a==b` does not leave a leading '=' in the value.
const termOperators = ['!=', '==', '='] as const;

/** selector.go splitTerm: the first operator splits the term; the field cannot be escaped. */
export function splitTerm(term: string): { lhs: string; op: (typeof termOperators)[number]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
  }
  return undefined;
}

/**
 * fields.ParseAndTransformSelector: parse, then apply fn to each term. Terms are sorted as
 * strings first, as upstream does, so the canonical form is deterministic.
 */
export function parseAndTransformFieldSelector(selector: string, fn: FieldTransformFunc): FieldSelector {
  const parts = splitTerms(selector).sort(goCompare);
  const items: FieldSelector[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const value = unescapeFieldValue(t.rhs);
    items.push(t.op === '!=' ? new NotHasTerm(t.lhs, value) : new HasTerm(t.lhs, value));
  }
  return items.length === 1 ? items[0].transform(fn) : new AndTerm(items).transform(fn);
}

/**
 * fields.ParseSelector: `a=b,c!=d`. Throws FieldSelectorError with upstream's message, e.g.
 * `invalid selector: 'x'; can't understand 'x'`.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  return parseAndTransformFieldSelector(selector, (f, v) => [f, v]);
}
