// The apiserver's answer to Apply, as marks on the manifest: every failed document's Status names
// the fields it is about in `details.causes[].field` (`spec.template.spec.containers[0].image`),
// each marked where that field is written. A decode error has no causes; its message names the
// field (`strict decoding error: unknown field "spec.replicaz"`, `Go struct field
// DeploymentSpec.spec.replicas of type int32`). A missing namespace marks `metadata.namespace`; any
// other Status about no field marks the object's name.

import type { Status } from '../../engine/api/types';
import { parseFieldPath } from './field-path';
import { locatePath, type ManifestDocument, type ParsedManifests, type TextProblem } from './yaml-doc';

/** One failed document of a `kubectl apply -f -`: 0-based among the YAML documents of the text, empty ones included. */
export interface ApiError {
  document: number;
  status: Status;
}

/** Field paths a decode error's message names. */
export function fieldsInMessage(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/(?:unknown|duplicate) field "([^"]+)"/g)) out.push(m[1]);
  for (const m of message.matchAll(/Go struct field [A-Za-z0-9_]+\.([^\s]+) of type/g)) out.push(m[1]);
  return out;
}

function markField(md: ManifestDocument, field: string, message: string): TextProblem {
  const loc = locatePath(md.doc, parseFieldPath(field));
  return { start: loc.start, end: loc.end, severity: 'error', message };
}

/** The marks of the API errors, placed in the documents they are about. */
export function serverProblems(parsed: ParsedManifests, errors: readonly ApiError[]): TextProblem[] {
  const out: TextProblem[] = [];
  for (const e of errors) {
    const md = parsed.docs.find((d) => d.index === e.document) ?? parsed.docs[parsed.docs.length - 1];
    if (!md) continue;
    const status = e.status;
    const message = status.message ?? status.reason ?? 'the server refused this object';
    const causes = (status.details?.causes ?? []).filter((c) => c.field);
    if (causes.length) {
      for (const c of causes) out.push(markField(md, c.field!, c.message ? `${c.field}: ${c.message}` : message));
      continue;
    }
    const fields = fieldsInMessage(message);
    if (fields.length) {
      for (const f of fields) out.push(markField(md, f, message));
      continue;
    }
    const namespace = status.reason === 'NotFound' && status.details?.kind === 'namespaces';
    out.push(markField(md, namespace && locatePath(md.doc, ['metadata', 'namespace']).depth === 2 ? 'metadata.namespace' : 'metadata.name', message));
  }
  return out;
}
