// discovery.k8s.io/v1 defaulting: pkg/apis/discovery/v1/defaults.go.

import type { EndpointSlice } from '../types';
import { isNil, items } from './util';

/** SetObjectDefaults_EndpointSlice: every port has a name ('' when unnamed) and a protocol (TCP). */
export function setDefaultsEndpointSlice(obj: EndpointSlice): void {
  for (const port of items(obj.ports)) {
    if (isNil(port.name)) port.name = '';
    if (isNil(port.protocol)) port.protocol = 'TCP';
  }
}
