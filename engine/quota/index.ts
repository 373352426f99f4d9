// Resource quota (k8s.io/apiserver/pkg/quota/v1 and pkg/quota/v1/evaluator/core): the evaluators that
// measure what objects use, the arithmetic of resource lists, the admission check of one request and
// the usage the resource quota controller computes. Shared by the ResourceQuota admission plugin and
// kube-controller-manager's resource quota controller.

export type { Evaluator, GroupResource, QuotaAttributes, UsageStatsOptions } from './types';
export * from './resources';
export { calculateUsageStats, matches, matchesNoScopeFunc, newObjectCountEvaluator, objectCountQuotaResourceNameFor, scopeSelectorsFromQuota } from './generic';
export type { MatchesScopeFunc } from './generic';
export { isTerminating, newPodEvaluator, podMatchesScopeFunc, podUsageFunc, quotaV1Pod } from './pods';
export { podLimits, podRequests } from './pod-resources';
export { getQuotaServiceType, newServiceEvaluator, serviceUsage } from './services';
export { newPersistentVolumeClaimEvaluator, pvcUsage } from './persistent-volume-claims';
export { evaluatorFor, isIgnoredResource, newEvaluators, newRegistry, type Registry } from './registry';
export { scopedResourceSelectorRequirementsAsSelector } from './scopes';
export { checkRequest, hasUsageStats, prettyPrint, QuotaForbiddenError } from './check-request';
export { calculateUsage, calculateUsageOf, controllerRegistry, parseObjectCountName, syncResourceQuotaStatus, type ObjectsOf } from './usage';
export { defaultUpdateFilter } from './update-filter';
