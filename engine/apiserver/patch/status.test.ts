import { describe, expect, it } from 'vitest';
import { PatchError } from './errors';
import { applyJsonPatch } from './json-patch';
import { patchErrorStatus } from './status';

function statusOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof PatchError) return patchErrorStatus(e).status;
    throw e;
  }
  throw new Error('no error');
}

describe('patchErrorStatus', () => {
  it('a JSON patch that does not apply: 422 Invalid with the generic message', () => {
    expect(statusOf(() => applyJsonPatch({}, [{ op: 'remove', path: '/x' }]))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  });
  it('400, 413 and 500 keep the message', () => {
    expect(patchErrorStatus(new PatchError('Invalid JSON Patch', 400)).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
    expect(patchErrorStatus(new PatchError('Request entity too large: x', 413)).status).toMatchObject({ code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: x' });
    const s = patchErrorStatus(new PatchError('map: map[] does not contain declared merge key: name')).status;
    expect(s).toMatchObject({ code: 500, message: 'map: map[] does not contain declared merge key: name' });
    expect(s.reason).toBeUndefined();
  });
});
