// The resource metrics pipeline on the headless cluster: kubelets meter their containers
// (engine/kubelet/stats.ts), metrics-server scrapes them and serves metrics.k8s.io through the
// aggregator once its APIService is Available, `kubectl top` reads it, and the
// HorizontalPodAutoscaler scales a busy Deployment (100m requested, KUBEPLAY_CPU=200m used) up to
// its maximum. Killing metrics-server makes the APIService unavailable, as upstream's
// availability controller finds it.

import { beforeAll, describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../api/types';
import { clientCertToken } from '../apiserver/auth/authn';
import type { APIService } from '../apiserver/aggregator';
import { adminToken, defaultEpochMs } from '../cluster-core';
import { createCluster, type Cluster } from '../cluster';
import { metricsServerProcessId, metricsServerUser } from './addon';
import type { MetricsServerConfig } from './server';

/** Runs until `cond` holds, looking every half second. */
async function waitFor(c: Cluster, cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (await cond()) return true;
    await c.run(500);
  }
  return cond();
}

/** The apiserver has bootstrapped, `n` nodes are Ready and the default ServiceAccount exists. */
const ready = (c: Cluster, n: number) => () =>
  c.inspect.apiserver()?.bootstrapped === true &&
  c.inspect.apiserver()!.workloads.nodes.filter((x) => x.ready === 'True').length === n &&
  (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default');

/**
 * Starts metrics-server as engine/cluster-core.ts starts its processes (host.act → add); it
 * applies its addon objects with the admin's credentials, as whoever installs the addon would.
 */
function addMetricsServer(c: Cluster): void {
  const config: MetricsServerConfig = {
    apiservers: c.apiserverNames,
    token: clientCertToken(metricsServerUser, ['system:serviceaccounts', 'system:serviceaccounts:kube-system']),
    epochMs: defaultEpochMs,
    profile: 'fast',
    installToken: adminToken,
  };
  c.sim.act((a) => a.add(metricsServerProcessId, 'metrics-server', config));
}

async function apiService(c: Cluster): Promise<APIService | null> {
  const r = await c.kubectl('get apiservice v1beta1.metrics.k8s.io -o json');
  return r.code === 0 ? (JSON.parse(r.stdout) as APIService) : null;
}

const availability = async (c: Cluster) => (await apiService(c))?.status?.conditions?.find((x) => x.type === 'Available');

async function hpa(c: Cluster): Promise<HorizontalPodAutoscaler> {
  return JSON.parse((await c.kubectl('get hpa web -o json')).stdout) as HorizontalPodAutoscaler;
}

const busy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
        env: [{name: KUBEPLAY_CPU, value: 200m}, {name: KUBEPLAY_MEMORY, value: 64Mi}]
        resources: {requests: {cpu: 100m}}
`;

describe('resource metrics and the HorizontalPodAutoscaler', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 8, nodes: 2, controlPlane: true });
    addMetricsServer(c);
    expect(await waitFor(c, ready(c, 2), 30_000)).toBe(true);
    expect((await c.kubectl('apply -f -', busy)).stdout).toBe('deployment.apps/web created\n');
  }, 120_000);

  it('registers v1beta1.metrics.k8s.io and marks it Available once metrics-server answers discovery', async () => {
    expect(await waitFor(c, async () => (await availability(c))?.status === 'True', 30_000)).toBe(true);
    const cond = await availability(c);
    expect(cond).toMatchObject({ type: 'Available', status: 'True', reason: 'Passed', message: 'all checks passed' });
    const groups = JSON.parse((await c.api('GET', '/apis')).body) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toContain('metrics.k8s.io');
    expect(JSON.parse((await c.api('GET', '/apis/metrics.k8s.io')).body)).toEqual({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'metrics.k8s.io',
      versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }],
      preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
    });
  });

  it('serves NodeMetrics and PodMetrics as metrics-server shapes them', async () => {
    expect(await waitFor(c, async () => (JSON.parse((await c.api('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods')).body).items ?? []).length === 1, 60_000)).toBe(true);
    const pods = JSON.parse((await c.api('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods')).body);
    expect(pods.kind).toBe('PodMetricsList');
    expect(pods.apiVersion).toBe('metrics.k8s.io/v1beta1');
    const p = pods.items[0];
    expect(Object.keys(p)).toEqual(['metadata', 'timestamp', 'window', 'containers']);
    expect(p.metadata).toMatchObject({ namespace: 'default', labels: { app: 'web' } });
    expect(p.timestamp).toMatch(/^2026-01-01T00:\d\d:\d\dZ$/);
    expect(p.window).toMatch(/^1\.\d+s$/);
    expect(p.containers).toHaveLength(1);
    expect(p.containers[0].name).toBe('nginx');
    expect(p.containers[0].usage.memory).toBe('64Mi');
    expect(p.containers[0].usage.cpu).toMatch(/^\d+n$/);
    const nano = Number(p.containers[0].usage.cpu.slice(0, -1));
    expect(nano).toBeGreaterThan(0.19e9);
    expect(nano).toBeLessThan(0.21e9);
    const one = JSON.parse((await c.api('GET', `/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/${p.metadata.name}`)).body);
    expect(one.kind).toBe('PodMetrics');
    const nodes = JSON.parse((await c.api('GET', '/apis/metrics.k8s.io/v1beta1/nodes')).body);
    expect(nodes.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['node-1', 'node-2']);
    const missing = await c.api('GET', '/apis/metrics.k8s.io/v1beta1/nodes/node-9');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toBe('node "node-9" not found');
  });

  it('kubectl top prints them', async () => {
    const nodes = await c.kubectl('top nodes');
    expect(nodes.code).toBe(0);
    const lines = nodes.stdout.split('\n');
    expect(lines[0]).toBe('NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(lines[1]).toMatch(/^node-1   \d+m\s+\d+%\s+\d+Mi\s+\d+%\s+$/);
    const pods = await c.kubectl('top pod --containers');
    expect(pods.stdout).toMatch(/^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+\nweb-[a-z0-9]+-[a-z0-9]+\s+nginx\s+(19\d|20\d)m\s+64Mi\s+\n$/);
  });

  it('kubectl autoscale makes an HPA that scales the Deployment up to --max', async () => {
    expect(await c.kubectl('autoscale deployment web --cpu-percent=50 --min=1 --max=10')).toEqual({ code: 0, stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', stderr: '' });
    const fresh = await c.kubectl('get hpa');
    expect(fresh.stdout).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nweb\s+Deployment\/web\s+cpu: <unknown>\/50%\s+1\s+10\s+0\s+\d+s\n$/);
    expect(await waitFor(c, async () => ((await hpa(c)).status?.desiredReplicas ?? 0) > 1, 30_000)).toBe(true);
    const first = await hpa(c);
    expect(first.status?.desiredReplicas).toBe(4);
    expect(first.status?.currentMetrics?.[0]).toMatchObject({ type: 'Resource', resource: { name: 'cpu' } });
    expect(first.status!.currentMetrics![0].resource!.current.averageUtilization).toBeGreaterThanOrEqual(190);
    const events = await c.kubectl('get events --field-selector reason=SuccessfulRescale -o json');
    const msgs = (JSON.parse(events.stdout).items as { message: string; source: { component: string } }[]).map((e) => [e.source.component, e.message]);
    expect(msgs[0]).toEqual(['horizontal-pod-autoscaler', 'New size: 4; reason: cpu resource utilization (percentage of request) above target']);
    expect(await waitFor(c, async () => (await hpa(c)).status?.desiredReplicas === 10, 120_000)).toBe(true);
    const done = await hpa(c);
    expect(done.status?.conditions?.find((x) => x.type === 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas' });
    expect(await waitFor(c, async () => JSON.parse((await c.kubectl('get deployment web -o json')).stdout).status?.readyReplicas === 10, 120_000)).toBe(true);
    expect(await waitFor(c, async () => (await hpa(c)).status?.currentReplicas === 10, 30_000)).toBe(true);
    const get = await c.kubectl('get hpa web');
    expect(get.stdout).toMatch(/\nweb\s+Deployment\/web\s+cpu: \d+%\/50%\s+1\s+10\s+10\s+\d+s\n$/);
  });

  it('drops the group from discovery when metrics-server dies, and kubectl top says the API is not available', async () => {
    c.sim.act((a) => a.kill(metricsServerProcessId));
    expect(await waitFor(c, async () => (await availability(c))?.status === 'False', 30_000)).toBe(true);
    const cond = await availability(c);
    expect(cond?.reason).toBe('FailedDiscoveryCheck');
    expect(cond?.message).toMatch(/^failing or missing response from https:\/\/10\.\d+\.\d+\.\d+:443\/apis\/metrics\.k8s\.io\/v1beta1: Get "https:\/\/10\.\d+\.\d+\.\d+:443\/apis\/metrics\.k8s\.io\/v1beta1": context deadline exceeded$/);
    expect(await c.kubectl('top pods')).toEqual({ code: 1, stdout: '', stderr: 'error: Metrics API not available\n' });
    const proxied = await c.api('GET', '/apis/metrics.k8s.io/v1beta1/nodes');
    expect(proxied).toMatchObject({ status: 503 });
  });
});
