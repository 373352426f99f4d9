// scheduling.k8s.io/v1, as k8s.io/api/scheduling/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { PreemptionPolicy } from './core';
import type { KubeList, ObjectMeta, TypeMeta } from './meta';

export interface PriorityClass extends TypeMeta {
  metadata: ObjectMeta;
  value: number;
  /** The priority of pods that name no class; at most one class may set it. */
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: PreemptionPolicy;
}

export type PriorityClassList = KubeList<PriorityClass>;

