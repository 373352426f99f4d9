// A quota's usage as the resource quota controller measures it: quota.CalculateUsage
// (k8s.io/apiserver/pkg/quota/v1/resources.go) over the namespace's objects, and the status that
// syncResourceQuota (pkg/controller/resourcequota/resource_quota_controller.go) writes from it.
// Pure functions: the controller hands in the objects of each resource from its informers.

import type { KubeObject, ResourceQuota, ResourceQuotaScope, ResourceQuotaStatus, ScopeSelector } from '../api/types';
import { newObjectCountEvaluator } from './generic';
import { isIgnoredResource, newEvaluators, newRegistry, type Registry } from './registry';
import { add, difference, equals, intersection, mask, resourceNames, toQuantityList, toResourceList, type QuantityList } from './resources';
import type { GroupResource } from './types';

/** The objects of a resource in the quota's namespace; undefined when the resource is not served (or not yet listed). */
export type ObjectsOf = (gr: GroupResource) => readonly KubeObject[] | undefined;

/** `count/deployments.apps` → deployments in apps; null for a name that is not an object count. */
export function parseObjectCountName(name: string): GroupResource | null {
  if (!name.startsWith('count/')) return null;
  const rest = name.slice('count/'.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? { group: '', resource: rest } : { group: rest.slice(dot + 1), resource: rest.slice(0, dot) };
}

/**
 * The controller's registry: the core evaluators, plus an object counter for each served resource a
 * `count/…` name asks for (upstream's quota monitor keeps one for every discovered resource; only
 * those a quota names can change a status).
 */
export function controllerRegistry(hard: readonly string[], objectsOf: ObjectsOf, clock: () => number): Registry {
  const registry = newRegistry(newEvaluators(clock));
  for (const name of hard) {
    const gr = parseObjectCountName(name);
    if (gr && !registry.get(gr) && !isIgnoredResource(gr) && objectsOf(gr) !== undefined) registry.add(newObjectCountEvaluator(gr));
  }
  return registry;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go CalculateUsage
/**
 * The observed usage of every hard resource some evaluator can measure, within the scopes. A
 * resource whose objects cannot be listed is left out (upstream returns its error beside the rest).
 */
export function calculateUsageOf(
  scopes: readonly ResourceQuotaScope[],
  hardLimits: QuantityList,
  registry: Registry,
  objectsOf: ObjectsOf,
  scopeSelector?: ScopeSelector,
  namespace = '',
): QuantityList {
  const hard = resourceNames(hardLimits);
  const evaluators = registry.list();
  let matched = intersection(hard, evaluators.flatMap((e) => e.matchingResources(hard)));
  let used: QuantityList = {};
  for (const e of evaluators) {
    const resources = e.matchingResources(matched);
    if (resources.length === 0) continue;
    const items = objectsOf(e.groupResource);
    if (items === undefined) {
      matched = difference(matched, resources);
      continue;
    }
    used = add(used, e.usageStats({ namespace, scopes, resources, scopeSelector }, items));
  }
  return mask(used, matched);
}

/** What the controller calls per quota: the usage of its spec.hard resources by the namespace's objects, under its scopes. */
export function calculateUsage(quota: ResourceQuota, objectsOf: ObjectsOf, clock: () => number): QuantityList {
  const hardLimits = toQuantityList(quota.spec?.hard);
  const registry = controllerRegistry(resourceNames(hardLimits), objectsOf, clock);
  return calculateUsageOf(quota.spec?.scopes ?? [], hardLimits, registry, objectsOf, quota.spec?.scopeSelector, quota.metadata.namespace ?? '');
}

// Models pkg/controller/resourcequota/resource_quota_controller.go syncResourceQuota
/**
 * The status the controller writes: hard is spec.hard, used the new observation over the last one,
 * masked to the hard names. `dirty` says whether it differs from the stored status (and must be written).
 */
export function syncResourceQuotaStatus(quota: ResourceQuota, objectsOf: ObjectsOf, clock: () => number): { status: ResourceQuotaStatus; dirty: boolean } {
  const hardLimits = toQuantityList(quota.spec?.hard);
  const statusHard = toQuantityList(quota.status?.hard);
  const statusUsed = toQuantityList(quota.status?.used);
  // Go's nil maps: an empty status.hard or status.used is one never written (omitempty).
  let dirty = !equals(hardLimits, statusHard) || resourceNames(statusHard).length === 0 || resourceNames(statusUsed).length === 0;
  let used = { ...statusUsed, ...calculateUsage(quota, objectsOf, clock) };
  used = mask(used, resourceNames(hardLimits));
  dirty = dirty || !equals(used, statusUsed);
  return { status: { hard: toResourceList(hardLimits), used: toResourceList(used) }, dirty };
}
