// discovery.k8s.io/v1, as k8s.io/api/discovery/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { ObjectReference, Protocol } from './core';
import type { KubeList, ObjectMeta, TypeMeta } from './meta';

export interface EndpointSlice extends TypeMeta {
  metadata: ObjectMeta;
  addressType: AddressType;
  endpoints: Endpoint[];
  ports?: DiscoveryV1EndpointPort[];
}

export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  deprecatedTopology?: Record<string, string>;
  nodeName?: string;
  zone?: string;
  hints?: EndpointHints;
}

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface EndpointHints {
  forZones?: ForZone[];
}

export interface ForZone {
  name: string;
}

export interface DiscoveryV1EndpointPort {
  name?: string;
  protocol?: Protocol;
  port?: number;
  appProtocol?: string;
}

export type EndpointSliceList = KubeList<EndpointSlice>;

