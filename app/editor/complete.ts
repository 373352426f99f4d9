// Completion and hover over manifests, from the shipped schemas: the fields of the object at the
// cursor (required ones first), enum values, booleans, and apiVersion/kind pairs; hovers read as
// `kubectl explain` prints a field (`FIELD: replicas <integer>`, its description, ENUM values).

import type { PathSegment } from './field-path';
import { cursorContext, type CursorContext } from './cursor-context';
import { allKinds, findKind, isStruct, kindRoot, resolve, schemaAt, schemas, shortModel, typeName, typesOf, type Resolved } from './schema';
import type { KindSchema, SchemaBundle, SchemaNode } from './schemas/types';
import { documentAt, nodeAt, parseManifests, topLevelString } from './yaml-doc';

/** One completion, editor-neutral. */
export interface CompletionEntry {
  label: string;
  kind: 'field' | 'value' | 'kind';
  /** What is inserted; with `snippet`, in the snippet syntax (`$0` is where the cursor ends). */
  insertText: string;
  snippet: boolean;
  /** The type, as `kubectl explain` writes it. */
  detail?: string;
  documentation?: string;
  /** Orders the list (required fields first). */
  sortText: string;
  filterText?: string;
}

/** What to offer at a place of the text. */
export interface Completions {
  entries: CompletionEntry[];
  /** [start, end) of the text the chosen entry replaces. */
  replaceStart: number;
  replaceEnd: number;
}

const topOrder = ['apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData', 'type'];

/** The schema of the map or field the cursor context is in, if its kind is known. */
function contextSchema(ctx: CursorContext, path: readonly PathSegment[], bundle: SchemaBundle): Resolved | undefined {
  const k = findKind(ctx.apiVersion, ctx.kind, bundle);
  return k ? schemaAt({ $ref: k.$ref }, path, bundle) : undefined;
}

/** What a chosen field inserts: the key, and the start of its value on the right line. */
function fieldInsert(name: string, node: SchemaNode, ctx: CursorContext, bundle: SchemaBundle): { text: string; snippet: boolean } {
  if (ctx.hasValue) return { text: name, snippet: false };
  const r = resolve(node, bundle).node;
  const types = typesOf(r);
  const pad = ' '.repeat(ctx.keyColumn);
  // A list starts its first item; kubectl's YAML does not indent list items under their key.
  if (types.includes('array')) return { text: `${name}:\n${pad}- $0`, snippet: true };
  if (types.includes('object')) return { text: `${name}:\n${pad}  $0`, snippet: true };
  return { text: `${name}: $0`, snippet: true };
}

function fieldEntries(s: Resolved, ctx: CursorContext, bundle: SchemaBundle, top: boolean): CompletionEntry[] {
  const props = s.node.properties ?? {};
  const required = new Set(s.node.required ?? []);
  const names = Object.keys(props).filter((n) => !ctx.siblings.includes(n));
  return names.map((name, i) => {
    const prop = props[name];
    const ins = fieldInsert(name, prop, ctx, bundle);
    const rank = top ? (topOrder.indexOf(name) >= 0 ? topOrder.indexOf(name) : 50 + i) : (required.has(name) ? 0 : 100) + i;
    return {
      label: name,
      kind: 'field',
      insertText: ins.text,
      snippet: ins.snippet,
      detail: `<${typeName(prop, bundle)}>${required.has(name) ? ' -required-' : ''}`,
      documentation: resolve(prop, bundle).node.description,
      sortText: String(rank).padStart(4, '0'),
    };
  });
}

function valueEntries(node: SchemaNode, bundle: SchemaBundle): CompletionEntry[] {
  const r = resolve(node, bundle).node;
  if (r.enum) return r.enum.map((v, i) => ({ label: v, kind: 'value', insertText: v, snippet: false, detail: `<${typeName(node, bundle)}>`, sortText: String(i).padStart(4, '0') }));
  if (typesOf(r).includes('boolean')) return ['true', 'false'].map((v, i) => ({ label: v, kind: 'value', insertText: v, snippet: false, detail: '<boolean>', sortText: String(i) }));
  return [];
}

/** A new document's start: apiVersion and kind of a served kind, and its metadata. */
function kindSnippet(k: KindSchema, i: number): CompletionEntry {
  return {
    label: `${k.kind} (${k.apiVersion})`,
    kind: 'kind',
    insertText: `apiVersion: ${k.apiVersion}\nkind: ${k.kind}\nmetadata:\n  name: \${1:name}\n$0`,
    snippet: true,
    detail: k.namespaced ? `namespaced · ${k.resource}` : `cluster-scoped · ${k.resource}`,
    sortText: `9${String(i).padStart(4, '0')}`,
    filterText: k.kind,
  };
}

/** What to complete at `offset` of `text`, or null where nothing is offered. */
export function completeAt(text: string, offset: number, bundle: SchemaBundle = schemas): Completions | null {
  const ctx = cursorContext(text, offset);
  if (!ctx) return null;
  const entries = (ctx.mode === 'key' ? keyEntries(ctx, bundle) : valueModeEntries(ctx, bundle)).sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { entries, replaceStart: ctx.replaceStart, replaceEnd: ctx.replaceEnd };
}

function keyEntries(ctx: CursorContext, bundle: SchemaBundle): CompletionEntry[] {
  const kinds = allKinds(bundle);
  if (ctx.path.length === 0) {
    const k = findKind(ctx.apiVersion, ctx.kind, bundle);
    if (k) return fieldEntries(kindRoot(k, bundle), ctx, bundle, true);
    // No kind yet: the kinds themselves, and the fields every object has.
    const out: CompletionEntry[] = [];
    if (!ctx.siblings.includes('apiVersion') && !ctx.siblings.includes('kind') && ctx.keyColumn === 0) out.push(...kinds.map(kindSnippet));
    for (const [i, name] of ['apiVersion', 'kind', 'metadata'].entries()) {
      if (ctx.siblings.includes(name)) continue;
      out.push({ label: name, kind: 'field', insertText: name === 'metadata' ? `${name}:\n  $0` : `${name}: $0`, snippet: true, detail: name === 'metadata' ? '<ObjectMeta>' : '<string>', sortText: String(i).padStart(4, '0') });
    }
    return out;
  }
  const s = contextSchema(ctx, ctx.path, bundle);
  if (!s) return [];
  // `- ` in a list of scalars: the item's values.
  const last = ctx.path[ctx.path.length - 1];
  if (ctx.listItem && typeof last === 'number' && !typesOf(s.node).includes('object')) return valueEntries(s.node, bundle);
  return isStruct(s.node) ? fieldEntries(s, ctx, bundle, false) : [];
}

function valueModeEntries(ctx: CursorContext, bundle: SchemaBundle): CompletionEntry[] {
  const kinds = allKinds(bundle);
  if (ctx.path.length === 1 && ctx.path[0] === 'kind') {
    const list = ctx.apiVersion && kinds.some((k) => k.apiVersion === ctx.apiVersion) ? kinds.filter((k) => k.apiVersion === ctx.apiVersion) : kinds;
    return uniq(list.map((k) => k.kind)).map((kind, i) => ({ label: kind, kind: 'value', insertText: kind, snippet: false, detail: list.find((k) => k.kind === kind)!.apiVersion, sortText: String(i).padStart(4, '0') }));
  }
  if (ctx.path.length === 1 && ctx.path[0] === 'apiVersion') {
    const list = ctx.kind && kinds.some((k) => k.kind === ctx.kind) ? kinds.filter((k) => k.kind === ctx.kind) : kinds;
    return uniq(list.map((k) => k.apiVersion)).map((v, i) => ({ label: v, kind: 'value', insertText: v, snippet: false, sortText: String(i).padStart(4, '0') }));
  }
  const s = contextSchema(ctx, ctx.path, bundle);
  return s ? valueEntries(s.node, bundle) : [];
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** A hover: the text range it is about and its Markdown. */
export interface HoverInfo {
  start: number;
  end: number;
  markdown: string;
}

/** `kubectl explain` for the field (or value) under the cursor. */
export function hoverAt(text: string, offset: number, bundle: SchemaBundle = schemas): HoverInfo | null {
  const parsed = parseManifests(text);
  const md = documentAt(parsed, offset);
  if (!md) return null;
  const hit = nodeAt(md.doc, offset);
  if (!hit || hit.path.length === 0) return null;
  const apiVersion = topLevelString(md.doc, 'apiVersion');
  const kind = topLevelString(md.doc, 'kind');
  const k = findKind(apiVersion, kind, bundle);
  if (hit.path.length === 1 && (hit.path[0] === 'kind' || hit.path[0] === 'apiVersion') && !hit.onKey) {
    if (!k) return null;
    const lines = [`**${k.kind}** \`${k.apiVersion}\``, '', `${k.namespaced ? 'Namespaced' : 'Cluster-scoped'}; served as \`${k.resource}\`${k.group ? ` in the \`${k.group}\` group` : ''}.`];
    const doc = kindRoot(k, bundle).node.description;
    if (doc) lines.push('', doc);
    return { start: hit.start, end: hit.end, markdown: lines.join('\n') };
  }
  if (!k) return null;
  const s = schemaAt({ $ref: k.$ref }, hit.path, bundle);
  if (!s) return null;
  const parent = schemaAt({ $ref: k.$ref }, hit.path.slice(0, -1), bundle);
  const name = hit.path[hit.path.length - 1];
  const required = typeof name === 'string' && !!parent?.node.required?.includes(name);
  const field = hit.path.filter((p): p is string => typeof p === 'string').join('.');
  const rawNode = typeof name === 'string' ? (parent?.node.properties?.[name] ?? parent?.node.additionalProperties) : parent?.node.items;
  const type = rawNode ? typeName(rawNode, bundle) : s.model ? shortModel(s.model) : typeName(s.node, bundle);
  const lines = [`**FIELD:** \`${field}\` \`<${type}>\`${required ? ' *-required-*' : ''}`];
  lines.push('', `**KIND:** ${k.kind} · **VERSION:** ${k.apiVersion}`);
  if (s.node.description) lines.push('', s.node.description);
  if (s.node.enum) lines.push('', `**ENUM:** ${s.node.enum.map((v) => `\`${v}\``).join(', ')}`);
  return { start: hit.start, end: hit.end, markdown: lines.join('\n') };
}
