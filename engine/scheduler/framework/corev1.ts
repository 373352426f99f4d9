// The scheduling helpers of k8s.io/component-helpers/scheduling/corev1 (helpers.go) and of
// k8s.io/api/core/v1 (toleration.go, taint.go) that the scheduler's plugins share: whether a
// toleration tolerates a taint, the first untolerated taint, a pod's priority. The kubelet's
// admission, the DaemonSet controller and taint eviction use the same rules upstream.

import type { Pod, Taint } from '../../api/types/core';

export { TaintNodeUnschedulable, findMatchingUntoleratedTaint, toleratesTaint, tolerationsTolerateTaint } from '../../api/taints';

// Models pkg/scheduler/framework/plugins/helper/taint.go (DoNotScheduleTaintsFilterFunc)
/** Keeps the taints that keep pods off a node at scheduling time: NoSchedule and NoExecute. */
export function doNotScheduleTaintsFilterFunc(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}

// Models k8s.io/component-helpers/scheduling/corev1/helpers.go (PodPriority)
/** The pod's priority: spec.priority, or 0 when admission left it unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}
