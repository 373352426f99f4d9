// coordination.k8s.io/v1, as k8s.io/api/coordination/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { KubeList, ObjectMeta, TypeMeta } from './meta';

export type CoordinatedLeaseStrategy = string;

export interface Lease extends TypeMeta {
  metadata: ObjectMeta;
  spec?: LeaseSpec;
}

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** A MicroTime: RFC 3339 with microseconds. */
  acquireTime?: string;
  /** A MicroTime: RFC 3339 with microseconds. */
  renewTime?: string;
  leaseTransitions?: number;
  strategy?: CoordinatedLeaseStrategy;
  preferredHolder?: string;
}

export type LeaseList = KubeList<Lease>;

