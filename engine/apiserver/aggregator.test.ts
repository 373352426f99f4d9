// kube-aggregator in the apiserver (engine/apiserver/aggregator.ts) over fakes: the
// AvailableConditionController's checks and their conditions (available_controller.go), discovery
// of Available groups only, the proxy's headers and its 503s (handler_proxy.go), and the
// `kubectl get apiservices` row.

import { describe, expect, it } from 'vitest';
import type { KubeObject, Service } from '../api/types';
import type { Callbacks } from '../sim/callbacks';
import type { Co } from '../sim/co';
import { Coroutine } from '../sim/co';
import type { Env, Input } from '../sim/env';
import { Aggregator, aggregatorTiming, printAPIService, type APIService } from './aggregator';
import type { ClientFrame, HttpResponse } from './http';
import type { RestContext } from './registry/rest';
import type { Cacher } from './storage/cacher';

const epochMs = Date.UTC(2026, 0, 1);

function apiService(extra: Partial<APIService['spec']> = {}, status?: APIService['status']): APIService {
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io', resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { service: { name: 'metrics-server', namespace: 'kube-system' }, group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, ...extra },
    ...(status ? { status } : {}),
  };
}

const service = (ports = [443]): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'metrics-server', namespace: 'kube-system', resourceVersion: '3', annotations: { 'kubeplay.dev/backend-process': 'metrics-server' } },
  spec: { clusterIP: '10.96.0.77', type: 'ClusterIP', ports: ports.map((port) => ({ name: 'https', port, protocol: 'TCP' })) },
});

/** The aggregator over a fake cache, clock, timers and network; the backend answers with `answer`. */
function harness(objects: { apiService: APIService; service?: Service }) {
  let now = 0;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const sent: { to: string; frame: ClientFrame }[] = [];
  const written: APIService[] = [];
  let stored = objects.apiService;
  const cacher = {
    ready: true,
    list: (prefix: string) => (prefix.startsWith('/registry/apiregistration.k8s.io/apiservices/') ? [{ key: `${prefix}${stored.metadata.name}`, obj: stored, rev: 1 }] : []),
    // What the aggregator memoises its sorted APIServices on: it moves with every write.
    version: () => Number(stored.metadata.resourceVersion ?? 0),
    get: (key: string) => (key === '/registry/services/specs/kube-system/metrics-server' && objects.service ? { key, obj: objects.service, rev: 1 } : undefined),
  } as unknown as Cacher;
  const env = {
    id: 'kube-apiserver-0',
    now: () => now,
    connect: (to: string) => `${to}#1`,
    write: (_stream: string, frame: ClientFrame) => {
      sent.push({ to: 'metrics-server', frame });
      return true;
    },
  } as unknown as Env;
  const callbacks = {
    after: (ms: number, fn: () => void) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => void (t.live = false);
    },
  } as unknown as Callbacks;
  const agg = new Aggregator({
    env,
    cacher,
    rest: { epochMs } as RestContext,
    callbacks,
    timing: aggregatorTiming('realistic'),
    *writeStatus(s: APIService): Co<KubeObject> {
      written.push(s);
      stored = { ...s, metadata: { ...s.metadata, resourceVersion: String(Number(s.metadata.resourceVersion) + 1) } };
      return stored;
    },
  });
  const run = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      now = due.at;
      due.fn();
    }
    now = end;
  };
  const answer = (id: number, res: HttpResponse) => agg.receive({ type: 'data', stream: 'metrics-server#1', from: 'metrics-server', msg: { t: 'res', id, res } } as Input);
  return { agg, run, sent, written, answer, stored: () => stored };
}

const ok: HttpResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };

describe('AvailableConditionController', () => {
  it('is Passed once GET /apis/<group>/<version> answers, asking as system:kube-aggregator in system:masters', () => {
    const h = harness({ apiService: apiService(), service: service() });
    h.agg.start();
    h.run(1_000);
    expect(h.sent).toHaveLength(1);
    const req = (h.sent[0].frame as Extract<ClientFrame, { t: 'req' }>).req;
    expect(req).toMatchObject({ method: 'GET', url: '/apis/metrics.k8s.io/v1beta1', headers: { 'x-remote-user': 'system:kube-aggregator', 'x-remote-group': 'system:masters', authorization: 'Bearer kubeplay-client-cert:front-proxy-client|' } });
    h.answer((h.sent[0].frame as { id: number }).id, ok);
    expect(h.written).toHaveLength(1);
    expect(h.stored().status?.conditions).toEqual([{ type: 'Available', status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z', reason: 'Passed', message: 'all checks passed' }]);
    // Checked again on the 30 s resync; nothing changed, nothing is written.
    h.run(31_000);
    h.answer((h.sent[1].frame as { id: number }).id, ok);
    expect(h.written).toHaveLength(1);
  });

  it('fails the discovery check on a bad status or no answer within 5 s, keeping lastTransitionTime while False', () => {
    const h = harness({ apiService: apiService(), service: service() });
    h.agg.start();
    h.run(1_000);
    h.answer((h.sent[0].frame as { id: number }).id, { status: 401, headers: {}, body: '' });
    const url = 'https://10.96.0.77:443/apis/metrics.k8s.io/v1beta1';
    expect(h.stored().status?.conditions?.[0]).toEqual({ type: 'Available', status: 'False', lastTransitionTime: '2026-01-01T00:00:01Z', reason: 'FailedDiscoveryCheck', message: `failing or missing response from ${url}: bad status from ${url}: 401` });
    h.run(30_000);
    h.run(5_000);
    expect(h.stored().status?.conditions?.[0]).toEqual({ type: 'Available', status: 'False', lastTransitionTime: '2026-01-01T00:00:01Z', reason: 'FailedDiscoveryCheck', message: `failing or missing response from ${url}: Get "${url}": context deadline exceeded` });
  });

  it('names a missing Service, or one not listening on the port (ServiceNotFound, ServicePortError)', () => {
    const missing = harness({ apiService: apiService() });
    missing.agg.start();
    missing.run(1_000);
    expect(missing.stored().status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'ServiceNotFound', message: 'service/metrics-server in "kube-system" is not present' });
    const port = harness({ apiService: apiService({ service: { name: 'metrics-server', namespace: 'kube-system', port: 4443 } }), service: service([443]) });
    port.agg.start();
    port.run(1_000);
    expect(port.stored().status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'ServicePortError', message: 'service/metrics-server in "kube-system" is not listening on port 4443' });
  });

  it('calls a local APIService always available', () => {
    const h = harness({ apiService: apiService({ service: null, group: 'apps', version: 'v1' }) });
    h.agg.start();
    h.run(1_000);
    expect(h.stored().status?.conditions?.[0]).toMatchObject({ status: 'True', reason: 'Local', message: 'Local APIServices are always available' });
  });
});

describe('discovery and the proxy', () => {
  const available = { conditions: [{ type: 'Available' as const, status: 'True' as const, reason: 'Passed', message: 'all checks passed' }] };
  const unavailable = { conditions: [{ type: 'Available' as const, status: 'False' as const, reason: 'FailedDiscoveryCheck', message: 'x' }] };

  it('lists an aggregated group in /apis only while it is Available', () => {
    const own = { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps' }] };
    const up = harness({ apiService: apiService({}, available), service: service() }).agg;
    expect(up.withGroups(own).groups).toEqual([{ name: 'apps' }, { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } }]);
    expect(up.apiGroup('metrics.k8s.io')).toMatchObject({ kind: 'APIGroup', apiVersion: 'v1', name: 'metrics.k8s.io' });
    const down = harness({ apiService: apiService({}, unavailable), service: service() }).agg;
    expect(down.withGroups(own).groups).toEqual([{ name: 'apps' }]);
    expect(down.apiGroup('metrics.k8s.io')).toBeNull();
    // The paths stay the aggregator's, to answer 503.
    expect(down.serviceFor('/apis/metrics.k8s.io/v1beta1/nodes')?.metadata.name).toBe('v1beta1.metrics.k8s.io');
    expect(down.serviceFor('/apis/metrics.k8s.io/v2/nodes')).toBeNull();
  });

  function proxy(h: ReturnType<typeof harness>, s: APIService): { done: () => HttpResponse | null } {
    let res: HttpResponse | null = null;
    new Coroutine(h.agg.proxy({ method: 'GET', url: '/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=a%3Db', headers: { accept: 'application/json', authorization: 'Bearer secret' } }, { username: 'kubernetes-admin', uid: '', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }, s, { send: (r) => ((res = r), r.status) }), () => {}).start();
    return { done: () => res };
  }

  it('sends the user on in X-Remote-User / X-Remote-Group with the front proxy certificate, and the answer back', () => {
    const h = harness({ apiService: apiService({}, available), service: service() });
    const p = proxy(h, h.stored());
    const req = (h.sent[0].frame as Extract<ClientFrame, { t: 'req' }>).req;
    expect(req.url).toBe('/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=a%3Db');
    expect(req.headers).toEqual({ 'x-remote-user': 'kubernetes-admin', 'x-remote-group': 'kubeadm:cluster-admins,system:authenticated', accept: 'application/json', authorization: 'Bearer kubeplay-client-cert:front-proxy-client|' });
    h.answer((h.sent[0].frame as { id: number }).id, { status: 200, headers: {}, body: '{"kind":"NodeMetricsList"}' });
    expect(p.done()?.body).toBe('{"kind":"NodeMetricsList"}');
  });

  it('answers 503 "service unavailable" while the APIService is not Available, and when the backend never answers', () => {
    const down = harness({ apiService: apiService({}, unavailable), service: service() });
    expect(proxy(down, down.stored()).done()).toMatchObject({ status: 503, body: 'service unavailable\n' });
    expect(down.sent).toHaveLength(0);
    const silent = harness({ apiService: apiService({}, available), service: service() });
    const p = proxy(silent, silent.stored());
    silent.run(30_000);
    expect(p.done()).toMatchObject({ status: 503, body: 'error trying to reach service: dial tcp 10.96.0.77:443: i/o timeout\n' });
  });
});

describe('kubectl get apiservices', () => {
  it('prints the Service (or Local) and Available with its reason when not True', () => {
    const now = Date.parse('2026-01-01T00:05:00Z');
    expect(printAPIService(apiService({}, { conditions: [{ type: 'Available', status: 'True', reason: 'Passed' }] }), now).cells).toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'True', '5m']);
    expect(printAPIService(apiService({}, { conditions: [{ type: 'Available', status: 'False', reason: 'FailedDiscoveryCheck' }] }), now).cells[2]).toBe('False (FailedDiscoveryCheck)');
    expect(printAPIService(apiService({ service: null }), now).cells.slice(1, 3)).toEqual(['Local', 'Unknown']);
  });
});
