// What applying and computing strategic merge patches share (k8s.io/apimachinery/pkg/util/
// strategicpatch/patch.go and mergepatch/errors.go): the directive names, the error texts, Go's
// interface equality and fmt-string ordering of list items, and the list-ordering helpers.

import { errNoListOfLists, smpError, type PatchError } from './errors';
import { goSort, goSortStable } from './go-sort';
import { get, goFormat, goKind, goStringCompare, goTypeName, has, isObject, type GoKind, type Json, type JsonObject } from './json';

export const directiveMarker = '$patch';
export const deleteDirective = 'delete';
export const replaceDirective = 'replace';
export const mergeDirective = 'merge';
export const retainKeysStrategy = 'retainKeys';
export const deleteFromPrimitiveListDirectivePrefix = '$deleteFromPrimitiveList';
export const retainKeysDirective = '$retainKeys';
export const setElementOrderDirectivePrefix = '$setElementOrder';

const mapType = 'map[string]interface {}';
const sliceType = '[]interface {}';

/** mergepatch.ErrBadArgType(expected, actual) for an expected map or slice. */
export function errBadArgType(expected: 'map' | 'slice', actual: Json | undefined): PatchError {
  return smpError(`expected a ${expected === 'map' ? mapType : sliceType}, but received a ${goTypeName(actual ?? null)}`);
}

/** mergepatch.ErrNoMergeKey. */
export function errNoMergeKey(m: JsonObject | null, key: string): PatchError {
  return smpError(`map: ${m === null ? 'map[]' : goFormat(m)} does not contain declared merge key: ${key}`);
}

/** mergepatch.ErrBadPatchType. */
export function errBadPatchType(t: Json, m: JsonObject): PatchError {
  return smpError(`unknown patch type: ${goFormat(t, 's')} in map: ${goFormat(m)}`);
}

/**
 * Go's == on two interface{} values holding decoded JSON scalars (a missing map entry reads as
 * nil). Upstream panics comparing maps or slices this way; here they are simply unequal.
 */
export function goEq(a: Json | undefined, b: Json | undefined): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (typeof x === 'object' && x !== null) return false;
  return x === y;
}

/** A set of scalars keyed as Go map[interface{}] keys are (by dynamic type and value). */
export function scalarSet(items: Json[]): Set<Json> {
  return new Set(items.filter((v) => typeof v !== 'object' || v === null));
}

/** sliceElementType: the one kind of every element of the slices, or an error. */
export function sliceElementType(...slices: Json[][]): GoKind {
  let prev: GoKind | undefined;
  for (const s of slices) {
    for (const v of s) {
      const cur = goKind(v);
      if (prev === undefined) {
        prev = cur;
        if (prev === 'slice') throw smpError(errNoListOfLists);
      } else if (prev !== cur) {
        throw smpError(`list element types are not identical: ${goFormat(slices)}`);
      }
    }
  }
  if (prev === undefined) throw smpError('no elements in any of the given slices');
  return prev;
}

/** SortableSliceOfScalars' Less: fmt %v strings, "less" when sorted or equal. */
function lessByString(a: string, b: string): boolean {
  return goStringCompare(a, b) <= 0;
}

/** sortScalars: sorts in place by %v, as sort.Sort does, and returns the slice. */
export function sortScalars(s: Json[]): Json[] {
  return goSort(s, (a, b) => lessByString(goFormat(a), goFormat(b)));
}

/** deduplicateScalars, in place: a duplicate is replaced by the last element (order changes). */
export function deduplicateScalars(input: Json[]): Json[] {
  let s = input;
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEq(s[i], s[j])) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

export function deduplicateAndSortScalars(s: Json[]): Json[] {
  return sortScalars(deduplicateScalars(s));
}

/** sortMapsBasedOnField: a sorted copy, by the %v of each map's field. */
function sortMapsBasedOnField(m: Json[], field: string): Json[] {
  const copy = m.map((v) => {
    if (!isObject(v)) throw errBadArgType('map', v);
    return v;
  });
  return goSort(copy, (a, b) => lessByString(goFormat(get(a, field) ?? null), goFormat(get(b, field) ?? null)));
}

/** sortMergeListsByNameArray without recursion, as diffListsOfMaps uses it. */
export function sortMergeListsByNameArray(s: Json[], mergeKey: string): Json[] {
  if (s.length === 0) return s;
  const kind = sliceElementType(s);
  if (kind !== 'map') return deduplicateAndSortScalars(s);
  return sortMapsBasedOnField(s, mergeKey);
}

/** The merge key's value of a map, or the item itself for scalars (index's getValFn). */
function keyValue(item: Json, mergeKey: string, kind: GoKind): Json | undefined {
  if (kind !== 'map') return item;
  return isObject(item) ? get(item, mergeKey) : null;
}

/** index: the position of an item in a list by merge key (maps) or value, or -1. */
export function indexOf(l: Json[], val: Json, mergeKey: string, kind: GoKind): number {
  const want = keyValue(val, mergeKey, kind);
  for (let i = 0; i < l.length; i++) if (goEq(want, keyValue(l[i], mergeKey, kind))) return i;
  return -1;
}

/** validateMergeKeyInLists: every item is a map holding the merge key. */
export function validateMergeKeyInLists(mergeKey: string, ...lists: Json[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw errBadArgType('map', item);
      if (!has(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** extractToDeleteItems: the items to keep and those carrying `$patch: delete`. */
export function extractToDeleteItems(l: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const toDelete: Json[] = [];
  for (const v of l) {
    if (!isObject(v)) throw errBadArgType('map', v);
    if (has(v, directiveMarker) && v[directiveMarker] === deleteDirective) toDelete.push(v);
    else keep.push(v);
  }
  return [keep, toDelete];
}

/** normalizeSliceOrder: toSort in the order of `order`, deletion directives last. */
export function normalizeSliceOrder(input: Json[], order: Json[], mergeKey: string, kind: GoKind): Json[] {
  let toSort = input;
  let toDelete: Json[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  } else toSort = [...toSort];
  goSortStable(toSort, (a, b) => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...toSort, ...toDelete];
}

/** mergeKeyValueEqual: equal merge keys of two maps, or equal scalars without a key. */
export function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (mergeKey === '') return goEq(left, right);
  if (!isObject(left)) throw errBadArgType('map', left);
  if (!isObject(right)) throw errBadArgType('map', right);
  if (!has(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEq(left[mergeKey], right[mergeKey]);
}

/** findMapInSliceBasedOnKeyValue: the map whose key holds value, and its index. */
export function findMapInSlice(m: Json[], key: string, value: Json | undefined): [JsonObject, number] | undefined {
  for (let k = 0; k < m.length; k++) {
    const v = m[k];
    if (!isObject(v)) throw smpError(`value for key ${k} is not a map`);
    if (has(v, key) && goEq(v[key], value)) return [v, k];
  }
  return undefined;
}

/**
 * extractRetainKeysPatchStrategy: whether the strategies include retainKeys, and the other one
 * ('' for none).
 */
export function extractRetainKeysPatchStrategy(strategies: string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ''];
    case 1:
      return strategies[0] === retainKeysStrategy ? [true, ''] : [false, strategies[0]];
    case 2:
      if (strategies[0] === retainKeysStrategy) return [true, strategies[1]];
      if (strategies[1] === retainKeysStrategy) return [true, strategies[0]];
      break;
  }
  throw smpError(`unexpected patch strategy: [${strategies.join(' ')}]`);
}
