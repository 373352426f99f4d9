// Where the apiserver meets engine/api and its patch library: defaulting, validation answered as a
// 422 Status, and a PATCH body applied by its content type (patchhandler: JSON patch, JSON merge
// patch, strategic merge patch). Server-side apply is not served (docs/FIDELITY.md).

import type { ResourceInfo } from '../api/resources';
import { groupVersion } from '../api/resources';
import { applyDefaults } from '../api/defaults';
import type { KubeObject } from '../api/types';
import { validateCreate, validateUpdate } from '../api/validation';
import { invalidStatus } from '../api/validation/errors';
import { newBadRequest, StatusError } from './errors';
import { applyPatch, PatchError, patchSchemaFor, type Json, type JsonObject, type PatchContentType } from './patch';
import { patchErrorStatus } from './patch/status';

/** Defaults an object in place. */
export function defaultsFor(obj: KubeObject): void {
  applyDefaults(obj);
}

/** Validation that throws upstream's 422. */
export function validatorFor(): { validateCreate(info: ResourceInfo, obj: KubeObject): void; validateUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): void } {
  const fail = (info: ResourceInfo, obj: KubeObject, errs: ReturnType<typeof validateCreate>) => {
    if (errs.length) throw new StatusError(invalidStatus({ group: info.group, kind: info.kind }, obj.metadata.name ?? '', errs));
  };
  return {
    validateCreate: (info, obj) => fail(info, obj, validateCreate(obj)),
    validateUpdate: (info, obj, old) => fail(info, obj, validateUpdate(obj, old)),
  };
}

const supported: PatchContentType[] = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

/** Applies a PATCH body of `contentType` to `current` (the patch handler's applyPatch). */
export function patcher(contentType: string, info: ResourceInfo, current: KubeObject, body: string): KubeObject {
  if (!supported.includes(contentType as PatchContentType)) {
    throw new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`,
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  }
  let patch: Json;
  try {
    patch = JSON.parse(body) as Json;
  } catch (e) {
    throw newBadRequest(`error decoding patch: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const out = applyPatch(contentType as PatchContentType, JSON.parse(JSON.stringify(current)) as JsonObject, patch, patchSchemaFor(groupVersion(info.group, info.version), info.kind));
    if (typeof out !== 'object' || out === null || Array.isArray(out)) throw newBadRequest('the patched object is not an object');
    return out as unknown as KubeObject;
  } catch (e) {
    if (e instanceof PatchError) throw patchErrorStatus(e);
    throw e;
  }
}
