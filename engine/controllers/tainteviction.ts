// The taint eviction controller (pkg/controller/tainteviction, its own controller since 1.29's
// SeparateTaintEvictionController): pods on a node with NoExecute taints are deleted, at once when
// some taint is not tolerated, after the shortest matching tolerationSeconds when all are, never
// when every matching toleration is forever; a scheduled deletion is cancelled when the taint goes
// or the pod stops being there. Before deleting, the pod gets the DisruptionTarget condition.
//
// Its queue carries a node name (handleNodeUpdate), `pod:<namespace>/<name>:<node>` (handlePodUpdate;
// the node the pod was on when it changed, as upstream's podUpdateItem keeps it) and
// `evict:<namespace>/<name>` (a TimedWorker firing: the timer is a delayed add of that key).

import type { Node, Pod, PodCondition, PodStatus, Taint, Toleration } from '../api/types/core';
import { deepEqual, type Json, type JsonObject } from '../apiserver/patch/json';
import { patchSchemaFor } from '../apiserver/patch/schema';
import { createTwoWayMergePatch } from '../apiserver/patch/strategic-diff';
import { rfc3339 } from '../apiserver/registry/objects';
import { res, type KubeClient } from '../client/clientset';
import { keyOf, splitKey } from '../client/store';
import { toleratesTaint } from '../api/taints';
import { Cancelled, type Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';

const nodes = res('', 'nodes');
const pods = res('', 'pods');

/** UpdateWorkerSize, and how often a failed deletion is tried (retries, 10 ms apart). */
const updateWorkerSize = 8;
const retries = 5;
const retryDelayMs = 10;

// Models pkg/api/v1/pod/util.go UpdatePodCondition
/** Sets the condition in the status (lastTransitionTime now, kept when the status did not change); whether anything changed. */
export function updatePodCondition(status: PodStatus, condition: PodCondition, nowWallMs: number): boolean {
  const c: PodCondition = { lastProbeTime: null, ...condition, lastTransitionTime: rfc3339(nowWallMs) };
  const conditions = status.conditions ?? [];
  const i = conditions.findIndex((x) => x.type === c.type);
  if (i < 0) {
    status.conditions = [...conditions, c];
    return true;
  }
  const old = conditions[i];
  if (c.status === old.status) c.lastTransitionTime = old.lastTransitionTime;
  const same =
    c.status === old.status && (c.reason ?? '') === (old.reason ?? '') && (c.message ?? '') === (old.message ?? '') && (c.lastProbeTime ?? null) === (old.lastProbeTime ?? null) && (c.lastTransitionTime ?? null) === (old.lastTransitionTime ?? null);
  status.conditions = conditions.map((x, j) => (j === i ? c : x));
  return !same;
}

// Models pkg/util/pod/pod.go PatchPodStatus (preparePatchBytesForPodStatus)
/** Patches a pod's status from old to new with a strategic merge patch whose metadata.uid is a precondition; nothing is sent when they are equal. */
export function* patchPodStatus(client: KubeClient, namespace: string, name: string, uid: string, oldStatus: PodStatus, newStatus: PodStatus): Co<void> {
  const schema = patchSchemaFor('v1', 'Pod')!;
  const patch = createTwoWayMergePatch({ status: oldStatus } as unknown as JsonObject, { metadata: { uid }, status: newStatus } as unknown as JsonObject, schema);
  if (deepEqual(patch, { metadata: { uid } })) return;
  yield* client.patch(pods, namespace, name, 'application/strategic-merge-patch+json', patch, 'status');
}

// Models pkg/controller/tainteviction/taint_eviction.go getNoExecuteTaints
function getNoExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}

// Models pkg/apis/core/v1/helper/helpers.go GetMatchingTolerations
/** Whether every taint is tolerated, and the toleration that tolerates each (the first that does). */
function getMatchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): [boolean, Toleration[]] {
  if (taints.length === 0) return [true, []];
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return [false, []];
    used.push(t);
  }
  return [true, used];
}

// Models pkg/controller/tainteviction/taint_eviction.go getMinTolerationTime
/** The shortest tolerationSeconds among the tolerations, in ms: 0 for none (or one ≤ 0), -1 when all tolerate forever. */
export function getMinTolerationTime(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/** A scheduled deletion (tainteviction.TimedWorker): created at createdAt, due when the delayed key fires at dueMs. */
interface TimedWorker {
  createdAt: number;
  fireAt: number;
  dueMs: number;
}

/** The taint eviction controller, with what its tests look at. */
export interface TaintEvictionController extends Controller {
  /** The TimedWorkerQueue by `namespace/name`: a scheduled deletion, or null once started or done (as upstream keeps them). */
  readonly scheduled: ReadonlyMap<string, TimedWorker | null>;
}

// Models pkg/controller/tainteviction/taint_eviction.go New
/** The taint eviction controller, over the shared pod and node informers. */
export function newTaintEvictionController(ctx: ControllerContext): TaintEvictionController {
  const podInformer = ctx.informers.informerFor<Pod>(pods);
  const nodeInformer = ctx.informers.informerFor<Node>(nodes);
  const podLister = podInformer.lister;
  const nodeLister = nodeInformer.lister;
  const queue = ctx.newQueue('noexec_taint');
  const recorder = ctx.recorder('taint-eviction-controller');

  /** Each tainted node's NoExecute taints (taintedNodes). */
  const taintedNodes = new Map<string, Taint[]>();
  /** The TimedWorkerQueue's workers; null for work that started (or ended well) and cannot be cancelled. */
  const workers = new Map<string, TimedWorker | null>();
  /** Deletions being run, with the attempts made so far (the worker's goroutine and its retry loop). */
  const running = new Map<string, number>();

  podInformer.addEventHandler({ add: (p) => podUpdated(undefined, p), update: (o, p) => podUpdated(o, p), delete: (p) => podUpdated(p, undefined) });
  nodeInformer.addEventHandler({ add: (n) => nodeUpdated(undefined, n), update: (o, n) => nodeUpdated(o, n), delete: (n) => nodeUpdated(n, undefined) });

  // Models taint_eviction.go PodUpdated
  function podUpdated(oldPod: Pod | undefined, newPod: Pod | undefined): void {
    const p = (newPod ?? oldPod)!;
    const tolerations = (x: Pod | undefined) => (x?.spec?.tolerations ?? []) as unknown as Json;
    if (oldPod && newPod && deepEqual(tolerations(oldPod), tolerations(newPod)) && (oldPod.spec?.nodeName ?? '') === (newPod.spec?.nodeName ?? '')) return;
    queue.add(`pod:${keyOf(p)}:${p.spec?.nodeName ?? ''}`);
  }

  // Models taint_eviction.go NodeUpdated
  function nodeUpdated(oldNode: Node | undefined, newNode: Node | undefined): void {
    const n = (newNode ?? oldNode)!;
    if (oldNode && newNode && deepEqual(getNoExecuteTaints(oldNode.spec?.taints) as unknown as Json, getNoExecuteTaints(newNode.spec?.taints) as unknown as Json)) return;
    queue.add(n.metadata.name!);
  }

  // ---- the TimedWorkerQueue (timed_workers.go) ----

  // Models timed_workers.go AddWork (createWorker: the delay runs from createdAt, not from now)
  function addWork(key: string, createdAt: number, fireAt: number): void {
    if (workers.has(key)) return;
    const delay = fireAt - createdAt;
    if (delay <= 0) {
      workers.set(key, null);
      startDeletion(key);
      return;
    }
    workers.set(key, { createdAt, fireAt, dueMs: ctx.now() + delay });
    queue.addAfter(`evict:${key}`, delay);
  }

  // Models timed_workers.go CancelWork
  function cancelWork(key: string): boolean {
    if (!workers.has(key)) return false;
    const w = workers.get(key);
    workers.delete(key);
    return w !== null;
  }

  function startDeletion(key: string): void {
    running.set(key, 0);
    queue.add(`evict:${key}`);
  }

  /** A firing of `evict:<key>`: a due timer starts the deletion; an attempt of a running one is made. */
  function* fire(key: string): Co<void> {
    if (!running.has(key)) {
      const w = workers.get(key);
      if (!w) return; // cancelled, or a timer of work replaced since
      if (ctx.now() < w.dueMs) {
        // An earlier timer of the same key fired (a delayed add keeps the earliest): wait on.
        queue.addAfter(`evict:${key}`, w.dueMs - ctx.now());
        return;
      }
      running.set(key, 0);
    }
    yield* deletePodHandler(key);
  }

  // Models taint_eviction.go deletePodHandler and addConditionAndDeletePod
  function* deletePodHandler(key: string): Co<void> {
    const attempt = running.get(key)!;
    const [ns, name] = splitKey(key);
    if (attempt === 0) emitEvent(ns, name, `Marking for deletion Pod ${key}`);
    try {
      const pod = yield* ctx.client.get<Pod>(pods, ns, name);
      const status = structuredClone(pod.status ?? {});
      const cond: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
      if (updatePodCondition(status, cond, ctx.wallMs())) yield* patchPodStatus(ctx.client, ns, name, pod.metadata.uid ?? '', pod.status ?? {}, status);
      yield* ctx.client.delete(pods, ns, name, {});
      running.delete(key);
      // Kept as null so that the same pod is not scheduled again while it goes.
      workers.set(key, null);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      if (attempt + 1 < retries) {
        running.set(key, attempt + 1);
        queue.addAfter(`evict:${key}`, retryDelayMs);
        return;
      }
      running.delete(key);
      workers.delete(key);
    }
  }

  function emitEvent(namespace: string, name: string, message: string): void {
    recorder.event({ apiVersion: 'v1', kind: 'Pod', name, namespace }, 'Normal', 'TaintManagerEviction', message);
  }

  // Models taint_eviction.go cancelWorkWithEvent
  function cancelWorkWithEvent(key: string): void {
    const [ns, name] = splitKey(key);
    if (cancelWork(key)) emitEvent(ns, name, `Cancelling deletion of Pod ${key}`);
  }

  // ---- pods on tainted nodes ----

  // Models taint_eviction.go processPodOnNode
  function processPodOnNode(key: string, tolerations: readonly Toleration[], taints: readonly Taint[], now: number): void {
    if (taints.length === 0) cancelWorkWithEvent(key);
    const [allTolerated, used] = getMatchingTolerations(taints, tolerations);
    if (!allTolerated) {
      // Deleted right away: any scheduled deletion is superseded.
      cancelWorkWithEvent(key);
      addWork(key, now, now);
      return;
    }
    const min = getMinTolerationTime(used);
    if (min < 0) {
      cancelWorkWithEvent(key);
      return;
    }
    let startTime = now;
    const triggerTime = startTime + min;
    const scheduled = workers.get(key);
    if (scheduled) {
      startTime = scheduled.createdAt;
      // The deletion already scheduled comes first: keep it. Upstream compares with Before; here one
      // simulated instant often sees both the node and the pod update, so a tie keeps it too.
      if (startTime + min <= triggerTime) return;
      cancelWorkWithEvent(key);
    }
    addWork(key, startTime, triggerTime);
  }

  // Models taint_eviction.go handlePodUpdate
  function handlePodUpdate(item: string): void {
    const sep = item.indexOf(':');
    const key = item.slice(0, sep);
    const itemNode = item.slice(sep + 1);
    const [ns, name] = splitKey(key);
    const pod = podLister.get(ns, name);
    if (!pod) {
      cancelWorkWithEvent(key);
      return;
    }
    const nodeName = pod.spec?.nodeName ?? '';
    if (nodeName !== itemNode || nodeName === '') return;
    const taints = taintedNodes.get(nodeName);
    // The node is gone, or its taints were removed, which cancelled what was due.
    if (!taints) return;
    processPodOnNode(key, pod.spec?.tolerations ?? [], taints, ctx.now());
  }

  // Models taint_eviction.go handleNodeUpdate
  function handleNodeUpdate(nodeName: string): void {
    const node = nodeLister.get('', nodeName);
    if (!node) {
      taintedNodes.delete(nodeName);
      return;
    }
    const taints = getNoExecuteTaints(node.spec?.taints);
    if (taints.length === 0) taintedNodes.delete(nodeName);
    else taintedNodes.set(nodeName, taints);
    const onNode = podLister.list().filter((p) => p.spec?.nodeName === nodeName);
    if (onNode.length === 0) return;
    if (taints.length === 0) {
      for (const p of onNode) cancelWorkWithEvent(keyOf(p));
      return;
    }
    const now = ctx.now();
    for (const p of onNode) processPodOnNode(keyOf(p), p.spec?.tolerations ?? [], taints, now);
  }

  return {
    name: 'taint-eviction-controller',
    workers: updateWorkerSize,
    queue,
    scheduled: workers,
    *sync(key: string): Co<void> {
      if (key.startsWith('evict:')) return yield* fire(key.slice('evict:'.length));
      if (key.startsWith('pod:')) return handlePodUpdate(key.slice('pod:'.length));
      handleNodeUpdate(key);
    },
  };
}
