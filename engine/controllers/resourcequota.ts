// The resource quota controller (pkg/controller/resourcequota/resource_quota_controller.go and
// resource_quota_monitor.go, 1.32). Each ResourceQuota's status is the namespace's observed usage
// of its spec.hard resources: a quota whose status lacks its hard limits or a usage goes to the
// priority queue (missingUsageQueue), the rest to the primary one; every --resource-quota-sync-period
// all quotas are recalculated; and a monitor on every quotable resource replenishes a namespace's
// quotas when an object that counts is deleted, or changes so that it stops counting (a pod turning
// terminal, a service leaving NodePort). The status is written only when it changed.
//
// The full resync is the pseudo-key `#resync` of the primary queue, queued again after each pass (wait.Until).

import { resources as served, type ResourceInfo } from '../api/resources';
import type { KubeObject, ResourceQuota } from '../api/types';
import { res } from '../client/clientset';
import { splitKey, type Lister } from '../client/store';
import {
  defaultUpdateFilter,
  equals,
  evaluatorFor,
  isIgnoredResource,
  newEvaluators,
  newRegistry,
  resourceNames,
  syncResourceQuotaStatus,
  toQuantityList,
  type GroupResource,
} from '../quota';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { queueWorkers } from './garbagecollector/workers';

const quotas = res('', 'resourcequotas');
const resyncKey = '#resync';
/** --concurrent-resource-quota-syncs. */
const concurrentResourceQuotaSyncs = 5;

const grKey = (gr: GroupResource) => `${gr.resource}.${gr.group}`;

// Models pkg/controller/resourcequota/resource_quota_controller.go GetQuotableResources, less the ignored resources (pkg/quota/v1/install)
/** The namespaced resources that can be created, listed, watched and deleted, events aside: what the quota monitor watches. */
export const quotableResources: readonly ResourceInfo[] = served.filter(
  (r) => r.namespaced && (['create', 'list', 'watch', 'delete'] as const).every((v) => r.verbs.includes(v)) && !isIgnoredResource(r),
);

/** The controller, with its second queue and its steps exposed for tests. */
export interface ResourceQuotaController extends Controller {
  /** The priority queue: quotas whose status lacks what they declare. */
  readonly missingUsageQueue: Controller['queue'];
  addQuota(quota: ResourceQuota): void;
  syncResourceQuota(quota: ResourceQuota): Co<void>;
  replenishQuota(gr: GroupResource, namespace: string): void;
}

// Models pkg/controller/resourcequota/resource_quota_controller.go NewController
/** The resource quota controller over the shared quota informer and one monitor per quotable resource. */
export function newResourceQuotaController(ctx: ControllerContext): ResourceQuotaController {
  const rqInformer = ctx.informers.informerFor<ResourceQuota>(quotas);
  const rqLister = rqInformer.lister;
  const queue = ctx.newQueue('resourcequota_primary');
  const missingUsageQueue = ctx.newQueue('resourcequota_priority');
  const clock = () => ctx.wallMs();
  // The evaluators with special logic, and an object counter for every monitored resource (QuotaMonitor.SyncMonitors).
  const registry = newRegistry(newEvaluators(clock));
  const listers = new Map<string, Lister>();

  const keyOfQuota = (q: ResourceQuota) => `${q.metadata.namespace}/${q.metadata.name}`;

  // Models resource_quota_controller.go addQuota
  function addQuota(q: ResourceQuota): void {
    const key = keyOfQuota(q);
    // A declared intent not yet captured in status is prioritized.
    if (!equals(toQuantityList(q.spec?.hard), toQuantityList(q.status?.hard))) return missingUsageQueue.add(key);
    // So is a constraint without a usage this controller can calculate.
    const used = q.status?.used ?? {};
    for (const constraint of resourceNames(q.status?.hard)) {
      if (used[constraint] !== undefined) continue;
      if (registry.list().some((e) => e.matchingResources([constraint]).length > 0)) return missingUsageQueue.add(key);
    }
    queue.add(key);
  }

  // Models resource_quota_controller.go replenishQuota
  function replenishQuota(gr: GroupResource, namespace: string): void {
    const evaluator = registry.get(gr);
    if (!evaluator) return;
    // Only the quotas tracking a resource of this kind are recalculated (all of it: there is no targeted replenishment).
    for (const q of rqLister.list(namespace)) {
      if (evaluator.matchingResources(resourceNames(q.status?.hard)).length > 0) queue.add(keyOfQuota(q));
    }
  }

  // Models resource_quota_monitor.go controllerFor: deletes, and the updates the filter passes; adds are charged by admission.
  for (const r of quotableResources) {
    const gr = { group: r.group, resource: r.resource };
    const informer = ctx.informers.informerFor<KubeObject>(r);
    listers.set(grKey(gr), informer.lister);
    evaluatorFor(registry, gr);
    informer.addEventHandler({
      update: (oldObj, newObj) => {
        if (defaultUpdateFilter(gr, oldObj, newObj, clock())) replenishQuota(gr, newObj.metadata.namespace ?? '');
      },
      delete: (obj) => replenishQuota(gr, obj.metadata.namespace ?? ''),
    });
  }

  rqInformer.addEventHandler({
    add: addQuota,
    // Only spec.hard changes count: the status is this controller's own writing.
    update: (old, cur) => {
      if (!equals(toQuantityList(old.spec?.hard), toQuantityList(cur.spec?.hard))) addQuota(cur);
    },
    delete: (q) => queue.add(keyOfQuota(q)),
  });

  // Models resource_quota_controller.go syncResourceQuota
  function* syncResourceQuota(q: ResourceQuota): Co<void> {
    const ns = q.metadata.namespace ?? '';
    const { status, dirty } = syncResourceQuotaStatus(q, (gr) => listers.get(grKey(gr))?.list(ns), clock);
    if (!dirty) return;
    const usage = structuredClone(q);
    usage.status = status;
    yield* ctx.client.update(quotas, ns, usage, 'status');
  }

  // Models resource_quota_controller.go syncResourceQuotaFromKey (and enqueueAll for the resync key)
  function* sync(key: string): Co<void> {
    if (key === resyncKey) {
      for (const q of rqLister.list()) queue.add(keyOfQuota(q));
      queue.addAfter(resyncKey, ctx.timings.resourceQuotaSyncPeriodMs);
      return;
    }
    const [namespace, name] = splitKey(key);
    const q = rqLister.get(namespace, name);
    if (!q) return; // deleted
    yield* syncResourceQuota(q);
  }

  queue.add(resyncKey);
  return {
    name: 'resourcequota',
    workers: concurrentResourceQuotaSyncs,
    queue,
    missingUsageQueue,
    sync,
    addQuota,
    syncResourceQuota,
    replenishQuota,
    loops: () => queueWorkers('resourcequota', missingUsageQueue, concurrentResourceQuotaSyncs, sync),
  };
}
