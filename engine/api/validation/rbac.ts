// rbac.authorization.k8s.io/v1, as pkg/apis/rbac/validation/validation.go: names are path
// segments, rules need verbs and resources (or non-resource URLs), roleRef is fixed once bound.

import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from '../types';
import { invalid, newPath, notSupported, required, type FieldError, type FieldPath } from './field';
import { goStringSlice, goStruct } from './gofmt';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isValidPathSegmentName, nameIsDNSSubdomain, type ValidateNameFunc } from './names';

const groupName = 'rbac.authorization.k8s.io';

/** ValidateRBACName: any name that is a valid path segment. */
export const validateRBACName: ValidateNameFunc = (name) => isValidPathSegmentName(name);

/** ValidatePolicyRule. */
export function validatePolicyRule(rule: PolicyRule, isNamespaced: boolean, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if ((rule.verbs ?? []).length === 0) errs.push(required(fldPath.child('verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (isNamespaced) errs.push(invalid(fldPath.child('nonResourceURLs'), goStringSlice(urls), 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0 || (rule.resourceNames ?? []).length > 0) {
      errs.push(invalid(fldPath.child('nonResourceURLs'), goStringSlice(urls), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if ((rule.apiGroups ?? []).length === 0) errs.push(required(fldPath.child('apiGroups'), 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0) errs.push(required(fldPath.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

/** ValidateRole. */
export function validateRole(role: Role): FieldError[] {
  const errs = validateObjectMeta(role.metadata, true, validateRBACName, newPath('metadata'));
  (role.rules ?? []).forEach((r, i) => errs.push(...validatePolicyRule(r, true, newPath('rules').index(i))));
  return errs;
}

/** ValidateRoleUpdate. */
export function validateRoleUpdate(role: Role, old: Role): FieldError[] {
  return [...validateRole(role), ...validateObjectMetaUpdate(role.metadata, old.metadata, newPath('metadata'))];
}

/** ValidateClusterRole. */
export function validateClusterRole(role: ClusterRole, allowInvalidLabelValueInSelector = false): FieldError[] {
  const errs = validateObjectMeta(role.metadata, false, validateRBACName, newPath('metadata'));
  (role.rules ?? []).forEach((r, i) => errs.push(...validatePolicyRule(r, false, newPath('rules').index(i))));
  const ar = role.aggregationRule;
  if (ar) {
    const sels = ar.clusterRoleSelectors ?? [];
    if (sels.length === 0) errs.push(required(newPath('aggregationRule', 'clusterRoleSelectors'), 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    sels.forEach((s, i) => errs.push(...validateLabelSelector(s, { allowInvalidLabelValueInSelector }, newPath('aggregationRule', 'clusterRoleSelectors').index(i))));
  }
  return errs;
}

/** ValidateClusterRoleUpdate. */
export function validateClusterRoleUpdate(role: ClusterRole, old: ClusterRole): FieldError[] {
  return [...validateClusterRole(role), ...validateObjectMetaUpdate(role.metadata, old.metadata, newPath('metadata'))];
}

/** ValidateRoleBindingSubject. */
export function validateRoleBindingSubject(s: Subject, isNamespaced: boolean, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = s.name ?? '';
  const apiGroup = s.apiGroup ?? '';
  if (name.length === 0) errs.push(required(fldPath.child('name'), ''));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name.length > 0) for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(fldPath.child('name'), name, m));
      if (apiGroup.length > 0) errs.push(notSupported(fldPath.child('apiGroup'), apiGroup, ['']));
      if (!isNamespaced && !s.namespace) errs.push(required(fldPath.child('namespace'), ''));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== groupName) errs.push(notSupported(fldPath.child('apiGroup'), apiGroup, [groupName]));
      break;
    default:
      errs.push(notSupported(fldPath.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateRoleRef(ref: RoleRef | undefined, kinds: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const r = ref ?? ({} as RoleRef);
  if ((r.apiGroup ?? '') !== groupName) errs.push(notSupported(newPath('roleRef', 'apiGroup'), r.apiGroup ?? '', [groupName]));
  if (!kinds.includes(r.kind ?? '')) errs.push(notSupported(newPath('roleRef', 'kind'), r.kind ?? '', kinds));
  if (!r.name) errs.push(required(newPath('roleRef', 'name'), ''));
  else for (const m of validateRBACName(r.name, false)) errs.push(invalid(newPath('roleRef', 'name'), r.name, m));
  return errs;
}

/** ValidateRoleBinding. */
export function validateRoleBinding(rb: RoleBinding): FieldError[] {
  const errs = validateObjectMeta(rb.metadata, true, validateRBACName, newPath('metadata'));
  errs.push(...validateRoleRef(rb.roleRef, ['Role', 'ClusterRole']));
  (rb.subjects ?? []).forEach((s, i) => errs.push(...validateRoleBindingSubject(s, true, newPath('subjects').index(i))));
  return errs;
}

function goRoleRef(r: RoleRef | undefined): ReturnType<typeof goStruct> {
  return goStruct('rbac.RoleRef', [['APIGroup', r?.apiGroup ?? ''], ['Kind', r?.kind ?? ''], ['Name', r?.name ?? '']]);
}

function sameRoleRef(a: RoleRef | undefined, b: RoleRef | undefined): boolean {
  return (a?.apiGroup ?? '') === (b?.apiGroup ?? '') && (a?.kind ?? '') === (b?.kind ?? '') && (a?.name ?? '') === (b?.name ?? '');
}

/** ValidateRoleBindingUpdate: roleRef cannot change. */
export function validateRoleBindingUpdate(rb: RoleBinding, old: RoleBinding): FieldError[] {
  const errs = [...validateRoleBinding(rb), ...validateObjectMetaUpdate(rb.metadata, old.metadata, newPath('metadata'))];
  if (!sameRoleRef(rb.roleRef, old.roleRef)) errs.push(invalid(newPath('roleRef'), goRoleRef(rb.roleRef), 'cannot change roleRef'));
  return errs;
}

/** ValidateClusterRoleBinding. */
export function validateClusterRoleBinding(crb: ClusterRoleBinding): FieldError[] {
  const errs = validateObjectMeta(crb.metadata, false, validateRBACName, newPath('metadata'));
  errs.push(...validateRoleRef(crb.roleRef, ['ClusterRole']));
  (crb.subjects ?? []).forEach((s, i) => errs.push(...validateRoleBindingSubject(s, false, newPath('subjects').index(i))));
  return errs;
}

/** ValidateClusterRoleBindingUpdate: roleRef cannot change. */
export function validateClusterRoleBindingUpdate(crb: ClusterRoleBinding, old: ClusterRoleBinding): FieldError[] {
  const errs = [...validateClusterRoleBinding(crb), ...validateObjectMetaUpdate(crb.metadata, old.metadata, newPath('metadata'))];
  if (!sameRoleRef(crb.roleRef, old.roleRef)) errs.push(invalid(newPath('roleRef'), goRoleRef(crb.roleRef), 'cannot change roleRef'));
  return errs;
}
