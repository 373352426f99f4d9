// Ports pkg/scheduler/framework/plugins/noderesources/fit_test.go (TestEnoughRequests,
// TestNotEnoughRequests), least_allocated_test.go (TestLeastAllocatedScoringStrategy),
// most_allocated_test.go and balanced_allocation_test.go (TestNodeResourcesBalancedAllocation).

import { describe, expect, it } from 'vitest';
import type { Container, Pod, ResourceList } from '../../../api/types/core';
import { NodeInfo } from '../../framework/node-info';
import { handleFor, makeNode, makePod, runFilter, runScore, statusOf } from '../../framework/testing';
import { BalancedAllocation } from './balanced-allocation';
import { Fit, type NodeResourcesFitArgs, fits } from './fit';

const extendedA = 'example.com/aaa';
const extendedB = 'example.com/bbb';
/** upstream's makeResources/newResourcePod: CPU in milli-cores, memory in bytes. */
const r = (milliCPU: number, memory: number, extra: ResourceList = {}): ResourceList => ({ cpu: `${milliCPU}m`, memory: `${memory}`, ...extra });
const ctr = (requests: ResourceList, i = 0): Container => ({ name: `c${i}`, resources: { requests } });
const resourcePod = (containers: ResourceList[], init: ResourceList[] = []): Pod =>
  makePod('p', { containers: containers.map((c, i) => ctr(c, i)), initContainers: init.map((c, i) => ctr(c, i)) });
const nodeInfoWith = (allocatable: ResourceList, ...existing: ResourceList[]) => {
  const ni = new NodeInfo(existing.map((e, i) => ({ ...resourcePod([e]), metadata: { name: `e${i}`, uid: `e${i}`, namespace: 'default' } })));
  ni.setNode(makeNode('n', allocatable));
  return ni;
};

describe('NodeResourcesFit Filter (TestEnoughRequests)', () => {
  // makeAllocatableResources(10, 20, 32, 5, 20, 5): 10m CPU, 20 bytes, 32 pods, 5 of extendedA, 20 bytes storage.
  const alloc = { cpu: '10m', memory: '20', pods: '32', [extendedA]: '5', 'ephemeral-storage': '20', 'hugepages-2Mi': '5' };
  const insufficient = (...names: string[]) => ({ code: 'Unschedulable', reasons: names.map((n) => (n === 'pods' ? 'Too many pods' : `Insufficient ${n}`)) });
  const cases: { name: string; pod: Pod; existing: ResourceList; args?: NodeResourcesFitArgs; want: ReturnType<typeof statusOf> }[] = [
    { name: 'no resources requested always fits', pod: makePod('p', { containers: [] }), existing: r(10, 20), want: null },
    { name: 'too many resources fails', pod: resourcePod([r(1, 1)]), existing: r(10, 20), want: insufficient('cpu', 'memory') },
    { name: 'too many resources fails due to init container cpu', pod: resourcePod([r(1, 1)], [r(3, 1)]), existing: r(8, 19), want: insufficient('cpu') },
    { name: 'too many resources fails due to highest init container cpu', pod: resourcePod([r(1, 1)], [r(3, 1), r(2, 1)]), existing: r(8, 19), want: insufficient('cpu') },
    { name: 'too many resources fails due to init container memory', pod: resourcePod([r(1, 1)], [r(1, 3)]), existing: r(9, 19), want: insufficient('memory') },
    { name: 'too many resources fails due to highest init container memory', pod: resourcePod([r(1, 1)], [r(1, 3), r(1, 2)]), existing: r(9, 19), want: insufficient('memory') },
    { name: "init container fits because it's the max, not sum, of containers and init containers", pod: resourcePod([r(1, 1)], [r(1, 1)]), existing: r(9, 19), want: null },
    {
      name: "multiple init containers fit because it's the max, not sum, of containers and init containers",
      pod: resourcePod([r(1, 1)], [r(1, 1), r(1, 1)]),
      existing: r(9, 19),
      want: null,
    },
    { name: 'both resources fit', pod: resourcePod([r(1, 1)]), existing: r(5, 5), want: null },
    { name: 'one resource memory fits', pod: resourcePod([r(2, 1)]), existing: r(9, 5), want: insufficient('cpu') },
    { name: 'one resource cpu fits', pod: resourcePod([r(1, 2)]), existing: r(5, 19), want: insufficient('memory') },
    { name: 'equal edge case', pod: resourcePod([r(5, 1)]), existing: r(5, 19), want: null },
    { name: 'equal edge case for init container', pod: resourcePod([r(4, 1)], [r(5, 1)]), existing: r(5, 19), want: null },
    { name: 'extended resource fits', pod: resourcePod([{ [extendedA]: '1' }]), existing: r(0, 0), want: null },
    { name: 'extended resource capacity enforced', pod: resourcePod([{ [extendedA]: '10' }]), existing: r(0, 0), want: insufficient(extendedA) },
    { name: 'extended resource capacity enforced for init container', pod: resourcePod([r(0, 0)], [{ [extendedA]: '10' }]), existing: r(0, 0), want: insufficient(extendedA) },
    { name: 'extended resource allocatable enforced', pod: resourcePod([{ [extendedA]: '1' }]), existing: r(0, 0, { [extendedA]: '5' }), want: insufficient(extendedA) },
    { name: 'extended resource allocatable enforced for unknown resource', pod: resourcePod([{ [extendedB]: '1' }]), existing: r(0, 0), want: insufficient(extendedB) },
    { name: 'skip checking ignored extended resource', pod: resourcePod([{ [extendedB]: '1' }]), existing: r(0, 0), args: { ignoredResources: [extendedB] }, want: null },
    { name: 'skip checking ignored extended resource via resource groups', pod: resourcePod([{ [extendedB]: '1' }]), existing: r(0, 0), args: { ignoredResourceGroups: ['example.com'] }, want: null },
    { name: 'hugepages resource capacity enforced', pod: resourcePod([{ 'hugepages-2Mi': '10' }]), existing: r(0, 0), want: insufficient('hugepages-2Mi') },
    { name: 'requests + overhead does not fit for memory', pod: { ...resourcePod([r(1, 1)]), spec: { ...resourcePod([r(1, 1)]).spec!, overhead: r(1, 15) } }, existing: r(5, 5), want: insufficient('memory') },
    { name: 'ephemeral-storage is checked too', pod: resourcePod([{ 'ephemeral-storage': '25' }]), existing: r(0, 0), want: insufficient('ephemeral-storage') },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(statusOf(runFilter(new Fit(tc.args), tc.pod, nodeInfoWith(alloc, tc.existing)))).toEqual(tc.want);
    });
  }

  it('reports what the node lacks, with requested, used and capacity', () => {
    expect(fits(resourcePod([r(1, 1)]), nodeInfoWith(alloc, r(10, 20)))).toEqual([
      { resourceName: 'cpu', reason: 'Insufficient cpu', requested: 1, used: 10, capacity: 10 },
      { resourceName: 'memory', reason: 'Insufficient memory', requested: 1, used: 20, capacity: 20 },
    ]);
  });
});

describe('NodeResourcesFit Filter (TestNotEnoughRequests)', () => {
  // makeAllocatableResources(10, 20, 1, 0, 0, 0): room for one pod only.
  const alloc = { cpu: '10m', memory: '20', pods: '1' };
  const cases: { name: string; pod: Pod; existing: ResourceList; want: string[] }[] = [
    { name: 'even without specified resources, predicate fails when there\'s no space for additional pod', pod: makePod('p', { containers: [] }), existing: r(10, 20), want: ['Too many pods'] },
    { name: 'even if both resources fit, predicate fails when there\'s no space for additional pod', pod: resourcePod([r(1, 1)]), existing: r(5, 5), want: ['Too many pods'] },
    { name: 'even for equal edge case, predicate fails when there\'s no space for additional pod', pod: resourcePod([r(5, 1)]), existing: r(5, 19), want: ['Too many pods'] },
    { name: 'with no space for the pod and no room for its requests, every reason is kept, pods first', pod: resourcePod([r(1, 1)]), existing: r(10, 20), want: ['Too many pods', 'Insufficient cpu', 'Insufficient memory'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(statusOf(runFilter(new Fit(), tc.pod, nodeInfoWith(alloc, tc.existing)))).toEqual({ code: 'Unschedulable', reasons: tc.want });
    });
  }
});

describe('NodeResourcesFit Score, LeastAllocated (TestLeastAllocatedScoringStrategy)', () => {
  const nodes = (...sizes: [number, number][]) => sizes.map(([cpu, mem], i) => makeNode(`node${i + 1}`, { cpu: `${cpu}m`, memory: `${mem}` }));
  const cases: { name: string; pod: Pod; nodes: ReturnType<typeof nodes>; existing?: Pod[]; args?: NodeResourcesFitArgs; expected: number[] }[] = [
    { name: 'nothing scheduled, nothing requested', pod: makePod('p', { containers: [] }), nodes: nodes([4000, 10000], [4000, 10000]), expected: [100, 100] },
    {
      // node1: cpu (4000−3000)×100/4000 = 25, memory (10000−5000)×100/10000 = 50 → 37; node2: 50, 50 → 50
      name: 'nothing scheduled, resources requested, differently sized nodes',
      pod: resourcePod([r(1000, 2000), r(2000, 3000)]),
      nodes: nodes([4000, 10000], [6000, 10000]),
      expected: [37, 50],
    },
    {
      // node1 already has 3000m/5000 requested: cpu (4000−6000) < 0 → 0, memory 0 → 0; node2: cpu (6000−3000)/6000 = 50, memory 50 → 50
      name: 'resources requested, pods scheduled with resources',
      pod: resourcePod([r(1000, 2000), r(2000, 3000)]),
      nodes: nodes([4000, 10000], [6000, 10000]),
      existing: [{ ...resourcePod([r(3000, 5000)]), metadata: { name: 'e', uid: 'e', namespace: 'default' }, spec: { ...resourcePod([r(3000, 5000)]).spec!, nodeName: 'node1' } }],
      expected: [0, 50],
    },
    {
      // weights cpu 2, memory 1 on node1: (25×2 + 50×1)/3 = 33
      name: 'resources requested with weighted resources',
      pod: resourcePod([r(1000, 2000), r(2000, 3000)]),
      nodes: nodes([4000, 10000], [6000, 10000]),
      args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 2 }, { name: 'memory', weight: 1 }] } },
      expected: [33, 50],
    },
    {
      // a BestEffort pod counts as 100m and 200 MiB: cpu (4000−100)×100/4000 = 97, memory 200 MiB > 10000 → 0 → 48
      name: 'a pod without requests is scored with the non-zero defaults',
      pod: makePod('p'),
      nodes: nodes([4000, 10000], [4000, 1024 * 1024 * 1024]),
      // node2: memory (1Gi − 200Mi)×100/1Gi = 80 → (97 + 80)/2 = 88
      expected: [48, 88],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { snapshot } = handleFor(tc.nodes, tc.existing);
      expect(runScore(new Fit(tc.args), tc.pod, snapshot).map((s) => s.score)).toEqual(tc.expected);
    });
  }

  it('MostAllocated favours the fuller node (TestMostAllocatedScoringStrategy)', () => {
    // node1: cpu 3000×100/4000 = 75, memory 5000×100/10000 = 50 → 62; node2: 50, 50 → 50
    const { snapshot } = handleFor(nodes([4000, 10000], [6000, 10000]));
    const fit = new Fit({ scoringStrategy: { type: 'MostAllocated' } });
    expect(runScore(fit, resourcePod([r(1000, 2000), r(2000, 3000)]), snapshot).map((s) => s.score)).toEqual([62, 50]);
  });
});

describe('NodeResourcesBalancedAllocation Score (TestNodeResourcesBalancedAllocation)', () => {
  const nodes = (...sizes: [number, number][]) => sizes.map(([cpu, mem], i) => makeNode(`node${i + 1}`, { cpu: `${cpu}m`, memory: `${mem}` }));
  const cases: { name: string; pod: Pod; nodes: ReturnType<typeof nodes>; expected: number[] }[] = [
    { name: 'nothing scheduled, nothing requested', pod: makePod('p', { containers: [] }), nodes: nodes([4000, 10000], [4000, 10000]), expected: [100, 100] },
    {
      // node1: fractions 0.75 and 0.5 → std 0.125 → 87; node2: 0.5 and 0.5 → 100
      name: 'nothing scheduled, resources requested, differently sized nodes',
      pod: resourcePod([r(1000, 2000), r(2000, 3000)]),
      nodes: nodes([4000, 10000], [6000, 10000]),
      expected: [87, 100],
    },
    {
      // node1: cpu 1.0 (capped), memory 0.5 → std 0.25 → 75
      name: 'requested resources at node capacity: a fraction is capped at 1',
      pod: resourcePod([r(6000, 5000)]),
      nodes: nodes([4000, 10000], [6000, 10000]),
      expected: [75, 75],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { snapshot } = handleFor(tc.nodes);
      expect(runScore(new BalancedAllocation(), tc.pod, snapshot).map((s) => s.score)).toEqual(tc.expected);
    });
  }
});
