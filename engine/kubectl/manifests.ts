// `-f -`: the objects of a manifest as kubectl's resource builder reads them — YAML documents or JSON,
// a `List` unpacked into its items, empty documents skipped — each with its position in the stream
// (for error messages and the editor's markers).

import { parseAllDocuments } from 'yaml';
import { CommandError } from './errors';

/** One object read from a manifest. */
export interface ManifestObject {
  obj: Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: Record<string, unknown> };
  /** Index of the YAML document it came from (0-based). */
  document: number;
  /** Where it came from, as kubectl names it: `STDIN`. */
  source: string;
}

/** Reads `-f` sources; only `-` (stdin) exists in Kubeplay. */
export function readManifests(filenames: string[], stdin: string | undefined): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const f of filenames) {
    if (f !== '-') throw new CommandError(`the path "${f}" does not exist`);
    out.push(...parseManifest(stdin ?? '', 'STDIN'));
  }
  return out;
}

/** Parses one stream of YAML (JSON is YAML) documents. */
export function parseManifest(text: string, source: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, document) => {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const line = e.linePos?.[0]?.line ?? 0;
      throw new CommandError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${firstLine(e.message)}`);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new CommandError(`error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const obj = value as ManifestObject['obj'];
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray((obj as { items?: unknown }).items)) {
      for (const item of (obj as { items: ManifestObject['obj'][] }).items) out.push({ obj: item, document, source });
      return;
    }
    if (!obj.kind) throw new CommandError(`unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
    if (!obj.apiVersion) throw new CommandError(`unable to decode "${source}": Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`);
    out.push({ obj, document, source });
  });
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
