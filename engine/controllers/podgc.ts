// The pod garbage collector (pkg/controller/podgc/gc_controller.go, 1.32). Every 20 s (gcCheckPeriod)
// it force-deletes (grace period 0) what no kubelet will ever finish: terminated pods beyond
// --terminated-pod-gc-threshold (Evicted ones first, then the oldest), pods whose node has been
// gone for 40 s (quarantineTime, then confirmed with a GET), terminating pods that were never
// scheduled, and terminating pods on not-Ready nodes tainted node.kubernetes.io/out-of-service.
// A pod not yet Succeeded or Failed is first patched to Failed (with the DisruptionTarget condition
// when its node is gone), so that its phase is true even after the kubelet that owned it is gone.
//
// The loop is the pseudo-key `#gc` of its queue, queued again after each pass (wait.Until).

import type { Node, Pod, PodCondition } from '../api/types/core';
import { isNotFound, res } from '../client/clientset';
import { Cancelled, type Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { settleAll } from './util/slow-start';
import { timeMs } from './util/pods';
import { patchPodStatus, updatePodCondition } from './tainteviction';

const pods = res('', 'pods');
const nodes = res('', 'nodes');
const gcKey = '#gc';

/** kubelet/eviction's Reason for a pod the kubelet evicted under node pressure. */
const evictedReason = 'Evicted';
const TaintNodeOutOfService = 'node.kubernetes.io/out-of-service';

/** The pod GC, with its pass exposed for tests. */
export interface PodGCController extends Controller {
  /** One pass of every collection (gc). */
  gc(): Co<void>;
}

// Models gc_controller.go isPodTerminated: any phase but Pending, Running and Unknown (so also none).
function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

// Models pkg/util/node/node.go IsNodeReady
function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

// Models gc_controller.go byEvictionAndCreationTimestamp: Evicted pods first, then oldest, then by name.
function byEvictionAndCreationTimestamp(a: Pod, b: Pod): number {
  const evicted = (p: Pod) => p.status?.phase === 'Failed' && p.status?.reason === evictedReason;
  if (evicted(a) !== evicted(b)) return evicted(a) ? -1 : 1;
  const ta = timeMs(a.metadata.creationTimestamp);
  const tb = timeMs(b.metadata.creationTimestamp);
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

// Models gc_controller.go NewPodGC
/** The pod garbage collector, over the shared pod and node informers. */
export function newPodGCController(ctx: ControllerContext): PodGCController {
  const t = ctx.timings;
  const podLister = ctx.informers.informerFor<Pod>(pods).lister;
  const nodeLister = ctx.informers.informerFor<Node>(nodes).lister;
  const queue = ctx.newQueue('pod-garbage-collector');
  /** The orphaned_pods_nodes delaying queue: each missing node and when its quarantine ends (the earliest add wins). */
  const nodeQueue = new Map<string, number>();
  queue.add(gcKey);

  // Models gc_controller.go markFailedAndDeletePodWithCondition
  function* markFailedAndDeletePod(pod: Pod, condition?: PodCondition): Co<void> {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name!;
    const phase = pod.status?.phase;
    // A pod with no kubelet left would stay Running for ever: make its phase true first.
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      const status = structuredClone(pod.status ?? {});
      status.phase = 'Failed';
      if (condition) updatePodCondition(status, condition, ctx.wallMs());
      yield* patchPodStatus(ctx.client, ns, name, pod.metadata.uid ?? '', pod.status ?? {}, status);
    }
    yield* ctx.client.delete(pods, ns, name, { gracePeriodSeconds: 0 });
  }

  /** Deletes the pods side by side (one goroutine each upstream); a failure is only logged. */
  function* deleteAll(victims: Pod[], condition?: PodCondition): Co<void> {
    const outcomes = yield* settleAll(victims.map((p) => markFailedAndDeletePod(p, condition)));
    for (const o of outcomes) if (!o.ok && o.error instanceof Cancelled) throw o.error;
  }

  // Models gc_controller.go gcTerminated
  function* gcTerminated(all: Pod[]): Co<void> {
    const terminated = all.filter(isPodTerminated);
    const deleteCount = terminated.length - t.terminatedPodGcThreshold;
    if (deleteCount <= 0) return;
    yield* deleteAll([...terminated].sort(byEvictionAndCreationTimestamp).slice(0, deleteCount));
  }

  // Models gc_controller.go gcTerminating
  function* gcTerminating(all: Pod[]): Co<void> {
    const terminating = all.filter((p) => {
      if (!p.metadata.deletionTimestamp) return false;
      const node = nodeLister.get('', p.spec?.nodeName ?? '');
      return !!node && !isNodeReady(node) && (node.spec?.taints ?? []).some((x) => x.key === TaintNodeOutOfService);
    });
    if (terminating.length === 0) return;
    yield* deleteAll(terminating.sort(byEvictionAndCreationTimestamp));
  }

  // Models gc_controller.go gcOrphaned and discoverDeletedNodes
  function* gcOrphaned(all: Pod[], existing: Set<string>): Co<void> {
    const now = ctx.now();
    for (const p of all) {
      const n = p.spec?.nodeName ?? '';
      if (n && !existing.has(n)) nodeQueue.set(n, Math.min(nodeQueue.get(n) ?? Infinity, now + t.podGcQuarantineMs));
    }
    const ready = [...nodeQueue].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const deleted = new Set<string>();
    for (const [n] of ready) {
      nodeQueue.delete(n);
      if (existing.has(n)) continue;
      // The informer may lag: only the apiserver's NotFound makes a node gone.
      try {
        yield* ctx.client.get(nodes, '', n);
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        if (isNotFound(e)) deleted.add(n);
      }
    }
    const orphans = all.filter((p) => deleted.has(p.spec?.nodeName ?? ''));
    for (const p of orphans) {
      try {
        yield* markFailedAndDeletePod(p, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
      } catch (e) {
        if (e instanceof Cancelled) throw e;
      }
    }
  }

  // Models gc_controller.go gcUnscheduledTerminating
  function* gcUnscheduledTerminating(all: Pod[]): Co<void> {
    for (const p of all) {
      if (!p.metadata.deletionTimestamp || p.spec?.nodeName) continue;
      try {
        yield* markFailedAndDeletePod(p);
      } catch (e) {
        if (e instanceof Cancelled) throw e;
      }
    }
  }

  // Models gc_controller.go gc
  function* gc(): Co<void> {
    const all = podLister.list();
    const existing = new Set(nodeLister.list().map((n) => n.metadata.name!));
    if (t.terminatedPodGcThreshold > 0) yield* gcTerminated(all);
    yield* gcTerminating(all);
    yield* gcOrphaned(all, existing);
    yield* gcUnscheduledTerminating(all);
  }

  return {
    name: 'podgc',
    workers: 1,
    queue,
    gc,
    *sync(key: string): Co<void> {
      if (key !== gcKey) return;
      try {
        yield* gc();
      } finally {
        queue.addAfter(gcKey, t.podGcPeriodMs);
      }
    },
  };
}
