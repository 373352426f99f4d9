// Ported from pkg/controller/replicaset/replica_set_test.go (v1.32): each test preloads the
// informer caches, runs one sync, and checks the API writes and events the controller made.
import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../api/types';
import { newForbidden, newInternalError, newNotFound, StatusError } from '../apiserver/errors';
import { res } from '../client/clientset';
import { keyOf } from '../client/store';
import { fakeContext, runSync, type FakeContext } from './testing';
import { getPodsToDelete, newReplicaSetController, type ReplicaSetController } from './replicaset';

const RS = res('apps', 'replicasets');
const PODS = res('', 'pods');
const epoch = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const labelMap = { foo: 'bar' };

function newReplicaSet(replicas: number, selector: Record<string, string> = labelMap, name = 'foobar'): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { uid: `uid-${name}`, name, namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: '123', controller: true }], resourceVersion: '18' },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { name: 'foo', type: 'production' } },
        spec: { containers: [{ name: 'c', image: 'foo/bar', terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent' }], restartPolicy: 'Always', dnsPolicy: 'Default', nodeSelector: { baz: 'blah' } },
      },
    },
  };
}

function newPod(name: string, rs: ReplicaSet, phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', readySince: number | null, properlyOwned: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: `uid-${name}`,
      namespace: rs.metadata.namespace,
      labels: { ...rs.spec!.selector!.matchLabels },
      resourceVersion: '1',
      ...(properlyOwned ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true }] } : {}),
    },
    spec: { containers: [{ name: 'c' }] },
    status: { phase, ...(readySince !== null ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(readySince) }] } : {}) },
  };
}

function newPodList(count: number, phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', rs: ReplicaSet, name = 'pod'): Pod[] {
  return Array.from({ length: count }, (_, i) => newPod(`${name}${i}`, rs, phase, null, true));
}

interface Env {
  ctx: FakeContext;
  rsc: ReplicaSetController;
}

function setup(rss: ReplicaSet[], pods: Pod[] = []): Env {
  const ctx = fakeContext(0);
  ctx.wallMs = () => epoch + ctx.now();
  ctx.informers.informerFor<ReplicaSet>(RS).preload(...rss);
  ctx.informers.informerFor<Pod>(PODS).preload(...pods);
  ctx.client.seed(RS, ...rss).seed(PODS, ...pods);
  const rsc = newReplicaSetController(ctx);
  return { ctx, rsc };
}

const verbs = (ctx: FakeContext) => ctx.client.writes().map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''}`);
const count = (ctx: FakeContext, v: string) => verbs(ctx).filter((x) => x === v).length;

describe('syncReplicaSet', () => {
  it('does nothing when the pods are there (TestSyncReplicaSetDoesNothing)', () => {
    const rs = newReplicaSet(2);
    rs.status = { replicas: 2, fullyLabeledReplicas: 0, observedGeneration: 0 };
    const { ctx, rsc } = setup([rs], newPodList(2, 'Running', rs));
    runSync(rsc.sync(keyOf(rs)));
    expect(ctx.client.writes()).toEqual([]);
  });

  it('deletes the extra pod, with a SuccessfulDelete event (TestSyncReplicaSetDeletes)', () => {
    const rs = newReplicaSet(1);
    const { ctx, rsc } = setup([rs], newPodList(2, 'Running', rs));
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'delete pods')).toBe(1);
    expect(ctx.events.filter((e) => e.reason === 'SuccessfulDelete').length).toBe(1);
    expect(rsc.expectations.getExpectations(keyOf(rs))).toMatchObject({ add: 0, del: 1 });
  });

  it('creates the missing pods from the template, owned by the ReplicaSet (TestSyncReplicaSetCreates)', () => {
    const rs = newReplicaSet(2);
    rs.metadata.generation = 1;
    const { ctx, rsc } = setup([rs]);
    runSync(rsc.sync(keyOf(rs)));
    const creates = ctx.client.writes().filter((a) => a.verb === 'create');
    expect(creates.length).toBe(2);
    expect(creates[0].object!.metadata).toMatchObject({
      generateName: 'foobar-',
      labels: { name: 'foo', type: 'production' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foobar', uid: 'uid-foobar', controller: true, blockOwnerDeletion: true }],
    });
    expect(ctx.events.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate']);
    // The status written counts no pods yet: the informer has not shown the creations.
    const status = ctx.client.writes().find((a) => a.subresource === 'status')!;
    expect((status.object as ReplicaSet).status).toEqual({ replicas: 0, observedGeneration: 1 });
    expect(rsc.expectations.getExpectations(keyOf(rs))).toMatchObject({ add: 2, del: 0 });
  });

  it('ignores inactive pods and replaces them (TestSyncReplicaSetCreates: succeeded and failed pods)', () => {
    const rs = newReplicaSet(2);
    const pods = [...newPodList(1, 'Succeeded', rs, 'done'), ...newPodList(1, 'Failed', rs, 'bad'), ...newPodList(1, 'Running', rs)];
    const { ctx, rsc } = setup([rs], pods);
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'create pods')).toBe(1);
  });

  it('stops creating after the first failed slow-start batch, one FailedCreate per failure (TestSyncReplicaSetCreateFailures)', () => {
    const rs = newReplicaSet(100);
    const { ctx, rsc } = setup([rs]);
    let created = 0;
    ctx.client.prependReactor('create', 'pods', () => (++created > 10 ? newForbidden({ group: '', resource: 'pods' }, 'x', 'exceeded quota') : undefined));
    expect(() => runSync(rsc.sync(keyOf(rs)))).toThrow(StatusError);
    // Batches 1, 2, 4, 8: the 8-batch holds the 11th call; its failures end the run.
    expect(count(ctx, 'create pods')).toBe(15);
    expect(ctx.events.filter((e) => e.reason === 'FailedCreate').length).toBe(5);
    // Only the creations that were sent and succeeded are still expected.
    expect(rsc.expectations.getExpectations(keyOf(rs))).toMatchObject({ add: 10 });
    // ReplicaFailure is set with the error.
    const status = ctx.client.writes().find((a) => a.subresource === 'status')!.object as ReplicaSet;
    expect(status.status!.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'FailedCreate', message: 'pods "x" is forbidden: exceeded quota' },
    ]);
  });

  it('clears ReplicaFailure once a sync succeeds', () => {
    const rs = newReplicaSet(1);
    rs.status = { replicas: 1, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'x' }] };
    const { ctx, rsc } = setup([rs], newPodList(1, 'Running', rs));
    runSync(rsc.sync(keyOf(rs)));
    const status = ctx.client.writes().find((a) => a.subresource === 'status')!.object as ReplicaSet;
    expect(status.status).toEqual({ replicas: 1 });
  });

  it('stays dormant while expectations are unmet, wakes when they are (TestSyncReplicaSetDormancy)', () => {
    const rs = newReplicaSet(2);
    const pods = newPodList(1, 'Running', rs);
    const { ctx, rsc } = setup([rs], pods);
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'create pods')).toBe(1);
    // Expectations: one create outstanding; another sync creates nothing.
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'create pods')).toBe(1);
    // The informer shows the pod: the expectation is met and the next sync may act again.
    rsc.expectations.creationObserved(keyOf(rs));
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'create pods')).toBe(2);
    // Expectations expire after 5 minutes even if the watch event was lost.
    ctx.setNow(5 * 60 * 1000 + 1);
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'create pods')).toBe(3);
  });

  it('caps one sync at burstReplicas (TestControllerBurstReplicas)', () => {
    const rs = newReplicaSet(600);
    const { ctx, rsc } = setup([rs]);
    let n = 0;
    ctx.client.prependReactor('create', 'pods', (a) => ({ ...a.object!, metadata: { ...a.object!.metadata, name: `p${n++}` } }));
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'create pods')).toBe(500);
    expect(rsc.expectations.getExpectations(keyOf(rs))).toMatchObject({ add: 500 });
  });

  it('writes observedGeneration and counts ready, available and fully labeled pods (TestControllerUpdateStatus)', () => {
    const rs = newReplicaSet(3);
    rs.metadata.generation = 2;
    rs.spec!.minReadySeconds = 10;
    const pods = [newPod('a', rs, 'Running', epoch - 60_000, true), newPod('b', rs, 'Running', epoch - 5_000, true), newPod('c', rs, 'Running', null, true)];
    pods[0].metadata.labels = { ...pods[0].metadata.labels, name: 'foo', type: 'production' };
    const { ctx, rsc } = setup([rs], pods);
    runSync(rsc.sync(keyOf(rs)));
    const status = ctx.client.writes().find((a) => a.subresource === 'status')!.object as ReplicaSet;
    expect(status.status).toEqual({ replicas: 3, fullyLabeledReplicas: 1, readyReplicas: 2, availableReplicas: 1, observedGeneration: 2 });
  });

  it('retries a failed status update once on a fresh GET (TestControllerUpdateStatusWithFailure)', () => {
    const rs = newReplicaSet(1);
    const { ctx, rsc } = setup([rs], newPodList(1, 'Running', rs));
    ctx.client.prependReactor('update', 'replicasets.apps', () => newInternalError('fake error'));
    expect(() => runSync(rsc.sync(keyOf(rs)))).toThrow('fake error');
    expect(ctx.client.actions.map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''}`)).toEqual(['update replicasets.apps/status', 'get replicasets.apps', 'update replicasets.apps/status']);
  });

  it('requeues after minReadySeconds while ready pods are not yet available (TestReplicaSetAvailabilityCheck)', () => {
    const rs = newReplicaSet(1);
    rs.spec!.minReadySeconds = 15;
    const { ctx, rsc } = setup([rs], [newPod('a', rs, 'Running', epoch, true)]);
    runSync(rsc.sync(keyOf(rs)));
    expect(ctx.queues.get('replicaset')!.after).toEqual([{ key: 'default/foobar', ms: 15_000 }]);
  });

  it('a ReplicaSet being deleted neither creates nor adopts (TestDoNotAdoptOrCreateIfBeingDeleted)', () => {
    const rs = newReplicaSet(2);
    rs.metadata.deletionTimestamp = iso(epoch);
    const orphan = newPod('orphan', rs, 'Running', null, false);
    const { ctx, rsc } = setup([rs], [orphan]);
    runSync(rsc.sync(keyOf(rs)));
    expect(verbs(ctx).filter((v) => v !== 'update replicasets.apps/status')).toEqual([]);
  });

  it('adopts a matching orphan after an uncached recheck, and does not adopt when the recheck shows deletion (TestDoNotAdoptOrCreateIfBeingDeletedRace)', () => {
    const rs = newReplicaSet(1);
    const orphan = newPod('orphan', rs, 'Running', null, false);
    const { ctx, rsc } = setup([rs], [orphan]);
    runSync(rsc.sync(keyOf(rs)));
    expect(ctx.client.actions.slice(0, 2).map((a) => `${a.verb} ${a.resource} ${a.name}`)).toEqual(['get replicasets.apps foobar', 'patch pods orphan']);
    expect(count(ctx, 'create pods')).toBe(0);

    const fresh = setup([rs], [orphan]);
    fresh.ctx.client.seed(RS, { ...rs, metadata: { ...rs.metadata, deletionTimestamp: iso(epoch) } });
    expect(() => runSync(fresh.rsc.sync(keyOf(rs)))).toThrow(/can't adopt Pod default\/orphan \(uid-orphan\): default\/foobar has just been deleted at/);
    expect(count(fresh.ctx, 'patch pods')).toBe(0);
  });

  it('releases an owned pod whose labels no longer match (TestUpdateLabelsRemoveControllerRef)', () => {
    const rs = newReplicaSet(1);
    const pod = newPod('stray', rs, 'Running', null, true);
    pod.metadata.labels = { foo: 'other' };
    const { ctx, rsc } = setup([rs], [pod]);
    runSync(rsc.sync(keyOf(rs)));
    expect(ctx.client.writes()[0]).toMatchObject({ verb: 'patch', name: 'stray', patch: { metadata: { uid: 'uid-stray', ownerReferences: [{ $patch: 'delete', uid: 'uid-foobar' }] } } });
    expect(count(ctx, 'create pods')).toBe(1);
  });

  it('leaves pods controlled by another controller alone (TestDoNotPatchPodWithOtherControlRef)', () => {
    const rs = newReplicaSet(2);
    const other = newPod('other', rs, 'Running', null, false);
    other.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'not-me', controller: true }];
    const { ctx, rsc } = setup([rs], [other]);
    runSync(rsc.sync(keyOf(rs)));
    expect(count(ctx, 'patch pods')).toBe(0);
    expect(count(ctx, 'create pods')).toBe(2);
  });

  it('a delete that is NotFound lowers expectations without an error (TestDeletePodsAllowsMissing)', () => {
    const rs = newReplicaSet(0);
    const pods = newPodList(1, 'Running', rs);
    const { ctx, rsc } = setup([rs], pods);
    ctx.client.prependReactor('delete', 'pods', () => newNotFound(PODS, 'pod0'));
    runSync(rsc.sync(keyOf(rs)));
    expect(rsc.expectations.satisfiedExpectations(keyOf(rs))).toBe(true);
    expect(ctx.events).toEqual([]);
  });
});

describe('event handlers (TestPodControllerLookup, TestUpdatePods, TestDeletionTimestamp)', () => {
  it('a pod created with a controllerRef observes a creation and enqueues its owner', () => {
    const rs = newReplicaSet(1);
    const { ctx, rsc } = setup([rs]);
    rsc.expectations.expectCreations(keyOf(rs), 1);
    rsc.handlers.addPod(newPod('p', rs, 'Pending', null, true));
    expect(rsc.expectations.satisfiedExpectations(keyOf(rs))).toBe(true);
    expect(ctx.queues.get('replicaset')!.added).toEqual(['default/foobar']);
  });

  it('an orphan wakes every ReplicaSet whose selector matches it, none with an empty selector', () => {
    const a = newReplicaSet(1, labelMap, 'a');
    const b = newReplicaSet(1, { foo: 'other' }, 'b');
    const c = newReplicaSet(1, {}, 'c');
    const { ctx, rsc } = setup([a, b, c]);
    rsc.handlers.addPod(newPod('p', a, 'Pending', null, false));
    expect(ctx.queues.get('replicaset')!.added).toEqual(['default/a']);
  });

  it('a graceful deletion counts as the expected deletion once (TestDeletionTimestamp)', () => {
    const rs = newReplicaSet(1);
    const pod = newPod('p', rs, 'Running', null, true);
    const { rsc } = setup([rs], [pod]);
    rsc.expectations.expectDeletions(keyOf(rs), ['default/p']);
    const deleting = { ...pod, metadata: { ...pod.metadata, resourceVersion: '2', deletionTimestamp: iso(epoch) } };
    rsc.handlers.updatePod(pod, deleting);
    expect(rsc.expectations.satisfiedExpectations(keyOf(rs))).toBe(true);
    rsc.expectations.expectDeletions(keyOf(rs), ['default/other']);
    rsc.handlers.deletePod(deleting);
    expect(rsc.expectations.getExpectations(keyOf(rs))!.del).toBe(1);
  });

  it('a changed controllerRef wakes both the old and the new owner; a pod turning ready requeues after minReadySeconds + 1 s', () => {
    const a = newReplicaSet(1, labelMap, 'a');
    const b = newReplicaSet(1, labelMap, 'b');
    b.spec!.minReadySeconds = 5;
    const { ctx, rsc } = setup([a, b]);
    const old = newPod('p', a, 'Running', null, true);
    const cur = { ...newPod('p', b, 'Running', epoch, true), metadata: { ...newPod('p', b, 'Running', epoch, true).metadata, resourceVersion: '2' } };
    rsc.handlers.updatePod(old, cur);
    expect(ctx.queues.get('replicaset')!.added).toEqual(['default/a', 'default/b']);
    expect(ctx.queues.get('replicaset')!.after).toEqual([{ key: 'default/b', ms: 6000 }]);
  });

  it('deleting a ReplicaSet drops its expectations (TestDeleteControllerAndExpectations)', () => {
    const rs = newReplicaSet(1);
    const { rsc } = setup([rs]);
    rsc.expectations.expectCreations(keyOf(rs), 3);
    rsc.handlers.deleteRS(rs);
    expect(rsc.expectations.getExpectations(keyOf(rs))).toBeUndefined();
  });
});

describe('getPodsToDelete (TestGetPodsToDelete)', () => {
  const rs = newReplicaSet(1, { name: 'foo' });
  const unscheduledPendingPod = newPod('unscheduled-pending-pod', rs, 'Pending', null, true);
  const scheduledPendingPod = newPod('scheduled-pending-pod', rs, 'Pending', null, true);
  scheduledPendingPod.spec!.nodeName = 'fake-node';
  const scheduledRunningNotReadyPod = newPod('scheduled-running-not-ready-pod', rs, 'Running', null, true);
  scheduledRunningNotReadyPod.spec!.nodeName = 'fake-node';
  scheduledRunningNotReadyPod.status!.conditions = [{ type: 'Ready', status: 'False' }];
  const onNode1 = newPod('scheduled-running-ready-pod-on-node-1', rs, 'Running', null, true);
  onNode1.spec!.nodeName = 'fake-node-1';
  onNode1.status!.conditions = [{ type: 'Ready', status: 'True' }];
  const onNode2 = newPod('scheduled-running-ready-pod-on-node-2', rs, 'Running', null, true);
  onNode2.spec!.nodeName = 'fake-node-2';
  onNode2.status!.conditions = [{ type: 'Ready', status: 'True' }];

  const cases: [string, Pod[], Pod[] | null, number, Pod[]][] = [
    ['len(pods) = 0 (i.e., diff = 0 too)', [], null, 0, []],
    ['diff = len(pods)', [scheduledRunningNotReadyPod, onNode1], null, 2, [scheduledRunningNotReadyPod, onNode1]],
    ['diff < len(pods)', [onNode1, scheduledRunningNotReadyPod], null, 1, [scheduledRunningNotReadyPod]],
    ['various pod phases and conditions, diff = len(pods)', [onNode1, onNode1, onNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod], null, 6, [onNode1, onNode1, onNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod]],
    ['various pod phases and conditions, diff = len(pods), relatedPods empty', [onNode1, onNode1, onNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod], [], 6, [onNode1, onNode1, onNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod]],
    ['scheduled vs unscheduled, diff < len(pods)', [scheduledPendingPod, unscheduledPendingPod], null, 1, [unscheduledPendingPod]],
    ['ready vs not-ready, diff < len(pods)', [onNode1, scheduledRunningNotReadyPod, scheduledRunningNotReadyPod], null, 2, [scheduledRunningNotReadyPod, scheduledRunningNotReadyPod]],
    ['ready and colocated with another ready pod vs not colocated, diff < len(pods)', [onNode1, onNode2], [onNode1, onNode2, onNode2], 1, [onNode2]],
    ['pending vs running, diff < len(pods)', [scheduledPendingPod, scheduledRunningNotReadyPod], null, 1, [scheduledPendingPod]],
    ['various pod phases and conditions, diff < len(pods)', [onNode1, onNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod], null, 3, [unscheduledPendingPod, scheduledPendingPod, scheduledRunningNotReadyPod]],
  ];
  it.each(cases)('%s', (_name, pods, related, diff, want) => {
    expect(getPodsToDelete(pods, related ?? pods, diff, epoch).map((p) => p.metadata.name)).toEqual(want.map((p) => p.metadata.name));
  });
});
