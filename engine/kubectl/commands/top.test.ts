// kubectl top against a scripted apiserver: the columns, units, rounding, sorting and errors of
// k8s.io/kubectl 1.32's top node / top pod (pkg/metricsutil/metrics_printer.go prints every cell
// followed by a tab, so each line ends in the tab writer's padding, as the real output does).

import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../apiserver/http';
import { Coroutine } from '../../sim/co';
import type { RestTransport } from '../rest';
import { runKubectl, type KubectlResult } from '../run';

const nowMs = Date.UTC(2026, 0, 1, 0, 10, 0);
type Routes = Record<string, unknown | ((req: HttpRequest) => HttpResponse)>;

function transport(routes: Routes, seen: string[] = []): RestTransport {
  return {
    now: () => nowMs,
    server: 'https://10.0.0.2:6443',
    request(req, done) {
      seen.push(`${req.method} ${req.url}`);
      const r = routes[req.url];
      if (r === undefined) done(null, { status: 404, headers: {}, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }) });
      else if (typeof r === 'function') done(null, (r as (q: HttpRequest) => HttpResponse)(req));
      else done(null, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
      return () => {};
    },
    stream: () => () => {},
    sleep: (_ms, wake) => {
      wake();
      return () => {};
    },
  };
}

function kubectl(line: string, routes: Routes, seen?: string[]): KubectlResult {
  let out: KubectlResult | null = null;
  new Coroutine(runKubectl(line, transport(routes, seen), { nowMs: () => nowMs }), (o) => {
    if (!o.ok) throw o.error;
    out = o.value;
  }).start();
  return out!;
}

const apis = { kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] }, { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }] }] };
const noMetrics = { kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] }] };
const Mi = 1024 * 1024;

const nodeMetrics = (name: string, cpu: string, memory: string) => ({ metadata: { name }, timestamp: '2026-01-01T00:09:58Z', window: '15.012s', usage: { cpu, memory } });
const node = (name: string, cpu: string, memory: string) => ({ metadata: { name }, status: { capacity: { cpu: '4', memory: '8Gi' }, allocatable: { cpu, memory } } });
const podMetrics = (ns: string, name: string, containers: [string, string, string][]) => ({ metadata: { name, namespace: ns }, timestamp: '2026-01-01T00:09:58Z', window: '15.003s', containers: containers.map(([n, cpu, memory]) => ({ name: n, usage: { cpu, memory } })) });

const nodeRoutes: Routes = {
  '/apis': apis,
  '/apis/metrics.k8s.io/v1beta1/nodes': { kind: 'NodeMetricsList', items: [nodeMetrics('node-2', '61234567n', `${900 * Mi + 700 * 1024}`), nodeMetrics('node-1', '141000001n', '1053696Ki')] },
  '/api/v1/nodes': { items: [node('node-1', '4', `${7 * 1024 * Mi}`), node('node-2', '4', '8Gi'), node('node-3', '2', '4Gi')] },
};

describe('kubectl top node', () => {
  it('prints usage against allocatable, CPU rounded up to millicores, memory down to MiB; nodes without metrics as <unknown>', () => {
    expect(kubectl('top nodes', nodeRoutes)).toEqual({
      code: 0,
      stdout: [
        'NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   ',
        'node-1   142m         3%          1029Mi          14%         ',
        'node-2   62m          1%          900Mi           10%         ',
        'node-3   <unknown>    <unknown>   <unknown>       <unknown>   ',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('sorts by cpu or memory, largest first, and against capacity with --show-capacity', () => {
    const out = kubectl('top node --sort-by=memory --no-headers --show-capacity', nodeRoutes).stdout.split('\n');
    expect(out[0]).toMatch(/^node-1\s+142m\s+3%\s+1029Mi\s+12%/);
    expect(out[1]).toMatch(/^node-2\s+62m\s+1%\s+900Mi\s+10%/);
  });

  it('refuses what kubectl refuses', () => {
    expect(kubectl('top node --sort-by=name', nodeRoutes)).toMatchObject({ code: 1, stderr: 'error: --sort-by accepts only cpu or memory\n' });
    expect(kubectl('top node node-1 -l a=b', nodeRoutes)).toMatchObject({ code: 1, stderr: 'error: only one of NAME or --selector can be provided\n' });
    expect(kubectl('top node', { '/apis': noMetrics })).toEqual({ code: 1, stdout: '', stderr: 'error: Metrics API not available\n' });
    expect(kubectl('top node', { '/apis': apis, '/apis/metrics.k8s.io/v1beta1/nodes': { items: [] } })).toMatchObject({ code: 1, stderr: 'error: metrics not available yet\n' });
  });

  it('reads a 503 from the aggregator as client-go does', () => {
    const r = kubectl('top node', { '/apis': apis, '/apis/metrics.k8s.io/v1beta1/nodes': () => ({ status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'service unavailable\n' }) });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)\n' });
  });
});

describe('kubectl top pod', () => {
  const list = { kind: 'PodMetricsList', items: [podMetrics('default', 'web-b', [['nginx', '250000000n', `${64 * Mi}`], ['sidecar', '1234567n', '2Mi']]), podMetrics('default', 'web-a', [['nginx', '12m', '3Mi']])] };
  const routes: Routes = { '/apis': apis, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods': list };

  it('sums a pod\'s containers and sorts by name', () => {
    expect(kubectl('top pods', routes).stdout).toBe(['NAME    CPU(cores)   MEMORY(bytes)   ', 'web-a   12m          3Mi             ', 'web-b   252m         66Mi            ', ''].join('\n'));
  });

  it('prints containers (POD NAME …), sorted by cpu, with --sum totals', () => {
    expect(kubectl('top pod --containers --sort-by=cpu --sum', routes).stdout).toBe(
      [
        'POD     NAME      CPU(cores)   MEMORY(bytes)   ',
        'web-b   nginx     250m         64Mi            ',
        'web-b   sidecar   2m           2Mi             ',
        'web-a   nginx     12m          3Mi             ',
        '                  ________     ________        ',
        '                  264m         69Mi            ',
        '',
      ].join('\n'),
    );
  });

  it('lists every namespace with -A, under NAMESPACE', () => {
    const seen: string[] = [];
    const r = kubectl('top pod -A -l app=web', { '/apis': apis, '/apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dweb': { items: [podMetrics('kube-system', 'coredns-1', [['coredns', '3m', '14Mi']]), podMetrics('default', 'web-a', [['nginx', '12m', '3Mi']])] } }, seen);
    expect(seen).toContain('GET /apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dweb');
    expect(r.stdout).toBe(['NAMESPACE     NAME        CPU(cores)   MEMORY(bytes)   ', 'default       web-a       12m          3Mi             ', 'kube-system   coredns-1   3m           14Mi            ', ''].join('\n'));
  });

  it('says why there is nothing: no pods, pods too young, a pod old enough to have metrics', () => {
    const empty = { '/apis': apis, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods': { items: [] } };
    expect(kubectl('top pod', { ...empty, '/api/v1/namespaces/default/pods': { items: [] } })).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    const young = { metadata: { name: 'web-a', namespace: 'default', creationTimestamp: '2026-01-01T00:09:30Z' } };
    expect(kubectl('top pod', { ...empty, '/api/v1/namespaces/default/pods': { items: [young] } })).toMatchObject({ code: 1, stderr: 'error: metrics not available yet\n' });
    const old = { metadata: { name: 'web-a', namespace: 'default', creationTimestamp: '2026-01-01T00:05:00Z' } };
    expect(kubectl('top pod', { ...empty, '/api/v1/namespaces/default/pods': { items: [old] } })).toMatchObject({ code: 1, stderr: 'error: Metrics not available for pod default/web-a, age: 5m0s\n' });
  });

  it('passes the API\'s NotFound through for a named pod', () => {
    const r = kubectl('top pod web-z', { '/apis': apis, '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web-z': () => ({ status: 404, headers: {}, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods "web-z" not found', reason: 'NotFound', code: 404 }) }) });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "web-z" not found\n' });
  });
});
