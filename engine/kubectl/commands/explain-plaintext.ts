// `kubectl explain`'s plaintext output: the templates of k8s.io/kubectl/pkg/explain/v2/templates/
// plaintext.tmpl (v0.32.4) run over the server's OpenAPI v3 document for the resource's group
// version, with the template functions of funcs.go (wrap is go-wordwrap's WrapString). Go template
// truthiness decides every branch, as it does upstream: an empty object or list counts as absent.

type J = Record<string, unknown>;

/** What rendering wrote before it stopped, and the error that stopped it (kubectl prints it after). */
export interface ExplainRender {
  out: string;
  error?: string;
}

/** The resource being explained, as kubectl's RESTMapper resolved it. */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/** A `throw` of the template: the message kubectl prints, as its explainError. */
class ExplainError extends Error {}

/** The template's `fail`: an error of the template itself, which kubectl prints wrapped in its location. */
class TemplateFail extends Error {}

/** Go template truth: false, 0, "", nil and empty maps and lists are false. */
function truth(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function obj(v: unknown): J | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as J) : undefined;
}

/** `index $map key`: the value, or undefined (a missing key, or not a map). */
function at(v: unknown, key: string): unknown {
  return obj(v)?.[key];
}

/** funcs.go indent: the pad before the text and after each of its newlines. */
function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

// Go's unicode.IsSpace (ASCII space, U+0085 and the Unicode separators), less the no-break space go-wordwrap keeps.
const space = /^[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

// Models github.com/mitchellh/go-wordwrap v1.0.1 WrapString (kubectl's term.NewWordWrapWriter)
/** Wraps at whitespace to `lim` columns, never breaking a word, as the template's `wrap` does. */
export function wrapString(s: string, lim: number): string {
  if (lim === 0) return s;
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let spaces = '';
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen <= lim) out += spaces;
      } else out += spaces + word;
      spaces = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      out += ch;
      current = 0;
    } else if (space.test(ch)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += spaces + word;
        spaces = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      spaces += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + wordLen + spaceLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        spaces = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) out += spaces;
  } else out += spaces + word;
  return out;
}

/** Renders the plaintext template for one resource and field path. */
export class PlaintextTemplate {
  constructor(
    private readonly doc: J,
    private readonly recursive: boolean,
  ) {}

  /** funcs.go resolveRef: a `#/…` reference followed through the document, or undefined. */
  private resolveRef(ref: unknown): J | undefined {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
    let cur: J | undefined = this.doc;
    for (const k of ref.slice(1).split('/')) {
      if (!k) continue;
      cur = obj(cur?.[k]);
      if (!cur) return undefined;
    }
    return cur;
  }

  private resolved(schema: unknown): J | undefined {
    const r = this.resolveRef(at(schema, '$ref'));
    return truth(r) ? r : obj(schema);
  }

  // Models plaintext.tmpl (the top level: find the GVK among the paths, print its header and schema)
  render(gvr: GroupVersionResource, fieldPath: string[]): ExplainRender {
    const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
    const base = `${prefix}/${gvr.version}`;
    const searchPaths = [`${base}/${gvr.resource}`, `${base}/${gvr.resource}/{name}`, `${base}/namespaces/{namespace}/${gvr.resource}`, `${base}/namespaces/{namespace}/${gvr.resource}/{name}`];
    let gvk: unknown = '';
    for (const p of searchPaths) {
      const item = at(this.doc.paths, p);
      if (!truth(item)) continue;
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = at(item, method);
        if (!truth(op)) continue;
        // `with $gvk = …` assigns before it tests, so a later path overrides an earlier one.
        gvk = at(op, 'x-kubernetes-group-version-kind');
        if (truth(gvk)) break;
      }
    }
    const g = obj(gvk);
    if (!g || !truth(g)) return { out: '', error: `error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema` };
    let out = `${truth(g.group) ? `GROUP:      ${g.group}\n` : ''}KIND:       ${g.kind}\nVERSION:    ${g.version}\n\n`;
    try {
      const body = this.schema(g, fieldPath);
      if (!body) throw new ExplainError(`error: GVK ${goMap(g)} not found in OpenAPI schema`);
      out += `${body}\n`;
      return { out };
    } catch (e) {
      if (e instanceof ExplainError) return { out, error: e.message };
      if (e instanceof TemplateFail) return { out, error: `error: template: plaintext: error calling fail: ${e.message}` };
      throw e;
    }
  }

  // Models plaintext.tmpl define "schema"
  private schema(gvk: J, fieldPath: string[]): string {
    const schemas = obj(at(this.doc.components, 'schemas')) ?? {};
    for (const name of Object.keys(schemas).sort()) {
      const s = schemas[name];
      const gvks = at(s, 'x-kubernetes-group-version-kind');
      if (!Array.isArray(gvks) || !gvks.some((x) => sameGvk(x, gvk))) continue;
      const text = this.output(s, {}, fieldPath);
      if (!text) throw new ExplainError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`);
      return text;
    }
    return '';
  }

  // Models plaintext.tmpl define "output" (follow the field path, then print the description and fields)
  private output(schema: unknown, history: Record<string, true>, fieldPath: string[]): string {
    const ref = typeof at(schema, '$ref') === 'string' ? (at(schema, '$ref') as string) : '';
    const next = { ...history, [ref]: true as const };
    const resolved = this.resolved(schema) ?? {};
    if (fieldPath.length === 0) {
      const description = this.description(resolved) || '<empty>';
      let out = `DESCRIPTION:\n${indent(4, wrapString(description, 76))}\n`;
      const fields = this.fieldList(resolved, 1, {});
      if (fields) out += `FIELDS:\n${fields}`;
      return out;
    }
    if (ref && history[ref]) return ''; // a cycle
    const first = fieldPath[0];
    const sub = at(resolved.properties, first);
    if (truth(resolved.properties) && truth(sub)) {
      let out = '';
      if (fieldPath.length === 1) out += `FIELD: ${first} <${this.typeGuess(sub)}>\n${this.extractEnum(sub, true, -1, 0)}\n\n`;
      return out + this.output(sub, {}, fieldPath.slice(1));
    }
    if (truth(resolved.items)) return this.output(resolved.items, next, fieldPath);
    if (isSchema(resolved.additionalProperties)) return this.output(resolved.additionalProperties, next, fieldPath);
    for (const alt of Array.isArray(resolved.allOf) ? resolved.allOf : []) {
      const text = this.output(alt, next, fieldPath);
      if (text) return text;
    }
    return '';
  }

  // Models plaintext.tmpl define "fieldList"
  private fieldList(schema: unknown, level: number, history: Record<string, true>): string {
    const ref = typeof at(schema, '$ref') === 'string' ? (at(schema, '$ref') as string) : '';
    if (ref && history[ref]) return ''; // a cycle
    const next = { ...history, [ref]: true as const };
    const resolved = this.resolved(schema) ?? {};
    let out = '';
    const props = obj(resolved.properties) ?? {};
    for (const name of Object.keys(props).sort()) {
      out += this.fieldDetail(name, resolved, level);
      if (this.recursive) out += this.fieldList(props[name], level + 1, next);
    }
    for (const alt of Array.isArray(resolved.allOf) ? resolved.allOf : []) out += this.fieldList(alt, level, next);
    if (truth(resolved.items)) out += this.fieldList(resolved.items, level, next);
    if (isSchema(resolved.additionalProperties)) out += this.fieldList(resolved.additionalProperties, level, next);
    return out;
  }

  // Models plaintext.tmpl define "fieldDetail" (public, as upstream's tests execute it alone)
  fieldDetail(name: string, parent: J, level: number, short = this.recursive): string {
    const pad = level * 2;
    const field = at(parent.properties, name);
    const required = Array.isArray(parent.required) && parent.required.includes(name);
    let out = `${indent(pad, name)}\t<${this.typeGuess(field)}>${required ? ' -required-' : ''}${this.extractEnum(field, false, 4, pad)}\n`;
    if (!short) {
      const description = at(field, 'description');
      out += `${indent(pad + 2, wrapString(truth(description) ? String(description) : '<no description>', 78 - pad))}\n\n`;
    }
    return out;
  }

  // Models plaintext.tmpl define "description" (the schema's, then its allOf's, items' and values')
  private description(schema: unknown): string {
    const s = this.resolved(schema);
    if (!s || !truth(s)) return '';
    let out = truth(s.description) ? `${s.description}\n` : '';
    for (const alt of Array.isArray(s.allOf) ? s.allOf : []) out += this.description(alt);
    if (truth(s.items)) out += this.description(s.items);
    if (isSchema(s.additionalProperties)) out += this.description(s.additionalProperties);
    return out;
  }

  // Models plaintext.tmpl define "typeGuess" (public, as upstream's tests execute it alone)
  typeGuess(schema: unknown): string {
    const s = obj(schema);
    if (!s || !truth(s)) throw new TemplateFail("expected schema argument to subtemplate 'typeguess'");
    if (truth(s.items)) return `[]${this.typeGuess(s.items)}`;
    if (isSchema(s.additionalProperties)) return `map[string]${this.typeGuess(s.additionalProperties)}`;
    if (truth(s.allOf) && !truth(s.properties) && Array.isArray(s.allOf) && s.allOf.length === 1) return this.typeGuess(s.allOf[0]);
    if (truth(s.$ref)) {
      const ref = String(s.$ref);
      const target = this.resolveRef(ref);
      if (!truth(target) || !truth(target!.type) || target!.type === 'object') {
        const name = ref.split('/').pop()!;
        return name.split('.').pop() || 'Object';
      }
      return String(target!.type);
    }
    if (s.type === 'object') return 'Object';
    return truth(s.type) ? String(s.type) : 'Object';
  }

  // Models plaintext.tmpl define "extractEnum" (long: one value a line; short: the first `limit`, then ", ....")
  extractEnum(schema: unknown, long: boolean, limit: number, pad: number): string {
    const values = at(schema, 'enum');
    if (!Array.isArray(values) || values.length === 0) return '';
    // `or $.limit -1`: an unset (zero) limit is none.
    if (limit === 0) limit = -1;
    let out = long ? 'ENUM:' : `\n${' '.repeat(pad)}enum: `;
    for (let i = 0; i < values.length; i++) {
      if (limit > -1 && i >= limit) {
        out += ', ....';
        break;
      }
      if (i > 0 && !long) out += ', ';
      else if (long) out += '\n    ';
      const v = values[i];
      out += v === '' ? '""' : goValue(v);
    }
    return out;
  }
}

/** additionalProperties that is a schema (not `true`/`false`), and non-empty. */
function isSchema(v: unknown): boolean {
  return typeof v !== 'boolean' && truth(v);
}

/** contains's reflect.DeepEqual of two decoded group-version-kinds. */
function sameGvk(a: unknown, b: J): boolean {
  const x = obj(a);
  if (!x) return false;
  const ka = Object.keys(x).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && x[k] === b[k]);
}

/** A decoded JSON map as Go's %v prints it: `map[group:apps kind:Deployment version:v1]`. */
function goMap(m: J): string {
  return `map[${Object.keys(m)
    .sort()
    .map((k) => `${k}:${goValue(m[k])}`)
    .join(' ')}]`;
}

/** A decoded JSON scalar as text/template prints it. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}
