// The `kubernetes` Service's endpoints, as kube-apiserver keeps them with its default
// --endpoint-reconciler-type=lease (pkg/controlplane/controller/kubernetesservice/controller.go,
// pkg/controlplane/reconcilers/lease.go and endpointsadapter.go, 1.32). Every apiserver holds a
// lease in etcd, `/registry/masterleases/<its address>`, an Endpoints object put with a 15 s TTL and
// renewed every 10 s; each renewal also makes the Endpoints and the EndpointSlice `default/kubernetes`
// list exactly the addresses that hold a lease (port 6443, `https`). An apiserver that dies stops
// renewing, its lease expires, and the next renewal of another one drops its address. On start an
// apiserver first removes a lease a previous run of it left, and adds itself back only once ready.

import { etcdKeyOf, resourceFor, type ResourceInfo } from '../api/resources';
import type { EndpointPort, Endpoints, EndpointSlice } from '../api/types';
import { repackSubsets } from '../controllers/endpoint-subsets';
import { suspend, type Co } from '../sim/co';
import { bootstrapObjects } from './bootstrap';
import { newNotFound, StatusError } from './errors';
import { parseUrl } from './http';
import { create, get, remove, update, type Call, type RestContext } from './registry/rest';
import { prefixEnd } from './storage/etcd3';

/** Where the apiservers' leases live (the lease storage's "/masterleases/" under the etcd prefix). */
export const masterLeasesPrefix = '/registry/masterleases/';
/** How often an apiserver renews its lease and reconciles (DefaultEndpointReconcilerInterval). */
export const endpointReconcilerIntervalMs = 10_000;
/** The lease's TTL (DefaultEndpointReconcilerTTL), whole seconds as etcd leases are. */
export const endpointReconcilerTTLSeconds = 15;
/** The `kubernetes` Service's name and namespace. */
const serviceName = 'kubernetes';
const serviceNamespace = 'default';
/** The label that keeps the EndpointSlice mirroring controller off an Endpoints (discovery.LabelSkipMirror). */
const labelSkipMirror = 'endpointslice.kubernetes.io/skip-mirror';
/** Time each storage call may take. */
const callTimeoutMs = 10_000;

/** The apiserver's endpoint ports (createEndpointPortSpec): its secure port, named https. */
export function endpointPortSpec(port = 6443): EndpointPort[] {
  return [{ name: 'https', port, protocol: 'TCP' }];
}

/** What the reconciler needs of its apiserver. */
export interface EndpointReconcilerHost {
  rest: RestContext;
  /** This apiserver's --advertise-address. */
  ip: string;
  /** Its watch cache is filled (the service informer has synced). */
  cacheReady(): boolean;
  /** Its post-start hooks are done (/readyz answers 200). */
  serverReady(): boolean;
}

function* sleep(rest: RestContext, ms: number): Co<void> {
  yield* suspend<void>((resume) => rest.after(ms, () => resume(undefined)));
}

/** A registry call as a loopback client's request would make it. */
function call(rest: RestContext, group: string, resource: string, verb: string, name = ''): Call {
  const info = resourceFor(group, 'v1', resource) as ResourceInfo;
  return {
    info,
    req: { isResourceRequest: true, path: '', verb, apiPrefix: group ? 'apis' : 'api', apiGroup: group, apiVersion: 'v1', namespace: serviceNamespace, resource, subresource: '', name, parts: [] },
    url: parseUrl(''),
    deadline: rest.now() + callTimeoutMs,
  };
}

const isNotFound = (e: unknown) => e instanceof StatusError && e.code === 404;
const isAlreadyExists = (e: unknown) => e instanceof StatusError && e.reason === 'AlreadyExists';

// ---- the leases (reconcilers/lease.go storageLeases) -------------------------------------------

/** The lease keys' value: an Endpoints with just the address, as storageLeases.UpdateLease stores it. */
function leaseValue(ip: string, generation: number): string {
  return JSON.stringify({ kind: 'Endpoints', apiVersion: 'v1', metadata: { generation, creationTimestamp: null }, subsets: [{ addresses: [{ ip }] }] });
}

// Models lease.go storageLeases.UpdateLease
/** Puts this apiserver's lease with a fresh TTL (a GuaranteedUpdate that bumps the generation, so it is a write). */
export function* updateLease(rest: RestContext, ip: string): Co<void> {
  const key = `${masterLeasesPrefix}${ip}`;
  for (;;) {
    const deadline = rest.now() + callTimeoutMs;
    const { kv } = yield* rest.store.get(key, deadline);
    let generation = 0;
    if (kv) {
      try {
        generation = (JSON.parse(kv.value) as Endpoints).metadata?.generation ?? 0;
      } catch {
        generation = 0;
      }
    }
    const lease = yield* rest.store.grantLease(endpointReconcilerTTLSeconds, deadline);
    const value = leaseValue(ip, generation + 1);
    const res = kv ? yield* rest.store.update(key, value, kv.mod_revision, deadline, lease) : yield* rest.store.create(key, value, deadline, lease);
    if (res.ok) return;
  }
}

// Models lease.go storageLeases.ListLeases
/** The addresses that hold a lease, in key order. */
export function* listLeases(rest: RestContext): Co<string[]> {
  const r = yield* rest.store.range(masterLeasesPrefix, prefixEnd(masterLeasesPrefix), {}, rest.now() + callTimeoutMs);
  const ips: string[] = [];
  for (const kv of r.kvs) {
    try {
      const ip = (JSON.parse(kv.value) as Endpoints).subsets?.[0]?.addresses?.[0]?.ip;
      if (ip) ips.push(ip);
    } catch {
      // Not an Endpoints: not a lease.
    }
  }
  return ips;
}

// Models lease.go storageLeases.RemoveLease
/** Deletes this apiserver's lease; 404 when it has none. */
export function* removeLease(rest: RestContext, ip: string): Co<void> {
  const key = `${masterLeasesPrefix}${ip}`;
  for (;;) {
    const deadline = rest.now() + callTimeoutMs;
    const { kv } = yield* rest.store.get(key, deadline);
    if (!kv) throw newNotFound({ group: '', resource: 'endpoints' }, ip);
    const res = yield* rest.store.delete(key, kv.mod_revision, deadline);
    if (res.ok) return;
  }
}

// ---- the Endpoints and EndpointSlice (reconcilers/endpointsadapter.go) -------------------------

// Models endpointsadapter.go endpointSliceFromEndpoints
/** The EndpointSlice mirroring an Endpoints: its first subset's ports and addresses, ready or not. */
export function endpointSliceFromEndpoints(ep: Endpoints): EndpointSlice {
  const slice: EndpointSlice = {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: { name: ep.metadata.name, namespace: ep.metadata.namespace, labels: { 'kubernetes.io/service-name': ep.metadata.name ?? '' } },
    addressType: 'IPv4',
    endpoints: [],
  };
  const subset = ep.subsets?.[0];
  if (!subset) return slice;
  slice.ports = (subset.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port }));
  const all = [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])];
  // Dual-stack is not handled upstream either: IPv6 only when every address is.
  if (all.length > 0 && all.every((a) => a.ip.includes(':'))) slice.addressType = 'IPv6';
  const v6 = slice.addressType === 'IPv6';
  const from = (addrs: typeof all, ready: boolean) =>
    addrs.filter((a) => a.ip.includes(':') === v6).map((a) => ({ addresses: [a.ip], conditions: { ready }, ...(a.targetRef ? { targetRef: a.targetRef } : {}), ...(a.nodeName !== undefined ? { nodeName: a.nodeName } : {}) }));
  slice.endpoints = [...from(subset.addresses ?? [], true), ...from(subset.notReadyAddresses ?? [], false)];
  return slice;
}

const sameJSON = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// Models endpointsadapter.go EnsureEndpointSliceFromEndpoints
/** Creates or updates the EndpointSlice that mirrors the Endpoints (recreated if its address type changed). */
export function* ensureEndpointSliceFromEndpoints(rest: RestContext, ep: Endpoints): Co<void> {
  const want = endpointSliceFromEndpoints(ep);
  let cur: EndpointSlice;
  try {
    cur = (yield* get(rest, call(rest, 'discovery.k8s.io', 'endpointslices', 'get', want.metadata.name))) as EndpointSlice;
  } catch (e) {
    if (!isNotFound(e)) throw e;
    try {
      yield* create(rest, call(rest, 'discovery.k8s.io', 'endpointslices', 'create'), JSON.stringify(want));
    } catch (e2) {
      if (!isAlreadyExists(e2)) throw e2;
    }
    return;
  }
  // The address type is immutable: a change is a delete and a create.
  if (cur.addressType !== want.addressType) {
    yield* remove(rest, call(rest, 'discovery.k8s.io', 'endpointslices', 'delete', want.metadata.name), undefined);
    yield* create(rest, call(rest, 'discovery.k8s.io', 'endpointslices', 'create'), JSON.stringify(want));
    return;
  }
  if (sameJSON(cur.endpoints, want.endpoints) && sameJSON(cur.ports, want.ports) && sameJSON(cur.metadata.labels, want.metadata.labels)) return;
  // Upstream's update is unconditional; this apiserver wants a resourceVersion (docs/FIDELITY.md).
  want.metadata.resourceVersion = cur.metadata.resourceVersion;
  yield* update(rest, call(rest, 'discovery.k8s.io', 'endpointslices', 'update', want.metadata.name), JSON.stringify(want));
}

// ---- the reconciler (reconcilers/lease.go leaseEndpointReconciler) -----------------------------

// Models lease.go checkEndpointSubsetFormatWithLease
/** [exactly one subset, its addresses are exactly the leases, its ports are these (when they count)]. */
export function checkEndpointSubsetFormatWithLease(ep: Endpoints, expectedIPs: readonly string[], ports: readonly EndpointPort[], reconcilePorts: boolean): [boolean, boolean, boolean] {
  if ((ep.subsets ?? []).length !== 1) return [false, false, false];
  const sub = ep.subsets![0];
  let portsCorrect = true;
  if (reconcilePorts) {
    const have = sub.ports ?? [];
    portsCorrect = have.length === ports.length && ports.every((p, i) => (p.name ?? '') === (have[i].name ?? '') && p.port === have[i].port && (p.protocol ?? '') === (have[i].protocol ?? '') && (p.appProtocol ?? null) === (have[i].appProtocol ?? null));
  }
  const addrs = sub.addresses ?? [];
  let ipsCorrect = addrs.length === expectedIPs.length;
  if (ipsCorrect) {
    const seen = new Map(expectedIPs.map((ip) => [ip, false]));
    for (const a of addrs) {
      if (seen.get(a.ip) !== false) {
        ipsCorrect = false;
        break;
      }
      seen.set(a.ip, true);
    }
  }
  return [true, ipsCorrect, portsCorrect];
}

// Models lease.go leaseEndpointReconciler.doReconcile
/** Makes the Service's Endpoints (and its EndpointSlice) list the addresses holding a lease. */
export function* doReconcile(rest: RestContext, ports: EndpointPort[], reconcilePorts: boolean): Co<void> {
  let ep: Endpoints;
  let shouldCreate = false;
  try {
    ep = (yield* get(rest, call(rest, '', 'endpoints', 'get', serviceName))) as Endpoints;
  } catch (e) {
    if (!isNotFound(e)) throw e;
    shouldCreate = true;
    ep = { kind: 'Endpoints', apiVersion: 'v1', metadata: { name: serviceName, namespace: serviceNamespace } };
  }
  const masterIPs = yield* listLeases(rest);
  // This apiserver just renewed its own: none at all means storage is wrong, not that there are none.
  if (masterIPs.length === 0) throw new Error('no master IPs were listed in storage, refusing to erase all endpoints for the kubernetes service');
  // Not for the EndpointSlice mirroring controller (this may change, says upstream).
  let skipMirrorChanged = false;
  if (ep.metadata.labels?.[labelSkipMirror] !== 'true') {
    ep.metadata.labels = { ...(ep.metadata.labels ?? {}), [labelSkipMirror]: 'true' };
    skipMirrorChanged = true;
  }
  const [formatCorrect, ipsCorrect, portsCorrect] = checkEndpointSubsetFormatWithLease(ep, masterIPs, ports, reconcilePorts);
  if (!skipMirrorChanged && formatCorrect && ipsCorrect && portsCorrect) return yield* ensureEndpointSliceFromEndpoints(rest, ep);
  // Something is egregiously wrong: remake the record.
  if (!formatCorrect) ep.subsets = [{ addresses: [], ports }];
  if (!formatCorrect || !ipsCorrect) {
    ep.subsets![0] = { ...ep.subsets![0], addresses: masterIPs.map((ip) => ({ ip })) };
    ep.subsets = repackSubsets(ep.subsets!);
  }
  if (!portsCorrect) ep.subsets![0] = { ...ep.subsets![0], ports };
  if (shouldCreate) {
    try {
      yield* create(rest, call(rest, '', 'endpoints', 'create'), JSON.stringify(ep));
    } catch (e) {
      // Another apiserver was first.
      if (isAlreadyExists(e)) return;
      throw e;
    }
  } else ep = (yield* update(rest, call(rest, '', 'endpoints', 'update', serviceName), JSON.stringify(ep))) as Endpoints;
  // The adapter's Create and Update mirror the result into the EndpointSlice.
  yield* ensureEndpointSliceFromEndpoints(rest, { ...ep, metadata: { ...ep.metadata, namespace: serviceNamespace } });
}

// Models lease.go leaseEndpointReconciler.ReconcileEndpoints
/** Renews this apiserver's lease (whatever happens next), then reconciles. */
export function* reconcileEndpoints(rest: RestContext, ip: string, ports: EndpointPort[], reconcilePorts: boolean): Co<void> {
  yield* updateLease(rest, ip);
  yield* doReconcile(rest, ports, reconcilePorts);
}

// Models lease.go leaseEndpointReconciler.RemoveEndpoints
/** Drops this apiserver's lease, then reconciles without it (ports reconciled). */
export function* removeEndpoints(rest: RestContext, ip: string, ports: EndpointPort[]): Co<void> {
  yield* removeLease(rest, ip);
  yield* doReconcile(rest, ports, true);
}

// Models kubernetesservice/controller.go Start and Run (UpdateKubernetesService)
/**
 * The apiserver's kubernetes-service controller: once its cache is filled, remove what a previous
 * run left; once ready, every 10 s (measured start to start) recreate the Service if it is gone and
 * reconcile the endpoints. Errors are only logged upstream; here they wait for the next round.
 */
export function* runKubernetesServiceController(host: EndpointReconcilerHost): Co<void> {
  const { rest } = host;
  const ports = endpointPortSpec();
  while (!host.cacheReady()) yield* sleep(rest, 100);
  try {
    // "Found stale data": a previous run of this apiserver did not exit cleanly.
    yield* removeEndpoints(rest, host.ip, ports);
  } catch {
    // Usually NotFound: there was no lease of ours.
  }
  // wait.PollImmediateUntil(100 ms, /readyz == 200).
  while (!host.serverReady()) yield* sleep(rest, 100);
  for (;;) {
    const start = rest.now();
    try {
      yield* createMasterServiceIfNeeded(host);
      yield* reconcileEndpoints(rest, host.ip, ports, false);
    } catch {
      // runtime.HandleError("unable to sync kubernetes service"): tried again next round.
    }
    // wait.NonSlidingUntil: the period runs from each round's start.
    yield* sleep(rest, Math.max(0, start + endpointReconcilerIntervalMs - rest.now()));
  }
}

// Models kubernetesservice/controller.go CreateOrUpdateMasterServiceIfNeeded (reconcile=false)
/** Creates the `kubernetes` Service if the cache has none; an existing one is left as it is. */
function* createMasterServiceIfNeeded(host: EndpointReconcilerHost): Co<void> {
  const info = resourceFor('', 'v1', 'services') as ResourceInfo;
  if (host.rest.cacher.get(etcdKeyOf(info, serviceNamespace, serviceName))) return;
  // The Service as the bootstrap makes it.
  const svc = bootstrapObjects(host.ip).find((o) => o.resource === 'services' && o.obj.metadata.name === serviceName)?.obj;
  if (!svc) return;
  try {
    yield* create(host.rest, call(host.rest, '', 'services', 'create'), JSON.stringify(svc));
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
}
