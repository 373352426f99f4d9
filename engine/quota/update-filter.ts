// Which updates of an object can change a quota's usage, so that the resource quota controller
// recalculates the namespace's quotas (pkg/quota/v1/install/update_filter.go DefaultUpdateFilter):
// a pod leaving or entering the Terminating scope or ceasing to count (terminal, or past its
// deletion grace period), a service changing its quota'd type. With 1.32's default feature gates
// neither a pod's resources (InPlacePodVerticalScaling) nor a claim's (RecoverVolumeExpansionFailure) count.

import type { KubeObject, Pod, Service } from '../api/types';
import { isTerminating, quotaV1Pod } from './pods';
import { getQuotaServiceType } from './services';
import type { GroupResource } from './types';

// Models pkg/quota/v1/install/update_filter.go DefaultUpdateFilter
/** Whether the update of `oldObj` to `newObj` of resource `gr` should replenish quota; `nowMs` is wall-clock ms. */
export function defaultUpdateFilter(gr: GroupResource, oldObj: KubeObject, newObj: KubeObject, nowMs: number): boolean {
  if (gr.group !== '') return false;
  switch (gr.resource) {
    case 'pods': {
      const [o, n] = [oldObj as Pod, newObj as Pod];
      if (isTerminating(o) !== isTerminating(n)) return true;
      return quotaV1Pod(o, nowMs) && !quotaV1Pod(n, nowMs);
    }
    case 'services':
      return getQuotaServiceType(oldObj as Service) !== getQuotaServiceType(newObj as Service);
    default:
      return false;
  }
}
