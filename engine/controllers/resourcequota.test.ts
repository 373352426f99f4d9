// Tests ported from pkg/controller/resourcequota/resource_quota_controller_test.go (1.32):
// TestSyncResourceQuota (its cases, the listers preloaded instead of mocked) and TestAddQuota; the
// replenishment cases follow resource_quota_monitor.go and pkg/quota/v1/install DefaultUpdateFilter.

import { describe, expect, it } from 'vitest';
import type { Pod, ResourceQuota, ResourceQuotaSpec, ResourceQuotaStatus } from '../api/types';
import { res } from '../client/clientset';
import { newResourceQuotaController } from './resourcequota';
import { fakeContext, runSync, type FakeContext } from './testing';

const podsR = res('', 'pods');
const quotasR = res('', 'resourcequotas');
const servicesR = res('', 'services');

type Res = { cpu?: string; memory?: string };
function pod(name: string, phase: 'Running' | 'Failed', requests: Res, priorityClassName?: string): Pod {
  const r = Object.fromEntries(Object.entries(requests).filter(([, v]) => v)) as Record<string, string>;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace: 'testing', uid: `uid-${name}` },
    spec: { volumes: [{ name: 'vol' }], containers: [{ name: 'ctr', image: 'image', resources: { requests: r } }], ...(priorityClassName ? { priorityClassName } : {}) },
    status: { phase },
  } as Pod;
}

// newTestPods, newBestEffortTestPods, newTestPodsWithPriorityClasses
const testPods = () => [pod('pod-running', 'Running', { cpu: '100m', memory: '1Gi' }), pod('pod-running-2', 'Running', { cpu: '100m', memory: '1Gi' }), pod('pod-failed', 'Failed', { cpu: '100m', memory: '1Gi' })];
const bestEffortPods = () => [pod('pod-running', 'Running', {}), pod('pod-running-2', 'Running', {}), pod('pod-failed', 'Failed', { cpu: '100m', memory: '1Gi' })];
const priorityPods = () => [pod('pod-running', 'Running', { cpu: '500m', memory: '50Gi' }, 'high'), pod('pod-running-2', 'Running', { cpu: '100m', memory: '1Gi' }, 'low'), pod('pod-failed', 'Failed', { cpu: '100m', memory: '1Gi' })];

const hard3 = { cpu: '3', memory: '100Gi', pods: '5' };
function quota(spec: ResourceQuotaSpec, status?: ResourceQuotaStatus, ns = 'testing', name = 'quota'): ResourceQuota {
  return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: { name, namespace: ns, uid: `uid-${name}`, resourceVersion: '7' }, spec, ...(status ? { status } : {}) };
}

function setup(pods: Pod[], quotas: ResourceQuota[] = []): { ctx: FakeContext; rq: ReturnType<typeof newResourceQuotaController> } {
  const ctx = fakeContext();
  ctx.client.seed(quotasR, ...quotas);
  ctx.informers.informerFor<Pod>(podsR).preload(...pods);
  ctx.informers.informerFor<ResourceQuota>(quotasR).preload(...quotas);
  return { ctx, rq: newResourceQuotaController(ctx) };
}

describe('TestSyncResourceQuota', () => {
  const cases: { name: string; items: Pod[]; quota: ResourceQuota; status: ResourceQuotaStatus | null }[] = [
    { name: 'non-matching-best-effort-scoped-quota', items: testPods(), quota: quota({ hard: hard3, scopes: ['BestEffort'] }), status: { hard: hard3, used: { cpu: '0', memory: '0', pods: '0' } } },
    { name: 'matching-best-effort-scoped-quota', items: bestEffortPods(), quota: quota({ hard: hard3, scopes: ['BestEffort'] }), status: { hard: hard3, used: { cpu: '0', memory: '0', pods: '2' } } },
    {
      name: 'non-matching-priorityclass-scoped-quota-OpExists',
      items: testPods(),
      quota: quota({ hard: hard3, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Exists' }] } }),
      status: { hard: hard3, used: { cpu: '0', memory: '0', pods: '0' } },
    },
    {
      name: 'matching-priorityclass-scoped-quota-OpExists',
      items: priorityPods(),
      quota: quota({ hard: hard3, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Exists' }] } }),
      status: { hard: hard3, used: { cpu: '600m', memory: '51Gi', pods: '2' } },
    },
    {
      name: 'matching-priorityclass-scoped-quota-OpIn-high',
      items: priorityPods(),
      quota: quota({ hard: hard3, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } }),
      status: { hard: hard3, used: { cpu: '500m', memory: '50Gi', pods: '1' } },
    },
    {
      name: 'matching-priorityclass-scoped-quota-OpNotIn-low',
      items: priorityPods(),
      quota: quota({ hard: hard3, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }] } }),
      status: { hard: hard3, used: { cpu: '100m', memory: '1Gi', pods: '1' } },
    },
    {
      name: 'matching-priorityclass-scoped-quota-OpDoesNotExist',
      items: testPods(),
      quota: quota({ hard: hard3, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'DoesNotExist' }] } }),
      status: { hard: hard3, used: { cpu: '200m', memory: '2Gi', pods: '2' } },
    },
    { name: 'pods', items: testPods(), quota: quota({ hard: hard3 }), status: { hard: hard3, used: { cpu: '200m', memory: '2Gi', pods: '2' } } },
    { name: 'quota-spec-hard-updated', items: [], quota: quota({ hard: { cpu: '4' } }, { hard: { cpu: '3' }, used: { cpu: '0' } }, 'default', 'rq'), status: { hard: { cpu: '4' }, used: { cpu: '0' } } },
    { name: 'quota-unchanged', items: [], quota: quota({ hard: { cpu: '4' } }, { hard: { cpu: '0' } }, 'default', 'rq'), status: { hard: { cpu: '4' }, used: { cpu: '0' } } },
    // TestSyncResourceQuotaNoChange: nothing to write.
    { name: 'no change', items: [], quota: quota({ hard: { cpu: '4' } }, { hard: { cpu: '4' }, used: { cpu: '0' } }, 'default', 'rq'), status: null },
    // TestSyncResourceQuotaSpecHardChange: a hard limit dropped from spec leaves status too.
    { name: 'spec hard change drops memory', items: [], quota: quota({ hard: { cpu: '4' } }, { hard: { cpu: '3', memory: '1Gi' }, used: { cpu: '0', memory: '0' } }, 'default', 'rq'), status: { hard: { cpu: '4' }, used: { cpu: '0' } } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { ctx, rq } = setup(c.items, [c.quota]);
      runSync(rq.syncResourceQuota(c.quota));
      const writes = ctx.client.writes();
      if (c.status === null) return expect(writes).toEqual([]);
      expect(writes.map((w) => `${w.verb}-${w.resource}-${w.subresource}`)).toEqual(['update-resourcequotas-status']);
      const usage = writes[0].object as ResourceQuota;
      expect(usage.status).toEqual(c.status);
      expect(usage.metadata.resourceVersion).toBe('7');
      expect(usage.spec).toEqual(c.quota.spec);
    });
  }
});

describe('TestAddQuota', () => {
  const cases: { name: string; spec: ResourceQuotaSpec['hard']; status?: ResourceQuotaStatus; expectedPriority: boolean }[] = [
    { name: 'no status', spec: { cpu: '4' }, expectedPriority: true },
    { name: 'status, no usage', spec: { cpu: '4' }, status: { hard: { cpu: '4' } }, expectedPriority: true },
    { name: 'status, no usage(to validate it works for extended resources)', spec: { 'requests.example/foobars.example.com': '4' }, status: { hard: { 'requests.example/foobars.example.com': '4' } }, expectedPriority: true },
    { name: 'status, mismatch', spec: { cpu: '4' }, status: { hard: { cpu: '6' }, used: { cpu: '0' } }, expectedPriority: true },
    { name: "status, missing usage, but don't care (no informer)", spec: { 'foobars.example.com': '4' }, status: { hard: { 'foobars.example.com': '4' } }, expectedPriority: false },
    { name: 'ready', spec: { cpu: '4' }, status: { hard: { cpu: '4' }, used: { cpu: '0' } }, expectedPriority: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { ctx, rq } = setup(testPods());
      const primary = ctx.queues.get('resourcequota_primary')!;
      primary.added.splice(0); // the #resync key queued at start
      rq.addQuota(quota({ hard: c.spec }, c.status, 'default', 'rq'));
      expect(ctx.queues.get('resourcequota_priority')!.added).toEqual(c.expectedPriority ? ['default/rq'] : []);
      expect(primary.added).toEqual(c.expectedPriority ? [] : ['default/rq']);
    });
  }
});

describe('replenishment (resource_quota_monitor.go, DefaultUpdateFilter)', () => {
  const tracking = quota({ hard: { pods: '5' } }, { hard: { pods: '5' }, used: { pods: '2' } });
  const other = quota({ hard: { services: '1' } }, { hard: { services: '1' }, used: { services: '0' } }, 'testing', 'svc-quota');
  function primed() {
    const s = setup(testPods(), [tracking, other]);
    const primary = s.ctx.queues.get('resourcequota_primary')!;
    primary.added.splice(0);
    return { ...s, primary, pods: s.ctx.informers.informerFor<Pod>(podsR) };
  }

  it('a deleted pod queues the namespace quotas that track pods, and only those', () => {
    const { primary, pods } = primed();
    pods.emitDelete(testPods()[0]);
    expect(primary.added).toEqual(['testing/quota']);
  });

  it('a pod turning terminal queues them; a label change does not', () => {
    const { primary, pods } = primed();
    const p = testPods()[0];
    pods.emitUpsert({ ...p, metadata: { ...p.metadata, labels: { a: 'b' } } });
    expect(primary.added).toEqual([]);
    pods.emitUpsert({ ...p, status: { phase: 'Failed' } });
    expect(primary.added).toEqual(['testing/quota']);
  });

  it('a pod entering the Terminating scope queues them', () => {
    const { primary, pods } = primed();
    const p = testPods()[1];
    pods.emitUpsert({ ...p, spec: { ...p.spec!, activeDeadlineSeconds: 30 } });
    expect(primary.added).toEqual(['testing/quota']);
  });

  it('a service changing its quota type queues the quotas that track services', () => {
    const { ctx, primary } = primed();
    const svc = { kind: 'Service', apiVersion: 'v1', metadata: { name: 's', namespace: 'testing' }, spec: { type: 'ClusterIP' } };
    const services = ctx.informers.informerFor(servicesR);
    services.preload(svc as never);
    services.emitUpsert({ ...svc, spec: { type: 'NodePort' } } as never);
    expect(primary.added).toEqual(['testing/svc-quota']);
  });

  it('a spec.hard change of a quota queues it; a status change does not', () => {
    const { ctx, primary } = primed();
    const informer = ctx.informers.informerFor<ResourceQuota>(quotasR);
    informer.emitUpsert({ ...tracking, status: { hard: { pods: '5' }, used: { pods: '3' } } });
    expect(primary.added).toEqual([]);
    informer.emitUpsert({ ...tracking, spec: { hard: { pods: '6' } } });
    expect(ctx.queues.get('resourcequota_priority')!.added).toEqual(['testing/quota']);
  });

  it('recalculates every quota each --resource-quota-sync-period', () => {
    const { ctx, rq, primary } = primed();
    runSync(rq.sync('#resync'));
    expect(primary.added).toEqual(['testing/quota', 'testing/svc-quota']);
    expect(primary.after).toEqual([{ key: '#resync', ms: ctx.timings.resourceQuotaSyncPeriodMs }]);
  });
});
