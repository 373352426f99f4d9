// Whether one admission request fits the namespace's quotas (k8s.io/apiserver/pkg/admission/plugin/
// resourcequota/controller.go CheckRequest), as a pure function: the quotas it matches must have a
// status, the object must state what they constrain, and the new usage must stay within status.hard.
// It answers the quotas as they would be with the request charged; the plugin writes those back.

import type { KubeObject, ResourceQuota } from '../api/types';
import { clone } from '../apiserver/registry/objects';
import { scopeSelectorsFromQuota } from './generic';
import { add, isNegative, lessThanOrEqual, mask, removeZeros, resourceNames, subtractWithNonNegativeResult } from './resources';
import { toQuantityList, toResourceList, type QuantityList } from './resources';
import type { Evaluator, QuotaAttributes } from './types';

/** A refusal the plugin answers as 403 Forbidden (admission.NewForbidden) with this message. */
export class QuotaForbiddenError extends Error {}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go prettyPrint
/** `limits.cpu=100m,pods=10`: names sorted, canonical quantities. */
export function prettyPrint(item: QuantityList): string {
  return Object.keys(item)
    .sort()
    .map((k) => `${k}=${item[k].toString()}`)
    .join(',');
}

const prettyPrintResourceNames = (names: readonly string[]) => [...names].sort().join(',');

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go hasUsageStats
/** Whether status.used has a value for every hard resource among `interesting`. */
export function hasUsageStats(quota: ResourceQuota, interesting: readonly string[]): boolean {
  const set = new Set(interesting);
  const used = quota.status?.used ?? {};
  return Object.keys(quota.status?.hard ?? {}).every((name) => !set.has(name) || used[name] !== undefined);
}

/** The quotas the object falls under; throws QuotaForbiddenError for an unmet constraint or an unknown status. */
function interestingQuotas(quotas: readonly ResourceQuota[], input: KubeObject, evaluator: Evaluator): number[] {
  const found: number[] = [];
  quotas.forEach((q, i) => {
    try {
      evaluator.matchingScopes(input, scopeSelectorsFromQuota(q));
    } catch (e) {
      throw new Error(`error matching scopes of quota ${q.metadata.name ?? ''}, err: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!evaluator.matches(q, input)) return;
    const restricted = evaluator.matchingResources(resourceNames(q.status?.hard));
    const why = evaluator.constraints(restricted, input);
    if (why !== null) throw new QuotaForbiddenError(`failed quota: ${q.metadata.name ?? ''}: ${why}`);
    if (!hasUsageStats(q, restricted)) throw new QuotaForbiddenError(`status unknown for quota: ${q.metadata.name ?? ''}, resources: ${prettyPrintResourceNames(restricted)}`);
    found.push(i);
  });
  return found;
}

/**
 * Each interesting quota's charge, zeros removed (upstream's deltaUsageIndexMap). An update is charged
 * only its growth, and only to quotas that already matched the old object. (Upstream also sums the
 * charge when no quota is interesting, for the limited-resources configuration Kubeplay does not have.)
 */
function deltas(quotas: readonly ResourceQuota[], a: QuotaAttributes, evaluator: Evaluator, interesting: number[], inputUsage: QuantityList): Map<number, QuantityList> {
  const delta = new Map<number, QuantityList>(interesting.map((i) => [i, inputUsage]));
  if (a.op === 'UPDATE') {
    const prev = a.old;
    if (!prev) throw new QuotaForbiddenError('unable to get previous usage since prior version of object was not found');
    // An old object without a resourceVersion is a create-on-update: charge it all.
    if (prev.metadata.resourceVersion) {
      const d = subtractWithNonNegativeResult(inputUsage, evaluator.usage(prev));
      for (const i of interesting) if (evaluator.matches(quotas[i], prev)) delta.set(i, d);
    }
  }
  for (const [i, d] of delta) {
    const nz = removeZeros(d);
    if (Object.keys(nz).length === 0) delta.delete(i);
    else delta.set(i, nz);
  }
  return delta;
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go CheckRequest
/**
 * The quotas with the request charged (the same array when it charges nothing). Throws
 * QuotaForbiddenError when it does not fit (`exceeded quota: …`), other errors when a quota cannot be evaluated.
 */
export function checkRequest(quotas: readonly ResourceQuota[], a: QuotaAttributes, evaluator: Evaluator): readonly ResourceQuota[] {
  if (!evaluator.handles(a)) return quotas;
  const input = a.obj;
  const interesting = interestingQuotas(quotas, input, evaluator);
  const inputUsage = evaluator.usage(input);
  const negative = isNegative(inputUsage);
  if (negative.length > 0) throw new QuotaForbiddenError(`quota usage is negative for resource(s): ${prettyPrintResourceNames(negative)}`);
  const delta = deltas(quotas, a, evaluator, interesting, inputUsage);
  if (delta.size === 0) return quotas;
  const out = quotas.map((q) => clone(q));
  for (const i of interesting) {
    const d = delta.get(i);
    if (!d) continue;
    const hard = toQuantityList(out[i].status?.hard);
    const used = toQuantityList(out[i].status?.used);
    const requested = mask(d, resourceNames(hard));
    const newUsage = add(used, requested);
    if (a.subresource !== 'status') {
      const { allowed, exceeded } = lessThanOrEqual(mask(newUsage, resourceNames(requested)), hard);
      if (!allowed) {
        const name = out[i].metadata.name ?? '';
        const shown = (l: QuantityList) => prettyPrint(mask(l, exceeded));
        throw new QuotaForbiddenError(`exceeded quota: ${name}, requested: ${shown(requested)}, used: ${shown(used)}, limited: ${shown(hard)}`);
      }
    }
    out[i].status = { ...out[i].status, used: toResourceList(newUsage) };
  }
  return out;
}
