// kube-scheduler as its own process: leader-elected with the kube-system/kube-scheduler Lease; while
// leading it keeps informers on pods, nodes and what the plugins read, feeds unscheduled pods to the
// scheduling queue (engine/scheduler/queue), and runs one scheduling cycle at a time
// (pkg/scheduler/schedule_one.go ScheduleOne): snapshot (brought up to date from the scheduler cache,
// engine/scheduler/cache, by what changed since the last cycle), filter and score (schedule-one.ts), assume
// the pod on the chosen node, Reserve, then bind it through the binding subresource in the
// background while the next cycle runs; a pod that fits nowhere gets the FailedScheduling event and
// its PodScheduled=False condition and goes back to the queue.

import type { KubeObject, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodDisruptionBudget, ReplicaSet, ReplicationController, Service, StatefulSet, StorageClass } from '../api/types';
import type { Lister } from '../client/store';
import { res } from '../client/clientset';
import type { Component, ComponentConfig } from '../client/component';
import { ElectedProcess, type LeaderWork } from '../client/elected';
import type { EventRecorder } from '../client/events';
import type { Informer } from '../client/informer';
import { keyOf } from '../client/store';
import type { Profile as TimingProfile } from '../etcd/server/timing';
import { rfc3339 } from '../apiserver/registry/objects';
import { Cancelled, suspend, type Co } from '../sim/co';
import type { ProcessKind } from '../sim/env';
import { timingsFor } from '../timings';
import { Cache } from './cache';
import { SchedulerHandle } from './framework/handle';
import { Framework } from './framework/runtime';
import { Snapshot } from './framework/snapshot';
import { names } from './plugins/names';
import { newInterPodAffinity } from './plugins/interpodaffinity/plugin';
import { newPodTopologySpread } from './plugins/podtopologyspread/plugin';
import { newDefaultPreemption } from './preemption/default-preemption';
import { defaultProfile, inTreeRegistry, withPlugins, withoutPlugins } from './profile';
import { Events, nodeSchedulingPropertiesChange } from './queue/events';
import { buildQueueingHintMap } from './queue/hint-map';
import type { QueuedPodInfo } from './queue/queued-pod-info';
import { PriorityQueue } from './queue/scheduling-queue';
import { SchedulingAlgorithm, type SchedulingInspection } from './schedule-one';
import { deepFreeze } from '../sim/telemetry-delta';

/** Plain config of a kube-scheduler. */
export interface SchedulerConfig extends ComponentConfig {
  profile: TimingProfile;
}

const userAgent = 'kube-scheduler/v1.32.4 (linux/amd64) kubernetes/59526cd';
const schedulerName = 'default-scheduler';
/** How many pods' last cycles `inspect.scheduling` keeps. */
const inspectionsKept = 500;

/** The kube-scheduler process kind. */
export const schedulerKind: ProcessKind<SchedulerConfig> = {
  name: 'kube-scheduler',
  create: (env, config) => new ElectedProcess(env, config, 'kube-scheduler', `${userAgent}/leader-election`, timingsFor(config.profile), (c) => new Scheduler(c, config)),
};

/** The scheduler of one term as leader. */
class Scheduler implements LeaderWork {
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly queue: PriorityQueue;
  private readonly handle: SchedulerHandle;
  private readonly fwk: Framework;
  private readonly algo: SchedulingAlgorithm;
  private readonly recorder: EventRecorder;
  /** Nodes and the pods bound (or assumed) on them, kept by the informers' events (the scheduler cache). */
  private readonly cache = new Cache();
  /** The snapshot every cycle reads; the cache updates it in place (cache.UpdateSnapshot). */
  private readonly nodeInfoSnapshot = new Snapshot();
  private wake: (() => void) | null = null;
  /** Score plugin → its weight in the profile, for whoever shows the scores. */
  private readonly weights: Record<string, number>;
  private readonly inspections = new Map<string, SchedulingInspection & { at: number; message?: string }>();
  private readonly fast: boolean;
  scheduled = 0;
  failed = 0;

  constructor(
    private readonly c: Component,
    config: SchedulerConfig,
  ) {
    this.fast = config.profile !== 'realistic';
    const f = c.informers;
    this.pods = f.informerFor<Pod>(res('', 'pods'));
    this.nodes = f.informerFor<Node>(res('', 'nodes'));
    const lister = <T extends KubeObject>(group: string, resource: string): Lister<T> => f.informerFor<T>(res(group, resource)).lister;
    const pvcs = lister<PersistentVolumeClaim>('', 'persistentvolumeclaims');
    const pvs = lister<PersistentVolume>('', 'persistentvolumes');
    const scs = lister<StorageClass>('storage.k8s.io', 'storageclasses');
    const nss = lister<Namespace>('', 'namespaces');
    const svcs = lister<Service>('', 'services');
    const rcs = lister<ReplicationController>('', 'replicationcontrollers');
    const rss = lister<ReplicaSet>('apps', 'replicasets');
    const stss = lister<StatefulSet>('apps', 'statefulsets');
    const pdbs = lister<PodDisruptionBudget>('policy', 'poddisruptionbudgets');
    this.handle = new SchedulerHandle(
      {
        getPersistentVolumeClaim: (ns, n) => pvcs.get(ns, n),
        getPersistentVolume: (n) => pvs.get('', n),
        listPersistentVolumes: () => pvs.list(),
        getStorageClass: (n) => scs.get('', n),
        getNamespace: (n) => nss.get('', n),
        listNamespaces: () => nss.list(),
        listServices: (ns) => svcs.list(ns),
        listReplicationControllers: (ns) => rcs.list(ns),
        listReplicaSets: (ns) => rss.list(ns),
        listStatefulSets: (ns) => stss.list(ns),
      },
      // The queue is built after the framework (it needs the plugins' events); the nominator reads it then.
      { nominatedPodsForNode: (n) => this.queue.nominatedPodsForNode(n) },
    );
    // DefaultBinder is this process's bind below. Preemption's API calls go out in the background,
    // as upstream's preparation of candidates runs them in goroutines.
    const profile = withoutPlugins(defaultProfile(), [names.DefaultBinder]);
    this.weights = Object.fromEntries(profile.plugins.filter((p) => p.weight !== undefined).map((p) => [p.name, p.weight!]));
    const pods = res('', 'pods');
    const preemption = newDefaultPreemption({
      framework: () => this.fwk as never,
      now: () => rfc3339(this.c.wallMs()),
      rng: c.env.rng.fork('preemption'),
      client: {
        getPod: (ns, n) => this.pods.store.get(ns, n),
        listPodDisruptionBudgets: () => pdbs.list(),
        patchPodStatus: (pod, status) => {
          this.background(this.c.client.patch(pods, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'application/merge-patch+json', { status }, 'status'));
          return null;
        },
        deletePod: (pod) => {
          this.background(this.c.client.delete(pods, pod.metadata.namespace ?? '', pod.metadata.name ?? ''));
          return null;
        },
        recordEvent: (regarding, _related, type, reason, _action, note) => this.recorder.event(regarding, type, reason, note),
      },
    });
    this.fwk = new Framework(
      withPlugins(inTreeRegistry(), { [names.PodTopologySpread]: newPodTopologySpread, [names.InterPodAffinity]: newInterPodAffinity, [names.DefaultPreemption]: preemption }),
      profile,
      this.handle,
    );
    const scale = this.fast ? 10 : 1;
    this.queue = new PriorityQueue(this.fwk.queueSortFunc(), {
      podInitialBackoffMs: 1000 / scale,
      podMaxBackoffMs: 10_000 / scale,
      podMaxInUnschedulablePodsMs: 300_000 / scale,
      podLister: (ns, name) => this.pods.store.get(ns, name),
      queueingHintMap: { [schedulerName]: buildQueueingHintMap(this.fwk.plugins.values()) },
      preEnqueuePlugins: { [schedulerName]: this.fwk.preEnqueuePlugins },
      namespaceLabels: (ns) => nss.get('', ns)?.metadata.labels,
    });
    this.algo = new SchedulingAlgorithm(c.env.rng.fork('select-host'));
    this.recorder = c.recorder(schedulerName);
  }

  start(): void {
    const now = () => this.c.env.now();
    this.pods.addEventHandler({
      add: (p) => this.onPod(undefined, p),
      update: (o, p) => this.onPod(o, p),
      delete: (p) => {
        // An assumed pod deleted before its binding lands leaves the cache as a bound one does.
        this.cache.removePod(p);
        if (p.spec?.nodeName) this.queue.moveAllToActiveOrBackoffQueue(now(), Events.AssignedPodDelete, p, undefined);
        else this.queue.delete(p);
      },
    });
    this.nodes.addEventHandler({
      add: (n) => {
        this.cache.addNode(n);
        this.queue.moveAllToActiveOrBackoffQueue(now(), Events.NodeAdd, undefined, n);
      },
      update: (o, n) => {
        this.cache.updateNode(o, n);
        for (const e of nodeSchedulingPropertiesChange(n, o)) this.queue.moveAllToActiveOrBackoffQueue(now(), e, o, n);
      },
      delete: (n) => {
        this.cache.removeNode(n);
        this.queue.moveAllToActiveOrBackoffQueue(now(), Events.NodeDelete, n, undefined);
      },
    });
    for (const inf of this.c.informers.all()) this.c.spawn(inf.run(), `reflector ${inf.resource.resource}`);
    const self = this;
    this.c.spawn(
      (function* () {
        yield* self.c.informers.waitForCacheSync();
        self.c.spawn(self.flushLoop(1000, (t) => self.queue.flushBackoffQCompleted(t)), 'flush backoffQ');
        self.c.spawn(self.flushLoop(30_000, (t) => self.queue.flushUnschedulablePodsLeftover(t)), 'flush unschedulable');
        yield* self.scheduleLoop();
      })(),
      'scheduler',
    );
  }

  /** Runs an API call in the background; a failure is only counted (the next cycle sees the truth). */
  private background(co: Co<unknown>): void {
    const self = this;
    this.c.spawn(
      (function* () {
        try {
          yield* co;
        } catch (e) {
          if (e instanceof Cancelled) throw e;
          self.failed++;
        }
      })(),
      'preemption',
    );
  }

  /** What `inspect.scheduling` reads: the last cycle of each pod. */
  inspection(podKey: string): (SchedulingInspection & { at: number; message?: string }) | null {
    return this.inspections.get(podKey) ?? null;
  }

  telemetry(): Record<string, unknown> {
    const pending = this.queue.pendingPods();
    return { scheduled: this.scheduled, failed: this.failed, pending: pending.summary, assumed: this.cache.assumedPodCount(), scheduling: Object.fromEntries(this.inspections), weights: this.weights };
  }

  private onPod(old: Pod | undefined, p: Pod): void {
    const now = this.c.env.now();
    if (p.spec?.nodeName) {
      // addPodToCache / updatePodInCache: a bound pod replaces its assumed copy.
      if (old?.spec?.nodeName) this.cache.updatePod(old, p);
      else this.cache.addPod(p);
      if (!old || !old.spec?.nodeName) {
        this.queue.delete(p);
        this.queue.assignedPodAdded(now, p);
      } else this.queue.assignedPodUpdated(now, old, p, Events.AssignedPodUpdate);
      return;
    }
    if ((p.spec?.schedulerName ?? schedulerName) !== schedulerName || p.metadata.deletionTimestamp) return;
    if (old) this.queue.update(now, old, p);
    else this.queue.add(now, p);
    this.wake?.();
  }

  private *flushLoop(periodMs: number, flush: (now: number) => void): Co<never> {
    const period = this.fast ? periodMs / 10 : periodMs;
    for (;;) {
      yield* this.c.sleep(period);
      flush(this.c.env.now());
      this.wake?.();
    }
  }

  private *scheduleLoop(): Co<never> {
    for (;;) {
      const pInfo = this.queue.pop();
      if (!pInfo) {
        yield* suspend<void>((resume) => {
          this.wake = () => {
            this.wake = null;
            resume(undefined);
          };
          return () => (this.wake = null);
        });
        continue;
      }
      this.scheduleOne(pInfo);
      // One cycle per simulated millisecond at most: the process yields to its inputs between cycles.
      yield* this.c.sleep(1);
    }
  }

  // Models pkg/scheduler/schedule_one.go ScheduleOne / schedulingCycle.
  private scheduleOne(pInfo: QueuedPodInfo): void {
    const cur = this.pods.store.get(pInfo.pod.metadata.namespace ?? '', pInfo.pod.metadata.name ?? '');
    const uid = pInfo.pod.metadata.uid ?? '';
    // skipPodSchedule: a pod deleted meanwhile, or one already assumed (an update requeued it while its binding is in flight).
    if (!cur || cur.metadata.uid !== uid || cur.spec?.nodeName || cur.metadata.deletionTimestamp || this.cache.isAssumedPod(cur)) {
      this.queue.done(uid);
      return;
    }
    const pod = cur;
    const cycle = this.queue.schedulingCycle();
    this.cache.updateSnapshot(this.nodeInfoSnapshot);
    this.handle.snapshot = this.nodeInfoSnapshot;
    const now = this.c.env.now();
    const r = this.algo.scheduleOne(this.fwk, pod);
    const key = keyOf(pod);
    if (!r.suggestedHost) {
      this.failed++;
      const message = r.fitError ? r.fitError.error() : (r.status?.message() ?? 'scheduling failed');
      this.remember(key, { ...r.inspection, at: now, message });
      this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
      // Preemption nominated a node: the pod waits for its victims to go (nominatedNodeName in its status).
      const nominated = r.nominatingInfo?.nominatingMode === 'Override' ? r.nominatingInfo.nominatedNodeName : '';
      if (nominated) this.queue.addNominatedPod(pod, r.nominatingInfo);
      this.c.spawn(this.markUnschedulable(pod, message, nominated), 'pod condition');
      if (r.fitError) for (const p of r.fitError.diagnosis?.unschedulablePlugins ?? []) pInfo.unschedulablePlugins.add(p);
      this.queue.addUnschedulableIfNotPresent(now, pInfo, cycle);
      this.queue.done(uid);
      return;
    }
    const node = r.suggestedHost;
    this.remember(key, { ...r.inspection, at: now });
    const assumed: Pod = { ...pod, spec: { ...pod.spec!, nodeName: node } };
    this.cache.assumePod(assumed);
    this.fwk.runReservePluginsReserve(r.state, assumed, node);
    this.c.spawn(this.bind(pInfo, assumed, node, cycle), 'bind');
  }

  /** The binding cycle: POST pods/<name>/binding; on failure the assumed pod is forgotten and retried. */
  private *bind(pInfo: QueuedPodInfo, pod: Pod, node: string, cycle: number): Co<void> {
    const uid = pod.metadata.uid ?? '';
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      yield* this.c.client.create(res('', 'pods'), ns, { kind: 'Binding', apiVersion: 'v1', metadata: { name, namespace: ns, uid }, target: { kind: 'Node', name: node } } as never, 'binding', name);
      this.scheduled++;
      this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`);
      this.queue.done(uid);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      this.cache.forgetPod(pod);
      this.queue.addUnschedulableIfNotPresent(this.c.env.now(), pInfo, cycle);
      this.queue.done(uid);
      this.wake?.();
    }
  }

  /**
   * PodScheduled=False, reason Unschedulable, with the FitError's message, and the node preemption
   * nominated: one status patch, sent only when something changes (updatePod in schedule_one.go).
   */
  private *markUnschedulable(pod: Pod, message: string, nominated: string): Co<void> {
    const existing = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const conditionChanges = !(existing && existing.status === 'False' && existing.reason === 'Unschedulable' && existing.message === message);
    const nominationChanges = nominated !== '' && pod.status?.nominatedNodeName !== nominated;
    if (!conditionChanges && !nominationChanges) return;
    const status: Record<string, unknown> = {};
    if (conditionChanges) status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: rfc3339(this.c.wallMs()) }];
    if (nominationChanges) status.nominatedNodeName = nominated;
    try {
      yield* this.c.client.patch(res('', 'pods'), pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'application/strategic-merge-patch+json', { status }, 'status');
    } catch (e) {
      if (e instanceof Cancelled) throw e;
    }
  }

  private remember(key: string, v: SchedulingInspection & { at: number; message?: string }): void {
    this.inspections.delete(key);
    // Frozen: telemetry's deltas send each pod's cycle once, not with every report.
    this.inspections.set(key, deepFreeze(v));
    if (this.inspections.size > inspectionsKept) this.inspections.delete(this.inspections.keys().next().value!);
  }
}
