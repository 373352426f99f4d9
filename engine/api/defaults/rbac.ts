// rbac.authorization.k8s.io/v1 defaulting: pkg/apis/rbac/v1/defaults.go.

import type { ClusterRoleBinding, RoleBinding, Subject } from '../types';
import { items, struct } from './util';

/** rbacv1.GroupName. */
export const rbacGroupName = 'rbac.authorization.k8s.io';

/**
 * SetDefaults_Subject: users and groups are RBAC's, service accounts the core group's. The core
 * group is '', which the encoder omits (apiGroup is not a pointer), so a service account's subject
 * is left as it is.
 */
export function setDefaultsSubject(obj: Subject): void {
  if (obj.apiGroup) return;
  if (obj.kind === 'User' || obj.kind === 'Group') obj.apiGroup = rbacGroupName;
}

/** SetObjectDefaults_RoleBinding (and ClusterRoleBinding): the role is RBAC's, as are subjects' groups. */
export function setDefaultsRoleBinding(obj: RoleBinding | ClusterRoleBinding): void {
  const roleRef = struct(obj, 'roleRef');
  if (roleRef && !roleRef.apiGroup) roleRef.apiGroup = rbacGroupName;
  for (const s of items(obj.subjects)) setDefaultsSubject(s);
}

export const setDefaultsClusterRoleBinding: (obj: ClusterRoleBinding) => void = setDefaultsRoleBinding;
