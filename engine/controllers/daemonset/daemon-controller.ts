// The DaemonSet controller (pkg/controller/daemon/daemon_controller.go): one pod per eligible node.
// A node is eligible when the pod a DaemonSet would put there fits it as the scheduler sees it
// (node name, node affinity and selector, taints against the pod's tolerations plus the daemon
// tolerations); pods are created pinned to their node by a `metadata.name` node affinity and bound
// by the default scheduler. Each sync keeps the history of templates as ControllerRevisions,
// creates and deletes pods (burst of 250, slow start), rolls updates (update.ts) and writes status.

import type { ControllerRevision, DaemonSet, Node, Pod, Taint } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/labels';
import { isNotFound, res } from '../../client/clientset';
import type { EventRecorder } from '../../client/events';
import { keyOf, splitKey, type Lister } from '../../client/store';
import type { Co } from '../../sim/co';
import { findMatchingUntoleratedTaint } from '../../scheduler/framework/corev1';
import { getRequiredNodeAffinity } from '../../scheduler/framework/nodeaffinity';
import type { Controller, ControllerContext } from '../controller';
import { History } from '../history';
import { ControllerExpectations } from '../util/expectations';
import { Aggregate, freshControllerCheck, PodControllerRefManager } from '../util/controller-ref';
import { errorText, getControllerOf, hasStatusCause, namespaceTerminatingCause, newControllerRef, RealPodControl } from '../util/pod-control';
import { isPodAvailable, isPodReady, timeMs } from '../util/pods';
import { settleAll } from '../util/slow-start';
import { addOrUpdateDaemonPodTolerations, allowsSurge, createPodTemplate, defaultDaemonSetUniqueLabelKey, getTargetNodeName, getTemplateGeneration, isPodUpdated, replaceDaemonSetPodNodeNameNodeAffinity } from './util';
import { cleanupHistory, constructHistory, rollingUpdate } from './update';

const daemonSets = res('apps', 'daemonsets');
const pods = res('', 'pods');
const nodes = res('', 'nodes');
const controllerRevisions = res('apps', 'controllerrevisions');

/** BurstReplicas: at most this many creates and deletes per sync. */
export const burstReplicas = 250;
/** StatusUpdateRetries. */
const statusUpdateRetries = 1;
/** --concurrent-daemonset-syncs default. */
const concurrentDaemonSetSyncs = 2;
/** The failed-pods backoff kube-controller-manager builds (flowcontrol.NewBackOff(1 s, 15 min)). */
const failedPodsBackoffInitialMs = 1000;
const failedPodsBackoffMaxMs = 15 * 60_000;

// Models k8s.io/client-go/util/flowcontrol/backoff.go Backoff (without jitter, as the controller builds it).
/** Per-key exponential backoff: doubles from its initial delay, forgotten after twice its maximum without use. */
export class Backoff {
  private readonly entries = new Map<string, { backoff: number; lastUpdate: number }>();
  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }
  next(id: string, now: number): void {
    const e = this.entries.get(id);
    if (!e || now - e.lastUpdate > this.maxMs * 2) this.entries.set(id, { backoff: this.initialMs, lastUpdate: now });
    else this.entries.set(id, { backoff: Math.min(e.backoff * 2, this.maxMs), lastUpdate: now });
  }
  isInBackOffSinceUpdate(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || now - e.lastUpdate > this.maxMs * 2) return false;
    return now - e.lastUpdate < e.backoff;
  }
}

// Models pkg/controller/daemon/daemon_controller.go NewPod.
/** The pod a DaemonSet would run on `nodeName`: its template, the node name, the daemon tolerations. */
export function newDaemonPod(ds: DaemonSet, nodeName: string): Pod {
  const spec = structuredClone(ds.spec?.template?.spec ?? { containers: [] });
  spec.nodeName = nodeName;
  addOrUpdateDaemonPodTolerations(spec);
  return { metadata: { ...structuredClone(ds.spec?.template?.metadata ?? {}), namespace: ds.metadata.namespace }, spec };
}

// Models pkg/controller/daemon/daemon_controller.go predicates.
function predicates(pod: Pod, node: Node, taints: readonly Taint[]): { fitsNodeName: boolean; fitsNodeAffinity: boolean; fitsTaints: boolean } {
  const fitsNodeName = !pod.spec?.nodeName || pod.spec.nodeName === node.metadata.name;
  // Parse errors count as no match, as upstream ignores them.
  const fitsNodeAffinity = getRequiredNodeAffinity(pod).match(node).match;
  const fitsTaints = !findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  return { fitsNodeName, fitsNodeAffinity, fitsTaints };
}

// Models pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod.
/**
 * Whether a daemon pod should start on the node (shouldRun), and whether one already there may stay
 * (shouldContinueRunning: only NoExecute taints it does not tolerate evict it).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const pod = newDaemonPod(ds, node.metadata.name!);
  const tmplNode = ds.spec?.template?.spec?.nodeName;
  if (tmplNode && tmplNode !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const { fitsNodeName, fitsNodeAffinity, fitsTaints } = predicates(pod, node, taints);
  if (!fitsNodeName || !fitsNodeAffinity) return { shouldRun: false, shouldContinueRunning: false };
  if (!fitsTaints) {
    const untoleratedNoExecute = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: !untoleratedNoExecute };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

// Models pkg/controller/daemon/daemon_controller.go podByCreationTimestampAndPhase.
/** Scheduled pods first, then oldest first, then by name. */
export function podByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an && !bn) return -1;
  if (!an && bn) return 1;
  const ta = timeMs(a.metadata.creationTimestamp);
  const tb = timeMs(b.metadata.creationTimestamp);
  if (ta === tb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  return ta - tb;
}

const isPodTerminal = (p: Pod) => p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';

// Models pkg/controller/daemon/daemon_controller.go DaemonSetsController.
/** The DaemonSet controller's state and steps; update.ts holds the rolling update and history. */
export class DaemonSetsController {
  readonly queue;
  readonly recorder: EventRecorder;
  readonly podControl: RealPodControl;
  readonly expectations: ControllerExpectations;
  readonly failedPodsBackoff = new Backoff(failedPodsBackoffInitialMs, failedPodsBackoffMaxMs);
  readonly dsLister: Lister<DaemonSet>;
  readonly podLister: Lister<Pod>;
  readonly nodeLister: Lister<Node>;
  readonly historyLister: Lister<ControllerRevision>;
  readonly history: History;

  constructor(readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue('daemonset');
    this.recorder = ctx.recorder('daemonset-controller');
    this.podControl = new RealPodControl(ctx.client, this.recorder);
    this.expectations = new ControllerExpectations(() => ctx.now());
    const dsInf = ctx.informers.informerFor<DaemonSet>(daemonSets);
    const podInf = ctx.informers.informerFor<Pod>(pods);
    const nodeInf = ctx.informers.informerFor<Node>(nodes);
    const histInf = ctx.informers.informerFor<ControllerRevision>(controllerRevisions);
    this.dsLister = dsInf.lister;
    this.podLister = podInf.lister;
    this.nodeLister = nodeInf.lister;
    this.historyLister = histInf.lister;
    this.history = new History(ctx.client, this.historyLister);
    dsInf.addEventHandler({
      add: (ds) => this.enqueue(ds),
      update: (old, cur) => {
        if (old.metadata.uid !== cur.metadata.uid) this.expectations.deleteExpectations(keyOf(old));
        this.enqueue(cur);
      },
      delete: (ds) => {
        this.expectations.deleteExpectations(keyOf(ds));
        this.queue.add(keyOf(ds));
      },
    });
    histInf.addEventHandler({ add: (h) => this.addHistory(h), update: (o, c) => this.updateHistory(o, c), delete: (h) => this.deleteHistory(h) });
    podInf.addEventHandler({ add: (p) => this.addPod(p), update: (o, c) => this.updatePod(o, c), delete: (p) => this.deletePod(p) });
    nodeInf.addEventHandler({ add: (n) => this.addNode(n), update: (o, c) => this.updateNode(o, c) });
  }

  /** Wall ms now (the failed-pods backoff clock). */
  now(): number {
    return this.ctx.wallMs();
  }

  enqueue(ds: DaemonSet): void {
    this.queue.add(keyOf(ds));
  }

  enqueueAfter(ds: DaemonSet, ms: number): void {
    this.queue.addAfter(keyOf(ds), ms);
  }

  private resolveControllerRef(namespace: string, ref: { kind: string; name: string; uid: string }): DaemonSet | undefined {
    if (ref.kind !== 'DaemonSet') return undefined;
    const ds = this.dsLister.get(namespace, ref.name);
    return ds && ds.metadata.uid === ref.uid ? ds : undefined;
  }

  // Models the DaemonSetLister's GetPodDaemonSets and GetHistoryDaemonSets: DaemonSets whose selector matches.
  private daemonSetsSelecting(namespace: string, labels: Record<string, string> | undefined): DaemonSet[] {
    if (!labels || Object.keys(labels).length === 0) return [];
    return this.dsLister.list(namespace).filter((ds) => {
      try {
        const sel = labelSelectorAsSelector(ds.spec?.selector);
        return !sel.empty() && sel.matches(labels);
      } catch {
        return false;
      }
    });
  }

  private addHistory(h: ControllerRevision): void {
    if (h.metadata.deletionTimestamp) return this.deleteHistory(h);
    const ref = getControllerOf(h);
    if (ref) return;
    for (const ds of this.daemonSetsSelecting(h.metadata.namespace ?? '', h.metadata.labels)) this.enqueue(ds);
  }

  private updateHistory(old: ControllerRevision, cur: ControllerRevision): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const changed = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (changed && oldRef) {
      const ds = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (ds) this.enqueue(ds);
    }
    if (curRef) {
      const ds = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (ds) this.enqueue(ds);
      return;
    }
    if (changed || JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {})) {
      for (const ds of this.daemonSetsSelecting(cur.metadata.namespace ?? '', cur.metadata.labels)) this.enqueue(ds);
    }
  }

  private deleteHistory(h: ControllerRevision): void {
    const ref = getControllerOf(h);
    const ds = ref && this.resolveControllerRef(h.metadata.namespace ?? '', ref);
    if (ds) this.enqueue(ds);
  }

  // Models daemon_controller.go addPod.
  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const ref = getControllerOf(pod);
    if (ref) {
      const ds = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!ds) return;
      this.expectations.creationObserved(keyOf(ds));
      this.enqueue(ds);
      return;
    }
    for (const ds of this.daemonSetsSelecting(pod.metadata.namespace ?? '', pod.metadata.labels)) this.enqueue(ds);
  }

  // Models daemon_controller.go updatePod.
  private updatePod(old: Pod, cur: Pod): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    if (cur.metadata.deletionTimestamp) return this.deletePod(cur);
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const changed = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (changed && oldRef) {
      const ds = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (ds) this.enqueue(ds);
    }
    if (curRef) {
      const ds = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (!ds) return;
      this.enqueue(ds);
      const minReady = ds.spec?.minReadySeconds ?? 0;
      // A second more than minReadySeconds, against millisecond skew in AddAfter (kubernetes#39785).
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.enqueueAfter(ds, minReady * 1000 + 1000);
      return;
    }
    const dss = this.daemonSetsSelecting(cur.metadata.namespace ?? '', cur.metadata.labels);
    if (changed || JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {})) for (const ds of dss) this.enqueue(ds);
  }

  // Models daemon_controller.go deletePod.
  private deletePod(pod: Pod): void {
    const ref = getControllerOf(pod);
    const ds = ref && this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!ds) return;
    this.expectations.deletionObserved(keyOf(ds));
    this.enqueue(ds);
  }

  private addNode(node: Node): void {
    for (const ds of this.dsLister.list()) if (nodeShouldRunDaemonPod(node, ds).shouldRun) this.enqueue(ds);
  }

  // Models daemon_controller.go updateNode: only labels and taints change whether a node should run a pod.
  private updateNode(old: Node, cur: Node): void {
    if (JSON.stringify(old.metadata.labels ?? {}) === JSON.stringify(cur.metadata.labels ?? {}) && JSON.stringify(old.spec?.taints ?? []) === JSON.stringify(cur.spec?.taints ?? [])) return;
    for (const ds of this.dsLister.list()) {
      const a = nodeShouldRunDaemonPod(old, ds);
      const b = nodeShouldRunDaemonPod(cur, ds);
      if (a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning) this.enqueue(ds);
    }
  }

  // Models daemon_controller.go getDaemonPods.
  *getDaemonPods(ds: DaemonSet): Co<Pod[]> {
    const selector = labelSelectorAsSelector(ds.spec?.selector);
    const all = this.podLister.list(ds.metadata.namespace ?? '');
    const client = this.ctx.client;
    const cm = new PodControllerRefManager(this.podControl, ds, selector, { apiVersion: 'apps/v1', kind: 'DaemonSet' }, freshControllerCheck(() => client.get(daemonSets, ds.metadata.namespace ?? '', ds.metadata.name!), ds, 'DaemonSet'));
    return yield* cm.claimPods(all);
  }

  // Models daemon_controller.go getNodesToDaemonPods.
  /** The DaemonSet's pods by the node they are for; terminal pods being deleted left out unless asked for. */
  *getNodesToDaemonPods(ds: DaemonSet, includeDeletedTerminal: boolean): Co<Map<string, Pod[]>> {
    const claimed = yield* this.getDaemonPods(ds);
    const out = new Map<string, Pod[]>();
    for (const pod of claimed) {
      if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata.deletionTimestamp) continue;
      let nodeName: string;
      try {
        nodeName = getTargetNodeName(pod);
      } catch {
        continue;
      }
      out.set(nodeName, [...(out.get(nodeName) ?? []), pod]);
    }
    return out;
  }

  // Models daemon_controller.go podsShouldBeOnNode.
  /** On one node: whether a pod must be created there, and which pods must go. */
  podsShouldBeOnNode(node: Node, nodeToDaemonPods: Map<string, Pod[]>, ds: DaemonSet, hash: string): { nodesNeedingDaemonPods: string[]; podsToDelete: string[] } {
    const nodesNeedingDaemonPods: string[] = [];
    const podsToDelete: string[] = [];
    const nodeName = node.metadata.name!;
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const daemonPods = nodeToDaemonPods.get(nodeName);
    const exists = daemonPods !== undefined;
    if (shouldRun && !exists) {
      nodesNeedingDaemonPods.push(nodeName);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of daemonPods ?? []) {
        if (pod.metadata.deletionTimestamp) continue;
        if (pod.status?.phase === 'Failed') {
          // The DaemonSet and a kubelet that rejects its pod can fight in a hot loop: back off.
          const backoffKey = `${ds.metadata.uid}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
          const now = this.now();
          if (this.failedPodsBackoff.isInBackOffSinceUpdate(backoffKey, now)) {
            this.enqueueAfter(ds, this.failedPodsBackoff.get(backoffKey));
            continue;
          }
          this.failedPodsBackoff.next(backoffKey, now);
          this.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`);
          podsToDelete.push(pod.metadata.name!);
        } else if (pod.status?.phase === 'Succeeded') {
          this.recorder.event(ds, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to delete it`);
          podsToDelete.push(pod.metadata.name!);
        } else running.push(pod);
      }
      if (!allowsSurge(ds)) {
        // Without surge, keep only the oldest running pod.
        if (running.length > 1) {
          running.sort(podByCreationTimestampAndPhase);
          for (let i = 1; i < running.length; i++) podsToDelete.push(running[i]!.metadata.name!);
        }
      } else if (running.length <= 1) {
        // Surging keeps at least one pod that is not being deleted on the node.
        if (running.length === 0 && shouldRun) nodesNeedingDaemonPods.push(nodeName);
      } else {
        // With surge, two pods may stay: the oldest of the current hash while it is not ready, and the oldest old one while it is.
        let oldestNew: Pod | undefined;
        let oldestOld: Pod | undefined;
        running.sort(podByCreationTimestampAndPhase);
        for (const pod of running) {
          if (pod.metadata.labels?.[defaultDaemonSetUniqueLabelKey] === hash) {
            if (!oldestNew) {
              oldestNew = pod;
              continue;
            }
          } else if (!oldestOld) {
            oldestOld = pod;
            continue;
          }
          podsToDelete.push(pod.metadata.name!);
        }
        if (oldestNew && oldestOld) {
          if (!isPodReady(oldestOld)) podsToDelete.push(oldestOld.metadata.name!);
          else if (isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, this.now())) podsToDelete.push(oldestOld.metadata.name!);
        }
      }
    } else if (exists) {
      // The node should not run the pod: every one there goes.
      for (const pod of daemonPods) if (!pod.metadata.deletionTimestamp) podsToDelete.push(pod.metadata.name!);
    }
    return { nodesNeedingDaemonPods, podsToDelete };
  }

  // Models daemon_controller.go manage.
  *manage(ds: DaemonSet, nodeList: readonly Node[], hash: string): Co<void> {
    let nodeToDaemonPods: Map<string, Pod[]>;
    try {
      nodeToDaemonPods = yield* this.getNodesToDaemonPods(ds, false);
    } catch (e) {
      throw new Error(`couldn't get node to daemon pod mapping for daemon set ${JSON.stringify(ds.metadata.name)}: ${errorText(e)}`);
    }
    const nodesNeeding: string[] = [];
    const toDelete: string[] = [];
    for (const node of nodeList) {
      const r = this.podsShouldBeOnNode(node, nodeToDaemonPods, ds, hash);
      nodesNeeding.push(...r.nodesNeedingDaemonPods);
      toDelete.push(...r.podsToDelete);
    }
    // Pods the scheduler never bound whose node is gone: no one else (not PodGC) deletes them.
    const running = new Set(nodeList.map((n) => n.metadata.name));
    for (const [n, list] of nodeToDaemonPods) if (!running.has(n)) for (const p of list) if (!p.spec?.nodeName) toDelete.push(p.metadata.name!);
    yield* this.syncNodes(ds, toDelete, nodesNeeding, hash);
  }

  // Models daemon_controller.go syncNodes.
  /** Deletes the pods and creates one on each node, at most burstReplicas of each, creations in slow start. */
  *syncNodes(ds: DaemonSet, podsToDelete: readonly string[], nodesNeedingDaemonPods: readonly string[], hash: string): Co<void> {
    const dsKey = keyOf(ds);
    const createDiff = Math.min(nodesNeedingDaemonPods.length, burstReplicas);
    const deleteDiff = Math.min(podsToDelete.length, burstReplicas);
    this.expectations.setExpectations(dsKey, createDiff, deleteDiff);
    const errors: unknown[] = [];
    let generation: number | null;
    try {
      generation = getTemplateGeneration(ds);
    } catch {
      generation = null;
    }
    const template = createPodTemplate(ds.spec!.template, generation, hash);
    const controllerRef = newControllerRef(ds, 'apps/v1', 'DaemonSet');
    for (let pos = 0, batchSize = Math.min(createDiff, 1); createDiff > pos; pos += batchSize, batchSize = Math.min(2 * batchSize, createDiff - pos)) {
      const errorCount = errors.length;
      yield* settleAll(
        nodesNeedingDaemonPods.slice(pos, pos + batchSize).map((nodeName) => {
          const self = this;
          return (function* () {
            const podTemplate = structuredClone(template);
            // The default scheduler binds the pod to its node: no affinity of the template can conflict with that.
            podTemplate.spec = { ...podTemplate.spec!, affinity: replaceDaemonSetPodNodeNameNodeAffinity(podTemplate.spec!.affinity, nodeName) };
            try {
              yield* self.podControl.createPods(ds.metadata.namespace ?? '', podTemplate, ds, controllerRef);
            } catch (e) {
              if (hasStatusCause(e, namespaceTerminatingCause)) return;
              self.expectations.creationObserved(dsKey);
              errors.push(e);
            }
          })();
        }),
      );
      const skipped = createDiff - (batchSize + pos);
      if (errorCount < errors.length && skipped > 0) {
        this.expectations.lowerExpectations(dsKey, skipped, 0);
        break;
      }
    }
    yield* settleAll(
      podsToDelete.slice(0, deleteDiff).map((name) => {
        const self = this;
        return (function* () {
          try {
            yield* self.podControl.deletePod(ds.metadata.namespace ?? '', name, ds);
          } catch (e) {
            self.expectations.deletionObserved(dsKey);
            if (!isNotFound(e)) errors.push(e);
          }
        })();
      }),
    );
    if (errors.length) throw new Aggregate(errors);
  }

  // Models daemon_controller.go updateDaemonSet.
  *updateDaemonSet(ds: DaemonSet, nodeList: readonly Node[], hash: string, key: string, old: ControllerRevision[]): Co<void> {
    yield* this.manage(ds, nodeList, hash);
    if (this.expectations.satisfiedExpectations(key) && ds.spec?.updateStrategy?.type === 'RollingUpdate') yield* rollingUpdate(this, ds, nodeList, hash);
    try {
      yield* cleanupHistory(this, ds, old);
    } catch (e) {
      throw new Error(`failed to clean up revisions of DaemonSet: ${errorText(e)}`);
    }
  }

  // Models daemon_controller.go updateDaemonSetStatus.
  *updateDaemonSetStatus(ds: DaemonSet, nodeList: readonly Node[], hash: string, updateObservedGen: boolean): Co<void> {
    let nodeToDaemonPods: Map<string, Pod[]>;
    try {
      nodeToDaemonPods = yield* this.getNodesToDaemonPods(ds, false);
    } catch (e) {
      throw new Error(`couldn't get node to daemon pod mapping for daemon set ${JSON.stringify(ds.metadata.name)}: ${errorText(e)}`);
    }
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    const now = this.now();
    let generation: number | null;
    try {
      generation = getTemplateGeneration(ds);
    } catch {
      generation = null;
    }
    for (const node of nodeList) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const podsOnNode = nodeToDaemonPods.get(node.metadata.name!) ?? [];
      const scheduled = podsOnNode.length > 0;
      if (!shouldRun) {
        if (scheduled) misscheduled++;
        continue;
      }
      desired++;
      if (!scheduled) continue;
      current++;
      // The oldest pod on the node is the one that counts.
      const pod = [...podsOnNode].sort(podByCreationTimestampAndPhase)[0]!;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now)) available++;
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    try {
      yield* this.storeDaemonSetStatus(ds, { desiredNumberScheduled: desired, currentNumberScheduled: current, numberMisscheduled: misscheduled, numberReady: ready, updatedNumberScheduled: updated, numberAvailable: available, numberUnavailable: desired - available }, updateObservedGen);
    } catch (e) {
      throw new Error(`error storing status for daemon set ${ds.metadata.namespace}/${ds.metadata.name}: ${errorText(e)}`);
    }
    // Resync after minReadySeconds, a last defence against clock skew.
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && ready !== available) this.enqueueAfter(ds, minReady * 1000);
  }

  // Models daemon_controller.go storeDaemonSetStatus.
  private *storeDaemonSetStatus(ds: DaemonSet, counts: Record<'desiredNumberScheduled' | 'currentNumberScheduled' | 'numberMisscheduled' | 'numberReady' | 'updatedNumberScheduled' | 'numberAvailable' | 'numberUnavailable', number>, updateObservedGen: boolean): Co<void> {
    const s = ds.status;
    const same = (Object.keys(counts) as (keyof typeof counts)[]).every((k) => (s?.[k] ?? 0) === counts[k]);
    if (same && (s?.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)) return;
    let toUpdate = structuredClone(ds);
    for (let i = 0; ; i++) {
      const st = { ...(toUpdate.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }), ...counts };
      if (updateObservedGen) st.observedGeneration = ds.metadata.generation;
      toUpdate.status = wireStatus(st);
      try {
        yield* this.ctx.client.update(daemonSets, ds.metadata.namespace ?? '', toUpdate, 'status');
        return;
      } catch (e) {
        // Past the retries the DaemonSet is requeued rate limited.
        if (i >= statusUpdateRetries) throw e;
        toUpdate = yield* this.ctx.client.get<DaemonSet>(daemonSets, ds.metadata.namespace ?? '', ds.metadata.name!);
      }
    }
  }

  // Models daemon_controller.go syncDaemonSet.
  *syncDaemonSet(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const ds = this.dsLister.get(ns, name);
    if (!ds) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const nodeList = this.nodeLister.list();
    const sel = ds.spec?.selector;
    if (sel && Object.keys(sel).length === 0) {
      this.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    // Being deleted: its history may already be gone, so its status cannot be computed.
    if (ds.metadata.deletionTimestamp) return;
    let cur: ControllerRevision;
    let old: ControllerRevision[];
    try {
      ({ cur, old } = yield* constructHistory(this, ds));
    } catch (e) {
      throw new Error(`failed to construct revisions of DaemonSet: ${errorText(e)}`);
    }
    const hash = cur.metadata.labels?.[defaultDaemonSetUniqueLabelKey] ?? '';
    if (!this.expectations.satisfiedExpectations(key)) {
      // Only status; observedGeneration stays, as this generation was not acted on.
      yield* this.updateDaemonSetStatus(ds, nodeList, hash, false);
      return;
    }
    let err: unknown;
    try {
      yield* this.updateDaemonSet(ds, nodeList, hash, key, old);
    } catch (e) {
      err = e;
    }
    let statusErr: unknown;
    try {
      yield* this.updateDaemonSetStatus(ds, nodeList, hash, true);
    } catch (e) {
      statusErr = e;
    }
    if (err !== undefined) throw err;
    if (statusErr !== undefined) throw statusErr;
  }
}

/** Go's omitempty on DaemonSetStatus's optional counters. */
function wireStatus<T extends Record<string, unknown>>(s: T): T {
  const out: Record<string, unknown> = { ...s };
  for (const k of ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']) if (!out[k]) delete out[k];
  if (Array.isArray(out.conditions) && out.conditions.length === 0) delete out.conditions;
  return out as T;
}

// Models pkg/controller/daemon/daemon_controller.go NewDaemonSetsController.
/** The DaemonSet controller; its internals are exposed as upstream's tests reach into them. */
export function newDaemonSetsController(ctx: ControllerContext): Controller & { dsc: DaemonSetsController } {
  const dsc = new DaemonSetsController(ctx);
  return { name: 'daemonset', workers: concurrentDaemonSetSyncs, queue: dsc.queue, sync: (key) => dsc.syncDaemonSet(key), dsc };
}
