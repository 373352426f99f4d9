// What `kubectl apply` sends when the object exists (k8s.io/kubectl/pkg/cmd/apply/patcher.go,
// v1.32): a three-way strategic merge patch between the last applied configuration (the
// kubectl.kubernetes.io/last-applied-configuration annotation), the new manifest and the live
// object — or, for a kind kubectl has no Go type for (a custom resource), a three-way JSON merge
// patch (k8s.io/apimachinery/pkg/util/jsonmergepatch). And the annotation itself, as
// k8s.io/kubectl/pkg/util/apply.go writes it.

import { PatchError } from '../apiserver/patch/errors';
import { goEncode, goMarshal } from '../apiserver/patch/go-json';
import { clone, deepEqual, del, get, goFormat, has, isObject, put, type Json, type JsonObject } from '../apiserver/patch/json';
import { applyMergePatch, createMergePatch } from '../apiserver/patch/merge-patch';
import type { LookupPatchMeta } from '../apiserver/patch/schema';
import { createThreeWayMergePatch as strategicThreeWay, requireKeyUnchanged, requireMetadataKeyUnchanged, type PreconditionFunc } from '../apiserver/patch/strategic-diff';

/** v1.LastAppliedConfigAnnotation. */
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

function annotationsOf(obj: JsonObject): JsonObject {
  // unstructured GetAnnotations: a missing, non-map or not-all-strings value reads as none.
  const md = get(obj, 'metadata');
  const a = isObject(md) ? get(md, 'annotations') : undefined;
  if (!isObject(a) || Object.values(a).some((v) => typeof v !== 'string')) return {};
  return clone(a);
}

function withAnnotations(obj: JsonObject, annots: JsonObject): JsonObject {
  const out = clone(obj);
  let md = get(out, 'metadata');
  if (!isObject(md)) {
    md = {};
    put(out, 'metadata', md);
  }
  put(md, 'annotations', annots);
  return out;
}

/**
 * util.GetModifiedConfiguration with the unstructured JSON encoder: the object's JSON as kubectl
 * encodes it (compact, keys sorted, a trailing newline), without its last-applied annotation but
 * with `annotations: {}` left behind when that was the only one (upstream sets the emptied map
 * back). With annotate, the annotation is then set to that text and the object encoded again.
 * `obj` is the manifest as kubectl holds it after reading: namespace already defaulted.
 */
export function modifiedConfiguration(obj: JsonObject, annotate: boolean): string {
  const annots = annotationsOf(obj);
  del(annots, lastAppliedAnnotation);
  let modified = goEncode(withAnnotations(obj, annots));
  if (annotate) {
    put(annots, lastAppliedAnnotation, modified);
    modified = goEncode(withAnnotations(obj, annots));
  }
  return modified;
}

/** The value `kubectl apply` (and create/replace --save-config) stores in the annotation. */
export function lastAppliedValue(obj: JsonObject): string {
  return modifiedConfiguration(obj, false);
}

/** util.GetOriginalConfiguration: the live object's annotation text, or null without one. */
export function originalConfiguration(live: JsonObject): string | null {
  const md = get(live, 'metadata');
  const a = isObject(md) ? get(md, 'annotations') : undefined;
  if (!isObject(a)) return null;
  const v = get(a, lastAppliedAnnotation);
  return typeof v === 'string' ? v : null;
}

export interface ApplyPatch {
  /** The Content-Type: application/strategic-merge-patch+json or application/merge-patch+json. */
  type: 'strategic' | 'merge';
  patch: JsonObject;
  /** The request body, as json.Marshal writes the patch. `{}` means apply sends nothing. */
  body: string;
}

/** json.Unmarshal of a configuration into a map: null reads as empty, a non-object fails. */
function parseConfiguration(text: string | JsonObject | null, badDoc: string): JsonObject {
  if (text === null) return {};
  if (typeof text !== 'string') return text;
  if (text.length === 0) return {};
  let v: Json;
  try {
    v = JSON.parse(text) as Json;
  } catch {
    throw new PatchError(badDoc);
  }
  if (v === null) return {};
  if (!isObject(v)) throw new PatchError(badDoc);
  return v;
}

/**
 * The patch `kubectl apply` computes for an existing object (Patcher.patchSimple): the strategic
 * three-way merge patch when the kind has a schema, else the JSON merge one with kubectl's
 * preconditions (apiVersion, kind and metadata.name unchanged). `original` is the
 * last-applied-configuration text (or object), null when the live object has none; `modified` is
 * the manifest with its new annotation (parse modifiedConfiguration(manifest, true)); `current`
 * is the live object. Errors are PatchErrors with upstream's messages; kubectl wraps them with
 * creatingPatchErrorMessage.
 */
export function createThreeWayMergePatch(
  original: string | JsonObject | null,
  modified: JsonObject,
  current: JsonObject,
  schema: LookupPatchMeta | undefined,
  overwrite = true,
): ApplyPatch {
  if (schema) {
    const patch = strategicThreeWay(parseConfiguration(original, 'invalid JSON document'), modified, current, schema, overwrite);
    return { type: 'strategic', patch, body: goMarshal(patch) };
  }
  const patch = createThreeWayJsonMergePatch(parseConfiguration(original, 'Invalid JSON Document'), modified, current, requireKeyUnchanged('apiVersion'), requireKeyUnchanged('kind'), requireMetadataKeyUnchanged('name'));
  return { type: 'merge', patch, body: goMarshal(patch) };
}

/**
 * The error patchSimple returns when the patch cannot be computed (createPatchErrFormat): the
 * three documents as kubectl encoded them, then the cause.
 */
export function creatingPatchErrorMessage(original: string | null, modified: string, current: string, cause: string): string {
  return `creating patch with:\noriginal:\n${original ?? ''}\nmodified:\n${modified}\ncurrent:\n${current}\nfor:: ${cause}`;
}

/**
 * jsonmergepatch.CreateThreeWayJSONMergePatch: additions and changes from current to modified,
 * merged into deletions from original to modified.
 */
export function createThreeWayJsonMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject, ...fns: PreconditionFunc[]): JsonObject {
  const addAndChange = keepOrDeleteNullInObj(createMergePatch(current, modified) as JsonObject, false);
  const deletions = keepOrDeleteNullInObj(createMergePatch(original, modified) as JsonObject, true);
  if (hasConflicts(addAndChange, deletions)) {
    // Upstream renders both as YAML (mergepatch.ToYAMLOrError); no apply can get here, since a
    // deletion is always of a key modified lacks.
    throw new PatchError(`patch:\n${goMarshal(addAndChange)}\nconflicts with changes made from original to current:\n${goMarshal(deletions)}\n`);
  }
  const patch = applyMergePatch(deletions, addAndChange) as JsonObject;
  for (const fn of fns) {
    // meetPreconditions answers a plain error, not ErrPreconditionFailed.
    if (!fn(patch)) throw new PatchError(`precondition failed for: ${goFormat(patch)}`);
  }
  return patch;
}

/** keepOrDeleteNullInObj: only the nulls (keepNull) or everything but them; empty maps are values. */
function keepOrDeleteNullInObj(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(m)) {
    const val = m[key];
    if (val === null) {
      if (keepNull) put(out, key, null);
    } else if (isObject(val)) {
      if (Object.keys(val).length === 0) {
        if (!keepNull) put(out, key, val);
        continue;
      }
      const sub = keepOrDeleteNullInObj(val, keepNull);
      if (Object.keys(sub).length > 0) put(out, key, sub);
    } else if (!keepNull) put(out, key, val);
  }
  return out;
}

/** mergepatch.HasConflicts: JSON merge patch semantics. */
function hasConflicts(left: Json, right: Json): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    return Object.keys(left).some((k) => has(right, k) && hasConflicts(left[k], right[k]));
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((x, i) => hasConflicts(x, right[i]));
  }
  return !deepEqual(left, right);
}
