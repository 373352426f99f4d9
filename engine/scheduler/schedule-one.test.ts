// The whole scheduling cycle on a small cluster, with every number worked out by hand from
// upstream's formulas; plus ports of schedule_one_test.go (TestNumFeasibleNodesToFind,
// TestSelectHost, the nextStartNodeIndex rotation of TestFindNodesThatPassFilters).

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types/core';
import { Rng } from '../sim/rng';
import { SchedulerHandle } from './framework/handle';
import type { NodePluginScores, PluginFactory, PostFilterPlugin } from './framework/interface';
import { Framework, type Profile } from './framework/runtime';
import { Snapshot } from './framework/snapshot';
import { Status } from './framework/status';
import { container, makeNode, makePod } from './framework/testing';
import { defaultProfile, externallyRegistered, inTreeRegistry, withPlugins, withoutPlugins } from './profile';
import { SchedulingAlgorithm, numFeasibleNodesToFind, selectHost } from './schedule-one';

const Mi = 1024 * 1024;
const controlPlaneTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };

/** node-1: 4 CPU / 8Gi with a 1 CPU / 2Gi pod and nginx:1.27 (200 MiB); node-2: 4 CPU / 8Gi, disk=ssd, a PreferNoSchedule taint; node-3: a control-plane taint. */
function cluster(): { nodes: Node[]; pods: Pod[] } {
  const nodes = [
    makeNode('node-1', { cpu: '4', memory: '8Gi' }, { status: { images: [{ names: ['nginx:1.27'], sizeBytes: 200 * Mi }] } }),
    makeNode('node-2', { cpu: '4', memory: '8Gi' }, { labels: { disk: 'ssd' }, spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'PreferNoSchedule' }] } }),
    makeNode('node-3', { cpu: '2', memory: '4Gi' }, { spec: { taints: [controlPlaneTaint] } }),
  ];
  const pods = [makePod('existing', { nodeName: 'node-1', containers: [container({ cpu: '1', memory: '2Gi' })] })];
  return { nodes, pods };
}

function setup(opts: { profile?: Profile; more?: Record<string, PluginFactory>; nodes?: Node[]; pods?: Pod[]; seed?: number } = {}) {
  const c = cluster();
  const handle = new SchedulerHandle();
  handle.snapshot = Snapshot.from(opts.pods ?? c.pods, opts.nodes ?? c.nodes);
  const profile = opts.profile ?? withoutPlugins(defaultProfile(), externallyRegistered);
  const fwk = new Framework(withPlugins(inTreeRegistry(), opts.more ?? {}), profile, handle);
  return { fwk, algo: new SchedulingAlgorithm(new Rng(opts.seed ?? 1)) };
}

const web = makePod('web', {
  containers: [container({ cpu: '500m', memory: '1Gi' }, { image: 'nginx:1.27' })],
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } },
});

describe('scheduleOne on a three-node cluster (numbers worked out by hand)', () => {
  it('filters the tainted control-plane node and scores the other two', () => {
    const { fwk, algo } = setup();
    const r = algo.scheduleOne(fwk, web);
    expect(r.status).toBeNull();
    expect(r.suggestedHost).toBe('node-1');
    expect([r.evaluatedNodes, r.feasibleNodes]).toEqual([3, 2]);
    expect(r.inspection).toEqual({
      node: 'node-1',
      nodes: {
        // TaintToleration: no PreferNoSchedule taint → 100 (reversed); NodeAffinity: no ssd label → 0.
        // Fit: cpu (4000−1500)×100/4000 = 62, memory (8−3)×100/8 = 62 → 62. Balanced: 0.375 and 0.375 → 100.
        // ImageLocality: 200 MiB on 1 of 3 nodes → 69905066 bytes → 100×(69905066−24117248)/(1048576000−24117248) = 4.
        // Total: 100×3 + 0×2 + 62 + 100 + 4 = 466.
        'node-1': {
          filter: null,
          scores: { TaintToleration: 100, NodeAffinity: 0, NodeResourcesFit: 62, NodeResourcesBalancedAllocation: 100, ImageLocality: 4 },
          total: 466,
        },
        // TaintToleration: one untolerated PreferNoSchedule taint, the most → 0; NodeAffinity: 10 of max 10 → 100.
        // Fit: cpu 3500×100/4000 = 87, memory 7×100/8 = 87 → 87. Balanced: 100. Total: 0 + 200 + 87 + 100 + 0 = 387.
        'node-2': {
          filter: null,
          scores: { TaintToleration: 0, NodeAffinity: 100, NodeResourcesFit: 87, NodeResourcesBalancedAllocation: 100, ImageLocality: 0 },
          total: 387,
        },
        'node-3': { filter: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', filterPlugin: 'TaintToleration', scores: {}, total: 0 },
      },
    });
  });

  it('takes the only feasible node without scoring it', () => {
    const { fwk, algo } = setup();
    const r = algo.scheduleOne(fwk, makePod('big', { containers: [container({ cpu: '3500m' })] }));
    expect(r.suggestedHost).toBe('node-2');
    expect(r.inspection.nodes['node-2']).toEqual({ filter: null, scores: {}, total: 0 });
    expect(r.inspection.nodes['node-1']).toEqual({ filter: 'Insufficient cpu', filterPlugin: 'NodeResourcesFit', scores: {}, total: 0 });
  });

  it('fails with upstream’s FitError message, the histogram sorted as strings', () => {
    const { fwk, algo } = setup();
    const r = algo.scheduleOne(fwk, makePod('huge', { containers: [container({ cpu: '5' })] }));
    expect(r.suggestedHost).toBeUndefined();
    expect(r.status?.code()).toBe('Unschedulable');
    expect(r.status?.message()).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
    expect([...r.diagnosis.unschedulablePlugins].sort()).toEqual(['NodeResourcesFit', 'TaintToleration']);
    expect(r.inspection.node).toBeNull();
  });

  it('appends what the PostFilter plugins said (preemption) and passes on their nomination', () => {
    const fakePreemption: PostFilterPlugin = {
      name: 'DefaultPreemption',
      postFilter: () => [{ nominatingInfo: { nominatedNodeName: '', nominatingMode: 'Override' } }, Status.new('Unschedulable', 'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.')],
    };
    const profile = withoutPlugins(defaultProfile(), ['PodTopologySpread', 'InterPodAffinity', 'DefaultBinder']);
    const { fwk, algo } = setup({ profile, more: { DefaultPreemption: () => fakePreemption } });
    const r = algo.scheduleOne(fwk, makePod('huge', { containers: [container({ cpu: '5' })] }));
    expect(r.status?.message()).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
    expect(r.nominatingInfo).toEqual({ nominatedNodeName: '', nominatingMode: 'Override' });
  });

  it('reports a PreFilter rejection once, not per node', () => {
    const { fwk, algo } = setup();
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: ['node-1'] }, { key: 'metadata.name', operator: 'In' as const, values: ['node-2'] }] }] } } };
    const r = algo.scheduleOne(fwk, makePod('p', { affinity }));
    expect(r.status?.message()).toBe('0/3 nodes are available: pod affinity terms conflict.');
    expect(r.inspection.nodes['node-2'].filter).toBe('pod affinity terms conflict');
  });

  it('narrows the search to PreFilter’s nodes and says why the others were left out', () => {
    const { fwk, algo } = setup();
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: ['node-2'] }] }] } } };
    const r = algo.scheduleOne(fwk, makePod('p', { affinity }));
    expect(r.suggestedHost).toBe('node-2');
    expect(r.inspection.nodes['node-1']).toEqual({ filter: "node(s) didn't satisfy plugin(s) [NodeAffinity]", scores: {}, total: 0 });
    expect(r.evaluatedNodes).toBe(1);
  });

  it('says so when there are no nodes at all', () => {
    const { fwk, algo } = setup({ nodes: [], pods: [] });
    const r = algo.scheduleOne(fwk, web);
    expect([r.status?.code(), r.status?.message()]).toEqual(['UnschedulableAndUnresolvable', 'no nodes available to schedule pods']);
  });

  it('tries the nominated node first and stops there when it fits', () => {
    const { fwk, algo } = setup();
    const r = algo.scheduleOne(fwk, { ...web, status: { nominatedNodeName: 'node-2' } });
    expect(r.suggestedHost).toBe('node-2');
    expect(Object.keys(r.inspection.nodes)).toEqual(['node-2']);
  });
});

describe('numFeasibleNodesToFind (TestNumFeasibleNodesToFind)', () => {
  const cases: { name: string; percentage?: number; numAllNodes: number; want: number }[] = [
    { name: 'not set percentageOfNodesToScore and nodes number not more than 50', numAllNodes: 10, want: 10 },
    { name: 'set percentageOfNodesToScore and nodes number not more than 50', percentage: 40, numAllNodes: 10, want: 10 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50', numAllNodes: 1000, want: 420 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50', percentage: 40, numAllNodes: 1000, want: 400 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50*125', numAllNodes: 6000, want: 300 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50*125', percentage: 40, numAllNodes: 6000, want: 2400 },
    { name: 'never fewer than 100 nodes', numAllNodes: 150, want: 100 },
  ];
  for (const tc of cases) it(tc.name, () => expect(numFeasibleNodesToFind(tc.percentage, tc.numAllNodes)).toBe(tc.want));
});

describe('selectHost (TestSelectHost)', () => {
  const list = (...scores: [string, number][]): NodePluginScores[] => scores.map(([name, totalScore]) => ({ name, scores: [], totalScore }));
  const cases: { name: string; list: NodePluginScores[]; possibleHosts: string[] }[] = [
    { name: 'unique properly ordered scores', list: list(['node1.1', 1], ['node2.1', 2]), possibleHosts: ['node2.1'] },
    { name: 'equal scores', list: list(['node1.1', 1], ['node1.2', 2], ['node1.3', 2], ['node2.1', 2]), possibleHosts: ['node1.2', 'node1.3', 'node2.1'] },
    { name: 'out of order scores', list: list(['node1.1', 3], ['node1.2', 3], ['node2.1', 2], ['node3.1', 1], ['node1.3', 3]), possibleHosts: ['node1.1', 'node1.2', 'node1.3'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const seen = new Set<string>();
      // Different seeds, as upstream loops to "increase the randomness": every tied node must turn up, and nothing else.
      for (let seed = 1; seed <= 40; seed++) seen.add(selectHost(tc.list, 3, new Rng(seed)).host);
      expect([...seen].sort()).toEqual([...tc.possibleHosts].sort());
    });
  }

  it('keeps the top three for reporting, the chosen node first', () => {
    const { host, top } = selectHost(list(['a', 1], ['b', 5], ['c', 3], ['d', 4]), 3, new Rng(7));
    expect([host, top.map((t) => t.name)]).toEqual(['b', ['b', 'd', 'c']]);
  });

  it('fails on an empty list', () => expect(() => selectHost([], 3, new Rng(1))).toThrow('empty priorityList'));

  it('breaks ties the same way for the same seed', () => {
    const ties = list(['x', 9], ['y', 9], ['z', 9]);
    expect(selectHost(ties, 3, new Rng(42)).host).toBe(selectHost(ties, 3, new Rng(42)).host);
  });
});

describe('the rotating start node (findNodesThatPassFilters)', () => {
  it('checks 100 of 150 nodes and starts the next cycle where this one stopped', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`, { cpu: '4', memory: '8Gi' }));
    const { fwk, algo } = setup({ nodes, pods: [] });
    const first = algo.scheduleOne(fwk, makePod('a'));
    expect([first.evaluatedNodes, Object.keys(first.inspection.nodes)[0], algo.nextStartNodeIndex]).toEqual([100, 'n000', 100]);
    const second = algo.scheduleOne(fwk, makePod('b'));
    expect([second.evaluatedNodes, algo.nextStartNodeIndex]).toEqual([100, 50]);
    expect(second.inspection.nodes.n099).toBeUndefined();
    expect(second.inspection.nodes.n100).toBeDefined();
    // The inspection lists the nodes looked at in the snapshot's order, not the search's (which wrapped around).
    const name = (i: number) => `n${String(i).padStart(3, '0')}`;
    const looked = [...Array.from({ length: 50 }, (_, i) => name(i)), ...Array.from({ length: 50 }, (_, i) => name(100 + i))];
    expect(Object.keys(second.inspection.nodes)).toEqual(looked);
  });
});

describe('the in-tree registry', () => {
  it('gives the rejecting plugins the events that retry their pods, and none to score-only plugins', () => {
    const { fwk } = setup();
    const events = (name: string) => (fwk.plugins.get(name) as unknown as { eventsToRegister?: () => { event: { resource: string } }[] }).eventsToRegister?.();
    expect(events('NodeResourcesFit')?.map((e) => e.event.resource)).toEqual(['Pod', 'Node']);
    expect(events('ImageLocality')).toBeUndefined();
  });
});
