// The node lifecycle controller (pkg/controller/nodelifecycle, Kubernetes 1.32), which runs as
// "node-lifecycle-controller" and reports as "node-controller". Every --node-monitor-period it reads
// each node's Ready condition and its kube-node-lease Lease; a node heard from neither for
// --node-monitor-grace-period (--node-startup-grace-period before it ever posted status) gets its
// conditions set to Unknown and its pods marked not Ready. NotReady and Unknown nodes are queued,
// per zone, to receive the not-ready / unreachable NoExecute taint, at the zone's eviction rate:
// --node-eviction-rate normally, --secondary-node-eviction-rate (or 0 for small clusters) when
// the zone is partially disrupted, and not at all when every zone is fully disrupted. The taint
// eviction controller then deletes the pods that do not tolerate the taints. Independently, every
// node's conditions are mirrored into NoSchedule taints (TaintNodesByCondition).
//
// One work queue carries three kinds of key: a node name (the NoSchedule tainting pass and label
// reconciliation, upstream's nodeUpdateQueue), `pod:<namespace>/<name>` (a pod newly bound to a
// node, upstream's podUpdateQueue), and the two periodic passes `#monitorNodeHealth` and
// `#doNoExecuteTaintingPass`, each of which queues itself again after it ran (wait.Until's period).

import type { Lease } from '../api/types/coordination';
import type { Node, NodeCondition, Pod, Taint } from '../api/types/core';
import { deepEqual, type Json, type JsonObject } from '../apiserver/patch/json';
import { patchSchemaFor } from '../apiserver/patch/schema';
import { createTwoWayMergePatch } from '../apiserver/patch/strategic-diff';
import { rfc3339 } from '../apiserver/registry/objects';
import { isConflict, isNotFound, res } from '../client/clientset';
import type { EventRecorder } from '../client/events';
import { keyOf, splitKey } from '../client/store';
import { TaintNodeDiskPressure, TaintNodeMemoryPressure, TaintNodeNetworkUnavailable, TaintNodeNotReady, TaintNodePIDPressure, TaintNodeUnreachable, TaintNodeUnschedulable } from '../api/taints';
import { Cancelled, type Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { settleAll } from './util/slow-start';
import { timeMs } from './util/pods';


/** A zone's health as handleDisruption classifies it. */
export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

const nodes = res('', 'nodes');
const pods = res('', 'pods');
const leases = res('coordination.k8s.io', 'leases');
const smp = 'application/strategic-merge-patch+json';

/** The pseudo-keys of the two periodic passes. */
const monitorKey = '#monitorNodeHealth';
const taintPassKey = '#doNoExecuteTaintingPass';
const podKeyPrefix = 'pod:';

// Node conditions and the NoSchedule taints TaintNodesByCondition mirrors them into.
const nodeConditionToTaintKeyStatusMap: Record<string, Record<string, string>> = {
  Ready: { False: TaintNodeNotReady, Unknown: TaintNodeUnreachable },
  MemoryPressure: { True: TaintNodeMemoryPressure },
  DiskPressure: { True: TaintNodeDiskPressure },
  NetworkUnavailable: { True: TaintNodeNetworkUnavailable },
  PIDPressure: { True: TaintNodePIDPressure },
};
const conditionTaintKeys = new Set([TaintNodeNotReady, TaintNodeUnreachable, TaintNodeNetworkUnavailable, TaintNodeMemoryPressure, TaintNodeDiskPressure, TaintNodePIDPressure]);

/** Stable OS/arch labels and the beta ones kept in step with them (labelReconcileInfo). */
const labelReconcileInfo = [
  { primaryKey: 'kubernetes.io/os', secondaryKey: 'beta.kubernetes.io/os', ensureSecondaryExists: true },
  { primaryKey: 'kubernetes.io/arch', secondaryKey: 'beta.kubernetes.io/arch', ensureSecondaryExists: true },
];

/** A node labelled with this key is left out of the zone-disruption counts. */
const labelNodeDisruptionExclusion = 'node.kubernetes.io/exclude-disruption';

// scheduler.NodeEvictionPeriod, EvictionRateLimiterBurst, retries of a node health update,
// podUpdateWorkerSize + nodeUpdateWorkerSize are 4 + 8 upstream; one queue here takes the larger.
const nodeEvictionPeriodMs = 100;
const evictionRateLimiterBurst = 1;
const nodeHealthUpdateRetry = 5;
const updateTaintRetries = 5;
const nodeUpdateWorkerSize = 8;

/** What the controller last saw of a node, with the local times it saw it at (nodeHealthData). */
interface NodeHealth {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  status: NonNullable<Node['status']>;
  lease?: Lease;
}

/** The node lifecycle controller, with the state its tests look at. */
export interface NodeLifecycleController extends Controller {
  /** Each zone's state after the last monitor pass (zone keys as getZoneKey makes them). */
  readonly zoneStates: ReadonlyMap<string, ZoneState>;
  /** One pass of the health monitor (monitorNodeHealth). */
  monitorNodeHealth(): Co<void>;
  /** One pass of the rate-limited NoExecute tainting (doNoExecuteTaintingPass). */
  doNoExecuteTaintingPass(): Co<void>;
}

// Models k8s.io/component-helpers/node/topology/helpers.go GetZoneKey
/** The zone a node is in: region and zone joined by ":\0:", '' when it has neither label. */
export function getZoneKey(node: Node): string {
  const labels = node.metadata.labels;
  if (!labels) return '';
  const zone = labels['failure-domain.beta.kubernetes.io/zone'] ?? labels['topology.kubernetes.io/zone'] ?? '';
  const region = labels['failure-domain.beta.kubernetes.io/region'] ?? labels['topology.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

// Models pkg/controller/util/node/controller_utils.go GetNodeCondition
function getNodeCondition(status: Node['status'] | undefined, type: string): NodeCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

// Models pkg/util/taints/taints.go TaintExists (Taint.MatchTaint: same key and effect)
function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => x.key === t.key && x.effect === t.effect);
}

// Models pkg/util/taints/taints.go TaintSetDiff
function taintSetDiff(want: Taint[], have: Taint[]): [Taint[], Taint[]] {
  return [want.filter((t) => !taintExists(have, t)), have.filter((t) => !taintExists(want, t))];
}

/** Whether two conditions are the same (apiequality.Semantic.DeepEqual on NodeCondition). */
function sameCondition(a: NodeCondition | undefined, b: NodeCondition | undefined): boolean {
  if (!a || !b) return a === b;
  const norm = (c: NodeCondition) => [c.type, c.status, c.lastHeartbeatTime ?? null, c.lastTransitionTime ?? null, c.reason ?? '', c.message ?? ''];
  return deepEqual(norm(a) as Json, norm(b) as Json);
}

/** A token bucket that only answers whether a token is there now (flowcontrol's TryAccept over x/time/rate); qps 0 never accepts. */
class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    readonly qps: number,
    private readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = qps > 0 ? burst : 0;
    this.last = nowMs;
  }
  private advance(nowMs: number): void {
    if (this.qps <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.last) / 1000) * this.qps);
    this.last = Math.max(this.last, nowMs);
  }
  tryAccept(nowMs: number): boolean {
    this.advance(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** Ms until a token is there; Infinity for a limiter that never accepts. */
  msUntilToken(nowMs: number): number {
    if (this.qps <= 0) return Infinity;
    this.advance(nowMs);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.qps) * 1000;
  }
}

/** A value to process no earlier than processAt (scheduler.TimedValue). */
interface TimedValue {
  value: string;
  uid: string;
  addedAt: number;
  processAt: number;
  seq: number;
}

// Models pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go RateLimitedTimedQueue
/** A set of node names ordered by processAt, drained no faster than its token bucket allows. */
class RateLimitedTimedQueue {
  private queue: TimedValue[] = [];
  /** Names added and not removed: a processed name stays here so it is not added twice. */
  private readonly set = new Set<string>();
  private seq = 0;
  constructor(private limiter: TokenBucket) {}

  add(value: string, uid: string, nowMs: number): boolean {
    if (this.set.has(value)) return false;
    this.push({ value, uid, addedAt: nowMs, processAt: nowMs, seq: this.seq++ });
    this.set.add(value);
    return true;
  }

  /** Forgets the value: it is no longer processed, and may be added again. */
  remove(value: string): boolean {
    if (!this.set.has(value)) return false;
    this.set.delete(value);
    this.queue = this.queue.filter((v) => v.value !== value);
    return true;
  }

  get size(): number {
    return this.queue.length;
  }

  /** Processes values while tokens last and their time has come; fn answers [done, retry-after ms]. */
  *try(now: () => number, fn: (v: TimedValue) => Co<[boolean, number]>): Co<void> {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (!this.limiter.tryAccept(now())) break;
      const t = now();
      if (t < head.processAt) break;
      const [ok, waitMs] = yield* fn(head);
      if (ok) this.queue = this.queue.filter((v) => v.value !== head.value);
      else if (this.queue.includes(head)) {
        this.queue = this.queue.filter((v) => v !== head);
        this.push({ ...head, processAt: t + waitMs + 1e-6 });
      }
    }
  }

  /** Ms until try could do something, Infinity when it never could. */
  msUntilNext(nowMs: number): number {
    const head = this.queue[0];
    if (!head) return Infinity;
    return Math.max(this.limiter.msUntilToken(nowMs), head.processAt - nowMs);
  }

  /** Replaces the limiter when the rate changes; a drained old bucket drains the new one (burst 1). */
  swapLimiter(qps: number, nowMs: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps > 0 ? qps : 0, evictionRateLimiterBurst, nowMs);
    if (qps > 0 && !this.limiter.tryAccept(nowMs)) next.tryAccept(nowMs);
    this.limiter = next;
  }

  private push(v: TimedValue): void {
    this.queue.push(v);
    this.queue.sort((a, b) => a.processAt - b.processAt || a.seq - b.seq);
  }
}

// Models pkg/controller/nodelifecycle/node_lifecycle_controller.go NewNodeLifecycleController
/** The node lifecycle controller, over the shared node, pod and lease informers. */
export function newNodeLifecycleController(ctx: ControllerContext): NodeLifecycleController {
  const t = ctx.timings;
  const nodeInformer = ctx.informers.informerFor<Node>(nodes);
  const podInformer = ctx.informers.informerFor<Pod>(pods);
  const leaseLister = ctx.informers.informerFor<Lease>(leases).lister;
  const nodeLister = nodeInformer.lister;
  const podLister = podInformer.lister;
  const queue = ctx.newQueue('node_lifecycle_controller');
  const recorder = ctx.recorder('node-controller');
  const now = () => ctx.wallMs();

  const knownNodeSet = new Map<string, Node>();
  const nodeHealthMap = new Map<string, NodeHealth>();
  const zoneNoExecuteTainter = new Map<string, RateLimitedTimedQueue>();
  const zoneStates = new Map<string, ZoneState>();
  const nodesToRetry = new Set<string>();

  nodeInformer.addEventHandler({
    add: (n) => queue.add(n.metadata.name!),
    update: (_, n) => queue.add(n.metadata.name!),
    delete: (n) => void nodesToRetry.delete(n.metadata.name!),
  });
  podInformer.addEventHandler({
    add: (p) => podUpdated(undefined, p),
    update: (old, p) => podUpdated(old, p),
  });
  queue.add(monitorKey);

  // Models node_lifecycle_controller.go podUpdated
  function podUpdated(oldPod: Pod | undefined, newPod: Pod): void {
    const nodeName = newPod.spec?.nodeName ?? '';
    if (nodeName && (!oldPod || nodeName !== (oldPod.spec?.nodeName ?? ''))) queue.add(podKeyPrefix + keyOf(newPod));
  }

  /** Queues the NoExecute tainting pass for when it can next do something (wait.Until's 100 ms ticks, skipped while idle). */
  function scheduleTaintPass(): void {
    let wait = Infinity;
    for (const q of zoneNoExecuteTainter.values()) wait = Math.min(wait, q.msUntilNext(ctx.now()));
    if (wait === Infinity) return;
    queue.addAfter(taintPassKey, Math.max(nodeEvictionPeriodMs, Math.ceil(wait / nodeEvictionPeriodMs) * nodeEvictionPeriodMs));
  }

  // ---- taints on the node, through the API (pkg/controller/controller_utils.go) ----

  // Models pkg/controller/controller_utils.go PatchNodeTaints
  function* patchNodeTaints(name: string, oldNode: Node, newTaints: Taint[]): Co<void> {
    const strip = (n: Node) => {
      if (n.spec && !(n.spec.taints?.length)) delete n.spec.taints;
      return n as unknown as JsonObject;
    };
    const oldNoRV = structuredClone(oldNode);
    delete oldNoRV.metadata.resourceVersion;
    const next = structuredClone(oldNode);
    next.spec = { ...(next.spec ?? {}), taints: newTaints };
    // The resourceVersion stays in the patch: taints have no merge key, so a stale view must conflict.
    const patch = createTwoWayMergePatch(strip(oldNoRV), strip(next), patchSchemaFor('v1', 'Node')!);
    yield* ctx.client.patch(nodes, '', name, smp, patch);
  }

  /** Runs fn again on a 409 Conflict, up to UpdateTaintBackoff's five steps (clientretry.RetryOnConflict). */
  function* retryOnConflict(fn: () => Co<void>): Co<void> {
    for (let i = 1; ; i++) {
      try {
        return yield* fn();
      } catch (e) {
        if (!isConflict(e) || i >= updateTaintRetries) throw e;
      }
    }
  }

  // Models pkg/controller/controller_utils.go AddOrUpdateTaintOnNode (taintutils.AddOrUpdateTaint per taint)
  function* addOrUpdateTaintOnNode(name: string, taints: Taint[]): Co<void> {
    if (taints.length === 0) return;
    yield* retryOnConflict(function* () {
      const old = yield* ctx.client.get<Node>(nodes, '', name);
      let cur = old.spec?.taints ?? [];
      let updated = false;
      for (const taint of taints) {
        const i = cur.findIndex((x) => x.key === taint.key && x.effect === taint.effect);
        if (i >= 0 && deepEqual(cur[i] as unknown as Json, taint as unknown as Json)) continue;
        cur = i >= 0 ? cur.map((x, j) => (j === i ? taint : x)) : [...cur, taint];
        updated = true;
      }
      if (updated) yield* patchNodeTaints(name, old, cur);
    });
  }

  // Models pkg/controller/controller_utils.go RemoveTaintOffNode (taintutils.RemoveTaint per taint)
  function* removeTaintOffNode(name: string, node: Node | undefined, taints: Taint[]): Co<void> {
    if (taints.length === 0) return;
    // Short circuit: the node as we know it has none of them.
    if (node && !taints.some((t) => taintExists(node.spec?.taints, t))) return;
    yield* retryOnConflict(function* () {
      const old = yield* ctx.client.get<Node>(nodes, '', name);
      const cur = (old.spec?.taints ?? []).filter((x) => !taints.some((t) => t.key === x.key && t.effect === x.effect));
      if (cur.length !== (old.spec?.taints ?? []).length) yield* patchNodeTaints(name, old, cur);
    });
  }

  // Models pkg/controller/util/node/controller_utils.go SwapNodeControllerTaint
  function* swapNodeControllerTaint(toAdd: Taint[], toRemove: Taint[], node: Node): Co<boolean> {
    const stamped = toAdd.map((x) => ({ ...x, timeAdded: rfc3339(now()) }));
    const name = node.metadata.name!;
    try {
      yield* addOrUpdateTaintOnNode(name, stamped);
      yield* removeTaintOffNode(name, node, toRemove);
      return true;
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      return false;
    }
  }

  // ---- events ----

  // Models pkg/controller/util/node/controller_utils.go RecordNodeEvent and RecordNodeStatusChange
  function recordNodeEvent(r: EventRecorder, node: Node, reason: string, message: string): void {
    r.event({ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid, namespace: '' }, 'Normal', reason, message);
  }

  // ---- the NoSchedule pass and label reconciliation (node keys) ----

  // Models node_lifecycle_controller.go doNoScheduleTaintingPass
  function* doNoScheduleTaintingPass(nodeName: string): Co<void> {
    const node = nodeLister.get('', nodeName);
    if (!node) return;
    const taints: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = nodeConditionToTaintKeyStatusMap[c.type]?.[c.status];
      if (key) taints.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) taints.push({ key: TaintNodeUnschedulable, effect: 'NoSchedule' });
    const nodeTaints = (node.spec?.taints ?? []).filter((x) => x.effect === 'NoSchedule' && (x.key === TaintNodeUnschedulable || conditionTaintKeys.has(x.key)));
    const [toAdd, toDel] = taintSetDiff(taints, nodeTaints);
    if (toAdd.length === 0 && toDel.length === 0) return;
    if (!(yield* swapNodeControllerTaint(toAdd, toDel, node))) throw new Error(`failed to swap taints of node ${nodeName}`);
  }

  // Models node_lifecycle_controller.go reconcileNodeLabels (controller.AddOrUpdateLabelsOnNode)
  function* reconcileNodeLabels(nodeName: string): Co<void> {
    const node = nodeLister.get('', nodeName);
    const labels = node?.metadata.labels;
    if (!labels) return;
    const toUpdate: Record<string, string> = {};
    for (const r of labelReconcileInfo) {
      const primary = labels[r.primaryKey];
      if (primary === undefined) continue;
      const secondary = labels[r.secondaryKey];
      if ((secondary !== undefined && secondary !== primary) || (secondary === undefined && r.ensureSecondaryExists)) toUpdate[r.secondaryKey] = primary;
    }
    if (Object.keys(toUpdate).length === 0) return;
    yield* retryOnConflict(function* () {
      yield* ctx.client.get<Node>(nodes, '', nodeName);
      yield* ctx.client.patch(nodes, '', nodeName, smp, { metadata: { labels: toUpdate } });
    });
  }

  // ---- pods ----

  // Models pkg/api/v1/pod/util.go UpdatePodCondition for the Ready condition MarkPodsNotReady sets False.
  function* markPodsNotReady(podsOnNode: readonly Pod[], nodeName: string): Co<void> {
    const errs: unknown[] = [];
    for (const p of podsOnNode) {
      if (p.spec?.nodeName !== nodeName) continue;
      const pod = structuredClone(p);
      const cond = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!cond || cond.status === 'False') continue;
      cond.status = 'False';
      cond.lastTransitionTime = rfc3339(now());
      try {
        yield* ctx.client.update(pods, pod.metadata.namespace ?? '', pod, 'status');
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        if (isNotFound(e)) continue;
        errs.push(e);
      }
      // Recorded after the update, so that the pod still exists.
      recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
    if (errs.length) throw errs.length === 1 ? errs[0] : new Error(`[${errs.map(String).join(', ')}]`);
  }

  // Models node_lifecycle_controller.go processPod
  function* processPod(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const pod = podLister.get(ns, name);
    if (!pod) return;
    const nodeName = pod.spec?.nodeName ?? '';
    const health = nodeHealthMap.get(nodeName);
    if (!health) return;
    if (!nodeLister.get('', nodeName)) {
      queue.addRateLimited(podKeyPrefix + key);
      return;
    }
    const ready = getNodeCondition(health.status, 'Ready');
    if (!ready || ready.status === 'True') return;
    try {
      yield* markPodsNotReady([pod], nodeName);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      queue.addRateLimited(podKeyPrefix + key);
    }
  }

  /** The pods on each node, from the pod cache (upstream's spec.nodeName index). */
  function podsByNode(): Map<string, Pod[]> {
    const m = new Map<string, Pod[]>();
    for (const p of podLister.list()) {
      const n = p.spec?.nodeName;
      if (!n) continue;
      let l = m.get(n);
      if (!l) m.set(n, (l = []));
      l.push(p);
    }
    return m;
  }

  // ---- the health monitor ----

  // Models node_lifecycle_controller.go tryUpdateNodeHealth
  function* tryUpdateNodeHealth(node: Node): Co<[NodeCondition, NodeCondition | undefined]> {
    const name = node.metadata.name!;
    const saved = nodeHealthMap.get(name);
    let nodeHealth: NodeHealth | undefined = saved ? structuredClone(saved) : undefined;
    try {
      node.status ??= {};
      const created = timeMs(node.metadata.creationTimestamp);
      let currentReady = getNodeCondition(node.status, 'Ready');
      let observed: NodeCondition;
      let gracePeriod: number;
      if (!currentReady) {
        // Never posted: a fake Unknown condition dated at the node's creation, and the startup grace.
        observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp ?? null, lastTransitionTime: node.metadata.creationTimestamp ?? null };
        gracePeriod = t.nodeStartupGracePeriodMs;
        if (nodeHealth) nodeHealth.status = node.status;
        else nodeHealth = { status: node.status, probeTimestamp: created, readyTransitionTimestamp: created };
      } else {
        observed = { ...currentReady };
        gracePeriod = t.nodeMonitorGracePeriodMs;
      }
      const savedCondition = nodeHealth ? getNodeCondition(nodeHealth.status, 'Ready') : undefined;
      const savedLease = nodeHealth?.lease;
      if (!nodeHealth) {
        nodeHealth = { status: node.status, probeTimestamp: now(), readyTransitionTimestamp: now() };
      } else if ((!savedCondition && currentReady) || (savedCondition && !currentReady)) {
        // First sight of a Ready condition (a restarted controller), or one that went missing.
        nodeHealth = { status: node.status, probeTimestamp: now(), readyTransitionTimestamp: now() };
      } else if (savedCondition && currentReady && (savedCondition.lastHeartbeatTime ?? null) !== (currentReady.lastHeartbeatTime ?? null)) {
        const transitioned = (savedCondition.lastTransitionTime ?? null) !== (currentReady.lastTransitionTime ?? null);
        nodeHealth = { status: node.status, probeTimestamp: now(), readyTransitionTimestamp: transitioned ? now() : nodeHealth.readyTransitionTimestamp };
      }
      // A renewed lease is a heartbeat too, even from a kubelet that never posted status.
      const observedLease = leaseLister.get('kube-node-lease', name);
      if (observedLease && (!savedLease || timeMs(savedLease.spec?.renewTime) < timeMs(observedLease.spec?.renewTime))) {
        nodeHealth.lease = observedLease;
        nodeHealth.probeTimestamp = now();
      }
      if (now() > nodeHealth.probeTimestamp + gracePeriod) {
        markConditionsUnknown(node);
        currentReady = getNodeCondition(node.status, 'Ready');
        if (!sameCondition(currentReady, observed)) {
          yield* ctx.client.update(nodes, '', node, 'status');
          nodeHealth = { status: node.status, probeTimestamp: nodeHealth.probeTimestamp, readyTransitionTimestamp: now(), lease: observedLease };
        }
      }
      return [observed, currentReady];
    } finally {
      if (nodeHealth) nodeHealthMap.set(name, nodeHealth);
    }
  }

  /** Sets the kubelet-owned conditions to Unknown (NetworkUnavailable is the control plane's, so it stays). */
  function markConditionsUnknown(node: Node): void {
    const status = node.status!;
    const ts = rfc3339(now());
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = getNodeCondition(status, type);
      if (!c) {
        status.conditions = [
          ...(status.conditions ?? []),
          { type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp ?? null, lastTransitionTime: ts },
        ];
      } else if (c.status !== 'Unknown') {
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = 'Kubelet stopped posting node status.';
        c.lastTransitionTime = ts;
      }
    }
  }

  // Models node_lifecycle_controller.go monitorNodeHealth (its updateNodeFunc)
  function* updateNodeHealth(listed: Node, zoneToNodeConditions: Map<string, (NodeCondition | undefined)[]>, byNode: Map<string, Pod[]>): Co<void> {
    const name = listed.metadata.name!;
    let node = structuredClone(listed);
    let result: [NodeCondition, NodeCondition | undefined] | undefined;
    for (let i = 0; i < nodeHealthUpdateRetry && !result; i++) {
      try {
        result = yield* tryUpdateNodeHealth(node);
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        try {
          node = yield* ctx.client.get<Node>(nodes, '', name);
        } catch (e2) {
          if (e2 instanceof Cancelled) throw e2;
          return; // probably deleted: no pods will be evicted
        }
      }
    }
    if (!result) return;
    const [observed, current] = result;
    if (!(labelNodeDisruptionExclusion in (node.metadata.labels ?? {}))) {
      const zone = getZoneKey(node);
      zoneToNodeConditions.set(zone, [...(zoneToNodeConditions.get(zone) ?? []), current]);
    }
    if (current) {
      yield* processTaintBaseEviction(node, observed);
      const transitioned = current.status !== 'True' && observed.status === 'True';
      if (transitioned) recordNodeEvent(recorder, node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      if (transitioned || (nodesToRetry.has(name) && observed.status !== 'True')) {
        try {
          yield* markPodsNotReady(byNode.get(name) ?? [], name);
        } catch (e) {
          if (e instanceof Cancelled) throw e;
          nodesToRetry.add(name);
          return;
        }
      }
    }
    nodesToRetry.delete(name);
  }

  // Models node_lifecycle_controller.go processTaintBaseEviction
  function* processTaintBaseEviction(node: Node, observed: NodeCondition): Co<void> {
    const notReady: Taint = { key: TaintNodeNotReady, effect: 'NoExecute' };
    const unreachable: Taint = { key: TaintNodeUnreachable, effect: 'NoExecute' };
    switch (observed.status) {
      case 'False':
        // Already unreachable: swap to not-ready at once, no rate limit.
        if (taintExists(node.spec?.taints, unreachable)) yield* swapNodeControllerTaint([notReady], [unreachable], node);
        else markNodeForTainting(node, 'False');
        break;
      case 'Unknown':
        if (taintExists(node.spec?.taints, notReady)) yield* swapNodeControllerTaint([unreachable], [notReady], node);
        else markNodeForTainting(node, 'Unknown');
        break;
      case 'True':
        yield* markNodeAsReachableSafe(node);
        break;
    }
  }

  /** markNodeAsReachable with its error only logged, as every caller upstream does. */
  function* markNodeAsReachableSafe(node: Node): Co<void> {
    try {
      yield* markNodeAsReachable(node);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
    }
  }

  // Models node_lifecycle_controller.go markNodeForTainting
  function markNodeForTainting(node: Node, status: 'False' | 'Unknown'): boolean {
    const q = zoneNoExecuteTainter.get(getZoneKey(node));
    if (!q) return false;
    const name = node.metadata.name!;
    // A node whose taint is not (or no longer) there is queued afresh, so that it gets it.
    const taint: Taint = { key: status === 'False' ? TaintNodeNotReady : TaintNodeUnreachable, effect: 'NoExecute' };
    if (!taintExists(node.spec?.taints, taint)) q.remove(name);
    const added = q.add(name, node.metadata.uid ?? '', ctx.now());
    scheduleTaintPass();
    return added;
  }

  // Models node_lifecycle_controller.go markNodeAsReachable
  function* markNodeAsReachable(node: Node): Co<boolean> {
    const name = node.metadata.name!;
    yield* removeTaintOffNode(name, node, [{ key: TaintNodeUnreachable, effect: 'NoExecute' }]);
    yield* removeTaintOffNode(name, node, [{ key: TaintNodeNotReady, effect: 'NoExecute' }]);
    return zoneNoExecuteTainter.get(getZoneKey(node))?.remove(name) ?? false;
  }

  // Models node_lifecycle_controller.go addPodEvictorForNewZone
  function addPodEvictorForNewZone(node: Node): void {
    const zone = getZoneKey(node);
    if (zoneStates.has(zone)) return;
    zoneStates.set(zone, 'Initial');
    zoneNoExecuteTainter.set(zone, new RateLimitedTimedQueue(new TokenBucket(t.nodeEvictionRate, evictionRateLimiterBurst, ctx.now())));
  }

  // Models node_lifecycle_controller.go classifyNodes
  function classifyNodes(all: Node[]): { added: Node[]; deleted: Node[]; newZoneRepresentatives: Node[] } {
    const added: Node[] = [];
    const newZoneRepresentatives: Node[] = [];
    for (const n of all) {
      if (!knownNodeSet.has(n.metadata.name!)) added.push(n);
      else if (!zoneStates.has(getZoneKey(n))) newZoneRepresentatives.push(n);
    }
    const names = new Set(all.map((n) => n.metadata.name!));
    const deleted = [...knownNodeSet.values()].filter((n) => !names.has(n.metadata.name!));
    return { added, deleted, newZoneRepresentatives };
  }

  // Models node_lifecycle_controller.go ComputeZoneState (the thresholds compared in float32, as Go does)
  function computeZoneState(conds: (NodeCondition | undefined)[]): ZoneState {
    const ready = conds.filter((c) => c?.status === 'True').length;
    const notReady = conds.length - ready;
    if (ready === 0 && notReady > 0) return 'FullDisruption';
    if (notReady > 2 && Math.fround(Math.fround(notReady) / Math.fround(notReady + ready)) >= Math.fround(t.unhealthyZoneThreshold)) return 'PartialDisruption';
    return 'Normal';
  }

  // Models node_lifecycle_controller.go setLimiterInZone (ReducedQPSFunc, HealthyQPSFunc)
  function setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const q = zoneNoExecuteTainter.get(zone);
    if (!q) return;
    if (state === 'Normal' || state === 'FullDisruption') q.swapLimiter(t.nodeEvictionRate, ctx.now());
    else if (state === 'PartialDisruption') q.swapLimiter(zoneSize > t.largeClusterSizeThreshold ? t.secondaryNodeEvictionRate : 0, ctx.now());
  }

  // Models node_lifecycle_controller.go handleDisruption
  function* handleDisruption(zoneToNodeConditions: Map<string, (NodeCondition | undefined)[]>, all: Node[]): Co<void> {
    const newZoneStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conds] of zoneToNodeConditions) {
      const state = computeZoneState(conds);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newZoneStates.set(zone, state);
      if (!zoneStates.has(zone)) zoneStates.set(zone, 'Initial');
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of zoneStates) {
      if (!zoneToNodeConditions.has(zone)) {
        zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    if (allAreFullyDisrupted) {
      // Every node is unreachable: the control plane is the likelier culprit, so stop evicting.
      for (const n of all) yield* markNodeAsReachableSafe(n);
      for (const zone of zoneStates.keys()) zoneNoExecuteTainter.get(zone)?.swapLimiter(0, ctx.now());
      for (const zone of zoneStates.keys()) zoneStates.set(zone, 'FullDisruption');
      return;
    }
    if (allWasFullyDisrupted) {
      // Leaving full disruption: every node gets a fresh grace period before it is judged again.
      for (const n of all) {
        const h = nodeHealthMap.get(n.metadata.name!);
        if (!h) continue;
        h.probeTimestamp = now();
        h.readyTransitionTimestamp = now();
      }
      for (const zone of zoneStates.keys()) {
        setLimiterInZone(zone, zoneToNodeConditions.get(zone)?.length ?? 0, newZoneStates.get(zone)!);
        zoneStates.set(zone, newZoneStates.get(zone)!);
      }
      scheduleTaintPass();
      return;
    }
    for (const [zone, state] of zoneStates) {
      const next = newZoneStates.get(zone)!;
      if (state === next) continue;
      setLimiterInZone(zone, zoneToNodeConditions.get(zone)?.length ?? 0, next);
      zoneStates.set(zone, next);
    }
    scheduleTaintPass();
  }

  // Models node_lifecycle_controller.go monitorNodeHealth
  function* monitorNodeHealth(): Co<void> {
    const all = nodeLister.list();
    const { added, deleted, newZoneRepresentatives } = classifyNodes(all);
    for (const n of newZoneRepresentatives) addPodEvictorForNewZone(n);
    for (const n of added) {
      recordNodeEvent(recorder, n, 'RegisteredNode', `Node ${n.metadata.name} event: Registered Node ${n.metadata.name} in Controller`);
      knownNodeSet.set(n.metadata.name!, n);
      addPodEvictorForNewZone(n);
      yield* markNodeAsReachableSafe(n);
    }
    for (const n of deleted) {
      recordNodeEvent(recorder, n, 'RemovingNode', `Node ${n.metadata.name} event: Removing Node ${n.metadata.name} from Controller`);
      knownNodeSet.delete(n.metadata.name!);
    }
    const zoneToNodeConditions = new Map<string, (NodeCondition | undefined)[]>();
    const byNode = podsByNode();
    // Marking pods not ready is one call per pod, so nodes are worked on side by side (ParallelizeUntil).
    let next = 0;
    const piece = function* (): Co<void> {
      while (next < all.length) yield* updateNodeHealth(all[next++], zoneToNodeConditions, byNode);
    };
    const outcomes = yield* settleAll(Array.from({ length: Math.min(nodeUpdateWorkerSize, all.length) }, piece));
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) throw failed.error;
    yield* handleDisruption(zoneToNodeConditions, all);
  }

  // Models node_lifecycle_controller.go doNoExecuteTaintingPass
  function* doNoExecuteTaintingPass(): Co<void> {
    for (const q of [...zoneNoExecuteTainter.values()]) {
      yield* q.try(ctx.now, function* (v): Co<[boolean, number]> {
        const node = nodeLister.get('', v.value);
        if (!node) return [true, 0];
        const ready = getNodeCondition(node.status, 'Ready');
        if (!ready) return [false, 50];
        // not-ready and unreachable are exclusive, as the Ready condition's False and Unknown are.
        let toAdd: Taint;
        let opposite: Taint;
        if (ready.status === 'False') [toAdd, opposite] = [{ key: TaintNodeNotReady, effect: 'NoExecute' }, { key: TaintNodeUnreachable, effect: 'NoExecute' }];
        else if (ready.status === 'Unknown') [toAdd, opposite] = [{ key: TaintNodeUnreachable, effect: 'NoExecute' }, { key: TaintNodeNotReady, effect: 'NoExecute' }];
        else return [true, 0];
        return [yield* swapNodeControllerTaint([toAdd], [opposite], node), 0];
      });
    }
  }

  /** A periodic pass, queued again after it ran whatever happened (wait.UntilWithContext, sliding). */
  function* periodic(pass: () => Co<void>, reschedule: () => void): Co<void> {
    try {
      yield* pass();
    } catch (e) {
      if (e instanceof Cancelled) throw e;
    } finally {
      reschedule();
    }
  }

  return {
    name: 'nodelifecycle',
    workers: nodeUpdateWorkerSize,
    queue,
    zoneStates,
    monitorNodeHealth,
    doNoExecuteTaintingPass,
    *sync(key: string): Co<void> {
      if (key === monitorKey) return yield* periodic(monitorNodeHealth, () => queue.addAfter(monitorKey, t.nodeMonitorPeriodMs));
      if (key === taintPassKey) return yield* periodic(doNoExecuteTaintingPass, scheduleTaintPass);
      if (key.startsWith(podKeyPrefix)) return yield* processPod(key.slice(podKeyPrefix.length));
      // Node keys are not retried upstream either: the next update of the node brings them back.
      for (const pass of [doNoScheduleTaintingPass, reconcileNodeLabels]) {
        try {
          yield* pass(key);
        } catch (e) {
          if (e instanceof Cancelled) throw e;
        }
      }
    },
  };
}
