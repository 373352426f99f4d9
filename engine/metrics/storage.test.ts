// metrics-server's storage (engine/metrics/storage.ts), after sigs.k8s.io/metrics-server
// pkg/storage's node_test.go and pod_test.go: usage appears after two points, CPU is the counter's
// growth over the window, a restarted container starts over, a fresh one counts from its start.

import { describe, expect, it } from 'vitest';
import type { Summary } from '../kubelet/stats';
import { decodeSummary, newBatch, NodeStorage, PodStorage, resourceUsage, type MetricsBatch, type MetricsPoint } from './storage';

const s = 1000;
const point = (startTime: number, timestamp: number, cpuNs: number, mem: number): MetricsPoint => ({ startTime, timestamp, cumulativeCpuUsed: cpuNs, memoryUsage: mem });
const nodeBatch = (p: MetricsPoint): MetricsBatch => ({ nodes: new Map([['node1', p]]), pods: new Map() });
const podBatch = (...cs: [string, MetricsPoint][]): MetricsBatch => ({ nodes: new Map(), pods: new Map([['ns1/pod1', new Map(cs)]]) });

describe('resourceUsage', () => {
  it('is the CPU counter over the window in nanocores, and the last working set in BinarySI', () => {
    expect(resourceUsage(point(0, 20 * s, 20e9, 1024 * 1024 * 4), point(0, 10 * s, 10e9, 0))).toEqual({ usage: { cpu: '1', memory: '4Mi' }, timestamp: 20 * s, windowMs: 10 * s });
    expect(resourceUsage(point(0, 25 * s, 1_234_567_890 + 1e9, 4_567_123), point(0, 10 * s, 1e9, 0))).toMatchObject({ usage: { cpu: '82304526n', memory: '4567123' } });
  });

  it('refuses counters that went back', () => {
    expect(resourceUsage(point(0, 20 * s, 5, 0), point(0, 10 * s, 9, 0))).toEqual({ error: 'unexpected decrease in cumulative CPU usage value' });
    expect(resourceUsage(point(5, 20 * s, 9, 0), point(9, 10 * s, 5, 0))).toEqual({ error: 'unexpected decrease in startTime of node/container' });
  });
});

describe('NodeStorage', () => {
  it('has metrics once two scrapes are stored, keeping the previous point for a repeated one', () => {
    const st = new NodeStorage();
    st.store(nodeBatch(point(0, 10 * s, 10e9, 100)));
    expect(st.get('node1')).toBeNull();
    st.store(nodeBatch(point(0, 20 * s, 15e9, 200)));
    expect(st.get('node1')).toEqual({ usage: { cpu: '500m', memory: '200' }, timestamp: 20 * s, windowMs: 10 * s });
    // The same point again (an older timestamp than stored): the stored previous is kept.
    st.store(nodeBatch(point(0, 20 * s, 15e9, 200)));
    expect(st.get('node1')?.windowMs).toBe(10 * s);
    // A scrape without the node forgets it.
    st.store(newBatch());
    expect(st.get('node1')).toBeNull();
  });
});

describe('PodStorage', () => {
  it('needs two points of every container; a restarted container starts over', () => {
    const st = new PodStorage(15 * s, 10 * s);
    st.store(podBatch(['c1', point(0, 100 * s, 10e9, 10)], ['c2', point(0, 100 * s, 10e9, 10)]));
    expect(st.get('ns1/pod1')).toBeNull();
    st.store(podBatch(['c1', point(0, 115 * s, 25e9, 20)], ['c2', point(0, 115 * s, 11.5e9, 30)]));
    expect(st.get('ns1/pod1')).toEqual({ containers: [{ name: 'c1', usage: { cpu: '1', memory: '20' } }, { name: 'c2', usage: { cpu: '100m', memory: '30' } }], timestamp: 115 * s, windowMs: 15 * s });
    // c2 restarted at 125 s (after the stored point, too recently to count from its start): no pod metrics until it has two points again.
    st.store(podBatch(['c1', point(0, 130 * s, 40e9, 20)], ['c2', point(125 * s, 130 * s, 1e9, 5)]));
    expect(st.get('ns1/pod1')).toBeNull();
    st.store(podBatch(['c1', point(0, 145 * s, 55e9, 20)], ['c2', point(125 * s, 145 * s, 2.5e9, 5)]));
    expect(st.get('ns1/pod1')?.containers).toEqual([{ name: 'c1', usage: { cpu: '1', memory: '20' } }, { name: 'c2', usage: { cpu: '100m', memory: '5' } }]);
  });

  it('counts a fresh container (started within the resolution, at least 10 s ago) from its start', () => {
    const st = new PodStorage(15 * s, 10 * s);
    st.store(podBatch(['c1', point(100 * s, 112 * s, 6e9, 10)]));
    expect(st.get('ns1/pod1')).toEqual({ containers: [{ name: 'c1', usage: { cpu: '500m', memory: '10' } }], timestamp: 112 * s, windowMs: 12 * s });
    // Younger than 10 s: it waits for a second scrape.
    const young = new PodStorage(15 * s, 10 * s);
    young.store(podBatch(['c1', point(100 * s, 105 * s, 6e9, 10)]));
    expect(young.get('ns1/pod1')).toBeNull();
  });
});

describe('decodeSummary', () => {
  it('turns a kubelet Summary into the node point and each pod\'s container points', () => {
    const summary: Summary = {
      node: { nodeName: 'node-1', startTime: '2026-01-01T00:00:00.000000Z', cpu: { time: '2026-01-01T00:00:10.500000Z', usageNanoCores: 1, usageCoreNanoSeconds: 42 }, memory: { time: '2026-01-01T00:00:10.500000Z', usageBytes: 7, workingSetBytes: 7, rssBytes: 7, pageFaults: 0, majorPageFaults: 0 } },
      pods: [
        {
          podRef: { name: 'web', namespace: 'default', uid: 'u' },
          startTime: '2026-01-01T00:00:01.000000Z',
          containers: [{ name: 'nginx', startTime: '2026-01-01T00:00:02.000000Z', cpu: { time: '2026-01-01T00:00:10.500000Z', usageNanoCores: 1, usageCoreNanoSeconds: 9 }, memory: { time: '2026-01-01T00:00:10.500000Z', usageBytes: 3, workingSetBytes: 3, rssBytes: 3, pageFaults: 0, majorPageFaults: 0 } }],
          cpu: { time: '', usageNanoCores: 1, usageCoreNanoSeconds: 9 },
          memory: { time: '', usageBytes: 3, workingSetBytes: 3, rssBytes: 3, pageFaults: 0, majorPageFaults: 0 },
        },
      ],
    };
    const b = decodeSummary(summary);
    const t0 = Date.UTC(2026, 0, 1);
    expect(b.nodes.get('node-1')).toEqual({ startTime: t0, timestamp: t0 + 10_500, cumulativeCpuUsed: 42, memoryUsage: 7 });
    expect(b.pods.get('default/web')?.get('nginx')).toEqual({ startTime: t0 + 2_000, timestamp: t0 + 10_500, cumulativeCpuUsed: 9, memoryUsage: 3 });
  });
});
