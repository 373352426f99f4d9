// What kube-proxy knows of one port of a Service: its name (`ns/svc:port`), the addresses it is
// reached at (cluster IP, node port, external IPs, load-balancer ingress IPs), its protocol, its
// session affinity and its traffic policies. Models pkg/proxy/serviceport.go (BaseServicePortInfo,
// newBaseServiceInfo) and pkg/proxy/util ShouldSkipService, for IPv4 (Kubeplay is single-stack).

import type { Protocol, Service, ServicePort as ApiServicePort } from '../api/types';

/** ServicePortName: a Service port as the proxier keys it. */
export interface ServicePortName {
  namespace: string;
  name: string;
  /** The port's name ('' for a single unnamed port). */
  port: string;
  protocol: Protocol;
}

/** `ns/svc:port` (`ns/svc` for an unnamed port), as ServicePortName.String() prints it (the protocol is not part of it). */
export function servicePortNameString(n: Pick<ServicePortName, 'namespace' | 'name' | 'port'>): string {
  return `${n.namespace}/${n.name}${n.port ? `:${n.port}` : ''}`;
}

/** The map key of a ServicePortName: its string and protocol, as Go's struct equality tells them apart. */
export function servicePortKey(n: ServicePortName): string {
  return `${servicePortNameString(n)}/${n.protocol}`;
}

/** The default of sessionAffinityConfig.clientIP.timeoutSeconds (3 hours), as the API defaults it. */
export const defaultStickyMaxAgeSeconds = 10800;

/** BaseServicePortInfo: one Service port, as every proxier reads it. */
export interface ServicePortInfo {
  name: ServicePortName;
  /** `ns/svc:port`. */
  nameString: string;
  clusterIP: string;
  port: number;
  protocol: Protocol;
  /** 0 when the Service has no node port. */
  nodePort: number;
  externalIPs: string[];
  /** status.loadBalancer.ingress[].ip. */
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  sessionAffinity: 'None' | 'ClientIP';
  /** sessionAffinityConfig.clientIP.timeoutSeconds when the affinity is ClientIP, else 0. */
  stickyMaxAgeSeconds: number;
  /** externalTrafficPolicy: Local on an externally reachable Service. */
  externalPolicyLocal: boolean;
  /** internalTrafficPolicy: Local. */
  internalPolicyLocal: boolean;
  healthCheckNodePort: number;
}

// Models pkg/proxy/util ShouldSkipService: no cluster IP ('None' or empty) or type ExternalName.
/** Whether kube-proxy ignores a Service. */
export function shouldSkipService(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return true;
  return svc.spec?.type === 'ExternalName';
}

// Models pkg/api/v1/service ExternallyAccessible.
/** Whether a Service is reachable from outside the cluster (LoadBalancer, NodePort, or external IPs). */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type ?? 'ClusterIP';
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
}

// Models pkg/proxy/serviceport.go newBaseServiceInfo.
/** The info of one port of a Service kube-proxy does not skip. */
export function newServicePortInfo(svc: Service, port: ApiServicePort): ServicePortInfo {
  const spec = svc.spec ?? {};
  const name: ServicePortName = { namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name ?? '', port: port.name ?? '', protocol: port.protocol ?? 'TCP' };
  const clientIP = spec.sessionAffinity === 'ClientIP';
  const external = externallyAccessible(svc);
  const ipv4 = (ip: string) => /^\d+\.\d+\.\d+\.\d+$/.test(ip);
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip && ipv4(ip));
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  return {
    name,
    nameString: servicePortNameString(name),
    clusterIP: spec.clusterIP!,
    port: port.port,
    protocol: name.protocol,
    nodePort: port.nodePort ?? 0,
    externalIPs: (spec.externalIPs ?? []).filter(ipv4),
    loadBalancerVIPs: ingress,
    loadBalancerSourceRanges: ingress.length ? [...(spec.loadBalancerSourceRanges ?? [])] : [],
    sessionAffinity: clientIP ? 'ClientIP' : 'None',
    stickyMaxAgeSeconds: clientIP ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultStickyMaxAgeSeconds) : 0,
    externalPolicyLocal: external && spec.externalTrafficPolicy === 'Local',
    internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
    healthCheckNodePort: needsHealthCheck ? (spec.healthCheckNodePort ?? 0) : 0,
  };
}

/** ExternallyAccessible of a port: it has a node port, external IPs or load-balancer IPs. */
export function portExternallyAccessible(p: ServicePortInfo): boolean {
  return p.nodePort !== 0 || p.loadBalancerVIPs.length > 0 || p.externalIPs.length > 0;
}

/** UsesClusterEndpoints: some traffic to the port goes to endpoints anywhere in the cluster. */
export function usesClusterEndpoints(p: ServicePortInfo): boolean {
  return !p.internalPolicyLocal || (portExternallyAccessible(p) && !p.externalPolicyLocal);
}

/** UsesLocalEndpoints: some traffic to the port goes only to this node's endpoints. */
export function usesLocalEndpoints(p: ServicePortInfo): boolean {
  return p.internalPolicyLocal || (portExternallyAccessible(p) && p.externalPolicyLocal);
}

/** Every port of a Service kube-proxy proxies, by servicePortKey (empty when it skips the Service). */
export function servicePorts(svc: Service): Map<string, ServicePortInfo> {
  const out = new Map<string, ServicePortInfo>();
  if (shouldSkipService(svc)) return out;
  for (const p of svc.spec?.ports ?? []) {
    const info = newServicePortInfo(svc, p);
    out.set(servicePortKey(info.name), info);
  }
  return out;
}
