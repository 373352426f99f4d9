// The probe results the kubelet keeps per container (pkg/kubelet/prober/results): a worker sets
// them, the sync loop reads liveness and startup, the status reads readiness and startup, and a
// change is announced so the pod is synced again.

// Models pkg/kubelet/prober/results/results_manager.go

import type { ProbeResult } from '../kuberuntime/pod-actions';

/** A result that changed. */
export interface ResultUpdate {
  containerId: string;
  result: ProbeResult;
  podUid: string;
}

/** One kind of probe's results, by container id. */
export class ResultsManager {
  private readonly cache = new Map<string, ProbeResult>();

  constructor(private readonly onUpdate: (u: ResultUpdate) => void) {}

  get(containerId: string): ProbeResult | undefined {
    return this.cache.get(containerId);
  }

  /** Records a result; a change is announced (an unchanged one is not, as upstream's Set). */
  set(containerId: string, result: ProbeResult, podUid: string): void {
    if (this.cache.get(containerId) === result) return;
    this.cache.set(containerId, result);
    this.onUpdate({ containerId, result, podUid });
  }

  remove(containerId: string): void {
    this.cache.delete(containerId);
  }
}
