// Authentication and impersonation. The token-file cases are upstream's
// (plugin/pkg/authenticator/token/tokenfile/tokenfile_test.go); the impersonation cases follow
// k8s.io/apiserver/pkg/endpoints/filters/impersonation_test.go.

import { describe, expect, it } from 'vitest';
import {
  anonymousUser,
  authenticateRequest,
  bearerToken,
  impersonate,
  parseTokenFile,
  ServiceAccountTokenRegistry,
  serviceAccountTokenAuthenticator,
  staticTokenAuthenticator,
  unauthorizedStatus,
} from './authn';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap';
import { authorizeRequest } from './can-i';
import { rbacStoreFrom, type Attributes, type AuthorizationResult } from './rbac';
import { splitServiceAccountUsername, type UserInfo } from './user';

describe('token file', () => {
  const tokens = parseTokenFile(`
token1,user1,uid1
token2,user2,uid2
token3,user3,uid3,"group1,group2"
token4,user4,uid4,"group2"
token5,user5,uid5,group5
token6,user6,uid6,group5,otherdata
token7,user7,uid7,"group1,group2",otherdata
`);
  const auth = staticTokenAuthenticator(tokens);

  it('maps tokens to users (TestTokenFile)', () => {
    expect(auth.authenticateToken('token1')).toEqual({ username: 'user1', uid: 'uid1', groups: [] });
    expect(auth.authenticateToken('token2')).toEqual({ username: 'user2', uid: 'uid2', groups: [] });
    expect(auth.authenticateToken('token3')).toEqual({ username: 'user3', uid: 'uid3', groups: ['group1', 'group2'] });
    expect(auth.authenticateToken('token4')).toEqual({ username: 'user4', uid: 'uid4', groups: ['group2'] });
    expect(auth.authenticateToken('token5')).toEqual({ username: 'user5', uid: 'uid5', groups: ['group5'] });
    expect(auth.authenticateToken('token6')).toEqual({ username: 'user6', uid: 'uid6', groups: ['group5'] });
    expect(auth.authenticateToken('token7')).toEqual({ username: 'user7', uid: 'uid7', groups: ['group1', 'group2'] });
    expect(auth.authenticateToken('token8')).toBeUndefined();
  });

  it('rejects rows with fewer than 3 columns (TestInsufficientColumnsTokenFile)', () => {
    expect(() => parseTokenFile('token4\n', '/etc/tokens.csv')).toThrow("token file '/etc/tokens.csv' must have at least 3 columns (token, user name, user uid), found 1");
  });

  it('skips empty tokens and rejects bare quotes, as encoding/csv does', () => {
    expect([...parseTokenFile(',user1,uid1\nt,u,i\n').keys()]).toEqual(['t']);
    expect(() => parseTokenFile('t,u"x,i\n')).toThrow('bare " in non-quoted-field');
    expect(parseTokenFile('t,u,i,"a ""b"",c"\r\n').get('t')!.groups).toEqual(['a "b"', 'c']);
  });
});

describe('authenticateRequest', () => {
  const admin: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] };
  const config = { tokenAuthenticators: [staticTokenAuthenticator(new Map([['secret', admin]]))], anonymous: true };

  it('authenticates a bearer token and adds system:authenticated', () => {
    expect(authenticateRequest({ authorization: 'Bearer secret' }, config)).toEqual({ ok: true, anonymous: false, user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] } });
    expect(authenticateRequest({ Authorization: 'bearer secret' }, config).ok).toBe(true);
  });

  it('answers a bad token with 401 Unauthorized even with anonymous auth on', () => {
    expect(authenticateRequest({ authorization: 'Bearer nope' }, config)).toEqual({ ok: false, status: unauthorizedStatus() });
    expect(unauthorizedStatus()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  it('makes a request with no credential system:anonymous, or 401 with anonymous auth off', () => {
    expect(authenticateRequest({}, config)).toEqual({ ok: true, anonymous: true, user: { username: 'system:anonymous', groups: ['system:unauthenticated'] } });
    // Another scheme, or an empty bearer token, is no credential (basic auth is gone since 1.19).
    expect(authenticateRequest({ authorization: 'Basic dXNlcjpwYXNz' }, config).ok).toBe(true);
    expect(bearerToken({ authorization: 'Bearer ' })).toBeUndefined();
    expect(authenticateRequest({}, { ...config, anonymous: false })).toEqual({ ok: false, status: unauthorizedStatus() });
  });

  it('does not add system:authenticated twice', () => {
    const c = { tokenAuthenticators: [staticTokenAuthenticator(new Map([['t', { username: 'x', groups: ['system:authenticated'] }]]))], anonymous: false };
    const r = authenticateRequest({ authorization: 'Bearer t' }, c);
    expect(r.ok && r.user.groups).toEqual(['system:authenticated']);
  });
});

describe('service-account tokens', () => {
  it('authenticates as system:serviceaccount:<ns>:<name> with its groups, uid and pod extras', () => {
    const reg = new ServiceAccountTokenRegistry();
    const token = reg.issue({ namespace: 'default', name: 'builder', uid: 'sa-uid', podName: 'web-0', podUID: 'pod-uid', jti: 'j1' }, 'n0nce');
    expect(token).toBe('kubeplay-sa:default:builder:n0nce');
    const config = { tokenAuthenticators: [serviceAccountTokenAuthenticator((t) => reg.lookup(t))], anonymous: false };
    expect(authenticateRequest({ authorization: `Bearer ${token}` }, config)).toEqual({
      ok: true,
      anonymous: false,
      user: {
        username: 'system:serviceaccount:default:builder',
        uid: 'sa-uid',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/pod-name': ['web-0'], 'authentication.kubernetes.io/pod-uid': ['pod-uid'], 'authentication.kubernetes.io/credential-id': ['JTI=j1'] },
      },
    });
    // Only issued tokens count, however they look; a revoked or invalidated one is a 401.
    expect(authenticateRequest({ authorization: 'Bearer kubeplay-sa:default:builder:guess' }, config).ok).toBe(false);
    const gone = { tokenAuthenticators: [serviceAccountTokenAuthenticator((t) => reg.lookup(t), () => false)], anonymous: false };
    expect(authenticateRequest({ authorization: `Bearer ${token}` }, gone).ok).toBe(false);
    reg.revoke(token);
    expect(authenticateRequest({ authorization: `Bearer ${token}` }, config).ok).toBe(false);
  });

  it('splits service-account usernames as serviceaccount.SplitUsername does', () => {
    expect(splitServiceAccountUsername('system:serviceaccount:ns:sa')).toEqual({ namespace: 'ns', name: 'sa' });
    expect(splitServiceAccountUsername('system:serviceaccount:ns:a.b')).toEqual({ namespace: 'ns', name: 'a.b' });
    expect(splitServiceAccountUsername('system:serviceaccount:ns')).toBeUndefined();
    expect(splitServiceAccountUsername('system:serviceaccount:n.s:sa')).toBeUndefined();
    expect(splitServiceAccountUsername('system:serviceaccount:ns:sa:x')).toBeUndefined();
    expect(splitServiceAccountUsername('bob')).toBeUndefined();
  });
});

describe('impersonation', () => {
  // An authorizer as impersonation_test.go's: tester may impersonate anything; others little.
  const calls: Attributes[] = [];
  const authz = (a: Attributes): AuthorizationResult => {
    calls.push(a);
    if (a.user.username === 'tester') return { decision: 'allow', reason: '' };
    if (a.user.username === 'deny-sa' && a.resource === 'serviceaccounts') return { decision: 'noOpinion', reason: '' };
    if (a.user.groups.includes('wheel') && a.resource === 'users' && a.name === 'system:admin') return { decision: 'allow', reason: '' };
    if (a.user.groups.includes('sa-impersonater') && a.resource === 'serviceaccounts') return { decision: 'allow', reason: '' };
    if (a.user.groups.includes('extra-setter-scopes') && a.resource === 'userextras' && a.subresource === 'scopes') return { decision: 'allow', reason: '' };
    return { decision: 'noOpinion', reason: '' };
  };
  const tester: UserInfo = { username: 'tester', groups: ['system:authenticated'] };

  it('passes a request without impersonation headers through', () => {
    expect(impersonate(tester, {}, authz)).toEqual({ ok: true, user: tester, impersonated: false });
  });

  it('impersonates a user (kubectl --as), adding system:authenticated', () => {
    expect(impersonate(tester, { 'impersonate-user': 'alice' }, authz)).toEqual({ ok: true, impersonated: true, user: { username: 'alice', groups: ['system:authenticated'], extra: {} } });
  });

  it('takes the groups given (--as-group), each checked', () => {
    calls.length = 0;
    const r = impersonate(tester, { 'Impersonate-User': 'alice', 'Impersonate-Group': ['dev', 'ops'] }, authz);
    expect(r).toEqual({ ok: true, impersonated: true, user: { username: 'alice', groups: ['dev', 'ops', 'system:authenticated'], extra: {} } });
    expect(calls.map((c) => [c.verb, c.resource, c.name, c.apiGroup])).toEqual([
      ['impersonate', 'users', 'alice', ''],
      ['impersonate', 'groups', 'dev', ''],
      ['impersonate', 'groups', 'ops', ''],
    ]);
    const unauth = impersonate(tester, { 'impersonate-user': 'alice', 'impersonate-group': 'system:unauthenticated' }, authz);
    expect(unauth.ok && unauth.user.groups).toEqual(['system:unauthenticated']);
  });

  it('impersonates a service account with its groups, checked in its namespace', () => {
    calls.length = 0;
    const r = impersonate(tester, { 'impersonate-user': 'system:serviceaccount:foo:default' }, authz);
    expect(r).toEqual({ ok: true, impersonated: true, user: { username: 'system:serviceaccount:foo:default', groups: ['system:serviceaccounts', 'system:serviceaccounts:foo', 'system:authenticated'], extra: {} } });
    expect(calls[0]).toMatchObject({ verb: 'impersonate', resource: 'serviceaccounts', namespace: 'foo', name: 'default' });
  });

  it('anonymous gets system:unauthenticated', () => {
    const r = impersonate(tester, { 'impersonate-user': 'system:anonymous' }, authz);
    expect(r.ok && r.user.groups).toEqual(['system:unauthenticated']);
  });

  it('sets extras and uid, checked as userextras/<key> and uids in authentication.k8s.io', () => {
    calls.length = 0;
    const r = impersonate(tester, { 'impersonate-user': 'alice', 'impersonate-extra-scopes': ['a', 'b'], 'impersonate-uid': 'u-1' }, authz);
    expect(r).toEqual({ ok: true, impersonated: true, user: { username: 'alice', uid: 'u-1', groups: ['system:authenticated'], extra: { scopes: ['a', 'b'] } } });
    expect(calls.slice(1).map((c) => [c.resource, c.subresource, c.apiGroup, c.apiVersion, c.name])).toEqual([
      ['userextras', 'scopes', 'authentication.k8s.io', 'v1', 'a'],
      ['userextras', 'scopes', 'authentication.k8s.io', 'v1', 'b'],
      ['uids', '', 'authentication.k8s.io', 'v1', 'u-1'],
    ]);
  });

  it('forbids what the requestor may not impersonate, with the apiserver\'s 403', () => {
    const bob: UserInfo = { username: 'bob', groups: ['system:authenticated'] };
    expect(impersonate(bob, { 'impersonate-user': 'alice' }, authz)).toEqual({
      ok: false,
      code: 403,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
        reason: 'Forbidden',
        details: { name: 'alice', kind: 'users' },
        code: 403,
      },
    });
    const sa = impersonate({ username: 'deny-sa', groups: [] }, { 'impersonate-user': 'system:serviceaccount:foo:default' }, authz);
    expect(!sa.ok && sa.code === 403 && sa.status.message).toBe('serviceaccounts "default" is forbidden: User "deny-sa" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "foo"');
    const wheel = impersonate({ username: 'dev', groups: ['wheel'] }, { 'impersonate-user': 'system:admin' }, authz);
    expect(wheel.ok).toBe(true);
  });

  it('refuses groups without a user with a 500, as upstream does', () => {
    expect(impersonate(tester, { 'impersonate-group': 'some-group' }, authz, '/api/v1/pods')).toEqual({
      ok: false,
      code: 500,
      text: 'Internal Server Error: "/api/v1/pods": requested [{Group  some-group    }] without impersonating a user',
    });
  });

  it('lets the default admin impersonate through the bootstrap RBAC', () => {
    const store = rbacStoreFrom({ clusterRoles: bootstrapClusterRoles(), clusterRoleBindings: bootstrapClusterRoleBindings() });
    const admin: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
    expect(impersonate(admin, { 'impersonate-user': 'bob' }, (a) => authorizeRequest(a, store)).ok).toBe(true);
    const anon = anonymousUser();
    const r = impersonate(anon, { 'impersonate-user': 'bob' }, (a) => authorizeRequest(a, store));
    expect(!r.ok && r.code === 403 && r.status.message).toBe('users "bob" is forbidden: User "system:anonymous" cannot impersonate resource "users" in API group "" at the cluster scope');
  });
});
