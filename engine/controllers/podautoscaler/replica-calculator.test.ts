// Ported from pkg/controller/podautoscaler/replica_calculator_test.go (Kubernetes 1.32): the same
// fixtures (pods test-pod-N with two containers, each requesting the pod's request; PodMetrics
// with a one-minute window through the resource metrics client) and the same expectations.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { FakeClient } from '../testing';
import { podMetricsResource, type PodMetrics } from '../../metrics/types';
import { Coroutine, type Co } from '../../sim/co';
import { getResourceMetric } from './metrics-client';
import { calculatePodRequests, groupPods, ReplicaCalculator, type PodMetricsInfo } from './replica-calculator';

const ns = 'test-namespace';
const prefix = 'test-pod';
const numContainersPerPod = 2;
const nowMs = Date.UTC(2026, 0, 1, 12, 0, 0);
const zero = '0001-01-01T00:00:00Z';
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const hot = () => iso(nowMs);
const cool = () => iso(nowMs - 3 * 60_000);
// defaultTestingCPUInitializationPeriod (2m) and defaultTestingDelayOfInitialReadinessStatus (10s).
const calc = new ReplicaCalculator({ tolerance: 0.1, cpuInitializationPeriodMs: 2 * 60_000, delayOfInitialReadinessStatusMs: 10_000 });

interface ResourceInfo {
  name: string;
  requests: string[];
  levels: number[][];
  podNames?: string[];
  targetUtilization: number;
  expectedUtilization?: number;
  expectedValue?: number;
}

interface TestCase {
  currentReplicas: number;
  expectedReplicas?: number;
  expectedError?: string;
  resource: ResourceInfo;
  container?: string;
  podReadiness?: ('True' | 'False')[];
  podStartTime?: string[];
  podPhase?: ('Running' | 'Pending' | 'Failed')[];
  podDeletionTimestamp?: boolean[];
}

const levels = (...perPod: number[]) => perPod.map((v) => Array.from({ length: numContainersPerPod }, () => v));
const req = (...qs: string[]) => qs;
const ones = (n: number) => Array.from({ length: n }, () => '1.0');

// prepareTestClientSet: pods with a Ready condition, two containers requesting the pod's request.
function podsOf(tc: TestCase): Pod[] {
  const count = Math.max(tc.currentReplicas, tc.podPhase?.length ?? 0);
  return Array.from({ length: count }, (_, i) => {
    const requests = i < tc.resource.requests.length ? { requests: { [tc.resource.name]: tc.resource.requests[i] } } : {};
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${prefix}-${i}`, namespace: ns, labels: { name: prefix }, ...(tc.podDeletionTimestamp?.[i] ? { deletionTimestamp: iso(nowMs) } : {}) },
      spec: { containers: [{ name: 'container1', resources: requests }, { name: 'container2', resources: requests }] },
      status: { phase: tc.podPhase?.[i] ?? 'Running', startTime: tc.podStartTime?.[i] ?? zero, conditions: [{ type: 'Ready', status: tc.podReadiness?.[i] ?? 'True' }] },
    } as Pod;
  });
}

// prepareTestMetricsClient: one PodMetrics per level row, at the zero timestamp, over a minute.
function metricsClient(tc: TestCase): FakeClient {
  const client = new FakeClient();
  tc.resource.levels.forEach((row, i) => {
    const m: PodMetrics = {
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: tc.resource.podNames?.[i] ?? `${prefix}-${i}`, namespace: ns, labels: { name: prefix } },
      timestamp: zero,
      window: '1m0s',
      containers: row.map((v, j) => ({ name: `container${j + 1}`, usage: { [tc.resource.name]: `${v}m` } })),
    };
    client.seed(podMetricsResource, m as never);
  });
  return client;
}

function run<T>(co: Co<T>): T {
  let out: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
  new Coroutine(co, (o) => (out = o.ok ? { ok: true, value: o.value } : { ok: false, error: o.error })).start();
  const o = out as { ok: true; value: T } | { ok: false; error: unknown } | null;
  if (!o) throw new Error('did not finish');
  if (!o.ok) throw o.error;
  return o.value;
}

// runTest: GetResourceReplicas through the metrics client.
function runTest(tc: TestCase): void {
  const r = tc.resource;
  const result = () =>
    run(
      (function* () {
        let fetched;
        try {
          fetched = yield* getResourceMetric(metricsClient(tc), r.name, ns, `name=${prefix}`, tc.container ?? '');
        } catch (e) {
          throw new Error(`unable to get metrics for resource ${r.name}: ${(e as Error).message}`);
        }
        return calc.resourceReplicas(tc.currentReplicas, r.targetUtilization, r.name, tc.container ?? '', podsOf(tc), fetched.metrics, fetched.timestamp, nowMs);
      })(),
    );
  if (tc.expectedError) {
    expect(result).toThrow(tc.expectedError);
    return;
  }
  const out = result();
  expect(out.replicas).toBe(tc.expectedReplicas);
  expect(out.utilization).toBe(r.expectedUtilization);
  expect(out.rawUtilization).toBe(r.expectedValue);
  expect(out.timestamp).toBe(Date.parse(zero));
}

const cpu = (rest: Omit<ResourceInfo, 'name'>): ResourceInfo => ({ name: 'cpu', ...rest });

const cases: [string, TestCase][] = [
  ['DisjointResourcesMetrics', { currentReplicas: 1, expectedError: 'no metrics returned matched known pods', resource: cpu({ requests: req('1.0'), levels: levels(100), podNames: ['an-older-pod-name'], targetUtilization: 100 }) }],
  ['ScaleUp', { currentReplicas: 3, expectedReplicas: 5, resource: cpu({ requests: ones(3), levels: levels(300, 500, 700), targetUtilization: 30, expectedUtilization: 50, expectedValue: numContainersPerPod * 500 }) }],
  ['ContainerScaleUp', { currentReplicas: 3, expectedReplicas: 5, container: 'container2', resource: cpu({ requests: ones(3), levels: [[1000, 300], [1000, 500], [1000, 700]], targetUtilization: 30, expectedUtilization: 50, expectedValue: 500 }) }],
  ['ScaleUpUnreadyLessScale', { currentReplicas: 3, expectedReplicas: 4, podReadiness: ['False', 'True', 'True'], resource: cpu({ requests: ones(3), levels: levels(300, 500, 700), targetUtilization: 30, expectedUtilization: 60, expectedValue: numContainersPerPod * 600 }) }],
  ['ScaleUpContainerHotCpuLessScale', { currentReplicas: 3, expectedReplicas: 4, podStartTime: [hot(), cool(), cool()], container: 'container2', resource: cpu({ requests: ones(3), levels: [[0, 300], [0, 500], [0, 700]], targetUtilization: 30, expectedUtilization: 60, expectedValue: 600 }) }],
  ['ScaleUpHotCpuLessScale', { currentReplicas: 3, expectedReplicas: 4, podStartTime: [hot(), cool(), cool()], resource: cpu({ requests: ones(3), levels: levels(300, 500, 700), targetUtilization: 30, expectedUtilization: 60, expectedValue: numContainersPerPod * 600 }) }],
  ['ScaleUpUnreadyNoScale', { currentReplicas: 3, expectedReplicas: 3, podReadiness: ['True', 'False', 'False'], resource: cpu({ requests: ones(3), levels: levels(400, 500, 700), targetUtilization: 30, expectedUtilization: 40, expectedValue: numContainersPerPod * 400 }) }],
  ['ScaleHotCpuNoScale', { currentReplicas: 3, expectedReplicas: 3, podReadiness: ['True', 'False', 'False'], podStartTime: [cool(), hot(), hot()], resource: cpu({ requests: ones(3), levels: levels(400, 500, 700), targetUtilization: 30, expectedUtilization: 40, expectedValue: numContainersPerPod * 400 }) }],
  ['ScaleUpIgnoresFailedPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Failed', 'Failed'], resource: cpu({ requests: ones(4), levels: levels(500, 700), targetUtilization: 30, expectedUtilization: 60, expectedValue: numContainersPerPod * 600 }) }],
  ['MissingContainerMetricScaleUpIgnoresFailedPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Failed', 'Failed'], container: 'container2', resource: cpu({ requests: ones(4), levels: [[1000, 500], [9000, 700], [1000], [9000]], targetUtilization: 30, expectedUtilization: 60, expectedValue: 600 }) }],
  ['ScaleUpContainerIgnoresFailedPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Failed', 'Failed'], container: 'container2', resource: cpu({ requests: ones(4), levels: [[1000, 500], [9000, 700]], targetUtilization: 30, expectedUtilization: 60, expectedValue: 600 }) }],
  ['ScaleUpIgnoresDeletionPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Running', 'Running'], podDeletionTimestamp: [false, false, true, true], resource: cpu({ requests: ones(4), levels: levels(500, 700), targetUtilization: 30, expectedUtilization: 60, expectedValue: numContainersPerPod * 600 }) }],
  ['ScaleUpContainerIgnoresDeletionPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Running', 'Running'], podDeletionTimestamp: [false, false, true, true], container: 'container1', resource: cpu({ requests: ones(4), levels: levels(500, 700), targetUtilization: 30, expectedUtilization: 60, expectedValue: 600 }) }],
  ['ScaleDown', { currentReplicas: 5, expectedReplicas: 3, resource: cpu({ requests: ones(5), levels: levels(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 28, expectedValue: numContainersPerPod * 280 }) }],
  ['ContainerScaleDown', { currentReplicas: 5, expectedReplicas: 3, container: 'container2', resource: cpu({ requests: ones(5), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], targetUtilization: 50, expectedUtilization: 28, expectedValue: 280 }) }],
  ['ScaleDownExcludeUnreadyPods', { currentReplicas: 5, expectedReplicas: 2, podReadiness: ['True', 'True', 'True', 'False', 'False'], resource: cpu({ requests: ones(5), levels: levels(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 30, expectedValue: numContainersPerPod * 300 }) }],
  ['ScaleDownContainerExcludeUnreadyPods', { currentReplicas: 5, expectedReplicas: 2, podReadiness: ['True', 'True', 'True', 'False', 'False'], container: 'container2', resource: cpu({ requests: ones(5), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], targetUtilization: 50, expectedUtilization: 30, expectedValue: 300 }) }],
  ['ScaleDownExcludeUnscheduledPods', { currentReplicas: 5, expectedReplicas: 1, podReadiness: ['True', 'False', 'False', 'False', 'False'], podPhase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], resource: cpu({ requests: ones(5), levels: levels(100), targetUtilization: 50, expectedUtilization: 10, expectedValue: numContainersPerPod * 100 }) }],
  ['ScaleDownContainerExcludeUnscheduledPods', { currentReplicas: 5, expectedReplicas: 1, podReadiness: ['True', 'False', 'False', 'False', 'False'], podPhase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], container: 'container2', resource: cpu({ requests: ones(5), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], targetUtilization: 50, expectedUtilization: 10, expectedValue: 100 }) }],
  ['ScaleDownIgnoreHotCpuPods', { currentReplicas: 5, expectedReplicas: 2, podStartTime: [cool(), cool(), cool(), hot(), hot()], resource: cpu({ requests: ones(5), levels: levels(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 30, expectedValue: numContainersPerPod * 300 }) }],
  ['ScaleDownContainerIgnoreHotCpuPods', { currentReplicas: 5, expectedReplicas: 2, podStartTime: [cool(), cool(), cool(), hot(), hot()], container: 'container2', resource: cpu({ requests: ones(5), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 1000], [1000, 1000]], targetUtilization: 50, expectedUtilization: 30, expectedValue: 300 }) }],
  ['ScaleDownIgnoresFailedPods', { currentReplicas: 5, expectedReplicas: 3, podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], resource: cpu({ requests: ones(7), levels: levels(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 28, expectedValue: numContainersPerPod * 280 }) }],
  ['ScaleDownContainerIgnoresFailedPods', { currentReplicas: 5, expectedReplicas: 3, podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], container: 'container2', resource: cpu({ requests: ones(7), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], targetUtilization: 50, expectedUtilization: 28, expectedValue: 280 }) }],
  ['ScaleDownIgnoresDeletionPods', { currentReplicas: 5, expectedReplicas: 3, podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Running', 'Running'], podDeletionTimestamp: [false, false, false, false, false, true, true], resource: cpu({ requests: ones(7), levels: levels(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 28, expectedValue: numContainersPerPod * 280 }) }],
  // Regression test for kubernetes#83561.
  ['ScaleDownIgnoresDeletionPods_StillRunning', { currentReplicas: 5, expectedReplicas: 3, podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Running', 'Running'], podDeletionTimestamp: [false, false, false, false, false, true, true], container: 'container2', resource: cpu({ requests: ones(7), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], targetUtilization: 50, expectedUtilization: 28, expectedValue: 280 }) }],
  ['Tolerance', { currentReplicas: 3, expectedReplicas: 3, resource: cpu({ requests: req('0.9', '1.0', '1.1'), levels: levels(1010, 1030, 1020), targetUtilization: 100, expectedUtilization: 102, expectedValue: numContainersPerPod * 1020 }) }],
  ['SuperfluousMetrics', { currentReplicas: 4, expectedReplicas: 24, resource: cpu({ requests: ones(4), levels: levels(4000, 9500, 3000, 7000, 3200, 2000), targetUtilization: 100, expectedUtilization: 587, expectedValue: numContainersPerPod * 5875 }) }],
  ['MissingMetrics', { currentReplicas: 4, expectedReplicas: 3, resource: cpu({ requests: ones(4), levels: levels(400, 95), targetUtilization: 100, expectedUtilization: 24, expectedValue: 495 }) }],
  ['EmptyMetrics', { currentReplicas: 4, expectedError: 'unable to get metrics for resource cpu: no metrics returned from resource metrics API', resource: cpu({ requests: ones(3), levels: levels(), targetUtilization: 100 }) }],
  ['EmptyCPURequest', { currentReplicas: 1, expectedError: 'missing request for', resource: cpu({ requests: [], levels: levels(200), targetUtilization: 100 }) }],
  ['MissingMetricsNoChangeEq', { currentReplicas: 2, expectedReplicas: 2, resource: cpu({ requests: ones(2), levels: levels(1000), targetUtilization: 100, expectedUtilization: 100, expectedValue: numContainersPerPod * 1000 }) }],
  ['MissingMetricsNoChangeGt', { currentReplicas: 2, expectedReplicas: 2, resource: cpu({ requests: ones(2), levels: levels(1900), targetUtilization: 100, expectedUtilization: 190, expectedValue: numContainersPerPod * 1900 }) }],
  ['MissingMetricsNoChangeLt', { currentReplicas: 2, expectedReplicas: 2, resource: cpu({ requests: ones(2), levels: levels(600), targetUtilization: 100, expectedUtilization: 60, expectedValue: numContainersPerPod * 600 }) }],
  ['MissingMetricsUnreadyChange', { currentReplicas: 3, expectedReplicas: 3, podReadiness: ['False', 'True', 'True'], resource: cpu({ requests: ones(3), levels: levels(100, 450), targetUtilization: 50, expectedUtilization: 45, expectedValue: numContainersPerPod * 450 }) }],
  ['MissingMetricsHotCpuNoChange', { currentReplicas: 3, expectedReplicas: 3, podStartTime: [hot(), cool(), cool()], resource: cpu({ requests: ones(3), levels: levels(100, 450), targetUtilization: 50, expectedUtilization: 45, expectedValue: numContainersPerPod * 450 }) }],
  ['MissingMetricsUnreadyScaleUp', { currentReplicas: 3, expectedReplicas: 4, podReadiness: ['False', 'True', 'True'], resource: cpu({ requests: ones(3), levels: levels(100, 2000), targetUtilization: 50, expectedUtilization: 200, expectedValue: numContainersPerPod * 2000 }) }],
  ['MissingMetricsHotCpuScaleUp', { currentReplicas: 3, expectedReplicas: 4, podReadiness: ['False', 'True', 'True'], podStartTime: [hot(), cool(), cool()], resource: cpu({ requests: ones(3), levels: levels(100, 2000), targetUtilization: 50, expectedUtilization: 200, expectedValue: numContainersPerPod * 2000 }) }],
  ['MissingMetricsUnreadyScaleDown', { currentReplicas: 4, expectedReplicas: 3, podReadiness: ['False', 'True', 'True', 'True'], resource: cpu({ requests: ones(4), levels: levels(100, 100, 100), targetUtilization: 50, expectedUtilization: 10, expectedValue: numContainersPerPod * 100 }) }],
  ['MissingMetricsScaleDownTargetOver100', { currentReplicas: 4, expectedReplicas: 2, podReadiness: ['False', 'True', 'True', 'True'], resource: cpu({ requests: req('1.0', '1.0', '2.0', '2.0'), levels: levels(200, 100, 100), targetUtilization: 300, expectedUtilization: 6, expectedValue: numContainersPerPod * 100 }) }],
  ['DuringRollingUpdateWithMaxSurge', { currentReplicas: 2, expectedReplicas: 2, podPhase: ['Running', 'Running', 'Running'], resource: cpu({ requests: ones(3), levels: levels(100, 100), targetUtilization: 50, expectedUtilization: 10, expectedValue: numContainersPerPod * 100 }) }],
];

describe('ReplicaCalculator.resourceReplicas (TestReplicaCalc*)', () => {
  for (const [name, tc] of cases) it(name, () => runTest(tc));

  // TestReplicaCalcComputedToleranceAlgImplementation: a minimal scale-down just past the tolerance, then none just inside it.
  it('ComputedToleranceAlgImplementation', () => {
    const startPods = 10;
    const totalUsed = startPods * 150;
    const totalRequested = 2 * totalUsed;
    const requestedToUsed = Math.trunc(totalRequested / totalUsed);
    const perPodRequested = totalRequested / startPods;
    let target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.01;
    const usedRatio = totalUsed / (totalRequested * target);
    const finalPods = Math.ceil(usedRatio * startPods);
    const base: TestCase = {
      currentReplicas: startPods,
      expectedReplicas: finalPods,
      resource: cpu({
        levels: levels(...Array.from({ length: 10 }, () => totalUsed / 10)),
        requests: [100, -100, 10, -10, 2, -2, 1, -1, 0, 0].map((d) => `${perPodRequested + d}m`),
        targetUtilization: Math.trunc(target * 100),
        expectedUtilization: Math.trunc((totalUsed * 100) / totalRequested),
        expectedValue: (numContainersPerPod * totalUsed) / 10,
      }),
    };
    runTest(base);
    target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.004;
    runTest({ ...base, expectedReplicas: startPods, resource: { ...base.resource, targetUtilization: Math.trunc(target * 100) } });
  });
});

// The plain (per-pod value) calculation, as TestReplicaCalc*CM runs it for Pods metrics.
describe('ReplicaCalculator.plainMetricReplicas', () => {
  const plain = (current: number, values: number[], target: number, readiness?: ('True' | 'False')[], pods = current) => {
    const tc: TestCase = { currentReplicas: pods, resource: cpu({ requests: [], levels: [], targetUtilization: 0 }), podReadiness: readiness };
    const metrics: PodMetricsInfo = new Map(values.map((v, i) => [`${prefix}-${i}`, { timestamp: 0, windowMs: 60_000, value: v }]));
    return calc.plainMetricReplicas(current, target, '', podsOf(tc), metrics, nowMs);
  };
  it('ScaleUpCM', () => expect(plain(3, [20000, 10000, 30000], 15000)).toEqual({ replicas: 4, usage: 20000 }));
  it('ScaleUpCMUnreadyHotCpuNoLessScale', () => expect(plain(3, [50000, 10000, 30000], 15000, ['True', 'True', 'False'])).toEqual({ replicas: 6, usage: 30000 }));
  it('ScaleUpCMUnreadyHotCpuScaleWouldScaleDown', () => expect(plain(3, [50000, 15000, 30000], 15000, ['False', 'True', 'False'])).toEqual({ replicas: 7, usage: 31666 }));
  it('ScaleUpCMExternalNoLabels', () => expect(plain(1, [8600], 4400)).toEqual({ replicas: 2, usage: 8600 }));
  it('ScaleDownCM', () => expect(plain(5, [12000, 12000, 12000, 12000, 12000], 20000)).toEqual({ replicas: 3, usage: 12000 }));
  it('ToleranceCM', () => expect(plain(3, [20000, 21000, 21000], 20000)).toEqual({ replicas: 3, usage: 20666 }));
  it('PlainMetricReplicaCalcMissingMetricsNoChangeEq', () => expect(plain(5, [20000, 19000, 21000], 20000)).toEqual({ replicas: 5, usage: 20000 }));
  it('DuringRollingUpdateWithMaxSurgeCM', () => expect(plain(2, [10000, 10000], 17000, undefined, 3)).toEqual({ replicas: 2, usage: 10000 }));
});

// TestGroupPods.
describe('groupPods', () => {
  const opts = { cpuInitializationPeriodMs: 2 * 60_000, delayOfInitialReadinessStatusMs: 10_000 };
  const pod = (name: string, status: Pod['status'], deleted = false): Pod => ({ metadata: { name, ...(deleted ? { deletionTimestamp: iso(1000) } : {}) }, status }) as Pod;
  const m = (value: number, timestamp = 0, windowMs = 0) => ({ value, timestamp, windowMs });
  const ago = (ms: number) => iso(nowMs - ms);
  const cases: [string, Pod[], [string, ReturnType<typeof m>][], string, number, string[], string[], string[]][] = [
    ['void', [], [], 'cpu', 0, [], [], []],
    ['count in a ready pod - memory', [pod('bentham', { phase: 'Succeeded' })], [['bentham', m(1, nowMs, 60_000)]], 'memory', 1, [], [], []],
    ['unready a pod without ready condition - CPU', [pod('lucretius', { phase: 'Succeeded', startTime: iso(nowMs) })], [['lucretius', m(1)]], 'cpu', 0, ['lucretius'], [], []],
    ['count in a ready pod with fresh metrics during initialization period - CPU', [pod('bentham', { phase: 'Succeeded', startTime: ago(60_000), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(30_000) }] })], [['bentham', m(1, nowMs, 30_000)]], 'cpu', 1, [], [], []],
    ['unready a ready pod without fresh metrics during initialization period - CPU', [pod('bentham', { phase: 'Succeeded', startTime: ago(60_000), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(30_000) }] })], [['bentham', m(1, nowMs, 60_000)]], 'cpu', 0, ['bentham'], [], []],
    ['unready an unready pod during initialization period - CPU', [pod('lucretius', { phase: 'Succeeded', startTime: ago(10 * 60_000), conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ago(9 * 60_000 + 54_000) }] })], [['lucretius', m(1)]], 'cpu', 0, ['lucretius'], [], []],
    ['count in a ready pod without fresh metrics after initialization period - CPU', [pod('bentham', { phase: 'Succeeded', startTime: ago(3 * 60_000), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(3 * 60_000) }] })], [['bentham', m(1, nowMs - 2 * 60_000, 60_000)]], 'cpu', 1, [], [], []],
    ['count in an unready pod that was ready after initialization period - CPU', [pod('lucretius', { phase: 'Succeeded', startTime: ago(10 * 60_000), conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ago(9 * 60_000) }] })], [['lucretius', m(1)]], 'cpu', 1, [], [], []],
    ['unready pod that has never been ready after initialization period - CPU', [pod('lucretius', { phase: 'Succeeded', startTime: ago(10 * 60_000), conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ago(9 * 60_000 + 50_000) }] })], [['lucretius', m(1)]], 'cpu', 1, [], [], []],
    ['a missing pod', [pod('epicurus', { phase: 'Succeeded', startTime: ago(3 * 60_000) })], [], 'cpu', 0, [], ['epicurus'], []],
    [
      'several pods',
      [pod('lucretius', { phase: 'Succeeded', startTime: iso(nowMs) }), pod('niccolo', { phase: 'Succeeded', startTime: ago(3 * 60_000), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(3 * 60_000) }] }), pod('epicurus', { phase: 'Succeeded', startTime: ago(3 * 60_000) })],
      [['lucretius', m(1)], ['niccolo', m(1)]],
      'cpu',
      1,
      ['lucretius'],
      ['epicurus'],
      [],
    ],
    ['pending pods are unreadied', [pod('unscheduled', { phase: 'Pending' })], [], 'cpu', 0, ['unscheduled'], [], []],
    ['ignore pods with deletion timestamps', [pod('deleted', { phase: 'Pending' }, true)], [['deleted', m(1)]], 'cpu', 0, [], [], ['deleted']],
    ['ignore pods in a failed state', [pod('failed', { phase: 'Failed' })], [['failed', m(1)]], 'cpu', 0, [], [], ['failed']],
  ];
  for (const [name, pods, metrics, resource, ready, unready, missing, ignored] of cases) {
    it(name, () => {
      const got = groupPods(pods, new Map(metrics), resource, opts, nowMs);
      expect(got.readyPodCount).toBe(ready);
      expect([...got.unready].sort()).toEqual(unready);
      expect([...got.missing].sort()).toEqual(missing);
      expect([...got.ignored].sort()).toEqual(ignored);
    });
  }
});

// TestCalculatePodRequests.
describe('calculatePodRequests', () => {
  const pod = (containers: object[], initContainers: object[] = []): Pod => ({ metadata: { name: 'test-pod', namespace: ns }, spec: { containers, initContainers } }) as Pod;
  it('void', () => expect(calculatePodRequests([], '', 'cpu')).toEqual(new Map()));
  it('pod with regular containers', () => expect(calculatePodRequests([pod([{ name: 'container1', resources: { requests: { cpu: '100m' } } }, { name: 'container2', resources: { requests: { cpu: '50m' } } }])], '', 'cpu')).toEqual(new Map([['test-pod', 150]])));
  it('calculate requests with special container', () => expect(calculatePodRequests([pod([{ name: 'container1', resources: { requests: { cpu: '100m' } } }, { name: 'container2', resources: { requests: { cpu: '50m' } } }])], 'container1', 'cpu')).toEqual(new Map([['test-pod', 100]])));
  it('container missing requests', () => expect(() => calculatePodRequests([pod([{ name: 'container1' }])], '', 'cpu')).toThrow('missing request for cpu in container container1 of Pod test-pod'));
  it('pod with restartable init containers', () =>
    expect(
      calculatePodRequests([pod([{ name: 'container1', resources: { requests: { cpu: '100m' } } }], [{ name: 'init-container1', resources: { requests: { cpu: '20m' } } }, { name: 'restartable-container1', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } }])], '', 'cpu'),
    ).toEqual(new Map([['test-pod', 150]])));
});
