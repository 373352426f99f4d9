// User impersonation (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go WithImpersonation):
// `Impersonate-User` (as `kubectl --as` sends it), `Impersonate-Group` (one header line per
// `--as-group`), `Impersonate-Uid` and `Impersonate-Extra-<key>`. Each thing asked for is checked
// with the `impersonate` verb against the requesting user before the request runs as the new user.

import type { Status } from '../../api/types';
import { attributes, forbiddenStatus, type Attributes, type AuthorizationResult } from './rbac';
import { AllAuthenticated, AllUnauthenticated, Anonymous, makeServiceAccountGroupNames, makeServiceAccountUsername, splitServiceAccountUsername, type UserInfo } from './user';

/**
 * Request headers; a header sent on several lines (Impersonate-Group, Impersonate-Extra-*) is an
 * array of its values, as Go's http.Header keeps them. Names match case-insensitively.
 */
export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export type ImpersonationResult =
  /** `user` is the requestor itself when no impersonation header was sent. */
  | { ok: true; user: UserInfo; impersonated: boolean }
  /** 403 (an impersonation not allowed) as a Status, or 500 as upstream's plain-text body. */
  | { ok: false; code: 403; status: Status }
  | { ok: false; code: 500; text: string };

interface ImpersonationRequest {
  kind: 'ServiceAccount' | 'User' | 'Group' | 'UserExtra' | 'UID';
  namespace: string;
  name: string;
  apiVersion: string;
  fieldPath: string;
}

function values(headers: HeaderValues, lowerName: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== lowerName || v === undefined) continue;
    if (typeof v === 'string') out.push(v);
    else out.push(...v);
  }
  return out;
}

/** %v of a []v1.ObjectReference, as the error for groups without a user prints them. */
function formatRequests(reqs: readonly ImpersonationRequest[]): string {
  // ObjectReference's fields in order: Kind Namespace Name UID APIVersion ResourceVersion FieldPath.
  return `[${reqs.map((r) => `{${[r.kind, r.namespace, r.name, '', r.apiVersion, '', r.fieldPath].join(' ')}}`).join(' ')}]`;
}

function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** buildImpersonationRequests. */
function buildImpersonationRequests(headers: HeaderValues): { requests: ImpersonationRequest[] } | { error: string } {
  const requests: ImpersonationRequest[] = [];
  const requestedUser = values(headers, 'impersonate-user')[0] ?? '';
  const hasUser = requestedUser.length > 0;
  if (hasUser) {
    const sa = splitServiceAccountUsername(requestedUser);
    if (sa) requests.push({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name, apiVersion: '', fieldPath: '' });
    else requests.push({ kind: 'User', namespace: '', name: requestedUser, apiVersion: '', fieldPath: '' });
  }
  const groups = values(headers, 'impersonate-group');
  for (const g of groups) requests.push({ kind: 'Group', namespace: '', name: g, apiVersion: '', fieldPath: '' });
  let hasExtra = false;
  const prefix = 'impersonate-extra-';
  for (const [k, v] of Object.entries(headers)) {
    if (!k.toLowerCase().startsWith(prefix) || v === undefined) continue;
    hasExtra = true;
    const key = unescapeExtraKey(k.toLowerCase().slice(prefix.length));
    for (const value of typeof v === 'string' ? [v] : v) {
      requests.push({ kind: 'UserExtra', namespace: '', name: value, apiVersion: 'authentication.k8s.io/v1', fieldPath: key });
    }
  }
  const uid = values(headers, 'impersonate-uid')[0] ?? '';
  const hasUID = uid.length > 0;
  if (hasUID) requests.push({ kind: 'UID', namespace: '', name: uid, apiVersion: 'authentication.k8s.io/v1', fieldPath: '' });
  if ((groups.length > 0 || hasExtra || hasUID) && !hasUser) return { error: `requested ${formatRequests(requests)} without impersonating a user` };
  return { requests };
}

/**
 * WithImpersonation. `authorize` is the apiserver's authorizer chain; `requestURI` the path and
 * query as received, which the 500 text quotes.
 */
export function impersonate(requestor: UserInfo, headers: HeaderValues, authorize: (attrs: Attributes) => AuthorizationResult, requestURI = ''): ImpersonationResult {
  const built = buildImpersonationRequests(headers);
  if ('error' in built) return { ok: false, code: 500, text: `Internal Server Error: ${JSON.stringify(requestURI)}: ${built.error}` };
  if (built.requests.length === 0) return { ok: true, user: requestor, impersonated: false };

  // Groups given are the authority; without them a service account gets its fixed groups.
  const groupsSpecified = values(headers, 'impersonate-group').length > 0;
  let username = '';
  let groups: string[] = [];
  const extra: Record<string, string[]> = {};
  let uid = '';
  for (const r of built.requests) {
    const group = r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.indexOf('/')) : '';
    const version = r.apiVersion.includes('/') ? r.apiVersion.slice(r.apiVersion.indexOf('/') + 1) : r.apiVersion;
    const attrs = attributes({ user: requestor, verb: 'impersonate', apiGroup: group, apiVersion: version, namespace: r.namespace, name: r.name, resourceRequest: true });
    switch (r.kind) {
      case 'ServiceAccount':
        attrs.resource = 'serviceaccounts';
        username = makeServiceAccountUsername(r.namespace, r.name);
        if (!groupsSpecified) groups = makeServiceAccountGroupNames(r.namespace);
        break;
      case 'User':
        attrs.resource = 'users';
        username = r.name;
        break;
      case 'Group':
        attrs.resource = 'groups';
        groups.push(r.name);
        break;
      case 'UserExtra':
        attrs.resource = 'userextras';
        attrs.subresource = r.fieldPath;
        (extra[r.fieldPath] ??= []).push(r.name);
        break;
      case 'UID':
        attrs.resource = 'uids';
        uid = r.name;
        break;
    }
    const res = authorize(attrs);
    if (res.decision !== 'allow') return { ok: false, code: 403, status: forbiddenStatus(attrs, res.reason) };
  }

  if (username !== Anonymous) {
    // system:authenticated unless the groups asked for already say authenticated or not.
    if (!groups.some((g) => g === AllAuthenticated || g === AllUnauthenticated)) groups.push(AllAuthenticated);
  } else if (!groups.includes(AllUnauthenticated)) {
    groups.push(AllUnauthenticated);
  }
  const user: UserInfo = { username, groups, extra };
  if (uid.length > 0) user.uid = uid;
  return { ok: true, user, impersonated: true };
}
