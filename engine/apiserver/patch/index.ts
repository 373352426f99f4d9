// The three patch types kube-apiserver accepts, and the patch computations kubectl builds on them.

export { applyPatch, type PatchContentType } from './apply';
export { errBadJSONDoc, invalidPatchStatusMessage, PatchError, type PatchErrorCode } from './errors';
export { goEncode, goMarshal } from './go-json';
export { applyJsonPatch, decodeJsonPatch, jsonPatchMaxCopyBytes, maxJSONPatchOperations, type Operation } from './json-patch';
export type { Json, JsonObject } from './json';
export { applyMergePatch, createMergePatch } from './merge-patch';
export { patchMetaAt, patchSchemaFor, structSchema, type FieldPatchMeta, type LookupPatchMeta, type PatchMeta, type StructTable } from './schema';
export {
  ConflictError,
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  diffMaps,
  mergingMapsHaveConflicts,
  PreconditionFailedError,
  requireKeyUnchanged,
  requireMetadataKeyUnchanged,
  type DiffOptions,
  type PreconditionFunc,
} from './strategic-diff';
export { patchErrorStatus } from './status';
export { mergeMap, strategicMergePatch, type MergeOptions } from './strategic-merge';
