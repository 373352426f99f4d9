// Quota for claims (pkg/quota/v1/evaluator/core/persistent_volume_claims.go): every claim counts under
// `persistentvolumeclaims` and `count/persistentvolumeclaims`, its storage under `requests.storage`
// (the larger of what it asks and what was allocated, in whole bytes), and both again per storage
// class as `<class>.storageclass.storage.k8s.io/<name>`. The VolumeAttributesClass scope is off in 1.32.

import { Quantity } from '../api/quantity';
import type { PersistentVolumeClaim } from '../api/types';
import { calculateUsageStats, matches, matchesNoScopeFunc, objectCountQuotaResourceNameFor } from './generic';
import { toQuantityList, type QuantityList } from './resources';
import type { Evaluator } from './types';

const pvcObjectCountName = objectCountQuotaResourceNameFor({ group: '', resource: 'persistentvolumeclaims' });
const pvcResources = ['persistentvolumeclaims', 'requests.storage'];
const storageClassSuffix = '.storageclass.storage.k8s.io/';

// Models staging/src/k8s.io/component-helpers/storage/volume/helpers.go GetPersistentVolumeClaimClass
/** The claim's class: the beta annotation first, then spec.storageClassName. */
function claimClass(pvc: PersistentVolumeClaim): string {
  const beta = pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  return beta !== undefined ? beta : (pvc.spec?.storageClassName ?? '');
}

/** Storage is charged in whole bytes (issue 94313), rounded up. */
function roundUp(q: Quantity): Quantity {
  const r = q.roundUp(0);
  return r.exact ? q : r.quantity;
}

// Models pkg/quota/v1/evaluator/core/persistent_volume_claims.go getStorageUsage
function storageUsage(pvc: PersistentVolumeClaim): Quantity | undefined {
  const requested = toQuantityList(pvc.spec?.resources?.requests).storage;
  let result = requested !== undefined ? roundUp(requested) : undefined;
  const allocated = toQuantityList(pvc.status?.allocatedResources).storage;
  if (result !== undefined && allocated !== undefined && allocated.cmp(result) > 0) result = roundUp(allocated);
  return result;
}

// Models pkg/quota/v1/evaluator/core/persistent_volume_claims.go Usage
/** What a claim uses. */
export function pvcUsage(pvc: PersistentVolumeClaim): QuantityList {
  const result: QuantityList = { persistentvolumeclaims: Quantity.fromValue(1), [pvcObjectCountName]: Quantity.fromValue(1) };
  const cls = claimClass(pvc);
  if (cls) result[`${cls}${storageClassSuffix}persistentvolumeclaims`] = Quantity.fromValue(1);
  const storage = storageUsage(pvc);
  if (storage !== undefined) {
    result['requests.storage'] = storage;
    if (cls) result[`${cls}${storageClassSuffix}requests.storage`] = storage;
  }
  return result;
}

// Models pkg/quota/v1/evaluator/core/persistent_volume_claims.go MatchingResources
function matchingResources(input: readonly string[]): string[] {
  return input.filter((r) => r === pvcObjectCountName || pvcResources.includes(r) || pvcResources.some((p) => r.endsWith(storageClassSuffix + p)));
}

// Models pkg/quota/v1/evaluator/core/persistent_volume_claims.go NewPersistentVolumeClaimEvaluator
/** The claim evaluator: charged on create and on update (a claim can be expanded). */
export function newPersistentVolumeClaimEvaluator(): Evaluator {
  const self: Evaluator = {
    groupResource: { group: '', resource: 'persistentvolumeclaims' },
    constraints: () => null,
    handles: (a) => a.subresource === '' && (a.op === 'CREATE' || a.op === 'UPDATE'),
    matches: (quota, item) => matches(quota, item, matchingResources, matchesNoScopeFunc),
    matchingResources,
    matchingScopes: () => [],
    usage: (item) => pvcUsage(item as PersistentVolumeClaim),
    usageStats: (options, items) => calculateUsageStats(options, items, matchesNoScopeFunc, self.usage),
  };
  return self;
}
