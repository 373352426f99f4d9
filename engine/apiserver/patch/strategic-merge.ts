// Applying a strategic merge patch, as k8s.io/apimachinery/pkg/util/strategicpatch (patch.go,
// Kubernetes 1.32) does: mergeMap and the functions under it. The server applies patches with
// StrategicMergeMapPatch; CreateThreeWayMergePatch (strategic-diff.ts) merges two patches with the
// same code in its other mode.
//
// A patch is JSON merge patch (null deletes, maps merge) plus, per the schema's struct tags, lists
// that merge (by `patchMergeKey` for maps, as a set for scalars), and the directives:
// `$patch: replace | delete` in a map or list element (and `$patch: merge`, refused in lists),
// `$retainKeys: [...]`, `$deleteFromPrimitiveList/<list>: [...]` and `$setElementOrder/<list>`.

import { errBadPatchFormatForPrimitiveList, errBadPatchFormatForRetainKeys, errBadPatchFormatForSetElementOrderList, errUnsupportedStrategicMergePatchFormat, smpError } from './errors';
import { clone, deepEqual, del, get, goFormat, goKind, has, isObject, put, type GoKind, type Json, type JsonObject } from './json';
import type { LookupPatchMeta } from './schema';
import {
  deduplicateScalars,
  deleteDirective,
  deleteFromPrimitiveListDirectivePrefix,
  directiveMarker,
  errBadArgType,
  errBadPatchType,
  errNoMergeKey,
  extractRetainKeysPatchStrategy,
  extractToDeleteItems,
  findMapInSlice,
  indexOf,
  mergeDirective,
  mergeKeyValueEqual,
  normalizeSliceOrder,
  replaceDirective,
  retainKeysDirective,
  scalarSet,
  setElementOrderDirectivePrefix,
  sliceElementType,
} from './strategic-common';

export interface MergeOptions {
  /** Apply the parallel lists ($deleteFromPrimitiveList, $setElementOrder) rather than keep them. */
  mergeParallelList: boolean;
  /** Drop a null that deletes nothing rather than keep it in the result. */
  ignoreUnmatchedNulls: boolean;
}

/**
 * StrategicMergeMapPatch: the object with the patch applied, as the apiserver computes it for a
 * PATCH of type application/strategic-merge-patch+json. Neither input is changed. Without a
 * schema (a custom resource) the patch is refused, as upstream refuses Unstructured objects.
 * Errors are PatchErrors with the status the apiserver gives them.
 */
export function strategicMergePatch(original: JsonObject, patch: JsonObject, schema: LookupPatchMeta | undefined): JsonObject {
  if (!schema) throw smpError(errUnsupportedStrategicMergePatchFormat);
  return mergeMap(clone(original), clone(patch), schema, { mergeParallelList: true, ignoreUnmatchedNulls: true });
}

/** handleDirectiveInMergeMap: `$patch: replace` keeps the patch itself, `delete` empties the map. */
function handleDirectiveInMergeMap(directive: Json, patch: JsonObject): JsonObject {
  if (directive === replaceDirective) {
    del(patch, directiveMarker);
    return patch;
  }
  if (directive === deleteDirective) return {};
  throw errBadPatchType(directive, patch);
}

function containsDirectiveMarker(item: Json): boolean {
  return isObject(item) && has(item, directiveMarker);
}

/** extractKey: the list a parallel-list directive key names. */
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === deleteFromPrimitiveListDirectivePrefix) throw smpError(errBadPatchFormatForPrimitiveList);
    if (prefix === setElementOrderDirectivePrefix) throw smpError(errBadPatchFormatForSetElementOrderList);
    throw smpError(`fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(slash + 1);
}

/**
 * validatePatchWithSetOrderList: the patch list's items appear in the $setElementOrder list, in
 * its relative order (deletions and directive items aside).
 */
function validatePatchWithSetOrderList(patchList: Json, setOrderList: Json, mergeKey: string): void {
  if (!Array.isArray(setOrderList) || !Array.isArray(patchList)) throw smpError(errBadPatchFormatForSetElementOrderList);
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey.length > 0 ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let o = 0;
  while (p < nonDelete.length && o < setOrderList.length) {
    if (containsDirectiveMarker(nonDelete[p])) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrderList[o], mergeKey)) p++;
    o++;
  }
  if (p < nonDelete.length && o >= setOrderList.length) {
    throw smpError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${setElementOrderDirectivePrefix} list:\n${goFormat(setOrderList)}\n`);
  }
}

/**
 * preprocessDeletionListForMerging: [skip, isDeleteList, the list's own key] for a patch key. When
 * not merging parallel lists a $deleteFromPrimitiveList key is carried over as is.
 */
function preprocessDeletionList(key: string, original: JsonObject, patchVal: Json, mergeDeletionList: boolean): [boolean, boolean, string] {
  if (!key.startsWith(deleteFromPrimitiveListDirectivePrefix)) return [false, false, ''];
  if (!mergeDeletionList) {
    put(original, key, patchVal);
    return [true, false, ''];
  }
  return [false, true, extractKey(key, deleteFromPrimitiveListDirectivePrefix)];
}

/**
 * applyRetainKeysDirective: with `$retainKeys`, drop the original's keys not listed, after checking
 * that the patch sets only listed keys. When merging two patches the directive is carried over.
 */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, options: MergeOptions): void {
  if (!has(patch, retainKeysDirective)) return;
  const inPatch = patch[retainKeysDirective];
  del(patch, retainKeysDirective);
  if (!options.mergeParallelList) {
    if (has(original, retainKeysDirective)) {
      const inOriginal = original[retainKeysDirective];
      if (!deepEqual(inOriginal, inPatch)) {
        throw smpError(`${goFormat(inOriginal)} and ${goFormat(inPatch)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else put(original, retainKeysDirective, inPatch);
    return;
  }
  if (!Array.isArray(inPatch)) throw smpError(errBadPatchFormatForRetainKeys);
  const keep = scalarSet(inPatch);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(deleteFromPrimitiveListDirectivePrefix) || k.startsWith(setElementOrderDirectivePrefix)) continue;
    if (!keep.has(k)) throw smpError(errBadPatchFormatForRetainKeys);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) del(original, k);
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/<list>` with its list, merged and put in order
 * (the directive's order, then the patch list's, then the live list's). When merging two patches
 * the directive is carried over instead. Both are then gone from the patch.
 */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, schema: LookupPatchMeta, options: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!has(patch, key) || !key.startsWith(setElementOrderDirectivePrefix)) continue;
    const setElementOrderInPatch = patch[key];
    if (!options.mergeParallelList) {
      if (has(original, key)) {
        if (!deepEqual(original[key], setElementOrderInPatch)) throw smpError(errBadPatchFormatForSetElementOrderList);
      } else put(original, key, setElementOrderInPatch);
    }
    del(patch, key);
    if (!Array.isArray(setElementOrderInPatch)) throw errBadArgType('slice', setElementOrderInPatch);
    const order = setElementOrderInPatch;
    const originalKey = extractKey(key, setElementOrderDirectivePrefix);
    const foundOriginal = has(original, originalKey);
    const foundPatch = has(patch, originalKey);
    const originalList = get(original, originalKey);
    const patchList = get(patch, originalKey);
    let originalFieldValue: Json[] = [];
    let patchFieldValue: Json[] = [];
    if (foundOriginal) {
      if (!Array.isArray(originalList)) throw errBadArgType('slice', originalList);
      originalFieldValue = originalList;
    }
    if (foundPatch) {
      if (!Array.isArray(patchList)) throw errBadArgType('slice', patchList);
      patchFieldValue = patchList;
    }
    const [subschema, patchMeta] = schema.lookupPatchMetadataForSlice(originalKey);
    const [, patchStrategy] = extractRetainKeysPatchStrategy(patchMeta.patchStrategies);
    const mergeKey = patchMeta.patchMergeKey;
    validatePatchWithSetOrderList(patchFieldValue, order, mergeKey);

    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalFieldValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchFieldValue)[0] as Json[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalFieldValue, patchFieldValue, subschema, patchStrategy, mergeKey, false, options);
    else continue;

    const [patchItems, serverOnlyItems] = mergeKey.length === 0 ? partitionPrimitivesByPresentInList(merged, order) : partitionMapsByPresentInList(merged, order, mergeKey);
    const kind = sliceElementType(originalFieldValue, patchFieldValue);
    put(original, originalKey, normalizeElementOrder(patchItems, serverOnlyItems, order, originalFieldValue, mergeKey, kind));
    del(patch, originalKey);
  }
}

function partitionPrimitivesByPresentInList(original: Json[], partitionBy: Json[]): [Json[], Json[]] {
  const inPatch = scalarSet(partitionBy);
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of original) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMapsByPresentInList(original: Json[], partitionBy: Json[], mergeKey: string): [Json[], Json[]] {
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of original) {
    if (!isObject(v)) throw errBadArgType('map', v);
    if (!has(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findMapInSlice(partitionBy, mergeKey, v[mergeKey]) ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

/**
 * normalizeElementOrder: the patch items in the patch's order and the server-only items in the
 * live order, interleaved by mergeSortedSlice.
 */
export function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: GoKind): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/**
 * mergeSortedSlice: inserts each of `left` (server-only items) into `right` (patch items) before
 * the first item it precedes in the live order, keeping both lists' own order.
 */
function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string, kind: GoKind): Json[] {
  const size = left.length + right.length;
  const s: Json[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) s.push(right[j++]);
    else if (j >= right.length && i < left.length) s.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) s.push(left[i++]);
      else s.push(right[j++]);
    }
  }
  return s;
}

/**
 * removeDirectives: a patch value with every map holding `$patch` taken out, and whether the
 * value itself stays. Changes maps in place, as upstream does.
 */
function removeDirectives(obj: Json): [Json, boolean] {
  if (isObject(obj)) {
    if (has(obj, directiveMarker)) return [null, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      if (keep) put(obj, k, v);
      else del(obj, k);
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: Json[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

/** discardNullValuesFromPatch: drops null members of maps, at every depth (list nulls stay). */
function discardNullValuesFromPatch(v: Json): void {
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) del(v, k);
      else discardNullValuesFromPatch(v[k]);
    }
  } else if (Array.isArray(v)) for (const x of v) discardNullValuesFromPatch(x);
}

/** Sets original[k] to the patch value with its directives removed (or deletes k). */
function takePatchValue(original: JsonObject, k: string, patchV: Json, options: MergeOptions): void {
  if (options.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) put(original, k, v);
  else del(original, k);
}

/**
 * mergeMap: merges a patch map into an original map, both changed in place (upstream's warning
 * applies: neither should be reused).
 */
export function mergeMap(originalIn: JsonObject | null, patch: JsonObject, schema: LookupPatchMeta, options: MergeOptions): JsonObject {
  if (has(patch, directiveMarker)) return handleDirectiveInMergeMap(patch[directiveMarker], patch);
  const original = originalIn ?? {};
  applyRetainKeysDirective(original, patch, options);
  mergePatchIntoOriginal(original, patch, schema, options);

  for (const patchKey of Object.keys(patch)) {
    const patchV = patch[patchKey];
    const [skip, isDeleteList, noPrefixKey] = preprocessDeletionList(patchKey, original, patchV, options.mergeParallelList);
    if (skip) continue;
    const k = noPrefixKey.length > 0 ? noPrefixKey : patchKey;

    // A null deletes the key; it stays in the result only when merging two patches.
    if (patchV === null) {
      del(original, k);
      if (options.ignoreUnmatchedNulls) continue;
    }
    if (!has(original, k)) {
      if (!isDeleteList) takePatchValue(original, k, patchV, options);
      continue;
    }
    const originalType = goKind(original[k]);
    if (originalType !== goKind(patchV)) {
      if (!isDeleteList) takePatchValue(original, k, patchV, options);
      continue;
    }
    if (originalType === 'map') {
      const [subschema, patchMeta] = schema.lookupPatchMetadataForStruct(k);
      const [, patchStrategy] = extractRetainKeysPatchStrategy(patchMeta.patchStrategies);
      put(original, k, mergeMapHandler(original[k], patchV, subschema, patchStrategy, options));
    } else if (originalType === 'slice') {
      const [subschema, patchMeta] = schema.lookupPatchMetadataForSlice(k);
      const [, patchStrategy] = extractRetainKeysPatchStrategy(patchMeta.patchStrategies);
      put(original, k, mergeSliceHandler(original[k], patchV, subschema, patchStrategy, patchMeta.patchMergeKey, isDeleteList, options));
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) put(original, k, v);
      else del(original, k);
    }
  }
  return original;
}

/** mergeMapHandler: merge, or take the patch whole under the `replace` strategy. */
function mergeMapHandler(original: Json, patch: Json, schema: LookupPatchMeta, strategy: string, options: MergeOptions): JsonObject {
  if (!isObject(original)) throw errBadArgType('map', original);
  if (!isObject(patch)) throw errBadArgType('map', patch);
  return strategy !== replaceDirective ? mergeMap(original, patch, schema, options) : patch;
}

/** mergeSliceHandler: merge a `merge` list (or apply a deletion list), else take the patch list. */
function mergeSliceHandler(original: Json, patch: Json, schema: LookupPatchMeta, strategy: string, mergeKey: string, isDeleteList: boolean, options: MergeOptions): Json[] {
  if (!Array.isArray(original)) throw errBadArgType('slice', original);
  if (!Array.isArray(patch)) throw errBadArgType('slice', patch);
  if (strategy === mergeDirective || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, options, isDeleteList);
  return patch;
}

/**
 * A Go slice: a length over a backing array that other slices may share. Upstream deletes list
 * items by shifting them down in place (append(s[:i], s[i+1:]...)) and appends new ones into the
 * room that leaves, so the caller's view of the live list changes under it; mergePatchIntoOriginal
 * then orders the merged list by that changed view, and its results depend on it.
 */
class GoSlice {
  constructor(
    public backing: Json[],
    public len: number,
  ) {}

  items(): Json[] {
    return this.backing.slice(0, this.len);
  }

  removeAt(k: number): void {
    for (let i = k; i < this.len - 1; i++) this.backing[i] = this.backing[i + 1];
    this.len--;
  }

  /** append: in place while the backing array has room (any room past it no view can see). */
  push(v: Json): void {
    if (this.len >= this.backing.length) this.backing = this.backing.slice(0, this.len);
    this.backing[this.len++] = v;
  }

  find(key: string, value: Json): [JsonObject, number] | undefined {
    return findMapInSlice(this.items(), key, value);
  }
}

/** mergeSlice: scalars as a set union (or minus a deletion list), maps by merge key; then ordered. */
function mergeSlice(original: Json[], patch: Json[], schema: LookupPatchMeta, mergeKey: string, options: MergeOptions, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let merged: Json[];
  let serverOrder = original;
  let patchItemsIn = patch;
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw smpError(`cannot merge lists without merge key for ${schema.name()}`);
    const [remaining, rest] = mergeSliceWithSpecialElements(new GoSlice(original, original.length), patch, mergeKey);
    serverOrder = remaining.items();
    patchItemsIn = rest;
    merged = mergeSliceWithoutSpecialElements(remaining, rest, mergeKey, schema, options);
  }
  const [patchItems, serverOnlyItems] = mergeKey.length === 0 ? partitionPrimitivesByPresentInList(merged, patchItemsIn) : partitionMapsByPresentInList(merged, patchItemsIn, mergeKey);
  return normalizeElementOrder(patchItems, serverOnlyItems, patchItemsIn, serverOrder, mergeKey, kind);
}

/**
 * mergeSliceWithSpecialElements: applies the list's `$patch` elements — `delete` removes the
 * original's items with that key, `replace` makes the other patch items the whole list.
 */
function mergeSliceWithSpecialElements(original: GoSlice, patch: Json[], mergeKey: string): [GoSlice, Json[]] {
  const without: Json[] = [];
  let replace = false;
  for (const v of patch) {
    const typed = v as JsonObject;
    if (!has(typed, directiveMarker)) {
      without.push(v);
      continue;
    }
    const patchType = typed[directiveMarker];
    if (patchType === deleteDirective) {
      if (!has(typed, mergeKey)) throw errNoMergeKey(typed, mergeKey);
      // deleteMatchingEntries
      for (let found = original.find(mergeKey, typed[mergeKey]); found; found = original.find(mergeKey, typed[mergeKey])) original.removeAt(found[1]);
    } else if (patchType === replaceDirective) replace = true;
    else if (patchType === mergeDirective) throw smpError('merging lists cannot yet be specified in the patch');
    else throw errBadPatchType(patchType, typed);
  }
  return replace ? [new GoSlice(without, without.length), []] : [original, without];
}

/** mergeSliceWithoutSpecialElements: each patch item merged into its original, or appended. */
function mergeSliceWithoutSpecialElements(original: GoSlice, patch: Json[], mergeKey: string, schema: LookupPatchMeta, options: MergeOptions): Json[] {
  for (const v of patch) {
    const typed = v as JsonObject;
    if (!has(typed, mergeKey)) throw errNoMergeKey(typed, mergeKey);
    const found = original.find(mergeKey, typed[mergeKey]);
    if (found) original.backing[found[1]] = mergeMap(found[0], typed, schema, options);
    else original.push(v);
  }
  return original.items();
}

/** deleteFromSlice: the scalars of current not in toDelete. */
function deleteFromSlice(current: Json[], toDelete: Json[]): Json[] {
  const gone = scalarSet(toDelete);
  return current.filter((v) => !gone.has(v));
}
