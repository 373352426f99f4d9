// Computing strategic merge patches, as k8s.io/apimachinery/pkg/util/strategicpatch (patch.go,
// Kubernetes 1.32) does: diffMaps and the functions under it, CreateTwoWayMergePatch (what kubectl
// edit, label, annotate and scale send) and CreateThreeWayMergePatch (what kubectl apply sends),
// with MergingMapsHaveConflicts for apply's --overwrite=false.

import { PatchError, smpError } from './errors';
import { goMarshal } from './go-json';
import { clone, deepEqual, get, goFormat, goKind, goStringCompare, has, isObject, put, type Json, type JsonObject } from './json';
import type { LookupPatchMeta } from './schema';
import {
  deduplicateAndSortScalars,
  deduplicateScalars,
  deleteDirective,
  deleteFromPrimitiveListDirectivePrefix,
  directiveMarker,
  errBadArgType,
  errNoMergeKey,
  extractRetainKeysPatchStrategy,
  mergeDirective,
  mergeKeyValueEqual,
  normalizeSliceOrder,
  replaceDirective,
  retainKeysDirective,
  setElementOrderDirectivePrefix,
  sliceElementType,
  sortMergeListsByNameArray,
  sortScalars,
} from './strategic-common';
import { mergeMap } from './strategic-merge';

export interface DiffOptions {
  /** Generate the $setElementOrder parallel lists. */
  setElementOrder?: boolean;
  /** Leave changes and additions out of the patch. */
  ignoreChangesAndAdditions?: boolean;
  /** Leave deletions out of the patch. */
  ignoreDeletions?: boolean;
  /** Build a $retainKeys directive (set for fields with the retainKeys strategy). */
  buildRetainKeysDirective?: boolean;
}

/** mergepatch.PreconditionFunc: false when the patch makes a change it must not. */
export type PreconditionFunc = (patch: JsonObject) => boolean;

/** mergepatch.RequireKeyUnchanged. */
export function requireKeyUnchanged(key: string): PreconditionFunc {
  return (patch) => !has(patch, key);
}

/** mergepatch.RequireMetadataKeyUnchanged. */
export function requireMetadataKeyUnchanged(key: string): PreconditionFunc {
  return (patch) => {
    const md = get(patch, 'metadata');
    return !isObject(md) || !has(md, key);
  };
}

/** mergepatch.ErrPreconditionFailed. */
export class PreconditionFailedError extends PatchError {
  constructor(patch: JsonObject) {
    super(`precondition failed for: ${goFormat(patch)}`);
    this.name = 'PreconditionFailedError';
  }
}

/**
 * mergepatch.ErrConflict. Upstream renders both maps as YAML; here they are JSON (a knowing
 * difference: kubectl apply only reaches this with --overwrite=false).
 */
export class ConflictError extends PatchError {
  constructor(patch: JsonObject, current: JsonObject) {
    super(`patch:\n${goMarshal(patch)}\nconflicts with changes made from original to current:\n${goMarshal(current)}\n`);
    this.name = 'ConflictError';
  }
}

/**
 * diffMaps: a strategic merge patch from original to modified — added and changed fields, null
 * for deleted ones, delete directives and parallel lists for merging lists, $retainKeys for
 * retainKeys fields. Reads its inputs without copying: the patch shares modified's values, and
 * original's scalar lists end up sorted, as upstream's do.
 */
export function diffMaps(original: JsonObject, modified: JsonObject, schema: LookupPatchMeta, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: Json[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!has(original, key)) {
      if (!options.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key];
    if (handleDirectiveMarker(key, originalValue, modifiedValue, patch)) continue;
    if (goKind(originalValue) !== goKind(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
      continue;
    }
    if (isObject(originalValue)) handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, schema, options);
    else if (Array.isArray(originalValue)) handleSliceDiff(key, originalValue, modifiedValue as Json[], patch, schema, options);
    else replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, options);
  }
  updatePatchIfMissing(original, modified, patch, options);
  if (retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    put(patch, retainKeysDirective, sortScalars(retainKeysList));
  }
  return patch;
}

function handleDirectiveMarker(key: string, originalValue: Json, modifiedValue: Json, patch: JsonObject): boolean {
  if (key !== directiveMarker) return false;
  if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw smpError(`invalid value for special key: ${directiveMarker}`);
  if (modifiedValue !== originalValue) put(patch, directiveMarker, modifiedValue);
  return true;
}

/** Runs a metadata lookup; an unknown field only matters when the values differ. */
function lookupOrSkip<T>(lookup: () => T, original: Json, modified: Json): T | undefined {
  try {
    return lookup();
  } catch (e) {
    if (deepEqual(original, modified)) return undefined;
    throw e;
  }
}

function handleMapDiff(key: string, originalValue: JsonObject, modifiedValue: JsonObject, patch: JsonObject, schema: LookupPatchMeta, options: DiffOptions): void {
  const found = lookupOrSkip(() => schema.lookupPatchMetadataForStruct(key), originalValue, modifiedValue);
  if (!found) return;
  const [subschema, patchMeta] = found;
  const [retainKeys, patchStrategy] = extractRetainKeysPatchStrategy(patchMeta.patchStrategies);
  const sub = { ...options, buildRetainKeysDirective: retainKeys };
  if (patchStrategy === replaceDirective) {
    // The replace strategy sends the whole value, changed or not.
    if (!options.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
    return;
  }
  const patchValue = diffMaps(originalValue, modifiedValue, subschema, sub);
  if (Object.keys(patchValue).length > 0) put(patch, key, patchValue);
}

function handleSliceDiff(key: string, originalValue: Json[], modifiedValue: Json[], patch: JsonObject, schema: LookupPatchMeta, options: DiffOptions): void {
  const found = lookupOrSkip(() => schema.lookupPatchMetadataForSlice(key), originalValue, modifiedValue);
  if (!found) return;
  const [subschema, patchMeta] = found;
  const [retainKeys, patchStrategy] = extractRetainKeysPatchStrategy(patchMeta.patchStrategies);
  if (patchStrategy !== mergeDirective) {
    replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, options);
    return;
  }
  const [addList, deletionList, setOrderList] = diffLists(originalValue, modifiedValue, subschema, patchMeta.patchMergeKey, { ...options, buildRetainKeysDirective: retainKeys });
  if (addList.length > 0) put(patch, key, addList);
  if (deletionList.length > 0) put(patch, `${deleteFromPrimitiveListDirectivePrefix}/${key}`, deletionList);
  if (setOrderList.length > 0) put(patch, `${setElementOrderDirectivePrefix}/${key}`, setOrderList);
}

function replacePatchFieldIfNotEqual(key: string, original: Json, modified: Json, patch: JsonObject, options: DiffOptions): void {
  if (options.ignoreChangesAndAdditions || deepEqual(original, modified)) return;
  put(patch, key, modified);
}

function updatePatchIfMissing(original: JsonObject, modified: JsonObject, patch: JsonObject, options: DiffOptions): void {
  if (options.ignoreDeletions) return;
  for (const key of Object.keys(original)) if (!has(modified, key)) put(patch, key, null);
}

/** hasAdditionalNewField: original has a non-null key that modified lacks. */
function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !has(modified, k));
}

/**
 * diffLists: for a merging list, [the patch list, the deletion list of scalars, the
 * $setElementOrder list]. Delete directives for maps go at the end of the patch list.
 */
function diffLists(original: Json[], modified: Json[], schema: LookupPatchMeta, mergeKey: string, options: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, schema, mergeKey, options);
    let patchList = normalizeSliceOrder(changes, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deletions];
    let setOrderList: Json[] = [];
    if (options.setElementOrder && ((!options.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!options.ignoreDeletions && patchList.length > 0))) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] ?? null }));
    }
    return [patchList, [], setOrderList];
  }
  // (A list of lists was refused by sliceElementType.)
  const [additions, deletionList] = diffListsOfScalars(original, modified, options);
  const patchList = normalizeSliceOrder(additions, modified, mergeKey, kind);
  // original is sorted by now (diffListsOfScalars sorts it in place), so a list whose only change
  // is its order gets no $setElementOrder, as upstream.
  let setOrderList: Json[] = [];
  if (options.setElementOrder && ((!options.ignoreDeletions && deletionList.length > 0) || (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)))) {
    setOrderList = modified;
  }
  return [patchList, deletionList, setOrderList];
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
}

/** diffListsOfScalars: [added, deleted] by walking both lists sorted by %v. Sorts original in place. */
function diffListsOfScalars(original: Json[], modified: Json[], options: DiffOptions): [Json[], Json[]] {
  const originalScalars = sortScalars(original);
  const modifiedScalars = sortScalars([...modified]);
  let oi = 0;
  let mi = 0;
  const addList: Json[] = [];
  const deletionList: Json[] = [];
  for (;;) {
    const oin = oi < originalScalars.length;
    const min = mi < modifiedScalars.length;
    if (!oin && !min) break;
    const os = oin ? goFormat(originalScalars[oi]) : '';
    const ms = min ? goFormat(modifiedScalars[mi]) : '';
    // compareListValuesAtIndex
    if (oin && min && os === ms) {
      oi++;
      mi++;
    } else if (!oin || (min && goStringCompare(os, ms) > 0)) {
      if (!options.ignoreChangesAndAdditions) addList.push(modifiedScalars[mi]);
      mi++;
    } else {
      if (!options.ignoreDeletions) deletionList.push(originalScalars[oi]);
      oi++;
    }
  }
  return [addList, deduplicateScalars(deletionList)];
}

function mapAndMergeKeyValue(list: Json[], i: number, mergeKey: string): [JsonObject, Json] {
  const m = list[i];
  if (!isObject(m)) throw errBadArgType('map', m);
  if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
  return [m, m[mergeKey]];
}

/**
 * diffListsOfMaps: [changed or added maps, delete directives], walking both lists sorted by the %v
 * of their merge keys.
 */
function diffListsOfMaps(original: Json[], modified: Json[], schema: LookupPatchMeta, mergeKey: string, options: DiffOptions): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletionList: Json[] = [];
  const originalSorted = sortMergeListsByNameArray(original, mergeKey);
  const modifiedSorted = sortMergeListsByNameArray(modified, mergeKey);
  let oi = 0;
  let mi = 0;
  for (;;) {
    const oin = oi < originalSorted.length;
    const min = mi < modifiedSorted.length;
    if (!oin && !min) break;
    let oe: JsonObject = {};
    let me: JsonObject = {};
    let okv: Json = null;
    let mkv: Json = null;
    let os = '';
    let ms = '';
    if (oin) {
      [oe, okv] = mapAndMergeKeyValue(originalSorted, oi, mergeKey);
      os = goFormat(okv);
    }
    if (min) {
      [me, mkv] = mapAndMergeKeyValue(modifiedSorted, mi, mergeKey);
      ms = goFormat(mkv);
    }
    if (oin && min && os === ms) {
      const patchValue = diffMaps(oe, me, schema, options);
      if (Object.keys(patchValue).length > 0) {
        put(patchValue, mergeKey, mkv);
        patch.push(patchValue);
      }
      oi++;
      mi++;
    } else if (!oin || (min && goStringCompare(os, ms) > 0)) {
      if (!options.ignoreChangesAndAdditions) patch.push(me);
      mi++;
    } else {
      if (!options.ignoreDeletions) deletionList.push({ [mergeKey]: okv, [directiveMarker]: deleteDirective });
      oi++;
    }
  }
  return [patch, deletionList];
}

/**
 * CreateTwoWayMergePatch: the strategic merge patch that turns original into modified, with
 * $setElementOrder lists. Inputs are not changed.
 */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, schema: LookupPatchMeta, ...fns: PreconditionFunc[]): JsonObject {
  const patch = diffMaps(clone(original), clone(modified), schema, { setElementOrder: true });
  for (const fn of fns) if (!fn(patch)) throw new PreconditionFailedError(patch);
  return patch;
}

/**
 * CreateThreeWayMergePatch: reconciles modified (the new configuration) with current (the live
 * object), deleting what original (the last applied configuration, {} when none) had and modified
 * dropped, and keeping other changes made to current in the interim. The patch is the difference
 * from current to modified without deletions, merged into the deletions from original to modified.
 * With overwrite false, a patch that changes a field differently than original-to-current did is
 * a ConflictError. Inputs are not changed.
 */
export function createThreeWayMergePatch(
  original: JsonObject | null,
  modified: JsonObject,
  current: JsonObject,
  schema: LookupPatchMeta,
  overwrite = true,
  ...fns: PreconditionFunc[]
): JsonObject {
  const originalMap = clone(original ?? {});
  const modifiedMap = clone(modified);
  const currentMap = clone(current);
  const deltaMap = diffMaps(currentMap, modifiedMap, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletionsMap = diffMaps(originalMap, modifiedMap, schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  const patchMap = mergeMap(deletionsMap, deltaMap, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  for (const fn of fns) if (!fn(patchMap)) throw new PreconditionFailedError(patchMap);
  if (!overwrite) {
    const changedMap = diffMaps(originalMap, currentMap, schema, {});
    if (mergingMapsHaveConflicts(patchMap, changedMap, schema)) throw new ConflictError(patchMap, changedMap);
  }
  return patchMap;
}

/**
 * MergingMapsHaveConflicts: whether two patches change a key to different values, with strategic
 * merge semantics (merging lists compared element by merge key, replace-strategy maps never).
 */
export function mergingMapsHaveConflicts(left: JsonObject, right: JsonObject, schema: LookupPatchMeta): boolean {
  return fieldsHaveConflicts(left, right, schema, '', '');
}

function fieldsHaveConflicts(left: Json, right: Json, schema: LookupPatchMeta | undefined, strategy: string, mergeKey: string): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    const lm = has(left, directiveMarker);
    const rm = has(right, directiveMarker);
    if (lm || rm) {
      if (lm !== rm) return true;
      if (!deepEqual(left[directiveMarker], right[directiveMarker])) return true;
    }
    if (strategy === replaceDirective) return false;
    return mapsHaveConflicts(left, right, schema);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return slicesHaveConflicts(left, right, schema, strategy, mergeKey);
  }
  return !deepEqual(left, right);
}

function mapsHaveConflicts(left: JsonObject, right: JsonObject, schema: LookupPatchMeta | undefined): boolean {
  for (const key of Object.keys(left)) {
    if (key === directiveMarker || key === retainKeysDirective || !has(right, key)) continue;
    const lv = left[key];
    let subschema: LookupPatchMeta | undefined;
    let strategy = '';
    let mergeKey = '';
    if (schema && (Array.isArray(lv) || isObject(lv))) {
      const [sub, meta] = Array.isArray(lv) ? schema.lookupPatchMetadataForSlice(key) : schema.lookupPatchMetadataForStruct(key);
      subschema = sub;
      [, strategy] = extractRetainKeysPatchStrategy(meta.patchStrategies);
      mergeKey = meta.patchMergeKey;
    }
    if (fieldsHaveConflicts(lv, right[key], subschema, strategy, mergeKey)) return true;
  }
  return false;
}

function slicesHaveConflicts(leftIn: Json[], rightIn: Json[], schema: LookupPatchMeta | undefined, strategy: string, mergeKey: string): boolean {
  const kind = sliceElementType(leftIn, rightIn);
  if (strategy === mergeDirective) {
    if (kind !== 'map') return false;
    const lm = sliceOfMapsToMapOfMaps(leftIn, mergeKey);
    const rm = sliceOfMapsToMapOfMaps(rightIn, mergeKey);
    for (const [k, lv] of lm) {
      const rv = rm.get(k);
      if (rv !== undefined && fieldsHaveConflicts(lv, rv, schema, '', '')) return true;
    }
    return false;
  }
  if (leftIn.length !== rightIn.length) return true;
  let left = leftIn;
  let right = rightIn;
  if (kind !== 'map') {
    left = deduplicateAndSortScalars([...left]);
    right = deduplicateAndSortScalars([...right]);
  }
  return left.some((l, i) => fieldsHaveConflicts(l, right[i], schema, '', ''));
}

function sliceOfMapsToMapOfMaps(slice: Json[], mergeKey: string): Map<string, JsonObject> {
  const result = new Map<string, JsonObject>();
  for (const value of slice) {
    if (!isObject(value)) throw new PatchError(`invalid element type in merging list:${goFormat(slice)}`);
    if (!has(value, mergeKey)) throw new PatchError(`cannot find merge key \`${mergeKey}\` in merging list element:${goFormat(value)}`);
    result.set(goFormat(value[mergeKey], 's'), value);
  }
  return result;
}
