// Ported from pkg/controller/controller_utils_test.go and controller_ref_manager_test.go (v1.32).
import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../api/labels';
import type { Pod, ReplicaSet } from '../../api/types';
import { newInternalError, StatusError } from '../../apiserver/errors';
import { res } from '../../client/clientset';
import { fakeContext, runSync } from '../testing';
import type { Co } from '../../sim/co';
import {
  activePodsLess,
  activePodsWithRanksLess,
  computeHash,
  ControllerExpectations,
  expectationsTimeoutMs,
  filterActivePods,
  getPodFromTemplate,
  isPodAvailable,
  newControllerRef,
  PodControllerRefManager,
  RealPodControl,
  safeEncodeString,
  slowStartBatch,
  UIDTrackingControllerExpectations,
  type PodControl,
} from './index';

const iso = (ms: number) => new Date(ms).toISOString();

function rsOwner(): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'foobar', namespace: 'default', uid: '123' }, spec: { selector: { matchLabels: { foo: 'bar' } } } };
}

describe('ControllerExpectations (TestControllerExpectations)', () => {
  it('are met once every add and delete is seen, and expire after ExpectationsTimeout', () => {
    let now = 0;
    const e = new ControllerExpectations(() => now);
    e.setExpectations('default/foobar', 10, 30);
    for (let i = 0; i < 11; i++) e.creationObserved('default/foobar');
    expect(e.satisfiedExpectations('default/foobar')).toBe(false); // deletes still outstanding
    for (let i = 0; i < 31; i++) e.deletionObserved('default/foobar');
    // Expectations have been surpassed.
    expect(e.getExpectations('default/foobar')).toMatchObject({ add: -1, del: -1 });
    expect(e.satisfiedExpectations('default/foobar')).toBe(true);
    // Old expectations are cleared because of ttl.
    e.setExpectations('default/foobar', 1, 2);
    expect(e.satisfiedExpectations('default/foobar')).toBe(false);
    now += expectationsTimeoutMs + 1;
    expect(e.getExpectations('default/foobar')).toMatchObject({ add: 1, del: 2 });
    expect(e.satisfiedExpectations('default/foobar')).toBe(true);
  });

  it('a controller that never set expectations may sync', () => {
    expect(new ControllerExpectations(() => 0).satisfiedExpectations('x/y')).toBe(true);
  });
});

describe('UIDTrackingControllerExpectations (TestUIDExpectations)', () => {
  it('counts each expected pod deletion once, ignores others', () => {
    const u = new UIDTrackingControllerExpectations(new ControllerExpectations(() => 0));
    u.expectDeletions('default/rc', ['default/a', 'default/b']);
    expect(u.satisfiedExpectations('default/rc')).toBe(false);
    u.deletionObserved('default/rc', 'default/a');
    u.deletionObserved('default/rc', 'default/a'); // the update with deletionTimestamp, then the delete
    u.deletionObserved('default/rc', 'default/zzz');
    expect(u.getExpectations('default/rc')!.del).toBe(1);
    u.deletionObserved('default/rc', 'default/b');
    expect(u.satisfiedExpectations('default/rc')).toBe(true);
    u.deleteExpectations('default/rc');
    expect(u.getUIDs('default/rc')).toBeUndefined();
    expect(u.getExpectations('default/rc')).toBeUndefined();
  });
});

describe('RealPodControl (TestCreatePods, TestDeletePodsAllowsMissing)', () => {
  const template = { metadata: { labels: { foo: 'bar' }, annotations: { a: 'b' }, finalizers: ['f'] }, spec: { containers: [{ name: 'c', image: 'foo/bar' }] } };

  it('creates the pod from the template, owned by the controller, with a SuccessfulCreate event', () => {
    const ctx = fakeContext();
    const owner = rsOwner();
    const pc = new RealPodControl(ctx.client, ctx.recorder('replicaset-controller'));
    runSync(pc.createPods('default', template, owner, newControllerRef(owner, 'apps/v1', 'ReplicaSet')));
    const [create] = ctx.client.writes();
    expect(create.object).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        labels: { foo: 'bar' },
        annotations: { a: 'b' },
        generateName: 'foobar-',
        finalizers: ['f'],
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foobar', uid: '123', controller: true, blockOwnerDeletion: true }],
      },
      spec: template.spec,
    });
    expect(ctx.events).toEqual([{ component: 'replicaset-controller', object: 'ReplicaSet/foobar', type: 'Normal', reason: 'SuccessfulCreate', message: expect.stringMatching(/^Created pod: foobar-[a-z0-9]{5}$/) }]);
  });

  it('refuses a controllerRef that is not a controller, and a template without labels', () => {
    const ctx = fakeContext();
    const owner = rsOwner();
    const pc = new RealPodControl(ctx.client, ctx.recorder('x'));
    expect(() => runSync(pc.createPods('default', template, owner, { ...newControllerRef(owner, 'apps/v1', 'ReplicaSet'), controller: false }))).toThrow('controllerRef.Controller is not set to true');
    expect(() => runSync(pc.createPods('default', { spec: template.spec }, owner, newControllerRef(owner, 'apps/v1', 'ReplicaSet')))).toThrow('unable to create pods, no labels');
    expect(ctx.client.writes()).toEqual([]);
  });

  it('a failed create is a FailedCreate warning with the apiserver message', () => {
    const ctx = fakeContext();
    ctx.client.prependReactor('create', 'pods', () => newInternalError('boom'));
    const pc = new RealPodControl(ctx.client, ctx.recorder('x'));
    const owner = rsOwner();
    expect(() => runSync(pc.createPods('default', template, owner, newControllerRef(owner, 'apps/v1', 'ReplicaSet')))).toThrow(StatusError);
    expect(ctx.events.map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'FailedCreate', 'Error creating: Internal error occurred: boom']]);
  });

  it('deleting a missing pod returns NotFound without an event', () => {
    const ctx = fakeContext();
    const pc = new RealPodControl(ctx.client, ctx.recorder('x'));
    expect(() => runSync(pc.deletePod('default', 'nope', rsOwner()))).toThrow(/not found/);
    expect(ctx.events).toEqual([]);
  });

  it('the dash is dropped only when `<name>-` is no valid generateName (getPodsPrefix)', () => {
    // maskTrailingDash cuts two bytes before checking, so even a 253-byte name keeps its dash.
    const named = (name: string) => ({ ...rsOwner(), metadata: { ...rsOwner().metadata, name } });
    expect(getPodFromTemplate(template, named('a'.repeat(253))).metadata.generateName).toBe(`${'a'.repeat(253)}-`);
    expect(getPodFromTemplate(template, named('a'.repeat(255))).metadata.generateName).toBe('a'.repeat(255));
  });
});

describe('pod predicates (TestActivePodFiltering, IsPodAvailable)', () => {
  it('filters out terminal and deleted pods', () => {
    const pods: Pod[] = ['Pending', 'Running', 'Succeeded', 'Failed'].map((phase, i) => ({ metadata: { name: `p${i}` }, status: { phase: phase as 'Pending' } }));
    pods.push({ metadata: { name: 'gone', deletionTimestamp: iso(0) }, status: { phase: 'Running' } });
    expect(filterActivePods(pods).map((p) => p.metadata.name)).toEqual(['p0', 'p1']);
  });

  it('a pod is available once ready for longer than minReadySeconds', () => {
    const t = Date.UTC(2026, 0, 1);
    const pod: Pod = { metadata: {}, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(t) }] } };
    expect(isPodAvailable(pod, 0, t)).toBe(true);
    expect(isPodAvailable(pod, 10, t + 10_000)).toBe(false);
    expect(isPodAvailable(pod, 10, t + 10_001)).toBe(true);
    expect(isPodAvailable({ metadata: {} }, 0, t)).toBe(false);
  });
});

// TestSortingActivePodsWithRanks, with LogarithmicScaleDown and PodDeletionCost on (their 1.32 defaults).
describe('ActivePodsWithRanks (TestSortingActivePodsWithRanks)', () => {
  const now = Date.UTC(2026, 0, 1);
  const h = 3_600_000;
  const then1Month = Date.UTC(2025, 11, 1);
  function pod(name: string, node: string, phase: 'Pending' | 'Running' | 'Unknown', ready: boolean, restarts: number, sideRestarts: number, readySince: number, created: number, annotations?: Record<string, string>): Pod {
    return {
      metadata: { name, ...(created ? { creationTimestamp: iso(created) } : {}), ...(annotations ? { annotations } : {}) },
      spec: { nodeName: node, containers: [{ name: 'c' }], initContainers: [{ name: 'sidecar', restartPolicy: 'Always' }] },
      status: {
        phase,
        conditions: ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince ? iso(readySince) : null }] : [],
        containerStatuses: [{ name: 'c', restartCount: restarts } as never],
        initContainerStatuses: [{ name: 'sidecar', restartCount: sideRestarts } as never],
      },
    };
  }
  const unscheduledPod = pod('unscheduled', '', 'Pending', false, 0, 0, 0, 0);
  const scheduledPendingPod = pod('pending', 'node', 'Pending', false, 0, 0, 0, 0);
  const unknownPhasePod = pod('unknown-phase', 'node', 'Unknown', false, 0, 0, 0, 0);
  const runningNotReadyPod = pod('not-ready', 'node', 'Running', false, 0, 0, 0, 0);
  const runningReadyNoLastTransitionTimePod = pod('ready-no-last-transition-time', 'node', 'Running', true, 0, 0, 0, 0);
  const runningReadyNow = pod('ready-now', 'node', 'Running', true, 0, 0, now, now);
  const runningReadyThen = pod('ready-then', 'node', 'Running', true, 0, 0, then1Month, then1Month);
  const runningReadyNowHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, 0, now, now);
  const runningReadyNowHighSideRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, 9001, now, now);
  const runningReadyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, 0, now, then1Month);
  const lowPodDeletionCost = pod('low-deletion-cost', 'node', 'Running', true, 0, 0, now, then1Month, { 'controller.kubernetes.io/pod-deletion-cost': '10' });
  const highPodDeletionCost = pod('high-deletion-cost', 'node', 'Running', true, 0, 0, now, then1Month, { 'controller.kubernetes.io/pod-deletion-cost': '100' });
  const unscheduled5Hours = pod('unscheduled-5-hours', '', 'Pending', false, 0, 0, now - 5 * h, now - 5 * h);
  const unscheduled8Hours = pod('unscheduled-10-hours', '', 'Pending', false, 0, 0, now - 8 * h, now - 8 * h);
  const ready2Hours = pod('ready-2-hours', '', 'Running', true, 0, 0, now - 2 * h, then1Month);
  const ready5Hours = pod('ready-5-hours', '', 'Running', true, 0, 0, now - 5 * h, then1Month);
  const ready10Hours = pod('ready-10-hours', '', 'Running', true, 0, 0, now - 8 * h, then1Month);

  const equal: [Pod, Pod][] = [
    [unscheduledPod, unscheduledPod],
    [scheduledPendingPod, scheduledPendingPod],
    [unknownPhasePod, unknownPhasePod],
    [runningNotReadyPod, runningNotReadyPod],
    [runningReadyNowCreatedThen, runningReadyNowCreatedThen],
    [runningReadyNow, runningReadyNow],
    [runningReadyThen, runningReadyThen],
    [runningReadyNowHighRestarts, runningReadyNowHighRestarts],
    [unscheduled5Hours, unscheduled8Hours],
    [ready5Hours, ready10Hours],
  ];
  it.each(equal.map(([a, b], i) => [i, a, b] as const))('equality %i', (_i, a, b) => {
    expect(activePodsWithRanksLess({ pod: a, rank: 1 }, { pod: b, rank: 1 }, now)).toBe(false);
    expect(activePodsWithRanksLess({ pod: b, rank: 1 }, { pod: a, rank: 1 }, now)).toBe(false);
  });

  const lesserGreater: [Pod, number, Pod, number][] = [
    [unscheduledPod, 1, scheduledPendingPod, 2],
    [unscheduledPod, 2, scheduledPendingPod, 1],
    [scheduledPendingPod, 1, unknownPhasePod, 2],
    [unknownPhasePod, 1, runningNotReadyPod, 2],
    [runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNow, 1, runningReadyThen, 1],
    [runningReadyNow, 2, runningReadyThen, 1],
    [runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    [runningReadyNowHighSideRestarts, 1, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    [runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    [lowPodDeletionCost, 2, highPodDeletionCost, 1],
    [ready2Hours, 1, ready5Hours, 1],
  ];
  it.each(lesserGreater.map((t, i) => [i, ...t] as const))('inequality %i', (_i, lesser, lr, greater, gr) => {
    expect(activePodsWithRanksLess({ pod: lesser, rank: lr }, { pod: greater, rank: gr }, now)).toBe(true);
    expect(activePodsWithRanksLess({ pod: greater, rank: gr }, { pod: lesser, rank: lr }, now)).toBe(false);
  });

  it('ActivePods (no ranks, no log scale) orders the same startup rules (TestSortingActivePods)', () => {
    const sorted = [runningReadyThen, runningReadyNow, runningReadyNowHighRestarts, runningNotReadyPod, unknownPhasePod, scheduledPendingPod, unscheduledPod].sort((a, b) => (activePodsLess(a, b) ? -1 : activePodsLess(b, a) ? 1 : 0));
    expect(sorted.map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'unknown-phase', 'not-ready', 'ready-high-restarts', 'ready-now', 'ready-then']);
  });
});

describe('PodControllerRefManager.claimPods (TestClaimPods)', () => {
  function recordingControl(): PodControl & { patches: { name: string; patch: unknown }[] } {
    const patches: { name: string; patch: unknown }[] = [];
    return {
      patches,
      *createPods() {},
      *createPodsWithGenerateName() {},
      *deletePod() {},
      *patchPod(_ns: string, name: string, patch: unknown) {
        patches.push({ name, patch });
      },
    };
  }
  const kind = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };
  const mkPod = (name: string, labels: Record<string, string>, owner?: string, extra: Partial<Pod['metadata']> = {}): Pod => ({
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foobar', uid: owner, controller: true }] } : {}), ...extra },
  });
  const claim = (owner: ReplicaSet, pods: Pod[], canAdopt?: () => Co<void>) => {
    const pc = recordingControl();
    const m = new PodControllerRefManager(pc, owner, parseSelector('foo=bar'), kind, canAdopt);
    let out: Pod[] = [];
    runSync(
      (function* () {
        out = yield* m.claimPods(pods);
      })(),
    );
    return { claimed: out.map((p) => p.metadata.name), patches: pc.patches };
  };

  it('claims pods with the correct label, adopting orphans with upstream patch', () => {
    const r = claim(rsOwner(), [mkPod('pod1', { foo: 'bar' }), mkPod('pod2', { foo: 'bar2' })]);
    expect(r.claimed).toEqual(['pod1']);
    expect(r.patches).toEqual([
      { name: 'pod1', patch: { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foobar', uid: '123', controller: true, blockOwnerDeletion: true }], uid: 'uid-pod1' } } },
    ]);
  });

  it('a controller marked for deletion cannot claim orphans, but keeps what it owns', () => {
    const owner = { ...rsOwner(), metadata: { ...rsOwner().metadata, deletionTimestamp: iso(0) } };
    expect(claim(owner, [mkPod('pod1', { foo: 'bar' })]).claimed).toEqual([]);
    expect(claim(owner, [mkPod('pod1', { foo: 'bar' }, '123'), mkPod('pod2', { foo: 'bar2' }, '123')])).toEqual({ claimed: ['pod1'], patches: [] });
  });

  it('releases owned pods that no longer match, claims the matching ones', () => {
    const r = claim(rsOwner(), [mkPod('pod1', { foo: 'bar' }, '123'), mkPod('pod2', { foo: 'bar2' }, '123')]);
    expect(r.claimed).toEqual(['pod1']);
    expect(r.patches).toEqual([{ name: 'pod2', patch: { metadata: { uid: 'uid-pod2', ownerReferences: [{ $patch: 'delete', uid: '123' }] } } }]);
  });

  it('does not claim pods being deleted, pods of another namespace, or pods owned by another controller', () => {
    const r = claim(rsOwner(), [mkPod('pod1', { foo: 'bar' }, undefined, { deletionTimestamp: iso(0) }), mkPod('pod2', { foo: 'bar' }, undefined, { namespace: 'other' }), mkPod('pod3', { foo: 'bar' }, '999')]);
    expect(r).toEqual({ claimed: [], patches: [] });
  });

  it('adoption fails when the controller was deleted meanwhile (RecheckDeletionTimestamp)', () => {
    // eslint-disable-next-line require-yield
    const canAdopt = function* (): Co<void> {
      throw new Error('default/foobar has just been deleted at 2026-01-01T00:00:00Z');
    };
    expect(() => claim(rsOwner(), [mkPod('pod1', { foo: 'bar' }), mkPod('pod2', { foo: 'bar' })], canAdopt)).toThrow(
      "[can't adopt Pod default/pod1 (uid-pod1): default/foobar has just been deleted at 2026-01-01T00:00:00Z, can't adopt Pod default/pod2 (uid-pod2): default/foobar has just been deleted at 2026-01-01T00:00:00Z]",
    );
  });

  it('the adopt patch applies through the real strategic merge, and release removes only our reference', () => {
    const ctx = fakeContext();
    const pod = mkPod('pod1', { foo: 'bar' });
    ctx.client.seed(res('', 'pods'), { ...pod, apiVersion: 'v1', kind: 'Pod' });
    const m = new PodControllerRefManager(new RealPodControl(ctx.client, ctx.recorder('x')), rsOwner(), parseSelector('foo=bar'), kind);
    runSync(m.adoptPod(pod));
    const adopted = ctx.client.tracked<Pod>(res('', 'pods'), 'default', 'pod1')!;
    expect(adopted.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foobar', uid: '123', controller: true, blockOwnerDeletion: true }]);
    runSync(m.releasePod(adopted));
    expect(ctx.client.tracked<Pod>(res('', 'pods'), 'default', 'pod1')!.metadata.ownerReferences ?? []).toEqual([]);
  });
});

describe('slowStartBatch (TestSlowStartBatch)', () => {
  function run(count: number, failAfter: number): { successes: number; calls: number; error?: unknown } {
    let calls = 0;
    let out = { successes: 0 } as { successes: number; error?: unknown };
    runSync(
      (function* () {
        out = yield* slowStartBatch(count, 1, function* () {
          calls++;
          if (calls > failAfter) throw new Error('fake error');
        });
      })(),
    );
    return { ...out, calls };
  }
  it('calls in batches 1, 2, 4, … and stops after the first batch with a failure', () => {
    expect(run(10, Infinity)).toEqual({ successes: 10, calls: 10 });
    // Batches 1, 2, 4: the 4th call (first of the third batch) fails, the batch still completes.
    expect(run(10, 3)).toMatchObject({ successes: 3, calls: 7 });
    expect(run(10, 0)).toMatchObject({ successes: 0, calls: 1 });
    expect(run(0, 0)).toEqual({ successes: 0, calls: 0 });
  });
});

describe('computeHash (TestComputeHash)', () => {
  const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  it('is stable, key-order blind, changed by the collision count, and in the safe alphabet', () => {
    const h = computeHash(tpl);
    expect(computeHash({ spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'web' } } })).toBe(h);
    expect(computeHash(tpl, 1)).not.toBe(h);
    expect(computeHash(tpl, 1)).not.toBe(computeHash(tpl, 2));
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });
  it('SafeEncodeString maps digits as upstream does', () => {
    // '0'..'9' are bytes 48..57; 48 % 27 = 21 → '4'.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
});
