// The well-known node taints (k8s.io/api/core/v1 well_known_taints.go) and the toleration rules
// every component shares (k8s.io/api/core/v1 toleration.go, k8s.io/component-helpers/scheduling/corev1):
// the scheduler's TaintToleration plugin, the node lifecycle and taint eviction controllers, the
// DaemonSet controller and the admission plugins all read taints through these.

import type { Taint, Toleration } from './types/core';

/** The node's Ready condition is False. */
export const TaintNodeNotReady = 'node.kubernetes.io/not-ready';
/** The node controller cannot reach the node (its Ready condition is Unknown). */
export const TaintNodeUnreachable = 'node.kubernetes.io/unreachable';
/** The node is cordoned (spec.unschedulable). */
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
export const TaintNodeMemoryPressure = 'node.kubernetes.io/memory-pressure';
export const TaintNodeDiskPressure = 'node.kubernetes.io/disk-pressure';
export const TaintNodeNetworkUnavailable = 'node.kubernetes.io/network-unavailable';
export const TaintNodePIDPressure = 'node.kubernetes.io/pid-pressure';
/** An administrator marked the node out of service (non-graceful node shutdown). */
export const TaintNodeOutOfService = 'node.kubernetes.io/out-of-service';

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
export function findMatchingUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined, inclusionFilter?: (t: Taint) => boolean): Taint | undefined {
  return (taints ?? []).find((t) => (!inclusionFilter || inclusionFilter(t)) && !tolerationsTolerateTaint(tolerations, t));
}
