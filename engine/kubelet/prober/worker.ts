// A probe worker: one per probe of a container, probing every periodSeconds from when the pod was
// added (and at once when asked), counting results against the thresholds, and setting the result
// the rest of the kubelet reads. A failed liveness or startup probe puts it on hold until the
// container has been replaced.

import type { Container, Pod, PodStatus } from '../../api/types';
import { suspend, type Co } from '../../sim/co';
import type { ProbeResult } from '../kuberuntime/pod-actions';
import type { CancelTimer, Scheduler } from '../scheduler';
import { probeOf, type ProbeOutcome, type ProbeType } from './prober';
import type { ResultsManager } from './results';

/** What a worker needs from the kubelet. */
export interface WorkerHost {
  sched: Scheduler;
  /** The status the kubelet generated last for a pod (statusManager.GetPodStatus). */
  podStatus(uid: string): PodStatus | undefined;
  /** Runs the probe once. */
  probe(type: ProbeType, pod: Pod, status: PodStatus, container: Container): Co<ProbeOutcome>;
  /** Wall ms that simulated 0 stands for (to read startedAt). */
  epochMs: number;
}

// Models pkg/kubelet/prober/worker.go
/** One probe of one container. */
export class ProbeWorker {
  private containerId = '';
  private lastResult: ProbeResult | null = null;
  private resultRun = 0;
  private onHold = false;
  private stopped = false;
  private triggered = false;
  private wake: (() => void) | null = null;
  private readonly initialValue: ProbeResult;
  private readonly periodMs: number;

  constructor(
    private readonly host: WorkerHost,
    private pod: Pod,
    private readonly container: Container,
    readonly type: ProbeType,
    private readonly results: ResultsManager,
    private readonly onExit: () => void,
  ) {
    this.initialValue = type === 'readiness' ? 'Failure' : type === 'liveness' ? 'Success' : 'Unknown';
    this.periodMs = (probeOf(container, type)?.periodSeconds ?? 10) * 1000;
  }

  /** Starts the loop; `delayMs` is the jitter upstream adds right after a kubelet restart. */
  start(delayMs: number): void {
    this.host.sched.spawn(this.run(delayMs));
  }

  /** Uses the newest version of the pod (its deletionTimestamp matters). */
  updatePod(pod: Pod): void {
    this.pod = pod;
  }

  /** worker.stop. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** The manual trigger (UpdatePodStatus asks for a readiness probe now). */
  trigger(): void {
    this.triggered = true;
    this.wake?.();
  }

  private *run(delayMs: number): Co<void> {
    if (delayMs > 0) yield* this.host.sched.sleep(delayMs);
    const start = this.host.sched.now();
    try {
      while (!this.stopped && (yield* this.doProbe())) {
        if (this.stopped) break;
        yield* this.waitTick(start);
      }
    } finally {
      if (this.containerId) this.results.remove(this.containerId);
      this.onExit();
    }
  }

  // Until the next tick of the ticker (ticks missed while probing are dropped, as time.Ticker's),
  // a manual trigger, or stop.
  private waitTick(start: number): Co<void> {
    const now = this.host.sched.now();
    let next = start + (Math.floor((now - start) / this.periodMs) + 1) * this.periodMs;
    // Float division can land a hair under a whole period (1123.456 - 123.456 < 1000): the tick due
    // now is the one just fired, so wait for the one after it.
    if (next <= now) next += this.periodMs;
    return suspend<void>((resume) => {
      if (this.triggered || this.stopped) {
        this.triggered = false;
        return resume(undefined);
      }
      let cancel: CancelTimer = () => {};
      this.wake = () => {
        this.wake = null;
        this.triggered = false;
        cancel();
        resume(undefined);
      };
      cancel = this.host.sched.at(next, () => this.wake?.());
      return () => {
        this.wake = null;
        cancel();
      };
    });
  }

  // Models pkg/kubelet/prober/worker.go doProbe
  private *doProbe(): Co<boolean> {
    const status = this.host.podStatus(this.pod.metadata.uid!);
    if (!status) return true;
    if (status.phase === 'Failed' || status.phase === 'Succeeded') return false;
    let c = status.containerStatuses?.find((s) => s.name === this.container.name);
    if (!c?.containerID) c = status.initContainerStatuses?.find((s) => s.name === this.container.name);
    if (!c?.containerID) return true;
    if (this.containerId !== c.containerID) {
      if (this.containerId) this.results.remove(this.containerId);
      this.containerId = c.containerID;
      this.results.set(this.containerId, this.initialValue, this.pod.metadata.uid!);
      this.onHold = false;
    }
    if (this.onHold) return true;
    if (!c.state?.running) {
      if (this.containerId) this.results.set(this.containerId, 'Failure', this.pod.metadata.uid!);
      return !c.state?.terminated || this.pod.spec?.restartPolicy !== 'Never';
    }
    if (this.pod.metadata.deletionTimestamp && (this.type === 'liveness' || this.type === 'startup')) {
      this.results.set(this.containerId, 'Success', this.pod.metadata.uid!);
      return false;
    }
    const spec = probeOf(this.container, this.type)!;
    const startedAt = Date.parse(c.state.running.startedAt ?? '') - this.host.epochMs;
    if (Math.trunc((this.host.sched.now() - startedAt) / 1000) < (spec.initialDelaySeconds ?? 0)) return true;
    if (c.started) {
      if (this.type === 'startup') return true;
    } else if (this.type !== 'startup') return true;

    const out = yield* this.host.probe(this.type, this.pod, status, this.container);
    if (this.stopped) return false;
    if (out.error !== undefined) return true;
    const result = out.result === 'Success' ? 'Success' : 'Failure';
    if (this.lastResult === result) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    if ((result === 'Failure' && this.resultRun < (spec.failureThreshold ?? 3)) || (result === 'Success' && this.resultRun < (spec.successThreshold ?? 1))) return true;
    this.results.set(this.containerId, result, this.pod.metadata.uid!);
    if ((this.type === 'liveness' || this.type === 'startup') && result === 'Failure') {
      // Wait for a new container before probing again.
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}
