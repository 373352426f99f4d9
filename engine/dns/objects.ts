// What CoreDNS's kubernetes plugin keeps of the cluster: stripped-down Services, EndpointSlices
// (as one subset of ready addresses each), Pods and Namespaces, with the indexes its controller
// builds over them (plugin/kubernetes/object/*.go, plugin/kubernetes/controller.go): services by
// `name.namespace` and by cluster IP, endpoints by their service's `name.namespace` and by address,
// pods by IP. Informer handlers feed it; the resolver only reads it.

import type { EndpointSlice, Namespace, Pod, Service } from '../api/types';

/** object.Service. */
export interface DnsService {
  name: string;
  namespace: string;
  /** `name.namespace` (object.ServiceKey). */
  index: string;
  /** spec.clusterIPs, or [spec.clusterIP]; 'None' first for a headless service. */
  clusterIPs: string[];
  type: string;
  externalName: string;
  /** The ports; one sentinel port -1 when there are none. */
  ports: { name: string; protocol: string; port: number }[];
  externalIPs: string[];
}

/** object.EndpointAddress. */
export interface DnsEndpointAddress {
  ip: string;
  hostname: string;
  nodeName: string;
  targetRefName: string;
}

/** object.Endpoints, made from one EndpointSlice (object.EndpointSliceToEndpoints). */
export interface DnsEndpoints {
  name: string;
  namespace: string;
  /** The owning service's `name.namespace` (its kubernetes.io/service-name label). */
  index: string;
  indexIP: string[];
  /** Ready addresses only (a nil `ready` counts as ready). */
  addresses: DnsEndpointAddress[];
  /** One sentinel port -1 when the slice has none. */
  ports: { name: string; protocol: string; port: number }[];
}

/** object.Pod. */
export interface DnsPod {
  name: string;
  namespace: string;
  podIP: string;
}

/** The label EndpointSlices name their service with (discovery.LabelServiceName). */
const serviceNameLabel = 'kubernetes.io/service-name';

// Models plugin/kubernetes/object/service.go ToService.
export function toDnsService(svc: Service): DnsService {
  const spec = svc.spec ?? {};
  const name = svc.metadata.name ?? '';
  const namespace = svc.metadata.namespace ?? '';
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
  return {
    name,
    namespace,
    index: `${name}.${namespace}`,
    clusterIPs: spec.clusterIPs && spec.clusterIPs.length > 0 ? [...spec.clusterIPs] : [spec.clusterIP ?? ''],
    type: spec.type ?? 'ClusterIP',
    externalName: spec.externalName ?? '',
    ports: spec.ports && spec.ports.length > 0 ? spec.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port })) : [{ name: '', protocol: '', port: -1 }],
    externalIPs: [...(spec.externalIPs ?? []), ...ingress],
  };
}

/** Whether a service is headless (object.Service.Headless). */
export function isHeadless(s: DnsService): boolean {
  return s.clusterIPs[0] === 'None';
}

// Models plugin/kubernetes/object/endpoint.go EndpointSliceToEndpoints.
export function toDnsEndpoints(slice: EndpointSlice): DnsEndpoints {
  const namespace = slice.metadata.namespace ?? '';
  const e: DnsEndpoints = {
    name: slice.metadata.name ?? '',
    namespace,
    index: `${slice.metadata.labels?.[serviceNameLabel] ?? ''}.${namespace}`,
    indexIP: [],
    addresses: [],
    ports: slice.ports && slice.ports.length > 0 ? slice.ports.map((p) => ({ port: p.port ?? -1, name: p.name ?? '', protocol: p.protocol ?? '' })) : [{ port: -1, name: '', protocol: '' }],
  };
  for (const end of slice.endpoints ?? []) {
    // Per the API: a nil ready is an unknown state, which consumers should take as ready.
    if (end.conditions?.ready === false) continue;
    for (const ip of end.addresses ?? []) {
      const name = end.targetRef?.name ?? '';
      e.addresses.push({ ip, hostname: end.hostname ?? '', nodeName: end.nodeName ?? '', targetRefName: name.length < 64 ? name : '' });
      e.indexIP.push(ip);
    }
  }
  return e;
}

/** A multimap from index value to object keys, keeping insertion order. */
class Index {
  private readonly m = new Map<string, Set<string>>();
  add(values: string[], key: string): void {
    for (const v of values) {
      let s = this.m.get(v);
      if (!s) this.m.set(v, (s = new Set()));
      s.add(key);
    }
  }
  remove(values: string[], key: string): void {
    for (const v of values) {
      const s = this.m.get(v);
      if (!s) continue;
      s.delete(key);
      if (s.size === 0) this.m.delete(v);
    }
  }
  keys(value: string): string[] {
    return [...(this.m.get(value) ?? [])].sort();
  }
}

/** One indexed kind. */
class Indexed<T> {
  private readonly items = new Map<string, T>();
  private readonly indexes: [Index, (t: T) => string[]][];

  constructor(indexFns: ((t: T) => string[])[]) {
    this.indexes = indexFns.map((f) => [new Index(), f]);
  }

  /** Stores `t` at `key`; true when it changed anything. */
  put(key: string, t: T): boolean {
    const old = this.items.get(key);
    if (old !== undefined && JSON.stringify(old) === JSON.stringify(t)) return false;
    if (old !== undefined) for (const [ix, f] of this.indexes) ix.remove(f(old), key);
    this.items.set(key, t);
    for (const [ix, f] of this.indexes) ix.add(f(t), key);
    return true;
  }

  remove(key: string): boolean {
    const old = this.items.get(key);
    if (old === undefined) return false;
    for (const [ix, f] of this.indexes) ix.remove(f(old), key);
    this.items.delete(key);
    return true;
  }

  byIndex(i: number, value: string): T[] {
    return this.indexes[i][0].keys(value).map((k) => this.items.get(k)!);
  }

  get size(): number {
    return this.items.size;
  }
}

const key = (ns: string, name: string) => `${ns}/${name}`;

/** The kubernetes plugin's view of the cluster (its dnsControl), fed by informer events. */
export class DnsObjects {
  private readonly services = new Indexed<DnsService>([(s) => [s.index], (s) => s.clusterIPs]);
  private readonly endpoints = new Indexed<DnsEndpoints>([(e) => [e.index], (e) => e.indexIP]);
  private readonly pods = new Indexed<DnsPod>([(p) => [p.podIP]]);
  private readonly namespaces = new Set<string>();
  /** Unix seconds of the last change to a service or its endpoints (the SOA serial, dnsControl.Modified). */
  modified = 0;

  constructor(private readonly wallS: () => number = () => 0) {}

  // ---- what informer handlers call ----

  putService(svc: Service): void {
    if (this.services.put(key(svc.metadata.namespace ?? '', svc.metadata.name ?? ''), toDnsService(svc))) this.touch();
  }
  deleteService(svc: Service): void {
    if (this.services.remove(key(svc.metadata.namespace ?? '', svc.metadata.name ?? ''))) this.touch();
  }
  putEndpointSlice(slice: EndpointSlice): void {
    if (this.endpoints.put(key(slice.metadata.namespace ?? '', slice.metadata.name ?? ''), toDnsEndpoints(slice))) this.touch();
  }
  deleteEndpointSlice(slice: EndpointSlice): void {
    if (this.endpoints.remove(key(slice.metadata.namespace ?? '', slice.metadata.name ?? ''))) this.touch();
  }
  putPod(pod: Pod): void {
    const k = key(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    // The plugin's pod informer only lists pods that can still run (status.phase!=Succeeded,Failed,Unknown).
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Unknown') this.pods.remove(k);
    else this.pods.put(k, { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', podIP: pod.status?.podIP ?? '' });
  }
  deletePod(pod: Pod): void {
    this.pods.remove(key(pod.metadata.namespace ?? '', pod.metadata.name ?? ''));
  }
  putNamespace(ns: Namespace): void {
    this.namespaces.add(ns.metadata.name ?? '');
  }
  deleteNamespace(ns: Namespace): void {
    this.namespaces.delete(ns.metadata.name ?? '');
  }

  private touch(): void {
    this.modified = this.wallS();
  }

  // ---- what the plugin reads (dnsController) ----

  svcIndex(index: string): DnsService[] {
    return this.services.byIndex(0, index);
  }
  svcIndexReverse(ip: string): DnsService[] {
    return this.services.byIndex(1, ip);
  }
  epIndex(index: string): DnsEndpoints[] {
    return this.endpoints.byIndex(0, index);
  }
  epIndexReverse(ip: string): DnsEndpoints[] {
    return this.endpoints.byIndex(1, ip);
  }
  podIndex(ip: string): DnsPod[] {
    return this.pods.byIndex(0, ip);
  }
  hasNamespace(name: string): boolean {
    return this.namespaces.has(name);
  }

  /** Cache sizes, for telemetry. */
  sizes(): { services: number; endpointSlices: number; pods: number; namespaces: number } {
    return { services: this.services.size, endpointSlices: this.endpoints.size, pods: this.pods.size, namespaces: this.namespaces.size };
  }
}
