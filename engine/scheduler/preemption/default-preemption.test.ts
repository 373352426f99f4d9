import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types/core';
import type { PodDisruptionBudget } from '../../api/types/policy';
import { NodeToStatus, PodInfo, type PluginFactory, Status } from '../framework';
import { names } from '../plugins/names';
import { newInterPodAffinity } from '../plugins/interpodaffinity/plugin';
import { newPodTopologySpread } from '../plugins/podtopologyspread/plugin';
import { makeLabelSelector, makeNode, makePod } from '../queue/testdata/st';
import { defaultPreemptionArgs, filterPodsWithPDBViolation, podTerminatingByPreemption, validateDefaultPreemptionArgs } from './default-preemption';
import type { Candidate } from './preemption';
import { FakeFilterPlugin, TestPlugin, fakeClient, fitPlugin, scriptedRng, setupPreemption, testNow } from './testdata/harness';

// Ported from pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go (v1.32):
// TestPostFilter, TestDryRunPreemption, TestSelectBestCandidate, TestPodEligibleToPreemptOthers,
// TestPreempt. Start times are whole seconds (upstream: nanoseconds after the epoch), as the API
// stores them; extender and async-preemption cases are left out (neither is modelled).

const negPriority = -100;
const lowPriority = 0;
const midPriority = 100;
const highPriority = 1000;
const veryHighPriority = 10000;
const smallRes = { cpu: '100m', memory: '100' };
const mediumRes = { cpu: '200m', memory: '200' };
const largeRes = { cpu: '300m', memory: '300' };
const veryLargeRes = { cpu: '500m', memory: '500' };
const epoch = (s: number) => `1970-01-01T00:00:0${s}Z`;

const LabelKeyIsViolatingPDB = 'test.kubernetes.io/is-violating-pdb';
const LabelValueViolatingPDB = 'violating';
const LabelValueNonViolatingPDB = 'non-violating';

/** st.MakePod().Name(n).UID(n).Namespace("default"). */
const pod = (name: string) => makePod().name(name).uid(name).namespace('default');
const statuses = (m: Record<string, 'Unschedulable' | 'UnschedulableAndUnresolvable'>) => {
  const s = NodeToStatus.newDefault();
  for (const [n, c] of Object.entries(m)) s.set(n, Status.new(c));
  return s;
};
/** A PDB selecting label=value, with disruptionsAllowed and disruptedPods. */
const pdb = (name: string, labels: Record<string, string>, disruptionsAllowed: number, disruptedPods?: Record<string, string>): PodDisruptionBudget => ({
  metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: labels } },
  status: { disruptionsAllowed, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, ...(disruptedPods ? { disruptedPods } : {}) },
});

describe('PostFilter (TestPostFilter)', () => {
  const onePodRes = { pods: '1' };
  const nodeRes = { cpu: '200m', memory: '400' };
  const testPlugin: Record<string, PluginFactory> = { ...fitPlugin, 'test-plugin': () => new TestPlugin() };
  const cases: {
    name: string;
    pod: Pod;
    pods: Pod[];
    pdbs?: PodDisruptionBudget[];
    nodes: Node[];
    filteredNodesStatuses: NodeToStatus;
    wantResult: string | null;
    wantStatus: [string, string];
  }[] = [
    {
      name: 'pod with higher priority can be made schedulable',
      pod: pod('p').priority(highPriority).obj(),
      pods: [pod('p1').node('node1').obj()],
      nodes: [makeNode().name('node1').capacity(onePodRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable' }),
      wantResult: 'node1',
      wantStatus: ['Success', ''],
    },
    {
      name: 'pod with tied priority is still unschedulable',
      pod: pod('p').obj(),
      pods: [pod('p1').node('node1').obj()],
      nodes: [makeNode().name('node1').capacity(onePodRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable' }),
      wantResult: '',
      wantStatus: ['Unschedulable', 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'],
    },
    {
      name: 'preemption should respect filteredNodesStatuses',
      pod: pod('p').priority(highPriority).obj(),
      pods: [pod('p1').node('node1').obj()],
      nodes: [makeNode().name('node1').capacity(onePodRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'UnschedulableAndUnresolvable' }),
      wantResult: '',
      wantStatus: ['Unschedulable', 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'],
    },
    {
      name: 'preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable',
      pod: pod('p').priority(highPriority).obj(),
      pods: [pod('p1').node('node1').obj()],
      nodes: [makeNode().name('node1').capacity(onePodRes).obj()],
      filteredNodesStatuses: NodeToStatus.newDefault(),
      wantResult: '',
      wantStatus: ['Unschedulable', 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'],
    },
    {
      name: 'pod can be made schedulable on one node',
      pod: pod('p').priority(midPriority).obj(),
      pods: [pod('p1').priority(highPriority).node('node1').obj(), pod('p2').priority(lowPriority).node('node2').obj()],
      nodes: [makeNode().name('node1').capacity(onePodRes).obj(), makeNode().name('node2').capacity(onePodRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable', node2: 'Unschedulable' }),
      wantResult: 'node2',
      wantStatus: ['Success', ''],
    },
    {
      name: 'pod can be made schedulable on minHighestPriority node',
      pod: pod('p').priority(veryHighPriority).obj(),
      pods: [
        pod('p1').label(LabelKeyIsViolatingPDB, LabelValueNonViolatingPDB).priority(highPriority).node('node1').obj(),
        pod('p2').label(LabelKeyIsViolatingPDB, LabelValueViolatingPDB).priority(lowPriority).node('node1').obj(),
        pod('p3').label(LabelKeyIsViolatingPDB, LabelValueViolatingPDB).priority(midPriority).node('node2').obj(),
      ],
      pdbs: [
        pdb('violating-pdb', { [LabelKeyIsViolatingPDB]: LabelValueViolatingPDB }, 0),
        pdb('non-violating-pdb', { [LabelKeyIsViolatingPDB]: LabelValueNonViolatingPDB }, 2147483647),
      ],
      nodes: [makeNode().name('node1').capacity(onePodRes).obj(), makeNode().name('node2').capacity(onePodRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable', node2: 'Unschedulable' }),
      wantResult: 'node2',
      wantStatus: ['Success', ''],
    },
    {
      name: 'no candidate nodes found, no enough resource after removing low priority pods',
      pod: pod('p').priority(highPriority).req(largeRes).obj(),
      pods: [pod('p1').node('node1').obj(), pod('p2').node('node2').obj()],
      nodes: [makeNode().name('node1').capacity(nodeRes).obj(), makeNode().name('node2').capacity(nodeRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable', node2: 'Unschedulable' }),
      wantResult: '',
      wantStatus: ['Unschedulable', 'preemption: 0/2 nodes are available: 2 Insufficient cpu.'],
    },
    {
      name: 'no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource',
      pod: pod('p').priority(highPriority).req(largeRes).obj(),
      pods: [pod('p1').node('node1').priority(highPriority).obj(), pod('p2').node('node2').obj(), pod('p3').node('node3').priority(highPriority).obj()],
      nodes: [makeNode().name('node1').capacity(onePodRes).obj(), makeNode().name('node2').capacity(nodeRes).obj(), makeNode().name('node3').capacity(onePodRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable', node2: 'Unschedulable', node3: 'Unschedulable' }),
      wantResult: '',
      wantStatus: ['Unschedulable', 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.'],
    },
    {
      name: "no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
      pod: pod('p').priority(highPriority).req(largeRes).obj(),
      pods: [pod('p1').node('node1').obj(), pod('p2').node('node2').obj()],
      nodes: ['node1', 'node2', 'node3', 'node4'].map((n) => makeNode().name(n).capacity(nodeRes).obj()),
      filteredNodesStatuses: statuses({ node1: 'Unschedulable', node2: 'Unschedulable', node4: 'UnschedulableAndUnresolvable' }),
      wantResult: '',
      wantStatus: ['Unschedulable', 'preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.'],
    },
    {
      name: 'only one node but failed with TestPlugin',
      pod: pod('p').priority(highPriority).req(largeRes).obj(),
      pods: [pod('p1').node('node1').obj()],
      nodes: [makeNode().name('node1').capacity(largeRes).label('error', 'true').obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable' }),
      wantResult: null,
      wantStatus: ['Error', 'preemption: running RemovePod on PreFilter plugin "test-plugin": failed to remove pod: p'],
    },
    {
      name: 'one failed with TestPlugin and the other pass',
      pod: pod('p').priority(highPriority).req(largeRes).obj(),
      pods: [pod('p1').node('node1').obj(), pod('p2').node('node2').req(mediumRes).obj()],
      nodes: [makeNode().name('node1').capacity(largeRes).label('error', 'true').obj(), makeNode().name('node2').capacity(largeRes).obj()],
      filteredNodesStatuses: statuses({ node1: 'Unschedulable', node2: 'Unschedulable' }),
      wantResult: 'node2',
      wantStatus: ['Success', ''],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { client } = fakeClient({ pdbs: c.pdbs });
      const { pl, preFilter } = setupPreemption({ pods: c.pods, nodes: c.nodes, plugins: testPlugin, client });
      const state = preFilter(c.pod);
      const [result, status] = pl.postFilter(state, c.pod, c.filteredNodesStatuses);
      expect([Status.code(status), Status.message(status)]).toEqual(c.wantStatus);
      expect(result).toEqual(c.wantResult === null ? null : { nominatingInfo: { nominatedNodeName: c.wantResult, nominatingMode: 'Override' } });
    });
  }

  it('reports a preemptor that is gone from the lister', () => {
    const { client } = fakeClient({ pods: [] });
    const nodes = [makeNode().name('node1').capacity(onePodRes).obj()];
    const { pl, preFilter } = setupPreemption({ pods: [], nodes, plugins: fitPlugin, client });
    const p = pod('p').priority(highPriority).obj();
    const [result, status] = pl.postFilter(preFilter(p), p, statuses({ node1: 'Unschedulable' }));
    expect(result).toBeNull();
    expect([Status.code(status), Status.message(status)]).toEqual(['Error', 'preemption: pod "p" not found']);
  });
});

/** Nodes named by "hostname/zone/region" as the upstream tests spell them, with veryLargeRes. */
const topoNodes = (...names: string[]) =>
  names.map((n) => {
    const parts = n.split('/');
    const w = makeNode().name(parts[0]).capacity(veryLargeRes);
    ['hostname', 'zone', 'region'].forEach((k, i) => parts[i] !== undefined && w.label(k, parts[i]));
    return w.obj();
  });

/** Candidates as the test compares them: victims by name, candidates by node. */
const sorted = (cs: Candidate[]) =>
  cs
    .map((c) => ({ name: c.name, victims: c.victims.pods.map((p) => p.metadata.name).sort(), numPDBViolations: c.victims.numPDBViolations }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));

describe('DryRunPreemption (TestDryRunPreemption)', () => {
  type Want = { name: string; victims: string[]; numPDBViolations?: number };
  const cases: {
    name: string;
    args?: { minCandidateNodesPercentage: number; minCandidateNodesAbsolute: number };
    nodeNames: string[];
    testPods: Pod[];
    initPods: Pod[];
    plugins?: Record<string, PluginFactory>;
    pdbs?: PodDisruptionBudget[];
    fakeFilterRC?: 'Unschedulable';
    offsets?: number[];
    expected: Want[][];
    expectedNumFilterCalled: number[];
  }[] = [
    {
      name: 'a pod that does not fit on any node',
      plugins: { FalseFilter: () => ({ name: 'FalseFilter', filter: () => Status.new('Unschedulable', 'injecting failure') }) as never },
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(highPriority).obj()],
      initPods: [pod('p1').node('node1').priority(midPriority).obj(), pod('p2').node('node2').priority(midPriority).obj()],
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: 'a pod that fits with no preemption',
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(highPriority).obj()],
      initPods: [pod('p1').node('node1').priority(midPriority).obj(), pod('p2').node('node2').priority(midPriority).obj()],
      fakeFilterRC: 'Unschedulable',
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: 'a pod that fits on both nodes when lower priority pods are preempted',
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [pod('p1').node('node1').priority(midPriority).req(largeRes).obj(), pod('p2').node('node2').priority(midPriority).req(largeRes).obj()],
      expected: [
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node2', victims: ['p2'] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen',
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(lowPriority).req(largeRes).obj()],
      initPods: [pod('p1').node('node1').priority(midPriority).req(largeRes).obj(), pod('p2').node('node2').priority(midPriority).req(largeRes).obj()],
      expected: [[]],
      expectedNumFilterCalled: [0],
    },
    {
      name: 'medium priority pod is preempted, but lower priority one stays as it is small',
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [
        pod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p1.2').node('node1').priority(midPriority).req(largeRes).obj(),
        pod('p2').node('node2').priority(midPriority).req(largeRes).obj(),
      ],
      expected: [
        [
          { name: 'node1', victims: ['p1.2'] },
          { name: 'node2', victims: ['p2'] },
        ],
      ],
      expectedNumFilterCalled: [5],
    },
    {
      name: 'mixed priority pods are preempted',
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [
        pod('p1.1').node('node1').priority(midPriority).req(smallRes).obj(),
        pod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p1.3').node('node1').priority(midPriority).req(mediumRes).obj(),
        pod('p1.4').node('node1').priority(highPriority).req(smallRes).obj(),
        pod('p2').node('node2').priority(highPriority).req(largeRes).obj(),
      ],
      expected: [[{ name: 'node1', victims: ['p1.2', 'p1.3'] }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'mixed priority pods are preempted, pick later StartTime one when priorities are equal',
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [
        pod('p1.1').node('node1').priority(lowPriority).req(smallRes).startTime(epoch(5)).obj(),
        pod('p1.2').node('node1').priority(lowPriority).req(smallRes).startTime(epoch(4)).obj(),
        pod('p1.3').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(3)).obj(),
        pod('p1.4').node('node1').priority(highPriority).req(smallRes).startTime(epoch(2)).obj(),
        pod('p2').node('node2').priority(highPriority).req(largeRes).startTime(epoch(1)).obj(),
      ],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.3'] }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'pod with anti-affinity is preempted',
      plugins: { ...fitPlugin, [names.InterPodAffinity]: newInterPodAffinity },
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').label('foo', '').priority(highPriority).req(smallRes).obj()],
      initPods: [
        pod('p1.1').node('node1').label('foo', '').priority(lowPriority).req(smallRes).podAntiAffinityExists('foo', 'hostname', 'required').obj(),
        pod('p1.2').node('node1').priority(midPriority).req(smallRes).obj(),
        pod('p1.3').node('node1').priority(highPriority).req(smallRes).obj(),
        pod('p2').node('node2').priority(highPriority).req(smallRes).obj(),
      ],
      expected: [[{ name: 'node1', victims: ['p1.1'] }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: 'preemption to resolve pod topology spread filter failure',
      plugins: { [names.PodTopologySpread]: newPodTopologySpread },
      nodeNames: ['node-a/zone1', 'node-b/zone1', 'node-x/zone2'],
      testPods: [
        pod('p')
          .label('foo', '')
          .priority(highPriority)
          .spreadConstraint(1, 'zone', 'DoNotSchedule', makeLabelSelector().exists('foo').obj())
          .spreadConstraint(1, 'hostname', 'DoNotSchedule', makeLabelSelector().exists('foo').obj())
          .obj(),
      ],
      initPods: [
        pod('pod-a1').node('node-a').label('foo', '').priority(midPriority).obj(),
        pod('pod-a2').node('node-a').label('foo', '').priority(lowPriority).obj(),
        pod('pod-b1').node('node-b').label('foo', '').priority(lowPriority).obj(),
        pod('pod-x1').node('node-x').label('foo', '').priority(highPriority).obj(),
        pod('pod-x2').node('node-x').label('foo', '').priority(highPriority).obj(),
      ],
      expected: [
        [
          { name: 'node-a', victims: ['pod-a2'] },
          { name: 'node-b', victims: ['pod-b1'] },
        ],
      ],
      expectedNumFilterCalled: [5],
    },
    {
      name: 'get Unschedulable in the preemption phase when the filter plugins filtering the nodes',
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [pod('p1').node('node1').priority(midPriority).req(largeRes).obj(), pod('p2').node('node2').priority(midPriority).req(largeRes).obj()],
      fakeFilterRC: 'Unschedulable',
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: 'preemption with violation of same pdb',
      plugins: fitPlugin,
      nodeNames: ['node1'],
      testPods: [pod('p').priority(highPriority).req(veryLargeRes).obj()],
      initPods: [pod('p1.1').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj(), pod('p1.2').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj()],
      pdbs: [pdb('', { app: 'foo' }, 1)],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2'], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption with violation of the pdb with pod whose eviction was processed, the victim doesn't belong to DisruptedPods",
      plugins: fitPlugin,
      nodeNames: ['node1'],
      testPods: [pod('p').priority(highPriority).req(veryLargeRes).obj()],
      initPods: [pod('p1.1').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj(), pod('p1.2').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj()],
      pdbs: [pdb('', { app: 'foo' }, 1, { p2: testNow })],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2'], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: 'preemption with violation of the pdb with pod whose eviction was processed, the victim belongs to DisruptedPods',
      plugins: fitPlugin,
      nodeNames: ['node1'],
      testPods: [pod('p').priority(highPriority).req(veryLargeRes).obj()],
      initPods: [pod('p1.1').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj(), pod('p1.2').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj()],
      pdbs: [pdb('', { app: 'foo' }, 1, { 'p1.2': testNow })],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2'], numPDBViolations: 0 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption with violation of the pdb with pod whose eviction was processed, the victim which belongs to DisruptedPods is treated as 'nonViolating'",
      plugins: fitPlugin,
      nodeNames: ['node1'],
      testPods: [pod('p').priority(highPriority).req(veryLargeRes).obj()],
      initPods: [
        pod('p1.1').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj(),
        pod('p1.2').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj(),
        pod('p1.3').node('node1').label('app', 'foo').priority(midPriority).req(mediumRes).obj(),
      ],
      pdbs: [pdb('', { app: 'foo' }, 1, { 'p1.3': testNow })],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2', 'p1.3'], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'all nodes are possible candidates, but DefaultPreemptionArgs limits to 2',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [1, 2, 3, 4, 5].map((i) => pod(`p${i}`).node(`node${i}`).priority(midPriority).req(largeRes).obj()),
      offsets: [4],
      // offset=4 => node5 (yes), node1 (yes)
      expected: [
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node5', victims: ['p5'] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'some nodes are not possible candidates, DefaultPreemptionArgs limits to 2',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [1, 2, 3, 4, 5].map((i) =>
        pod(`p${i}`)
          .node(`node${i}`)
          .priority(i === 2 || i === 5 ? veryHighPriority : midPriority)
          .req(largeRes)
          .obj(),
      ),
      offsets: [4],
      // offset=4 => node5 (no), node1 (yes), node2 (no), node3 (yes)
      expected: [
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node3', victims: ['p3'] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'preemption offset across multiple scheduling cycles and wrap around',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: ['tp1', 'tp2', 'tp3'].map((n) => pod(n).priority(highPriority).req(largeRes).obj()),
      initPods: [1, 2, 3, 4, 5].map((i) => pod(`p${i}`).node(`node${i}`).priority(midPriority).req(largeRes).obj()),
      offsets: [4, 1, 3],
      expected: [
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node5', victims: ['p5'] },
        ],
        [
          { name: 'node2', victims: ['p2'] },
          { name: 'node3', victims: ['p3'] },
        ],
        [
          { name: 'node4', victims: ['p4'] },
          { name: 'node5', victims: ['p5'] },
        ],
      ],
      expectedNumFilterCalled: [4, 4, 4],
    },
    {
      name: 'preemption looks past numCandidates until a non-PDB violating node is found',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 2 },
      plugins: fitPlugin,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: [pod('p').priority(highPriority).req(largeRes).obj()],
      initPods: [1, 2, 3, 4, 5].map((i) => {
        const w = pod(`p${i}`).node(`node${i}`).priority(midPriority).req(largeRes);
        return (i === 3 || i === 4 ? w : w.label('app', 'foo')).obj();
      }),
      pdbs: [pdb('', { app: 'foo' }, 0)],
      offsets: [4],
      // offset=4 => node5 (yes, pdb), node1 (yes, pdb), node2 (no, pdb), node3 (yes)
      expected: [
        [
          { name: 'node1', victims: ['p1'], numPDBViolations: 1 },
          { name: 'node3', victims: ['p3'] },
          { name: 'node5', victims: ['p5'], numPDBViolations: 1 },
        ],
      ],
      expectedNumFilterCalled: [8],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const nodes = topoNodes(...c.nodeNames);
      const fake = new FakeFilterPlugin(Object.fromEntries(nodes.map((n) => [n.metadata.name, c.fakeFilterRC ?? 'Success'])));
      const { pl, handle, preFilter } = setupPreemption({
        pods: c.initPods,
        nodes,
        plugins: { FakeFilter: () => fake, ...c.plugins },
        args: c.args,
        rng: scriptedRng(...(c.offsets ?? [])),
      });
      const nodeInfos = [...handle.snapshotSharedLister().nodeInfos().list()].sort((a, b) => (a.nodeName() < b.nodeName() ? -1 : 1));
      let prev = 0;
      c.testPods.forEach((p, cycle) => {
        const state = preFilter(p);
        const [offset, numCandidates] = pl.getOffsetAndNumCandidates(nodeInfos.length);
        const got = pl.evaluator.dryRunPreemption(state, p, nodeInfos, c.pdbs ?? [], offset, numCandidates);
        expect(fake.numFilterCalled - prev).toBe(c.expectedNumFilterCalled[cycle]);
        prev = fake.numFilterCalled;
        expect(sorted(got.candidates)).toEqual(c.expected[cycle].map((w) => ({ numPDBViolations: 0, ...w })));
      });
    });
  }
});

describe('SelectCandidate (TestSelectBestCandidate)', () => {
  const cases: { name: string; nodeNames: string[]; pod: Pod; pods: Pod[]; expected: string[] }[] = [
    {
      name: 'a pod that fits on both nodes when lower priority pods are preempted',
      nodeNames: ['node1', 'node2'],
      pod: pod('p').priority(highPriority).req(largeRes).obj(),
      pods: [pod('p1').node('node1').priority(midPriority).req(largeRes).startTime(epoch(0)).obj(), pod('p2').node('node2').priority(midPriority).req(largeRes).startTime(epoch(0)).obj()],
      expected: ['node1', 'node2'],
    },
    {
      name: 'node with min highest priority pod is picked',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p1.2').node('node1').priority(midPriority).req(largeRes).startTime(epoch(0)).obj(),
        pod('p2.1').node('node2').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p2.2').node('node2').priority(lowPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.1').node('node3').priority(lowPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.2').node('node3').priority(lowPriority).req(mediumRes).startTime(epoch(0)).obj(),
      ],
      expected: ['node3'],
    },
    {
      name: 'when highest priorities are the same, minimum sum of priorities is picked',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p1.2').node('node1').priority(midPriority).req(largeRes).startTime(epoch(0)).obj(),
        pod('p2.1').node('node2').priority(midPriority).req(largeRes).startTime(epoch(0)).obj(),
        pod('p2.2').node('node2').priority(lowPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.2').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
      ],
      expected: ['node2'],
    },
    {
      name: 'when highest priority and sum are the same, minimum number of pods is picked',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(midPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p1.2').node('node1').priority(negPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p1.3').node('node1').priority(midPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p1.4').node('node1').priority(negPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p2.1').node('node2').priority(midPriority).req(largeRes).startTime(epoch(0)).obj(),
        pod('p2.2').node('node2').priority(negPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.2').node('node3').priority(negPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p3.3').node('node3').priority(lowPriority).req(smallRes).startTime(epoch(0)).obj(),
      ],
      expected: ['node2'],
    },
    {
      name: 'sum of adjusted priorities is considered',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(midPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p1.2').node('node1').priority(negPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p1.3').node('node1').priority(negPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p2.1').node('node2').priority(midPriority).req(largeRes).startTime(epoch(0)).obj(),
        pod('p2.2').node('node2').priority(negPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.2').node('node3').priority(negPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p3.3').node('node3').priority(lowPriority).req(smallRes).startTime(epoch(0)).obj(),
      ],
      expected: ['node2'],
    },
    {
      name: 'non-overlapping lowest high priority, sum priorities, and number of pods',
      nodeNames: ['node1', 'node2', 'node3', 'node4'],
      pod: pod('p').priority(veryHighPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(midPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p1.2').node('node1').priority(lowPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p1.3').node('node1').priority(lowPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p2.1').node('node2').priority(highPriority).req(largeRes).startTime(epoch(0)).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p3.2').node('node3').priority(lowPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p3.3').node('node3').priority(lowPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p3.4').node('node3').priority(lowPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p4.1').node('node4').priority(midPriority).req(mediumRes).startTime(epoch(0)).obj(),
        pod('p4.2').node('node4').priority(midPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p4.3').node('node4').priority(midPriority).req(smallRes).startTime(epoch(0)).obj(),
        pod('p4.4').node('node4').priority(negPriority).req(smallRes).startTime(epoch(0)).obj(),
      ],
      expected: ['node1'],
    },
    {
      name: "same priority, same number of victims, different start time for each node's pod",
      nodeNames: ['node1', 'node2', 'node3'],
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(2)).obj(),
        pod('p1.2').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(2)).obj(),
        pod('p2.1').node('node2').priority(midPriority).req(mediumRes).startTime(epoch(3)).obj(),
        pod('p2.2').node('node2').priority(midPriority).req(mediumRes).startTime(epoch(3)).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(1)).obj(),
        pod('p3.2').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(1)).obj(),
      ],
      expected: ['node2'],
    },
    {
      name: 'same priority, same number of victims, different start time for all pods',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(4)).obj(),
        pod('p1.2').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(2)).obj(),
        pod('p2.1').node('node2').priority(midPriority).req(mediumRes).startTime(epoch(5)).obj(),
        pod('p2.2').node('node2').priority(midPriority).req(mediumRes).startTime(epoch(1)).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(3)).obj(),
        pod('p3.2').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(6)).obj(),
      ],
      expected: ['node3'],
    },
    {
      name: 'different priority, same number of victims, different start time for all pods',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(lowPriority).req(mediumRes).startTime(epoch(4)).obj(),
        pod('p1.2').node('node1').priority(midPriority).req(mediumRes).startTime(epoch(2)).obj(),
        pod('p2.1').node('node2').priority(midPriority).req(mediumRes).startTime(epoch(6)).obj(),
        pod('p2.2').node('node2').priority(lowPriority).req(mediumRes).startTime(epoch(1)).obj(),
        pod('p3.1').node('node3').priority(lowPriority).req(mediumRes).startTime(epoch(3)).obj(),
        pod('p3.2').node('node3').priority(midPriority).req(mediumRes).startTime(epoch(5)).obj(),
      ],
      expected: ['node2'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const nodes = c.nodeNames.map((n) => makeNode().name(n).capacity(veryLargeRes).obj());
      const { pl, handle, preFilter } = setupPreemption({ pods: c.pods, nodes, plugins: fitPlugin, rng: scriptedRng(4 % nodes.length) });
      const nodeInfos = handle.snapshotSharedLister().nodeInfos().list();
      const state = preFilter(c.pod);
      const [offset, numCandidates] = pl.getOffsetAndNumCandidates(nodeInfos.length);
      const { candidates } = pl.evaluator.dryRunPreemption(state, c.pod, nodeInfos, [], offset, numCandidates);
      const s = pl.evaluator.selectCandidate(candidates);
      expect(c.expected).toContain(s?.name);
    });
  }
});

describe('PodEligibleToPreemptOthers (TestPodEligibleToPreemptOthers)', () => {
  const cases: { name: string; pod: Pod; pods: Pod[]; nodes: string[]; nominatedNodeStatus: Status | null; expected: boolean }[] = [
    {
      name: 'Pod with nominated node',
      pod: pod('p_with_nominated_node').uid('p').priority(highPriority).nominatedNodeName('node1').obj(),
      pods: [pod('p1').priority(lowPriority).node('node1').terminating().obj()],
      nodes: ['node1'],
      nominatedNodeStatus: Status.new('UnschedulableAndUnresolvable', "node(s) had untolerated taint {node.kubernetes.io/not-ready: }"),
      expected: true,
    },
    { name: 'Pod without nominated node', pod: pod('p_without_nominated_node').uid('p').priority(highPriority).obj(), pods: [], nodes: [], nominatedNodeStatus: null, expected: true },
    {
      name: "Pod with 'PreemptNever' preemption policy",
      pod: pod('p_with_preempt_never_policy').uid('p').priority(highPriority).preemptionPolicy('Never').obj(),
      pods: [],
      nodes: [],
      nominatedNodeStatus: null,
      expected: false,
    },
    {
      name: 'preemption victim pod terminating, as indicated by the dedicated DisruptionTarget condition',
      pod: pod('p_with_nominated_node').uid('p').priority(highPriority).nominatedNodeName('node1').obj(),
      pods: [pod('p1').priority(lowPriority).node('node1').terminating().condition('DisruptionTarget', 'True', 'PreemptionByScheduler').obj()],
      nodes: ['node1'],
      nominatedNodeStatus: null,
      expected: false,
    },
    {
      name: 'non-victim Pods terminating',
      pod: pod('p_with_nominated_node').uid('p').priority(highPriority).nominatedNodeName('node1').obj(),
      pods: [pod('p1').priority(lowPriority).node('node1').terminating().obj()],
      nodes: ['node1'],
      nominatedNodeStatus: null,
      expected: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { pl } = setupPreemption({ pods: c.pods, nodes: c.nodes.map((n) => makeNode().name(n).obj()), plugins: {} });
      expect(pl.podEligibleToPreemptOthers(c.pod, c.nominatedNodeStatus)[0]).toBe(c.expected);
    });
  }

  it('gives the reasons upstream logs and reports', () => {
    const { pl } = setupPreemption({ pods: [pod('p1').priority(lowPriority).node('node1').terminating().condition('DisruptionTarget', 'True', 'PreemptionByScheduler').obj()], nodes: [makeNode().name('node1').obj()], plugins: {} });
    expect(pl.podEligibleToPreemptOthers(pod('p').preemptionPolicy('Never').obj(), null)).toEqual([false, 'not eligible due to preemptionPolicy=Never.']);
    expect(pl.podEligibleToPreemptOthers(pod('p').priority(highPriority).nominatedNodeName('node1').obj(), null)).toEqual([false, 'not eligible due to a terminating pod on the nominated node.']);
  });
});

describe('Preempt (TestPreempt)', () => {
  const cases: { name: string; pod: Pod; pods: Pod[]; nodeNames: string[]; plugins: Record<string, PluginFactory>; want: string | null; expectedPods: string[] }[] = [
    {
      name: 'basic preemption logic',
      pod: pod('p').priority(highPriority).req(veryLargeRes).preemptionPolicy('PreemptLowerPriority').obj(),
      pods: [
        pod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p2.1').node('node2').priority(highPriority).req(largeRes).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).obj(),
      ],
      nodeNames: ['node1', 'node2', 'node3'],
      plugins: fitPlugin,
      want: 'node1',
      expectedPods: ['p1.1', 'p1.2'],
    },
    {
      name: 'preemption for topology spread constraints',
      pod: pod('p')
        .label('foo', '')
        .priority(highPriority)
        .spreadConstraint(1, 'zone', 'DoNotSchedule', makeLabelSelector().exists('foo').obj())
        .spreadConstraint(1, 'hostname', 'DoNotSchedule', makeLabelSelector().exists('foo').obj())
        .obj(),
      pods: [
        pod('p-a1').node('node-a').label('foo', '').priority(highPriority).obj(),
        pod('p-a2').node('node-a').label('foo', '').priority(highPriority).obj(),
        pod('p-b1').node('node-b').label('foo', '').priority(lowPriority).obj(),
        pod('p-x1').node('node-x').label('foo', '').priority(highPriority).obj(),
        pod('p-x2').node('node-x').label('foo', '').priority(highPriority).obj(),
      ],
      nodeNames: ['node-a/zone1', 'node-b/zone1', 'node-x/zone2'],
      plugins: { [names.PodTopologySpread]: newPodTopologySpread },
      want: 'node-b',
      expectedPods: ['p-b1'],
    },
    {
      name: 'no preempting in pod',
      pod: pod('p').priority(highPriority).req(veryLargeRes).preemptionPolicy('Never').obj(),
      pods: [
        pod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p2.1').node('node2').priority(highPriority).req(largeRes).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).obj(),
      ],
      nodeNames: ['node1', 'node2', 'node3'],
      plugins: fitPlugin,
      want: null,
      expectedPods: [],
    },
    {
      name: 'PreemptionPolicy is nil',
      pod: pod('p').priority(highPriority).req(veryLargeRes).obj(),
      pods: [
        pod('p1.1').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p1.2').node('node1').priority(lowPriority).req(smallRes).obj(),
        pod('p2.1').node('node2').priority(highPriority).req(largeRes).obj(),
        pod('p3.1').node('node3').priority(midPriority).req(mediumRes).obj(),
      ],
      nodeNames: ['node1', 'node2', 'node3'],
      plugins: fitPlugin,
      want: 'node1',
      expectedPods: ['p1.1', 'p1.2'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const testPod = structuredClone(c.pod);
      testPod.spec!.schedulerName = 'default-scheduler';
      const testPods = c.pods.map((p) => structuredClone(p));
      const { client, log } = fakeClient();
      const nodes = topoNodes(...c.nodeNames);
      const { pl, preFilter } = setupPreemption({ pods: testPods, nodes, plugins: c.plugins, client });
      const state = preFilter(testPod);
      const m = NodeToStatus.newDefault();
      for (const n of nodes) m.set(n.metadata.name!, Status.new('Unschedulable'));
      const [res, status] = pl.evaluator.preempt(state, testPod, m);
      expect(Status.isSuccess(status) || Status.isRejected(status)).toBe(true);
      expect(res).toEqual(c.want === null ? null : { nominatingInfo: { nominatedNodeName: c.want, nominatingMode: 'Override' } });
      expect([...log.deleted].sort()).toEqual(c.expectedPods);
      // Every deleted victim got the DisruptionTarget condition first.
      expect(log.patched.map((p) => p.pod.metadata.name).sort()).toEqual(c.expectedPods);
      for (const { status: s } of log.patched) {
        expect(s.conditions?.find((x) => x.type === 'DisruptionTarget')).toEqual({
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'PreemptionByScheduler',
          message: 'default-scheduler: preempting to accommodate a higher priority pod',
          lastTransitionTime: '2024-01-01T00:00:00Z',
        });
      }
      expect(log.events.sort()).toEqual(c.expectedPods.map((v) => `Normal Preempted ${v}: Preempted by pod p on node ${c.want}`));
      if (res?.nominatingInfo) testPod.status!.nominatedNodeName = res.nominatingInfo.nominatedNodeName;
      // The victims are now terminating: preempting again must not pick more.
      for (const p of testPods) if (log.deleted.includes(p.metadata.name!)) p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
      const deletedBefore = log.deleted.length;
      pl.evaluator.preempt(state, testPod, NodeToStatus.newDefault());
      expect(log.deleted.length).toBe(deletedBefore);
    });
  }

  it('clears the nominations of lower-priority pods nominated to the chosen node (prepareCandidate)', () => {
    const nominatedLow = pod('low-nominated').priority(lowPriority).nominatedNodeName('node1').obj();
    const nominatedHigh = pod('high-nominated').priority(veryHighPriority).nominatedNodeName('node1').obj();
    const { client, log } = fakeClient();
    const nodes = [makeNode().name('node1').capacity(veryLargeRes).obj()];
    const victims = [pod('v').node('node1').priority(lowPriority).req(veryLargeRes).obj()];
    const nominator = { nominatedPodsForNode: (n: string) => (n === 'node1' ? [new PodInfo(nominatedLow), new PodInfo(nominatedHigh)] : []) };
    const { pl, preFilter } = setupPreemption({ pods: victims, nodes, plugins: fitPlugin, client, nominator });
    const p = pod('p').priority(highPriority).req(smallRes).obj();
    const [res] = pl.postFilter(preFilter(p), p, statuses({ node1: 'Unschedulable' }));
    expect(res?.nominatingInfo?.nominatedNodeName).toBe('node1');
    expect(log.deleted).toEqual(['v']);
    const cleared = log.patched.filter((x) => x.pod.metadata.name === 'low-nominated');
    expect(cleared).toHaveLength(1);
    expect(cleared[0].status.nominatedNodeName).toBeUndefined();
    expect(log.patched.some((x) => x.pod.metadata.name === 'high-nominated')).toBe(false);
  });

  it('skips victims already terminating, and returns the first API error', () => {
    const nodes = [makeNode().name('node1').capacity(veryLargeRes).obj()];
    const victims = [pod('v1').node('node1').req(mediumRes).terminating().obj(), pod('v2').node('node1').req(largeRes).obj()];
    const ok = fakeClient();
    const a = setupPreemption({ pods: victims, nodes, plugins: fitPlugin, client: ok.client });
    const p = pod('p').priority(highPriority).req(veryLargeRes).obj();
    expect(a.pl.postFilter(a.preFilter(p), p, statuses({ node1: 'Unschedulable' }))[1]?.code()).toBe('Success');
    expect(ok.log.deleted).toEqual(['v2']);
    const bad = fakeClient({ deleteError: new Error('etcd unavailable') });
    const b = setupPreemption({ pods: victims, nodes, plugins: fitPlugin, client: bad.client });
    const [res, s] = b.pl.postFilter(b.preFilter(p), p, statuses({ node1: 'Unschedulable' }));
    expect(res).toBeNull();
    expect([s?.code(), s?.message()]).toEqual(['Error', 'preemption: etcd unavailable']);
  });
});

describe('filterPodsWithPDBViolation, podTerminatingByPreemption and the arguments', () => {
  it('spends each budget in order and skips pods the PDB already counts', () => {
    const pis = ['a', 'b', 'c'].map((n) => new PodInfo(pod(n).label('app', 'foo').obj()));
    const unlabelled = new PodInfo(pod('d').obj());
    const [violating, nonViolating] = filterPodsWithPDBViolation([...pis, unlabelled], [pdb('x', { app: 'foo' }, 1, { b: testNow })]);
    expect(violating.map((p) => p.pod.metadata.name)).toEqual(['c']);
    expect(nonViolating.map((p) => p.pod.metadata.name)).toEqual(['a', 'b', 'd']);
    const other = { ...pdb('y', { app: 'foo' }, 0), metadata: { name: 'y', namespace: 'other' } };
    expect(filterPodsWithPDBViolation(pis, [other])[0]).toEqual([]);
    expect(filterPodsWithPDBViolation(pis, [{ ...pdb('z', {}, 0), spec: { selector: {} } }])[0]).toEqual([]);
  });

  it('counts only terminating pods with the scheduler’s DisruptionTarget condition', () => {
    expect(podTerminatingByPreemption(pod('a').terminating().condition('DisruptionTarget', 'True', 'PreemptionByScheduler').obj())).toBe(true);
    expect(podTerminatingByPreemption(pod('a').terminating().condition('DisruptionTarget', 'True', 'EvictionByEvictionAPI').obj())).toBe(false);
    expect(podTerminatingByPreemption(pod('a').condition('DisruptionTarget', 'True', 'PreemptionByScheduler').obj())).toBe(false);
  });

  it('defaults to 10% and 100 nodes and validates as ValidateDefaultPreemptionArgs (TestValidateDefaultPreemptionArgs)', () => {
    expect(defaultPreemptionArgs()).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    expect(validateDefaultPreemptionArgs({ minCandidateNodesPercentage: 101, minCandidateNodesAbsolute: -1 })).toEqual([
      'minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]',
      'minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)',
    ]);
    expect(validateDefaultPreemptionArgs({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 })).toHaveLength(2);
  });

  it('finds as many candidates as calculateNumCandidates says (TestGetOffsetAndNumCandidates)', () => {
    const { pl } = setupPreemption({ pods: [], nodes: [], plugins: {}, args: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 } });
    expect([10, 1000, 5000].map((n) => pl.calculateNumCandidates(n))).toEqual([10, 100, 500]);
  });
});
