// Builders for DNS tests: Services and EndpointSlices as the apiserver would hold them, and a
// plugin state made of them.

import type { EndpointSlice, Service } from '../api/types';
import { DnsObjects } from './objects';
import type { KubernetesState } from './kubernetes';

type PortSpec = { name?: string; protocol?: 'TCP' | 'UDP' | 'SCTP'; port: number };

/** A Service; `clusterIPs` ['None'] makes it headless. */
export function service(namespace: string, name: string, spec: { clusterIPs?: string[]; ports?: PortSpec[]; type?: string; externalName?: string } = {}): Service {
  const ips = spec.clusterIPs ?? [];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, name },
    spec: {
      type: (spec.type ?? 'ClusterIP') as never,
      ...(ips.length ? { clusterIP: ips[0], clusterIPs: ips } : {}),
      ...(spec.ports ? { ports: spec.ports.map((p) => ({ protocol: 'TCP' as const, ...p })) } : {}),
      ...(spec.externalName ? { externalName: spec.externalName } : {}),
    },
  };
}

/** One endpoint of a slice. */
export interface EndpointSpec {
  ip: string;
  hostname?: string;
  ready?: boolean;
  pod?: string;
  node?: string;
}

/** An EndpointSlice of service `svc`. */
export function endpointSlice(namespace: string, name: string, svc: string, endpoints: EndpointSpec[], ports: PortSpec[] = []): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name, labels: { 'kubernetes.io/service-name': svc } },
    addressType: endpoints.some((e) => e.ip.includes(':')) ? 'IPv6' : 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: e.ready === undefined ? {} : { ready: e.ready },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace, name: e.pod } } : {}),
      ...(e.node ? { nodeName: e.node } : {}),
    })),
    ports: ports.map((p) => ({ protocol: 'TCP' as const, ...p })),
  };
}

/** A synced plugin state holding these objects and namespaces. */
export function dnsState(objs: { services?: Service[]; slices?: EndpointSlice[]; namespaces?: string[]; localIPs?: string[]; synced?: boolean }): KubernetesState {
  const objects = new DnsObjects(() => 1_700_000_000);
  for (const n of objs.namespaces ?? []) objects.putNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } });
  for (const s of objs.services ?? []) objects.putService(s);
  for (const e of objs.slices ?? []) objects.putEndpointSlice(e);
  return { objects, synced: objs.synced ?? true, localIPs: objs.localIPs ?? [] };
}
