// Tests ported from pkg/controller/podgc/gc_controller_test.go (1.32): TestGCTerminated,
// TestGCOrphaned (the quarantine walked in simulated time instead of a fake clock),
// TestGCUnscheduledTerminating, TestGCTerminating and TestGCInspectingPatchedPodBeforeDeletion.

import { describe, expect, it } from 'vitest';
import type { Node, Pod, PodPhase, Taint } from '../api/types/core';
import { applyPatch } from '../apiserver/patch/apply';
import { patchSchemaFor } from '../apiserver/patch/schema';
import type { Json, JsonObject } from '../apiserver/patch/json';
import { rfc3339 } from '../apiserver/registry/objects';
import { res } from '../client/clientset';
import { newPodGCController } from './podgc';
import { fakeContext, runSync, type FakeContext } from './testing';
import { timingsFor } from '../timings';

const podsR = res('', 'pods');
const nodesR = res('', 'nodes');
const quarantineTime = 40_000;

function makePod(name: string, nodeName: string, phase?: PodPhase, o: { created?: number; deleting?: boolean; reason?: string } = {}): Pod {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(o.created !== undefined ? { creationTimestamp: rfc3339(o.created) } : {}), ...(o.deleting ? { deletionTimestamp: rfc3339(0) } : {}) },
    spec: { nodeName, containers: [] },
    status: { ...(phase ? { phase } : {}), ...(o.reason ? { reason: o.reason } : {}) },
  };
}

function makeNode(name: string, ready?: 'True' | 'False' | 'Unknown', taints?: Taint[]): Node {
  return { kind: 'Node', apiVersion: 'v1', metadata: { name }, spec: taints ? { taints } : {}, status: ready ? { conditions: [{ type: 'Ready', status: ready }] } : {} };
}

function setup(o: { pods: Pod[]; clientNodes?: Node[]; informerNodes?: Node[]; threshold?: number }) {
  const ctx = fakeContext(0, { ...timingsFor('realistic'), terminatedPodGcThreshold: o.threshold ?? -1 });
  ctx.client.seed(podsR, ...o.pods).seed(nodesR, ...(o.clientNodes ?? []));
  ctx.informers.informerFor<Pod>(podsR).preload(...o.pods);
  ctx.informers.informerFor<Node>(nodesR).preload(...(o.informerNodes ?? []));
  return { ctx, gcc: newPodGCController(ctx) };
}

const names = (ctx: FakeContext, verb: string) => new Set(ctx.client.actions.filter((a) => a.verb === verb && a.resource === 'pods').map((a) => a.name));

// verifyDeletedAndPatchedPods
function verify(ctx: FakeContext, deleted: string[], patched: string[] = []): void {
  expect(names(ctx, 'delete')).toEqual(new Set(deleted));
  expect(names(ctx, 'patch')).toEqual(new Set(patched));
}

describe('TestGCTerminated', () => {
  const cases: { name: string; pods: [string, PodPhase, string?][]; threshold: number; deleted: string[] }[] = [
    { name: 'delete pod a which is PodFailed and pod b which is PodSucceeded', pods: [['a', 'Failed'], ['b', 'Succeeded'], ['c', 'Failed']], threshold: 1, deleted: ['a', 'b'] },
    { name: 'threshold = 0, disables terminated pod deletion', pods: [['a', 'Failed'], ['b', 'Succeeded']], threshold: 0, deleted: [] },
    { name: 'threshold = 1, delete pod b which is PodSucceeded', pods: [['a', 'Running'], ['b', 'Succeeded'], ['c', 'Failed']], threshold: 1, deleted: ['b'] },
    { name: 'threshold = 1, delete pod a which is PodFailed', pods: [['a', 'Failed'], ['b', 'Succeeded']], threshold: 1, deleted: ['a'] },
    { name: "threshold = 5, don't delete pod", pods: [['a', 'Failed'], ['b', 'Succeeded']], threshold: 5, deleted: [] },
    { name: 'Evicted pods go first', pods: [['a', 'Failed'], ['b', 'Succeeded'], ['c', 'Failed', 'Evicted']], threshold: 1, deleted: ['c', 'a'] },
    { name: 'Evicted pods go first, running ones never', pods: [['a', 'Running'], ['b', 'Succeeded'], ['c', 'Failed', 'Evicted']], threshold: 1, deleted: ['c'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pods = c.pods.map(([n, phase, reason], i) => makePod(n, 'node', phase, { created: (i + 1) * 3_600_000, reason }));
      const { ctx, gcc } = setup({ pods, clientNodes: [makeNode('node')], threshold: c.threshold });
      runSync(gcc.gc());
      verify(ctx, c.deleted);
      for (const a of ctx.client.actions.filter((x) => x.verb === 'delete')) expect(a.options).toEqual({ gracePeriodSeconds: 0 });
    });
  }
});

describe('TestGCOrphaned', () => {
  const cases: {
    name: string;
    clientNodes?: string[];
    informerNodes?: string[];
    delay: number;
    addedClientNodes?: string[];
    deletedClientNodes?: string[];
    addedInformerNodes?: string[];
    deletedInformerNodes?: string[];
    pods: Pod[];
    deleted?: string[];
    patched?: string[];
  }[] = [
    { name: 'nodes present in lister', informerNodes: ['existing1', 'existing2'], delay: 2 * quarantineTime, pods: [makePod('a', 'existing1', 'Running'), makePod('b', 'existing2', 'Failed'), makePod('c', 'existing2', 'Succeeded')] },
    { name: 'nodes present in client', clientNodes: ['existing1', 'existing2'], delay: 2 * quarantineTime, pods: [makePod('a', 'existing1', 'Running'), makePod('b', 'existing2', 'Failed'), makePod('c', 'existing2', 'Succeeded')] },
    { name: 'no nodes', delay: 2 * quarantineTime, pods: [makePod('a', 'deleted', 'Failed'), makePod('b', 'deleted', 'Succeeded')], deleted: ['a', 'b'] },
    { name: 'no nodes, one running pod', delay: 2 * quarantineTime, pods: [makePod('a', 'deleted', 'Failed'), makePod('b', 'deleted', 'Succeeded'), makePod('c', 'deleted', 'Running')], deleted: ['a', 'b', 'c'], patched: ['c'] },
    { name: 'quarantine not finished', delay: quarantineTime / 2, pods: [makePod('a', 'deleted', 'Failed')] },
    { name: 'wrong nodes', informerNodes: ['existing'], delay: 2 * quarantineTime, pods: [makePod('a', 'deleted', 'Running')], deleted: ['a'], patched: ['a'] },
    {
      name: 'some nodes missing',
      informerNodes: ['existing'],
      delay: 2 * quarantineTime,
      pods: [makePod('a', 'deleted', 'Failed'), makePod('b', 'existing', 'Failed'), makePod('c', 'deleted', 'Succeeded'), makePod('d', 'deleted', 'Running')],
      deleted: ['a', 'c', 'd'],
      patched: ['d'],
    },
    { name: 'node added to client after quarantine', delay: 2 * quarantineTime, addedClientNodes: ['node'], pods: [makePod('a', 'node', 'Running')] },
    { name: 'node added to informer after quarantine', delay: 2 * quarantineTime, addedInformerNodes: ['node'], pods: [makePod('a', 'node', 'Failed')] },
    { name: 'node deleted from client after quarantine', clientNodes: ['node'], delay: 2 * quarantineTime, deletedClientNodes: ['node'], pods: [makePod('a', 'node', 'Failed')], deleted: ['a'] },
    { name: 'node deleted from informer after quarantine', informerNodes: ['node'], delay: 2 * quarantineTime, deletedInformerNodes: ['node'], pods: [makePod('a', 'node', 'Succeeded')] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { ctx, gcc } = setup({ pods: c.pods, clientNodes: (c.clientNodes ?? []).map((n) => makeNode(n)), informerNodes: (c.informerNodes ?? []).map((n) => makeNode(n)) });
      // First GC of orphaned pods: nothing goes before the quarantine is over.
      runSync(gcc.gc());
      expect(names(ctx, 'delete')).toEqual(new Set());
      ctx.setNow(c.delay);
      for (const n of c.addedClientNodes ?? []) ctx.client.seed(nodesR, makeNode(n));
      for (const n of c.deletedClientNodes ?? []) runSync(ctx.client.delete(nodesR, '', n));
      const inf = ctx.informers.informerFor<Node>(nodesR);
      for (const n of c.addedInformerNodes ?? []) inf.store.put(makeNode(n));
      for (const n of c.deletedInformerNodes ?? []) inf.store.remove(n);
      runSync(gcc.gc());
      verify(ctx, c.deleted ?? [], c.patched ?? []);
    });
  }
});

describe('TestGCUnscheduledTerminating', () => {
  it('Unscheduled pod in any phase must be deleted', () => {
    const pods = [makePod('a', '', 'Failed', { deleting: true }), makePod('b', '', 'Succeeded', { deleting: true }), makePod('c', '', 'Running', { deleting: true })];
    const { ctx, gcc } = setup({ pods });
    runSync(gcc.gc());
    verify(ctx, ['a', 'b', 'c'], ['c']);
  });

  it('Scheduled pod in any phase must not be deleted', () => {
    const pods = [makePod('a', '', 'Failed'), makePod('b', 'node', 'Succeeded'), makePod('c', 'node', 'Running', { deleting: true })];
    const { ctx, gcc } = setup({ pods, clientNodes: [makeNode('node')], informerNodes: [makeNode('node')] });
    runSync(gcc.gc());
    verify(ctx, []);
  });
});

describe('TestGCTerminating', () => {
  const oos = (effect: Taint['effect'], value?: string): Taint[] => [{ key: 'node.kubernetes.io/out-of-service', effect, ...(value ? { value } : {}) }];

  it('pods have deletion timestamp set and the corresponding nodes are not ready', () => {
    const nodes = [makeNode('worker-0', 'False'), makeNode('worker-1', 'False')];
    const pods = [makePod('a', 'worker-0', undefined, { deleting: true }), makePod('b', 'worker-1', undefined, { deleting: true })];
    const { ctx, gcc } = setup({ pods, clientNodes: nodes, informerNodes: nodes });
    runSync(gcc.gc());
    verify(ctx, []);
  });

  it('some pods have deletion timestamp and/or phase set and some of the corresponding nodes have an outofservice taint that are not ready', () => {
    const nodes = [
      makeNode('worker-0', 'False', oos('NoExecute')),
      makeNode('worker-1', 'False'),
      makeNode('worker-2', 'True'),
      makeNode('worker-3', 'False', oos('NoSchedule')),
      makeNode('worker-4', 'False', oos('PreferNoSchedule')),
      makeNode('worker-5', 'False', oos('NoExecute', 'any-value')),
    ];
    const pods: Pod[] = [];
    const placement = ['worker-0', 'worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5'];
    placement.forEach((node, i) => {
      const n = i + 1;
      pods.push(makePod(`a${n}`, n === 5 ? 'worker-3' : node), makePod(`b${n}`, node, undefined, { deleting: true }), makePod(`c${n}`, node, 'Pending'), makePod(`d${n}`, node, 'Running'), makePod(`e${n}`, node, 'Unknown'));
    });
    const { ctx, gcc } = setup({ pods, clientNodes: nodes, informerNodes: nodes });
    runSync(gcc.gc());
    verify(ctx, ['b1', 'b4', 'b5', 'b6'], ['b1', 'b4', 'b5', 'b6']);
  });

  it('pods deleted from node tainted out-of-service', () => {
    const nodes = [makeNode('worker', 'False', oos('NoExecute'))];
    const pods = [makePod('a', 'worker', 'Running', { deleting: true }), makePod('b', 'worker', 'Failed', { deleting: true }), makePod('c', 'worker', 'Succeeded', { deleting: true })];
    const { ctx, gcc } = setup({ pods, clientNodes: nodes, informerNodes: nodes });
    runSync(gcc.gc());
    verify(ctx, ['a', 'b', 'c'], ['a']);
  });
});

describe('TestGCInspectingPatchedPodBeforeDeletion', () => {
  it('orphaned pod should have DisruptionTarget condition added before deletion', () => {
    const pod: Pod = { kind: 'Pod', apiVersion: 'v1', metadata: { namespace: 'default', name: 'testPod', uid: 'uid-testPod' }, spec: { nodeName: 'deletedNode', containers: [] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
    const ctx = fakeContext(0, { ...timingsFor('realistic'), terminatedPodGcThreshold: -1, podGcQuarantineMs: -1 });
    ctx.client.seed(podsR, pod);
    ctx.informers.informerFor<Pod>(podsR).preload(pod);
    runSync(newPodGCController(ctx).gc());
    const patch = ctx.client.actions.find((a) => a.verb === 'patch')!;
    expect(patch.subresource).toBe('status');
    const updated = applyPatch('application/strategic-merge-patch+json', structuredClone(pod) as unknown as JsonObject, patch.patch as Json, patchSchemaFor('v1', 'Pod')) as unknown as Pod;
    for (const c of updated.status!.conditions!) delete c.lastTransitionTime;
    expect(updated.status).toEqual({
      phase: 'Failed',
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastProbeTime: null },
      ],
    });
    const del = ctx.client.actions.find((a) => a.verb === 'delete')!;
    expect([del.name, del.options]).toEqual(['testPod', { gracePeriodSeconds: 0 }]);
  });
});

describe('the gc loop', () => {
  it('runs at once and then every 20 s (gcCheckPeriod)', () => {
    const { ctx, gcc } = setup({ pods: [] });
    const q = ctx.queues.get('pod-garbage-collector')!;
    expect(q.added).toEqual(['#gc']);
    runSync(gcc.sync('#gc'));
    expect(q.after).toEqual([{ key: '#gc', ms: 20_000 }]);
  });
});
