import { describe, expect, it } from 'vitest';
import type { Namespace, Node, Pod, PodAffinityTerm } from '../../../api/types/core';
import type { LabelSelector } from '../../../api/types/meta';
import { CycleState, PodInfo, Snapshot, Status } from '../../framework';
import { makeNode, makePod } from '../../queue/testdata/st';
import {
  ErrReasonAffinityRulesNotMatch as Affinity,
  ErrReasonAntiAffinityRulesNotMatch as Anti,
  ErrReasonExistingAntiAffinityRulesNotMatch as Existing,
  getIncomingAffinityAntiAffinityCounts,
  type PreFilterState,
  preFilterStateKey,
  TopologyCounts,
} from './filtering';
import { setup } from './testdata/setup';

// Ported from pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go (v1.32):
// TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes, TestPreFilterDisabled,
// TestPreFilterStateAddRemovePod, TestPreFilterStateClone, TestGetTPMapMatchingIncomingAffinityAntiAffinity.

let seq = 0;
/** A bound pod with a unique name (upstream's anonymous pods share the empty name). */
const bound = (node: string, labels: Record<string, string> = {}, ns = '') => makePod().name(`e${seq++}`).namespace(ns).node(node).labels(labels);
const sel = (key: string, operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });
const term = (topologyKey: string, ...exprs: ReturnType<typeof sel>[]): PodAffinityTerm => ({ topologyKey, labelSelector: { matchExpressions: exprs } as LabelSelector });
/** createPodWithAffinityTerms. */
const withTerms = (ns: string, nodeName: string, labels: Record<string, string>, affinity?: PodAffinityTerm[], anti?: PodAffinityTerm[]) =>
  makePod()
    .name(`t${seq++}`)
    .namespace(ns)
    .node(nodeName)
    .labels(labels)
    .affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: affinity }, podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti } })
    .obj();

type Want = Status | null;
const U = (r: string) => Status.new('Unschedulable', r);
const UU = (r: string) => Status.new('UnschedulableAndUnresolvable', r);

function run(pod: Pod, pods: Pod[], nodes: Node[], nss?: Namespace[]) {
  const { pl, snapshot } = setup(pods, nodes, nss);
  const state = new CycleState();
  const [, pre] = pl.preFilter(state, pod);
  return { pre, filter: (name: string) => pl.filter(state, pod, snapshot.get(name)!), pl, state, snapshot };
}

const expectStatus = (got: Status | null, want: Want) => {
  if (want === null) expect(Status.isSuccess(got)).toBe(true);
  else {
    expect(Status.code(got)).toBe(Status.code(want));
    expect(got!.reasons()).toEqual(want.reasons());
  }
};

const badValue =
  'parsing pod: requiredAffinityTerms: values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of ' +
  "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', " +
  "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('Filter on one node (TestRequiredAffinitySingleNode)', () => {
  const podLabel = { service: 'securityscan' };
  const podLabel2 = { security: 'S1' };
  const node1 = makeNode().name('node1').label('region', 'r1').label('zone', 'z11').obj();
  const pod = () => makePod().name('existing').labels(podLabel).node('node1').obj();
  const R = 'required' as const;
  const cases: { name: string; pod: Pod; pods?: Pod[]; wantPreFilter?: Want; wantFilter?: Want }[] = [
    {
      name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
      pod: makePod().name('p').obj(),
      wantPreFilter: Status.new('Skip'),
    },
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: makePod().name('p').labels(podLabel2).podAffinityIn('service', 'region', ['securityscan', 'value2'], R).obj(),
      pods: [pod()],
    },
    {
      name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
      pod: makePod().name('p').labels(podLabel2).podAffinityNotIn('service', 'region', ['securityscan3', 'value3'], R).obj(),
      pods: [pod()],
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: withTerms('', '', podLabel2, [{ ...term('', sel('service', 'In', ['securityscan', 'value2'])), namespaces: ['DiffNameSpace'] }]),
      pods: [bound('node1', { service: 'securityscan' }, 'ns').obj()],
      wantFilter: UU(Affinity),
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: makePod().name('p').labels(podLabel).podAffinityIn('service', '', ['antivirusscan', 'value2'], R).obj(),
      pods: [pod()],
      wantFilter: UU(Affinity),
    },
    {
      name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
      pod: withTerms('', '', podLabel2, [
        term('region', sel('service', 'Exists'), sel('wrongkey', 'DoesNotExist')),
        term('region', sel('service', 'In', ['securityscan']), sel('service', 'NotIn', ['WrongValue'])),
      ]),
      pods: [pod()],
    },
    {
      name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod: withTerms('', '', podLabel2, [
        term('region', sel('service', 'Exists'), sel('wrongkey', 'DoesNotExist')),
        term('region', sel('service', 'In', ['securityscan2']), sel('service', 'NotIn', ['WrongValue'])),
      ]),
      pods: [pod()],
      wantFilter: UU(Affinity),
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
      pod: makePod()
        .name('p')
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], R)
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], R)
        .obj(),
      pods: [pod()],
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
      pod: makePod()
        .name('p')
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], R)
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], R)
        .obj(),
      pods: [bound('node1', podLabel).podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], R).obj()],
    },
    {
      name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod: makePod()
        .name('p')
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], R)
        .podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], R)
        .obj(),
      pods: [pod()],
      wantFilter: U(Anti),
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: makePod()
        .name('p')
        .labels(podLabel)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], R)
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], R)
        .obj(),
      pods: [bound('node1', podLabel).podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], R).obj()],
      wantFilter: U(Existing),
    },
    {
      name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
      pod: makePod().name('p').labels(podLabel).podAffinityNotIn('service', 'region', ['securityscan', 'value2'], R).obj(),
      pods: [bound('node2', { service: 'securityscan' }).obj()],
      wantFilter: UU(Affinity),
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: makePod().name('p').labels(podLabel).obj(),
      pods: [bound('node1', podLabel).podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], R).obj()],
      wantFilter: U(Existing),
    },
    {
      name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
      pod: makePod().name('p').labels(podLabel).obj(),
      pods: [bound('node1', podLabel).podAntiAffinityNotIn('service', 'zone', ['securityscan', 'value2'], R).obj()],
      wantPreFilter: Status.new('Skip'),
    },
    {
      name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
      pod: makePod().name('p').labels(podLabel).podAntiAffinityExists('service', 'region', R).podAntiAffinityExists('security', 'region', R).obj(),
      pods: [bound('node1', podLabel2).podAntiAffinityExists('security', 'zone', R).obj()],
      wantFilter: U(Anti),
    },
    {
      name: 'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().name('p').labels(podLabel).podAntiAffinityExists('service', 'zone', R).podAntiAffinityExists('security', 'zone', R).obj(),
      pods: [bound('node1', podLabel2).podAntiAffinityExists('security', 'zone', R).obj()],
      wantFilter: U(Anti),
    },
    {
      name: 'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().name('p').labels(podLabel2).podAntiAffinityExists('security', 'zone', R).obj(),
      pods: [bound('node1', podLabel).podAntiAffinityExists('service', 'zone', R).podAntiAffinityExists('security', 'zone', R).obj()],
      wantFilter: U(Existing),
    },
    {
      name: 'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().name('p').labels({ abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', R).podAntiAffinityExists('def', 'zone', R).obj(),
      pods: [bound('node1', { def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', R).podAntiAffinityExists('def', 'zone', R).obj()],
      wantFilter: U(Anti),
    },
    {
      name: 'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().name('p').labels({ def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', R).podAntiAffinityExists('def', 'zone', R).obj(),
      pods: [bound('node1', { abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', R).podAntiAffinityExists('def', 'zone', R).obj()],
      wantFilter: U(Anti),
    },
    {
      name: 'affinity with NamespaceSelector',
      pod: withTerms('', '', podLabel2, [
        { ...term('region', sel('service', 'In', ['securityscan', 'value2'])), namespaceSelector: { matchExpressions: [sel('team', 'In', ['team1'])] } as LabelSelector },
      ]),
      pods: [bound('node1', podLabel, 'subteam1.team1').obj()],
    },
    {
      name: 'affinity with non-matching NamespaceSelector',
      pod: withTerms('', '', podLabel2, [
        { ...term('region', sel('service', 'In', ['securityscan', 'value2'])), namespaceSelector: { matchExpressions: [sel('team', 'In', ['team1'])] } as LabelSelector },
      ]),
      pods: [bound('node1', podLabel, 'subteam1.team2').obj()],
      wantFilter: UU(Affinity),
    },
    {
      name: 'anti-affinity with matching NamespaceSelector',
      pod: withTerms('subteam1.team1', '', podLabel2, undefined, [
        { ...term('zone', sel('service', 'In', ['securityscan', 'value2'])), namespaceSelector: { matchExpressions: [sel('team', 'In', ['team1'])] } as LabelSelector },
      ]),
      pods: [bound('node1', podLabel, 'subteam2.team1').obj()],
      wantFilter: U(Anti),
    },
    {
      name: 'anti-affinity with matching all NamespaceSelector',
      pod: withTerms('subteam1.team1', '', podLabel2, undefined, [{ ...term('zone', sel('service', 'In', ['securityscan', 'value2'])), namespaceSelector: {} }]),
      pods: [bound('node1', podLabel, 'subteam2.team1').obj()],
      wantFilter: U(Anti),
    },
    {
      name: 'anti-affinity with non-matching NamespaceSelector',
      pod: withTerms('subteam1.team1', '', podLabel2, undefined, [
        { ...term('zone', sel('service', 'In', ['securityscan', 'value2'])), namespaceSelector: { matchExpressions: [sel('team', 'In', ['team1'])] } as LabelSelector },
      ]),
      pods: [bound('node1', podLabel, 'subteam1.team2').obj()],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = run(c.pod, c.pods ?? [], [node1]);
      if (c.wantPreFilter) {
        expectStatus(r.pre, c.wantPreFilter);
        return;
      }
      expect(r.pre).toBeNull();
      expectStatus(r.filter('node1'), c.wantFilter ?? null);
    });
  }

  it('PodAffinity fails PreFilter with an invalid affinity label syntax', () => {
    const p = makePod()
      .name('p')
      .labels(podLabel)
      .podAffinityIn('service', 'region', ['{{.bad-value.}}'], R)
      .podAffinityIn('service', 'node', ['antivirusscan', 'value2'], R)
      .obj();
    const { pre } = run(p, [], [node1]);
    expect(Status.code(pre)).toBe('UnschedulableAndUnresolvable');
    expect(pre!.message()).toBe(badValue);
  });

  it('PodAntiAffinity fails PreFilter with an invalid antiaffinity label syntax', () => {
    const p = makePod()
      .name('p')
      .labels(podLabel)
      .podAffinityIn('service', 'region', ['foo'], R)
      .podAffinityIn('service', 'node', ['{{.bad-value.}}'], R)
      .obj();
    const { pre } = run(p, [], [node1]);
    expect(Status.code(pre)).toBe('UnschedulableAndUnresolvable');
    expect(pre!.message()).toBe(badValue);
  });
});

describe('Filter on several nodes (TestRequiredAffinityMultipleNodes)', () => {
  const R = 'required' as const;
  const n = (name: string, labels: Record<string, string>) => {
    const w = makeNode().name(name);
    for (const [k, v] of Object.entries(labels)) w.label(k, v);
    return w.obj();
  };
  const china = { region: 'China' };
  const chinaAz1 = { region: 'China', az: 'az1' };
  const india = { region: 'India' };
  const rz = (name: string, zone: string) => n(name, { region: 'r1', zone, hostname: name });
  const cases: { name: string; pod: Pod; pods: Pod[]; nodes: Node[]; want: Want[]; wantPreFilter?: Status }[] = [
    {
      name: 'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
      pod: makePod().name('p').podAffinityIn('foo', 'region', ['bar'], R).obj(),
      pods: [makePod().name('p1').node('node1').labels({ foo: 'bar' }).obj()],
      nodes: [n('node1', china), n('node2', chinaAz1), n('node3', india)],
      want: [null, null, UU(Affinity)],
    },
    {
      name:
        'The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection ' +
        "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
      pod: makePod()
        .name('p')
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'], R)
        .podAffinityIn('service', 'zone', ['securityscan'], R)
        .obj(),
      pods: [makePod().name('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [n('nodeA', { zone: 'az1', hostname: 'h1' }), n('nodeB', { zone: 'az2', hostname: 'h2' })],
      want: [null, null],
    },
    {
      name: 'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
      pod: makePod()
        .name('p')
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'], R)
        .podAffinityIn('service', 'zone', ['securityscan'], R)
        .obj(),
      pods: [makePod().name('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [n('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), n('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
      want: [UU(Affinity), UU(Affinity)],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
      pod: makePod().name('p').podAntiAffinityIn('foo', 'region', ['abc'], R).obj(),
      pods: [bound('nodeA', { foo: 'abc' }).obj()],
      nodes: [n('nodeA', { region: 'r1', hostname: 'nodeA' }), n('nodeB', { region: 'r1', hostname: 'nodeB' })],
      want: [U(Anti), U(Anti)],
    },
    {
      name: 'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
      pod: makePod().name('p').podAntiAffinityIn('foo', 'region', ['abc'], R).podAntiAffinityIn('service', 'zone', ['securityscan'], R).obj(),
      pods: [bound('nodeA', { foo: 'abc', service: 'securityscan' }).obj()],
      nodes: [n('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }), n('nodeB', { region: 'r1', zone: 'z2', hostname: 'nodeB' })],
      want: [U(Anti), U(Anti)],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
      pod: makePod().name('p').podAntiAffinityIn('foo', 'region', ['abc'], R).obj(),
      pods: [bound('nodeA', { foo: 'abc' }).obj()],
      nodes: [n('nodeA', china), n('nodeB', chinaAz1), n('nodeC', india)],
      want: [U(Anti), U(Anti), null],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)',
      pod: makePod().name('p').namespace('NS1').labels({ foo: '123' }).podAntiAffinityIn('foo', 'region', ['bar'], R).obj(),
      pods: [bound('nodeA', { foo: 'bar' }, 'NS1').obj(), bound('nodeC', {}, 'NS2').podAntiAffinityIn('foo', 'region', ['123'], R).obj()],
      nodes: [n('nodeA', china), n('nodeB', chinaAz1), n('nodeC', india)],
      want: [U(Anti), U(Anti), null],
    },
    {
      name: "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
      pod: makePod().name('p').label('foo', '').obj(),
      pods: [bound('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', R).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z1')],
      wantPreFilter: Status.new('Skip'),
      want: [null, null],
    },
    {
      name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
      pod: makePod().name('p').node('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', R).obj(),
      pods: [bound('nodeA', { foo: '' }).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z1')],
      want: [null, null],
    },
    {
      name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
      pod: makePod().name('p').label('foo', '').label('bar', '').obj(),
      pods: [bound('nodeA').podAntiAffinityExists('foo', 'zone', R).obj(), bound('nodeA').podAntiAffinityExists('bar', 'region', R).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
      want: [U(Existing), U(Existing)],
    },
    {
      name: "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
      pod: makePod().name('p').podAntiAffinityExists('foo', 'zone', R).podAntiAffinityExists('bar', 'region', R).obj(),
      pods: [bound('nodeA', { foo: '' }).obj(), bound('nodeB', { bar: '' }).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
      want: [U(Anti), U(Anti)],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: makePod().name('p').label('foo', '').label('bar', '').obj(),
      pods: [bound('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', R).podAntiAffinityExists('bar', 'zone', R).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
      want: [U(Existing), null],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: makePod().name('p').podAntiAffinityExists('foo', 'invalid-node-label', R).podAntiAffinityExists('bar', 'zone', R).obj(),
      pods: [makePod().name('podA').node('nodeA').labels({ foo: '', bar: '' }).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
      want: [U(Anti), null],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: makePod().name('p').label('foo', '').label('bar', '').obj(),
      pods: [bound('nodeA').podAntiAffinityExists('foo', 'region', R).podAntiAffinityExists('bar', 'zone', R).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
      want: [U(Existing), U(Existing)],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: makePod().name('p').podAntiAffinityExists('foo', 'region', R).podAntiAffinityExists('bar', 'zone', R).obj(),
      pods: [bound('nodeA', { foo: '', bar: '' }).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
      want: [U(Anti), U(Anti)],
    },
    {
      name: "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
      pod: makePod().name('p').label('foo', '').label('bar', '').obj(),
      pods: [
        bound('nodeA').podAntiAffinityExists('foo', 'zone', R).podAntiAffinityExists('labelA', 'zone', R).obj(),
        bound('nodeB').podAntiAffinityExists('bar', 'zone', R).podAntiAffinityExists('labelB', 'zone', R).obj(),
      ],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2'), rz('nodeC', 'z3')],
      want: [U(Existing), U(Existing), null],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
      pod: makePod().name('p').podAffinityExists('foo', 'region', R).podAffinityExists('bar', 'zone', R).obj(),
      pods: [makePod().name('pod1').labels({ foo: '', bar: '' }).node('nodeA').obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z1')],
      want: [null, null],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
      pod: makePod().name('p').podAffinityExists('foo', 'region', R).podAffinityExists('bar', 'zone', R).obj(),
      pods: [makePod().name('pod1').node('nodeA').labels({ foo: '' }).obj(), makePod().name('pod2').node('nodeB').labels({ bar: '' }).obj()],
      nodes: [rz('nodeA', 'z1'), rz('nodeB', 'z2')],
      want: [UU(Affinity), UU(Affinity)],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = run(c.pod, c.pods, c.nodes, [{ metadata: { name: 'NS1' } }]);
      if (c.wantPreFilter) {
        expectStatus(r.pre, c.wantPreFilter);
        return;
      }
      expect(r.pre).toBeNull();
      c.nodes.forEach((node, i) => expectStatus(r.filter(node.metadata.name!), c.want[i]));
    });
  }
});

describe('Filter without PreFilter (TestPreFilterDisabled)', () => {
  it('reports the missing state', () => {
    const { pl } = setup([], [makeNode().name('n').obj()]);
    const s = pl.filter(new CycleState(), makePod().name('p').obj(), Snapshot.from([], [makeNode().name('n').obj()]).get('n')!);
    expect(Status.code(s)).toBe('Error');
    expect(s!.message()).toBe(`error reading "${preFilterStateKey}" from cycleState: not found`);
  });
});

/** A TopologyCounts as a flat object keyed "key=value", for comparing with upstream's topologyToMatchedTermCount. */
const flat = (c: TopologyCounts) => Object.fromEntries([...c.counts].flatMap(([k, m]) => [...m].map(([v, n]) => [`${k}=${v}`, n])));

describe('AddPod and RemovePod (TestPreFilterStateAddRemovePod)', () => {
  const label1 = { region: 'r1', zone: 'z11' };
  const label2 = { region: 'r1', zone: 'z12' };
  const label3 = { region: 'r2', zone: 'z21' };
  const selector1 = { foo: 'bar' };
  const antiAffinityFooBar = { requiredDuringSchedulingIgnoredDuringExecution: [term('region', sel('foo', 'In', ['bar']))] };
  const complexTerms = [term('region', sel('foo', 'In', ['bar', 'buzz'])), term('zone', sel('service', 'NotIn', ['bar', 'security', 'test']))];
  const antiAffinityComplex = { requiredDuringSchedulingIgnoredDuringExecution: complexTerms };
  const affinityComplex = { requiredDuringSchedulingIgnoredDuringExecution: complexTerms };
  const nodes = () => [makeNode().name('nodeA').labels(label1).obj(), makeNode().name('nodeB').labels(label2).obj(), makeNode().name('nodeC').labels(label3).obj()];
  const cases = [
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod',
      pendingPod: makePod().name('pending').labels(selector1).affinity({ podAntiAffinity: antiAffinityFooBar }).obj(),
      existingPods: [makePod().name('p1').labels(selector1).node('nodeA').obj(), makePod().name('p2').node('nodeC').affinity({ podAntiAffinity: antiAffinityFooBar }).obj()],
      addedPod: makePod().name('addedPod').labels(selector1).node('nodeB').affinity({ podAntiAffinity: antiAffinityFooBar }).obj(),
      expectedAntiAffinity: { 'region=r1': 2 },
      expectedAffinity: {},
    },
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod (complex)',
      pendingPod: makePod().name('pending').labels(selector1).affinity({ podAntiAffinity: antiAffinityComplex }).obj(),
      existingPods: [makePod().name('p1').labels(selector1).node('nodeA').obj(), makePod().name('p2').node('nodeC').affinity({ podAntiAffinity: antiAffinityFooBar }).obj()],
      addedPod: makePod().name('addedPod').labels(selector1).node('nodeA').affinity({ podAntiAffinity: antiAffinityComplex }).obj(),
      expectedAntiAffinity: { 'region=r1': 2, 'zone=z11': 2, 'zone=z21': 1 },
      expectedAffinity: {},
    },
    {
      name: 'preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod',
      pendingPod: makePod().name('pending').labels(selector1).affinity({ podAffinity: affinityComplex }).obj(),
      existingPods: [
        makePod().name('p1').labels(selector1).node('nodeA').obj(),
        makePod().name('p2').node('nodeC').affinity({ podAntiAffinity: antiAffinityFooBar, podAffinity: affinityComplex }).obj(),
      ],
      addedPod: makePod().name('addedPod').labels(selector1).node('nodeA').affinity({ podAntiAffinity: antiAffinityComplex }).obj(),
      expectedAntiAffinity: {},
      expectedAffinity: { 'region=r1': 2, 'zone=z11': 2 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const getState = (pods: Pod[]) => {
        const r = run(c.pendingPod, pods, nodes());
        expect(Status.isSuccess(r.pre)).toBe(true);
        return { ...r, s: r.state.read<PreFilterState>(preFilterStateKey)! };
      };
      const all = getState([...c.existingPods, c.addedPod]).s;
      const { pl, state, snapshot, s } = getState(c.existingPods);
      const original = s.clone();
      const nodeInfo = snapshot.get(c.addedPod.spec!.nodeName!)!;
      expect(pl.addPod(state, c.pendingPod, new PodInfo(c.addedPod), nodeInfo)).toBeNull();
      expect(flat(s.antiAffinityCounts)).toEqual(c.expectedAntiAffinity);
      expect(flat(s.affinityCounts)).toEqual(c.expectedAffinity);
      expect(flat(s.existingAntiAffinityCounts)).toEqual(flat(all.existingAntiAffinityCounts));
      expect(flat(s.affinityCounts)).toEqual(flat(all.affinityCounts));
      expect(flat(s.antiAffinityCounts)).toEqual(flat(all.antiAffinityCounts));
      expect(pl.removePod(state, c.pendingPod, new PodInfo(c.addedPod), nodeInfo)).toBeNull();
      expect(flat(s.existingAntiAffinityCounts)).toEqual(flat(original.existingAntiAffinityCounts));
      expect(flat(s.affinityCounts)).toEqual(flat(original.affinityCounts));
      expect(flat(s.antiAffinityCounts)).toEqual(flat(original.antiAffinityCounts));
    });
  }
});

describe('PreFilterState.clone (TestPreFilterStateClone)', () => {
  it('copies the counts', () => {
    const { pl, state } = run(makePod().name('p').label('foo', '').podAntiAffinityExists('foo', 'name', 'required').obj(), [], [makeNode().name('n').label('name', 'n').obj()]);
    expect(pl).toBeDefined();
    const source = state.read<PreFilterState>(preFilterStateKey)!;
    source.antiAffinityCounts.update(makeNode().name('x').label('name', 'nodeN').obj(), 'name', 3);
    const clone = source.clone();
    expect(clone).not.toBe(source);
    expect(flat(clone.antiAffinityCounts)).toEqual(flat(source.antiAffinityCounts));
    clone.antiAffinityCounts.update(makeNode().name('x').label('name', 'nodeN').obj(), 'name', 1);
    expect(flat(source.antiAffinityCounts)).toEqual({ 'name=nodeN': 3 });
  });
});

describe('getIncomingAffinityAntiAffinityCounts (TestGetTPMapMatchingIncomingAffinityAntiAffinity)', () => {
  const R = 'required' as const;
  const newPod = (...labels: string[]) => {
    const w = makePod().name('normal').node('nodeA');
    for (const l of labels) w.label(l, '');
    return w.obj();
  };
  const nodeA = makeNode().name('nodeA').label('hostname', 'nodeA').obj();
  const cases: { name: string; existingPods: Pod[]; pod: Pod; wantAffinity: Record<string, number>; wantAnti: Record<string, number> }[] = [
    { name: 'nil test', existingPods: [], pod: makePod().name('aaa-normal').obj(), wantAffinity: {}, wantAnti: {} },
    { name: 'incoming pod without affinity/anti-affinity causes a no-op', existingPods: [newPod('aaa')], pod: makePod().name('aaa-normal').obj(), wantAffinity: {}, wantAnti: {} },
    {
      name: "no pod has label that violates incoming pod's affinity and anti-affinity",
      existingPods: [newPod('bbb')],
      pod: makePod().name('aaa-anti').podAffinityExists('aaa', 'hostname', R).podAntiAffinityExists('aaa', 'hostname', R).obj(),
      wantAffinity: {},
      wantAnti: {},
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - single term case",
      existingPods: [newPod('aaa')],
      pod: makePod().name('affi-antiaffi').podAffinityExists('aaa', 'hostname', R).podAntiAffinityExists('aaa', 'hostname', R).obj(),
      wantAffinity: { 'hostname=nodeA': 1 },
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - multiple terms case",
      existingPods: [newPod('aaa', 'bbb')],
      pod: makePod()
        .name('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname', R)
        .podAffinityExists('bbb', 'hostname', R)
        .podAntiAffinityExists('aaa', 'hostname', R)
        .obj(),
      wantAffinity: { 'hostname=nodeA': 2 },
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "existing pod not match incoming pod's affinity but matches anti-affinity",
      existingPods: [newPod('aaa')],
      pod: makePod()
        .name('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname', R)
        .podAffinityExists('bbb', 'hostname', R)
        .podAntiAffinityExists('aaa', 'hostname', R)
        .podAntiAffinityExists('bbb', 'hostname', R)
        .obj(),
      wantAffinity: {},
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1",
      existingPods: [newPod('aaa', 'bbb')],
      pod: makePod()
        .name('anaffi-antiaffiti')
        .podAffinityExists('aaa', 'hostname', R)
        .podAffinityExists('ccc', 'hostname', R)
        .podAntiAffinityExists('aaa', 'hostname', R)
        .podAntiAffinityExists('ccc', 'hostname', R)
        .obj(),
      wantAffinity: {},
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 2",
      existingPods: [newPod('bbb')],
      pod: makePod()
        .name('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname', R)
        .podAffinityExists('bbb', 'hostname', R)
        .podAntiAffinityExists('aaa', 'hostname', R)
        .podAntiAffinityExists('bbb', 'hostname', R)
        .obj(),
      wantAffinity: {},
      wantAnti: { 'hostname=nodeA': 1 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const snapshot = Snapshot.from(c.existingPods, [nodeA]);
      const [aff, anti] = getIncomingAffinityAntiAffinityCounts(new PodInfo(c.pod), snapshot.list());
      expect(flat(aff)).toEqual(c.wantAffinity);
      expect(flat(anti)).toEqual(c.wantAnti);
    });
  }
});
