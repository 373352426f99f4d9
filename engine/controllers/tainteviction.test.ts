// Tests ported from pkg/controller/tainteviction/taint_eviction_test.go (1.32): TestCreatePod,
// TestUpdatePod, TestCreateNode, TestDeleteNode, TestUpdateNode, TestUpdateNodeWithMultipleTaints,
// TestUpdateNodeWithMultiplePods, TestGetMinTolerationTime, TestEventualConsistency and
// TestPodDeletionEvent. Upstream's goroutines and timers become a driver that works the queue and
// fires delayed keys as simulated time passes, so "after 1 s" is exact instead of slept for.

import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint, Toleration } from '../api/types/core';
import { newInternalError } from '../apiserver/errors';
import { res } from '../client/clientset';
import { getMinTolerationTime, newTaintEvictionController } from './tainteviction';
import { fakeContext, runSync, type FakeContext } from './testing';

const podsR = res('', 'pods');
const nodesR = res('', 'nodes');

function newPod(name: string, host: string): Pod {
  return { kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { nodeName: host, containers: [] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

function newNode(name: string): Node {
  return { kind: 'Node', apiVersion: 'v1', metadata: { name }, spec: {}, status: {} };
}

const noExecuteTaint = (i: number): Taint => ({ key: `testTaint${i}`, value: `test${i}`, effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' });

// addToleration: a toleration of testTaint<i>, for `seconds` (forever when negative).
function addToleration(pod: Pod, i: number, seconds: number): Pod {
  const t: Toleration = { key: `testTaint${i}`, value: `test${i}`, effect: 'NoExecute', ...(seconds >= 0 ? { tolerationSeconds: seconds } : {}) };
  pod.spec!.tolerations = [t];
  return pod;
}

function addTaintsToNode(node: Node, indices: number[]): Node {
  node.spec = { taints: indices.map(noExecuteTaint) };
  return node;
}

/** The controller over fakes, with a driver that runs queued keys and fires delayed ones in simulated time. */
function setup(pods: Pod[] = []) {
  const ctx = fakeContext();
  ctx.client.seed(podsR, ...pods);
  const c = newTaintEvictionController(ctx);
  const q = ctx.queues.get('noexec_taint')!;
  const podInf = ctx.informers.informerFor<Pod>(podsR);
  const nodeInf = ctx.informers.informerFor<Node>(nodesR);
  let added = 0;
  let afters = 0;
  const timers: { key: string; due: number }[] = [];
  const drain = () => {
    for (;;) {
      while (afters < q.after.length) timers.push({ key: q.after[afters].key, due: ctx.now() + q.after[afters++].ms });
      if (added < q.added.length) {
        runSync(c.sync(q.added[added++]));
        continue;
      }
      timers.sort((a, b) => a.due - b.due);
      if (!timers.length || timers[0].due > ctx.now()) return;
      runSync(c.sync(timers.shift()!.key));
    }
  };
  return {
    ctx,
    c,
    podInf,
    nodeInf,
    drain,
    /** Lets `ms` of simulated time pass, firing each timer at its time. */
    advance(ms: number): void {
      const target = ctx.now() + ms;
      drain();
      for (;;) {
        timers.sort((a, b) => a.due - b.due);
        if (!timers.length || timers[0].due > target) break;
        ctx.setNow(Math.max(ctx.now(), timers[0].due));
        drain();
      }
      ctx.setNow(target);
      drain();
    },
  };
}

const podActions = (ctx: FakeContext, verb: string) => ctx.client.actions.filter((a) => a.verb === verb && a.resource === 'pods').map((a) => a.name);
function verify(ctx: FakeContext, expectPatch: boolean, expectDelete: boolean): void {
  expect(podActions(ctx, 'patch').length > 0).toBe(expectPatch);
  expect(podActions(ctx, 'delete').length > 0).toBe(expectDelete);
}

describe('TestGetMinTolerationTime', () => {
  it.each([
    [[], 0],
    [[{}], -1],
    [[{ tolerationSeconds: 1 }, { tolerationSeconds: 2 }], 1000],
    [[{ tolerationSeconds: 1 }, {}], 1000],
    [[{}, { tolerationSeconds: 1 }], 1000],
    [[{ tolerationSeconds: 0 }, { tolerationSeconds: 5 }], 0],
  ] as [Toleration[], number][])('%j → %d ms', (tolerations, expected) => {
    expect(getMinTolerationTime(tolerations)).toBe(expected);
  });
});

describe('TestCreatePod', () => {
  const cases: { description: string; pod: Pod; tainted: boolean; expectPatch: boolean; expectDelete: boolean }[] = [
    { description: 'not scheduled - ignore', pod: newPod('pod1', ''), tainted: false, expectPatch: false, expectDelete: false },
    { description: 'scheduled on untainted Node', pod: newPod('pod1', 'node1'), tainted: false, expectPatch: false, expectDelete: false },
    { description: 'schedule on tainted Node', pod: newPod('pod1', 'node1'), tainted: true, expectPatch: true, expectDelete: true },
    { description: 'schedule on tainted Node with finite toleration', pod: addToleration(newPod('pod1', 'node1'), 1, 100), tainted: true, expectPatch: false, expectDelete: false },
    { description: 'schedule on tainted Node with infinite toleration', pod: addToleration(newPod('pod1', 'node1'), 1, -1), tainted: true, expectPatch: false, expectDelete: false },
    { description: 'schedule on tainted Node with infinite invalid toleration', pod: addToleration(newPod('pod1', 'node1'), 2, -1), tainted: true, expectPatch: true, expectDelete: true },
  ];
  for (const item of cases) {
    it(item.description, () => {
      const s = setup([item.pod]);
      if (item.tainted) s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
      s.drain();
      s.podInf.emitUpsert(item.pod);
      s.drain();
      verify(s.ctx, item.expectPatch, item.expectDelete);
    });
  }

  it('the deleted pod first gets the DisruptionTarget condition, patched with its uid as a precondition', () => {
    const s = setup([newPod('pod1', 'node1')]);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.podInf.emitUpsert(newPod('pod1', 'node1'));
    s.drain();
    const patch = s.ctx.client.actions.find((a) => a.verb === 'patch')!;
    expect(patch.subresource).toBe('status');
    expect((patch.patch as { metadata: unknown }).metadata).toEqual({ uid: 'uid-pod1' });
    const status = (patch.patch as { status: Record<string, unknown> }).status;
    expect(status['$setElementOrder/conditions']).toEqual([{ type: 'Ready' }, { type: 'DisruptionTarget' }]);
    expect(status.conditions).toEqual([{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    expect(s.ctx.client.actions.find((a) => a.verb === 'delete')!.options).toEqual({});
  });
});

describe('TestDeletePod and TestDeleteNode', () => {
  it('a deleted pod on a tainted node cancels nothing and breaks nothing', () => {
    const s = setup();
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.drain();
    s.podInf.emitDelete(newPod('pod1', 'node1'));
    s.drain();
    expect(s.ctx.client.writes()).toEqual([]);
  });

  it('a deleted node is forgotten: a pod bound to it later is left alone', () => {
    const s = setup([newPod('pod1', 'node1')]);
    const n = addTaintsToNode(newNode('node1'), [1]);
    s.nodeInf.emitUpsert(n);
    s.drain();
    s.nodeInf.emitDelete(n);
    s.drain();
    s.podInf.emitUpsert(newPod('pod1', 'node1'));
    s.drain();
    expect(s.ctx.client.writes()).toEqual([]);
  });
});

describe('TestUpdatePod', () => {
  it('scheduling onto tainted Node', () => {
    const s = setup([newPod('pod1', '')]);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.podInf.emitUpsert(newPod('pod1', ''));
    s.drain();
    s.podInf.emitUpsert(newPod('pod1', 'node1'));
    s.drain();
    verify(s.ctx, true, true);
  });

  it('scheduling onto tainted Node with toleration', () => {
    const s = setup([addToleration(newPod('pod1', ''), 1, -1)]);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.podInf.emitUpsert(addToleration(newPod('pod1', ''), 1, -1));
    s.podInf.emitUpsert(addToleration(newPod('pod1', 'node1'), 1, -1));
    s.drain();
    verify(s.ctx, false, false);
  });

  it('removing toleration', () => {
    const s = setup([addToleration(newPod('pod1', 'node1'), 1, 100)]);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.podInf.emitUpsert(addToleration(newPod('pod1', 'node1'), 1, 100));
    s.drain();
    expect(s.c.scheduled.get('default/pod1')).toMatchObject({ fireAt: 100_000 });
    s.podInf.emitUpsert(newPod('pod1', 'node1'));
    s.drain();
    verify(s.ctx, true, true);
    expect(s.ctx.events.map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/pod1', 'Marking for deletion Pod default/pod1']);
  });

  it("lengthening toleration shouldn't work", () => {
    const s = setup([addToleration(newPod('pod1', 'node1'), 1, 1)]);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.podInf.emitUpsert(addToleration(newPod('pod1', 'node1'), 1, 1));
    s.drain();
    s.podInf.emitUpsert(addToleration(newPod('pod1', 'node1'), 1, 100));
    s.advance(999);
    verify(s.ctx, false, false);
    s.advance(1);
    verify(s.ctx, true, true);
  });
});

describe('TestCreateNode', () => {
  it.each([
    ['Creating Node matching already assigned Pod', newPod('pod1', 'node1'), newNode('node1'), false],
    ['Creating tainted Node matching already assigned Pod', newPod('pod1', 'node1'), addTaintsToNode(newNode('node1'), [1]), true],
    ['Creating tainted Node matching already assigned tolerating Pod', addToleration(newPod('pod1', 'node1'), 1, -1), addTaintsToNode(newNode('node1'), [1]), false],
  ] as [string, Pod, Node, boolean][])('%s', (_, pod, node, expected) => {
    const s = setup([pod]);
    s.podInf.preload(pod);
    s.nodeInf.emitUpsert(node);
    s.drain();
    verify(s.ctx, expected, expected);
  });
});

describe('TestUpdateNode', () => {
  const cases: { description: string; pod: Pod; oldTaints: number[]; newTaints: number[]; sleepMs?: number; expected: boolean }[] = [
    { description: 'Added taint, expect node patched and deleted', pod: newPod('pod1', 'node1'), oldTaints: [], newTaints: [1], expected: true },
    { description: 'Added tolerated taint', pod: addToleration(newPod('pod1', 'node1'), 1, 100), oldTaints: [], newTaints: [1], expected: false },
    { description: 'Only one added taint tolerated', pod: addToleration(newPod('pod1', 'node1'), 1, 100), oldTaints: [], newTaints: [1, 2], expected: true },
    { description: 'Taint removed', pod: addToleration(newPod('pod1', 'node1'), 1, 1), oldTaints: [1], newTaints: [], sleepMs: 1500, expected: false },
  ];
  for (const item of cases) {
    it(item.description, () => {
      const s = setup([item.pod]);
      s.podInf.preload(item.pod);
      s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), item.oldTaints));
      s.drain();
      s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), item.newTaints));
      s.advance(item.sleepMs ?? 0);
      verify(s.ctx, item.expected, item.expected);
    });
  }

  it('Pod with multiple tolerations are evicted when first one runs out', () => {
    const pod = newPod('pod1', 'node1');
    pod.spec!.tolerations = [
      { key: 'testTaint1', value: 'test1', effect: 'NoExecute', tolerationSeconds: 1 },
      { key: 'testTaint2', value: 'test2', effect: 'NoExecute', tolerationSeconds: 100 },
    ];
    const s = setup([pod]);
    s.podInf.preload(pod);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1, 2]));
    s.advance(999);
    verify(s.ctx, false, false);
    s.advance(1);
    verify(s.ctx, true, true);
  });
});

describe('TestUpdateNodeWithMultipleTaints', () => {
  it('a forever-tolerated taint never schedules; a 60 s one does; losing it cancels', () => {
    const pod = newPod('pod1', 'node1');
    pod.spec!.tolerations = [
      { key: 'testTaint1', operator: 'Exists', effect: 'NoExecute' },
      { key: 'testTaint2', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
    ];
    const s = setup([pod]);
    s.podInf.preload(pod);
    const sync = (taints: number[]) => {
      s.nodeInf.store.put(addTaintsToNode(newNode('node1'), taints));
      runSync(s.c.sync('node1'));
    };
    sync([]);
    expect(s.c.scheduled.get('default/pod1')).toBeUndefined();
    sync([1]);
    expect(s.c.scheduled.get('default/pod1')).toBeUndefined();
    sync([1, 2]);
    expect(s.c.scheduled.get('default/pod1')).toBeTruthy();
    sync([1]);
    expect(s.c.scheduled.get('default/pod1')).toBeUndefined();
    s.advance(120_000);
    expect(podActions(s.ctx, 'delete')).toEqual([]);
  });
});

describe('TestUpdateNodeWithMultiplePods', () => {
  it('Pods with different toleration times are evicted appropriately', () => {
    const pods = [newPod('pod1', 'node1'), addToleration(newPod('pod2', 'node1'), 1, 1), addToleration(newPod('pod3', 'node1'), 1, -1)];
    const s = setup(pods);
    s.podInf.preload(...pods);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.drain();
    expect(podActions(s.ctx, 'delete')).toEqual(['pod1']);
    s.advance(999);
    expect(podActions(s.ctx, 'delete')).toEqual(['pod1']);
    s.advance(1);
    expect(podActions(s.ctx, 'delete')).toEqual(['pod1', 'pod2']);
    s.advance(3_600_000);
    expect(podActions(s.ctx, 'delete')).toEqual(['pod1', 'pod2']);
  });

  it('Evict all pods not matching all taints instantly', () => {
    const pods = [newPod('pod1', 'node1'), addToleration(newPod('pod2', 'node1'), 1, 1), addToleration(newPod('pod3', 'node1'), 1, -1)];
    const s = setup(pods);
    s.podInf.preload(...pods);
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1, 2]));
    s.drain();
    expect(podActions(s.ctx, 'delete').sort()).toEqual(['pod1', 'pod2', 'pod3']);
  });

  it('the default 300 s tolerations of DefaultTolerationSeconds delete a pod 300 s after the node turned unreachable', () => {
    const pod = newPod('web-1', 'node1');
    pod.spec!.tolerations = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ];
    const s = setup([pod]);
    s.podInf.preload(pod);
    const n = newNode('node1');
    n.spec = { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] };
    s.nodeInf.emitUpsert(n);
    s.advance(299_999);
    expect(podActions(s.ctx, 'delete')).toEqual([]);
    s.advance(1);
    expect(podActions(s.ctx, 'delete')).toEqual(['web-1']);
  });
});

describe('TestEventualConsistency', () => {
  const cases: { description: string; prevPod?: Pod; newPod: Pod }[] = [
    { description: 'existing pod2 scheduled onto tainted Node', prevPod: newPod('pod2', ''), newPod: newPod('pod2', 'node1') },
    { description: 'existing pod2 with taint toleration scheduled onto tainted Node', prevPod: addToleration(newPod('pod2', ''), 1, 100), newPod: addToleration(newPod('pod2', 'node1'), 1, 100) },
    { description: 'new pod2 created on tainted Node', newPod: newPod('pod2', 'node1') },
    { description: 'new pod2 with tait toleration created on tainted Node', newPod: addToleration(newPod('pod2', 'node1'), 1, 100) },
  ];
  for (const item of cases) {
    it(item.description, () => {
      const s = setup([newPod('pod1', 'node1'), item.newPod]);
      s.podInf.preload(newPod('pod1', 'node1'));
      if (item.prevPod) s.podInf.emitUpsert(item.prevPod);
      // The node update comes first and does not know of pod2 yet.
      s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
      s.drain();
      expect(podActions(s.ctx, 'delete')).toEqual(['pod1']);
      s.podInf.emitUpsert(item.newPod);
      s.advance(100_000);
      expect(podActions(s.ctx, 'delete')).toEqual(['pod1', 'pod2']);
    });
  }
});

describe('TestPodDeletionEvent and retries', () => {
  it('events name the pod as namespace/name, from taint-eviction-controller', () => {
    const s = setup([addToleration(newPod('test', 'node1'), 1, 10)]);
    s.podInf.preload(addToleration(newPod('test', 'node1'), 1, 10));
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.drain();
    s.nodeInf.emitUpsert(newNode('node1'));
    s.drain();
    expect(s.ctx.events).toEqual([{ component: 'taint-eviction-controller', object: 'Pod/test', type: 'Normal', reason: 'TaintManagerEviction', message: 'Cancelling deletion of Pod default/test' }]);
  });

  it('a failed deletion is tried again 10 ms later, five times in all', () => {
    const s = setup([newPod('pod1', 'node1')]);
    s.ctx.client.prependReactor('delete', 'pods', () => newInternalError('etcd is down'));
    s.podInf.preload(newPod('pod1', 'node1'));
    s.nodeInf.emitUpsert(addTaintsToNode(newNode('node1'), [1]));
    s.advance(1_000);
    expect(podActions(s.ctx, 'delete')).toHaveLength(5);
    expect(s.ctx.events.filter((e) => e.message.startsWith('Marking'))).toHaveLength(1);
    expect(s.c.scheduled.has('default/pod1')).toBe(false);
  });
});
