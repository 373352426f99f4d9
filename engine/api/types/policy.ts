// policy/v1, as k8s.io/api/policy/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { Condition, DeleteOptions, KubeList, LabelSelector, ObjectMeta, TypeMeta } from './meta';

export interface PodDisruptionBudgetSpec {
  /** A count or a percentage of the selected pods. */
  minAvailable?: number | string;
  selector?: LabelSelector;
  /** A count or a percentage of the selected pods. */
  maxUnavailable?: number | string;
  unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicyType;
}

export type UnhealthyPodEvictionPolicyType = 'IfHealthyBudget' | 'AlwaysAllow';

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

export interface PodDisruptionBudget extends TypeMeta {
  metadata: ObjectMeta;
  spec?: PodDisruptionBudgetSpec;
  status?: PodDisruptionBudgetStatus;
}

export type PodDisruptionBudgetList = KubeList<PodDisruptionBudget>;

export interface Eviction extends TypeMeta {
  metadata: ObjectMeta;
  deleteOptions?: DeleteOptions;
}

