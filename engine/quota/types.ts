// What an evaluator is (k8s.io/apiserver/pkg/quota/v1/interfaces.go): the piece of quota that knows
// one resource — which quota names it charges, how much one object uses, which scopes it falls in.
// Upstream's evaluators list objects through an informer; these are handed the objects instead.

import type { KubeObject, ResourceQuota, ResourceQuotaScope, ScopedResourceSelectorRequirement, ScopeSelector } from '../api/types';
import type { QuantityList } from './resources';

/** A group and resource (schema.GroupResource): `{ group: 'apps', resource: 'deployments' }`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** The parts of an admission call an evaluator looks at. */
export interface QuotaAttributes {
  op: 'CREATE' | 'UPDATE' | 'DELETE';
  subresource: string;
  obj: KubeObject;
  old: KubeObject | null;
}

/** quota.UsageStatsOptions: what an aggregate usage is measured for. */
export interface UsageStatsOptions {
  namespace: string;
  scopes?: readonly ResourceQuotaScope[];
  /** The resource names to report, zero when nothing uses them. */
  resources: readonly string[];
  scopeSelector?: ScopeSelector;
}

/** quota.Evaluator: usage, matching and constraints for one resource. Errors are thrown. */
export interface Evaluator {
  readonly groupResource: GroupResource;
  /** Constraints: null when the object may be charged for `required`, else why not (`must specify …`). */
  constraints(required: readonly string[], item: KubeObject): string | null;
  /** Handles: whether this operation can change usage. */
  handles(a: QuotaAttributes): boolean;
  /** Matches: whether the quota tracks a resource of this kind and its scopes select the object. */
  matches(quota: ResourceQuota, item: KubeObject): boolean;
  /** MatchingResources: the names in `input` this evaluator charges. */
  matchingResources(input: readonly string[]): string[];
  /** MatchingScopes: the selectors among `selectors` the object satisfies. */
  matchingScopes(item: KubeObject, selectors: readonly ScopedResourceSelectorRequirement[]): ScopedResourceSelectorRequirement[];
  /** Usage: what one object uses. */
  usage(item: KubeObject): QuantityList;
  /** UsageStats: what the objects (the namespace's, as the controller lists them) use together. */
  usageStats(options: UsageStatsOptions, items: readonly KubeObject[]): QuantityList;
}
