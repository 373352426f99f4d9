// Quota for pods (pkg/quota/v1/evaluator/core/pods.go): what a pod is charged (`pods`, `count/pods`,
// cpu/memory/ephemeral-storage requests and limits, hugepages, `requests.<extended>`), the rule that
// a quota on cpu or memory makes every container state them, and the pod scopes (Terminating,
// BestEffort, PriorityClass, CrossNamespacePodAffinity). Terminal pods are charged only their count.

import { Quantity } from '../api/quantity';
import type { KubeObject, Pod, PodAffinityTerm, ScopedResourceSelectorRequirement, WeightedPodAffinityTerm } from '../api/types';
import { isExtendedResourceName, isNativeResource } from '../api/validation/resources';
import { qosClass } from '../apiserver/registry/strategy';
import { calculateUsageStats, matches, objectCountQuotaResourceNameFor, type MatchesScopeFunc } from './generic';
import { podLimits, podRequests } from './pod-resources';
import { add, containsPrefix, intersection, toQuantityList, type QuantityList } from './resources';
import { scopedResourceSelectorRequirementsAsSelector } from './scopes';
import type { Evaluator } from './types';

const podObjectCountName = objectCountQuotaResourceNameFor({ group: '', resource: 'pods' });

/** The names quota charges pods under, besides hugepages and extended resources. */
const podResources = [
  podObjectCountName, 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
];
const podResourcePrefixes = ['hugepages-', 'requests.hugepages-'];
const requestedResourcePrefixes = ['hugepages-'];
const requestsPrefix = 'requests.';

// Upstream calls this a mistake it keeps for compatibility: a quota on any of these makes every
// container of a pod state it; no other resource is ever added to the list.
const validationSet = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** isExtendedResourceNameForQuota: `requests.<domain>/<name>` outside kubernetes.io. */
function isExtendedResourceNameForQuota(name: string): boolean {
  return !isNativeResource(name) && name.startsWith(requestsPrefix);
}

// Models pkg/quota/v1/evaluator/core/pods.go podComputeUsageHelper
/** The quota names a set of requests and limits charges (with `pods` 1). */
function podComputeUsageHelper(requests: QuantityList, limits: QuantityList): QuantityList {
  const result: QuantityList = { pods: Quantity.parse('1') };
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (requests[r] !== undefined) result[r] = result[`requests.${r}`] = requests[r];
    if (limits[r] !== undefined) result[`limits.${r}`] = limits[r];
  }
  for (const [name, q] of Object.entries(requests)) {
    if (containsPrefix(requestedResourcePrefixes, name)) result[name] = result[requestsPrefix + name] = q;
    // Extended resources cannot be overcommitted, so only `requests.<name>` is charged.
    if (isExtendedResourceName(name)) result[requestsPrefix + name] = q;
  }
  return result;
}

// Models pkg/quota/v1/evaluator/core/pods.go Constraints
/** `must specify limits.cpu for: app,web; memory for: web` when containers lack what a quota needs, else null. */
function podConstraints(required: readonly string[], item: KubeObject): string | null {
  const pod = item as Pod;
  const needed = required.filter((r) => validationSet.has(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const has = podComputeUsageHelper(toQuantityList(c.resources?.requests), toQuantityList(c.resources?.limits));
    for (const r of needed) if (has[r] === undefined) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
  }
  if (missing.size === 0) return null;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** Whether the pod has an activeDeadlineSeconds (the Terminating scope; pkg/quota/v1/evaluator/core/pods.go isTerminating). */
export function isTerminating(pod: Pod): boolean {
  const s = pod.spec?.activeDeadlineSeconds;
  return s !== undefined && s !== null && s >= 0;
}

// v1 helper/qos GetPodQOS: the class the kubelet recorded, else computed from the containers.
function isBestEffort(pod: Pod): boolean {
  return (pod.status?.qosClass || qosClass(pod as never)) === 'BestEffort';
}

const crossNamespaceTerm = (t: PodAffinityTerm | undefined) => (t?.namespaces?.length ?? 0) !== 0 || (t?.namespaceSelector !== undefined && t?.namespaceSelector !== null);
type AffinityTerms = { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] };
const anyCross = (terms?: AffinityTerms) =>
  (terms?.requiredDuringSchedulingIgnoredDuringExecution ?? []).some(crossNamespaceTerm) ||
  (terms?.preferredDuringSchedulingIgnoredDuringExecution ?? []).some((w) => crossNamespaceTerm(w.podAffinityTerm));

// Models pkg/quota/v1/evaluator/core/pods.go usesCrossNamespacePodAffinity
/** Whether a pod (anti-)affinity term names other namespaces or selects namespaces. */
function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const aff = pod.spec?.affinity;
  return anyCross(aff?.podAffinity) || anyCross(aff?.podAntiAffinity);
}

// Models pkg/quota/v1/evaluator/core/pods.go podMatchesSelector
/** A PriorityClass selector applied to `{PriorityClass: <name>}` (no labels for a pod without one). */
function podMatchesSelector(pod: Pod, selector: ScopedResourceSelectorRequirement): boolean {
  const sel = scopedResourceSelectorRequirementsAsSelector(selector);
  return sel.matches(pod.spec?.priorityClassName ? { PriorityClass: pod.spec.priorityClassName } : undefined);
}

// Models pkg/quota/v1/evaluator/core/pods.go podMatchesScopeFunc
/** Whether a pod falls in a scope; throws for a PriorityClass selector that is not valid. */
export const podMatchesScopeFunc: MatchesScopeFunc = (selector, item) => {
  const pod = item as Pod;
  switch (selector.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass':
      return selector.operator === 'Exists' ? (pod.spec?.priorityClassName ?? '') !== '' : podMatchesSelector(pod, selector);
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(pod);
  }
  return false;
};

// Models pkg/quota/v1/evaluator/core/pods.go QuotaV1Pod
/**
 * Whether a pod is charged compute quota: not when it has finished (Succeeded, Failed), nor when
 * it is stuck terminating past its grace period (a lost node must not block scaling up elsewhere).
 */
export function quotaV1Pod(pod: Pod, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const m = pod.metadata;
  if (m.deletionTimestamp && m.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds !== null) {
    if (nowMs > Date.parse(m.deletionTimestamp) + m.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

// Models pkg/quota/v1/evaluator/core/pods.go PodUsageFunc
/** What a pod uses: always its count; its compute resources while it is charged (quotaV1Pod). */
export function podUsageFunc(pod: Pod, nowMs: number): QuantityList {
  const result: QuantityList = { [podObjectCountName]: Quantity.fromValue(1) };
  if (!quotaV1Pod(pod, nowMs)) return result;
  return add(result, podComputeUsageHelper(podRequests(pod), podLimits(pod)));
}

// Models pkg/quota/v1/evaluator/core/pods.go NewPodEvaluator
/** The pod evaluator; `clock` gives wall-clock ms (the deletion timestamps' clock). */
export function newPodEvaluator(clock: () => number): Evaluator {
  const self: Evaluator = {
    groupResource: { group: '', resource: 'pods' },
    constraints: podConstraints,
    // Pods are charged on create only: with InPlacePodVerticalScaling off (1.32) a pod's resources never change.
    handles: (a) => a.op === 'CREATE',
    matches: (quota, item) => matches(quota, item, self.matchingResources, podMatchesScopeFunc),
    matchingResources: (input) => [...intersection(input, podResources), ...input.filter((r) => containsPrefix(podResourcePrefixes, r) || isExtendedResourceNameForQuota(r))],
    matchingScopes: (item, selectors) => selectors.filter((s) => podMatchesScopeFunc(s, item)),
    usage: (item) => podUsageFunc(item as Pod, clock()),
    usageStats: (options, items) => calculateUsageStats(options, items, podMatchesScopeFunc, self.usage),
  };
  return self;
}
