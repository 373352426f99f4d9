// The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go, 1.32):
// for every Service with a selector, EndpointSlices (discovery.k8s.io/v1) listing the pods it
// selects, kept by the reconciler. Service events queue the Service; pod events queue the Services
// whose selector matches the pod before or after; a slice changed or deleted by someone else queues
// its Service (its own writes, known to the tracker, do not). The queue backs off from 1 s to 1000 s,
// and a Service is dropped after 15 failed syncs in a row.

import { selectorFromSet } from '../../api/labels';
import type { EndpointSlice, Node, Pod, Service } from '../../api/types';
import { res } from '../../client/clientset';
import { splitKey, keyOf } from '../../client/store';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter } from '../../client/workqueue';
import type { Co } from '../../sim/co';
import type { Controller, ControllerContext } from '../controller';
import { errorText } from '../util';
import { EndpointSliceTracker } from './endpointslice-tracker';
import { Reconciler } from './reconciler';
import { labelManagedBy, labelServiceName, serviceControllerKey } from './slices';
import { TriggerTimeTracker } from './trigger-time-tracker';
import { getPodServiceMemberships, getServicesToUpdateOnPodChange, serviceSelector } from './util';

/** Syncs of one Service that may fail in a row before it is dropped from the queue. */
const maxRetries = 15;
/** The least delay before a sync that an EndpointSlice change asks for (endpointSliceChangeMinSyncDelay). */
const endpointSliceChangeMinSyncDelayMs = 1000;
/** The managed-by value of this controller's slices (controllerQualifiedName). */
export const controllerQualifiedName = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice's default. */
export const defaultMaxEndpointsPerSlice = 100;
/** --concurrent-service-endpoint-syncs's default. */
const concurrentServiceEndpointSyncs = 5;

/** The sync error of a cache older than the controller's last write (endpointslicepkg.StaleInformerCache). */
export class StaleInformerCache extends Error {}

/** Flags of the controller (KubeControllerManagerConfiguration.EndpointSliceController). */
export interface EndpointSliceControllerOptions {
  maxEndpointsPerSlice?: number;
  /** --endpointslice-updates-batch-period (0). */
  endpointUpdatesBatchPeriodMs?: number;
}

/** The controller, with its parts exposed for tests (as upstream's tests reach into them). */
export interface EndpointSliceController extends Controller {
  readonly tracker: EndpointSliceTracker;
  readonly triggerTimeTracker: TriggerTimeTracker;
  readonly reconciler: Reconciler;
}

// Models endpointslice_controller.go NewController
/** The endpointslice controller of kube-controller-manager. */
export function newEndpointSliceController(ctx: ControllerContext, opts: EndpointSliceControllerOptions = {}): EndpointSliceController {
  const podInformer = ctx.informers.informerFor<Pod>(res('', 'pods'));
  const serviceInformer = ctx.informers.informerFor<Service>(res('', 'services'));
  const nodeInformer = ctx.informers.informerFor<Node>(res('', 'nodes'));
  const sliceInformer = ctx.informers.informerFor<EndpointSlice>(res('discovery.k8s.io', 'endpointslices'));
  const queue = ctx.newQueue('endpoint_slice');
  // The default controller limiter but from 1 s, not 5 ms: a sync may rewrite many slices.
  const itemLimiter = new ItemExponentialFailureRateLimiter(1000, 1_000_000);
  const bucket = new BucketRateLimiter(10, 100);
  const batchPeriodMs = opts.endpointUpdatesBatchPeriodMs ?? 0;
  const recorder = ctx.recorder('endpoint-slice-controller');
  const tracker = new EndpointSliceTracker();
  const triggerTimeTracker = new TriggerTimeTracker();
  const reconciler = new Reconciler({
    client: ctx.client,
    nodeLister: nodeInformer.lister,
    maxEndpointsPerSlice: opts.maxEndpointsPerSlice ?? defaultMaxEndpointsPerSlice,
    tracker,
    controllerName: controllerQualifiedName,
  });

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

  // Models endpointslice_controller.go queueServiceForEndpointSlice
  const queueServiceForEndpointSlice = (slice: EndpointSlice) => {
    const key = serviceControllerKey(slice);
    if (key === null) return; // HandleError: the slice has no service-name label
    queue.addAfter(key, Math.max(endpointSliceChangeMinSyncDelayMs, batchPeriodMs));
  };
  sliceInformer.addEventHandler({
    add: (slice) => {
      if (reconciler.managedByController(slice) && tracker.shouldSync(slice)) queueServiceForEndpointSlice(slice);
    },
    update: (prev, slice) => {
      // Labels do not bump the generation; the controller never changes service-name, but users might.
      if (slice.metadata.labels?.[labelServiceName] !== prev.metadata.labels?.[labelServiceName]) {
        queueServiceForEndpointSlice(slice);
        queueServiceForEndpointSlice(prev);
        return;
      }
      if (reconciler.managedByChanged(prev, slice) || (reconciler.managedByController(slice) && tracker.shouldSync(slice))) queueServiceForEndpointSlice(slice);
    },
    delete: (slice) => {
      // A deletion the controller did not ask for is repaired.
      if (reconciler.managedByController(slice) && tracker.has(slice) && !tracker.handleDeletion(slice)) queueServiceForEndpointSlice(slice);
    },
  });

  // Models endpointslice_controller.go syncService
  function* syncService(key: string): Co<void> {
    const [namespace, name] = splitKey(key);
    const service = serviceInformer.lister.get(namespace, name);
    if (!service) {
      // Deleted: its slices go with it (the garbage collector, through their ownerReferences).
      triggerTimeTracker.deleteService(namespace, name);
      tracker.deleteService(namespace, name);
      return;
    }
    // ExternalName Services get no endpoints (kubernetes#105986).
    if (service.spec?.type === 'ExternalName') return;
    // Without a selector the endpoints are someone else's to write.
    const selector = serviceSelector(service);
    if (!selector) return;
    const pods = podInformer.lister.list(namespace, selectorFromSet(selector));
    const esSelector = selectorFromSet({ [labelServiceName]: name, [labelManagedBy]: reconciler.controllerName });
    // Slices marked for deletion are left alone, lest the controller get stuck on them.
    const slices = sliceInformer.lister.list(namespace, esSelector).filter((s) => !s.metadata.deletionTimestamp);
    if (tracker.staleSlices(service, slices)) throw new StaleInformerCache('EndpointSlice informer cache is out of date');
    // Computed even if nothing is written, so the tracker's state follows every sync.
    const triggerTime = triggerTimeTracker.computeEndpointLastChangeTriggerTime(namespace, service, pods);
    try {
      yield* reconciler.reconcile(service, pods, slices, triggerTime);
    } catch (e) {
      recorder.event(service, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${errorText(e)}`);
      throw e;
    }
  }

  return {
    name: 'endpointslice',
    workers: concurrentServiceEndpointSyncs,
    queue,
    *sync(key: string): Co<void> {
      yield* syncService(key);
      itemLimiter.forget(key);
    },
    // Models endpointslice_controller.go handleErr
    handleErr(key: string): void {
      if (itemLimiter.numRequeues(key) < maxRetries) {
        queue.addAfter(key, Math.max(itemLimiter.when(key), bucket.when(ctx.now())));
        return;
      }
      // Retry budget exceeded: dropped until an event queues it again.
      itemLimiter.forget(key);
      queue.forget(key);
    },
    tracker,
    triggerTimeTracker,
    reconciler,
  };
}
