// The garbage collector (pkg/controller/garbagecollector, 1.32): a monitor on every resource that
// can be listed, watched and deleted (events aside) feeds the dependency graph of ownerReferences;
// attemptToDelete workers (the controller's own queue, --concurrent-gc-syncs of them) delete what
// has lost all its owners and finish foreground deletions; attemptToOrphan workers orphan the
// dependents of an owner deleted with the orphan finalizer; one loop applies the graph changes.
// The pieces are in ./garbagecollector/: graph, graph builder, collector, operations.

import { groupVersion, resources as served, type ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/types';
import type { Lister } from '../client/store';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { ReferenceCache } from './garbagecollector/absent-owner-cache';
import { GarbageCollector, type ItemAction } from './garbagecollector/collector';
import type { Node } from './garbagecollector/graph';
import { GraphBuilder, type GraphEvent, type GraphQueues } from './garbagecollector/graph-builder';
import { Operations } from './garbagecollector/operations';
import { queueWorkers } from './garbagecollector/workers';

/** --concurrent-gc-syncs. */
const concurrentGCSyncs = 20;
/** The absent-owner cache's size (NewReferenceCache(500)). */
const absentOwnerCacheSize = 500;

// Models graph_builder.go DefaultIgnoredResources: events, of both groups.
const ignored = new Set(['/events', 'events.k8s.io/events']);

// Models garbagecollector.go GetDeletableResources
/** The resources the collector monitors: every one served with delete, list and watch, but events. */
export const deletableResources: readonly ResourceInfo[] = served.filter(
  (r) => (['delete', 'list', 'watch'] as const).every((v) => r.verbs.includes(v)) && !ignored.has(`${r.group}/${r.resource}`),
);

/** A worker's "again later": rethrown so the framework requeues the item rate-limited. */
class RequeueItem extends Error {
  constructor(what: string) {
    super(`requeue ${what}`);
  }
}

/** The collector, with its graph, queues and workers exposed for tests. */
export interface GarbageCollectorController extends Controller {
  readonly builder: GraphBuilder;
  readonly collector: GarbageCollector;
  readonly absentOwnerCache: ReferenceCache;
  readonly attemptToOrphan: Controller['queue'];
  /** The node a queued key stands for. */
  nodeOf(queue: 'attemptToDelete' | 'attemptToOrphan', key: string): Node | undefined;
  /** One attemptToOrphan item, as its workers run it. */
  syncOrphan(key: string): Co<void>;
}

const resourceKey = (r: Pick<ResourceInfo, 'group' | 'resource'>) => `${r.resource}.${r.group}`;

// Models garbagecollector.go NewGarbageCollector and graph_builder.go NewDependencyGraphBuilder (controllerFor)
/** The garbage collector over one shared informer per deletable resource. */
export function newGarbageCollectorController(ctx: ControllerContext): GarbageCollectorController {
  const deleteQueue = ctx.newQueue('garbage_collector_attempt_to_delete');
  const orphanQueue = ctx.newQueue('garbage_collector_attempt_to_orphan');
  // The nodes behind the keys queued (upstream's queues hold the *node itself).
  const pending = { attemptToDelete: new Map<string, Node>(), attemptToOrphan: new Map<string, Node>() };
  const queues: GraphQueues = {
    attemptToDelete(n, rateLimited) {
      pending.attemptToDelete.set(n.key, n);
      if (rateLimited) deleteQueue.addRateLimited(n.key);
      else deleteQueue.add(n.key);
    },
    attemptToOrphan(n) {
      pending.attemptToOrphan.set(n.key, n);
      orphanQueue.add(n.key);
    },
  };
  const absentOwnerCache = new ReferenceCache(absentOwnerCacheSize);
  const builder = new GraphBuilder(queues, absentOwnerCache, ctx.recorder('garbage-collector-controller'));
  const listers = new Map<string, Lister>();
  for (const r of deletableResources) {
    const informer = ctx.informers.informerFor<KubeObject>(r);
    listers.set(resourceKey(r), informer.lister);
    const gvk = { apiVersion: groupVersion(r.group, r.version), kind: r.kind };
    const change = (eventType: GraphEvent['eventType'], obj: KubeObject, oldObj?: KubeObject) => builder.graphChanges.add({ virtual: false, eventType, obj, oldObj, ...gvk });
    informer.addEventHandler({ add: (obj) => change('add', obj), update: (old, obj) => change('update', obj, old), delete: (obj) => change('delete', obj) });
  }
  const ops = new Operations(ctx.client, (info) => listers.get(resourceKey(info)));
  const collector = new GarbageCollector(builder, ops, absentOwnerCache, (n) => queues.attemptToDelete(n));

  /** Runs a worker on the node behind `key`; a requeued node stays behind its key. */
  function* run(which: keyof typeof pending, key: string, work: (n: Node) => Co<ItemAction>): Co<void> {
    const n = pending[which].get(key);
    if (!n) return;
    pending[which].delete(key);
    if ((yield* work(n)) === 'forget') return;
    pending[which].set(key, n);
    throw new RequeueItem(`${which} ${n.identity.uid}`);
  }

  const syncOrphan = (key: string) => run('attemptToOrphan', key, (n) => collector.attemptToOrphanWorker(n));

  // Models graph_builder.go Run (runProcessGraphChanges): one coroutine applies the changes in order.
  function* processGraphChanges(): Co<void> {
    for (;;) builder.process(yield* builder.graphChanges.get());
  }

  return {
    name: 'garbagecollector',
    workers: concurrentGCSyncs,
    queue: deleteQueue,
    attemptToOrphan: orphanQueue,
    builder,
    collector,
    absentOwnerCache,
    sync: (key) => run('attemptToDelete', key, (n) => collector.attemptToDeleteWorker(n)),
    syncOrphan,
    nodeOf: (which, key) => pending[which].get(key),
    loops: () => [processGraphChanges(), ...queueWorkers('garbagecollector', orphanQueue, concurrentGCSyncs, syncOrphan)],
  };
}
