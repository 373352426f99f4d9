// A PatchError as the Status kube-apiserver answers (patch.go's error constructors, through
// ErrorToAPIStatus): see errors.ts for which status each error gets.

import type { Status } from '../../api/types';
import { StatusError } from '../errors';
import { invalidPatchStatusMessage, type PatchError } from './errors';

export function patchErrorStatus(e: PatchError): StatusError {
  const base: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };
  switch (e.code) {
    case 400:
      return new StatusError({ ...base, message: e.message, reason: 'BadRequest', code: 400 });
    case 413:
      return new StatusError({ ...base, message: e.message, reason: 'RequestEntityTooLarge', code: 413 });
    case 422:
      // NewGenericServerResponse(422, "", GroupResource{}, "", msg, 0, false): the detail is lost.
      return new StatusError({ ...base, message: invalidPatchStatusMessage, reason: 'Invalid', details: {}, code: 422 });
    case 500:
      // Not an API status error: ErrorToAPIStatus answers 500 with no reason.
      return new StatusError({ ...base, message: e.message, code: 500 });
  }
}
