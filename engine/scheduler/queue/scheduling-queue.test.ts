import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types/core';
import { type ClusterEvent, Events, type QueueingHintRegistration } from './events';
import { podPriority, Status } from '../framework';
import { newQueuedPodInfo, type QueuedPodInfo, queuedPodInfoForLookup } from './queued-pod-info';
import { DefaultPodInitialBackoffMs, DefaultPodMaxInUnschedulablePodsMs, PriorityQueue, type PriorityQueueOptions } from './scheduling-queue';

// Ported from pkg/scheduler/backend/queue/scheduling_queue_test.go (v1.32): the same pods, the
// same steps, the same expectations; a fake clock is a plain `now`.

/** PrioritySort.Less: higher priority first, then the earlier timestamp. */
const prioritySort = (a: QueuedPodInfo, b: QueuedPodInfo) =>
  podPriority(a.pod) > podPriority(b.pod) || (podPriority(a.pod) === podPriority(b.pod) && a.timestamp < b.timestamp);

interface PodOpts {
  name: string;
  namespace?: string;
  uid?: string;
  priority?: number;
  nominatedNodeName?: string;
  nodeName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  affinity?: NonNullable<Pod['spec']>['affinity'];
}

/** st.MakePod(), enough of it. */
function makePod(o: PodOpts): Pod {
  return {
    metadata: { name: o.name, namespace: o.namespace ?? '', uid: o.uid ?? o.name, labels: o.labels, annotations: o.annotations },
    spec: { containers: [], priority: o.priority, nodeName: o.nodeName, affinity: o.affinity },
    status: o.nominatedNodeName ? { nominatedNodeName: o.nominatedNodeName } : {},
  };
}

const [lowPriority, midPriority, highPriority] = [0, 100, 1000];
const mediumPriority = (lowPriority + highPriority) / 2;
const highPriorityPod = makePod({ name: 'hpp', namespace: 'ns1', uid: 'hppns1', priority: highPriority });
const highPriNominatedPod = makePod({ name: 'hpp', namespace: 'ns1', uid: 'hppns1', priority: highPriority, nominatedNodeName: 'node1' });
const medPriorityPod = makePod({ name: 'mpp', namespace: 'ns2', uid: 'mppns2', annotations: { annot2: 'val2' }, priority: mediumPriority, nominatedNodeName: 'node1' });
const unschedulablePod = makePod({ name: 'up', namespace: 'ns1', uid: 'upns1', annotations: { annot2: 'val2' }, priority: lowPriority, nominatedNodeName: 'node1' });
const nonExistentPod = makePod({ name: 'ne', namespace: 'ns1', uid: 'nens1' });
const scheduledPod = makePod({ name: 'sp', namespace: 'ns1', uid: 'spns1', nodeName: 'foo' });

const nodeAdd: ClusterEvent = { resource: 'Node', actionType: 1 };
const pvAdd: ClusterEvent = { resource: 'PersistentVolume', actionType: 1 };
const pvUpdate: ClusterEvent = { resource: 'PersistentVolume', actionType: Events.AssignedPodUpdate.actionType };
const pvcAdd: ClusterEvent = { resource: 'PersistentVolumeClaim', actionType: 1 };
const csiNodeUpdate: ClusterEvent = { resource: 'storage.k8s.io/CSINode', actionType: Events.AssignedPodUpdate.actionType };
const queue = () => 'Queue' as const;
const skip = () => 'QueueSkip' as const;

/** A queueing hint map for the default profile. */
function hints(...regs: [ClusterEvent, string, (() => 'Queue' | 'QueueSkip')?][]): Record<string, QueueingHintRegistration[]> {
  return { 'default-scheduler': regs.map(([event, pluginName, queueingHintFn]) => ({ event, pluginName, queueingHintFn })) };
}

/** A queue whose pod lister knows `objs` (NewTestQueueWithObjects). */
function newTestQueue(objs: Pod[] = [], opts: PriorityQueueOptions = {}): PriorityQueue {
  const byKey = new Map(objs.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  return new PriorityQueue(prioritySort, { podLister: (ns, name) => byKey.get(`${ns}/${name}`), ...opts });
}

function nominatorState(q: PriorityQueue) {
  return {
    nominatedPodToNode: Object.fromEntries(q.nominator.nominatedPodToNode),
    nominatedPods: Object.fromEntries([...q.nominator.nominatedPods].map(([n, refs]) => [n, refs.map((r) => r.name)])),
  };
}

function popName(q: PriorityQueue): string | undefined {
  return q.pop()?.pod.metadata.name;
}

describe('PriorityQueue', () => {
  it('adds pods in priority order and nominates those with a nominated node (TestPriorityQueue_Add)', () => {
    const q = newTestQueue([medPriorityPod, unschedulablePod, highPriorityPod]);
    q.add(0, medPriorityPod);
    q.add(0, unschedulablePod);
    q.add(0, highPriorityPod);
    expect(nominatorState(q)).toEqual({ nominatedPodToNode: { mppns2: 'node1', upns1: 'node1' }, nominatedPods: { node1: ['mpp', 'up'] } });
    expect([popName(q), popName(q), popName(q)]).toEqual(['hpp', 'mpp', 'up']);
    expect(q.nominator.nominatedPods.get('node1')).toHaveLength(2);
  });

  it('pops higher priority first whatever the insertion order (TestPriorityQueue_AddWithReversePriorityLessFunc)', () => {
    const q = newTestQueue([medPriorityPod, highPriorityPod]);
    q.add(0, medPriorityPod);
    q.add(0, highPriorityPod);
    expect([popName(q), popName(q)]).toEqual(['hpp', 'mpp']);
  });

  it('puts a pod back in the pool when nothing happened during its attempt (TestPriorityQueue_AddUnschedulableIfNotPresent)', () => {
    const q = newTestQueue([highPriNominatedPod, unschedulablePod]);
    q.add(0, unschedulablePod);
    expect(popName(q)).toBe('up');
    q.add(0, highPriNominatedPod);
    q.addUnschedulableIfNotPresent(0, queuedPodInfoForLookup(unschedulablePod, 'plugin'), q.schedulingCycle());
    expect(popName(q)).toBe('hpp');
    expect(q.nominator.nominatedPods.size).toBe(1);
    expect(q.unschedulablePods.get(unschedulablePod)?.pod).toBe(unschedulablePod);
  });

  it('refuses a pod that is already queued', () => {
    const q = newTestQueue();
    q.add(0, highPriorityPod);
    expect(() => q.addUnschedulableIfNotPresent(0, queuedPodInfoForLookup(highPriorityPod), 0)).toThrow(
      'Pod ns1/hpp is already present in the active queue',
    );
  });

  for (const queueingHints of [true, false]) {
    it(`sends pods popped before a move request to backoff, hints ${queueingHints} (TestPriorityQueue_AddUnschedulableIfNotPresent_Backoff)`, () => {
      const q = newTestQueue([], { queueingHints });
      const pods = Array.from({ length: 10 }, (_, i) => makePod({ name: `pod${i}`, namespace: `ns${i}`, uid: `upns${i}`, priority: i }));
      for (const p of pods) q.add(0, p);
      for (let i = 9; i > 0; i--) expect(popName(q)).toBe(`pod${i}`);
      q.moveAllToActiveOrBackoffQueue(0, Events.UnschedulableTimeout);
      const oldCycle = q.schedulingCycle();
      expect(popName(q)).toBe('pod0');
      for (let i = 1; i < 10; i++) q.addUnschedulableIfNotPresent(0, queuedPodInfoForLookup(pods[i], 'plugin'), oldCycle);
      for (let i = 1; i < 10; i++) expect(q.podBackoffQ.has(queuedPodInfoForLookup(pods[i]))).toBe(true);
    });
  }

  it('returns nothing when activeQ is empty (Pop blocks upstream)', () => {
    expect(newTestQueue().pop()).toBeUndefined();
  });

  it('skips backoff for a Pending plugin that answers Queue (TestPop)', () => {
    const pod = makePod({ name: 'targetpod', uid: 'pod1' });
    const q = newTestQueue([pod], { queueingHintMap: hints([pvAdd, 'fooPlugin1', queue]) });
    q.add(0, pod);
    const popped = q.pop()!;
    popped.pendingPlugins = new Set(['fooPlugin1']);
    q.addUnschedulableIfNotPresent(0, popped, q.schedulingCycle());
    q.moveAllToActiveOrBackoffQueue(0, pvAdd);
    expect(popName(q)).toBe('targetpod');
  });

  it('deletes pods from every queue and from the nominator (TestPriorityQueue_Delete)', () => {
    const q = newTestQueue([highPriorityPod, unschedulablePod]);
    q.update(0, highPriorityPod, highPriNominatedPod);
    q.add(0, unschedulablePod);
    q.delete(highPriNominatedPod);
    expect(q.activeQ.queue.has(queuedPodInfoForLookup(unschedulablePod))).toBe(true);
    expect(q.activeQ.queue.has(queuedPodInfoForLookup(highPriNominatedPod))).toBe(false);
    expect(q.nominator.nominatedPods.size).toBe(1);
    q.delete(unschedulablePod);
    expect(q.nominator.nominatedPods.size).toBe(0);
  });

  describe('Activate (TestPriorityQueue_Activate)', () => {
    const cases: { name: string; where?: 'active' | 'unschedulable' | 'backoff'; want: number }[] = [
      { name: 'pod already in activeQ', where: 'active', want: 1 },
      { name: 'pod not in unschedulablePods/podBackoffQ', want: 0 },
      { name: 'pod in unschedulablePods', where: 'unschedulable', want: 1 },
      { name: 'pod in backoffQ', where: 'backoff', want: 1 },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const q = newTestQueue();
        const pInfo = queuedPodInfoForLookup(highPriNominatedPod);
        if (tc.where === 'active') q.activeQ.queue.addOrUpdate(pInfo);
        if (tc.where === 'unschedulable') q.unschedulablePods.addOrUpdate(pInfo);
        if (tc.where === 'backoff') q.podBackoffQ.addOrUpdate(pInfo);
        q.activate(0, [highPriNominatedPod]);
        expect(q.activeQ.queue.length).toBe(tc.want);
      });
    }
    it('[QHint] pod not in unschedulablePods/backoffQ but in-flight', () => {
      const q = newTestQueue();
      q.activeQ.queue.addOrUpdate(queuedPodInfoForLookup(highPriNominatedPod));
      q.pop();
      q.activate(0, [highPriNominatedPod]);
      expect(q.activeQ.queue.length).toBe(0);
      expect(q.activeQ.listInFlightEvents()).toEqual([{ pod: highPriNominatedPod }, { event: Events.ForceActivate, oldObj: undefined, newObj: highPriNominatedPod }]);
    });
    it('[QHint] pod not in unschedulablePods/backoffQ and not in-flight', () => {
      const q = newTestQueue();
      q.activeQ.queue.addOrUpdate(queuedPodInfoForLookup(medPriorityPod));
      q.pop();
      q.activate(0, [highPriNominatedPod]);
      expect(q.activeQ.queue.length).toBe(0);
      expect(q.activeQ.listInFlightEvents()).toHaveLength(1);
    });
  });

  describe('PreEnqueue plugins (TestPriorityQueue_addToActiveQ)', () => {
    /** preEnqueuePlugin of the upstream test: admits pods carrying one of the allowed labels. */
    const allow = (...allowlists: string[]) => ({
      called: 0,
      name: 'preEnqueuePlugin',
      preEnqueue(p: Pod) {
        this.called++;
        const ok = Object.keys(p.metadata.labels ?? {}).some((l) => allowlists.includes(l));
        return ok ? null : Status.new('UnschedulableAndUnresolvable', 'pod name not in allowlists');
      },
    });
    const cases = [
      { name: 'no plugins registered', plugins: [], pod: makePod({ name: 'p', labels: { p: '' } }), wantUnschedulablePods: 0, wantActive: 1 },
      {
        name: 'preEnqueue plugin registered, pod name not in allowlists',
        plugins: [allow(), allow()],
        pod: makePod({ name: 'p', labels: { p: '' } }),
        wantUnschedulablePods: 1,
        wantActive: 0,
      },
      {
        name: 'preEnqueue plugin registered, pod failed one preEnqueue plugin',
        plugins: [allow('foo', 'bar'), allow('foo')],
        pod: makePod({ name: 'bar', labels: { bar: '' } }),
        wantUnschedulablePods: 1,
        wantActive: 0,
      },
      {
        name: 'preEnqueue plugin registered, pod passed all preEnqueue plugins',
        plugins: [allow('foo', 'bar'), allow('bar')],
        pod: makePod({ name: 'bar', labels: { bar: '' } }),
        wantUnschedulablePods: 0,
        wantActive: 1,
      },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const q = newTestQueue([tc.pod], { preEnqueuePlugins: { 'default-scheduler': tc.plugins }, podInitialBackoffMs: 30_000, podMaxBackoffMs: 60_000 });
        q.add(0, tc.pod);
        expect(q.activeQ.queue.length).toBe(tc.wantActive);
        expect(q.unschedulablePods.size).toBe(tc.wantUnschedulablePods);
        // An update that does not lift the gate leaves the pod where it was.
        q.update(0, tc.pod, { ...tc.pod, metadata: { ...tc.pod.metadata, annotations: { foo: '' } } });
        expect(q.unschedulablePods.size).toBe(tc.wantUnschedulablePods);
      });
    }

    it('runs PreEnqueue again when backoff completes (TestPriorityQueue_moveToActiveQ: "preEnqueue rejects the pod, even if it is after backoff")', () => {
      const pl = allow('foo', 'bar');
      const pl2 = allow('foo');
      const pod = makePod({ name: 'bar', labels: { bar: '' } });
      const q = newTestQueue([pod], { preEnqueuePlugins: { 'default-scheduler': [pl, pl2] }, podMaxBackoffMs: 60_000 });
      q.podBackoffQ.addOrUpdate(queuedPodInfoForLookup(pod));
      q.flushBackoffQCompleted(2_000);
      expect(pl2.called).toBe(1);
      expect(q.activeQ.queue.length).toBe(0);
      expect(q.unschedulablePods.size).toBe(1);
    });
  });

  for (const queueingHints of [true, false]) {
    it(`moves pool pods on a registered event by their backoff, hints ${queueingHints} (TestPriorityQueue_MoveAllToActiveOrBackoffQueue${queueingHints ? '' : 'WithoutQueueingHint'})`, () => {
      let now = 0;
      const q = newTestQueue([], { queueingHintMap: hints([nodeAdd, 'fooPlugin', queue]), queueingHints });
      const hpp1 = makePod({ name: 'hpp1', namespace: 'ns1', uid: 'hpp1ns1', priority: highPriority });
      const hpp2 = makePod({ name: 'hpp2', namespace: 'ns1', uid: 'hpp2ns1', priority: highPriority });
      const inFlight = () => q.activeQ.listInFlightPods().map((p) => p.metadata.uid).sort();
      /** Simulates a failed attempt: with hints, the pod must have been popped first. */
      const fail = (pod: Pod, ...plugins: string[]) => {
        if (queueingHints) {
          q.add(now, pod);
          expect(popName(q)).toBe(pod.metadata.name);
        }
        q.addUnschedulableIfNotPresent(now, newQueuedPodInfo(now, pod, ...plugins), q.schedulingCycle());
      };
      fail(unschedulablePod, 'fooPlugin');
      fail(highPriorityPod, 'fooPlugin');
      // No plugin rejected hpp1: it goes to backoff. barPlugin rejected hpp2: it goes to the pool.
      fail(hpp1);
      fail(hpp2, 'barPlugin');
      expect(inFlight()).toEqual([]);
      // NodeAdd moves the two pods fooPlugin rejected to backoff, by fooPlugin's hint.
      q.moveAllToActiveOrBackoffQueue(now, nodeAdd);
      q.add(now, medPriorityPod);
      expect(q.activeQ.queue.length).toBe(1);
      expect(popName(q)).toBe('mpp');
      expect(q.podBackoffQ.length).toBe(3);

      now += q.podMaxBackoffMs;
      while (q.podBackoffQ.length) q.podBackoffQ.pop();
      if (queueingHints) {
        for (const pod of [unschedulablePod, highPriorityPod, hpp1]) {
          q.add(now, pod);
          expect(popName(q)).toBe(pod.metadata.name);
        }
        expect(inFlight()).toEqual(['hpp1ns1', 'hppns1', 'mppns2', 'upns1']);
      }
      const hpp1Info = newQueuedPodInfo(now, hpp1);
      q.addUnschedulableIfNotPresent(now, newQueuedPodInfo(now, unschedulablePod, 'fooPlugin'), q.schedulingCycle());
      q.addUnschedulableIfNotPresent(now, newQueuedPodInfo(now, highPriorityPod, 'fooPlugin'), q.schedulingCycle());
      q.addUnschedulableIfNotPresent(now, hpp1Info, q.schedulingCycle());
      if (queueingHints) expect(inFlight()).toEqual(['mppns2']);
      q.add(now, medPriorityPod);
      for (const pod of [unschedulablePod, highPriorityPod, hpp2]) expect(q.unschedulablePods.get(pod)).toBeDefined();
      expect(q.podBackoffQ.has(hpp1Info)).toBe(true);
      expect(q.activeQ.queue.length).toBe(1);
      // Past every backoff: the flush moves hpp1, the event the two fooPlugin pods.
      now += q.podMaxBackoffMs;
      q.flushBackoffQCompleted(now);
      q.moveAllToActiveOrBackoffQueue(now, nodeAdd);
      expect(q.activeQ.queue.length).toBe(4);
      expect(q.podBackoffQ.length).toBe(0);
      // hpp2 is not moved whatever its backoff.
      expect(q.unschedulablePods.size).toBe(1);
    });
  }

  describe('hints decide the queue (TestPriorityQueue_MoveAllToActiveOrBackoffQueueWithQueueingHint)', () => {
    const p = makePod({ name: 'pod1', namespace: 'ns1', uid: '1', labels: { foo: 'bar' } });
    const cases = [
      { name: 'Queue queues pod to activeQ', pending: true, hint: queue, duration: 0, want: 'Active' },
      { name: 'Queue queues pod to backoffQ if Pod is backing off', pending: false, hint: queue, duration: 0, want: 'Backoff' },
      { name: 'Queue queues pod to activeQ if Pod is not backing off', pending: false, hint: queue, duration: DefaultPodInitialBackoffMs + 1_000, want: 'Active' },
      { name: 'Skip queues pod to unschedulablePods', pending: false, hint: skip, duration: 0, want: 'Unschedulable' },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const q = newTestQueue([], { queueingHintMap: hints([nodeAdd, 'foo', tc.hint]) });
        q.add(0, p);
        expect(popName(q)).toBe('pod1');
        const pInfo = newQueuedPodInfo(0, p);
        (tc.pending ? pInfo.pendingPlugins : pInfo.unschedulablePlugins).add('foo');
        q.addUnschedulableIfNotPresent(0, pInfo, q.schedulingCycle());
        q.moveAllToActiveOrBackoffQueue(tc.duration, nodeAdd);
        const where = q.activeQ.queue.has(pInfo) ? 'Active' : q.podBackoffQ.has(pInfo) ? 'Backoff' : q.unschedulablePods.get(p) ? 'Unschedulable' : '';
        expect(where).toBe(tc.want);
      });
    }
  });

  it('requeues a pod updated while in flight (TestPriorityQueue_UpdateWhenInflight)', () => {
    const q = newTestQueue([], { queueingHintMap: hints([Events.UnscheduledPodUpdate, 'fakePlugin', queue]) });
    const testPod = makePod({ name: 'test-pod', namespace: 'test-ns', uid: 'test-uid' });
    q.add(0, testPod);
    expect(popName(q)).toBe('test-pod');
    const updatedPod: Pod = { ...testPod, spec: { ...testPod.spec!, tolerations: [{ key: 'foo', effect: 'NoSchedule' }] } };
    q.update(0, testPod, updatedPod);
    q.addUnschedulableIfNotPresent(0, queuedPodInfoForLookup(updatedPod, 'fakePlugin'), q.schedulingCycle());
    expect(q.podBackoffQ.get(queuedPodInfoForLookup(updatedPod))?.pod).toBe(updatedPod);
  });

  it('moves only pods whose required affinity a new bound pod matches (TestPriorityQueue_AssignedPodAdded)', () => {
    let now = 0;
    const affinityPod = makePod({
      name: 'afp',
      namespace: 'ns1',
      uid: 'afpns1',
      priority: mediumPriority,
      nominatedNodeName: 'node1',
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchExpressions: [{ key: 'service', operator: 'Exists' }] }, topologyKey: 'region' },
          ],
        },
      },
    });
    const labelPod = makePod({ name: 'lbp', namespace: 'ns1', labels: { service: 'securityscan' }, nodeName: 'node1' });
    const q = newTestQueue([], { queueingHintMap: hints([Events.AssignedPodAdd, 'fakePlugin']) });
    for (const pod of [unschedulablePod, affinityPod]) {
      q.add(now, pod);
      q.pop();
    }
    q.addUnschedulableIfNotPresent(now, newQueuedPodInfo(now, unschedulablePod, 'fakePlugin'), q.schedulingCycle());
    q.addUnschedulableIfNotPresent(now, newQueuedPodInfo(now, affinityPod, 'fakePlugin'), q.schedulingCycle());
    now += DefaultPodInitialBackoffMs + 1_000;
    q.assignedPodAdded(now, labelPod);
    expect(q.unschedulablePods.get(affinityPod)).toBeUndefined();
    expect(q.activeQ.queue.has(queuedPodInfoForLookup(affinityPod))).toBe(true);
    expect(q.unschedulablePods.get(unschedulablePod)).toBeDefined();
  });

  it('moves pods rejected by PodTopologySpread on a same-namespace bound pod', () => {
    const q = newTestQueue([], { queueingHintMap: hints([Events.AssignedPodAdd, 'PodTopologySpread']) });
    const spread = makePod({ name: 'spread', namespace: 'ns1' });
    const other = makePod({ name: 'other', namespace: 'ns2' });
    for (const pod of [spread, other]) {
      q.add(0, pod);
      q.addUnschedulableIfNotPresent(0, { ...q.pop()!, unschedulablePlugins: new Set(['PodTopologySpread']) }, q.schedulingCycle());
    }
    q.assignedPodAdded(5_000, makePod({ name: 'bound', namespace: 'ns1', nodeName: 'node1' }));
    expect(q.podsInActiveQ().map((p) => p.metadata.name)).toEqual(['spread']);
  });

  it('lists nominated pods per node (TestPriorityQueue_NominatedPodsForNode)', () => {
    const q = newTestQueue([medPriorityPod, unschedulablePod, highPriorityPod]);
    q.add(0, medPriorityPod);
    q.add(0, unschedulablePod);
    q.add(0, highPriorityPod);
    expect(popName(q)).toBe('hpp');
    expect(q.nominatedPodsForNode('node1').map((pi) => pi.pod)).toEqual([medPriorityPod, unschedulablePod]);
    expect(q.nominatedPodsForNode('node2')).toEqual([]);
  });

  describe('nominator (TestPriorityQueue_NominatedPodDeleted)', () => {
    const cases = [
      { name: 'alive pod gets added into PodNominator', pod: medPriorityPod, deletePod: false, want: true },
      { name: "deleted pod shouldn't be added into PodNominator", pod: highPriNominatedPod, deletePod: true, want: false },
      { name: 'pod without .status.nominatedPodName specified shouldn\'t be added into PodNominator', pod: highPriorityPod, deletePod: false, want: false },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const q = newTestQueue(tc.deletePod ? [] : [tc.pod]);
        q.addNominatedPod(tc.pod);
        expect(q.nominatedPodsForNode(tc.pod.status?.nominatedNodeName ?? '').length === 1).toBe(tc.want);
      });
    }
  });

  it('overrides, keeps and deletes nominations (TestPriorityQueue_UpdateNominatedPodForNode)', () => {
    const q = newTestQueue([medPriorityPod, unschedulablePod, highPriorityPod, scheduledPod]);
    q.add(0, medPriorityPod);
    q.addNominatedPod(unschedulablePod, { nominatingMode: 'Override', nominatedNodeName: 'node5' });
    q.addNominatedPod(highPriorityPod, { nominatingMode: 'Override', nominatedNodeName: 'node2' });
    const want = {
      nominatedPodToNode: { mppns2: 'node1', hppns1: 'node2', upns1: 'node5' },
      nominatedPods: { node1: ['mpp'], node2: ['hpp'], node5: ['up'] },
    };
    expect(nominatorState(q)).toEqual(want);
    expect(popName(q)).toBe('mpp');
    expect(nominatorState(q)).toEqual(want);
    q.addNominatedPod(highPriorityPod, { nominatingMode: 'Override', nominatedNodeName: 'node4' });
    const want2 = {
      nominatedPodToNode: { mppns2: 'node1', hppns1: 'node4', upns1: 'node5' },
      nominatedPods: { node1: ['mpp'], node4: ['hpp'], node5: ['up'] },
    };
    expect(nominatorState(q)).toEqual(want2);
    // A pod gone from the informer cache, or already bound there, is not nominated.
    q.addNominatedPod(nonExistentPod, { nominatingMode: 'Override', nominatedNodeName: 'node1' });
    q.addNominatedPod({ ...scheduledPod, spec: { ...scheduledPod.spec!, nodeName: '' } }, { nominatingMode: 'Override', nominatedNodeName: 'node1' });
    expect(nominatorState(q)).toEqual(want2);
    q.deleteNominatedPodIfExists(highPriorityPod);
    expect(nominatorState(q)).toEqual({ nominatedPodToNode: { mppns2: 'node1', upns1: 'node5' }, nominatedPods: { node1: ['mpp'], node5: ['up'] } });
  });

  it('keeps an in-memory nomination across an update that names no node', () => {
    const q = newTestQueue([highPriorityPod]);
    q.add(0, highPriorityPod);
    q.addNominatedPod(highPriorityPod, { nominatingMode: 'Override', nominatedNodeName: 'node2' });
    q.update(0, highPriorityPod, { ...highPriorityPod, metadata: { ...highPriorityPod.metadata, labels: { a: 'b' } } });
    expect(q.nominator.nominatedPodToNode.get('hppns1')).toBe('node2');
  });

  it('lists pending pods with the summary (TestPriorityQueue_PendingPods)', () => {
    const q = newTestQueue();
    q.add(0, medPriorityPod);
    for (const pod of [unschedulablePod, highPriorityPod]) q.unschedulablePods.addOrUpdate(newQueuedPodInfo(0, pod));
    const names = () => new Set(q.pendingPods().pods.map((p) => p.metadata.name));
    expect(names()).toEqual(new Set(['mpp', 'up', 'hpp']));
    expect(q.pendingPods().summary).toBe('activeQ:1; backoffQ:0; unschedulablePods:2');
    q.moveAllToActiveOrBackoffQueue(0, Events.UnschedulableTimeout);
    expect(names()).toEqual(new Set(['mpp', 'up', 'hpp']));
    expect(q.pendingPods().summary).toBe('activeQ:1; backoffQ:2; unschedulablePods:0');
  });

  it('puts a recently tried pod behind others of its priority (TestRecentlyTriedPodsGoBack)', () => {
    let now = 0;
    const q = newTestQueue();
    for (let i = 0; i < 5; i++) {
      q.add(now, makePod({ name: `test-pod-${i}`, namespace: 'ns1', uid: `tp00${i}`, priority: highPriority, nodeName: 'node1', nominatedNodeName: 'node1' }));
    }
    now += 0.001;
    const p1 = q.pop()!;
    p1.unschedulablePlugins = new Set(['plugin']);
    q.addUnschedulableIfNotPresent(now, p1, q.schedulingCycle());
    now += q.podMaxBackoffMs;
    q.moveAllToActiveOrBackoffQueue(now, Events.UnschedulableTimeout);
    for (let i = 0; i < 5; i++) expect(q.pop() === p1).toBe(i === 4);
  });

  it('does not let a repeatedly failing pod block a newer one (TestPodFailedSchedulingMultipleTimesDoesNotBlockNewerPod)', () => {
    let now = 0;
    const q = newTestQueue();
    const up = makePod({ name: 'test-pod-unscheduled', namespace: 'ns1', uid: 'tp001', priority: highPriority, nominatedNodeName: 'node1' });
    q.add(now, up);
    expect(q.pop()!.pod).toBe(up);
    q.addUnschedulableIfNotPresent(now, queuedPodInfoForLookup(up, 'plugin'), q.schedulingCycle());
    now += DefaultPodInitialBackoffMs + 1_000;
    q.moveAllToActiveOrBackoffQueue(now, Events.UnschedulableTimeout);
    const p1 = q.pop()!;
    expect(p1.pod).toBe(up);
    const newer = makePod({ name: 'test-newer-pod', namespace: 'ns1', uid: 'tp002', priority: highPriority, nominatedNodeName: 'node1' });
    q.add(now, newer);
    q.addUnschedulableIfNotPresent(now, queuedPodInfoForLookup(up, 'plugin'), q.schedulingCycle());
    now += DefaultPodInitialBackoffMs + 1_000;
    q.moveAllToActiveOrBackoffQueue(now, Events.UnschedulableTimeout);
    expect(q.pop()!.pod).toBe(newer);
  });

  it('lets a lower priority pod go while a failed high priority one backs off (TestHighPriorityBackoff)', () => {
    const q = newTestQueue();
    const midPod = makePod({ name: 'test-midpod', namespace: 'ns1', uid: 'tp-mid', priority: midPriority, nominatedNodeName: 'node1' });
    const highPod = makePod({ name: 'test-highpod', namespace: 'ns1', uid: 'tp-high', priority: highPriority, nominatedNodeName: 'node1' });
    q.add(0, midPod);
    q.add(0, highPod);
    const p = q.pop()!;
    expect(p.pod).toBe(highPod);
    q.addUnschedulableIfNotPresent(0, queuedPodInfoForLookup(p.pod, 'fooPlugin'), q.schedulingCycle());
    q.moveAllToActiveOrBackoffQueue(0, Events.UnschedulableTimeout);
    expect(q.pop()!.pod).toBe(midPod);
  });

  it('flushes pods left in the pool past the timeout, in priority order (TestHighPriorityFlushUnschedulablePodsLeftover)', () => {
    const q = newTestQueue([], { queueingHintMap: hints([nodeAdd, 'fakePlugin']) });
    const midPod = makePod({ name: 'test-midpod', namespace: 'ns1', uid: 'tp-mid', priority: midPriority, nominatedNodeName: 'node1' });
    const highPod = makePod({ name: 'test-highpod', namespace: 'ns1', uid: 'tp-high', priority: highPriority, nominatedNodeName: 'node1' });
    for (const pod of [highPod, midPod]) {
      q.add(0, pod);
      q.pop();
    }
    q.addUnschedulableIfNotPresent(0, newQueuedPodInfo(0, highPod, 'fakePlugin'), q.schedulingCycle());
    q.addUnschedulableIfNotPresent(0, newQueuedPodInfo(0, midPod, 'fakePlugin'), q.schedulingCycle());
    q.flushUnschedulablePodsLeftover(DefaultPodMaxInUnschedulablePodsMs + 1_000);
    expect([popName(q), popName(q)]).toEqual(['test-highpod', 'test-midpod']);
  });

  describe('podMaxInUnschedulablePodsDuration (TestPriorityQueue_initPodMaxInUnschedulablePodsDuration)', () => {
    for (const [name, max] of [['the default value', undefined], ['a user-defined value', 30_000]] as const) {
      it(`flushes after ${name}`, () => {
        const timestamp = 10_000;
        const q = newTestQueue([], { podMaxInUnschedulablePodsMs: max });
        const pInfo1 = { ...newQueuedPodInfo(timestamp - 1_000, makePod({ name: 'test-pod-1', namespace: 'ns1', uid: 'tp-1', nominatedNodeName: 'node1' })) };
        const pInfo2 = { ...newQueuedPodInfo(timestamp - 2_000, makePod({ name: 'test-pod-2', namespace: 'ns2', uid: 'tp-2', nominatedNodeName: 'node2' })) };
        q.unschedulablePods.addOrUpdate(pInfo1);
        q.unschedulablePods.addOrUpdate(pInfo2);
        q.flushUnschedulablePodsLeftover(timestamp + q.podMaxInUnschedulablePodsMs);
        expect([q.activeQ.queue.pop(), q.activeQ.queue.pop()]).toEqual([pInfo2, pInfo1]);
      });
    }
  });

  describe('timestamps order activeQ (TestPodTimestamp)', () => {
    const timestamp = 50_000;
    const pod1 = makePod({ name: 'test-pod-1', namespace: 'ns1', uid: 'tp-1', nominatedNodeName: 'node1' });
    const pod2 = makePod({ name: 'test-pod-2', namespace: 'ns2', uid: 'tp-2', nominatedNodeName: 'node2' });
    const infos = () => [newQueuedPodInfo(timestamp, pod1), newQueuedPodInfo(timestamp + 1_000, pod2)];
    it('add two pod to activeQ and sort them by the timestamp', () => {
      const q = newTestQueue();
      const [p1, p2] = infos();
      q.activeQ.queue.addOrUpdate(p2);
      q.activeQ.queue.addOrUpdate(p1);
      expect([q.activeQ.queue.pop(), q.activeQ.queue.pop()]).toEqual([p1, p2]);
    });
    it('add two pod to unschedulablePods then move them to activeQ and sort them by the timestamp', () => {
      const q = newTestQueue();
      const [p1, p2] = infos();
      q.unschedulablePods.addOrUpdate(p2);
      q.unschedulablePods.addOrUpdate(p1);
      q.moveAllToActiveOrBackoffQueue(timestamp + 2_000 + 2_000, Events.UnschedulableTimeout);
      expect([q.activeQ.queue.pop(), q.activeQ.queue.pop()]).toEqual([p1, p2]);
    });
    it('add one pod to BackoffQ and move it to activeQ', () => {
      const q = newTestQueue();
      const [p1, p2] = infos();
      q.activeQ.queue.addOrUpdate(p2);
      q.podBackoffQ.addOrUpdate(p1);
      q.flushBackoffQCompleted(timestamp + 2_000);
      q.moveAllToActiveOrBackoffQueue(timestamp + 2_000, Events.UnschedulableTimeout);
      expect([q.activeQ.queue.pop(), q.activeQ.queue.pop()]).toEqual([p1, p2]);
    });
  });

  describe('attempts and the first attempt time (TestPerPodSchedulingMetrics)', () => {
    const timestamp = 1_000;
    const pod = makePod({ name: 'test-pod', namespace: 'test-ns', uid: 'test-uid' });
    const failOnce = (q: PriorityQueue) => {
      q.add(timestamp, pod);
      const pInfo = q.pop()!;
      pInfo.unschedulablePlugins = new Set(['plugin']);
      q.addUnschedulableIfNotPresent(timestamp, pInfo, 1);
      q.flushUnschedulablePodsLeftover(timestamp + DefaultPodMaxInUnschedulablePodsMs + 1);
    };
    const cases: { name: string; scenario: (q: PriorityQueue) => void; wantAttempts: number; wantInitialAttemptTs: number }[] = [
      { name: 'pod is created and scheduled after 1 attempt', scenario: (q) => q.add(timestamp, pod), wantAttempts: 1, wantInitialAttemptTs: timestamp },
      { name: 'pod is created and scheduled after 2 attempts', scenario: failOnce, wantAttempts: 2, wantInitialAttemptTs: timestamp },
      {
        name: 'pod is created and scheduled after 2 attempts but before the second pop, call update',
        scenario: (q) => {
          failOnce(q);
          q.update(timestamp + DefaultPodMaxInUnschedulablePodsMs + 1, pod, { ...pod, metadata: { ...pod.metadata, generation: 1 } });
        },
        wantAttempts: 2,
        wantInitialAttemptTs: timestamp,
      },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const q = newTestQueue();
        tc.scenario(q);
        const pInfo = q.pop()!;
        expect([pInfo.attempts, pInfo.initialAttemptTimestamp]).toEqual([tc.wantAttempts, tc.wantInitialAttemptTs]);
      });
    }
    it('A gated pod is created and scheduled after lifting gate', () => {
      const gate = { name: 'preEnqueuePlugin', preEnqueue: (p: Pod) => ('foo' in (p.metadata.labels ?? {}) ? null : Status.new('UnschedulableAndUnresolvable')) };
      const q = newTestQueue([], { preEnqueuePlugins: { 'default-scheduler': [gate] } });
      q.add(timestamp, pod);
      expect(q.unschedulablePods.get(pod)?.pod).toBe(pod);
      q.update(timestamp + 60_000, pod, { ...pod, metadata: { ...pod.metadata, labels: { foo: '' } } });
      const pInfo = q.pop()!;
      expect([pInfo.attempts, pInfo.initialAttemptTimestamp]).toEqual([1, timestamp + 60_000]);
    });
  });

  it('doubles the backoff per attempt up to 10 s (TestBackOffFlow)', () => {
    let now = 1_000_000;
    const q = newTestQueue();
    const pod = makePod({ name: 'test-pod', namespace: 'test-ns', uid: 'test-uid' });
    q.add(now, pod);
    [1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000].forEach((wantBackoff, i) => {
      const timestamp = now;
      const pInfo = q.pop()!;
      expect(pInfo.attempts).toBe(i + 1);
      q.addUnschedulableIfNotPresent(now, pInfo, i);
      q.moveAllToActiveOrBackoffQueue(now, Events.UnschedulableTimeout);
      expect(q.podBackoffQ.has(pInfo)).toBe(true);
      expect(q.getBackoffTime(pInfo) - timestamp).toBe(wantBackoff);
      now += 1;
      q.flushBackoffQCompleted(now);
      expect(q.podBackoffQ.has(pInfo)).toBe(true);
      now += wantBackoff;
      q.flushBackoffQCompleted(now);
      expect(q.podBackoffQ.has(pInfo)).toBe(false);
    });
  });

  describe('preCheck (TestMoveAllToActiveOrBackoffQueue_PreEnqueueChecks)', () => {
    const cases: { name: string; check?: (p: Pod) => boolean; want: string[] }[] = [
      { name: 'nil PreEnqueueCheck', want: ['p0', 'p1', 'p2', 'p3', 'p4'] },
      { name: 'move Pods with priority greater than 2', check: (p) => p.spec!.priority! >= 2, want: ['p2', 'p3', 'p4'] },
      { name: 'move Pods with even priority and greater than 2', check: (p) => p.spec!.priority! % 2 === 0 && p.spec!.priority! >= 2, want: ['p2', 'p4'] },
      { name: 'move Pods with even and negative priority', check: (p) => p.spec!.priority! % 2 === 0 && p.spec!.priority! < 0, want: [] },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const q = newTestQueue();
        for (let i = 0; i < 5; i++) {
          const pod = makePod({ name: `p${i}`, priority: i });
          q.add(0, pod);
          const pInfo = q.pop()!;
          pInfo.unschedulablePlugins = new Set(['plugin']);
          q.addUnschedulableIfNotPresent(0, pInfo, q.schedulingCycle());
          // Distinct timestamps fix the backoff order.
          pInfo.timestamp += i - 5;
        }
        q.moveAllToActiveOrBackoffQueue(0, Events.UnschedulableTimeout, undefined, undefined, tc.check);
        const got: string[] = [];
        while (q.podBackoffQ.length) got.push(q.podBackoffQ.pop()!.pod.metadata.name!);
        expect(got).toEqual(tc.want);
      });
    }
  });

  describe('calculateBackoffDuration (TestPriorityQueue_calculateBackoffDuration)', () => {
    const cases = [
      { name: 'normal', initial: 1, max: 32, attempts: 16, want: 32 },
      { name: 'overflow_32bit', initial: 1, max: 2 ** 31 - 1, attempts: 32, want: 2 ** 31 - 1 },
      { name: 'overflow_64bit', initial: 1, max: Number.MAX_SAFE_INTEGER, attempts: 64, want: Number.MAX_SAFE_INTEGER },
    ];
    for (const tc of cases) {
      it(tc.name, () => {
        const q = newTestQueue([], { podInitialBackoffMs: tc.initial, podMaxBackoffMs: tc.max });
        expect(q.calculateBackoffDuration({ attempts: tc.attempts })).toBe(tc.want);
      });
    }
  });
});

describe('Update (TestPriorityQueue_Update)', () => {
  const queuePlugin = 'queuePlugin';
  const skipPlugin = 'skipPlugin';
  const hintMap = hints([Events.UnscheduledPodUpdate, queuePlugin, queue], [Events.UnscheduledPodUpdate, skipPlugin, skip]);
  const annotated = (v: string) => ({ ...medPriorityPod, metadata: { ...medPriorityPod.metadata, annotations: { annot2: 'val2', foo: v } } });
  type Where = 'Active' | 'Backoff' | 'Unschedulable' | 'NotInAnyQueue';
  const cases: { name: string; wantQ: Where; wantNominated?: boolean; prepare: (q: PriorityQueue) => [Pod | undefined, Pod, number?]; hints: boolean[] }[] = [
    { name: "Update pod that didn't exist in the queue", wantQ: 'Active', prepare: () => [medPriorityPod, annotated('test')], hints: [false, true] },
    {
      name: 'Update highPriorityPodInfo and add a nominatedNodeName to it',
      wantQ: 'Active',
      wantNominated: true,
      prepare: () => [highPriorityPod, highPriNominatedPod],
      hints: [false, true],
    },
    {
      name: 'When updating a pod that is already in activeQ, the pod should remain in activeQ after Update()',
      wantQ: 'Active',
      prepare: (q) => {
        q.add(0, highPriorityPod);
        return [highPriorityPod, highPriorityPod];
      },
      hints: [false, true],
    },
    {
      name: 'When updating a pod that is in backoff queue and is still backing off, it will be updated in backoff queue',
      wantQ: 'Backoff',
      prepare: (q) => {
        q.podBackoffQ.addOrUpdate(newQueuedPodInfo(0, medPriorityPod));
        return [medPriorityPod, medPriorityPod];
      },
      hints: [false, true],
    },
    {
      name: 'when updating a pod which is in unschedulable queue and is backing off, it will be moved to backoff queue',
      wantQ: 'Backoff',
      prepare: (q) => {
        q.unschedulablePods.addOrUpdate(newQueuedPodInfo(0, medPriorityPod, queuePlugin));
        return [medPriorityPod, annotated('test')];
      },
      hints: [false, true],
    },
    {
      name: 'when updating a pod which is in unschedulable queue and is not backing off, it will be moved to active queue',
      wantQ: 'Active',
      prepare: (q) => {
        q.unschedulablePods.addOrUpdate(newQueuedPodInfo(0, medPriorityPod, queuePlugin));
        return [medPriorityPod, annotated('test1'), q.podInitialBackoffMs];
      },
      hints: [false, true],
    },
    {
      name: 'when updating a pod which is in unschedulable pods but the plugin returns skip, it will remain in unschedulablePods',
      wantQ: 'Unschedulable',
      prepare: (q) => {
        q.unschedulablePods.addOrUpdate(newQueuedPodInfo(0, medPriorityPod, skipPlugin));
        return [medPriorityPod, annotated('test1'), q.podInitialBackoffMs];
      },
      hints: [true],
    },
    {
      name: 'when updating a pod which is in flightPods, the pod will not be added to any queue',
      wantQ: 'NotInAnyQueue',
      prepare: (q) => {
        q.add(0, medPriorityPod);
        q.pop();
        return [medPriorityPod, annotated('test1')];
      },
      hints: [true],
    },
  ];
  for (const tc of cases) {
    for (const queueingHints of tc.hints) {
      it(`${tc.name} (hints ${queueingHints})`, () => {
        const q = newTestQueue([highPriorityPod, unschedulablePod, medPriorityPod], { queueingHintMap: hintMap, queueingHints });
        const [oldPod, newPod, now = 0] = tc.prepare(q);
        q.update(now, oldPod, newPod);
        const lookup = queuedPodInfoForLookup(newPod);
        const where: Where = q.activeQ.queue.has(lookup)
          ? 'Active'
          : q.podBackoffQ.has(lookup)
            ? 'Backoff'
            : q.unschedulablePods.get(newPod)
              ? 'Unschedulable'
              : 'NotInAnyQueue';
        expect(where).toBe(tc.wantQ);
        const stored = q.activeQ.queue.get(lookup) ?? q.podBackoffQ.get(lookup) ?? q.unschedulablePods.get(newPod);
        if (stored) expect(stored.pod).toBe(newPod);
        if (tc.wantNominated) expect(q.nominator.nominatedPods.size).toBe(1);
      });
    }
  }
});

describe('in-flight pods and events (Test_InFlightPods)', () => {
  const pod1 = makePod({ name: 'targetpod', uid: 'pod1' });
  const pod2 = makePod({ name: 'targetpod2', uid: 'pod2' });
  const pod3 = makePod({ name: 'targetpod3', uid: 'pod3' });
  type Action =
    | { eventHappens: ClusterEvent }
    | { podPopped: Pod }
    | { podCreated: Pod }
    | { podEnqueued: QueuedPodInfo }
    | { callback: (q: PriorityQueue) => void };
  interface Case {
    name: string;
    hints?: boolean;
    map: Record<string, QueueingHintRegistration[]>;
    initialPods: Pod[];
    actions: Action[];
    wantInFlightPods: Pod[];
    wantInFlightEvents?: (Pod | ClusterEvent)[];
    wantActiveQ?: string[];
    wantBackoffQ?: string[];
    wantUnschedulable?: string[];
  }
  let popped: QueuedPodInfo;
  let popped2: QueuedPodInfo;
  const cases: Case[] = [
    {
      name: 'when SchedulingQueueHint is disabled, inFlightPods and inFlightEvents should be empty',
      hints: false,
      initialPods: [pod1],
      actions: [{ podPopped: pod1 }, { eventHappens: pvAdd }],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([pvAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'Pod and interested events are registered in inFlightPods/inFlightEvents',
      initialPods: [pod1],
      actions: [{ eventHappens: pvcAdd }, { podPopped: pod1 }, { eventHappens: pvAdd }, { eventHappens: pvUpdate }],
      wantInFlightPods: [pod1],
      wantInFlightEvents: [pod1, pvAdd],
      map: hints([pvAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'Pod, registered in inFlightPods, is enqueued back to backoffQ',
      initialPods: [pod1, pod2],
      actions: [
        { eventHappens: pvcAdd },
        { podPopped: pod1 },
        { eventHappens: pvAdd },
        { podPopped: pod2 },
        { eventHappens: nodeAdd },
        { podEnqueued: queuedPodInfoForLookup(pod1) },
      ],
      wantBackoffQ: ['targetpod'],
      wantInFlightPods: [pod2],
      wantInFlightEvents: [pod2, nodeAdd],
      map: hints([pvAdd, 'fooPlugin1', queue], [nodeAdd, 'fooPlugin1', queue], [pvcAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'All Pods registered in inFlightPods are enqueued back to activeQ',
      initialPods: [pod1, pod2],
      actions: [
        { eventHappens: pvcAdd },
        { podPopped: pod1 },
        { eventHappens: pvAdd },
        { podPopped: pod2 },
        { eventHappens: nodeAdd },
        { podEnqueued: queuedPodInfoForLookup(pod1) },
        { eventHappens: csiNodeUpdate },
        { podEnqueued: queuedPodInfoForLookup(pod2) },
      ],
      wantBackoffQ: ['targetpod', 'targetpod2'],
      wantInFlightPods: [],
      map: hints([pvAdd, 'fooPlugin1', queue], [nodeAdd, 'fooPlugin1', queue], [pvcAdd, 'fooPlugin1', queue], [csiNodeUpdate, 'fooPlugin1', queue]),
    },
    {
      name: 'One intermediate Pod registered in inFlightPods is enqueued back to activeQ',
      initialPods: [pod1, pod2, pod3],
      actions: [
        { eventHappens: pvcAdd },
        { podPopped: pod1 },
        { eventHappens: pvAdd },
        { podPopped: pod2 },
        { eventHappens: nodeAdd },
        { podPopped: pod3 },
        { eventHappens: Events.AssignedPodAdd },
        { podEnqueued: queuedPodInfoForLookup(pod2) },
      ],
      wantBackoffQ: ['targetpod2'],
      wantInFlightPods: [pod1, pod3],
      wantInFlightEvents: [pod1, pvAdd, nodeAdd, pod3, Events.AssignedPodAdd],
      map: hints([pvAdd, 'fooPlugin1', queue], [nodeAdd, 'fooPlugin1', queue], [Events.AssignedPodAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'pod is enqueued to queue without QueueingHint when SchedulingQueueHint is disabled',
      hints: false,
      initialPods: [pod1],
      actions: [{ podPopped: pod1 }, { eventHappens: Events.AssignedPodAdd }, { podEnqueued: queuedPodInfoForLookup(pod1, 'fooPlugin1') }],
      wantBackoffQ: ['targetpod'],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin1', skip]),
    },
    {
      name: 'events before popping Pod are ignored when Pod is enqueued back to queue',
      initialPods: [pod1],
      actions: [
        { eventHappens: Events.UnschedulableTimeout },
        { podPopped: pod1 },
        { eventHappens: Events.AssignedPodAdd },
        { podEnqueued: queuedPodInfoForLookup(pod1, 'fooPlugin1') },
      ],
      wantUnschedulable: ['targetpod'],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin1', skip]),
    },
    {
      name: 'pod is enqueued to backoff if no failed plugin',
      initialPods: [pod1],
      actions: [{ podPopped: pod1 }, { eventHappens: Events.AssignedPodAdd }, { podEnqueued: queuedPodInfoForLookup(pod1) }],
      wantBackoffQ: ['targetpod'],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'pod is enqueued to unschedulable pod pool if no events that can make the pod schedulable',
      initialPods: [pod1],
      actions: [{ podPopped: pod1 }, { eventHappens: nodeAdd }, { podEnqueued: queuedPodInfoForLookup(pod1, 'fooPlugin1') }],
      wantUnschedulable: ['targetpod'],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'pod is enqueued to unschedulable pod pool because the failed plugin has a hint fn but it returns Skip',
      initialPods: [pod1],
      actions: [{ podPopped: pod1 }, { eventHappens: Events.AssignedPodAdd }, { podEnqueued: queuedPodInfoForLookup(pod1, 'fooPlugin1') }],
      wantUnschedulable: ['targetpod'],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin1', skip]),
    },
    {
      name: 'pod is enqueued to activeQ because the Pending plugins has a hint fn and it returns Queue',
      initialPods: [pod1],
      actions: [
        { podPopped: pod1 },
        { eventHappens: Events.AssignedPodAdd },
        { podEnqueued: { ...newQueuedPodInfo(0, pod1, 'fooPlugin2', 'fooPlugin3'), pendingPlugins: new Set(['fooPlugin1']) } },
      ],
      wantActiveQ: ['targetpod'],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin3', skip], [Events.AssignedPodAdd, 'fooPlugin2', queue], [Events.AssignedPodAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'pod is enqueued to backoffQ because the failed plugin has a hint fn and it returns Queue',
      initialPods: [pod1],
      actions: [{ podPopped: pod1 }, { eventHappens: Events.AssignedPodAdd }, { podEnqueued: queuedPodInfoForLookup(pod1, 'fooPlugin1', 'fooPlugin2') }],
      wantBackoffQ: ['targetpod'],
      wantInFlightPods: [],
      wantInFlightEvents: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin2', skip], [Events.AssignedPodAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'pod is enqueued to activeQ because the pending plugin has a hint fn and it returns Queue for a concurrent event that was received while some other pod was in flight',
      initialPods: [pod1, pod2],
      actions: [
        { callback: (q) => (popped = q.pop()!) },
        { eventHappens: nodeAdd },
        { callback: (q) => (popped2 = q.pop()!) },
        { eventHappens: Events.AssignedPodAdd },
        { callback: (q) => q.addUnschedulableIfNotPresent(0, popped, q.schedulingCycle()) },
        {
          callback: (q) => {
            popped2.unschedulablePlugins = new Set(['fooPlugin2', 'fooPlugin3']);
            popped2.pendingPlugins = new Set(['fooPlugin1']);
            q.addUnschedulableIfNotPresent(0, popped2, q.schedulingCycle());
          },
        },
      ],
      wantActiveQ: ['targetpod2'],
      wantBackoffQ: ['targetpod'],
      wantInFlightPods: [],
      map: hints([Events.AssignedPodAdd, 'fooPlugin3', skip], [Events.AssignedPodAdd, 'fooPlugin2', queue], [Events.AssignedPodAdd, 'fooPlugin1', queue]),
    },
    {
      name: 'Pop is made twice for the same Pod, but the cleanup still happen correctly',
      initialPods: [pod1, pod2],
      actions: [
        { eventHappens: pvcAdd },
        { podPopped: pod1 },
        { eventHappens: pvAdd },
        { podPopped: pod2 },
        // Simulate a bug: pod1 is put back into activeQ while it is being scheduled.
        { callback: (q) => q.activeQ.queue.addOrUpdate(queuedPodInfoForLookup(pod1)) },
        { podCreated: pod3 },
        // This pop discards pod1, which is already in flight, and takes pod3.
        { podPopped: pod3 },
        { callback: (q) => expect(q.activeQ.list()).toEqual([]) },
        { eventHappens: nodeAdd },
        { podEnqueued: queuedPodInfoForLookup(pod1) },
        { eventHappens: csiNodeUpdate },
        { podEnqueued: queuedPodInfoForLookup(pod2) },
        { podEnqueued: queuedPodInfoForLookup(pod3) },
      ],
      wantBackoffQ: ['targetpod', 'targetpod2', 'targetpod3'],
      wantInFlightPods: [],
      map: hints([pvAdd, 'fooPlugin1', queue], [nodeAdd, 'fooPlugin1', queue], [pvcAdd, 'fooPlugin1', queue], [csiNodeUpdate, 'fooPlugin1', queue]),
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      let now = 0;
      const q = newTestQueue(tc.initialPods, { queueingHintMap: tc.map, queueingHints: tc.hints ?? true });
      for (const p of tc.initialPods) {
        q.add(now, p);
        now += 1_000;
      }
      for (const a of tc.actions) {
        if ('podCreated' in a) q.add(now, a.podCreated);
        else if ('podPopped' in a) expect(q.pop()?.pod.metadata.uid).toBe(a.podPopped.metadata.uid);
        else if ('eventHappens' in a) q.moveAllToActiveOrBackoffQueue(now, a.eventHappens);
        else if ('podEnqueued' in a) q.addUnschedulableIfNotPresent(now, a.podEnqueued, q.schedulingCycle());
        else a.callback(q);
      }
      const names = (pods: Pod[]) => pods.map((p) => p.metadata.name!).sort();
      expect(names(q.activeQ.listInFlightPods())).toEqual(names(tc.wantInFlightPods));
      if (tc.wantInFlightEvents) {
        expect(q.activeQ.listInFlightEvents().map((e) => ('pod' in e ? e.pod : e.event))).toEqual(tc.wantInFlightEvents);
      }
      if (tc.wantActiveQ) expect(names(q.activeQ.list())).toEqual(tc.wantActiveQ);
      if (tc.wantBackoffQ) expect(names(q.podBackoffQ.list().map((p) => p.pod))).toEqual(tc.wantBackoffQ);
      for (const name of tc.wantUnschedulable ?? []) expect(q.unschedulablePods.get(makePod({ name }))).toBeDefined();
    });
  }
});

describe('isPodUpdated', () => {
  it('ignores status, resourceVersion, generation, managedFields and finalizers, but sees a new empty-valued label', async () => {
    const { isPodUpdated } = await import('./scheduling-queue');
    const pod = makePod({ name: 'p' });
    const bumped: Pod = { ...pod, metadata: { ...pod.metadata, resourceVersion: '9', generation: 3, finalizers: ['x'] }, status: { phase: 'Pending' } };
    expect(isPodUpdated(pod, bumped)).toBe(false);
    expect(isPodUpdated(pod, { ...pod, metadata: { ...pod.metadata, labels: { a: '' } } })).toBe(true);
    expect(isPodUpdated(pod, { ...pod, spec: { ...pod.spec!, tolerations: [{ key: 'k' }] } })).toBe(true);
  });
});
