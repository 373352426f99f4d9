// JSON Merge Patch (RFC 7386) as kube-apiserver 1.32 applies it, which is gopkg.in/evanphx/
// json-patch.v4 v4.12.0's MergePatch (merge.go), and CreateMergePatch, the two-way diff that
// jsonmergepatch.CreateThreeWayJSONMergePatch builds on.
//
// Where evanphx departs from the RFC, the apiserver does too:
// - a patch that is null or a scalar is rejected ("Invalid JSON Patch", 400) instead of replacing
//   the document;
// - nulls are pruned from a value that lands where the document has no object (a new key, or a
//   key holding a scalar or array), even inside arrays' objects; a patch array replacing an object
//   keeps its nulls.

import { PatchError } from './errors';
import { clone, deepEqual, del, get, goKind, has, isObject, put, type Json, type JsonObject } from './json';

/** jsonpatch.ErrBadJSONDoc / ErrBadJSONPatch. */
export const errBadJSONDocMerge = 'Invalid JSON Document';
export const errBadJSONPatch = 'Invalid JSON Patch';

/**
 * Applies a JSON merge patch and returns the patched copy. A patch that is not an object or an
 * array is a 400 ("Invalid JSON Patch"), as the apiserver answers; a null document is a 500.
 */
export function applyMergePatch(doc: Json, patch: Json): Json {
  if (doc === null) throw new PatchError(errBadJSONDocMerge, 500);
  if (patch === null) throw new PatchError(errBadJSONPatch, 400);
  if (!isObject(patch)) {
    if (!Array.isArray(patch)) throw new PatchError(errBadJSONPatch, 400);
    // The document becomes the patch array, its objects' nulls pruned.
    return pruneArrayNulls(clone(patch));
  }
  if (!isObject(doc)) return pruneDocNulls(clone(patch));
  const out = clone(doc);
  mergeDocs(out, clone(patch));
  return out;
}

function merge(cur: Json, patch: Json): Json {
  if (!isObject(cur)) return pruneNulls(patch);
  if (!isObject(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      del(doc, k);
      continue;
    }
    const cur = get(doc, k);
    if (cur === undefined || cur === null) put(doc, k, pruneNulls(v));
    else put(doc, k, merge(cur, v));
  }
}

function pruneNulls(v: Json): Json {
  if (isObject(v)) return pruneDocNulls(v);
  if (Array.isArray(v)) return pruneArrayNulls(v);
  return v;
}

function pruneDocNulls(doc: JsonObject): JsonObject {
  for (const k of Object.keys(doc)) {
    if (doc[k] === null) del(doc, k);
    else pruneNulls(doc[k]);
  }
  return doc;
}

/** Null elements stay; objects inside lose their null members. */
function pruneArrayNulls(ary: Json[]): Json[] {
  for (const v of ary) if (v !== null) pruneNulls(v);
  return ary;
}

/**
 * jsonpatch.CreateMergePatch: the merge patch that turns original into modified. Both must be
 * objects, or both arrays of objects of the same length (a list of per-element patches).
 */
export function createMergePatch(original: Json, modified: Json): Json {
  const oa = Array.isArray(original);
  const ma = Array.isArray(modified);
  if (oa && ma) {
    const o = original as Json[];
    const m = modified as Json[];
    if (o.length !== m.length) throw new PatchError(errBadJSONDocMerge);
    return o.map((x, i) => createObjectMergePatch(x, m[i]));
  }
  if (!oa && !ma) return createObjectMergePatch(original, modified);
  throw new PatchError('Mismatched JSON Documents');
}

function createObjectMergePatch(original: Json, modified: Json): JsonObject {
  if (!isObject(original) || !isObject(modified)) throw new PatchError(errBadJSONDocMerge);
  return getDiff(original, modified);
}

/** getDiff: changed and added keys of b, and null for the keys of a that b lacks. */
function getDiff(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const key of Object.keys(b)) {
    const bv = b[key];
    if (!has(a, key)) {
      put(into, key, clone(bv));
      continue;
    }
    const av = a[key];
    if (goKind(av) !== goKind(bv)) {
      put(into, key, clone(bv));
      continue;
    }
    if (isObject(av) && isObject(bv)) {
      const dst = getDiff(av, bv);
      if (Object.keys(dst).length > 0) put(into, key, dst);
    } else if (!deepEqual(av, bv)) put(into, key, clone(bv));
  }
  for (const key of Object.keys(a)) if (!has(b, key)) put(into, key, null);
  return into;
}
