// How a failed patch answers. The message is the patch library's own text (evanphx/json-patch v4,
// k8s.io/apimachinery/pkg/util/mergepatch and strategicpatch); `code` is the HTTP status
// kube-apiserver's PATCH handler (k8s.io/apiserver/pkg/endpoints/handlers/patch.go) gives it:
//
// - 400: errors.NewBadRequest(message) — Status reason BadRequest, the message as is.
// - 413: errors.NewRequestEntityTooLargeError(message) — reason RequestEntityTooLarge, message
//   `Request entity too large: <message>`.
// - 422: errors.NewGenericServerResponse(422, …, message) — reason Invalid; upstream's Status then
//   says only `the server rejected our request due to an error in our request` (the detail in
//   `message` is dropped), which is what kubectl prints for a JSON patch that does not apply.
// - 500: the plain error; ErrorToAPIStatus makes it a Status with code 500, no reason, and the
//   message as is.

export type PatchErrorCode = 400 | 413 | 422 | 500;

export class PatchError extends Error {
  constructor(
    message: string,
    readonly code: PatchErrorCode = 500,
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

/** The message of NewGenericServerResponse(422, …): the Status message of a 422 patch error. */
export const invalidPatchStatusMessage = 'the server rejected our request due to an error in our request';

// mergepatch's sentinel errors (k8s.io/apimachinery/pkg/util/mergepatch/errors.go), with the status
// interpretStrategicMergePatchError gives each in the apiserver.
export const errBadJSONDoc = 'invalid JSON document';
export const errNoListOfLists = 'lists of lists are not supported';
export const errBadPatchFormatForPrimitiveList = 'invalid patch format of primitive list';
export const errBadPatchFormatForRetainKeys = 'invalid patch format of retainKeys';
export const errBadPatchFormatForSetElementOrderList = 'invalid patch format of setElementOrder list';
export const errPatchContentNotMatchRetainKeys = "patch content doesn't match retainKeys list";
export const errUnsupportedStrategicMergePatchFormat = 'strategic merge patch format is not supported';

const sentinelCodes: Record<string, PatchErrorCode> = {
  [errBadJSONDoc]: 400,
  [errBadPatchFormatForPrimitiveList]: 400,
  [errBadPatchFormatForRetainKeys]: 400,
  [errBadPatchFormatForSetElementOrderList]: 400,
  [errUnsupportedStrategicMergePatchFormat]: 400,
  [errNoListOfLists]: 422,
  [errPatchContentNotMatchRetainKeys]: 422,
};

/** A strategic merge patch error: a sentinel gets its status, anything else is a plain 500. */
export function smpError(message: string): PatchError {
  return new PatchError(message, sentinelCodes[message] ?? 500);
}
