// Manifests as YAML documents with their places in the text: the parse kubectl's `-f -` does (one
// object per non-empty document, YAML 1.1 scalars as sigs.k8s.io/yaml reads them), where a field
// path such as `spec.template.spec.containers[0].image` sits, and which field the cursor is on.

import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type ScalarTag, type Tags } from 'yaml';
import type { PathSegment } from './field-path';

/** One YAML document of the editor's text. */
export interface ManifestDocument {
  /** 0-based among all the text's documents: how the engine's kubectl numbers them in `apiErrors`. */
  index: number;
  /**
   * 0-based among the objects kubectl sends (it skips documents that are empty or `null`, as
   * cli-runtime's StreamVisitor does); null for such a document.
   */
  object: number | null;
  doc: Document.Parsed;
  /** [start, end) of the document's share of the text (its `---`, comments before it included). */
  start: number;
  end: number;
}

/** A problem at a place in the text (offsets, [start, end)). */
export interface TextProblem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

/** The text parsed into documents, with a line index for offsets. */
export interface ParsedManifests {
  text: string;
  docs: ManifestDocument[];
  lines: LineCounter;
  /** YAML syntax errors: nothing is sent while there are any. */
  errors: TextProblem[];
  /** A key given twice in a map: kubectl keeps the last one, silently. */
  warnings: TextProblem[];
}

// go-yaml v2 reads `0o17` as an integer and `1:20` (YAML 1.1's base 60) as a string.
const octal0o: ScalarTag = { identify: (v) => typeof v === 'number', default: true, tag: 'tag:yaml.org,2002:int', format: 'OCT', test: /^0o[0-7]+$/, resolve: (s) => parseInt(s.slice(2), 8) };
const goYamlTags = (tags: Tags): Tags => [...tags.filter((t) => typeof t === 'string' || t.format !== 'TIME'), octal0o];

/** Kubernetes reads YAML as go-yaml v2 does (sigs.k8s.io/yaml): YAML 1.1, so `yes`, `on` and `y` are booleans, `0755` octal. */
export const yamlOptions = { version: '1.1', prettyErrors: false, uniqueKeys: true, customTags: goYamlTags } as const;

/** True for a document kubectl skips: nothing in it but comments, or `null`. */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.value === null);
}

/** Parses the editor's text as kubectl would read it from stdin. */
export function parseManifests(text: string): ParsedManifests {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { ...yamlOptions, lineCounter: lines });
  const list = Array.isArray(parsed) ? parsed : [];
  const docs: ManifestDocument[] = [];
  const errors: TextProblem[] = [];
  const warnings: TextProblem[] = [];
  let object = 0;
  list.forEach((doc, index) => {
    // The documents share the text out between them: comments before the first belong to it.
    const start = index === 0 ? 0 : docs[index - 1].end;
    const end = index === list.length - 1 ? text.length : Math.max(start, doc.range[2]);
    const empty = isEmptyDocument(doc);
    docs.push({ index, object: empty ? null : object++, doc, start, end });
    for (const e of doc.errors) {
      const [s, f] = e.pos;
      // The first line only: yaml's messages may carry a code excerpt after it.
      const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      if (e.code === 'DUPLICATE_KEY') warnings.push({ start: s, end: Math.max(f, s + 1), message: 'duplicate key: kubectl keeps the last value given', severity: 'warning' });
      else errors.push({ start: s, end: Math.max(f, s + 1), message: `yaml: ${first}`, severity: 'error' });
    }
  });
  return { text, docs, lines, errors, warnings };
}

/** The document holding `offset`, if any (the last one whose start is at or before it). */
export function documentAt(parsed: ParsedManifests, offset: number): ManifestDocument | undefined {
  let hit: ManifestDocument | undefined;
  for (const d of parsed.docs) if (d.start <= offset) hit = d;
  return hit;
}

/** A top-level string field of a document (`apiVersion`, `kind`), if it is a scalar. */
export function topLevelString(doc: Document.Parsed, key: string): string | undefined {
  const c = doc.contents;
  if (!isMap(c)) return undefined;
  const pair = c.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair && isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value) : undefined;
}

function keyName(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function rangeOf(n: unknown): [number, number] | undefined {
  if (n && typeof n === 'object' && 'range' in n) {
    const r = (n as Node).range;
    if (r) return [r[0], r[1]];
  }
  return undefined;
}

/** Where a field path leads in a document. */
export interface PathLocation {
  /** Offsets of what to mark: a field's key (and its scalar value), a list item. */
  start: number;
  end: number;
  /** How many of the path's steps exist in the document (all of them, or the deepest ancestor's). */
  depth: number;
}

/**
 * Finds the node a field path names, or its deepest ancestor present in the document: a missing
 * field (a Required value) is reported where its parent is.
 */
export function locatePath(doc: Document.Parsed, path: readonly PathSegment[]): PathLocation {
  const c = doc.contents;
  const whole = rangeOf(c) ?? [doc.range[0], doc.range[1]];
  let loc: PathLocation = { start: whole[0], end: whole[0], depth: 0 };
  let node: unknown = c;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => keyName(p) === String(seg));
      if (!pair) break;
      const k = rangeOf(pair.key);
      const v = rangeOf(pair.value);
      if (!k) break;
      // A scalar value is marked with its key; a collection only by its key.
      const end = v && isScalar(pair.value) ? v[1] : k[1];
      loc = { start: k[0], end, depth: i + 1 };
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      const r = rangeOf(item);
      if (!r) break;
      loc = { start: r[0], end: r[1], depth: i + 1 };
      node = item;
    } else break;
  }
  return loc;
}

/** What the cursor is on. */
export interface NodeAtOffset {
  /** The path of the field (a key, or the value of a field) or list item under the cursor. */
  path: PathSegment[];
  /** On a map key rather than a value. */
  onKey: boolean;
  start: number;
  end: number;
  /** The scalar under the cursor, if it is one. */
  value?: unknown;
}

const within = (r: [number, number] | undefined, offset: number) => !!r && r[0] <= offset && offset <= r[1];

/** The key or scalar value of a document at `offset` (end offsets count: the cursor after a word). */
export function nodeAt(doc: Document.Parsed, offset: number): NodeAtOffset | null {
  const walk = (node: unknown, path: PathSegment[]): NodeAtOffset | null => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = keyName(pair);
        if (name === undefined) continue;
        const k = rangeOf(pair.key);
        if (k && within(k, offset)) return { path: [...path, name], onKey: true, start: k[0], end: k[1] };
        if (within(rangeOf(pair.value), offset)) return walk(pair.value, [...path, name]);
      }
      return null;
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) if (within(rangeOf(node.items[i]), offset)) return walk(node.items[i], [...path, i]);
      return null;
    }
    if (isScalar(node)) {
      const r = rangeOf(node)!;
      return { path, onKey: false, start: r[0], end: r[1], value: node.value };
    }
    return null;
  };
  return walk(doc.contents, []);
}

/** The keys of the map at `path`, if there is one. */
export function keysAt(doc: Document.Parsed, path: readonly PathSegment[]): string[] {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = node.items.find((p) => keyName(p) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return [];
  }
  return isMap(node) ? node.items.map(keyName).filter((k): k is string => k !== undefined) : [];
}

/** 1-based line and column of an offset. */
export function positionOf(parsed: ParsedManifests, offset: number): { line: number; col: number } {
  return parsed.lines.linePos(Math.max(0, Math.min(offset, parsed.text.length)));
}
