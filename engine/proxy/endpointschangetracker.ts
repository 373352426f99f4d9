// The EndpointSlice side of kube-proxy's incremental sync: a cache of every slice by Service, each
// slice's endpoints taken as the proxier reads them (first address, conditions, node, zone hints),
// merged per Service port into one sorted endpoint list, with the Services whose endpoints changed
// since the last sync. Models pkg/proxy/endpointslicecache.go (newEndpointSliceInfo, addEndpoints,
// endpointInfoByServicePort) and pkg/proxy/endpointschangetracker.go (EndpointSliceUpdate,
// EndpointsMap.Update).

import type { EndpointSlice, Protocol } from '../api/types';
import { servicePortKey, type ServicePortName } from './serviceport';

/** BaseEndpointInfo: one endpoint of one Service port. */
export interface EndpointInfo {
  ip: string;
  port: number;
  /** `ip:port`, what Endpoint.String() prints. */
  endpoint: string;
  /** The endpoint runs on this node. */
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** hints.forZones names. */
  zoneHints: string[];
  nodeName?: string;
}

/** The label that ties a slice to its Service (discovery.LabelServiceName). */
export const labelServiceName = 'kubernetes.io/service-name';

interface SliceEndpoint {
  addresses: string[];
  nodeName?: string;
  zoneHints: string[];
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

interface SliceInfo {
  ports: { name: string; port?: number; protocol: Protocol }[];
  endpoints: SliceEndpoint[];
}

// Models endpointslicecache.go newEndpointSliceInfo: ready and serving default to true, terminating to false.
function sliceInfo(slice: EndpointSlice): SliceInfo {
  const ports = (slice.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })).sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
  const endpoints = (slice.endpoints ?? [])
    .map((e) => ({
      addresses: e.addresses ?? [],
      nodeName: e.nodeName,
      zoneHints: (e.hints?.forZones ?? []).map((z) => z.name),
      ready: e.conditions?.ready ?? true,
      serving: e.conditions?.serving ?? true,
      terminating: e.conditions?.terminating ?? false,
    }))
    .sort((a, b) => (a.addresses.join(',') < b.addresses.join(',') ? -1 : a.addresses.join(',') > b.addresses.join(',') ? 1 : 0));
  return { ports, endpoints };
}

/** Endpoints of each Service port of one Service, by servicePortKey. */
export type ServiceEndpoints = Map<string, { name: ServicePortName; endpoints: EndpointInfo[] }>;

/** The slices of every Service, the applied ones and those changed since the last sync. */
export class EndpointsChangeTracker {
  private readonly applied = new Map<string, Map<string, SliceInfo>>();
  private readonly pending = new Map<string, Map<string, SliceInfo | null>>();

  constructor(private readonly nodeName: string) {}

  // Models EndpointsChangeTracker.EndpointSliceUpdate and EndpointSliceCache.updatePending.
  /** Records a slice's add or update (or its removal); true when it changes what the proxier would program. */
  endpointSliceUpdate(slice: EndpointSlice, remove: boolean): boolean {
    if (slice.addressType && slice.addressType !== 'IPv4') return false;
    const svc = slice.metadata.labels?.[labelServiceName];
    if (!svc) return false;
    const key = `${slice.metadata.namespace ?? 'default'}/${svc}`;
    const name = slice.metadata.name ?? '';
    const info = remove ? null : sliceInfo(slice);
    const before = this.pending.get(key)?.has(name) ? this.pending.get(key)!.get(name) : (this.applied.get(key)?.get(name) ?? null);
    if (JSON.stringify(before) === JSON.stringify(info)) return false;
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = new Map()));
    p.set(name, info);
    return true;
  }

  /** How many Services have slice changes not yet synced. */
  get pendingServices(): number {
    return this.pending.size;
  }

  /** Applies the pending slices: per changed Service, its port endpoints before and after. */
  checkoutChanges(): Map<string, { previous: ServiceEndpoints; current: ServiceEndpoints }> {
    const out = new Map<string, { previous: ServiceEndpoints; current: ServiceEndpoints }>();
    for (const [svc, slices] of this.pending) {
      const previous = this.endpointsOf(svc);
      let applied = this.applied.get(svc);
      if (!applied) this.applied.set(svc, (applied = new Map()));
      for (const [name, info] of slices) {
        if (info) applied.set(name, info);
        else applied.delete(name);
      }
      if (applied.size === 0) this.applied.delete(svc);
      out.set(svc, { previous, current: this.endpointsOf(svc) });
    }
    this.pending.clear();
    return out;
  }

  // Models endpointslicecache.go endpointInfoByServicePort and addEndpoints.
  private endpointsOf(svc: string): ServiceEndpoints {
    const out: ServiceEndpoints = new Map();
    const [namespace, name] = [svc.slice(0, svc.indexOf('/')), svc.slice(svc.indexOf('/') + 1)];
    const bySp = new Map<string, { name: ServicePortName; set: Map<string, EndpointInfo> }>();
    const sliceNames = [...(this.applied.get(svc)?.keys() ?? [])].sort();
    for (const sn of sliceNames) {
      const info = this.applied.get(svc)!.get(sn)!;
      for (const port of info.ports) {
        if (!port.port) continue;
        const spn: ServicePortName = { namespace, name, port: port.name, protocol: port.protocol };
        const k = servicePortKey(spn);
        let entry = bySp.get(k);
        if (!entry) bySp.set(k, (entry = { name: spn, set: new Map() }));
        for (const e of info.endpoints) {
          if (e.addresses.length === 0) continue;
          const ip = e.addresses[0];
          const isLocal = e.nodeName === this.nodeName;
          const ep: EndpointInfo = { ip, port: port.port, endpoint: `${ip}:${port.port}`, isLocal, ready: e.ready, serving: e.serving, terminating: e.terminating, zoneHints: e.zoneHints, ...(e.nodeName ? { nodeName: e.nodeName } : {}) };
          // Overlapping slices: keep the first, unless a later one says the endpoint is local.
          if (!entry.set.has(ep.endpoint) || isLocal) entry.set.set(ep.endpoint, ep);
        }
      }
    }
    for (const [k, { name: spn, set }] of bySp) {
      if (set.size === 0) continue;
      // Endpoints are always returned in the same order (byEndpoint: by their String()).
      out.set(k, { name: spn, endpoints: [...set.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0)) });
    }
    return out;
  }
}

/** What applying the changes did. */
export interface EndpointsMapUpdate {
  /** `namespace/name` of every Service whose endpoints changed. */
  updatedServices: Set<string>;
}

/** EndpointsMap: the endpoints of every Service port, by servicePortKey. */
export class EndpointsMap {
  readonly endpoints = new Map<string, EndpointInfo[]>();

  // Models EndpointsMap.Update: unmerge each changed Service's old endpoints, merge its new ones.
  /** Applies the tracker's pending slices. */
  update(tracker: EndpointsChangeTracker): EndpointsMapUpdate {
    const updatedServices = new Set<string>();
    for (const [svc, { previous, current }] of tracker.checkoutChanges()) {
      updatedServices.add(svc);
      for (const k of previous.keys()) this.endpoints.delete(k);
      for (const [k, v] of current) this.endpoints.set(k, v.endpoints);
    }
    return { updatedServices };
  }

  /** The endpoints of a Service port (none when it has no slices). */
  get(key: string): EndpointInfo[] {
    return this.endpoints.get(key) ?? [];
  }
}
