// metrics-server's API (engine/metrics/api.ts), as sigs.k8s.io/metrics-server pkg/api serves it:
// discovery, list and get of nodes and pods, selectors, NotFound, and the Table form.

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { Store } from '../client/store';
import { serveMetricsApi, type MetricsApiState } from './api';
import { NodeStorage, PodStorage, type MetricsBatch } from './storage';

const t0 = Date.UTC(2026, 0, 1, 0, 1, 0);

function state(): MetricsApiState {
  const nodes = new Store<Node>();
  nodes.put({ metadata: { name: 'node-2', labels: { zone: 'b' } } } as Node);
  nodes.put({ metadata: { name: 'node-1', labels: { zone: 'a' } } } as Node);
  nodes.put({ metadata: { name: 'node-3' } } as Node);
  const pods = new Store<Pod>();
  pods.put({ metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } } } as Pod);
  pods.put({ metadata: { name: 'db', namespace: 'default', labels: { app: 'db' } } } as Pod);
  pods.put({ metadata: { name: 'coredns', namespace: 'kube-system' } } as Pod);
  pods.put({ metadata: { name: 'new', namespace: 'default', labels: { app: 'web' } } } as Pod);
  const nodeStorage = new NodeStorage();
  const podStorage = new PodStorage(15_000, 10_000);
  const p = (ts: number, cpuNs: number, mem: number) => ({ startTime: 0, timestamp: ts, cumulativeCpuUsed: cpuNs, memoryUsage: mem });
  const batch = (ts: number, k: number): MetricsBatch => ({
    nodes: new Map([
      ['node-1', p(ts, k * 2e9, 1024 ** 3)],
      ['node-2', p(ts, k * 1e9, 512 * 1024 ** 2)],
    ]),
    pods: new Map([
      ['default/web', new Map([['nginx', p(ts, k * 0.25e9, 64 * 1024 ** 2)], ['sidecar', p(ts, k * 0.01e9, 4 * 1024 ** 2)]])],
      ['default/db', new Map([['mysql', p(ts, k * 0.5e9, 400 * 1024 ** 2)]])],
      ['kube-system/coredns', new Map([['coredns', p(ts, k * 0.003e9, 14 * 1024 ** 2)]])],
    ]),
  });
  for (const b of [batch(t0 - 15_000, 10), batch(t0, 25)]) {
    nodeStorage.store(b);
    podStorage.store(b);
  }
  return { nodes, pods, nodeStorage, podStorage, nowMs: t0 + 2_000 };
}

const get = (url: string, headers: Record<string, string> = {}) => serveMetricsApi({ method: 'GET', url, headers }, state());
const body = (url: string) => JSON.parse(get(url).body);

describe('metrics-server API', () => {
  it('serves its discovery: the group and the v1beta1 resources', () => {
    expect(body('/apis/metrics.k8s.io/v1beta1')).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'metrics.k8s.io/v1beta1',
      resources: [
        { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
        { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
      ],
    });
    expect(body('/apis/metrics.k8s.io').preferredVersion).toEqual({ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' });
  });

  it('lists NodeMetrics by name, with the node labels, the window and canonical quantities; nodes without points left out', () => {
    expect(body('/apis/metrics.k8s.io/v1beta1/nodes')).toEqual({
      kind: 'NodeMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: [
        { metadata: { name: 'node-1', labels: { zone: 'a' }, creationTimestamp: '2026-01-01T00:01:02Z' }, timestamp: '2026-01-01T00:01:00Z', window: '15s', usage: { cpu: '2', memory: '1Gi' } },
        { metadata: { name: 'node-2', labels: { zone: 'b' }, creationTimestamp: '2026-01-01T00:01:02Z' }, timestamp: '2026-01-01T00:01:00Z', window: '15s', usage: { cpu: '1', memory: '512Mi' } },
      ],
    });
    expect(body('/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=zone%3Db').items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['node-2']);
    expect(body('/apis/metrics.k8s.io/v1beta1/nodes?fieldSelector=metadata.name%3Dnode-1').items).toHaveLength(1);
  });

  it('gets one with its kind; NotFound as the node lister or the storage words it', () => {
    expect(body('/apis/metrics.k8s.io/v1beta1/nodes/node-1')).toMatchObject({ kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', usage: { cpu: '2' } });
    expect(get('/apis/metrics.k8s.io/v1beta1/nodes/node-9')).toMatchObject({ status: 404 });
    expect(body('/apis/metrics.k8s.io/v1beta1/nodes/node-9')).toMatchObject({ reason: 'NotFound', message: 'node "node-9" not found', details: { name: 'node-9', kind: 'node' } });
    expect(body('/apis/metrics.k8s.io/v1beta1/nodes/node-3')).toMatchObject({ message: 'nodemetrics.metrics.k8s.io "node-3" not found', details: { group: 'metrics.k8s.io', kind: 'nodemetrics' } });
    expect(body('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/new').message).toBe('podmetrics.metrics.k8s.io "default/new" not found');
    expect(body('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/gone').message).toBe('pods "gone" not found');
  });

  it('lists PodMetrics in a namespace or all of them, by namespace and name, containers by name', () => {
    const all = body('/apis/metrics.k8s.io/v1beta1/pods');
    expect(all.items.map((p: { metadata: { namespace: string; name: string } }) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['default/db', 'default/web', 'kube-system/coredns']);
    const web = body('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb');
    expect(web.items).toEqual([
      {
        metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, creationTimestamp: '2026-01-01T00:01:02Z' },
        timestamp: '2026-01-01T00:01:00Z',
        window: '15s',
        containers: [
          { name: 'nginx', usage: { cpu: '250m', memory: '64Mi' } },
          { name: 'sidecar', usage: { cpu: '10m', memory: '4Mi' } },
        ],
      },
    ]);
  });

  it('serves Tables with metrics-server\'s columns (the usage summed over containers)', () => {
    const t = JSON.parse(get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }).body);
    expect(t.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'cpu', 'memory', 'Window']);
    expect(t.rows[0].cells).toEqual(['web', '260m', '68Mi', '15s']);
  });

  it('refuses writes and watches, and paths it does not serve', () => {
    expect(JSON.parse(serveMetricsApi({ method: 'DELETE', url: '/apis/metrics.k8s.io/v1beta1/nodes/node-1', headers: {} }, state()).body)).toMatchObject({ code: 405, reason: 'MethodNotAllowed' });
    expect(get('/apis/metrics.k8s.io/v1beta1/nodes?watch=true').status).toBe(405);
    expect(get('/apis/metrics.k8s.io/v1beta1/services').status).toBe(404);
  });
});
