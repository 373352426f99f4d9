// The kubelet's Summary API stats (engine/kubelet/stats.ts): cumulative CPU integrated over time
// as cpuacct counts it, throttled at the CPU limit, connections charged to the listening
// container, and the summary's shape (k8s.io/kubelet/pkg/apis/stats/v1alpha1).

import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng';
import type { Input } from '../sim/env';
import { parseChaos } from './programs/chaos';
import { CpuMeter, KubeletStats, meterTiming, systemCpuMilli, systemMemoryBytes, type StatsSummaryReply } from './stats';
import { TestNode, testEpochMs } from './testing';
import type { Kubelet } from './server';

const Mi = 1024 * 1024;

describe('CpuMeter', () => {
  const timing = meterTiming('realistic');

  it('integrates a steady 200m into 2 core-seconds over 10 s, within the ±5% noise', () => {
    const m = new CpuMeter(new Rng(1), 0, timing);
    const c = { id: 'c1', cpuMilli: 200, cpuLimitMilli: null, startedAt: 0 };
    m.advance(0, [c]);
    m.advance(10_000, [c]);
    const got = m.container('c1')!;
    expect(got.cumNs).toBeGreaterThan(2e9 * 0.95);
    expect(got.cumNs).toBeLessThan(2e9 * 1.05);
    expect(got.nanoCores).toBeGreaterThan(190e6);
    expect(got.nanoCores).toBeLessThan(210e6);
  });

  it('counts a container from its start, not from when it was first seen', () => {
    const m = new CpuMeter(new Rng(1), 0, timing);
    m.advance(5_000, [{ id: 'c1', cpuMilli: 100, cpuLimitMilli: null, startedAt: 1_000 }]);
    expect(m.container('c1')!.cumNs).toBeGreaterThan(0.4e9 * 0.95);
  });

  it('runs charged CPU as fast as the limit allows, no faster', () => {
    const m = new CpuMeter(new Rng(1), 0, timing);
    const c = { id: 'c1', cpuMilli: 0, cpuLimitMilli: 500, startedAt: 0 };
    m.advance(0, [c]);
    // 3 s of CPU time charged at once: at 500m it takes 6 s to run.
    m.charge('c1', 3_000);
    m.advance(2_000, [c]);
    expect(m.container('c1')!.cumNs).toBeLessThanOrEqual(500 * 2_000 * 1e3);
    expect(m.container('c1')!.cumNs).toBeGreaterThan(0.99e9);
    m.advance(10_000, [c]);
    expect(m.container('c1')!.cumNs).toBeGreaterThan(3e9);
    expect(m.container('c1')!.cumNs).toBeLessThan(3.01e9);
  });

  it('throttles a steady figure above the limit to the limit', () => {
    const m = new CpuMeter(new Rng(1), 0, timing);
    const c = { id: 'c1', cpuMilli: 900, cpuLimitMilli: 250, startedAt: 0 };
    m.advance(0, [c]);
    m.advance(4_000, [c]);
    expect(m.container('c1')!.cumNs).toBe(1e9);
  });

  it('adds every container to the node, beside its own daemons', () => {
    const m = new CpuMeter(new Rng(1), 0, timing);
    const c = { id: 'c1', cpuMilli: 300, cpuLimitMilli: null, startedAt: 0 };
    m.advance(0, [c]);
    m.advance(10_000, [c]);
    const node = m.nodeCounters();
    const want = (300 + systemCpuMilli) * 10_000 * 1e3;
    expect(node.cumNs).toBeGreaterThan(want * 0.95);
    expect(node.cumNs).toBeLessThan(want * 1.05);
  });

  it('forgets containers that stopped; the same seed gives the same figures', () => {
    const run = () => {
      const m = new CpuMeter(new Rng(7), 0, timing);
      const c = { id: 'c1', cpuMilli: 120, cpuLimitMilli: null, startedAt: 0 };
      m.advance(0, [c]);
      m.advance(3_333, [c]);
      const v = m.container('c1')!.cumNs;
      m.advance(4_000, []);
      return { v, gone: m.container('c1') };
    };
    expect(run()).toEqual(run());
    expect(run().gone).toBeNull();
  });
});

describe('KUBEPLAY_CPU_PER_REQUEST', () => {
  it('parses as a Go duration; a bad value is ignored with a line on stderr', () => {
    expect(parseChaos({ KUBEPLAY_CPU_PER_REQUEST: '20ms' }).cpuPerRequestMs).toBe(20);
    expect(parseChaos({ KUBEPLAY_CPU_PER_REQUEST: '0.5' }).cpuPerRequestMs).toBe(500);
    const bad = parseChaos({ KUBEPLAY_CPU_PER_REQUEST: 'lots' });
    expect(bad.cpuPerRequestMs).toBeUndefined();
    expect(bad.problems).toEqual(['kubeplay: ignoring KUBEPLAY_CPU_PER_REQUEST="lots": not a valid value']);
  });
});

/** A KubeletStats over a TestNode's core, with a fake process around it. */
function statsOn(n: TestNode) {
  const sent: { to: string; msg: unknown }[] = [];
  const k = {
    nodeName: 'node-1',
    config: { epochMs: testEpochMs, profile: 'realistic', memory: '8Gi' },
    host: { kubelet: n.core },
    c: { env: { now: () => n.now, rng: new Rng(3), send: (to: string, msg: unknown) => sent.push({ to, msg }) } },
  } as unknown as Kubelet;
  return { stats: new KubeletStats(k), sent };
}

describe('KubeletStats', () => {
  function busyNode(env: { name: string; value: string }[]) {
    const n = new TestNode({ preloadedImages: ['nginx'] });
    const pod = n.create('web', { containers: [{ name: 'nginx', image: 'nginx', imagePullPolicy: 'IfNotPresent', env, resources: { limits: { cpu: '1' } } }] });
    n.runUntil(() => n.pod(pod.metadata.uid!).status?.phase === 'Running', 30_000);
    return { n, pod };
  }

  it('answers a summary request with the node and each running container (cpu, memory working set)', () => {
    const { n, pod } = busyNode([{ name: 'KUBEPLAY_CPU', value: '250m' }, { name: 'KUBEPLAY_MEMORY', value: '64Mi' }]);
    const { stats, sent } = statsOn(n);
    stats.summary();
    n.run(10_000);
    const input: Input = { type: 'message', from: 'metrics-server', msg: { t: 'stats.summary', id: 'r1' } };
    expect(stats.receive(input)).toBe(true);
    expect(sent).toHaveLength(1);
    const reply = sent[0].msg as StatsSummaryReply;
    expect(sent[0].to).toBe('metrics-server');
    expect(reply.t).toBe('stats.summary.reply');
    expect(reply.id).toBe('r1');
    const s = reply.summary;
    expect(s.node.nodeName).toBe('node-1');
    expect(s.pods).toHaveLength(1);
    const p = s.pods[0];
    expect(p.podRef).toEqual({ name: 'web', namespace: 'default', uid: pod.metadata.uid });
    expect(p.containers.map((c) => c.name)).toEqual(['nginx']);
    const c = p.containers[0];
    expect(c.memory.workingSetBytes).toBe(64 * Mi);
    // The container started before the first look: its account runs from its start.
    const ranS = (n.now - Date.parse(c.startTime) + testEpochMs) / 1000;
    expect(c.cpu.usageCoreNanoSeconds / 1e9 / ranS).toBeGreaterThan(0.25 * 0.95);
    expect(c.cpu.usageCoreNanoSeconds / 1e9 / ranS).toBeLessThan(0.25 * 1.05);
    expect(c.cpu.usageNanoCores).toBeGreaterThan(0.25e9 * 0.95);
    expect(c.cpu.time).toBe('2025-01-01T00:00:' + c.cpu.time.slice(17));
    expect(s.node.memory.workingSetBytes).toBe(systemMemoryBytes + 64 * Mi);
    expect(s.node.memory.availableBytes).toBe(8 * 1024 * Mi - systemMemoryBytes - 64 * Mi);
    expect(s.node.cpu.usageCoreNanoSeconds).toBeGreaterThan(c.cpu.usageCoreNanoSeconds);
  });

  it('charges each connection to the container that listens on its port (KUBEPLAY_CPU_PER_REQUEST)', () => {
    const { n, pod } = busyNode([{ name: 'KUBEPLAY_CPU_PER_REQUEST', value: '50ms' }]);
    const { stats } = statsOn(n);
    const ip = n.pod(pod.metadata.uid!).status!.podIP!;
    const before = stats.summary().pods[0].containers[0].cpu.usageCoreNanoSeconds;
    for (let i = 0; i < 20; i++) {
      const syn: Input = { type: 'message', from: 'kube-proxy-node-2', msg: { t: 'serve.syn', id: `c${i}`, ip, port: 80, proto: 'tcp', srcIP: '10.244.2.5', durationMs: 5 } };
      // A connection is metered and passed on to the pod server.
      expect(stats.receive(syn)).toBe(false);
    }
    // A port nobody listens on costs nothing.
    stats.receive({ type: 'message', from: 'x', msg: { t: 'serve.syn', id: 'miss', ip, port: 81, proto: 'tcp', srcIP: '10.244.2.5', durationMs: 5 } });
    expect(stats.charged).toBe(20);
    n.run(2_000);
    const after = stats.summary().pods[0].containers[0].cpu.usageCoreNanoSeconds;
    // 20 × 50 ms = 1 core-second, plus nginx's idle 1m for 2 s.
    expect(after - before).toBeGreaterThan(1e9);
    expect(after - before).toBeLessThan(1.01e9);
  });
});
