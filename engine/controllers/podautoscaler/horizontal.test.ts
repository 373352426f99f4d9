// The HPA controller over fakes (sample-controller's way): an HPA on a Deployment's scale
// subresource, pods in the informer, PodMetrics from the fake metrics API; one sync at a time,
// then the scale update, the status written and the events, compared with what
// pkg/controller/podautoscaler/horizontal.go (1.32) does in the same situation.

import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler, Pod } from '../../api/types';
import { res } from '../../client/clientset';
import { StatusError } from '../../apiserver/errors';
import { podMetricsResource } from '../../metrics/types';
import type { KubeList, KubeObject } from '../../api/types';
import type { ResourceInfo } from '../../api/resources';
import type { ListOptions } from '../../client/clientset';
import type { Co } from '../../sim/co';
import { FakeClient, fakeContext, runSync, type FakeContext } from '../testing';
import { calculateScaleDownLimitWithBehaviors, calculateScaleUpLimitWithScalingRules, convertDesiredReplicasWithRules, newHorizontalController } from './horizontal';

const hpas = res('autoscaling', 'horizontalpodautoscalers');
const pods = res('', 'pods');
const epochMs = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function hpa(spec: Partial<NonNullable<HorizontalPodAutoscaler['spec']>> = {}): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default', uid: 'hpa-uid', resourceVersion: '10' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], ...spec },
  };
}

/** The fake clientset, whose metrics list can be made to fail (FakeClient's list has no reactors). */
class MetricsFakeClient extends FakeClient {
  listError: Error | null = null;
  *list<T extends KubeObject>(r: ResourceInfo, namespace: string, opts: ListOptions = {}): Co<KubeList<T>> {
    if (this.listError && r.group === 'metrics.k8s.io') throw this.listError;
    return yield* super.list<T>(r, namespace, opts);
  }
}

/** PodMetrics of pods web-0… using `usageMilli` each. */
function seedMetrics(client: FakeClient, usageMilli: number[], atMs: number): void {
  usageMilli.forEach((u, i) =>
    client.seed(podMetricsResource, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } }, timestamp: iso(atMs), window: '15s', containers: [{ name: 'nginx', usage: { cpu: `${u}m`, memory: '4Mi' } }] } as never),
  );
}

/** A fixture: the HPA, a Deployment scaled to `replicas` whose pods use `usageMilli` each of a 100m request. */
function fixture(opts: { replicas: number; usageMilli: number[]; hpa?: HorizontalPodAutoscaler; nowMs?: number }) {
  const ctx = fakeContext(opts.nowMs ?? 3_600_000);
  const client = new MetricsFakeClient();
  ctx.client = client;
  const h = opts.hpa ?? hpa();
  ctx.client.seed(hpas, h);
  let replicas = opts.replicas;
  const scaleUpdates: number[] = [];
  ctx.client.prependReactor('get', 'deployments.apps', (a) =>
    a.subresource === 'scale' ? ({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default', resourceVersion: '5' }, spec: { replicas }, status: { replicas, selector: 'app=web' } } as never) : undefined,
  );
  ctx.client.prependReactor('update', 'deployments.apps', (a) => {
    if (a.subresource !== 'scale') return undefined;
    replicas = (a.object as unknown as { spec: { replicas: number } }).spec.replicas;
    scaleUpdates.push(replicas);
    return a.object;
  });
  const started = iso(epochMs);
  const podList: Pod[] = opts.usageMilli.map((_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '100m' } } }] },
    status: { phase: 'Running', startTime: started, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: started }] },
  }));
  for (const p of podList) ctx.informers.informerFor<Pod>(pods).preload(p);
  seedMetrics(client, opts.usageMilli, epochMs + 3_590_000);
  const ctrl = newHorizontalController(ctx);
  ctx.informers.informerFor<HorizontalPodAutoscaler>(hpas).preload(h);
  const sync = () => {
    // The informer sees what the controller last wrote, as a watch would deliver it.
    const cur = ctx.client.tracked<HorizontalPodAutoscaler>(hpas, 'default', 'web');
    if (cur) ctx.informers.informerFor<HorizontalPodAutoscaler>(hpas).preload(cur);
    try {
      runSync(ctrl.sync('default/web'));
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  const status = () => ctx.client.tracked<HorizontalPodAutoscaler>(hpas, 'default', 'web')!.status!;
  const conditions = () => status().conditions!.map((c) => [c.type, c.status, c.reason, c.message]);
  return { ctx, client, ctrl, sync, status, conditions, scaleUpdates, replicas: () => replicas };
}

const events = (ctx: FakeContext) => ctx.events.map((e) => `${e.type} ${e.reason} ${e.message}`);

describe('HorizontalController', () => {
  it('scales up by the CPU utilization ratio and reports it (SuccessfulRescale, currentMetrics, conditions)', () => {
    const f = fixture({ replicas: 1, usageMilli: [200] });
    expect(f.sync()).toBeNull();
    expect(f.scaleUpdates).toEqual([4]);
    expect(events(f.ctx)).toEqual(['Normal SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target']);
    expect(f.ctx.events[0].component).toBe('horizontal-pod-autoscaler');
    const st = f.status();
    expect(st.currentReplicas).toBe(1);
    expect(st.desiredReplicas).toBe(4);
    expect(st.lastScaleTime).toBe(iso(epochMs + 3_600_000));
    expect(st.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 200, averageValue: '200m' } } }]);
    expect(f.conditions()).toEqual([
      ['AbleToScale', 'True', 'SucceededRescale', 'the HPA controller was able to update the target scale to 4'],
      ['ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)'],
      ['ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'],
    ]);
    // Back in the queue after the resync period, as every HPA is.
    expect(f.ctx.queues.get('horizontalpodautoscaler')!.after).toContainEqual({ key: 'default/web', ms: 15_000 });
  });

  it('limits a scale-up to max(2 × current, 4) and then to maxReplicas (ScaleUpLimit, TooManyReplicas)', () => {
    const f = fixture({ replicas: 2, usageMilli: [900, 900], hpa: hpa({ maxReplicas: 20 }) });
    f.sync();
    expect(f.scaleUpdates).toEqual([4]);
    expect(f.conditions()[2]).toEqual(['ScalingLimited', 'True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']);
    const g = fixture({ replicas: 2, usageMilli: [900, 900], hpa: hpa({ maxReplicas: 3 }) });
    g.sync();
    expect(g.scaleUpdates).toEqual([3]);
    expect(g.conditions()[2]).toEqual(['ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count']);
  });

  it('keeps the current size within the tolerance, and scales down only after the stabilization window', () => {
    const f = fixture({ replicas: 4, usageMilli: [52, 48, 50, 51] });
    f.sync();
    expect(f.scaleUpdates).toEqual([]);
    expect(f.conditions()[0]).toEqual(['AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size']);
    expect(f.status().desiredReplicas).toBe(4);
    // The load drops: the recommendation is 1, but 4 was recommended within the last 5 minutes.
    seedMetrics(f.client, [5, 5, 5, 5], epochMs + 3_655_000);
    f.ctx.setNow(3_660_000);
    f.sync();
    expect(f.scaleUpdates).toEqual([]);
    expect(f.conditions()[0]).toEqual(['AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation']);
    f.ctx.setNow(3_600_000 + 5 * 60_000 + 1);
    f.sync();
    expect(f.scaleUpdates).toEqual([1]);
    expect(events(f.ctx)).toEqual(['Normal SuccessfulRescale New size: 1; reason: All metrics below target']);
  });

  it('brings a target below minReplicas up to it, whatever the metrics say', () => {
    const f = fixture({ replicas: 1, usageMilli: [0], hpa: hpa({ minReplicas: 3 }) });
    f.sync();
    expect(f.scaleUpdates).toEqual([3]);
    expect(events(f.ctx)).toEqual(['Normal SuccessfulRescale New size: 3; reason: Current number of replicas below Spec.MinReplicas']);
  });

  it('disables scaling while the target is at zero replicas (ScalingDisabled)', () => {
    const f = fixture({ replicas: 0, usageMilli: [] });
    f.sync();
    expect(f.scaleUpdates).toEqual([]);
    expect(f.conditions()).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
      ['ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero'],
    ]);
  });

  it('reports a metrics API that does not answer: FailedGetResourceMetric, ScalingActive False, an empty metric status', () => {
    const f = fixture({ replicas: 1, usageMilli: [100] });
    f.client.listError = new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 503, reason: 'Unknown', message: 'the server responded with the status code 503 but did not return more information' });
    const err = f.sync();
    const why = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)';
    expect(err).toBe(`failed to compute desired number of replicas based on listed metrics for Deployment/default/web: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${why}`);
    expect(events(f.ctx)).toEqual([`Warning FailedGetResourceMetric ${why}`, `Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${why}`]);
    expect(f.conditions()[1]).toEqual(['ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${why}`]);
    expect(f.status().currentMetrics).toEqual([{ type: '' }]);
    expect(f.scaleUpdates).toEqual([]);
  });

  it('needs a CPU request to compute a utilization', () => {
    const f = fixture({ replicas: 1, usageMilli: [100] });
    const p = f.ctx.informers.informerFor<Pod>(pods).lister.get('default', 'web-0')!;
    f.ctx.informers.informerFor<Pod>(pods).preload({ ...p, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    f.sync();
    expect(f.conditions()[1]).toEqual(['ScalingActive', 'False', 'FailedGetResourceMetric', 'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-0']);
  });

  it('cannot scale a target that does not exist (FailedGetScale)', () => {
    const f = fixture({ replicas: 1, usageMilli: [100], hpa: hpa({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' } }) });
    f.ctx.client.prependReactor('get', 'deployments.apps', (a) => (a.name === 'nope' ? new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound', message: 'deployments.apps "nope" not found' }) : undefined));
    expect(f.sync()).toBe('failed to query scale subresource for Deployment/default/nope: deployments.apps "nope" not found');
    expect(events(f.ctx)).toEqual(['Warning FailedGetScale deployments.apps "nope" not found']);
    expect(f.conditions()).toEqual([['AbleToScale', 'False', 'FailedGetScale', 'the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found']]);
  });

  it('names a kind no API serves as the RESTMapper does', () => {
    const f = fixture({ replicas: 1, usageMilli: [100], hpa: hpa({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deploymint', name: 'web' } }) });
    expect(f.sync()).toBe('unable to determine resource for scale target reference: no matches for kind "Deploymint" in group "apps"');
  });

  it('follows behavior policies: at most one pod per minute up (ScaleUpLimit), then none until the period passes', () => {
    const behavior = { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max' as const, policies: [{ type: 'Pods' as const, value: 1, periodSeconds: 60 }] }, scaleDown: { selectPolicy: 'Max' as const, policies: [{ type: 'Percent' as const, value: 100, periodSeconds: 15 }] } };
    const f = fixture({ replicas: 2, usageMilli: [400, 400], hpa: hpa({ behavior }) });
    f.sync();
    expect(f.scaleUpdates).toEqual([3]);
    expect(f.conditions()[2]).toEqual(['ScalingLimited', 'True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']);
    f.ctx.setNow(3_615_000);
    f.sync();
    expect(f.scaleUpdates).toEqual([3]);
    f.ctx.setNow(3_661_000);
    f.sync();
    expect(f.scaleUpdates).toEqual([3, 4]);
  });

  it('enqueues an HPA the resync period after it is seen, and forgets a deleted one', () => {
    const f = fixture({ replicas: 1, usageMilli: [50] });
    const inf = f.ctx.informers.informerFor<HorizontalPodAutoscaler>(hpas);
    inf.emitUpsert({ ...hpa(), metadata: { ...hpa().metadata, name: 'other' } });
    expect(f.ctx.queues.get('horizontalpodautoscaler')!.after).toEqual([{ key: 'default/other', ms: 15_000 }]);
    inf.emitDelete({ ...hpa(), metadata: { ...hpa().metadata, name: 'other' } });
    runSync(f.ctrl.sync('default/other'));
    expect(f.ctx.client.writes()).toEqual([]);
  });
});

// TestConvertDesiredReplicasWithRules and the policy limits (horizontal_test.go).
describe('scale rules', () => {
  it('convertDesiredReplicasWithRules', () => {
    expect(convertDesiredReplicasWithRules(5, 7, 3, 8)).toEqual({ replicas: 7, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
    expect(convertDesiredReplicasWithRules(3, 1, 2, 8)).toEqual({ replicas: 2, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' });
    expect(convertDesiredReplicasWithRules(3, 12, 1, 10)).toEqual({ replicas: 6, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
    expect(convertDesiredReplicasWithRules(1, 12, 1, 3)).toEqual({ replicas: 3, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
  });

  it('calculateScaleUpLimitWithScalingRules: the larger of +4 pods and +100% by default, Min picks the smaller, Disabled holds', () => {
    const rules = (select: 'Max' | 'Min' | 'Disabled') => ({ selectPolicy: select, policies: [{ type: 'Pods' as const, value: 4, periodSeconds: 15 }, { type: 'Percent' as const, value: 100, periodSeconds: 15 }] });
    expect(calculateScaleUpLimitWithScalingRules(10, [], [], rules('Max'), 0)).toBe(20);
    expect(calculateScaleUpLimitWithScalingRules(10, [], [], rules('Min'), 0)).toBe(14);
    expect(calculateScaleUpLimitWithScalingRules(10, [], [], rules('Disabled'), 0)).toBe(10);
    // Replicas added within the period count against it.
    expect(calculateScaleUpLimitWithScalingRules(10, [{ replicaChange: 5, at: 10_000, outdated: false }], [], rules('Max'), 20_000)).toBe(10);
    expect(calculateScaleUpLimitWithScalingRules(10, [{ replicaChange: 5, at: 1_000, outdated: false }], [], rules('Max'), 20_000)).toBe(20);
  });

  it('calculateScaleDownLimitWithBehaviors: -100% by default, rounded towards zero', () => {
    const rules = { selectPolicy: 'Max' as const, policies: [{ type: 'Percent' as const, value: 30, periodSeconds: 60 }] };
    expect(calculateScaleDownLimitWithBehaviors(10, [], [], rules, 0)).toBe(7);
    expect(calculateScaleDownLimitWithBehaviors(10, [], [{ replicaChange: 3, at: 0, outdated: false }], rules, 30_000)).toBe(9);
  });
});
