// Upstream's RBAC authorizer tests (plugin/pkg/auth/authorizer/rbac/rbac_test.go: TestAuthorizer,
// TestRuleMatches) ported case for case, plus the reasons and 403s kube-apiserver writes.

import { describe, expect, it } from 'vitest';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding } from '../../api/types';
import { aggregateRules, attributes, authorize, forbiddenMessage, forbiddenStatus, rbacStoreFrom, ruleAllows, rulesFor, type Attributes } from './rbac';
import type { UserInfo } from './user';

// ---- rbac_test.go's helpers ----

function newRule(verbs: string, apiGroups: string, resources: string, nonResourceURLs: string): PolicyRule {
  return { verbs: verbs.split(','), apiGroups: apiGroups.split(','), resources: resources.split(','), nonResourceURLs: nonResourceURLs.split(',') };
}

function newClusterRole(name: string, ...rules: PolicyRule[]): ClusterRole {
  return { metadata: { name }, rules };
}

function newRole(name: string, namespace: string, ...rules: PolicyRule[]): Role {
  return { metadata: { name, namespace }, rules };
}

function subjects(specs: string[]) {
  return specs.map((s) => {
    const i = s.indexOf(':');
    const kind = s.slice(0, i);
    const name = s.slice(i + 1);
    return kind === 'ServiceAccount' ? { kind, name, apiGroup: '' } : { kind, name, apiGroup: 'rbac.authorization.k8s.io' };
  });
}

function newClusterRoleBinding(roleName: string, ...subjectSpecs: string[]): ClusterRoleBinding {
  return { metadata: {}, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects: subjects(subjectSpecs) };
}

function newRoleBinding(namespace: string, roleName: string, kind: 'Role' | 'ClusterRole', ...subjectSpecs: string[]): RoleBinding {
  return { metadata: { namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: roleName }, subjects: subjects(subjectSpecs) };
}

/** defaultAttributes{user, groups, verb, resource, subresource, namespace, apiGroup}. */
function da(user: string, groups: string, verb: string, resource: string, subresource: string, namespace: string, apiGroup: string): Attributes {
  return attributes({ user: { username: user, groups: groups.split(',') }, verb, resource, subresource, namespace, apiGroup, resourceRequest: true });
}

const u = (username: string, groups: string[] = []): UserInfo => ({ username, groups });
const nonResource = (user: UserInfo, verb: string, path: string) => attributes({ user, verb, path });

describe('TestAuthorizer', () => {
  const cases: Array<{
    roles?: Role[];
    roleBindings?: RoleBinding[];
    clusterRoles?: ClusterRole[];
    clusterRoleBindings?: ClusterRoleBinding[];
    shouldPass: Attributes[];
    shouldFail: Attributes[];
  }> = [
    {
      clusterRoles: [newClusterRole('admin', newRule('*', '*', '*', '*'))],
      roleBindings: [newRoleBinding('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')],
      shouldPass: [
        da('admin', '', 'get', 'Pods', '', 'ns1', ''),
        da('admin', '', 'watch', 'Pods', '', 'ns1', ''),
        da('admin', 'group1', 'watch', 'Foobar', '', 'ns1', ''),
        da('joe', 'admins', 'watch', 'Foobar', '', 'ns1', ''),
        da('joe', 'group1,admins', 'watch', 'Foobar', '', 'ns1', ''),
      ],
      shouldFail: [
        da('admin', '', 'GET', 'Pods', '', 'ns2', ''),
        da('admin', '', 'GET', 'Nodes', '', '', ''),
        da('admin', 'admins', 'GET', 'Pods', '', 'ns2', ''),
        da('admin', 'admins', 'GET', 'Nodes', '', '', ''),
      ],
    },
    {
      // Non-resource URLs.
      clusterRoles: [
        newClusterRole('non-resource-url-getter', newRule('get', '', '', '/apis')),
        newClusterRole('non-resource-url', newRule('*', '', '', '/apis')),
        newClusterRole('non-resource-url-prefix', newRule('get', '', '', '/apis/*')),
      ],
      clusterRoleBindings: [
        newClusterRoleBinding('non-resource-url-getter', 'User:foo', 'Group:bar'),
        newClusterRoleBinding('non-resource-url', 'User:admin', 'Group:admin'),
        newClusterRoleBinding('non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
      ],
      shouldPass: [
        nonResource(u('foo'), 'get', '/apis'),
        nonResource(u('', ['bar']), 'get', '/apis'),
        nonResource(u('admin'), 'get', '/apis'),
        nonResource(u('', ['admin']), 'get', '/apis'),
        nonResource(u('admin'), 'watch', '/apis'),
        nonResource(u('', ['admin']), 'watch', '/apis'),
        nonResource(u('prefixed'), 'get', '/apis/v1'),
        nonResource(u('', ['prefixed']), 'get', '/apis/v1'),
        nonResource(u('prefixed'), 'get', '/apis/v1/foobar'),
        nonResource(u('', ['prefixed']), 'get', '/apis/v1/foorbar'),
      ],
      shouldFail: [
        // wrong verb
        nonResource(u('foo'), 'watch', '/apis'),
        nonResource(u('', ['bar']), 'watch', '/apis'),
        // wrong path
        nonResource(u('foo'), 'get', '/api/v1'),
        nonResource(u('', ['bar']), 'get', '/api/v1'),
        nonResource(u('admin'), 'get', '/api/v1'),
        nonResource(u('', ['admin']), 'get', '/api/v1'),
        // not covered by prefix
        nonResource(u('prefixed'), 'get', '/api/v1'),
        nonResource(u('', ['prefixed']), 'get', '/api/v1'),
      ],
    },
    {
      // Subresource resolution: pods does not cover pods/status.
      clusterRoles: [newClusterRole('admin', newRule('*', '*', 'pods', '*'))],
      roleBindings: [newRoleBinding('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')],
      shouldPass: [da('admin', '', 'get', 'pods', '', 'ns1', '')],
      shouldFail: [da('admin', '', 'get', 'pods', 'status', 'ns1', '')],
    },
    {
      // ... and pods/status does not cover pods.
      clusterRoles: [newClusterRole('admin', newRule('*', '*', 'pods/status', '*'))],
      roleBindings: [newRoleBinding('ns1', 'admin', 'ClusterRole', 'User:admin', 'Group:admins')],
      shouldPass: [da('admin', '', 'get', 'pods', 'status', 'ns1', '')],
      shouldFail: [da('admin', '', 'get', 'pods', '', 'ns1', '')],
    },
  ];
  cases.forEach((tt, i) => {
    it(`case ${i}`, () => {
      const store = rbacStoreFrom(tt);
      for (const a of tt.shouldPass) expect(authorize(a, store).decision, `incorrectly restricted ${JSON.stringify(a)}`).toBe('allow');
      for (const a of tt.shouldFail) expect(authorize(a, store).decision, `incorrectly passed ${JSON.stringify(a)}`).toBe('noOpinion');
    });
  });
});

/** requestAttributeBuilder. */
const res = (verb: string, group: string, resource: string, subresource = '', name = '') =>
  attributes({ user: u(''), verb, apiGroup: group, resource, subresource, name, resourceRequest: true });
const url = (verb: string, path: string) => attributes({ user: u(''), verb, path });

/** rbac.NewRule(...).Groups(...).Resources(...).RuleOrDie() / .URLs(...). */
const rule = (verbs: string[], groups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups: groups, resources, ...(resourceNames ? { resourceNames } : {}) });
const urlRule = (verbs: string[], urls: string[]): PolicyRule => ({ verbs, nonResourceURLs: urls });

describe('TestRuleMatches', () => {
  const tests: Array<{ name: string; rule: PolicyRule; requests: Array<[Attributes, boolean]> }> = [
    {
      name: 'star verb, exact match other',
      rule: rule(['*'], ['group1'], ['resource1']),
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), false],
        [res('verb1', 'group1', 'resource2'), false],
        [res('verb1', 'group2', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), true],
        [res('verb2', 'group2', 'resource1'), false],
        [res('verb2', 'group1', 'resource2'), false],
        [res('verb2', 'group2', 'resource2'), false],
      ],
    },
    {
      name: 'star group, exact match other',
      rule: rule(['verb1'], ['*'], ['resource1']),
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), true],
        [res('verb1', 'group1', 'resource2'), false],
        [res('verb1', 'group2', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), false],
        [res('verb2', 'group2', 'resource1'), false],
        [res('verb2', 'group1', 'resource2'), false],
        [res('verb2', 'group2', 'resource2'), false],
      ],
    },
    {
      name: 'star resource, exact match other',
      rule: rule(['verb1'], ['group1'], ['*']),
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), false],
        [res('verb1', 'group1', 'resource2'), true],
        [res('verb1', 'group2', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), false],
        [res('verb2', 'group2', 'resource1'), false],
        [res('verb2', 'group1', 'resource2'), false],
        [res('verb2', 'group2', 'resource2'), false],
      ],
    },
    {
      name: 'tuple expansion',
      rule: rule(['verb1', 'verb2'], ['group1', 'group2'], ['resource1', 'resource2']),
      requests: ['verb1', 'verb2'].flatMap((v) => ['group1', 'group2'].flatMap((g) => ['resource1', 'resource2'].map((r): [Attributes, boolean] => [res(v, g, r), true]))),
    },
    {
      name: 'subresource expansion',
      rule: rule(['*'], ['*'], ['resource1/subresource1']),
      requests: [
        [res('verb1', 'group1', 'resource1', 'subresource1'), true],
        [res('verb1', 'group2', 'resource1', 'subresource2'), false],
        [res('verb1', 'group1', 'resource2', 'subresource1'), false],
        [res('verb1', 'group2', 'resource2', 'subresource1'), false],
        [res('verb2', 'group1', 'resource1', 'subresource1'), true],
        [res('verb2', 'group2', 'resource1', 'subresource2'), false],
        [res('verb2', 'group1', 'resource2', 'subresource1'), false],
        [res('verb2', 'group2', 'resource2', 'subresource1'), false],
      ],
    },
    {
      name: 'star nonresource, exact match other',
      rule: urlRule(['verb1'], ['*']),
      requests: [
        [url('verb1', '/foo'), true],
        [url('verb1', '/foo/bar'), true],
        [url('verb1', '/foo/baz'), true],
        [url('verb1', '/foo/bar/one'), true],
        [url('verb1', '/foo/baz/one'), true],
        [url('verb2', '/foo'), false],
        [url('verb2', '/foo/bar'), false],
        [url('verb2', '/foo/baz'), false],
        [url('verb2', '/foo/bar/one'), false],
        [url('verb2', '/foo/baz/one'), false],
      ],
    },
    {
      name: 'star nonresource subpath',
      rule: urlRule(['verb1'], ['/foo/*']),
      requests: [
        [url('verb1', '/foo'), false],
        [url('verb1', '/foo/bar'), true],
        [url('verb1', '/foo/baz'), true],
        [url('verb1', '/foo/bar/one'), true],
        [url('verb1', '/foo/baz/one'), true],
        [url('verb1', '/notfoo'), false],
        [url('verb1', '/notfoo/bar'), false],
        [url('verb1', '/notfoo/baz'), false],
        [url('verb1', '/notfoo/bar/one'), false],
        [url('verb1', '/notfoo/baz/one'), false],
      ],
    },
    {
      name: 'star verb, exact nonresource',
      rule: urlRule(['*'], ['/foo', '/foo/bar/one']),
      requests: [
        [url('verb1', '/foo'), true],
        [url('verb1', '/foo/bar'), false],
        [url('verb1', '/foo/baz'), false],
        [url('verb1', '/foo/bar/one'), true],
        [url('verb1', '/foo/baz/one'), false],
        [url('verb2', '/foo'), true],
        [url('verb2', '/foo/bar'), false],
        [url('verb2', '/foo/baz'), false],
        [url('verb2', '/foo/bar/one'), true],
        [url('verb2', '/foo/baz/one'), false],
      ],
    },
    // evaluation_helpers.go's other branches: */subresource, resourceNames, a bare `*` prefix.
    {
      name: 'star subresource',
      rule: rule(['get'], [''], ['*/status']),
      requests: [
        [res('get', '', 'pods', 'status'), true],
        [res('get', '', 'nodes', 'status'), true],
        [res('get', '', 'pods'), false],
        [res('get', '', 'pods', 'log'), false],
        [res('get', '', 'pods', 'xstatus'), false],
      ],
    },
    {
      name: 'resource names',
      rule: rule(['get', 'update'], [''], ['configmaps'], ['kube-scheduler']),
      requests: [
        [res('get', '', 'configmaps', '', 'kube-scheduler'), true],
        [res('get', '', 'configmaps', '', 'other'), false],
        // A list has no name, so a named rule never allows it.
        [res('list', '', 'configmaps'), false],
      ],
    },
    {
      name: 'prefix with several stars',
      rule: urlRule(['get'], ['/healthz**']),
      requests: [
        [url('get', '/healthz'), true],
        [url('get', '/healthz/etcd'), true],
        [url('get', '/health'), false],
      ],
    },
  ];
  for (const tc of tests) {
    it(tc.name, () => {
      for (const [req, expected] of tc.requests) expect(ruleAllows(req, tc.rule), JSON.stringify(req)).toBe(expected);
    });
  }
});

describe('reasons', () => {
  const store = rbacStoreFrom({
    clusterRoles: [newClusterRole('cluster-admin', rule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])), newClusterRole('pod-reader', rule(['get', 'list'], [''], ['pods']))],
    clusterRoleBindings: [{ ...newClusterRoleBinding('cluster-admin', 'Group:system:masters'), metadata: { name: 'cluster-admin' } }, { ...newClusterRoleBinding('missing', 'User:bob'), metadata: { name: 'bob-missing' } }],
    roles: [newRole('sa-reader', 'team', rule(['get'], [''], ['secrets']))],
    roleBindings: [
      { ...newRoleBinding('team', 'pod-reader', 'ClusterRole', 'User:alice'), metadata: { name: 'alice-pods', namespace: 'team' } },
      // A ServiceAccount subject without a namespace is the binding's own namespace's.
      { ...newRoleBinding('team', 'sa-reader', 'Role', 'ServiceAccount:builder'), metadata: { name: 'builder-secrets', namespace: 'team' } },
      { ...newRoleBinding('team', 'nope', 'Role', 'User:alice'), metadata: { name: 'dangling', namespace: 'team' } },
    ],
  });

  it('names the ClusterRoleBinding and subject that allowed', () => {
    const a = attributes({ user: u('root', ['system:masters', 'system:authenticated']), verb: 'delete', resource: 'nodes', name: 'n1', resourceRequest: true });
    expect(authorize(a, store)).toEqual({ decision: 'allow', reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"' });
  });

  it('names a RoleBinding as name/namespace and a ServiceAccount as name/namespace', () => {
    const alice = attributes({ user: u('alice'), verb: 'list', resource: 'pods', namespace: 'team', resourceRequest: true });
    expect(authorize(alice, store).reason).toBe('RBAC: allowed by RoleBinding "alice-pods/team" of ClusterRole "pod-reader" to User "alice"');
    const sa = attributes({ user: u('system:serviceaccount:team:builder', ['system:serviceaccounts']), verb: 'get', resource: 'secrets', namespace: 'team', resourceRequest: true });
    expect(authorize(sa, store).reason).toBe('RBAC: allowed by RoleBinding "builder-secrets/team" of Role "sa-reader" to ServiceAccount "builder/team"');
    const otherSA = { ...sa, user: u('system:serviceaccount:other:builder') };
    expect(authorize(otherSA, store).decision).toBe('noOpinion');
  });

  it('reports the roles a binding refers to that do not exist', () => {
    const bob = attributes({ user: u('bob'), verb: 'get', resource: 'pods', namespace: 'default', resourceRequest: true });
    expect(authorize(bob, store)).toEqual({ decision: 'noOpinion', reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found' });
    const alice = attributes({ user: u('alice'), verb: 'delete', resource: 'pods', namespace: 'team', resourceRequest: true });
    expect(authorize(alice, store)).toEqual({ decision: 'noOpinion', reason: 'RBAC: role.rbac.authorization.k8s.io "nope" not found' });
    const both = attributes({ user: u('alice', ['x']), verb: 'delete', resource: 'pods', namespace: 'team', resourceRequest: true });
    const store2 = rbacStoreFrom({ clusterRoles: store.clusterRoles, clusterRoleBindings: [{ ...newClusterRoleBinding('gone', 'User:alice'), metadata: { name: 'g' } }], roles: store.roles('team'), roleBindings: store.roleBindings('team') });
    expect(authorize(both, store2).reason).toBe('RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "nope" not found]');
  });

  it('has no opinion, with no reason, for a user nothing binds', () => {
    const a = attributes({ user: u('nobody'), verb: 'get', resource: 'pods', namespace: 'team', resourceRequest: true });
    expect(authorize(a, store)).toEqual({ decision: 'noOpinion', reason: '' });
  });

  it('lists the rules that apply, cluster bindings first (RulesFor)', () => {
    const r = rulesFor(u('alice'), 'team', store);
    expect(r.rules).toEqual([rule(['get', 'list'], [''], ['pods'])]);
    expect(r.error).toBe('role.rbac.authorization.k8s.io "nope" not found');
  });
});

describe('forbidden', () => {
  const bob = u('bob');
  it('says who cannot do what, where', () => {
    expect(forbiddenMessage(attributes({ user: bob, verb: 'list', resource: 'pods', namespace: 'default', resourceRequest: true }))).toBe(
      'User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('builds the namespaced 403 Status (real apiserver text)', () => {
    // As quoted from a real cluster in kubernetes/kubernetes#101202.
    const a = attributes({ user: u('tougeron', ['a6c13397-b9c1-49bb-ac56-f85879e75da1']), verb: 'list', apiGroup: 'discovery.k8s.io', apiVersion: 'v1', resource: 'endpointslices', namespace: 'ns-team-adcloud-ops-prod', resourceRequest: true });
    expect(forbiddenStatus(a, '')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'endpointslices.discovery.k8s.io is forbidden: User "tougeron" cannot list resource "endpointslices" in API group "discovery.k8s.io" in the namespace "ns-team-adcloud-ops-prod"',
      reason: 'Forbidden',
      details: { group: 'discovery.k8s.io', kind: 'endpointslices' },
      code: 403,
    });
  });

  it('at the cluster scope (real apiserver text)', () => {
    const a = attributes({ user: u('system:serviceaccount:radar:radar'), verb: 'list', apiGroup: 'discovery.k8s.io', resource: 'endpointslices', resourceRequest: true });
    expect(forbiddenStatus(a, '').message).toBe(
      'endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:radar:radar" cannot list resource "endpointslices" in API group "discovery.k8s.io" at the cluster scope',
    );
  });

  it('names the object and its subresource, and appends the reason', () => {
    const a = attributes({ user: bob, verb: 'create', resource: 'pods', subresource: 'exec', name: 'web-0', namespace: 'default', apiVersion: 'v1', resourceRequest: true });
    expect(forbiddenStatus(a, 'RBAC: clusterrole.rbac.authorization.k8s.io "x" not found')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web-0" is forbidden: User "bob" cannot create resource "pods/exec" in API group "" in the namespace "default": RBAC: clusterrole.rbac.authorization.k8s.io "x" not found',
      reason: 'Forbidden',
      details: { name: 'web-0', kind: 'pods' },
      code: 403,
    });
    const node = attributes({ user: bob, verb: 'get', resource: 'nodes', name: 'n1', resourceRequest: true });
    expect(forbiddenStatus(node, '').message).toBe('nodes "n1" is forbidden: User "bob" cannot get resource "nodes" in API group "" at the cluster scope');
  });

  it('for a non-resource URL: forbidden: … path, empty details', () => {
    const a = attributes({ user: u('system:anonymous', ['system:unauthenticated']), verb: 'get', path: '/' });
    expect(forbiddenStatus(a, '')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'forbidden: User "system:anonymous" cannot get path "/"',
      reason: 'Forbidden',
      details: {},
      code: 403,
    });
  });

  it('escapes HTML in the message as the sanitizer does', () => {
    const a = attributes({ user: u('<b>&'), verb: 'get', path: '/x' });
    expect(forbiddenStatus(a, '').message).toBe('forbidden: User "&lt;b&gt;&amp;" cannot get path "/x"');
  });
});

describe('aggregateRules', () => {
  const label = (name: string, labels: Record<string, string>, rules: PolicyRule[]): ClusterRole => ({ metadata: { name, labels }, rules });
  const r1 = rule(['get'], [''], ['pods']);
  const r2 = rule(['list'], [''], ['pods']);
  const r3 = rule(['get'], ['apps'], ['deployments']);

  it('unions the selected roles\' rules, by name, once each, the role itself skipped', () => {
    const agg: ClusterRole = { metadata: { name: 'mine', labels: { a: 'true' } }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'true' } }, { matchExpressions: [{ key: 'b', operator: 'Exists' }] }] }, rules: [r3] };
    const all = [label('zeta', { a: 'true' }, [r2, r1]), label('alpha', { a: 'true' }, [r1]), label('beta', { b: 'x' }, [r3, r1]), label('other', {}, [r3]), agg];
    expect(aggregateRules(agg, all)).toEqual([r1, r2, r3]);
  });

  it('leaves a role without an aggregationRule alone; an empty selector selects all', () => {
    expect(aggregateRules(label('x', {}, [r1]), [])).toBeUndefined();
    const all = [label('a', {}, [r1]), label('b', { k: 'v' }, [r2])];
    expect(aggregateRules({ metadata: { name: 'c' }, aggregationRule: { clusterRoleSelectors: [{}] } }, all)).toEqual([r1, r2]);
    expect(aggregateRules({ metadata: { name: 'c' }, aggregationRule: {} }, all)).toEqual([]);
  });

  it('matches expressions In, NotIn, DoesNotExist', () => {
    const all = [label('a', { tier: 'x' }, [r1]), label('b', { tier: 'y' }, [r2]), label('c', {}, [r3])];
    const sel = (e: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }) => aggregateRules({ metadata: { name: 'z' }, aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [e] }] } }, all);
    expect(sel({ key: 'tier', operator: 'In', values: ['y'] })).toEqual([r2]);
    expect(sel({ key: 'tier', operator: 'NotIn', values: ['y'] })).toEqual([r1, r3]);
    expect(sel({ key: 'tier', operator: 'DoesNotExist' })).toEqual([r3]);
    expect(() => sel({ key: 'tier', operator: 'In', values: [] })).toThrow("values set can't be empty");
  });
});
