// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go, 1.32): for every
// Service with a selector, a core/v1 Endpoints of the same name listing the pods it selects —
// ready ones under addresses, the others under notReadyAddresses (all under addresses with
// publishNotReadyAddresses), terminating ones left out — on the ports each Service port's
// targetPort resolves to, with the Service's labels, the headless label, the trigger-time
// annotation, and at most 1000 addresses (then `endpoints.kubernetes.io/over-capacity: truncated`).
// It deletes the Endpoints of a deleted Service, and on start looks at every Endpoints once to
// find those whose Service went while it was down.

import { selectorFromSet } from '../api/labels';
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service, ServicePort } from '../api/types';
import { isNotFound, res } from '../client/clientset';
import { keyOf, splitKey } from '../client/store';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { capacityAnnotationSetCorrectly, endpointsOverCapacity, endpointSubsetsEqualIgnoreResourceVersion, repackSubsets, truncateEndpoints, truncated } from './endpoint-subsets';
import { TriggerTimeTracker } from './endpointslice/trigger-time-tracker';
import {
  endpointsLastChangeTriggerTime,
  findPort,
  getPodServiceMemberships,
  getServicesToUpdateOnPodChange,
  isHeadlessServiceLabel,
  isIPv6String,
  isServiceIPSet,
  rfc3339Nano,
  serviceSelector,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpointslice/util';
import { errorText, hasStatusCause, isPodReady, namespaceTerminatingCause } from './util';

/** Syncs of one Service that may fail in a row before it is dropped from the queue. */
const maxRetries = 15;
/** --concurrent-endpoint-syncs's default. */
const concurrentEndpointSyncs = 5;
/** Endpoints of a leader election (resourcelock.LeaderElectionRecordAnnotationKey) are no Service's. */
const leaderElectionRecordAnnotationKey = 'control-plane.alpha.kubernetes.io/leader';

const endpointsResource = () => res('', 'endpoints');

/** Flags of the controller. */
export interface EndpointControllerOptions {
  /** --endpoint-updates-batch-period (0). */
  endpointUpdatesBatchPeriodMs?: number;
}

/** The controller, with its trackers exposed for tests. */
export interface EndpointController extends Controller {
  readonly triggerTimeTracker: TriggerTimeTracker;
  readonly staleEndpointsTracker: StaleEndpointsTracker;
  /** The start-up pass over every Endpoints (checkLeftoverEndpoints). */
  checkLeftoverEndpoints(): void;
}

// Models endpoints_tracker.go staleEndpointsTracker
/** The resourceVersion each Endpoints had before the controller last updated it: a cache still showing it is stale. */
export class StaleEndpointsTracker {
  private readonly staleRV = new Map<string, string>();
  stale(ep: Endpoints): void {
    this.staleRV.set(keyOf(ep), ep.metadata.resourceVersion ?? '');
  }
  isStale(ep: Endpoints): boolean {
    const rv = this.staleRV.get(keyOf(ep));
    return rv !== undefined && rv === ep.metadata.resourceVersion;
  }
  delete(namespace: string, name: string): void {
    this.staleRV.delete(namespace ? `${namespace}/${name}` : name);
  }
}

// Models endpoints_controller.go podToEndpointAddressForService
/**
 * The pod's address for the Service: its IP of the Service's family (its first ipFamily; else its
 * cluster IP's; a headless one's the pod's own), with its node and a reference to it; null if the
 * pod has no IP of that family.
 */
export function podToEndpointAddressForService(svc: Service, pod: Pod): EndpointAddress | null {
  let v6: boolean;
  if ((svc.spec?.ipFamilies ?? []).length > 0) v6 = svc.spec!.ipFamilies![0] === 'IPv6';
  else if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') v6 = isIPv6String(svc.spec.clusterIP);
  else v6 = isIPv6String(pod.status?.podIP);
  const ip = (pod.status?.podIPs ?? []).find((p) => isIPv6String(p.ip) === v6)?.ip;
  if (!ip) return null;
  return { ip, nodeName: pod.spec?.nodeName ?? '', targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
}

// Models endpoints_controller.go endpointPortFromServicePort
/** The endpoint port of a Service port resolved to `portNum`. */
export function endpointPortFromServicePort(sp: ServicePort, portNum: number): EndpointPort {
  // Go's field order and omitempty: name, port, protocol, appProtocol.
  const p: EndpointPort = { ...(sp.name ? { name: sp.name } : {}), port: portNum };
  if (sp.protocol) p.protocol = sp.protocol;
  if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
  return p;
}

/** An address in Go's field order: ip, hostname, nodeName, targetRef. */
function orderedAddress(a: EndpointAddress): EndpointAddress {
  return { ip: a.ip, ...(a.hostname ? { hostname: a.hostname } : {}), ...(a.nodeName !== undefined ? { nodeName: a.nodeName } : {}), ...(a.targetRef ? { targetRef: a.targetRef } : {}) };
}

// Models endpoints_controller.go addEndpointSubset
/** One subset of one address on (at most) one port: under addresses if ready or tolerated, else notReadyAddresses. */
function addEndpointSubset(subsets: EndpointSubset[], pod: Pod, epa: EndpointAddress, epp: EndpointPort | null, tolerateUnready: boolean): void {
  const ports = epp ? [epp] : [];
  if (tolerateUnready || isPodReady(pod)) subsets.push({ addresses: [epa], ports });
  else subsets.push({ notReadyAddresses: [epa], ports });
}

const labelsEqual = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b ?? {}, k) && (b ?? {})[k] === (a ?? {})[k]);
};

const withoutHeadless = (labels: Record<string, string> | undefined) => {
  if (!labels || !(isHeadlessServiceLabel in labels)) return labels;
  const { [isHeadlessServiceLabel]: _h, ...rest } = labels;
  return rest;
};

// Models endpoints_controller.go NewEndpointController
/** The endpoint controller of kube-controller-manager. */
export function newEndpointController(ctx: ControllerContext, opts: EndpointControllerOptions = {}): EndpointController {
  const podInformer = ctx.informers.informerFor<Pod>(res('', 'pods'));
  const serviceInformer = ctx.informers.informerFor<Service>(res('', 'services'));
  const endpointsInformer = ctx.informers.informerFor<Endpoints>(endpointsResource());
  const queue = ctx.newQueue('endpoint');
  const recorder = ctx.recorder('endpoint-controller');
  const batchPeriodMs = opts.endpointUpdatesBatchPeriodMs ?? 0;
  const triggerTimeTracker = new TriggerTimeTracker();
  const staleEndpointsTracker = new StaleEndpointsTracker();

  const onService = (svc: Service) => queue.add(keyOf(svc));
  serviceInformer.addEventHandler({ add: onService, update: (_old, cur) => onService(cur), delete: onService });
  const addPod = (pod: Pod) => {
    for (const key of getPodServiceMemberships(serviceInformer.lister, pod)) queue.addAfter(key, batchPeriodMs);
  };
  podInformer.addEventHandler({
    add: addPod,
    update: (old, cur) => {
      for (const key of getServicesToUpdateOnPodChange(serviceInformer.lister, old, cur)) queue.addAfter(key, batchPeriodMs);
    },
    delete: addPod,
  });
  // An Endpoints deleted by someone else is put back.
  endpointsInformer.addEventHandler({ delete: (ep) => queue.add(keyOf(ep)) });

  // Models endpoints_controller.go syncService
  function* syncService(key: string): Co<void> {
    const [namespace, name] = splitKey(key);
    const service = serviceInformer.lister.get(namespace, name);
    if (!service) {
      // The Service is gone: so are its Endpoints (if the controller was down then, checkLeftoverEndpoints finds them).
      try {
        yield* ctx.client.delete(endpointsResource(), namespace, name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      triggerTimeTracker.deleteService(namespace, name);
      staleEndpointsTracker.delete(namespace, name);
      return;
    }
    // ExternalName Services get no endpoints (kubernetes#105986).
    if (service.spec?.type === 'ExternalName') return;
    // Without a selector the Endpoints are someone else's to write.
    const selector = serviceSelector(service);
    if (!selector) return;
    const pods = podInformer.lister.list(namespace, selectorFromSet(selector));
    // Computed even if nothing is written, so the tracker's state follows every sync.
    const triggerTime = triggerTimeTracker.computeEndpointLastChangeTriggerTime(namespace, service, pods);
    const publishNotReady = service.spec?.publishNotReadyAddresses === true;
    let subsets: EndpointSubset[] = [];
    for (const pod of pods) {
      // Terminating pods are in only when not-ready addresses are published.
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const ep = podToEndpointAddressForService(service, pod);
      // No IP of the Service's family (a cluster mid-way to dual-stack).
      if (!ep) continue;
      const epa = orderedAddress(shouldSetHostname(pod, service) ? { ...ep, hostname: pod.spec?.hostname } : ep);
      const ports = service.spec?.ports ?? [];
      if (ports.length === 0) {
        // A headless Service may have no ports.
        if (service.spec?.clusterIP === 'None') addEndpointSubset(subsets, pod, epa, null, publishNotReady);
        continue;
      }
      for (const sp of ports) {
        const num = findPort(pod, sp);
        // An unresolvable named port is left out (logged at V(4) upstream).
        if (num === null) continue;
        addEndpointSubset(subsets, pod, epa, endpointPortFromServicePort(sp, num), publishNotReady);
      }
    }
    subsets = repackSubsets(subsets);

    let current = endpointsInformer.lister.get(namespace, name);
    if (!current) current = { kind: 'Endpoints', apiVersion: 'v1', metadata: { name, ...(service.metadata.labels ? { labels: service.metadata.labels } : {}) } };
    else if (staleEndpointsTracker.isStale(current)) {
      throw new Error(`endpoints informer cache is out of date, resource version ${current.metadata.resourceVersion} already processed for endpoints ${key}`);
    }
    const create = !current.metadata.resourceVersion;
    // The headless label is the controller's own, not the Service's: leave it out of the comparison.
    if (
      !create &&
      endpointSubsetsEqualIgnoreResourceVersion(current.subsets, subsets) &&
      labelsEqual(withoutHeadless(current.metadata.labels), service.metadata.labels) &&
      capacityAnnotationSetCorrectly(current.metadata.annotations, current.subsets)
    ) {
      return;
    }
    const next: Endpoints = structuredClone(current);
    next.kind = 'Endpoints';
    next.apiVersion = 'v1';
    next.subsets = subsets;
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (triggerTime !== 0) annotations[endpointsLastChangeTriggerTime] = rfc3339Nano(triggerTime);
    else delete annotations[endpointsLastChangeTriggerTime];
    if (truncateEndpoints(next)) annotations[endpointsOverCapacity] = truncated;
    else delete annotations[endpointsOverCapacity];
    const labels = { ...(service.metadata.labels ?? {}) };
    if (!isServiceIPSet(service)) labels[isHeadlessServiceLabel] = '';
    else delete labels[isHeadlessServiceLabel];
    next.metadata = { ...next.metadata };
    // Empty maps and lists are left out on the wire (omitempty).
    if (Object.keys(labels).length) next.metadata.labels = labels;
    else delete next.metadata.labels;
    if (Object.keys(annotations).length) next.metadata.annotations = annotations;
    else delete next.metadata.annotations;
    if ((next.subsets ?? []).length === 0) delete next.subsets;

    let updated: Endpoints | undefined;
    try {
      if (create) yield* ctx.client.create(endpointsResource(), namespace, next);
      else updated = yield* ctx.client.update(endpointsResource(), namespace, next);
    } catch (e) {
      // A terminating namespace refuses every create: drop the item.
      if (create && hasStatusCause(e, namespaceTerminatingCause)) return;
      if (create) recorder.event(next, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${errorText(e)}`);
      else recorder.event(next, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${errorText(e)}`);
      throw e;
    }
    // The version the cache still shows until the informer catches up: a sync seeing it waits
    // (an update may come back with the same version: kubernetes#126578, #127370).
    if (updated && updated.metadata.resourceVersion !== current.metadata.resourceVersion) staleEndpointsTracker.stale(current);
  }

  // Models endpoints_controller.go checkLeftoverEndpoints
  const checkLeftoverEndpoints = () => {
    for (const ep of endpointsInformer.lister.list()) {
      // Leader-election Endpoints have no Service; deleting them would cause re-elections.
      if (ep.metadata.annotations?.[leaderElectionRecordAnnotationKey] !== undefined) continue;
      queue.add(keyOf(ep));
    }
  };

  return {
    name: 'endpoint',
    workers: concurrentEndpointSyncs,
    queue,
    sync: syncService,
    // Models endpoints_controller.go handleErr
    handleErr(key: string): void {
      if (queue.numRequeues(key) < maxRetries) return queue.addRateLimited(key);
      queue.forget(key);
    },
    loops: () => [
      (function* (): Co<void> {
        checkLeftoverEndpoints();
      })(),
    ],
    triggerTimeTracker,
    staleEndpointsTracker,
    checkLeftoverEndpoints,
  };
}
