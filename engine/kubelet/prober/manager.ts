// The probe manager: a worker per probe of every container of every pod on the node, the three
// result caches, and UpdatePodStatus, which turns results into each container's `started` and
// `ready` in the status the kubelet reports.

import type { Container, Pod, PodStatus } from '../../api/types';
import type { Rng } from '../../sim/rng';
import { isRestartableInitContainer, type ProbeResults } from '../kuberuntime/pod-actions';
import { probeOf, type ProbeType } from './prober';
import { ResultsManager, type ResultUpdate } from './results';
import { ProbeWorker, type WorkerHost } from './worker';

const probeTypes: ProbeType[] = ['startup', 'readiness', 'liveness'];

// Models pkg/kubelet/prober/prober_manager.go
/** All probe workers of a node. */
export class ProbeManager implements ProbeResults {
  readonly readinessManager: ResultsManager;
  readonly livenessManager: ResultsManager;
  readonly startupManager: ResultsManager;
  private readonly workers = new Map<string, ProbeWorker>();
  private readonly startedAt: number;

  constructor(
    private readonly host: WorkerHost,
    private readonly rng: Rng,
    onUpdate: (type: ProbeType, u: ResultUpdate) => void,
  ) {
    this.readinessManager = new ResultsManager((u) => onUpdate('readiness', u));
    this.livenessManager = new ResultsManager((u) => onUpdate('liveness', u));
    this.startupManager = new ResultsManager((u) => onUpdate('startup', u));
    this.startedAt = host.sched.now();
  }

  liveness(containerId: string) {
    return this.livenessManager.get(containerId);
  }

  startup(containerId: string) {
    return this.startupManager.get(containerId);
  }

  private key(uid: string, name: string, type: ProbeType): string {
    return `${uid}/${name}/${type}`;
  }

  /** AddPod: workers for the probes of the pod's containers and sidecars. */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter(isRestartableInitContainer)];
    for (const c of containers) {
      for (const type of probeTypes) {
        if (!probeOf(c, type)) continue;
        const key = this.key(uid, c.name, type);
        if (this.workers.has(key)) continue;
        const results = type === 'readiness' ? this.readinessManager : type === 'liveness' ? this.livenessManager : this.startupManager;
        const w = new ProbeWorker(this.host, pod, c, type, results, () => this.workers.delete(key));
        this.workers.set(key, w);
        w.start(this.jitter(c, type));
      }
    }
  }

  // Right after the kubelet starts, a worker first waits a random part of its period.
  private jitter(c: Container, type: ProbeType): number {
    const period = (probeOf(c, type)?.periodSeconds ?? 10) * 1000;
    return period > this.host.sched.now() - this.startedAt ? Math.floor(this.rng.next() * period) : 0;
  }

  /** Hands the workers the newest pod object. */
  updatePod(pod: Pod): void {
    const prefix = `${pod.metadata.uid}/`;
    for (const [k, w] of this.workers) if (k.startsWith(prefix)) w.updatePod(pod);
  }

  /** StopLivenessAndStartup: a terminating pod keeps only its readiness probes. */
  stopLivenessAndStartup(pod: Pod): void {
    const prefix = `${pod.metadata.uid}/`;
    for (const [k, w] of this.workers) if (k.startsWith(prefix) && w.type !== 'readiness') w.stop();
  }

  /** RemovePod. */
  removePod(uid: string): void {
    const prefix = `${uid}/`;
    for (const [k, w] of this.workers) if (k.startsWith(prefix)) w.stop();
  }

  // Models pkg/kubelet/prober/prober_manager.go UpdatePodStatus
  /** Sets every container status's `started` and `ready` from the probe results. */
  updatePodStatus(pod: Pod, status: PodStatus): void {
    const uid = pod.metadata.uid!;
    for (const c of status.containerStatuses ?? []) {
      const started = this.isContainerStarted(uid, c);
      c.started = started;
      if (!started) continue;
      c.ready = this.isReady(uid, c);
    }
    const inits = pod.spec?.initContainers ?? [];
    for (const c of status.initContainerStatuses ?? []) {
      const started = this.isContainerStarted(uid, c);
      c.started = started;
      const spec = inits.find((i) => i.name === c.name);
      if (!spec) continue;
      if (!isRestartableInitContainer(spec)) {
        if (c.state?.terminated && c.state.terminated.exitCode === 0) c.ready = true;
        continue;
      }
      if (!started) continue;
      c.ready = this.isReady(uid, c);
    }
  }

  private isReady(uid: string, c: NonNullable<PodStatus['containerStatuses']>[number]): boolean {
    if (!c.state?.running) return false;
    if (this.readinessManager.get(c.containerID ?? '') === 'Success') return true;
    const w = this.workers.get(this.key(uid, c.name, 'readiness'));
    // No readiness probe: ready once started. One that has not answered yet is asked to now.
    if (w) w.trigger();
    return !w;
  }

  private isContainerStarted(uid: string, c: NonNullable<PodStatus['containerStatuses']>[number]): boolean {
    if (!c.state?.running) return false;
    const r = this.startupManager.get(c.containerID ?? '');
    if (r !== undefined) return r === 'Success';
    return !this.workers.has(this.key(uid, c.name, 'startup'));
  }
}
