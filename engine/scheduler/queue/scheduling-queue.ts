// The scheduling queue: activeQ, podBackoffQ and unschedulablePods, and the rules that move pods
// between them. Pure: every method that reads the clock takes `now` (simulated ms); the scheduler
// process calls flushBackoffQCompleted every 1 s and flushUnschedulablePodsLeftover every 30 s
// from its timers, as PriorityQueue.Run does with goroutines upstream.

import { type Labels, labelsEqual } from '../../api/labels';
import type { Pod } from '../../api/types/core';
import { deepEqual } from '../../api/validation/util';
import { ActiveQueue } from './active-queue';
import {
  ActionType,
  type ClusterEvent,
  eventLabel,
  eventMatches,
  Events,
  isWildCard,
  podSchedulingPropertiesChange,
  QueueEventLabel,
  type QueueingHint,
  type QueueingHintRegistration,
} from './events';
import { type NominatingInfo, PodInfo, type PodNominator, type PreEnqueuePlugin, Status } from '../framework';
import { KeyedHeap } from './heap';
import { Nominator, type PodLister, type PodRef } from './nominator';
import { kObj, newQueuedPodInfo, podKey, podUID, type QueuedPodInfo, queuedPodInfoForLookup } from './queued-pod-info';
import { requiredAffinityTermsMatch } from './affinity';
import { UnschedulablePods } from './unschedulable-pods';

/** DefaultPodInitialBackoffDuration: the first backoff after a failed attempt (ms). */
export const DefaultPodInitialBackoffMs = 1_000;
/** DefaultPodMaxBackoffDuration: backoff doubles per attempt up to this (ms). */
export const DefaultPodMaxBackoffMs = 10_000;
/** DefaultPodMaxInUnschedulablePodsDuration: a pod left this long in unschedulablePods is retried anyway (ms). */
export const DefaultPodMaxInUnschedulablePodsMs = 5 * 60_000;
/** How often upstream's Run flushes completed backoffs (ms); the process's timer should match. */
export const BackoffQFlushIntervalMs = 1_000;
/** How often upstream's Run flushes the unschedulable leftovers (ms); the process's timer should match. */
export const UnschedulablePodsFlushIntervalMs = 30_000;

/** The default profile's name: the schedulerName of pods that name none. */
export const DefaultSchedulerName = 'default-scheduler';

/** The queue's names for its sub-queues, as its logs call them. */
export type QueueName = 'Active' | 'Backoff' | 'Unschedulable';

/** LessFunc: the profile's QueueSort order (PrioritySort: higher priority first, then earlier timestamp). */
export type LessFunc = (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;

/** PreEnqueueCheck: a caller's filter on which unschedulable pods an event may move (used when hints are off). */
export type PreEnqueueCheck = (pod: Pod) => boolean;

/** The options NewPriorityQueue takes; the durations default to upstream's. */
export interface PriorityQueueOptions {
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsMs?: number;
  /** Profile name → each plugin's registered events and hints (QueueingHintMapPerProfile). */
  queueingHintMap?: Record<string, readonly QueueingHintRegistration[]>;
  /** Profile name → its PreEnqueue plugins (SchedulingGates), in order: a pod one refuses waits, gated, in unschedulablePods. */
  preEnqueuePlugins?: Record<string, readonly PreEnqueuePlugin[]>;
  /** The informer's pods, so the nominator skips pods deleted or bound meanwhile. */
  podLister?: PodLister;
  /** A namespace's labels, for affinity terms with a namespaceSelector. */
  namespaceLabels?: (namespace: string) => Labels | undefined;
  /** The SchedulerQueueingHints feature gate: on by default in v1.32. Off restores the moveRequestCycle rule. */
  queueingHints?: boolean;
}

/** queueingStrategy: where an event sends a pod from the unschedulable pool. */
type QueueingStrategy = 'queueSkip' | 'queueAfterBackoff' | 'queueImmediately';

// Models pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue)
/** PriorityQueue: the scheduling queue, with the nominator of preempting pods. */
export class PriorityQueue implements PodNominator {
  readonly nominator: Nominator;
  readonly activeQ: ActiveQueue;
  readonly podBackoffQ: KeyedHeap<QueuedPodInfo>;
  readonly unschedulablePods = new UnschedulablePods();
  readonly podInitialBackoffMs: number;
  readonly podMaxBackoffMs: number;
  readonly podMaxInUnschedulablePodsMs: number;
  readonly isSchedulingQueueHintEnabled: boolean;
  /** The cycle of the last move request; with hints off, a pod whose attempt began by then goes to backoff, not the pool. */
  moveRequestCycle = -1;
  private readonly queueingHintMap: Record<string, readonly QueueingHintRegistration[]>;
  private readonly preEnqueuePluginMap: Record<string, readonly PreEnqueuePlugin[]>;
  private readonly namespaceLabels: (namespace: string) => Labels | undefined;

  constructor(lessFn: LessFunc, opts: PriorityQueueOptions = {}) {
    this.podInitialBackoffMs = opts.podInitialBackoffMs ?? DefaultPodInitialBackoffMs;
    this.podMaxBackoffMs = opts.podMaxBackoffMs ?? DefaultPodMaxBackoffMs;
    this.podMaxInUnschedulablePodsMs = opts.podMaxInUnschedulablePodsMs ?? DefaultPodMaxInUnschedulablePodsMs;
    this.isSchedulingQueueHintEnabled = opts.queueingHints ?? true;
    this.queueingHintMap = opts.queueingHintMap ?? {};
    this.preEnqueuePluginMap = opts.preEnqueuePlugins ?? {};
    this.namespaceLabels = opts.namespaceLabels ?? (() => undefined);
    this.nominator = new Nominator(opts.podLister);
    this.activeQ = new ActiveQueue(lessFn, this.isSchedulingQueueHintEnabled);
    this.podBackoffQ = new KeyedHeap((p) => podKey(p.pod), (a, b) => this.getBackoffTime(a) < this.getBackoffTime(b));
  }

  /** Add: a new pending pod goes to activeQ (or, if a PreEnqueue plugin refuses it, to the pool as gated). */
  add(now: number, pod: Pod): void {
    this.moveToActiveQ(now, newQueuedPodInfo(now, pod), eventLabel(Events.UnscheduledPodAdd));
  }

  /** Activate: moves the pods to activeQ if they wait in the pool or in backoff; an in-flight one is requeued when it returns. */
  activate(now: number, pods: readonly Pod[]): void {
    for (const pod of pods) {
      if (this.activatePod(now, pod)) continue;
      this.activeQ.addEventIfPodInFlight(undefined, pod, Events.ForceActivate);
      this.moveRequestCycle = this.activeQ.schedCycle;
    }
  }

  /** SchedulingCycle: the number of pops so far. */
  schedulingCycle(): number {
    return this.activeQ.schedCycle;
  }

  /**
   * AddUnschedulableIfNotPresent: a pod whose attempt failed comes back. With hints, the events
   * seen while it was in flight decide between activeQ, backoff and the pool; without, a move
   * request since its cycle began (moveRequestCycle) sends it to backoff. Throws if already queued.
   */
  addUnschedulableIfNotPresent(now: number, pInfo: QueuedPodInfo, podSchedulingCycle: number): void {
    try {
      const pod = pInfo.pod;
      if (this.unschedulablePods.get(pod)) throw new Error(`Pod ${kObj(pod)} is already present in unschedulable queue`);
      if (this.activeQ.queue.has(pInfo)) throw new Error(`Pod ${kObj(pod)} is already present in the active queue`);
      if (this.podBackoffQ.has(pInfo)) throw new Error(`Pod ${kObj(pod)} is already present in the backoff queue`);
      // Refresh the timestamp since the pod is re-added.
      pInfo.timestamp = now;
      if (!this.isSchedulingQueueHintEnabled) return this.addUnschedulableWithoutQueueingHint(pInfo, podSchedulingCycle);
      const hint = this.determineSchedulingHintForInFlightPod(pInfo);
      this.requeuePodViaQueueingHint(now, pInfo, hint, QueueEventLabel.ScheduleAttemptFailure);
    } finally {
      // In any case this attempt is over.
      this.done(podUID(pInfo.pod));
    }
  }

  /** flushBackoffQCompleted: moves every pod whose backoff has expired by `now` to activeQ. */
  flushBackoffQCompleted(now: number): void {
    for (;;) {
      const pInfo = this.podBackoffQ.peek();
      if (!pInfo || this.isPodBackingoff(now, pInfo)) return;
      this.podBackoffQ.pop();
      this.moveToActiveQ(now, pInfo, QueueEventLabel.BackoffComplete);
    }
  }

  /** flushUnschedulablePodsLeftover: retries pods that waited longer than podMaxInUnschedulablePodsDuration. */
  flushUnschedulablePodsLeftover(now: number): void {
    const podsToMove = [...this.unschedulablePods.podInfoMap.values()].filter(
      (p) => now - p.timestamp > this.podMaxInUnschedulablePodsMs,
    );
    if (podsToMove.length > 0) this.movePodsToActiveOrBackoffQueue(now, podsToMove, Events.UnschedulableTimeout, undefined, undefined);
  }

  /** Pop: the head of activeQ, now in flight until Done or AddUnschedulableIfNotPresent; undefined when empty. */
  pop(): QueuedPodInfo | undefined {
    return this.activeQ.pop();
  }

  /** Done: the pod's attempt is over (bound, or given up); forgets its in-flight record. */
  done(uid: string): void {
    if (this.isSchedulingQueueHintEnabled) this.activeQ.done(uid);
  }

  /**
   * Update: a pending pod changed. In activeQ or backoff it is updated in place; in the pool, the
   * change is offered to the hints (or, without hints, any real change retries it); elsewhere it is added.
   */
  update(now: number, oldPod: Pod | undefined, newPod: Pod): void {
    // The in-flight pod is requeued from the informer's latest version; remember the update for it.
    if (this.isSchedulingQueueHintEnabled && this.activeQ.addEventIfPodInFlight(oldPod, newPod, Events.UnscheduledPodUpdate)) return;
    if (oldPod && this.updateInActiveOrBackoff(oldPod, newPod)) return;
    const pInfo = this.unschedulablePods.get(newPod);
    if (pInfo) return this.updateInUnschedulablePods(now, pInfo, oldPod, newPod);
    this.moveToActiveQ(now, newQueuedPodInfo(now, newPod), eventLabel(Events.UnscheduledPodUpdate));
  }

  /** Delete: the pod is gone (or bound); drops it from whichever queue holds it and from the nominator. */
  delete(pod: Pod): void {
    this.nominator.deleteNominatedPodIfExists(pod);
    const lookup = queuedPodInfoForLookup(pod);
    if (this.activeQ.queue.delete(lookup)) return;
    this.podBackoffQ.delete(lookup);
    this.unschedulablePods.delete(pod);
  }

  /** AssignedPodAdded: a bound pod appeared; pods whose required affinity it satisfies, or that spreading rejected, retry. */
  assignedPodAdded(now: number, pod: Pod): void {
    this.movePodsToActiveOrBackoffQueue(now, this.getUnschedulablePodsWithCrossTopologyTerm(pod), Events.AssignedPodAdd, undefined, pod);
  }

  /** AssignedPodUpdated: a bound pod changed; a scale-down may free resources for any pod, other changes only for cross-topology ones. */
  assignedPodUpdated(now: number, oldPod: Pod, newPod: Pod, event: ClusterEvent): void {
    const podEvent = event.resource === 'Pod' || event.resource === 'AssignedPod';
    if (podEvent && (event.actionType & ActionType.UpdatePodScaleDown) !== 0) {
      this.moveAllToActiveOrBackoffQueue(now, Events.AssignedPodUpdate, oldPod, newPod);
      return;
    }
    this.movePodsToActiveOrBackoffQueue(now, this.getUnschedulablePodsWithCrossTopologyTerm(newPod), event, oldPod, newPod);
  }

  /** MoveAllToActiveOrBackoffQueue: a cluster event; every pool pod it may help (per the hints) moves to activeQ or backoff. */
  moveAllToActiveOrBackoffQueue(now: number, event: ClusterEvent, oldObj?: unknown, newObj?: unknown, preCheck?: PreEnqueueCheck): void {
    // No plugin cares: skip the walk over the pool.
    if (!this.isEventOfInterest(event)) return;
    const pods = [...this.unschedulablePods.podInfoMap.values()].filter((p) => !preCheck || preCheck(p.pod));
    this.movePodsToActiveOrBackoffQueue(now, pods, event, oldObj, newObj);
  }

  /** PodsInActiveQ: the pods waiting in activeQ. */
  podsInActiveQ(): Pod[] {
    return this.activeQ.list();
  }

  /** PendingPods: every queued pod, with upstream's summary "activeQ:1; backoffQ:0; unschedulablePods:2". */
  pendingPods(): { pods: Pod[]; summary: string } {
    const active = this.activeQ.list();
    const backoff = this.podBackoffQ.list().map((p) => p.pod);
    const unschedulable = [...this.unschedulablePods.podInfoMap.values()].map((p) => p.pod);
    const summary = `activeQ:${active.length}; backoffQ:${backoff.length}; unschedulablePods:${unschedulable.length}`;
    return { pods: [...active, ...backoff, ...unschedulable], summary };
  }

  /** AddNominatedPod: records preemption's nomination of the pod (see Nominator). */
  addNominatedPod(pod: Pod, nominatingInfo?: NominatingInfo): void {
    this.nominator.addNominatedPod(pod, nominatingInfo);
  }

  /** DeleteNominatedPodIfExists: forgets the pod's nomination. */
  deleteNominatedPodIfExists(pod: Pod): void {
    this.nominator.deleteNominatedPodIfExists(pod);
  }

  /** NominatedPodsForNode: the pods nominated to the node, in their latest queued version (fresh PodInfos). */
  nominatedPodsForNode(nodeName: string): PodInfo[] {
    return this.nominator.nominatedPodsForNode(nodeName).map((ref) => new PodInfo(this.nominatedPodToPod(ref)));
  }

  // Models pkg/scheduler/backend/queue/scheduling_queue.go (calculateBackoffDuration)
  /** The pod's backoff: initial, doubled per attempt after the first, capped at the max. */
  calculateBackoffDuration(pInfo: Pick<QueuedPodInfo, 'attempts'>): number {
    let duration = this.podInitialBackoffMs;
    for (let i = 1; i < pInfo.attempts; i++) {
      if (duration > this.podMaxBackoffMs - duration) return this.podMaxBackoffMs;
      duration += duration;
    }
    return duration;
  }

  /** When the pod's backoff ends (simulated ms). */
  getBackoffTime(pInfo: QueuedPodInfo): number {
    return pInfo.timestamp + this.calculateBackoffDuration(pInfo);
  }

  /** isPodBackingoff: whether the pod must still wait; a gated pod never backs off. */
  isPodBackingoff(now: number, pInfo: QueuedPodInfo): boolean {
    return !pInfo.gated && this.getBackoffTime(pInfo) > now;
  }

  // Models pkg/scheduler/backend/queue/scheduling_queue.go (moveToActiveQ)
  /** Runs PreEnqueue, then puts the pod in activeQ (out of the pool and backoff); true when it got there. */
  private moveToActiveQ(now: number, pInfo: QueuedPodInfo, event: string): boolean {
    pInfo.gated = !this.runPreEnqueuePlugins(pInfo);
    if (pInfo.gated) {
      // A gated pod waits in the pool, unless it is already queued elsewhere.
      if (this.activeQ.queue.has(pInfo) || this.podBackoffQ.has(pInfo)) return false;
      this.unschedulablePods.addOrUpdate(pInfo);
      return false;
    }
    pInfo.initialAttemptTimestamp ??= now;
    this.activeQ.queue.addOrUpdate(pInfo);
    this.unschedulablePods.delete(pInfo.pod);
    this.podBackoffQ.delete(pInfo);
    if (event === eventLabel(Events.UnscheduledPodAdd) || event === eventLabel(Events.UnscheduledPodUpdate)) this.nominator.addNominatedPod(pInfo.pod);
    return true;
  }

  /** runPreEnqueuePlugins: false at the first refusal, which joins the pod's unschedulable plugins. */
  private runPreEnqueuePlugins(pInfo: QueuedPodInfo): boolean {
    for (const pl of this.preEnqueuePluginMap[profileOf(pInfo.pod)] ?? []) {
      if (Status.isSuccess(pl.preEnqueue(pInfo.pod))) continue;
      pInfo.unschedulablePlugins.add(pl.name);
      return false;
    }
    return true;
  }

  private activatePod(now: number, pod: Pod): boolean {
    const pInfo = this.unschedulablePods.get(pod) ?? this.podBackoffQ.get(queuedPodInfoForLookup(pod));
    if (!pInfo) return false;
    return this.moveToActiveQ(now, pInfo, QueueEventLabel.ForceActivate);
  }

  /** The hints-off rule: backoff if a move request came since the attempt began (or no plugin rejected it), else the pool. */
  private addUnschedulableWithoutQueueingHint(pInfo: QueuedPodInfo, podSchedulingCycle: number): void {
    const rejectors = rejectorPlugins(pInfo);
    if (this.moveRequestCycle >= podSchedulingCycle || rejectors.size === 0) this.podBackoffQ.addOrUpdate(pInfo);
    else this.unschedulablePods.addOrUpdate(pInfo);
  }

  // Models pkg/scheduler/backend/queue/scheduling_queue.go (determineSchedulingHintForInFlightPod)
  /** The strongest hint any event seen during the pod's attempt gives it. */
  private determineSchedulingHintForInFlightPod(pInfo: QueuedPodInfo): QueueingStrategy {
    let events;
    try {
      events = this.activeQ.clusterEventsForPod(pInfo);
    } catch {
      return 'queueAfterBackoff';
    }
    // No plugin rejected it: something unusual (an API error) failed it, so retry it after backoff.
    if (rejectorPlugins(pInfo).size === 0) return 'queueAfterBackoff';
    let strategy: QueueingStrategy = 'queueSkip';
    for (const e of events) {
      const hint = this.isPodWorthRequeuing(pInfo, e.event, e.oldObj, e.newObj);
      if (hint === 'queueImmediately') return hint;
      if (hint === 'queueAfterBackoff') {
        strategy = hint;
        if (pInfo.pendingPlugins.size === 0) return strategy;
      }
    }
    return strategy;
  }

  // Models pkg/scheduler/backend/queue/scheduling_queue.go (isPodWorthRequeuing)
  /**
   * Asks the hints of the plugins that rejected the pod about the event: a Queue from a Pending
   * plugin means activeQ now, from an Unschedulable one activeQ after backoff; all QueueSkip (or
   * none registered) keeps it in the pool.
   */
  private isPodWorthRequeuing(pInfo: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): QueueingStrategy {
    const rejectors = rejectorPlugins(pInfo);
    if (rejectors.size === 0 || isWildCard(event)) return 'queueAfterBackoff';
    const hintMap = this.queueingHintMap[profileOf(pInfo.pod)];
    if (!hintMap) return 'queueAfterBackoff';
    let strategy: QueueingStrategy = 'queueSkip';
    for (const reg of hintMap) {
      if (!eventMatches(reg.event, event) || !rejectors.has(reg.pluginName)) continue;
      if (this.runQueueingHint(reg, pInfo.pod, oldObj, newObj) === 'QueueSkip') continue;
      if (pInfo.pendingPlugins.has(reg.pluginName)) return 'queueImmediately';
      if (pInfo.pendingPlugins.size === 0) return 'queueAfterBackoff';
      strategy = 'queueAfterBackoff';
    }
    return strategy;
  }

  /** A hint's verdict: none registered (or hints off, where upstream installs defaultQueueingHintFn) is Queue, so is a throwing hint. */
  private runQueueingHint(reg: QueueingHintRegistration, pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
    if (!reg.queueingHintFn || !this.isSchedulingQueueHintEnabled) return 'Queue';
    try {
      return reg.queueingHintFn(pod, oldObj, newObj);
    } catch {
      // An erring hint must not strand the pod in the pool.
      return 'Queue';
    }
  }

  // Models pkg/scheduler/backend/queue/scheduling_queue.go (requeuePodViaQueueingHint)
  /** Puts the pod where the strategy says; the queue it ended in. */
  private requeuePodViaQueueingHint(now: number, pInfo: QueuedPodInfo, strategy: QueueingStrategy, event: string): QueueName {
    if (strategy === 'queueSkip') {
      this.unschedulablePods.addOrUpdate(pInfo);
      return 'Unschedulable';
    }
    if (strategy === 'queueAfterBackoff' && this.isPodBackingoff(now, pInfo)) {
      this.podBackoffQ.addOrUpdate(pInfo);
      return 'Backoff';
    }
    if (this.moveToActiveQ(now, pInfo, event)) return 'Active';
    // moveToActiveQ already put a gated pod back in the pool.
    if (!pInfo.gated) this.unschedulablePods.addOrUpdate(pInfo);
    return 'Unschedulable';
  }

  // Models pkg/scheduler/backend/queue/scheduling_queue.go (movePodsToActiveOrBackoffQueue)
  private movePodsToActiveOrBackoffQueue(now: number, podInfoList: QueuedPodInfo[], event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (!this.isEventOfInterest(event)) return;
    for (const pInfo of podInfoList) {
      // Pods held by scheduling gates only move when they themselves are updated.
      if (pInfo.gated && pInfo.unschedulablePlugins.has('SchedulingGates')) continue;
      const hint = this.isPodWorthRequeuing(pInfo, event, oldObj, newObj);
      if (hint === 'queueSkip') continue;
      this.unschedulablePods.delete(pInfo.pod);
      this.requeuePodViaQueueingHint(now, pInfo, hint, eventLabel(event));
    }
    this.moveRequestCycle = this.activeQ.schedCycle;
    // A pod in flight now may come back later; it must learn of this event then.
    if (this.isSchedulingQueueHintEnabled) this.activeQ.addEventIfAnyInFlight(oldObj, newObj, event);
  }

  /** isEventOfInterest: the wildcard, or an event some plugin of some profile registered. */
  private isEventOfInterest(event: ClusterEvent): boolean {
    if (isWildCard(event)) return true;
    return Object.values(this.queueingHintMap).some((regs) => regs.some((r) => eventMatches(r.event, event)));
  }

  // Models pkg/scheduler/backend/queue/scheduling_queue.go (getUnschedulablePodsWithCrossTopologyTerm)
  /** Pool pods a pod event can help: same-namespace pods PodTopologySpread rejected, and pods whose required affinity the pod matches. */
  private getUnschedulablePodsWithCrossTopologyTerm(pod: Pod): QueuedPodInfo[] {
    const nsLabels = this.namespaceLabels(pod.metadata.namespace ?? '');
    return [...this.unschedulablePods.podInfoMap.values()].filter((pInfo) => {
      if (pInfo.unschedulablePlugins.has('PodTopologySpread') && pod.metadata.namespace === pInfo.pod.metadata.namespace) return true;
      return requiredAffinityTermsMatch(pInfo.pod, pod, nsLabels);
    });
  }

  /** Update of a pod already in activeQ or backoff: in place. True when it was there. */
  private updateInActiveOrBackoff(oldPod: Pod, newPod: Pod): boolean {
    const lookup = queuedPodInfoForLookup(oldPod);
    const inActive = this.activeQ.update(newPod, lookup);
    if (inActive) {
      this.nominator.updateNominatedPod(oldPod, inActive.pod);
      return true;
    }
    const inBackoff = this.podBackoffQ.get(lookup);
    if (!inBackoff) return false;
    inBackoff.pod = newPod;
    this.nominator.updateNominatedPod(oldPod, newPod);
    this.podBackoffQ.addOrUpdate(inBackoff);
    return true;
  }

  private updateInUnschedulablePods(now: number, pInfo: QueuedPodInfo, oldPod: Pod | undefined, newPod: Pod): void {
    pInfo.pod = newPod;
    this.nominator.updateNominatedPod(oldPod, newPod);
    if (this.isSchedulingQueueHintEnabled) {
      // Each part of the change is offered to the hints; the pod leaves the pool at the first that moves it.
      for (const evt of podSchedulingPropertiesChange(newPod, oldPod ?? newPod)) {
        const hint = this.isPodWorthRequeuing(pInfo, evt, oldPod, newPod);
        const queue = this.requeuePodViaQueueingHint(now, pInfo, hint, eventLabel(Events.UnscheduledPodUpdate));
        if (queue !== 'Unschedulable') this.unschedulablePods.delete(pInfo.pod);
        if (queue === 'Active') break;
      }
      return;
    }
    if (!isPodUpdated(oldPod, newPod)) {
      this.unschedulablePods.addOrUpdate(pInfo);
      return;
    }
    if (this.isPodBackingoff(now, pInfo)) {
      this.podBackoffQ.addOrUpdate(pInfo);
      this.unschedulablePods.delete(pInfo.pod);
      return;
    }
    this.moveToActiveQ(now, pInfo, QueueEventLabel.BackoffComplete);
  }

  private nominatedPodToPod(ref: PodRef): Pod {
    const lookup = queuedPodInfoForLookup({ metadata: { name: ref.name, namespace: ref.namespace, uid: ref.uid } });
    const queued = this.activeQ.queue.get(lookup) ?? this.unschedulablePods.get(lookup.pod) ?? this.podBackoffQ.get(lookup);
    return queued ? queued.pod : lookup.pod;
  }
}

/** The profile a pod belongs to: its schedulerName. */
function profileOf(pod: Pod): string {
  return pod.spec?.schedulerName || DefaultSchedulerName;
}

/** The plugins that rejected the last attempt, Unschedulable and Pending alike. */
function rejectorPlugins(pInfo: QueuedPodInfo): Set<string> {
  return new Set([...pInfo.unschedulablePlugins, ...pInfo.pendingPlugins]);
}

// Models pkg/scheduler/backend/queue/scheduling_queue.go (isPodUpdated)
/** Whether the pod changed in a way that may matter: anything but resourceVersion, generation, status (bar resource claims), managedFields and finalizers. */
export function isPodUpdated(oldPod: Pod | undefined, newPod: Pod): boolean {
  const strip = (p: Pod | undefined) =>
    p && {
      ...p,
      metadata: { ...p.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined, finalizers: undefined },
      status: { resourceClaimStatuses: p.status?.resourceClaimStatuses },
    };
  // deepEqual equates "" with an absent field, as Go's zero values do; string maps keep a "" entry apart.
  const stringMaps = (p: Pod | undefined) => [p?.metadata.labels, p?.metadata.annotations, p?.spec?.nodeSelector];
  const [a, b] = [stringMaps(oldPod), stringMaps(newPod)];
  return !deepEqual(strip(oldPod), strip(newPod)) || a.some((m, i) => !labelsEqual(m, b[i]));
}
