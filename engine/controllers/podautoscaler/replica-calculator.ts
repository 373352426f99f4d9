// The HorizontalPodAutoscaler's replica calculator (pkg/controller/podautoscaler/replica_calculator.go,
// metrics/utilization.go): from the pods a target's selector picks and their metrics, the replica
// count that brings the average to the target. Pods being deleted or Failed are ignored; Pending
// pods, and for CPU pods still initialising, are unready; pods without metrics are missing. When
// the ratio is within the tolerance nothing changes; when pods are unready or missing, the ratio
// is computed again with them counted conservatively (0 on a scale-up, 100% of their request — or
// the target, if higher — on a scale-down), and a change of direction cancels the change. Pure:
// the pods, the metrics and the time come in.

import type { Pod } from '../../api/types';
import { mustParseQuantity } from '../../api/quantity';
import { getPodReadyCondition } from '../util/pods';

/** One pod's metric: a milli-value, measured at `timestamp` over `windowMs` (wall ms). */
export interface PodMetric {
  timestamp: number;
  windowMs: number;
  value: number;
}

/** PodMetricsInfo: metrics by pod name. */
export type PodMetricsInfo = Map<string, PodMetric>;

/** The calculator's settings (the controller-manager's --horizontal-pod-autoscaler-* flags). */
export interface ReplicaCalculatorOptions {
  /** --horizontal-pod-autoscaler-tolerance (0.1). */
  tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period (5m). */
  cpuInitializationPeriodMs: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay (30s). */
  delayOfInitialReadinessStatusMs: number;
}

/** What the calculators answer: the replica count and the usage measured. */
export interface ResourceReplicas {
  replicas: number;
  /** Average utilization, percent of request. */
  utilization: number;
  /** Average raw value per pod, milli-units. */
  rawUtilization: number;
  timestamp: number;
}

/** Go's zero time (0001-01-01): what an unset metav1.Time compares as. */
const goZeroMs = Date.parse('0001-01-01T00:00:00Z');

function goTimeMs(t: string | null | undefined): number {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? goZeroMs : ms;
}

/** An error the calculation ends with, its message as upstream's. */
export class ReplicaCalcError extends Error {}

// Models replica_calculator.go groupPods.
/** The pods sorted into ready (counted), unready, missing (no metric) and ignored (deleted or failed). */
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, opts: Pick<ReplicaCalculatorOptions, 'cpuInitializationPeriodMs' | 'delayOfInitialReadinessStatusMs'>, nowMs: number): { readyPodCount: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> } {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let readyPodCount = 0;
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const cond = getPodReadyCondition(pod);
      const startTime = pod.status?.startTime;
      let isUnready: boolean;
      if (!cond || !startTime) isUnready = true;
      else {
        const start = goTimeMs(startTime);
        const transition = goTimeMs(cond.lastTransitionTime);
        // Within the initialisation period a sample counts only if the pod is ready and a whole window was collected since it turned so.
        if (start + opts.cpuInitializationPeriodMs > nowMs) isUnready = cond.status === 'False' || metric.timestamp < transition + metric.windowMs;
        // After it, only a pod that has never been ready is left out.
        else isUnready = cond.status === 'False' && start + opts.delayOfInitialReadinessStatusMs > transition;
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

// Models replica_calculator.go calculatePodRequests.
/** Each pod's request of `resource` (milli), over its containers (or one) and restartable init containers. */
export function calculatePodRequests(pods: readonly Pod[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    for (const c of containers) {
      if (container !== '' && container !== c.name) continue;
      const req = c.resources?.requests?.[resource];
      if (req === undefined) throw new ReplicaCalcError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += mustParseQuantity(req).milliValue();
    }
    requests.set(pod.metadata.name ?? '', sum);
  }
  return requests;
}

// Models metrics/utilization.go GetResourceUtilizationRatio.
/** The ratio of the current utilization to the target, the utilization (percent, truncated) and the average raw value. */
export function getResourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const req = requests.get(name);
    if (req === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += req;
    entries++;
  }
  if (requestsTotal === 0) throw new ReplicaCalcError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

// Models metrics/utilization.go GetMetricUsageRatio.
/** The ratio of the average value to the target, and the average (truncated). */
export function getMetricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}

/** The replica calculator over pods and metrics already fetched. */
export class ReplicaCalculator {
  constructor(private readonly opts: ReplicaCalculatorOptions) {}

  // Models replica_calculator.go GetResourceReplicas (after the metrics and pods are fetched).
  /** The replicas for a target utilization (percent of request) of `resource`. */
  resourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, container: string, pods: readonly Pod[], fetched: PodMetricsInfo, timestamp: number, nowMs: number): ResourceReplicas {
    if (pods.length === 0) throw new ReplicaCalcError('no pods returned by selector while calculating replica count');
    const metrics = new Map(fetched);
    const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, this.opts, nowMs);
    for (const n of ignored) metrics.delete(n);
    for (const n of unready) metrics.delete(n);
    if (metrics.size === 0) throw new ReplicaCalcError('did not receive metrics for targeted pods (pods might be unready)');
    const requests = calculatePodRequests(pods, container, resource);
    const { ratio, utilization, rawAverage } = getResourceUtilizationRatio(metrics, requests, targetUtilization);
    const result = (replicas: number): ResourceReplicas => ({ replicas, utilization, rawUtilization: rawAverage, timestamp });
    const scaleUpWithUnready = unready.size > 0 && ratio > 1.0;
    if (!scaleUpWithUnready && missing.size === 0) {
      if (Math.abs(1.0 - ratio) <= this.opts.tolerance) return result(currentReplicas);
      return result(Math.ceil(ratio * readyPodCount));
    }
    if (missing.size > 0) {
      if (ratio < 1.0) {
        // On a scale-down, missing pods count as using all of their request (or the target, when it is over 100%).
        const fallback = Math.max(100, targetUtilization);
        for (const n of missing) metrics.set(n, { timestamp: 0, windowMs: 0, value: Math.trunc(((requests.get(n) ?? 0) * fallback) / 100) });
      } else if (ratio > 1.0) {
        for (const n of missing) metrics.set(n, { timestamp: 0, windowMs: 0, value: 0 });
      }
    }
    if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { timestamp: 0, windowMs: 0, value: 0 });
    const again = getResourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
    if (Math.abs(1.0 - again) <= this.opts.tolerance || (ratio < 1.0 && again > 1.0) || (ratio > 1.0 && again < 1.0)) return result(currentReplicas);
    const replicas = Math.ceil(again * metrics.size);
    if ((again < 1.0 && replicas > currentReplicas) || (again > 1.0 && replicas < currentReplicas)) return result(currentReplicas);
    return result(replicas);
  }

  // Models replica_calculator.go calcPlainMetricReplicas (GetRawResourceReplicas and GetMetricReplicas).
  /** The replicas for a target average value (milli) per pod. */
  plainMetricReplicas(currentReplicas: number, targetUsage: number, resource: string, pods: readonly Pod[], fetched: PodMetricsInfo, nowMs: number): { replicas: number; usage: number } {
    if (pods.length === 0) throw new ReplicaCalcError('no pods returned by selector while calculating replica count');
    const metrics = new Map(fetched);
    const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, this.opts, nowMs);
    for (const n of ignored) metrics.delete(n);
    for (const n of unready) metrics.delete(n);
    if (metrics.size === 0) throw new ReplicaCalcError('did not receive metrics for targeted pods (pods might be unready)');
    const { ratio, usage } = getMetricUsageRatio(metrics, targetUsage);
    const scaleUpWithUnready = unready.size > 0 && ratio > 1.0;
    if (!scaleUpWithUnready && missing.size === 0) {
      if (Math.abs(1.0 - ratio) <= this.opts.tolerance) return { replicas: currentReplicas, usage };
      return { replicas: Math.ceil(ratio * readyPodCount), usage };
    }
    if (missing.size > 0) {
      if (ratio < 1.0) for (const n of missing) metrics.set(n, { timestamp: 0, windowMs: 0, value: targetUsage });
      else if (ratio > 1.0) for (const n of missing) metrics.set(n, { timestamp: 0, windowMs: 0, value: 0 });
    }
    if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { timestamp: 0, windowMs: 0, value: 0 });
    const again = getMetricUsageRatio(metrics, targetUsage).ratio;
    if (Math.abs(1.0 - again) <= this.opts.tolerance || (ratio < 1.0 && again > 1.0) || (ratio > 1.0 && again < 1.0)) return { replicas: currentReplicas, usage };
    const replicas = Math.ceil(again * metrics.size);
    if ((again < 1.0 && replicas > currentReplicas) || (again > 1.0 && replicas < currentReplicas)) return { replicas: currentReplicas, usage };
    return { replicas, usage };
  }
}
