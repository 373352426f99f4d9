// Where in a manifest the cursor is, for completion: typing a new key (and inside which map) or a
// field's value. Half-typed YAML does not parse the way it will read once finished (`spec:\n  rep`
// is spec's string value), so the cursor's line is rewritten with a placeholder key or value first
// and the result parsed; the placeholder's path is the answer.

import { parseAllDocuments, type Document } from 'yaml';
import type { PathSegment } from './field-path';
import { keysAt, nodeAt, topLevelString, yamlOptions } from './yaml-doc';

/** The cursor's place for completion. */
export interface CursorContext {
  /** 'key': a key is being typed in the map at `path`; 'value': the value of the field at `path`. */
  mode: 'key' | 'value';
  path: PathSegment[];
  /** What is typed so far of the key or value. */
  prefix: string;
  /** [start, end) of the text a completion replaces (the whole word under the cursor). */
  replaceStart: number;
  replaceEnd: number;
  /** Keys the map already has (key mode), so completion does not offer them again. */
  siblings: string[];
  /** Key mode right after `- `: a new list item, which may be a scalar (an enum value). */
  listItem: boolean;
  /** Whether the value already has text after the cursor's key (`key: value`), key mode. */
  hasValue: boolean;
  /** The document's apiVersion and kind, as far as they are written. */
  apiVersion?: string;
  kind?: string;
  /** The column (0-based) the key starts at, for indenting what a completion inserts. */
  keyColumn: number;
}

const keyPlaceholder = 'kubeplayCursorKey';
const valuePlaceholder = 'kubeplayCursorValue';
const word = /[A-Za-z0-9_.\-/]*/y;

function wordAt(s: string, from: number): string {
  word.lastIndex = from;
  return word.exec(s)?.[0] ?? '';
}

/** Inside a comment: a `#` after a space (or at the line's start) outside quotes. */
function inComment(before: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(before[i - 1]))) return true;
  }
  return false;
}

function parseProbe(text: string, offset: number): Document.Parsed | undefined {
  const parsed = parseAllDocuments(text, yamlOptions);
  if (!Array.isArray(parsed)) return undefined;
  let hit: Document.Parsed | undefined;
  for (const d of parsed) if (d.range[0] <= offset) hit = d;
  return hit;
}

/** The cursor's completion context in `text` at `offset`, or null where nothing is completed. */
export function cursorContext(text: string, offset: number): CursorContext | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  if (inComment(before) || /^(---|\.\.\.)/.test(before)) return null;

  // `  - - name`, `  rep`, `` (a new key, maybe a new list item)
  const keyMatch = /^(\s*)((?:-[ \t]+)*)([A-Za-z0-9_.\-/]*)$/.exec(before);
  if (keyMatch) {
    const [, indent, dashes, typed] = keyMatch;
    const rest = wordAt(after, 0);
    const tail = after.slice(rest.length);
    if (tail.trim() === '' || tail.startsWith(':')) {
      const keyColumn = indent.length + dashes.length;
      const probeLine = `${indent}${dashes}${keyPlaceholder}${tail.startsWith(':') ? tail : ':'}`;
      const probe = text.slice(0, lineStart) + probeLine + text.slice(lineEnd);
      const at = lineStart + keyColumn;
      const doc = parseProbe(probe, at);
      const hit = doc && nodeAt(doc, at + 1);
      if (!doc || !hit || !hit.onKey || hit.path[hit.path.length - 1] !== keyPlaceholder) return null;
      const path = hit.path.slice(0, -1);
      return {
        mode: 'key',
        path,
        prefix: typed,
        replaceStart: offset - typed.length,
        replaceEnd: offset + rest.length,
        siblings: keysAt(doc, path).filter((k) => k !== keyPlaceholder),
        listItem: dashes.length > 0,
        hasValue: tail.startsWith(':'),
        apiVersion: docString(doc, 'apiVersion'),
        kind: docString(doc, 'kind'),
        keyColumn,
      };
    }
  }

  // `  image: ngi`, `- name: x`, `type: "Clu`
  const valueMatch = /^(\s*)((?:-[ \t]+)*)([A-Za-z0-9_.\-/]+|"[^"]*"|'[^']*')[ \t]*:[ \t]+(["']?)([A-Za-z0-9_.\-/]*)$/.exec(before);
  if (valueMatch) {
    const [, indent, dashes, key, quote, typed] = valueMatch;
    const rest = wordAt(after, 0);
    const probeLine = `${indent}${dashes}${key}: ${valuePlaceholder}`;
    const probe = text.slice(0, lineStart) + probeLine + text.slice(lineEnd);
    const at = lineStart + probeLine.length - valuePlaceholder.length;
    const doc = parseProbe(probe, at);
    const hit = doc && nodeAt(doc, at + 1);
    if (!doc || !hit || hit.onKey || hit.value !== valuePlaceholder) return null;
    const closing = quote && after.slice(rest.length).startsWith(quote) ? 1 : 0;
    return {
      mode: 'value',
      path: hit.path,
      prefix: typed,
      replaceStart: offset - typed.length - quote.length,
      replaceEnd: offset + rest.length + closing,
      siblings: [],
      listItem: false,
      hasValue: false,
      apiVersion: docString(doc, 'apiVersion'),
      kind: docString(doc, 'kind'),
      keyColumn: indent.length + dashes.length,
    };
  }
  return null;
}

function docString(doc: Document.Parsed, key: string): string | undefined {
  const v = topLevelString(doc, key);
  return v === keyPlaceholder || v === valuePlaceholder ? undefined : v;
}
