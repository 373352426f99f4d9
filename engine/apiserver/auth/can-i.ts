// What `kubectl auth can-i` asks the server: the authorization.k8s.io reviews, answered as
// pkg/registry/authorization/{selfsubjectaccessreview,subjectaccessreview,localsubjectaccessreview,
// selfsubjectrulesreview}/rest.go answer them, over kube-apiserver's authorizer chain
// (pkg/kubeapiserver/authorizer/config.go): system:masters is allowed outright (the privileged
// group authorizer, reason ''), then RBAC decides.

import type {
  LocalSubjectAccessReview,
  NonResourceAttributes,
  NonResourceRule,
  ObjectMeta,
  ResourceAttributes,
  ResourceRule,
  SelfSubjectAccessReview,
  SelfSubjectRulesReview,
  Status,
  SubjectAccessReview,
  SubjectAccessReviewStatus,
} from '../../api/types';
import { invalidStatus } from '../../api/validation/errors';
import { invalid, newPath, type FieldError } from '../../api/validation/field';
import { goStruct } from '../../api/validation/gofmt';
import { attributes, authorize as rbacAuthorize, rbacStoreFrom, rulesFor, type Attributes, type AuthorizationResult, type RbacStore } from './rbac';
import { bootstrapClusterRoles } from './bootstrap';
import { SystemPrivilegedGroup, type UserInfo } from './user';

/** The authorizer chain: the privileged group (system:masters), the Node authorizer, then RBAC. */
export function authorizeRequest(attrs: Attributes, store: RbacStore): AuthorizationResult {
  if (attrs.user.groups.includes(SystemPrivilegedGroup)) return { decision: 'allow', reason: '' };
  const node = authorizeNode(attrs);
  if (node.decision === 'allow') return node;
  return rbacAuthorize(attrs, store);
}

let nodeRules: RbacStore | null = null;

/**
 * The Node authorizer (plugin/pkg/auth/authorizer/node), approximated: a kubelet (user
 * `system:node:<name>` in group system:nodes) may do what the system:node ClusterRole lists. Upstream
 * narrows reads of secrets, configmaps and volumes to those its pods use (a graph of the API); see
 * docs/FIDELITY.md.
 */
function authorizeNode(attrs: Attributes): AuthorizationResult {
  const u = attrs.user;
  if (!u.groups.includes('system:nodes') || !u.username.startsWith('system:node:')) return { decision: 'noOpinion', reason: '' };
  nodeRules ??= rbacStoreFrom({
    clusterRoles: bootstrapClusterRoles().filter((r) => r.metadata.name === 'system:node'),
    clusterRoleBindings: [{ kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: 'system:node' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node' }, subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:nodes' }] }],
  });
  return rbacAuthorize(attrs, nodeRules);
}

/** ResourceAttributesFrom: an empty version matches every version (`*`). */
export function resourceAttributesFrom(user: UserInfo, ra: ResourceAttributes): Attributes {
  return attributes({
    user,
    verb: ra.verb ?? '',
    namespace: ra.namespace ?? '',
    apiGroup: ra.group ?? '',
    apiVersion: ra.version ? ra.version : '*',
    resource: ra.resource ?? '',
    subresource: ra.subresource ?? '',
    name: ra.name ?? '',
    resourceRequest: true,
  });
}

/** NonResourceAttributesFrom. */
export function nonResourceAttributesFrom(user: UserInfo, na: NonResourceAttributes): Attributes {
  return attributes({ user, verb: na.verb ?? '', path: na.path ?? '', resourceRequest: false });
}

export type ReviewResult<T> = { ok: true; object: T } | { ok: false; status: Status };

function reviewStatus(result: AuthorizationResult): SubjectAccessReviewStatus {
  const status: SubjectAccessReviewStatus = { allowed: result.decision === 'allow' };
  if (result.decision === 'deny') status.denied = true;
  if (result.reason.length > 0) status.reason = result.reason;
  return status;
}

function nonResourceValue(na: NonResourceAttributes | undefined): unknown {
  // field.Invalid of a *NonResourceAttributes: "null" when nil, else the struct.
  if (!na) return 'null';
  return goStruct('authorization.NonResourceAttributes', [
    ['Path', na.path ?? ''],
    ['Verb', na.verb ?? ''],
  ]);
}

/** ValidateSelfSubjectAccessReviewSpec (and the spec half of ValidateSubjectAccessReviewSpec). */
function validateAttributesChoice(spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes }): FieldError[] {
  const errs: FieldError[] = [];
  const path = newPath('spec');
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(invalid(path.child('nonResourceAttributes'), nonResourceValue(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(invalid(path.child('resourceAttributes'), nonResourceValue(spec.nonResourceAttributes), 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

/** Whether metadata is empty as Semantic.DeepEqual(ObjectMeta{}) sees it (a null creationTimestamp is zero). */
function metadataEmpty(meta: ObjectMeta | undefined, ignore: readonly string[] = []): boolean {
  for (const [k, v] of Object.entries(meta ?? {}) as [string, unknown][]) {
    if (ignore.includes(k) || v === null || v === undefined || v === '' || v === 0) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && Object.keys(v as object).length === 0) continue;
    return false;
  }
  return true;
}

const gk = (kind: string) => ({ group: 'authorization.k8s.io', kind });

function authorizeAttributes(spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes }, user: UserInfo, store: RbacStore): SubjectAccessReviewStatus {
  const attrs = spec.resourceAttributes ? resourceAttributesFrom(user, spec.resourceAttributes) : nonResourceAttributesFrom(user, spec.nonResourceAttributes ?? {});
  return reviewStatus(authorizeRequest(attrs, store));
}

/** POST selfsubjectaccessreviews: may the requesting user do this? (`kubectl auth can-i`). */
export function evaluateSelfSubjectAccessReview(review: SelfSubjectAccessReview, user: UserInfo, store: RbacStore): ReviewResult<SelfSubjectAccessReview> {
  const spec = review.spec ?? {};
  const errs = validateAttributesChoice(spec);
  if (!metadataEmpty(review.metadata)) errs.push(invalid(newPath('metadata'), JSON.stringify(review.metadata), 'must be empty'));
  if (errs.length > 0) return { ok: false, status: invalidStatus(gk('SelfSubjectAccessReview'), '', errs) };
  return { ok: true, object: { ...review, status: authorizeAttributes(spec, user, store) } };
}

/** The user a SubjectAccessReview asks about: as given, with no group added. */
function specUser(spec: SubjectAccessReview['spec']): UserInfo {
  const u: UserInfo = { username: spec.user ?? '', groups: [...(spec.groups ?? [])] };
  if (spec.uid) u.uid = spec.uid;
  if (spec.extra) u.extra = spec.extra;
  return u;
}

function validateSubjectSpec(spec: SubjectAccessReview['spec']): FieldError[] {
  const errs = validateAttributesChoice(spec);
  if (!spec.user && (spec.groups ?? []).length === 0) errs.push(invalid(newPath('spec', 'user'), spec.user ?? '', 'at least one of user or group must be specified'));
  return errs;
}

/** POST subjectaccessreviews: may spec.user / spec.groups do this? */
export function evaluateSubjectAccessReview(review: SubjectAccessReview, store: RbacStore): ReviewResult<SubjectAccessReview> {
  const spec = review.spec ?? {};
  const errs = validateSubjectSpec(spec);
  if (!metadataEmpty(review.metadata)) errs.push(invalid(newPath('metadata'), JSON.stringify(review.metadata), 'must be empty'));
  if (errs.length > 0) return { ok: false, status: invalidStatus(gk('SubjectAccessReview'), '', errs) };
  return { ok: true, object: { ...review, status: authorizeAttributes(spec, specUser(spec), store) } };
}

function badRequest(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 };
}

/** POST namespaces/<ns>/localsubjectaccessreviews: a SubjectAccessReview confined to one namespace. */
export function evaluateLocalSubjectAccessReview(review: LocalSubjectAccessReview, namespace: string, store: RbacStore): ReviewResult<LocalSubjectAccessReview> {
  const spec = review.spec ?? {};
  const errs = validateSubjectSpec(spec);
  if (!metadataEmpty(review.metadata, ['namespace'])) errs.push(invalid(newPath('metadata'), JSON.stringify(review.metadata), 'must be empty except for namespace'));
  if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== (review.metadata?.namespace ?? '')) {
    errs.push(invalid(newPath('spec', 'resourceAttributes', 'namespace'), spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  if (spec.nonResourceAttributes) errs.push(invalid(newPath('spec', 'nonResourceAttributes'), nonResourceValue(spec.nonResourceAttributes), 'disallowed on this kind of request'));
  if (errs.length > 0) return { ok: false, status: invalidStatus(gk('LocalSubjectAccessReview'), '', errs) };
  if (namespace.length === 0) return { ok: false, status: badRequest(`namespace is required on this type: ${namespace}`) };
  if (namespace !== (review.metadata?.namespace ?? '')) return { ok: false, status: badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`) };
  return { ok: true, object: { ...review, status: authorizeAttributes(spec, specUser(spec), store) } };
}

/**
 * POST selfsubjectrulesreviews (`kubectl auth can-i --list`): the requesting user's rules in
 * spec.namespace, one ResourceRule per PolicyRule with resources and one NonResourceRule per
 * PolicyRule with nonResourceURLs, in the order the resolver visits them (ClusterRoleBindings
 * first). Errors met (a binding to a missing role) go to evaluationError. The response carries an
 * empty spec, as upstream's does.
 */
export function evaluateSelfSubjectRulesReview(review: SelfSubjectRulesReview, user: UserInfo, store: RbacStore): ReviewResult<SelfSubjectRulesReview> {
  const namespace = review.spec?.namespace ?? '';
  if (namespace.length === 0) return { ok: false, status: badRequest('no namespace on request') };
  const { rules, error } = rulesFor(user, namespace, store);
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  for (const r of rules) {
    if ((r.resources ?? []).length > 0) {
      const rr: ResourceRule = { verbs: r.verbs };
      if (r.apiGroups && r.apiGroups.length > 0) rr.apiGroups = r.apiGroups;
      rr.resources = r.resources;
      if (r.resourceNames && r.resourceNames.length > 0) rr.resourceNames = r.resourceNames;
      resourceRules.push(rr);
    }
    if ((r.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs });
  }
  const status: SelfSubjectRulesReview['status'] = { resourceRules, nonResourceRules, incomplete: false };
  if (error.length > 0) status.evaluationError = error;
  return {
    ok: true,
    object: { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: {}, status },
  };
}
