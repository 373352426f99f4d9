// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go), its rule resolver
// (pkg/registry/rbac/validation/rule.go: VisitRulesFor, appliesTo, the binding describers), rule
// matching (pkg/apis/rbac/v1/evaluation_helpers.go), the 403 kube-apiserver writes when no
// authorizer allows (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go Forbidden
// and forbiddenMessage, apierrors.NewForbidden) and the ClusterRole aggregation controller's rule
// union (pkg/controller/clusterroleaggregation).

import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Status, Subject } from '../../api/types';
import { aggregateStrings } from '../../api/validation/field';
import type { RequestInfo } from '../request-info';
import { labelSelectorMatches } from './selector';
import { matchesServiceAccountUsername, type UserInfo } from './user';

/** authorizer.AttributesRecord: what a request asks to do. */
export interface Attributes {
  user: UserInfo;
  verb: string;
  namespace: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  /** False for a non-resource URL (`/healthz`, `/version`), matched by `path`. */
  resourceRequest: boolean;
  path: string;
}

/** An AttributesRecord with the fields not given left empty, as Go's zero values leave them. */
export function attributes(a: Partial<Attributes> & Pick<Attributes, 'user' | 'verb'>): Attributes {
  return { namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '', resourceRequest: false, path: '', ...a };
}

/** filters.GetAuthorizerAttributes: a request's RequestInfo as authorizer attributes. */
export function attributesFromRequestInfo(user: UserInfo, info: RequestInfo): Attributes {
  return {
    user,
    verb: info.verb,
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
    resourceRequest: info.isResourceRequest,
    path: info.path,
  };
}

export type Decision = 'allow' | 'deny' | 'noOpinion';

export interface AuthorizationResult {
  decision: Decision;
  /** `RBAC: allowed by …` on allow; on no opinion the resolver's errors, or ''. */
  reason: string;
}

/** The RBAC objects the authorizer reads (upstream's listers over the informer caches). */
export interface RbacStore {
  readonly clusterRoles: readonly ClusterRole[];
  readonly clusterRoleBindings: readonly ClusterRoleBinding[];
  roles(namespace: string): readonly Role[];
  roleBindings(namespace: string): readonly RoleBinding[];
}

/** A store over fixed lists, namespaced objects picked by metadata.namespace. */
export function rbacStoreFrom(objects: {
  clusterRoles?: readonly ClusterRole[];
  clusterRoleBindings?: readonly ClusterRoleBinding[];
  roles?: readonly Role[];
  roleBindings?: readonly RoleBinding[];
}): RbacStore {
  const roles = objects.roles ?? [];
  const roleBindings = objects.roleBindings ?? [];
  return {
    clusterRoles: objects.clusterRoles ?? [],
    clusterRoleBindings: objects.clusterRoleBindings ?? [],
    roles: (ns) => roles.filter((r) => (r.metadata.namespace ?? '') === ns),
    roleBindings: (ns) => roleBindings.filter((b) => (b.metadata.namespace ?? '') === ns),
  };
}

// ---- rule matching (evaluation_helpers.go) ----

/** VerbMatches. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

/** APIGroupMatches. */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

/** ResourceMatches: `*`, an exact `resource` or `resource/subresource`, or a `*` resource with the subresource (`*` + `/status`). */
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combinedResource) return true;
    if (subresource.length === 0) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** ResourceNameMatches: no resourceNames means every name. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** NonResourceURLMatches: `*`, an exact path, or a prefix ending in `*`. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** rbac.RuleAllows. */
export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  if (attrs.resourceRequest) {
    const combined = attrs.subresource.length > 0 ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
    return verbMatches(rule, attrs.verb) && apiGroupMatches(rule, attrs.apiGroup) && resourceMatches(rule, combined, attrs.subresource) && resourceNameMatches(rule, attrs.name);
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path);
}

// ---- the rule resolver (rule.go) ----

/** Where a rule came from: the binding, the role it refers to and the subject that matched. */
export interface RuleSource {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  binding: ClusterRoleBinding | RoleBinding;
  subject: Subject;
}

/** clusterRoleBindingDescriber / roleBindingDescriber String(). */
export function describeRuleSource(s: RuleSource): string {
  const b = s.binding;
  if (s.kind === 'ClusterRoleBinding') {
    return `ClusterRoleBinding "${b.metadata.name ?? ''}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describeSubject(s.subject, '')}`;
  }
  const ns = b.metadata.namespace ?? '';
  return `RoleBinding "${b.metadata.name ?? ''}/${ns}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describeSubject(s.subject, ns)}`;
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} "${s.name}/${s.namespace ? s.namespace : bindingNamespace}"`;
  return `${s.kind} "${s.name}"`;
}

/** appliesToUser: User by name, Group by membership, ServiceAccount by its username. */
export function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      // A RoleBinding's ServiceAccount subject without a namespace means the binding's own.
      const saNamespace = subject.namespace ? subject.namespace : namespace;
      if (saNamespace.length === 0) return false;
      return matchesServiceAccountUsername(saNamespace, subject.name, user.username);
    }
    default:
      return false;
  }
}

/** appliesTo: the first subject of a binding that matches, if any. */
function appliesTo(user: UserInfo, subjects: readonly Subject[] | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => appliesToUser(user, s, namespace));
}

/** GetRoleReferenceRules, with the listers' NotFound errors as their messages. */
function roleReferenceRules(store: RbacStore, ref: RoleRef, bindingNamespace: string): { rules: readonly PolicyRule[] } | { error: string } {
  switch (ref.kind) {
    case 'Role': {
      const role = store.roles(bindingNamespace).find((r) => r.metadata.name === ref.name);
      return role ? { rules: role.rules ?? [] } : { error: `role.rbac.authorization.k8s.io "${ref.name}" not found` };
    }
    case 'ClusterRole': {
      const role = store.clusterRoles.find((r) => r.metadata.name === ref.name);
      return role ? { rules: role.rules ?? [] } : { error: `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found` };
    }
    default:
      return { error: `unsupported role reference kind: "${ref.kind}"` };
  }
}

/**
 * A visitor sees each rule that applies to the user (with its source) or each error met on the
 * way; returning false stops the walk.
 */
export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

/**
 * DefaultRuleResolver.VisitRulesFor: the rules of every ClusterRoleBinding that names the user,
 * then (for a namespace) of every RoleBinding in it, in store order.
 */
export function visitRulesFor(user: UserInfo, namespace: string, store: RbacStore, visitor: RuleVisitor): void {
  for (const binding of store.clusterRoleBindings) {
    const subject = appliesTo(user, binding.subjects, '');
    if (!subject) continue;
    const got = roleReferenceRules(store, binding.roleRef, '');
    if ('error' in got) {
      if (!visitor(undefined, undefined, got.error)) return;
      continue;
    }
    const source: RuleSource = { kind: 'ClusterRoleBinding', binding, subject };
    for (const rule of got.rules) if (!visitor(source, rule, undefined)) return;
  }
  if (namespace.length === 0) return;
  for (const binding of store.roleBindings(namespace)) {
    const subject = appliesTo(user, binding.subjects, namespace);
    if (!subject) continue;
    const got = roleReferenceRules(store, binding.roleRef, namespace);
    if ('error' in got) {
      if (!visitor(undefined, undefined, got.error)) return;
      continue;
    }
    const source: RuleSource = { kind: 'RoleBinding', binding, subject };
    for (const rule of got.rules) if (!visitor(source, rule, undefined)) return;
  }
}

/** DefaultRuleResolver.RulesFor: every rule that applies, and the errors (aggregated) met. */
export function rulesFor(user: UserInfo, namespace: string, store: RbacStore): { rules: PolicyRule[]; error: string } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(user, namespace, store, (_source, rule, error) => {
    if (rule) rules.push(rule);
    if (error !== undefined) errors.push(error);
    return true;
  });
  return { rules, error: aggregateStrings(errors) };
}

/**
 * RBACAuthorizer.Authorize: allow on the first rule that allows, with the reason naming its
 * binding; otherwise no opinion (RBAC never denies), the reason listing the errors met, if any.
 */
export function authorize(attrs: Attributes, store: RbacStore): AuthorizationResult {
  let allowedBy: string | undefined;
  const errors: string[] = [];
  visitRulesFor(attrs.user, attrs.namespace, store, (source, rule, error) => {
    if (source && rule && ruleAllows(attrs, rule)) {
      allowedBy = `RBAC: allowed by ${describeRuleSource(source)}`;
      return false;
    }
    if (error !== undefined) errors.push(error);
    return true;
  });
  if (allowedBy !== undefined) return { decision: 'allow', reason: allowedBy };
  return { decision: 'noOpinion', reason: errors.length > 0 ? `RBAC: ${aggregateStrings(errors)}` : '' };
}

// ---- the 403 (responsewriters/errors.go, apierrors.NewForbidden) ----

/** responsewriters' sanitizer: the message is HTML-escaped in case a client renders it. */
function sanitize(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** forbiddenMessage: `User "bob" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenMessage(attrs: Attributes): string {
  const username = attrs.user.username;
  if (!attrs.resourceRequest) return `User "${username}" cannot ${attrs.verb} path "${attrs.path}"`;
  const resource = attrs.subresource.length > 0 ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  if (attrs.namespace.length > 0) {
    return `User "${username}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup}" in the namespace "${attrs.namespace}"`;
  }
  return `User "${username}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup}" at the cluster scope`;
}

/**
 * The Status kube-apiserver writes when a request is not allowed (responsewriters.Forbidden):
 * apierrors.NewForbidden over the request's group/resource and name, its message
 * `<resource>[.<group>] ["<name>"] is forbidden: <forbiddenMessage>[: <reason>]`, or
 * `forbidden: …` for a non-resource path. Empty detail fields are omitted, as omitempty omits them.
 */
export function forbiddenStatus(attrs: Attributes, reason: string): Status {
  const msg = sanitize(forbiddenMessage(attrs));
  const why = reason.length === 0 ? msg : `${msg}: ${reason}`;
  const group = attrs.apiGroup;
  const resource = attrs.resource;
  const qualified = group.length > 0 ? `${resource}.${group}` : resource;
  let message: string;
  if (group.length === 0 && resource.length === 0) message = `forbidden: ${why}`;
  else if (attrs.name.length === 0) message = `${qualified} is forbidden: ${why}`;
  else message = `${qualified} "${attrs.name}" is forbidden: ${why}`;
  const details: NonNullable<Status['details']> = {};
  if (attrs.name.length > 0) details.name = attrs.name;
  if (group.length > 0) details.group = group;
  if (resource.length > 0) details.kind = resource;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 };
}

// ---- ClusterRole aggregation (clusterroleaggregation_controller.go) ----

/** Semantic.DeepEqual for rules: a missing list equals an empty one. */
export function rulesEqual(a: PolicyRule, b: PolicyRule): boolean {
  const same = (x: readonly string[] | undefined, y: readonly string[] | undefined): boolean => {
    const xs = x ?? [];
    const ys = y ?? [];
    return xs.length === ys.length && xs.every((v, i) => v === ys[i]);
  };
  return same(a.verbs, b.verbs) && same(a.apiGroups, b.apiGroups) && same(a.resources, b.resources) && same(a.resourceNames, b.resourceNames) && same(a.nonResourceURLs, b.nonResourceURLs);
}

/**
 * syncClusterRole's rule computation: for each selector in turn, the ClusterRoles it selects
 * (by name, the role itself skipped), their rules appended once each. Undefined for a role with no
 * aggregationRule, whose rules the controller leaves alone. Throws on an invalid selector, where
 * the controller gives up the sync.
 */
export function aggregateRules(role: ClusterRole, allClusterRoles: readonly ClusterRole[]): PolicyRule[] | undefined {
  if (!role.aggregationRule) return undefined;
  const out: PolicyRule[] = [];
  for (const selector of role.aggregationRule.clusterRoleSelectors ?? []) {
    const selected = allClusterRoles
      .filter((r) => labelSelectorMatches(selector, r.metadata.labels))
      .sort((x, y) => compareNames(x.metadata.name ?? '', y.metadata.name ?? ''));
    for (const r of selected) {
      if (r.metadata.name === role.metadata.name) continue;
      for (const rule of r.rules ?? []) if (!out.some((have) => rulesEqual(have, rule))) out.push(rule);
    }
  }
  return out;
}

/**
 * The controller run to a fixed point: every aggregated role's rules recomputed until none
 * changes (admin aggregates edit, which aggregates view, so one pass is not always enough).
 */
export function reconcileAggregation(roles: readonly ClusterRole[]): ClusterRole[] {
  let current = roles.map((r) => r);
  for (let pass = 0; pass <= roles.length; pass++) {
    let changed = false;
    current = current.map((r) => {
      const rules = aggregateRules(r, current);
      if (rules === undefined) return r;
      const have = r.rules ?? [];
      if (have.length === rules.length && have.every((x, i) => rulesEqual(x, rules[i]!))) return r;
      changed = true;
      return { ...r, rules };
    });
    if (!changed) break;
  }
  return current;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
