// The kubelet's pure core: one per node, no I/O, time handed in. The kubelet process
// (engine/kubelet/server.ts) drives it:
//
//   const core = new KubeletCore({ nodeName, podCIDR, nodeIP, rng, epochMs, startMs: env.now() });
//   core.syncPods(pods, now)   // on every watch event: every pod bound to this node, as the API has
//                              // it (deleted ones with their deletionTimestamp included)
//   core.advance(now)          // when the timer for core.nextWakeAt() fires
//   core.nextWakeAt()          // null or simulated ms: the one timer the process sets
//   core.takeStatusUpdates()   // statuses that changed: PATCH each to pods/status, in order
//   core.takeEvents()          // events to post (the recorder's raw events; aggregate them)
//   core.terminated()          // uids whose final status went out in takeStatusUpdates: DELETE
//                              // each with gracePeriodSeconds=0 and a uid precondition; listed
//                              // (level-triggered) until syncPods no longer includes the pod
//   core.images()              // node.status.images
//   core.usage()               // cpu and memory per pod and container (metrics, HPA)
//   core.logs(uid, name, opts) // kubectl logs, with `previous`
//
// Inside: the pod workers (pod-workers.ts) run SyncPod (sync.ts) over the runtime manager
// (kuberuntime/), the probe workers (prober/) and the status manager (status/), against a
// simulated containerd (runtime/) whose containers run simulated programs (programs/). Every
// wait is a coroutine on one Scheduler, so the same inputs replay the same node.

import type { ContainerImage, Pod, PodStatus } from '../api/types';
import { mustParseQuantity } from '../api/quantity';
import type { Rng } from '../sim/rng';
import { Backoff, backOffPeriodMs, maxContainerBackOffMs } from './backoff';
import { EventRecorder, type KubeletEvent } from './events';
import { ImageManager } from './images/image-manager';
import type { EnvSources } from './kuberuntime/env';
import { RuntimeManager } from './kuberuntime/runtime-manager';
import { readLogs, validateContainerLogStatus, type LogOptions, type LogsResult } from './logs';
import { PodWorkers } from './pod-workers';
import { ProbeManager } from './prober/manager';
import { probe } from './prober/prober';
import { ReasonCache } from './reason-cache';
import { ImageService, type PullSpeed } from './runtime/image-service';
import { sandboxImage } from './runtime/registry';
import { RuntimeService, type RuntimeLatency } from './runtime/runtime-service';
import { Scheduler, type CancelTimer } from './scheduler';
import { StatusManager, type PodStatusUpdate } from './status/status-manager';
import { PodSyncer } from './sync';
import { VolumeManager } from './volumes';
import { isPodPhaseTerminal as isTerminal } from './status/phase';

/** The kubelet's own timings (upstream defaults; a fast profile scales them). */
export interface KubeletTiming {
  /** --sync-frequency (1m). */
  resyncIntervalMs: number;
  /** The pod worker's retry after a failed sync (10 s). */
  backOffPeriodMs: number;
  /** The sync loop's ticker (1 s). */
  syncTickMs: number;
  /** The PLEG's relist period (1 s): runtime changes are noticed on its ticks. */
  plegRelistPeriodMs: number;
  /** CrashLoopBackOff: 10 s doubling to 300 s. */
  containerBackOffMs: number;
  containerBackOffMaxMs: number;
  /** ImagePullBackOff: 10 s doubling to 300 s. */
  imageBackOffMs: number;
  imageBackOffMaxMs: number;
  /** The status manager's syncPeriod (10 s): on this ticker it posts again a status the API's copy disagrees with. */
  statusSyncPeriodMs: number;
}

/** Upstream's defaults. */
export const defaultKubeletTiming: KubeletTiming = {
  resyncIntervalMs: 60_000,
  backOffPeriodMs: 10_000,
  syncTickMs: 1_000,
  plegRelistPeriodMs: 1_000,
  containerBackOffMs: backOffPeriodMs,
  containerBackOffMaxMs: maxContainerBackOffMs,
  imageBackOffMs: backOffPeriodMs,
  imageBackOffMaxMs: maxContainerBackOffMs,
  statusSyncPeriodMs: 10_000,
};

/** What a node's core is made from. */
export interface KubeletCoreOptions {
  nodeName: string;
  /** The node's pod range, e.g. 10.244.1.0/24. */
  podCIDR: string;
  /** The node's InternalIP (hostIP, and hostNetwork pods' IP). */
  nodeIP: string;
  rng: Rng;
  /** Wall ms that simulated 0 stands for (timestamps in statuses and logs). */
  epochMs?: number;
  /** The simulated ms the core starts at. */
  startMs?: number;
  timing?: Partial<KubeletTiming>;
  /** node.status.allocatable (for resourceFieldRef without limits). */
  allocatable?: { cpu: string; memory: string };
  /** ConfigMaps, Secrets and Service links for env and volumes. */
  env?: EnvSources;
  pullSpeed?: Partial<PullSpeed>;
  runtimeLatency?: Partial<RuntimeLatency>;
  /** Images already on the node (the sandbox image always is). */
  preloadedImages?: string[];
}

/** A container's simulated use, for metrics. */
export interface ContainerUsage {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
}

/** A pod's simulated use. */
export interface PodUsage {
  uid: string;
  namespace: string;
  name: string;
  containers: ContainerUsage[];
}

// kubelet_node_status.go nodeStatusMaxImages.
const nodeStatusMaxImages = 50;

// The parts of a pod whose change makes the kubelet sync it (status-only changes do not), made once
// per object: every event hands the kubelet all its pods again, and a changed pod is a new object.
const relevantParts = new WeakMap<Pod, string>();
function relevant(pod: Pod): string {
  let key = relevantParts.get(pod);
  if (key === undefined) {
    const m = pod.metadata;
    key = JSON.stringify([m.deletionTimestamp, m.deletionGracePeriodSeconds, m.labels, m.annotations, pod.spec]);
    relevantParts.set(pod, key);
  }
  return key;
}

/** The kubelet core of one node. */
export class KubeletCore {
  readonly sched: Scheduler;
  readonly runtime: RuntimeService;
  readonly imageService: ImageService;
  private readonly recorder: EventRecorder;
  private readonly statusManager: StatusManager;
  private readonly probes: ProbeManager;
  private readonly workers: PodWorkers;
  private readonly syncer: PodSyncer;
  private readonly runtimeManager: RuntimeManager;
  private readonly volumes: VolumeManager;
  private readonly reasons = new ReasonCache();
  private readonly timing: KubeletTiming;
  private readonly epochMs: number;
  private readonly known = new Map<string, string>();
  private readonly plegDirty = new Set<string>();
  private relist: CancelTimer | null = null;
  private readonly deadlines = new Map<string, { at: number; cancel: CancelTimer }>();

  constructor(readonly opts: KubeletCoreOptions) {
    this.timing = { ...defaultKubeletTiming, ...opts.timing };
    this.epochMs = opts.epochMs ?? 0;
    const sched = (this.sched = new Scheduler(opts.startMs ?? 0));
    const now = () => sched.now();
    this.recorder = new EventRecorder(opts.nodeName, now);
    this.imageService = new ImageService(sched, { bytesPerSecond: 25_000_000, latencyMs: 800, ...opts.pullSpeed });
    for (const ref of [sandboxImage, ...(opts.preloadedImages ?? [])]) this.imageService.preload(ref);
    this.runtime = new RuntimeService(sched, opts.rng.fork('containerd'), this.imageService, { nodeIP: opts.nodeIP, podCIDR: opts.podCIDR, epochMs: this.epochMs, latency: opts.runtimeLatency });
    this.statusManager = new StatusManager(now, this.epochMs);
    this.statusSync();
    this.probes = new ProbeManager(
      {
        sched,
        epochMs: this.epochMs,
        podStatus: (uid) => this.statusManager.getPodStatus(uid),
        probe: (type, pod, status, c) => {
          const cs = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((s) => s.name === c.name)!;
          return probe(this.runtime, this.recorder, type, pod, status, c, cs);
        },
      },
      opts.rng.fork('prober'),
      (_type, u) => sched.after(0, () => this.workers.requestSync(u.podUid)),
    );
    const alloc = opts.allocatable ?? { cpu: '2', memory: '4Gi' };
    this.volumes = new VolumeManager(opts.env ?? {});
    this.runtimeManager = new RuntimeManager({
      rt: this.runtime,
      images: new ImageManager(this.imageService, sched, this.recorder, new Backoff(now, this.timing.imageBackOffMs, this.timing.imageBackOffMaxMs)),
      sched,
      recorder: this.recorder,
      probes: this.probes,
      backOff: new Backoff(now, this.timing.containerBackOffMs, this.timing.containerBackOffMaxMs),
      volumes: this.volumes,
      env: opts.env ?? {},
      node: { name: opts.nodeName, ip: opts.nodeIP, allocatable: { cpuMilli: mustParseQuantity(alloc.cpu).milliValue(), memoryBytes: mustParseQuantity(alloc.memory).value() } },
    });
    this.syncer = new PodSyncer({ rt: this.runtime, runtime: this.runtimeManager, status: this.statusManager, probes: this.probes, reasons: this.reasons, epochMs: this.epochMs, nodeIP: opts.nodeIP, recorder: this.recorder, now });
    this.workers = new PodWorkers(sched, opts.rng.fork('podworkers'), this.syncer, this.timing, {
      terminated: (uid) => this.statusManager.markDirty(uid),
      cleanup: (uid) => this.cleanup(uid),
    });
    this.runtime.onEvent((e) => this.onRuntimeEvent(e.podUid));
  }

  /** The desired set: every pod bound to this node as the API has it. Runs what is due by `now` first. */
  syncPods(pods: Pod[], now: number): void {
    this.advance(now);
    const seen = new Set<string>();
    for (const pod of pods) {
      const uid = pod.metadata.uid;
      if (!uid) continue;
      seen.add(uid);
      const key = relevant(pod);
      const prev = this.known.get(uid);
      this.statusManager.updatePod(pod);
      if (prev === key) continue;
      this.known.set(uid, key);
      if (prev === undefined && !isTerminal(pod.status?.phase)) this.probes.addPod(pod);
      else this.probes.updatePod(pod);
      this.workers.update(pod);
      this.watchDeadline(pod);
    }
    for (const uid of [...this.known.keys()]) {
      if (seen.has(uid)) continue;
      this.known.delete(uid);
      this.workers.remove(uid);
    }
    this.advance(now);
  }

  /** Runs everything due by `now`. */
  advance(now: number): void {
    this.sched.runUntil(now);
  }

  /** When the process must call advance again (null: nothing is pending). */
  nextWakeAt(): number | null {
    return this.sched.nextAt();
  }

  /** The statuses that changed since last asked, to PATCH to pods/status in this order. */
  takeStatusUpdates(): PodStatusUpdate[] {
    return this.statusManager.takeUpdates((uid) => this.couldHaveRunningContainers(uid));
  }

  /** Every pod's current status, by uid. */
  podStatuses(): Map<string, PodStatus> {
    return this.statusManager.all((uid) => this.couldHaveRunningContainers(uid));
  }

  /** The events recorded since last asked. */
  takeEvents(): KubeletEvent[] {
    return this.recorder.take();
  }

  /** Deleted pods whose containers are all stopped and whose final status takeStatusUpdates handed out: delete them. */
  terminated(): string[] {
    return this.workers
      .pods()
      .filter((p) => {
        const uid = p.metadata.uid!;
        return p.metadata.deletionTimestamp && this.workers.state(uid) === 'terminated' && this.known.has(uid) && !this.statusManager.isPending(uid);
      })
      .map((p) => p.metadata.uid!);
  }

  private couldHaveRunningContainers(uid: string): boolean {
    const s = this.workers.state(uid);
    return s !== undefined && s !== 'terminated';
  }

  // Models pkg/kubelet/nodestatus/setters.go Images: biggest first, at most 50, digests then tags.
  /** node.status.images. */
  images(): ContainerImage[] {
    return this.imageService
      .listImages()
      .sort((a, b) => b.size - a.size)
      .slice(0, nodeStatusMaxImages)
      .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size }));
  }

  /** The simulated cpu and memory of every running container, per pod. */
  usage(): PodUsage[] {
    const out: PodUsage[] = [];
    for (const pod of this.workers.pods()) {
      const uid = pod.metadata.uid!;
      const containers: ContainerUsage[] = [];
      for (const c of this.runtime.listContainers(uid)) {
        const p = this.runtime.process(c.id);
        if (p) containers.push({ name: c.metadata.name, cpuMilli: p.cpuMilli(), memoryBytes: p.memoryBytes() });
      }
      if (containers.length > 0) out.push({ uid, namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', containers: containers.sort((a, b) => (a.name < b.name ? -1 : 1)) });
    }
    return out;
  }

  /** A container's log, as `kubectl logs` reads it through the kubelet. */
  logs(uid: string, container: string, opts: LogOptions = {}): LogsResult {
    const pod = this.workers.pods().find((p) => p.metadata.uid === uid);
    if (!pod) return { ok: false, error: `pod with UID "${uid}" cannot be found - no logs available` };
    const status = this.statusManager.getPodStatus(uid) ?? pod.status ?? {};
    const v = validateContainerLogStatus(pod.metadata.name ?? '', status, container, opts.previous ?? false);
    if ('error' in v) return { ok: false, error: v.error };
    const raw = v.id.replace(/^[a-z]+:\/\//, '');
    return { ok: true, text: readLogs(this.runtime.containerLogs(raw), opts, this.epochMs, this.sched.now()) };
  }

  // Models status_manager.go Start's syncTicker: syncBatch(all) reconciles every cached status with the API's.
  private statusSync(): void {
    const period = this.timing.statusSyncPeriodMs;
    this.sched.at((Math.floor(this.sched.now() / period) + 1) * period, () => {
      this.statusManager.reconcile();
      this.statusSync();
    });
  }

  // The PLEG notices runtime changes on its next relist and syncs those pods.
  private onRuntimeEvent(uid: string): void {
    this.plegDirty.add(uid);
    if (this.relist) return;
    const period = this.timing.plegRelistPeriodMs;
    const at = (Math.floor(this.sched.now() / period) + 1) * period;
    this.relist = this.sched.at(at, () => {
      this.relist = null;
      const dirty = [...this.plegDirty];
      this.plegDirty.clear();
      for (const u of dirty) this.workers.requestSync(u);
    });
  }

  // The sync loop syncs a pod once its activeDeadlineSeconds have passed.
  private watchDeadline(pod: Pod): void {
    const uid = pod.metadata.uid!;
    if (pod.spec?.activeDeadlineSeconds === undefined || this.deadlines.has(uid)) return;
    const arm = () => {
      const at = this.syncer.activeDeadlineAt(pod);
      if (at === null) {
        // No start time yet: look again after the pod's first sync.
        this.deadlines.set(uid, { at: -1, cancel: this.sched.after(this.timing.syncTickMs, arm) });
        return;
      }
      const tick = this.timing.syncTickMs;
      this.deadlines.set(uid, { at, cancel: this.sched.at(Math.ceil(at / tick) * tick, () => this.workers.requestSync(uid)) });
    };
    arm();
  }

  private cleanup(uid: string): void {
    this.runtimeManager.removePod(uid);
    this.volumes.removePod(uid);
    this.statusManager.removePod(uid);
    this.reasons.removePod(uid);
    this.syncer.forget(uid);
    this.probes.removePod(uid);
    this.deadlines.get(uid)?.cancel();
    this.deadlines.delete(uid);
  }
}

