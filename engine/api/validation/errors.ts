// The 422 Status an invalid object earns, as apierrors.NewInvalid builds it
// (k8s.io/apimachinery/pkg/api/errors/errors.go).

import { aggregateMessage, errorBody, type ErrorType, type FieldError } from './field';
import { goQuote } from './gofmt';

/** metav1.StatusCause, with its JSON field names (`reason` is the error type). */
export interface StatusCause {
  reason?: ErrorType | string;
  message?: string;
  field?: string;
}

/** metav1.StatusDetails. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** metav1.Status in its wire shape (keys in the order the apiserver writes them). */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** schema.GroupKind.String(): `Deployment.apps`, or just `Pod` for the core group. */
export function groupKindString(gk: { group: string; kind: string }): string {
  return gk.group.length === 0 ? gk.kind : `${gk.kind}.${gk.group}`;
}

/**
 * apierrors.NewInvalid: status Failure, reason Invalid, code 422, one cause per error (not
 * de-duplicated; its message is ErrorBody, the error without its field) and the message
 * `<Kind.group> "<name>" is invalid: <aggregate>`. Empty fields are omitted as omitempty omits them.
 */
export function invalidStatus(groupKind: { group: string; kind: string }, name: string, errs: readonly FieldError[]): Status {
  const causes: StatusCause[] = errs.map((e) => {
    const c: StatusCause = { reason: e.type };
    const msg = errorBody(e);
    if (msg.length > 0) c.message = msg;
    if (e.field.length > 0) c.field = e.field;
    return c;
  });
  const details: StatusDetails = {};
  if (name.length > 0) details.name = name;
  if (groupKind.group.length > 0) details.group = groupKind.group;
  if (groupKind.kind.length > 0) details.kind = groupKind.kind;
  if (causes.length > 0) details.causes = causes;
  const agg = aggregateMessage(errs);
  const head = `${groupKindString(groupKind)} ${goQuote(name)} is invalid`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: agg.length === 0 ? head : `${head}: ${agg}`,
    reason: 'Invalid',
    details,
    code: 422,
  };
}
