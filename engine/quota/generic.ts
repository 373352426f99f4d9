// The evaluator parts every resource shares (k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go):
// the `count/<resource>[.<group>]` names, whether a quota matches an object, the aggregate usage of
// a namespace's objects under a quota's scopes, and the evaluator that only counts objects.

import type { KubeObject, ResourceQuota, ScopedResourceSelectorRequirement } from '../api/types';
import { add, intersection, type QuantityList } from './resources';
import { Quantity } from '../api/quantity';
import type { Evaluator, GroupResource, QuotaAttributes, UsageStatsOptions } from './types';

/** Whether an object falls in a scope; throws when the selector is not a valid one. */
export type MatchesScopeFunc = (selector: ScopedResourceSelectorRequirement, item: KubeObject) => boolean;

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go ObjectCountQuotaResourceNameFor
/** The object-count quota name of a resource: `count/pods`, `count/deployments.apps`. */
export function objectCountQuotaResourceNameFor(gr: GroupResource): string {
  return gr.group ? `count/${gr.resource}.${gr.group}` : `count/${gr.resource}`;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go MatchesNoScopeFunc
/** The scope function of resources that have no scopes: nothing is in any scope. */
export const matchesNoScopeFunc: MatchesScopeFunc = () => false;

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go getScopeSelectorsFromQuota
/** A quota's scopes as selectors (each of spec.scopes is an Exists), then its scopeSelector's expressions. */
export function scopeSelectorsFromQuota(quota: ResourceQuota): ScopedResourceSelectorRequirement[] {
  const selectors: ScopedResourceSelectorRequirement[] = (quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' }));
  return [...selectors, ...(quota.spec?.scopeSelector?.matchExpressions ?? [])];
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go Matches
/**
 * Whether the quota tracks one of the evaluator's resources in its status.hard (a quota the
 * controller has not yet given a status matches nothing) and every one of its scopes selects the object.
 */
export function matches(quota: ResourceQuota, item: KubeObject, matchingResources: (names: readonly string[]) => string[], scopeFunc: MatchesScopeFunc): boolean {
  const matchResource = matchingResources(Object.keys(quota.status?.hard ?? {})).length > 0;
  let matchScope = true;
  for (const selector of scopeSelectorsFromQuota(quota)) matchScope = scopeFunc(selector, item) && matchScope;
  return matchResource && matchScope;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go CalculateUsageStats
/**
 * The summed usage of the objects that fall in the options' scopes, each tracked resource starting
 * at zero. As upstream, a scope that cannot be evaluated ends the count early with what was summed so far.
 */
export function calculateUsageStats(
  options: UsageStatsOptions,
  items: readonly KubeObject[],
  scopeFunc: MatchesScopeFunc,
  usageFunc: (item: KubeObject) => QuantityList,
): QuantityList {
  let used: QuantityList = {};
  for (const name of options.resources) used[name] = Quantity.zero('DecimalSI');
  for (const item of items) {
    let inScope = true;
    try {
      for (const scopeName of options.scopes ?? []) if (!scopeFunc({ scopeName, operator: 'Exists' }, item)) inScope = false;
      for (const selector of options.scopeSelector?.matchExpressions ?? []) inScope = scopeFunc(selector, item) && inScope;
    } catch {
      return used;
    }
    if (inScope) used = add(used, usageFunc(item));
  }
  return used;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go NewObjectCountEvaluator
/**
 * An evaluator that charges 1 per object under `count/<resource>[.<group>]` (and a legacy alias
 * such as `configmaps`), on create only: what quota does for every resource without special logic.
 */
export function newObjectCountEvaluator(groupResource: GroupResource, alias = ''): Evaluator {
  const names = [objectCountQuotaResourceNameFor(groupResource), ...(alias ? [alias] : [])];
  const self: Evaluator = {
    groupResource,
    constraints: () => null,
    handles: (a: QuotaAttributes) => a.op === 'CREATE',
    matches: (quota, item) => matches(quota, item, self.matchingResources, matchesNoScopeFunc),
    matchingResources: (input) => intersection(input, names),
    matchingScopes: () => [],
    usage: () => Object.fromEntries(names.map((n) => [n, Quantity.fromValue(1)])),
    usageStats: (options, items) => calculateUsageStats(options, items, matchesNoScopeFunc, self.usage),
  };
  return self;
}
