// Ported from k8s.io/endpointslice/util/endpointslice_tracker_test.go and trigger_time_tracker_test.go (v0.32.4).
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../../api/types';
import { EndpointSliceTracker } from './endpointslice-tracker';
import { TriggerTimeTracker } from './trigger-time-tracker';

const slice = (over: { namespace?: string; uid?: string; generation?: number; service?: string } = {}): EndpointSlice => ({
  metadata: { name: 'example-1', namespace: over.namespace ?? 'ns1', uid: over.uid ?? 'original', generation: over.generation ?? 1, labels: { 'kubernetes.io/service-name': over.service ?? 'svc1' } },
  addressType: 'IPv4',
  endpoints: [],
});
const svc = (name = 'svc1', namespace = 'ns1'): Service => ({ metadata: { name, namespace } });

describe('EndpointSliceTracker', () => {
  const s1 = slice();
  const diffNS = slice({ namespace: 'ns2', uid: 'diff-ns' });
  const diffSvc = slice({ service: 'svc2', uid: 'diff-svc' });
  const newer = slice({ generation: 2 });

  it.each([
    ['same slice', s1, true, false],
    ['different namespace', diffNS, false, true],
    ['different service', diffSvc, false, true],
    ['newer generation', newer, true, true],
  ] as const)('update then has/shouldSync: %s (TestEndpointSliceTrackerUpdate)', (_n, check, has, shouldSync) => {
    const t = new EndpointSliceTracker();
    t.update(s1);
    expect(t.has(check)).toBe(has);
    expect(t.shouldSync(check)).toBe(shouldSync);
  });

  it('stale slices (TestEndpointSliceTrackerStaleSlices)', () => {
    const t = new EndpointSliceTracker();
    expect(t.staleSlices(svc(), [])).toBe(false); // empty tracker
    t.update(s1);
    expect(t.staleSlices(svc(), [s1])).toBe(false); // matching
    expect(t.staleSlices(svc(), [newer])).toBe(false); // newer slice in the cache
    expect(t.staleSlices(svc(), [])).toBe(true); // tracked but not in the cache
    t.update(newer);
    expect(t.staleSlices(svc(), [s1])).toBe(true); // newer in the tracker
    t.expectDeletion(s1);
    expect(t.staleSlices(svc(), [s1])).toBe(true); // expected to be deleted, still there
    expect(t.staleSlices(svc(), [])).toBe(false);
  });

  it.each([
    ['same slice', s1, s1, true, true],
    ['different namespace', diffNS, diffNS, true, false],
    ['different namespace, check original', diffNS, s1, false, false],
    ['different service', diffSvc, diffSvc, true, false],
    ['different generation', newer, newer, true, true],
  ] as const)('deletion: %s (TestEndpointSliceTrackerDeletion)', (_n, expectDel, check, shouldSync, handled) => {
    const t = new EndpointSliceTracker();
    t.update(s1);
    t.expectDeletion(expectDel);
    expect(t.has(check)).toBe(true);
    expect(t.shouldSync(check)).toBe(shouldSync);
    expect(t.handleDeletion(s1)).toBe(handled);
    expect(t.has(s1)).toBe(false);
  });

  it('forgets a deleted Service only (TestEndpointSliceTrackerDeleteService)', () => {
    const t = new EndpointSliceTracker();
    t.update(s1);
    t.deleteService('ns2', 'svc1');
    t.deleteService('ns1', 'svc2');
    expect(t.has(s1)).toBe(true);
    expect(t.shouldSync(s1)).toBe(false);
    t.deleteService('ns1', 'svc1');
    expect(t.has(s1)).toBe(false);
    expect(t.shouldSync(s1)).toBe(true);
  });
});

describe('TriggerTimeTracker', () => {
  const t0 = Date.UTC(2019, 0, 1);
  const at = (n: number) => t0 + n * 1000;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const service = (created: number): Service => ({ metadata: { name: 'my-service', namespace: 'ttNamespace1', creationTimestamp: iso(created) } });
  const pod = (name: string, ready: number): Pod => ({ metadata: { name, namespace: 'ttNamespace1' }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(ready) }] } });
  const compute = (t: TriggerTimeTracker, s: Service, ...pods: Pod[]) => t.computeEndpointLastChangeTriggerTime('ttNamespace1', s, pods);

  it('a new Service: its creation, even with older pods (TestNewServiceNoPods, TestNewServiceExistingPods)', () => {
    expect(compute(new TriggerTimeTracker(), service(at(2)))).toBe(at(2));
    expect(compute(new TriggerTimeTracker(), service(at(3)), pod('pod1', at(0)), pod('pod2', at(1)), pod('pod3', at(5)))).toBe(at(3));
  });

  it('pods added: the earliest of them (TestPodsAdded)', () => {
    const t = new TriggerTimeTracker();
    expect(compute(t, service(at(0)))).toBe(at(0));
    expect(compute(t, service(at(0)), pod('pod1', at(2)), pod('pod2', at(1)))).toBe(at(1));
  });

  it('pods updated: the earliest change; none when nothing changed (TestPodsUpdated, TestPodsUpdatedNoOp)', () => {
    const t = new TriggerTimeTracker();
    const s = service(at(0));
    expect(compute(t, s, pod('pod1', at(1)), pod('pod2', at(2)), pod('pod3', at(3)))).toBe(at(0));
    expect(compute(t, s, pod('pod1', at(5)), pod('pod2', at(4)), pod('pod3', at(3)))).toBe(at(4));
    expect(compute(t, s, pod('pod1', at(5)), pod('pod2', at(4)), pod('pod3', at(3)))).toBe(0);
  });

  it('a pod deleted then added again counts as a change (TestPodDeletedThenAdded)', () => {
    const t = new TriggerTimeTracker();
    const s = service(at(0));
    expect(compute(t, s, pod('pod1', at(1)), pod('pod2', at(2)))).toBe(at(0));
    expect(compute(t, s, pod('pod1', at(1)))).toBe(0);
    expect(compute(t, s, pod('pod1', at(1)), pod('pod2', at(4)))).toBe(at(4));
  });

  it('a Service deleted then added is new again (TestServiceDeletedThenAdded)', () => {
    const t = new TriggerTimeTracker();
    expect(compute(t, service(at(0)), pod('pod1', at(1)), pod('pod2', at(2)))).toBe(at(0));
    t.deleteService('ttNamespace1', 'my-service');
    expect(compute(t, service(at(3)), pod('pod1', at(1)), pod('pod2', at(2)))).toBe(at(3));
  });
});
