// rbac.authorization.k8s.io/v1, as k8s.io/api/rbac/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { KubeList, LabelSelector, ObjectMeta, TypeMeta } from './meta';

export interface PolicyRule {
  /** '*' matches all verbs. */
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  /** 'User', 'Group' or 'ServiceAccount'. */
  kind: string;
  /** Defaulted: 'rbac.authorization.k8s.io' for User and Group, '' for ServiceAccount. */
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface Role extends TypeMeta {
  metadata: ObjectMeta;
  rules?: PolicyRule[];
}

export interface RoleBinding extends TypeMeta {
  metadata: ObjectMeta;
  subjects?: Subject[];
  roleRef: RoleRef;
}

export type RoleBindingList = KubeList<RoleBinding>;

export type RoleList = KubeList<Role>;

export interface ClusterRole extends TypeMeta {
  metadata: ObjectMeta;
  rules?: PolicyRule[];
  aggregationRule?: AggregationRule;
}

export interface AggregationRule {
  /** The role's rules are the union of the rules of the ClusterRoles these select (filled by a controller). */
  clusterRoleSelectors?: LabelSelector[];
}

export interface ClusterRoleBinding extends TypeMeta {
  metadata: ObjectMeta;
  subjects?: Subject[];
  roleRef: RoleRef;
}

export type ClusterRoleBindingList = KubeList<ClusterRoleBinding>;

export type ClusterRoleList = KubeList<ClusterRole>;

