// The review resources: SelfSubjectAccessReview (`kubectl auth can-i`), SubjectAccessReview,
// LocalSubjectAccessReview, SelfSubjectRulesReview (`can-i --list`) and SelfSubjectReview
// (`kubectl auth whoami`). They are answered from the authorizer and never stored.

import type { ResourceInfo } from '../api/resources';
import type { KubeObject, Status } from '../api/types';
import { evaluateLocalSubjectAccessReview, evaluateSelfSubjectAccessReview, evaluateSelfSubjectRulesReview, evaluateSubjectAccessReview, type ReviewResult } from './auth/can-i';
import type { RbacStore } from './auth/rbac';
import { SystemPrivilegedGroup, type UserInfo } from './auth/user';
import { newBadRequest, newMethodNotSupported, StatusError } from './errors';
import type { RequestInfo } from './request-info';

function result<T>(r: ReviewResult<T>): KubeObject {
  if (!r.ok) throw new StatusError(r.status);
  return r.object as unknown as KubeObject;
}

/** Answers a POST of a review. */
export function reviewFor(r: ResourceInfo, user: UserInfo, body: string | undefined, info: RequestInfo, rbac: RbacStore): KubeObject | Status {
  if (info.verb !== 'create') throw newMethodNotSupported({ group: r.group, resource: r.resource }, info.verb);
  let review: Record<string, unknown>;
  try {
    review = JSON.parse(body ?? '') as Record<string, unknown>;
  } catch {
    throw newBadRequest('invalid review body');
  }
  const typed = { ...review, kind: r.kind, apiVersion: `${r.group}/${r.version}` };
  // The privileged group is allowed before RBAC is asked, as the authorizer chain does it.
  const privileged = user.groups.includes(SystemPrivilegedGroup);
  switch (r.resource) {
    case 'selfsubjectaccessreviews': {
      if (privileged) return { ...typed, status: { allowed: true } } as unknown as KubeObject;
      return result(evaluateSelfSubjectAccessReview(typed as never, user, rbac));
    }
    case 'subjectaccessreviews':
      return result(evaluateSubjectAccessReview(typed as never, rbac));
    case 'localsubjectaccessreviews':
      return result(evaluateLocalSubjectAccessReview(typed as never, info.namespace, rbac));
    case 'selfsubjectrulesreviews':
      return result(evaluateSelfSubjectRulesReview(typed as never, user, rbac));
    case 'selfsubjectreviews':
      return { ...typed, metadata: { creationTimestamp: null }, status: { userInfo: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups, ...(user.extra ? { extra: user.extra } : {}) } } } as unknown as KubeObject;
    case 'tokenreviews':
      throw newBadRequest('token reviews are not served');
  }
  throw newMethodNotSupported({ group: r.group, resource: r.resource }, info.verb);
}
