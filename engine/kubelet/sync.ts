// The three things a pod worker does to a pod (pkg/kubelet/kubelet.go): SyncPod while it should
// run (status first, from what the runtime had, then the runtime's SyncPod), SyncTerminatingPod once
// it is deleted or has finished (stop everything within the grace period, then a terminal
// status), and SyncTerminatedPod (the final status; the pod may then be deleted from the API).

import type { Pod, PodStatus } from '../api/types';
import type { Co } from '../sim/co';
import { getPodStatus, type KubePodStatus } from './kuberuntime/pod-status';
import type { RuntimeManager } from './kuberuntime/runtime-manager';
import type { ProbeManager } from './prober/manager';
import type { ReasonCache } from './reason-cache';
import type { RuntimeService } from './runtime/runtime-service';
import { deadlineExceededMessage, generateAPIPodStatus } from './status/api-status';
import { podRef, reason, type EventRecorder } from './events';
import type { StatusManager } from './status/status-manager';
import { isPodPhaseTerminal as isTerminal } from './status/phase';

/** What SyncPod tells the pod worker. */
export interface SyncOutcome {
  /** The pod reached a terminal phase: terminate it. */
  terminal: boolean;
  /** Something failed: try again after the back-off period. */
  failed: boolean;
}

/** What the syncer is built from. */
export interface SyncerDeps {
  rt: RuntimeService;
  runtime: RuntimeManager;
  status: StatusManager;
  probes: ProbeManager;
  reasons: ReasonCache;
  epochMs: number;
  nodeIP: string;
  recorder: EventRecorder;
  now(): number;
}


/** The kubelet's per-pod sync functions. */
export class PodSyncer {
  // Pod IPs seen before the sandbox was stopped, reported after termination (preserveDataFromBeforeStopping).
  private readonly preservedIPs = new Map<string, string[]>();

  constructor(private readonly d: SyncerDeps) {}

  // Models pkg/kubelet/active_deadline.go pastActiveDeadline
  /** Whether the pod has run on the node longer than activeDeadlineSeconds. */
  pastActiveDeadline(pod: Pod): boolean {
    const deadline = pod.spec?.activeDeadlineSeconds;
    const start = this.d.status.getPodStatus(pod.metadata.uid!)?.startTime ?? pod.status?.startTime;
    if (deadline === undefined || !start) return false;
    return this.d.epochMs + this.d.now() - Date.parse(start) >= deadline * 1000;
  }

  /** When the pod's active deadline passes, in simulated ms (null without one). */
  activeDeadlineAt(pod: Pod): number | null {
    const deadline = pod.spec?.activeDeadlineSeconds;
    const start = this.d.status.getPodStatus(pod.metadata.uid!)?.startTime;
    if (deadline === undefined || !start) return null;
    return Date.parse(start) - this.d.epochMs + deadline * 1000;
  }

  private podStatus(pod: Pod): KubePodStatus {
    const m = pod.metadata;
    const s = getPodStatus(this.d.rt, m.uid!, m.name ?? '', m.namespace ?? 'default');
    if (s.ips.length === 0) {
      const kept = this.preservedIPs.get(m.uid!);
      if (kept) s.ips = kept;
    }
    return s;
  }

  private generate(pod: Pod, status: KubePodStatus, podIsTerminal: boolean): PodStatus {
    const d = this.d;
    const pastActiveDeadline = this.pastActiveDeadline(pod);
    // The active deadline handler's ShouldEvict records its event each time it says evict.
    if (pastActiveDeadline && !isTerminal(pod.status?.phase)) d.recorder.event(podRef(pod), 'Normal', reason.deadlineExceeded, deadlineExceededMessage);
    const s = generateAPIPodStatus({ epochMs: d.epochMs, nodeIP: d.nodeIP, reasons: d.reasons, probes: d.probes, previous: d.status.getPodStatus(pod.metadata.uid!), pastActiveDeadline }, pod, status, podIsTerminal);
    d.status.setPodStatus(pod, s);
    return s;
  }

  // Models pkg/kubelet/kubelet.go SyncPod
  /** One sync of a pod that should be running. */
  *syncPod(pod: Pod): Co<SyncOutcome> {
    const status = this.podStatus(pod);
    const api = this.generate(pod, status, false);
    if (isTerminal(api.phase)) return { terminal: true, failed: false };
    const result = yield* this.d.runtime.syncPod(pod, status);
    for (const [name, failure] of result.starts) {
      if (failure) this.d.reasons.add(pod.metadata.uid!, name, failure.reason, failure.message);
      else this.d.reasons.remove(pod.metadata.uid!, name);
    }
    return { terminal: false, failed: result.failed };
  }

  // Models pkg/kubelet/kubelet.go SyncTerminatingPod
  /** Stops a pod's containers and reports its terminal status. */
  *syncTerminatingPod(pod: Pod, gracePeriodOverride?: number): Co<void> {
    const uid = pod.metadata.uid!;
    const before = this.podStatus(pod);
    this.generate(pod, before, false);
    this.d.probes.stopLivenessAndStartup(pod);
    if (before.ips.length > 0) this.preservedIPs.set(uid, before.ips);
    yield* this.d.runtime.killPod(pod, before, gracePeriodOverride);
    this.generate(pod, this.podStatus(pod), true);
  }

  // Models pkg/kubelet/kubelet.go SyncTerminatedPod
  /** The final status of a pod whose containers are all stopped. */
  *syncTerminatedPod(pod: Pod): Co<void> {
    this.generate(pod, this.podStatus(pod), true);
    this.d.probes.removePod(pod.metadata.uid!);
  }

  /** Forgets a pod that is gone from the node. */
  forget(uid: string): void {
    this.preservedIPs.delete(uid);
  }
}
