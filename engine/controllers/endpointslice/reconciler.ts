// The EndpointSlice reconciler (k8s.io/endpointslice/reconciler.go at v0.32.4): from the pods a
// Service selects and the slices it has, the creates, updates and deletes that bring the slices to
// the desired endpoints with as few writes as it can. Per address type and per set of ports it
// keeps every still-desired endpoint where it is (updating it in place when its conditions
// changed), fills the slices it must update anyway, then the one closest to full, and only then
// creates new slices of at most maxEndpointsPerSlice; a slice that would be deleted while another
// is created is recycled as an update instead. A Service without endpoints keeps one empty
// placeholder slice. Every write is recorded in the EndpointSlice tracker.

import type { AddressType, Endpoint, EndpointSlice, Node, Pod, Service } from '../../api/types';
import type { KubeClient } from '../../client/clientset';
import { res } from '../../client/clientset';
import type { Lister } from '../../client/store';
import type { Co } from '../../sim/co';
import { errorText, hasStatusCause, namespaceTerminatingCause } from '../util';
import { EndpointSet, endpointsEqualBeyondHash } from './endpoint-set';
import type { EndpointSliceTracker } from './endpointslice-tracker';
import {
  addTriggerTimeAnnotation,
  getAddressTypesForService,
  getEndpointPorts,
  getSliceToFill,
  hintsEnabled,
  labelManagedBy,
  newEndpointSlice,
  ownedBy,
  podToEndpoint,
  portMapKey,
  reconcileTrafficDistributionHints,
  setEndpointSliceLabels,
  type EndpointMeta,
} from './slices';
import { shouldPodBeInEndpoints } from './util';

const slicesResource = () => res('discovery.k8s.io', 'endpointslices');

/** Errors of one reconcile as one (utilerrors.NewAggregate): nested ones flattened, repeats dropped. */
export class AggregateError extends Error {
  constructor(readonly errors: Error[]) {
    const msgs = [...new Set(errors.flatMap((e) => (e instanceof AggregateError ? e.errors : [e])).map((e) => e.message))];
    super(msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);
  }
}

/** Throws the errors as one, if there are any. */
function throwAggregate(errs: Error[]): void {
  if (errs.length > 0) throw new AggregateError(errs);
}

/** What the reconciler is built from (NewReconciler's arguments). */
export interface ReconcilerOptions {
  client: KubeClient;
  nodeLister: Lister<Node>;
  /** --max-endpoints-per-slice (100). */
  maxEndpointsPerSlice: number;
  tracker: EndpointSliceTracker;
  /** The managed-by label's value (`endpointslice-controller.k8s.io`). */
  controllerName: string;
  /** The ServiceTrafficDistribution gate (beta, on in 1.32). */
  trafficDistributionEnabled?: boolean;
}

// Models reconciler.go placeholderSliceCompare: only namespace and labels of the metadata count.
/** Whether an existing slice is the placeholder the reconciler would make. */
export function placeholderSliceEqual(a: EndpointSlice, b: EndpointSlice): boolean {
  if ((a.metadata.namespace ?? '') !== (b.metadata.namespace ?? '')) return false;
  const la = a.metadata.labels ?? {};
  const lb = b.metadata.labels ?? {};
  if (Object.keys(la).length !== Object.keys(lb).length || Object.keys(la).some((k) => la[k] !== lb[k])) return false;
  const empty = <T>(x: T[] | undefined | null) => (x && x.length > 0 ? x : []);
  return a.addressType === b.addressType && JSON.stringify(empty(a.endpoints)) === JSON.stringify(empty(b.endpoints)) && JSON.stringify(empty(a.ports)) === JSON.stringify(empty(b.ports));
}

/** The reconciler of one EndpointSlice controller. */
export class Reconciler {
  private readonly trafficDistributionEnabled: boolean;

  constructor(private readonly o: ReconcilerOptions) {
    this.trafficDistributionEnabled = o.trafficDistributionEnabled ?? true;
  }

  get controllerName(): string {
    return this.o.controllerName;
  }

  /** Whether this controller manages the slice (its managed-by label). */
  managedByController(slice: EndpointSlice): boolean {
    return slice.metadata.labels?.[labelManagedBy] === this.o.controllerName;
  }

  /** Whether one of two versions of a slice is this controller's and the other not. */
  managedByChanged(a: EndpointSlice, b: EndpointSlice): boolean {
    return this.managedByController(a) !== this.managedByController(b);
  }

  // Models reconciler.go Reconcile
  /** Brings the Service's slices to its pods; throws every error it met, after doing what it could. */
  *reconcile(service: Service, pods: readonly Pod[], existingSlices: readonly EndpointSlice[], triggerTimeMs: number): Co<void> {
    const errs: Error[] = [];
    const toDelete: EndpointSlice[] = [];
    const byType = new Map<AddressType, EndpointSlice[]>();
    const supported = getAddressTypesForService(service);
    for (const s of existingSlices) {
      // A slice of an address type the Service no longer has goes.
      if (!supported.has(s.addressType)) {
        toDelete.push(s);
        continue;
      }
      byType.set(s.addressType, [...(byType.get(s.addressType) ?? []), s]);
    }
    for (const t of (['IPv4', 'IPv6'] as const).filter((x) => supported.has(x))) {
      try {
        yield* this.reconcileByAddressType(service, pods, byType.get(t) ?? [], triggerTimeMs, t);
      } catch (e) {
        errs.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    for (const s of toDelete) {
      try {
        yield* this.o.client.delete(slicesResource(), service.metadata.namespace ?? '', s.metadata.name ?? '');
        this.o.tracker.expectDeletion(s);
      } catch (e) {
        errs.push(new Error(`error deleting ${s.metadata.name} EndpointSlice for Service ${service.metadata.namespace}/${service.metadata.name}: ${errorText(e)}`));
      }
    }
    throwAggregate(errs);
  }

  // Models reconciler.go reconcileByAddressType
  private *reconcileByAddressType(service: Service, pods: readonly Pod[], existingSlices: readonly EndpointSlice[], triggerTimeMs: number, addressType: AddressType): Co<void> {
    const errs: Error[] = [];
    const toCreate: EndpointSlice[] = [];
    const toUpdate: EndpointSlice[] = [];
    let toDelete: EndpointSlice[] = [];
    const ns = service.metadata.namespace ?? '';

    // Existing slices by set of ports; slices of another Service (an old one of the same name) go.
    const existingByPorts = new Map<string, EndpointSlice[]>();
    for (const s of existingSlices) {
      if (!ownedBy(s, service)) {
        toDelete.push(s);
        continue;
      }
      // A copy: the key sorts its ports, and this is the informer's object.
      const key = portMapKey([...(s.ports ?? [])]);
      existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), s]);
    }

    // Desired endpoints by set of ports (a named port can resolve differently on different pods).
    const desiredMeta = new Map<string, EndpointMeta>();
    const desired = new Map<string, EndpointSet>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = getEndpointPorts(service, pod);
      const key = portMapKey(ports);
      if (!desired.has(key)) desired.set(key, new EndpointSet());
      if (!desiredMeta.has(key)) desiredMeta.set(key, { addressType, ports });
      const nodeName = pod.spec?.nodeName ?? '';
      const node = nodeName ? this.o.nodeLister.get('', nodeName) : undefined;
      // A pod on a node that does not exist is left out and the Service retried, unless the Service
      // publishes not-ready addresses: then the user asked for it to be listed.
      if (!node && service.spec?.publishNotReadyAddresses !== true) {
        errs.push(new Error(`skipping Pod ${pod.metadata.name} for Service ${ns}/${service.metadata.name}: Node ${nodeName} Not Found`));
        continue;
      }
      const ep = podToEndpoint(pod, node, service, addressType);
      if (ep.addresses.length > 0) desired.get(key)!.insert(ep);
    }

    for (const [key, set] of desired) {
      const r = this.reconcileByPortMapping(service, existingByPorts.get(key) ?? [], set, desiredMeta.get(key)!);
      toCreate.push(...r.toCreate);
      toUpdate.push(...r.toUpdate);
      toDelete.push(...r.toDelete);
    }
    // Slices of a set of ports no pod has any more go.
    for (const [key, slices] of existingByPorts) if (!desired.has(key)) toDelete.push(...slices);

    // No slices would be left: keep (or make) one empty placeholder.
    if (existingSlices.length === toDelete.length && toCreate.length < 1) {
      const placeholder = newEndpointSlice(service, { ports: [], addressType }, this.o.controllerName);
      if (toDelete.length === 1 && placeholderSliceEqual(toDelete[0], placeholder)) toDelete = [];
      else toCreate.push(placeholder);
    }

    const updatedNames = new Set([...toUpdate, ...toDelete].map((s) => s.metadata.name));
    const unchanged = existingSlices.filter((s) => !updatedNames.has(s.metadata.name));
    // The topology-mode annotation's hints (the topology cache) are not modelled: its Services get none.
    const canUseTrafficDistribution = this.trafficDistributionEnabled && !hintsEnabled(service.metadata.annotations);
    reconcileTrafficDistributionHints(canUseTrafficDistribution ? service.spec?.trafficDistribution : undefined, toCreate, toUpdate, unchanged);

    try {
      yield* this.finalize(service, toCreate, toUpdate, toDelete, triggerTimeMs);
    } catch (e) {
      errs.push(e instanceof Error ? e : new Error(String(e)));
    }
    throwAggregate(errs);
  }

  // Models reconciler.go finalize
  /** Writes the changes: creates that meet deletes become updates; no creates for a Service being deleted. */
  *finalize(service: Service, toCreate: EndpointSlice[], toUpdate: EndpointSlice[], toDelete: EndpointSlice[], triggerTimeMs: number): Co<void> {
    const ns = service.metadata.namespace ?? '';
    const svcName = `${ns}/${service.metadata.name}`;
    // A create and a delete together become an update of the slice that would go.
    for (let i = 0; i < toDelete.length; ) {
      if (toCreate.length === 0) break;
      const gone = toDelete[i];
      const slice = toCreate[toCreate.length - 1];
      // Only a slice of this Service (not one of an old Service of the same name being collected)
      // and of the same address type, which is immutable.
      if (gone.addressType === slice.addressType && ownedBy(gone, service)) {
        slice.metadata.name = gone.metadata.name;
        // Upstream's update is unconditional; this apiserver wants a resourceVersion (docs/FIDELITY.md).
        slice.metadata.resourceVersion = gone.metadata.resourceVersion;
        toCreate.pop();
        toUpdate.push(slice);
        toDelete.splice(i, 1);
      } else i++;
    }
    // No new slices for a Service being deleted: the garbage collector would race to delete them.
    if (!service.metadata.deletionTimestamp) {
      for (const slice of toCreate) {
        addTriggerTimeAnnotation(slice, triggerTimeMs);
        let created: EndpointSlice;
        try {
          created = yield* this.o.client.create(slicesResource(), ns, withTypeMeta(slice));
        } catch (e) {
          // A terminating namespace refuses every create: drop the item.
          if (hasStatusCause(e, namespaceTerminatingCause)) return;
          throw new Error(`failed to create EndpointSlice for Service ${svcName}: ${errorText(e)}`);
        }
        this.o.tracker.update(created);
      }
    }
    for (const slice of toUpdate) {
      addTriggerTimeAnnotation(slice, triggerTimeMs);
      let updated: EndpointSlice;
      try {
        updated = yield* this.o.client.update(slicesResource(), ns, withTypeMeta(slice));
      } catch (e) {
        throw new Error(`failed to update ${slice.metadata.name} EndpointSlice for Service ${svcName}: ${errorText(e)}`);
      }
      this.o.tracker.update(updated);
    }
    for (const slice of toDelete) {
      try {
        yield* this.o.client.delete(slicesResource(), ns, slice.metadata.name ?? '');
      } catch (e) {
        throw new Error(`failed to delete ${slice.metadata.name} EndpointSlice for Service ${svcName}: ${errorText(e)}`);
      }
      this.o.tracker.expectDeletion(slice);
    }
  }

  // Models reconciler.go reconcileByPortMapping
  /**
   * The slices of one set of ports to create, update and delete: (1) existing slices keep the
   * endpoints still desired, updated in place; (2) the slices being updated anyway are filled,
   * fullest first; (3) what is left goes into the unchanged slice closest to full after it, when it
   * is less than a slice's worth, else into new slices.
   */
  private reconcileByPortMapping(service: Service, existingSlices: readonly EndpointSlice[], desiredSet: EndpointSet, meta: EndpointMeta): { toCreate: EndpointSlice[]; toUpdate: EndpointSlice[]; toDelete: EndpointSlice[] } {
    const max = this.o.maxEndpointsPerSlice;
    const byName = new Map<string, EndpointSlice>();
    const unchanged = new Set<string>();
    const toUpdate = new Set<string>();
    const toDelete = new Set<string>();

    // 1. Drop the endpoints no longer desired, update those that changed.
    for (const existing of existingSlices) {
      const name = existing.metadata.name ?? '';
      byName.set(name, existing);
      const kept: Endpoint[] = [];
      let endpointUpdated = false;
      for (const ep of existing.endpoints ?? []) {
        const got = desiredSet.get(ep);
        if (!got) continue;
        kept.push(got);
        if (!endpointsEqualBeyondHash(got, ep)) endpointUpdated = true;
        // Placed: it needs no other slice.
        desiredSet.delete(ep);
      }
      const { labels, updated: labelsChanged } = setEndpointSliceLabels(existing, service, this.o.controllerName);
      if (endpointUpdated || (existing.endpoints ?? []).length !== kept.length) {
        if (kept.length === 0) toDelete.add(name);
        else {
          const copy = structuredClone(existing);
          copy.endpoints = kept;
          copy.metadata.labels = labels;
          byName.set(name, copy);
          toUpdate.add(name);
        }
      } else if (labelsChanged) {
        const copy = structuredClone(existing);
        copy.metadata.labels = labels;
        byName.set(name, copy);
        toUpdate.add(name);
      } else unchanged.add(name);
    }

    // 2. Fill the slices being updated anyway, the fullest first.
    if (desiredSet.len > 0 && toUpdate.size > 0) {
      const slices = [...toUpdate].map((n) => byName.get(n)!);
      slices.sort((a, b) => b.endpoints.length - a.endpoints.length);
      for (const s of slices) while (desiredSet.len > 0 && s.endpoints.length < max) s.endpoints.push(desiredSet.popAny()!);
    }

    // 3. The rest: into the unchanged slice closest to full if less than a slice's worth, else new slices.
    const toCreate: EndpointSlice[] = [];
    while (desiredSet.len > 0) {
      let fill: EndpointSlice | undefined;
      if (desiredSet.len < max && unchanged.size > 0) fill = getSliceToFill([...unchanged].map((n) => byName.get(n)!), desiredSet.len, max);
      if (!fill) fill = newEndpointSlice(service, { ...meta, ports: [...meta.ports] }, this.o.controllerName);
      else {
        fill = structuredClone(fill);
        fill.endpoints ??= [];
        byName.set(fill.metadata.name ?? '', fill);
      }
      while (desiredSet.len > 0 && fill.endpoints.length < max) fill.endpoints.push(desiredSet.popAny()!);
      // A new slice has no name yet.
      if (fill.metadata.name) {
        toUpdate.add(fill.metadata.name);
        unchanged.delete(fill.metadata.name);
      } else toCreate.push(fill);
    }

    return { toCreate, toUpdate: [...toUpdate].map((n) => byName.get(n)!), toDelete: [...toDelete].map((n) => byName.get(n)!) };
  }
}

/** The slice as the client sends it: kind and apiVersion first, as Go's encoder writes them. */
function withTypeMeta(slice: EndpointSlice): EndpointSlice {
  const { kind: _k, apiVersion: _a, ...rest } = slice;
  return { kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1', ...rest };
}
