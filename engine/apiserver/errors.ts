// API errors as kube-apiserver answers them: a meta/v1 Status with the reason, code, details and
// message apimachinery's apierrors constructors build (k8s.io/apimachinery/pkg/api/errors), and the
// rule that any other error becomes a 500 whose message is the error's own text (ErrorToAPIStatus).

import type { Status } from '../api/types';

/** A resource as errors name it: `deployments.apps`, `pods`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** `deployments.apps`, or `pods` for the core group (schema.GroupResource.String()). */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** An error that is an API Status: thrown by handlers, written as the response body. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }
  get code(): number {
    return this.status.code ?? 500;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

function failure(code: number, reason: string, message: string, details?: Status['details']): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
  return new StatusError(status);
}

/** 404 for a named object: `deployments.apps "web" not found`. */
export function newNotFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, { name, group: gr.group, kind: gr.resource });
}

/** 404 for a path nothing serves. */
export function newPathNotFound(): StatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 409: `deployments.apps "web" already exists`. */
export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, { name, group: gr.group, kind: gr.resource });
}

/** 409 for a stale resourceVersion or a failed precondition. */
export function newConflict(gr: GroupResource, name: string, why: string): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, { name, group: gr.group, kind: gr.resource });
}

/** The reason storage gives for a stale update (registry/generic OptimisticLockErrorMsg). */
export const optimisticLockErrorMsg = 'the object has been modified; please apply your changes to the latest version and try again';

/** 400. */
export function newBadRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

/** 405. */
export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`, { group: gr.group, kind: gr.resource });
}

/** 410: a watch or list from a compacted revision. */
export function newResourceExpired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

/** 403 with the authorizer's or an admission plugin's message. */
export function newForbidden(gr: GroupResource, name: string, why: string): StatusError {
  const subject = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, { ...(name ? { name } : {}), group: gr.group, kind: gr.resource });
}

/** 401. */
export function newUnauthorized(message = 'Unauthorized'): StatusError {
  return failure(401, 'Unauthorized', message);
}

/** 500 with `Internal error occurred: …`. */
export function newInternalError(err: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${err}`, { causes: [{ message: err }] });
}

/** 504: the request did not finish in time. */
export function newTimeoutError(message: string, retryAfterSeconds = 0): StatusError {
  return failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

/** 429. */
export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

/** Any error as the Status the apiserver writes (ErrorToAPIStatus): a plain error is a 500 with its own text. */
export function toStatus(e: unknown): Status {
  if (e instanceof StatusError) return e.status;
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 };
}
