// The bootstrap policy against upstream's expected output: testdata/cluster-roles.yaml is
// bootstrappolicy/testdata/cluster-roles.yaml as kubernetes/kubernetes stores it (1.28–1.32 content
// with the default feature gates), testdata/cluster-role-bindings.yaml the same file's 1.32 list.
// Those files print Go zero values (`creationTimestamp: null`, an aggregated role's `rules: null`),
// which the comparison adds to the engine's objects.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ClusterRole, ClusterRoleBinding, ObjectMeta } from '../../api/types';
import {
  bootstrapClusterRoleBindings,
  bootstrapClusterRoles,
  bootstrapNamespaceRoleBindings,
  bootstrapNamespaceRoles,
  controllerRoleBindings,
  controllerRolePrefix,
  controllerRoles,
  kubeadmClusterAdminsBinding,
} from './bootstrap';
import { reconcileAggregation, rulesEqual } from './rbac';

const fixture = (name: string): unknown => parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));

/** The object as Go's encoder writes it: a zero creationTimestamp and nil rules printed as null. */
function goWire<T extends { metadata: ObjectMeta }>(o: T): unknown {
  const out: Record<string, unknown> = { ...o, metadata: { ...o.metadata, creationTimestamp: null } };
  if (out.kind === 'ClusterRole' && out.rules === undefined) out.rules = null;
  return out;
}

const list = (items: unknown[]) => ({ apiVersion: 'v1', items, kind: 'List', metadata: {} });
const isControllerObject = (o: { metadata: ObjectMeta }) => (o.metadata.name ?? '').startsWith(controllerRolePrefix);

describe('bootstrap policy', () => {
  it('creates exactly upstream cluster-roles.yaml (the policy roles, controller roles aside)', () => {
    const roles = bootstrapClusterRoles().filter((r) => !isControllerObject(r));
    expect(list(roles.map(goWire))).toEqual(fixture('cluster-roles.yaml'));
  });

  it('creates exactly upstream cluster-role-bindings.yaml (controller and kubeadm bindings aside)', () => {
    const bindings = bootstrapClusterRoleBindings().filter((b) => !isControllerObject(b) && b.metadata.name !== 'kubeadm:cluster-admins');
    expect(list(bindings.map(goWire))).toEqual(fixture('cluster-role-bindings.yaml'));
  });

  it('adds kubeadm\'s kubeadm:cluster-admins binding to cluster-admin, unlabelled', () => {
    const b = bootstrapClusterRoleBindings().find((x) => x.metadata.name === 'kubeadm:cluster-admins');
    expect(b).toEqual(kubeadmClusterAdminsBinding());
    expect(b).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'kubeadm:cluster-admins' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' }],
    });
  });

  it('binds every controller role to its service account in kube-system, and only those', () => {
    const roles = controllerRoles();
    const bindings = controllerRoleBindings();
    expect(bindings.map((b) => b.metadata.name)).toEqual(roles.map((r) => r.metadata.name));
    for (const b of bindings) {
      const sa = b.metadata.name!.slice(controllerRolePrefix.length);
      expect(b.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.metadata.name });
      expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: sa, namespace: 'kube-system' }]);
    }
    // The controllers Kubeplay runs are among them; gated-off ones (1.32 defaults) are not.
    const names = roles.map((r) => r.metadata.name);
    for (const c of ['deployment-controller', 'replicaset-controller', 'statefulset-controller', 'daemon-set-controller', 'job-controller', 'cronjob-controller', 'namespace-controller', 'node-controller', 'endpointslice-controller', 'generic-garbage-collector', 'service-account-controller']) {
      expect(names).toContain(controllerRolePrefix + c);
    }
    for (const gated of ['resource-claim-controller', 'service-cidrs-controller', 'selinux-warning-controller', 'device-taint-eviction-controller']) {
      expect(names).not.toContain(controllerRolePrefix + gated);
    }
  });

  it('writes the controller roles as upstream prints them (deployment-controller)', () => {
    const d = controllerRoles().find((r) => r.metadata.name === 'system:controller:deployment-controller');
    expect(goWire(d!)).toEqual(
      parse(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  annotations:
    rbac.authorization.kubernetes.io/autoupdate: "true"
  creationTimestamp: null
  labels:
    kubernetes.io/bootstrapping: rbac-defaults
  name: system:controller:deployment-controller
rules:
- apiGroups: [apps, extensions]
  resources: [deployments]
  verbs: [get, list, update, watch]
- apiGroups: [apps, extensions]
  resources: [deployments/status]
  verbs: [update]
- apiGroups: [apps, extensions]
  resources: [deployments/finalizers]
  verbs: [update]
- apiGroups: [apps, extensions]
  resources: [replicasets]
  verbs: [create, delete, get, list, patch, update, watch]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, update, watch]
- apiGroups: ["", events.k8s.io]
  resources: [events]
  verbs: [create, patch, update]
`),
    );
  });

  it('labels and annotates every bootstrap object', () => {
    const all = [...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings().filter((b) => b.metadata.name !== 'kubeadm:cluster-admins'), ...Object.values(bootstrapNamespaceRoles()).flat(), ...Object.values(bootstrapNamespaceRoleBindings()).flat()];
    for (const o of all) {
      expect(o.metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(o.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate']).toBe('true');
    }
    const names = all.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('creates the kube-system and kube-public roles and bindings of namespace_policy.go', () => {
    const roles = bootstrapNamespaceRoles();
    expect(Object.keys(roles).sort()).toEqual(['kube-public', 'kube-system']);
    expect(roles['kube-system']!.map((r) => r.metadata.name)).toEqual([
      'extension-apiserver-authentication-reader',
      'system::leader-locking-kube-controller-manager',
      'system::leader-locking-kube-scheduler',
      'system:controller:bootstrap-signer',
      'system:controller:cloud-provider',
      'system:controller:token-cleaner',
    ]);
    const bindings = bootstrapNamespaceRoleBindings();
    for (const [ns, list] of Object.entries(bindings)) {
      for (const b of list) {
        expect(b.metadata.namespace).toBe(ns);
        expect(roles[ns]!.map((r) => r.metadata.name)).toContain(b.roleRef.name);
      }
    }
    expect(roles['kube-public']![0]!.rules![1]).toEqual({ apiGroups: [''], resourceNames: ['cluster-info'], resources: ['configmaps'], verbs: ['update'] });
  });

  it('aggregates view into edit into admin, as the aggregation controller settles them', () => {
    const settled = reconcileAggregation(bootstrapClusterRoles());
    const get = (n: string) => settled.find((r) => r.metadata.name === n)!;
    const rulesOf = (n: string) => get(n).rules ?? [];
    const contains = (outer: string, inner: string) => rulesOf(inner).every((r) => rulesOf(outer).some((o) => rulesEqual(o, r)));
    expect(rulesOf('view')).toEqual(rulesOf('system:aggregate-to-view'));
    expect(contains('edit', 'system:aggregate-to-edit')).toBe(true);
    expect(contains('edit', 'view')).toBe(true);
    expect(contains('admin', 'edit')).toBe(true);
    expect(contains('admin', 'system:aggregate-to-admin')).toBe(true);
    expect(contains('view', 'system:aggregate-to-edit')).toBe(false);
    // Selector order then name order: admin takes edit's rules before system:aggregate-to-admin's.
    expect(rulesOf('admin').length).toBe(rulesOf('edit').length + rulesOf('system:aggregate-to-admin').length);
    expect(rulesOf('admin').slice(0, rulesOf('edit').length)).toEqual(rulesOf('edit'));
  });
});

// Typed use of the fixtures' shapes, so a drift in the API types shows here too.
const _typecheck: [ClusterRole[], ClusterRoleBinding[]] = [bootstrapClusterRoles(), bootstrapClusterRoleBindings()];
void _typecheck;
