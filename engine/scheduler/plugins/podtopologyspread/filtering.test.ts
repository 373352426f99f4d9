import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from '../../../api/types/core';
import { type Code, CycleState, type Handle, PodInfo, Snapshot, Status } from '../../framework';
import { makeLabelSelector, makeNode, makePod } from '../../queue/testdata/st';
import { PodTopologySpread, type PodTopologySpreadArgs } from './plugin';
import type { PreFilterState } from './filtering';

// Ported from pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go (v1.32):
// TestSingleConstraint, TestMultipleConstraints, TestPreFilterState, TestPreFilterStateAddPod,
// TestPreFilterDisabled. The state is compared through what Filter reads (counts and minima).

const fooSelector = makeLabelSelector().exists('foo').obj();
const barSelector = makeLabelSelector().exists('bar').obj();
const taints = [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' as const }];

const zoneNode = (name: string, zone: string) => makeNode().name(name).label('zone', zone).label('node', name).obj();
const fourNodes = () => [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-x', 'zone2'), zoneNode('node-y', 'zone2')];
const fooPod = (name: string, node: string, ns?: string) => {
  const w = makePod().name(name).node(node).label('foo', '');
  return (ns ? w.namespace(ns) : w).obj();
};

/** plugintesting.SetupPlugin with a snapshot of the pods and nodes. */
function setup(existingPods: Pod[], nodes: Node[], args: PodTopologySpreadArgs = { defaultingType: 'List' }, services: Service[] = []) {
  const snapshot = Snapshot.from(existingPods, nodes);
  const handle: Handle = { snapshotSharedLister: () => snapshot, listers: { listServices: (ns) => services.filter((s) => (s.metadata.namespace ?? '') === ns) } };
  return { pl: new PodTopologySpread(handle, args), snapshot };
}

function filterCodes(pod: Pod, nodes: Node[], existingPods: Pod[] = []): Record<string, Code> {
  const { pl, snapshot } = setup(existingPods, nodes);
  const state = new CycleState();
  const [, s] = pl.preFilter(state, pod);
  expect(Status.isSuccess(s)).toBe(true);
  return Object.fromEntries(nodes.map((n) => [n.metadata.name, Status.code(pl.filter(state, pod, snapshot.get(n.metadata.name!)))]));
}

interface FilterCase {
  name: string;
  pod: Pod;
  nodes: Node[];
  existingPods?: Pod[];
  want: Record<string, Code>;
}

const S = 'Success';
const U = 'Unschedulable';
const UU = 'UnschedulableAndUnresolvable';

describe('Filter with one constraint (TestSingleConstraint)', () => {
  const spread2103 = [
    fooPod('p-a1', 'node-a'),
    fooPod('p-a2', 'node-a'),
    fooPod('p-b1', 'node-b'),
    fooPod('p-y1', 'node-y'),
    fooPod('p-y2', 'node-y'),
    fooPod('p-y3', 'node-y'),
  ];
  const plainNodes = (...names: string[]) => names.map((n) => makeNode().name(n).label('node', n).obj());
  const cases: FilterCase[] = [
    {
      name: 'no existing pods',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: "no existing pods, incoming pod doesn't match itself",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector).obj(),
      nodes: fourNodes(),
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: [fooPod('p-a1', 'node-a', 'ns1'), fooPod('p-b1', 'node-a', 'ns2'), fooPod('p-x1', 'node-x'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: 'existing pods do not match null selector',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule').obj(),
      nodes: fourNodes(),
      existingPods: [fooPod('p-x1', 'node-x'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'pods spread across zones as 3/3, all nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: spread2103,
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: [zoneNode('node-a', 'zone1'), makeNode().name('node-b').label('zon', 'zone1').label('node', 'node-b').obj(), zoneNode('node-x', 'zone2'), zoneNode('node-y', 'zone2')],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-x1', 'node-x'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': UU, 'node-x': U, 'node-y': U },
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'rack', 'DoNotSchedule', fooSelector).obj(),
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-x', 'zone2')],
      want: { 'node-a': UU, 'node-x': UU },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: spread2103,
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: spread2103,
      want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: makePod().name('p').label('bar', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: spread2103,
      want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('node', ['node-a', 'node-y']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: spread2103,
      // NodeAffinity does not run here, so node-b and node-x pass this plugin.
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'terminating Pods should be excluded',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: plainNodes('node-a', 'node-b'),
      existingPods: [makePod().name('p-a').node('node-a').label('foo', '').terminating().obj(), fooPod('p-b', 'node-b')],
      want: { 'node-a': S, 'node-b': U },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
      pod: makePod().name('p').label('foo', '').nodeAffinityNotIn('node', ['node-b']).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: [fooPod('p-b1', 'node-b'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, 4).obj(),
      nodes: plainNodes('node-a', 'node-b', 'node-c'),
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-a2', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-b2', 'node-b'), fooPod('p-c1', 'node-c')],
      want: { 'node-a': U, 'node-b': U, 'node-c': S },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, 2).obj(),
      nodes: plainNodes('node-a', 'node-b', 'node-c'),
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-a2', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-b2', 'node-b'), fooPod('p-c1', 'node-c')],
      want: { 'node-a': S, 'node-b': S, 'node-c': S },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, 3).obj(),
      nodes: fourNodes(),
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, 1).obj(),
      nodes: fourNodes(),
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
  ];
  const fooNodes = () => [
    makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
    makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
    makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
  ];
  const policyPods = [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')];
  cases.push(
    {
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: makePod().name('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: [...fooNodes(), makeNode().name('node-y').label('node', 'node-y').obj()],
      existingPods: policyPods,
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: makePod().name('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, 'Ignore').obj(),
      nodes: [...fooNodes(), makeNode().name('node-y').label('node', 'node-y').obj()],
      existingPods: policyPods,
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: [...fooNodes(), makeNode().name('node-y').label('node', 'node-y').obj()],
      existingPods: policyPods,
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, 'Ignore').obj(),
      nodes: [...fooNodes(), makeNode().name('node-y').label('node', 'node-y').obj()],
      existingPods: policyPods,
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, undefined, 'Honor').obj(),
      nodes: [...fooNodes(), makeNode().name('node-y').label('node', 'node-y').taints(taints).obj()],
      existingPods: policyPods,
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: [...fooNodes(), makeNode().name('node-y').label('node', 'node-y').taints(taints).obj()],
      existingPods: policyPods,
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
  );
  for (const tc of cases) it(tc.name, () => expect(filterCodes(tc.pod, tc.nodes, tc.existingPods)).toEqual(tc.want));
});

describe('Filter with several constraints (TestMultipleConstraints)', () => {
  const fooBar = () => makePod().name('p').label('foo', '').label('bar', '');
  const twoConstraints = (zoneSel = fooSelector, nodeSel = fooSelector, p = makePod().name('p').label('foo', '')) =>
    p.spreadConstraint(1, 'zone', 'DoNotSchedule', zoneSel).spreadConstraint(1, 'node', 'DoNotSchedule', nodeSel).obj();
  const cases: FilterCase[] = [
    {
      name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
      pod: twoConstraints(),
      nodes: fourNodes(),
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-a2', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y'), fooPod('p-y2', 'node-y'), fooPod('p-y3', 'node-y')],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'two Constraints on zone and node, spreads = [3/4, 2/1/0/4]',
      pod: twoConstraints(),
      nodes: fourNodes(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
        fooPod('p-y4', 'node-y'),
      ],
      want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]',
      pod: twoConstraints(fooSelector, barSelector, fooBar()),
      nodes: fourNodes(),
      existingPods: [fooPod('p-a1', 'node-a'), makePod().name('p-y1').node('node-y').label('bar', '').obj()],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]',
      pod: twoConstraints(fooSelector, barSelector, fooBar()),
      nodes: fourNodes(),
      existingPods: [fooPod('p-a1', 'node-a'), makePod().name('p-x1').node('node-x').label('bar', '').obj(), makePod().name('p-y1').node('node-y').label('bar', '').obj()],
      want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
      pod: twoConstraints(fooSelector, barSelector, fooBar()),
      nodes: fourNodes(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        makePod().name('p-a2').node('node-a').label('foo', '').label('bar', '').obj(),
        fooPod('p-y1', 'node-y'),
        makePod().name('p-y2').node('node-y').label('foo', '').label('bar', '').obj(),
        fooPod('p-y3', 'node-y'),
      ],
      want: { 'node-a': U, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
      pod: twoConstraints(fooSelector, barSelector, makePod().name('p').label('bar', '')),
      nodes: fourNodes(),
      existingPods: [fooPod('p-a1', 'node-a'), makePod().name('p-x1').node('node-x').label('bar', '').obj(), makePod().name('p-y1').node('node-y').label('bar', '').obj()],
      want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
      pod: twoConstraints(),
      nodes: [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), makeNode().name('node-x').label('zone', 'zone2').obj(), zoneNode('node-y', 'zone2')],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-y3', 'node-y')],
      want: { 'node-a': U, 'node-b': S, 'node-x': UU, 'node-y': U },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, 'Ignore')
        .obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, 'Honor')
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
      pod: makePod().name('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').label('foo', '').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/honor, node: ignore/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, 'Honor')
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, 'Ignore')
        .obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').label('foo', '').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
  ];
  // Upstream's last two cases put two DoNotSchedule constraints on one topology key; the API
  // rejects such pods (duplicate topologyKey and whenUnsatisfiable), so they are not ported.
  for (const tc of cases) it(tc.name, () => expect(filterCodes(tc.pod, tc.nodes, tc.existingPods)).toEqual(tc.want));
});

describe('PreFilter state (TestPreFilterState)', () => {
  function preFilter(pod: Pod, nodes: Node[], existingPods: Pod[], args?: PodTopologySpreadArgs, services?: Service[]) {
    const { pl } = setup(existingPods, nodes, args, services);
    const state = new CycleState();
    const [, status] = pl.preFilter(state, pod);
    return { status, s: state.read<PreFilterState>('PreFilterPodTopologySpread') };
  }
  const counts = (s: PreFilterState | undefined) => Object.fromEntries([...(s?.tpPairToMatchNum ?? [])].map(([k, m]) => [k, Object.fromEntries(m)]));
  const minima = (s: PreFilterState | undefined) => Object.fromEntries([...(s?.tpKeyToCriticalPaths ?? [])].map(([k, p]) => [k, p.paths[0].matchNum]));

  it('clean cluster with one spreadConstraint', () => {
    const pod = makePod().name('p').label('foo', '').spreadConstraint(5, 'zone', 'DoNotSchedule', makeLabelSelector().label('foo', 'bar').obj()).obj();
    const { s } = preFilter(pod, fourNodes(), []);
    expect(s!.constraints.map((c) => [c.maxSkew, c.topologyKey, c.minDomains, c.nodeAffinityPolicy, c.nodeTaintsPolicy])).toEqual([[5, 'zone', 1, 'Honor', 'Ignore']]);
    expect(counts(s)).toEqual({ zone: { zone1: 0, zone2: 0 } });
    expect(minima(s)).toEqual({ zone: 0 });
  });

  it('normal case with one spreadConstraint, on a 3-zone cluster', () => {
    const pod = makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj();
    const nodes = [...fourNodes(), zoneNode('node-o', 'zone3'), zoneNode('node-p', 'zone3')];
    const pods = [fooPod('p-a1', 'node-a'), fooPod('p-a2', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y'), fooPod('p-y2', 'node-y')];
    const { s } = preFilter(pod, nodes, pods);
    expect(counts(s)).toEqual({ zone: { zone1: 3, zone2: 2, zone3: 0 } });
    expect(s!.tpKeyToCriticalPaths.get('zone')!.paths).toEqual([
      { topologyValue: 'zone3', matchNum: 0 },
      { topologyValue: 'zone2', matchNum: 2 },
    ]);
  });

  it('normal case with two spreadConstraints', () => {
    const pod = makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj();
    const pods = ['a1', 'a2', 'b1', 'y1', 'y2', 'y3', 'y4'].map((n) => fooPod(`p-${n}`, `node-${n[0]}`));
    const { s } = preFilter(pod, fourNodes(), pods);
    expect(counts(s)).toEqual({ zone: { zone1: 3, zone2: 4 }, node: { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 } });
    expect(minima(s)).toEqual({ zone: 3, node: 0 });
  });

  it('soft spreadConstraints should be bypassed', () => {
    const pod = makePod()
      .name('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
      .obj();
    const { s } = preFilter(pod, [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-y', 'zone2')], []);
    expect(s!.constraints.map((c) => c.topologyKey)).toEqual(['zone', 'node']);
  });

  it('skips the plugin when the pod has no constraints and no defaults apply', () => {
    const { status, s } = preFilter(makePod().name('p').label('foo', '').obj(), fourNodes(), []);
    expect(status?.code()).toBe('Skip');
    expect(s).toBeUndefined();
  });

  it('default DoNotSchedule constraints spread the pods of the Services that select the pod', () => {
    const svc: Service = { metadata: { name: 's', namespace: '' }, spec: { selector: { foo: '' } } };
    const pod = makePod().name('p').label('foo', '').obj();
    const args: PodTopologySpreadArgs = { defaultConstraints: [{ maxSkew: 1, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }], defaultingType: 'List' };
    const { s } = preFilter(pod, fourNodes(), [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b')], args, [svc]);
    expect(counts(s)).toEqual({ node: { 'node-a': 1, 'node-b': 1, 'node-x': 0, 'node-y': 0 } });
  });

  it('matchLabelKeys narrow the selector to the pod’s own values', () => {
    const pod = makePod().name('p').label('foo', '').label('bar', 'a').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, undefined, ['bar']).obj();
    const pods = [makePod().name('p-a1').node('node-a').label('foo', '').label('bar', 'a').obj(), makePod().name('p-x1').node('node-x').label('foo', '').label('bar', 'b').obj()];
    const { s } = preFilter(pod, fourNodes(), pods);
    expect(counts(s)).toEqual({ zone: { zone1: 1, zone2: 0 } });
  });
});

describe('PreFilter extensions (TestPreFilterStateAddPod, TestPreFilterStateRemovePod)', () => {
  it('adding a selected pod to a node raises its domain; removing lowers it', () => {
    const pod = makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj();
    const nodes = [makeNode().name('node-a').label('node', 'node-a').obj(), makeNode().name('node-b').label('node', 'node-b').obj()];
    const { pl, snapshot } = setup([fooPod('p-a1', 'node-a')], nodes);
    const state = new CycleState();
    pl.preFilter(state, pod);
    const s = () => state.read<PreFilterState>('PreFilterPodTopologySpread')!;
    expect(Status.code(pl.filter(state, pod, snapshot.get('node-b')))).toBe('Success');
    pl.addPod(state, pod, new PodInfo(fooPod('p-b1', 'node-b')), snapshot.get('node-b'));
    expect([s().matchNum('node', 'node-b'), s().tpKeyToCriticalPaths.get('node')!.paths[0].matchNum]).toEqual([1, 1]);
    pl.removePod(state, pod, new PodInfo(fooPod('p-a1', 'node-a')), snapshot.get('node-a'));
    expect([s().matchNum('node', 'node-a'), s().tpKeyToCriticalPaths.get('node')!.paths[0]]).toEqual([0, { topologyValue: 'node-a', matchNum: 0 }]);
    expect(Status.code(pl.filter(state, pod, snapshot.get('node-b')))).toBe('Unschedulable');
  });

  it('ignores a pod of another namespace', () => {
    const pod = makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj();
    const { pl, snapshot } = setup([], [makeNode().name('node-a').label('node', 'node-a').obj()]);
    const state = new CycleState();
    pl.preFilter(state, pod);
    pl.addPod(state, pod, new PodInfo(fooPod('p-a1', 'node-a', 'other')), snapshot.get('node-a'));
    expect(state.read<PreFilterState>('PreFilterPodTopologySpread')!.matchNum('node', 'node-a')).toBe(0);
  });

  it('clones are independent (preemption tries each node on its own copy)', () => {
    const pod = makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj();
    const { pl, snapshot } = setup([], [makeNode().name('node-a').label('node', 'node-a').obj()]);
    const state = new CycleState();
    pl.preFilter(state, pod);
    const copy = state.clone();
    pl.addPod(copy, pod, new PodInfo(fooPod('p-a1', 'node-a')), snapshot.get('node-a'));
    expect(state.read<PreFilterState>('PreFilterPodTopologySpread')!.matchNum('node', 'node-a')).toBe(0);
  });
});

it('Filter without PreFilter reports the missing state (TestPreFilterDisabled)', () => {
  const { pl } = setup([], [makeNode().name('n').obj()]);
  const s = pl.filter(new CycleState(), makePod().name('p').obj(), Snapshot.from([], [makeNode().name('n').obj()]).get('n'));
  expect(s?.code()).toBe('Error');
  expect(s?.message()).toBe('reading "PreFilterPodTopologySpread" from cycleState: not found');
});
