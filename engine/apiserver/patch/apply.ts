// One entry for the PATCH handler: the patch of a content type applied to the current object, as
// k8s.io/apiserver/pkg/endpoints/handlers/patch.go dispatches (jsonPatcher.applyJSPatch for JSON
// and merge patches, smpPatcher's strategicPatchObject for strategic merge). Server-side apply
// (application/apply-patch+yaml) is not here: it is field management, not a patch format.

import { PatchError } from './errors';
import { isObject, type Json, type JsonObject } from './json';
import { applyJsonPatch } from './json-patch';
import { applyMergePatch } from './merge-patch';
import type { LookupPatchMeta } from './schema';
import { strategicMergePatch } from './strategic-merge';

export type PatchContentType = 'application/json-patch+json' | 'application/merge-patch+json' | 'application/strategic-merge-patch+json';

/**
 * The current object with the decoded patch body applied. `schema` is the kind's strategic merge
 * schema (patchSchemaFor), undefined for a custom resource. Throws PatchError with the status the
 * apiserver answers (see errors.ts); decoding the result into the kind's type, defaulting and
 * strict field validation stay with the caller.
 */
export function applyPatch(type: PatchContentType, current: JsonObject, patch: Json, schema: LookupPatchMeta | undefined): Json {
  switch (type) {
    case 'application/json-patch+json':
      return applyJsonPatch(current, patch);
    case 'application/merge-patch+json':
      return applyMergePatch(current, patch);
    case 'application/strategic-merge-patch+json':
      // The body is decoded into a map[string]interface{} first: null leaves it empty, anything
      // but an object is a 400.
      if (patch === null) return strategicMergePatch(current, {}, schema);
      if (!isObject(patch)) {
        const what = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
        throw new PatchError(`json: cannot unmarshal ${what} into Go value of type map[string]interface {}`, 400);
      }
      return strategicMergePatch(current, patch, schema);
  }
}
