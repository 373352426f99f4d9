// The test types of k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go (MergeItem,
// RetainKeysMergeItem), as a struct table, for running upstream's test tables.
import { structSchema, type StructTable } from '../schema';
import { extractRetainKeysPatchStrategy, retainKeysDirective, deleteFromPrimitiveListDirectivePrefix, setElementOrderDirectivePrefix, directiveMarker, sortScalars, sortMergeListsByNameArray, sliceElementType, deduplicateAndSortScalars } from '../strategic-common';
import { isObject, put, type Json, type JsonObject } from '../json';
import type { LookupPatchMeta } from '../schema';

export const mergeItemTable: StructTable = {
  MergeItem: {
    name: 'string',
    value: 'string',
    other: 'string',
    mergingList: '[]MergeItem;merge;name',
    nonMergingList: '[]MergeItem',
    mergingIntList: '[]int;merge',
    nonMergingIntList: '[]int',
    mergeItemPtr: '*MergeItem;merge;name',
    simpleMap: 'map[string]string',
    replacingItem: 'RawExtension;replace',
    retainKeysMap: 'RetainKeysMergeItem;retainKeys',
    retainKeysMergingList: '[]MergeItem;merge,retainKeys;name',
  },
  RetainKeysMergeItem: {
    name: 'string',
    value: 'string',
    other: 'string',
    simpleMap: 'map[string]string',
    mergingIntList: '[]int;merge',
    mergingList: '[]MergeItem;merge;name',
    nonMergingList: '[]MergeItem',
  },
  RawExtension: {},
};

export const mergeItemSchema = structSchema(mergeItemTable, 'MergeItem');

/**
 * sortMergeListsByName (patch.go): merging lists sorted by merge key, recursively, so that test
 * expectations do not depend on list order — upstream's test helper.
 */
export function sortMergeListsByName(s: JsonObject, schema: LookupPatchMeta): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(s)) {
    let v: Json = s[k];
    if (k === retainKeysDirective || k.startsWith(deleteFromPrimitiveListDirectivePrefix)) {
      if (!Array.isArray(v)) throw new Error(`bad ${k}`);
      v = sortScalars([...v]);
    } else if (k.startsWith(setElementOrderDirectivePrefix)) {
      if (!Array.isArray(v)) throw new Error(`bad ${k}`);
    } else if (k !== directiveMarker) {
      if (isObject(v)) v = sortMergeListsByName(v, schema.lookupPatchMetadataForStruct(k)[0]);
      else if (Array.isArray(v)) {
        const [sub, meta] = schema.lookupPatchMetadataForSlice(k);
        const [, strategy] = extractRetainKeysPatchStrategy(meta.patchStrategies);
        if (strategy === 'merge' && v.length > 0) {
          if (sliceElementType(v) !== 'map') v = deduplicateAndSortScalars([...v]);
          else v = sortMergeListsByNameArray(v.map((e) => sortMergeListsByName(e as JsonObject, sub)), meta.patchMergeKey);
        }
      }
    }
    put(out, k, v);
  }
  return out;
}
