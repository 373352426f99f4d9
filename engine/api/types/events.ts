// events.k8s.io/v1, as k8s.io/api/events/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { EventSource, ObjectReference } from './core';
import type { KubeList, ObjectMeta, TypeMeta } from './meta';

export interface EventsV1Event extends TypeMeta {
  metadata: ObjectMeta;
  eventTime: string | null;
  series?: EventsV1EventSeries;
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: ObjectReference;
  related?: ObjectReference;
  note?: string;
  /** 'Normal' or 'Warning'. */
  type?: string;
  deprecatedSource?: EventSource;
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}

export interface EventsV1EventSeries {
  count: number;
  lastObservedTime: string | null;
}

export type EventsV1EventList = KubeList<EventsV1Event>;

