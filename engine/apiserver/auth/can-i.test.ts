// The authorization reviews `kubectl auth can-i` creates, answered over the bootstrap policy
// (settled by the aggregation controller) plus a RoleBinding of `view` to bob in dev.

import { describe, expect, it } from 'vitest';
import type { SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview } from '../../api/types';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles } from './bootstrap';
import {
  authorizeRequest,
  evaluateLocalSubjectAccessReview,
  evaluateSelfSubjectAccessReview,
  evaluateSelfSubjectRulesReview,
  evaluateSubjectAccessReview,
  resourceAttributesFrom,
} from './can-i';
import { rbacStoreFrom, reconcileAggregation } from './rbac';
import type { UserInfo } from './user';

const store = rbacStoreFrom({
  clusterRoles: reconcileAggregation(bootstrapClusterRoles()),
  clusterRoleBindings: [
    ...bootstrapClusterRoleBindings(),
    { metadata: { name: 'bob-view', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [] },
  ],
  roles: Object.values(bootstrapNamespaceRoles()).flat(),
  roleBindings: [
    ...Object.values(bootstrapNamespaceRoleBindings()).flat(),
    { metadata: { name: 'bob-view', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }] },
  ],
});

const admin: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const bob: UserInfo = { username: 'bob', groups: ['system:authenticated'] };

/** What `kubectl auth can-i <verb> <resource> [-n ns]` sends. */
function ssar(verb: string, resource: string, namespace = '', group = '', name = ''): SelfSubjectAccessReview {
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { resourceAttributes: { namespace, verb, group, resource, ...(name ? { name } : {}) } },
  };
}

describe('SelfSubjectAccessReview', () => {
  it('allows kubeadm\'s admin through the kubeadm:cluster-admins binding, with RBAC\'s reason', () => {
    const r = evaluateSelfSubjectAccessReview(ssar('delete', 'nodes'), admin, store);
    expect(r.ok && r.object.status).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"' });
    // The review echoes the request.
    expect(r.ok && r.object.spec).toEqual(ssar('delete', 'nodes').spec);
  });

  it('allows system:masters before RBAC, with no reason (the privileged group authorizer)', () => {
    const root: UserInfo = { username: 'root', groups: ['system:masters', 'system:authenticated'] };
    const r = evaluateSelfSubjectAccessReview(ssar('get', 'pods', 'default'), root, store);
    expect(r.ok && r.object.status).toEqual({ allowed: true });
    // A SubjectAccessReview for the group gets the same answer from the same chain.
    const sar: SubjectAccessReview = { metadata: {}, spec: { user: 'root', groups: ['system:masters'], resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } };
    const viaSAR = evaluateSubjectAccessReview(sar, store);
    expect(viaSAR.ok && viaSAR.object.status).toEqual({ allowed: true });
  });

  it('answers no for a user in the wrong namespace, and yes through a RoleBinding', () => {
    const no = evaluateSelfSubjectAccessReview(ssar('list', 'pods', 'default'), bob, store);
    expect(no.ok && no.object.status).toEqual({ allowed: false });
    const yes = evaluateSelfSubjectAccessReview(ssar('list', 'pods', 'dev'), bob, store);
    expect(yes.ok && yes.object.status).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "bob-view/dev" of ClusterRole "view" to User "bob"' });
    const write = evaluateSelfSubjectAccessReview(ssar('create', 'deployments', 'dev', 'apps'), bob, store);
    expect(write.ok && write.object.status!.allowed).toBe(false);
  });

  it('lets every authenticated user create reviews and read discovery', () => {
    const r = evaluateSelfSubjectAccessReview(ssar('create', 'selfsubjectaccessreviews', '', 'authorization.k8s.io'), bob, store);
    expect(r.ok && r.object.status).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"' });
    const nr: SelfSubjectAccessReview = { metadata: {}, spec: { nonResourceAttributes: { verb: 'get', path: '/apis/apps' } } };
    const d = evaluateSelfSubjectAccessReview(nr, bob, store);
    expect(d.ok && d.object.status).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' });
    const anon = evaluateSelfSubjectAccessReview(nr, { username: 'system:anonymous', groups: ['system:unauthenticated'] }, store);
    expect(anon.ok && anon.object.status).toEqual({ allowed: false });
  });

  it('matches an empty version to every version', () => {
    expect(resourceAttributesFrom(bob, { verb: 'get', resource: 'pods' }).apiVersion).toBe('*');
    expect(resourceAttributesFrom(bob, { verb: 'get', resource: 'pods', version: 'v1' }).apiVersion).toBe('v1');
    expect(authorizeRequest(resourceAttributesFrom(bob, { verb: 'get', resource: 'pods', namespace: 'dev' }), store).decision).toBe('allow');
  });

  it('rejects a spec with neither or both attribute kinds (422)', () => {
    const neither = evaluateSelfSubjectAccessReview({ metadata: {}, spec: {} }, bob, store);
    expect(neither).toEqual({
      ok: false,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
        reason: 'Invalid',
        details: { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified', field: 'spec.resourceAttributes' }] },
        code: 422,
      },
    });
    const both = evaluateSelfSubjectAccessReview({ metadata: {}, spec: { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/x', verb: 'get' } } }, bob, store);
    expect(!both.ok && both.status.message).toBe(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with resourceAttributes',
    );
  });
});

describe('SubjectAccessReview', () => {
  it('asks about spec.user and spec.groups as given (no system:authenticated added)', () => {
    const sar = (groups: string[]): SubjectAccessReview => ({ metadata: {}, spec: { user: 'carol', groups, resourceAttributes: { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' } } });
    const without = evaluateSubjectAccessReview(sar([]), store);
    expect(without.ok && without.object.status).toEqual({ allowed: false });
    const withGroup = evaluateSubjectAccessReview(sar(['system:authenticated']), store);
    expect(withGroup.ok && withGroup.object.status!.allowed).toBe(true);
  });

  it('needs a user or a group', () => {
    const r = evaluateSubjectAccessReview({ metadata: {}, spec: { resourceAttributes: { verb: 'get' } } }, store);
    expect(!r.ok && r.status.message).toBe('SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified');
  });

  it('confines a LocalSubjectAccessReview to its namespace', () => {
    const ok = evaluateLocalSubjectAccessReview({ metadata: { namespace: 'dev' }, spec: { user: 'bob', resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'pods' } } }, 'dev', store);
    expect(ok.ok && ok.object.status!.allowed).toBe(true);
    const mismatch = evaluateLocalSubjectAccessReview({ metadata: { namespace: 'dev' }, spec: { user: 'bob', resourceAttributes: { namespace: 'prod', verb: 'get', resource: 'pods' } } }, 'dev', store);
    expect(!mismatch.ok && mismatch.status.message).toBe('LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "prod": must match metadata.namespace');
    const wrongURL = evaluateLocalSubjectAccessReview({ metadata: { namespace: 'dev' }, spec: { user: 'bob', resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'pods' } } }, 'prod', store);
    expect(!wrongURL.ok && wrongURL.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'spec.resourceAttributes.namespace must match namespace: prod' });
  });
});

describe('SelfSubjectRulesReview (kubectl auth can-i --list)', () => {
  const review = (namespace: string): SelfSubjectRulesReview => ({ kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { namespace } });

  it('lists a user\'s rules in the namespace, split into resource and non-resource rules', () => {
    const r = evaluateSelfSubjectRulesReview(review('default'), bob, store);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.object.spec).toEqual({});
    expect(r.object.status).toEqual({
      resourceRules: [
        { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
        { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
      ],
      nonResourceRules: [
        { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
        { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
      ],
      incomplete: false,
    });
  });

  it('adds the namespace\'s RoleBinding rules after the cluster ones; cluster-admin is all stars', () => {
    const dev = evaluateSelfSubjectRulesReview(review('dev'), bob, store);
    expect(dev.ok && dev.object.status!.resourceRules.length).toBeGreaterThan(2);
    expect(dev.ok && dev.object.status!.resourceRules[2]).toEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'] });
    const a = evaluateSelfSubjectRulesReview(review('default'), admin, store);
    expect(a.ok && a.object.status!.resourceRules[0]).toEqual({ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] });
    expect(a.ok && a.object.status!.resourceRules).toContainEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(a.ok && a.object.status!.nonResourceRules).toContainEqual({ verbs: ['*'], nonResourceURLs: ['*'] });
  });

  it('reports bindings to missing roles in evaluationError, and needs a namespace', () => {
    const broken = rbacStoreFrom({ clusterRoleBindings: [{ metadata: { name: 'x' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'gone' }, subjects: [{ kind: 'User', name: 'bob' }] }] });
    const r = evaluateSelfSubjectRulesReview(review('default'), bob, broken);
    expect(r.ok && r.object.status).toEqual({ resourceRules: [], nonResourceRules: [], incomplete: false, evaluationError: 'clusterrole.rbac.authorization.k8s.io "gone" not found' });
    const none = evaluateSelfSubjectRulesReview(review(''), bob, store);
    expect(!none.ok && none.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'no namespace on request', reason: 'BadRequest', code: 400 });
  });
});
