// networking.k8s.io/v1 defaulting: pkg/apis/networking/v1/defaults.go. An Ingress path's pathType
// has no default: it is required.

import type { IngressClass, NetworkPolicy, NetworkPolicyPort } from '../types';
import { isEmpty, isNil, items, ptr, struct } from './util';

function setDefaultsNetworkPolicyPort(port: NetworkPolicyPort): void {
  if (isNil(port.protocol)) port.protocol = 'TCP';
}

/** SetObjectDefaults_NetworkPolicy: ports are TCP; no policyTypes means Ingress, plus Egress when there are egress rules. */
export function setDefaultsNetworkPolicy(obj: NetworkPolicy): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  for (const rule of items(spec.ingress)) for (const p of items(rule.ports)) setDefaultsNetworkPolicyPort(p);
  for (const rule of items(spec.egress)) for (const p of items(rule.ports)) setDefaultsNetworkPolicyPort(p);
  if (isEmpty(spec.policyTypes)) {
    spec.policyTypes = isEmpty(spec.egress) ? ['Ingress'] : ['Ingress', 'Egress'];
  }
}

/** SetDefaults_IngressClass: parameters are cluster-scoped unless they say otherwise. */
export function setDefaultsIngressClass(obj: IngressClass): void {
  const params = ptr(ptr(obj.spec)?.parameters);
  if (params && isNil(params.scope)) params.scope = 'Cluster';
}
