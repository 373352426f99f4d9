// Probe workers, ported from pkg/kubelet/prober/worker_test.go (TestDoProbe, TestInitialDelay,
// TestFailureThreshold, TestSuccessThreshold, TestOnHoldOnLivenessOrStartupCheckFailure) and the
// probe texts of pkg/probe.

import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodStatus } from '../../api/types';
import type { ProbeResult } from '../kuberuntime/pod-actions';
import { Scheduler } from '../scheduler';
import { extractPort, type ProbeOutcome, type ProbeType } from './prober';
import { ResultsManager } from './results';
import { ProbeWorker } from './worker';

const epochMs = Date.UTC(2025, 0, 1);
const stamp = (ms: number) => new Date(epochMs + ms).toISOString().replace('.000Z', 'Z');

function setup(type: ProbeType, probe: Container['livenessProbe'], restartPolicy: 'Always' | 'Never' = 'Always') {
  const sched = new Scheduler();
  const container: Container = { name: 'c', image: 'nginx', [type === 'liveness' ? 'livenessProbe' : type === 'readiness' ? 'readinessProbe' : 'startupProbe']: { periodSeconds: 10, failureThreshold: 3, successThreshold: 1, ...probe } };
  const pod: Pod = { metadata: { uid: 'u', name: 'p', namespace: 'ns' }, spec: { containers: [container], restartPolicy } };
  let status: PodStatus | undefined;
  let next: ProbeResult = 'Success';
  let calls = 0;
  const results = new ResultsManager(() => {});
  const w = new ProbeWorker(
    {
      sched,
      epochMs,
      podStatus: () => status,
      *probe(): Generator<never, ProbeOutcome> {
        if (++calls > 10_000) throw new Error('probing in a loop at one instant');
        return { result: next, output: '' };
      },
    },
    pod,
    container,
    type,
    results,
    () => {},
  );
  const runningStatus = (id = 'containerd://abc', startedAtMs = 0, started = true): PodStatus => ({
    phase: 'Running',
    containerStatuses: [{ name: 'c', containerID: id, ready: false, restartCount: 0, image: '', imageID: '', started, state: { running: { startedAt: stamp(startedAtMs) } } }],
  });
  return {
    sched, w, results,
    setStatus: (s: PodStatus | undefined) => (status = s),
    setResult: (r: ProbeResult) => (next = r),
    calls: () => calls,
    runningStatus,
    tick: () => sched.runUntil(sched.now() + 10_000),
  };
}

describe('ProbeWorker', () => {
  it('probes once a period when the start time is a fraction that float division rounds under', () => {
    const t = setup('readiness', { periodSeconds: 1 });
    t.sched.runUntil(123.456);
    t.setStatus(t.runningStatus());
    t.w.start(0);
    t.sched.runUntil(123.456 + 4_500);
    expect(t.calls()).toBe(5);
  });

  it('sets the initial value, then the result, once the container runs (TestDoProbe)', () => {
    const t = setup('readiness', {});
    t.w.start(0);
    expect(t.results.get('containerd://abc')).toBeUndefined();
    t.setStatus(t.runningStatus());
    t.tick();
    expect(t.results.get('containerd://abc')).toBe('Success');
  });

  it('marks a container that is not running as failed, and stops when it will not restart', () => {
    const t = setup('readiness', {}, 'Never');
    t.setStatus({ phase: 'Running', containerStatuses: [{ name: 'c', containerID: 'containerd://abc', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0 } } }] });
    t.w.start(0);
    expect(t.results.get('containerd://abc')).toBeUndefined();
    expect(t.sched.nextAt()).toBeNull();
  });

  it('stops probing a pod that has finished', () => {
    const t = setup('liveness', {});
    t.setStatus({ ...t.runningStatus(), phase: 'Succeeded' });
    t.w.start(0);
    expect(t.sched.nextAt()).toBeNull();
  });

  it('reports the initial value during the initial delay (TestInitialDelay)', () => {
    for (const [type, initial] of [['readiness', 'Failure'], ['liveness', 'Success'], ['startup', 'Unknown']] as const) {
      const t = setup(type, { initialDelaySeconds: 30 });
      t.setResult(type === 'liveness' ? 'Failure' : 'Success');
      t.setStatus(t.runningStatus('containerd://abc', 0, type !== 'startup'));
      t.w.start(0);
      t.tick();
      expect(t.results.get('containerd://abc'), type).toBe(initial);
      expect(t.calls()).toBe(0);
      t.sched.runUntil(40_000);
      expect(t.calls(), type).toBeGreaterThan(0);
    }
  });

  it('keeps Success until failureThreshold failures in a row (TestFailureThreshold)', () => {
    const t = setup('liveness', { failureThreshold: 3 });
    t.setStatus(t.runningStatus());
    t.w.start(0);
    expect(t.results.get('containerd://abc')).toBe('Success');
    t.setResult('Failure');
    t.tick();
    t.tick();
    expect(t.results.get('containerd://abc')).toBe('Success');
    t.tick();
    expect(t.results.get('containerd://abc')).toBe('Failure');
  });

  it('needs successThreshold successes to turn ready (TestSuccessThreshold)', () => {
    const t = setup('readiness', { successThreshold: 3 });
    t.setStatus(t.runningStatus());
    t.w.start(0);
    t.tick();
    expect(t.results.get('containerd://abc')).toBe('Failure');
    t.tick();
    expect(t.results.get('containerd://abc')).toBe('Success');
  });

  it('holds after a liveness failure until a new container appears (TestOnHoldOnLivenessOrStartupCheckFailure)', () => {
    const t = setup('liveness', { failureThreshold: 1 });
    t.setStatus(t.runningStatus());
    t.setResult('Failure');
    t.w.start(0);
    expect(t.results.get('containerd://abc')).toBe('Failure');
    const before = t.calls();
    t.tick();
    t.tick();
    expect(t.calls()).toBe(before);
    t.setResult('Success');
    t.setStatus(t.runningStatus('containerd://def', 20_000));
    t.tick();
    expect(t.results.get('containerd://def')).toBe('Success');
    expect(t.calls()).toBeGreaterThan(before);
  });
});

describe('extractPort (prober_test.go TestExtractPort)', () => {
  const c: Container = { name: 'c', ports: [{ name: 'foo', containerPort: 8080 }] };
  it.each([
    [80, 80],
    ['80', 80],
    ['foo', 8080],
    ['bar', 'strconv.Atoi: parsing "bar": invalid syntax'],
    [-1, 'invalid port number: -1'],
    [65536, 'invalid port number: 65536'],
  ] as [number | string, number | string][])('%s → %s', (param, want) => expect(extractPort(param, c)).toBe(want));
});
