// The scheduling helpers of k8s.io/component-helpers/scheduling/corev1 (helpers.go) and of
// k8s.io/api/core/v1 (toleration.go, taint.go) that the scheduler's plugins share: whether a
// toleration tolerates a taint, the first untolerated taint, a pod's priority. The kubelet's
// admission, the DaemonSet controller and taint eviction use the same rules upstream.

import type { Pod, Taint, Toleration } from '../../api/types/core';

/** v1.TaintNodeUnschedulable: the taint a cordoned node behaves as if it had. */
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';

// Models k8s.io/api/core/v1/toleration.go (Toleration.ToleratesTaint)
/** Whether the toleration matches the taint: same effect (or none), same key (or none), and Equal value or Exists. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

// Models k8s.io/component-helpers/scheduling/corev1/helpers.go (TolerationsTolerateTaint)
/** Whether any of the tolerations tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

// Models k8s.io/component-helpers/scheduling/corev1/helpers.go (FindMatchingUntoleratedTaint)
/** The first taint the filter keeps that no toleration tolerates, or undefined. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusionFilter?: (t: Taint) => boolean,
): Taint | undefined {
  return (taints ?? []).find((t) => (!inclusionFilter || inclusionFilter(t)) && !tolerationsTolerateTaint(tolerations, t));
}

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
