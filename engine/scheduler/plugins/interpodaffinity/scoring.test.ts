import { describe, expect, it } from 'vitest';
import type { Affinity, Node, Pod, PodAffinityTerm } from '../../../api/types/core';
import type { LabelSelector } from '../../../api/types/meta';
import { CycleState, MaxNodeScore, type NodeScore, Status } from '../../framework';
import { makeNode, makePod } from '../../queue/testdata/st';
import { namespaces, setup } from './testdata/setup';

// Ported from pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go (v1.32):
// TestPreferredAffinity and TestPreferredAffinityWithHardPodAffinitySymmetricWeight.

const M = MaxNodeScore;
const labelRgChina = { region: 'China' };
const labelRgIndia = { region: 'India' };
const labelAzAz1 = { az: 'az1' };
const labelAzAz2 = { az: 'az2' };
const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
const S1 = { security: 'S1' };
const S2 = { security: 'S2' };

const sel = (key: string, operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });
const term = (topologyKey: string, ...exprs: ReturnType<typeof sel>[]): PodAffinityTerm => ({ topologyKey, labelSelector: { matchExpressions: exprs } as LabelSelector });
const weighted = (weight: number, podAffinityTerm: PodAffinityTerm) => ({ weight, podAffinityTerm });
const team1: LabelSelector = { matchExpressions: [sel('team', 'In', ['team1'])] } as LabelSelector;

const stayWithS1InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('region', sel('security', 'In', ['S1'])))] } };
const stayWithS2InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(6, term('region', sel('security', 'In', ['S2'])))] } };
const affinity3: Affinity = {
  podAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      weighted(8, term('region', sel('security', 'NotIn', ['S1']), sel('security', 'In', ['S2']))),
      weighted(2, term('region', sel('security', 'Exists'), sel('wrongkey', 'DoesNotExist'))),
    ],
  },
};
const hardAffinity: Affinity = {
  podAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [
      term('region', sel('security', 'In', ['S1', 'value2'])),
      term('region', sel('security', 'Exists'), sel('wrongkey', 'DoesNotExist')),
    ],
  },
};
const awayFromS1InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('az', sel('security', 'In', ['S1'])))] } };
const awayFromS2InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('az', sel('security', 'In', ['S2'])))] } };
const stayWithS1InRegionAwayFromS2InAz: Affinity = {
  podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, term('region', sel('security', 'In', ['S1'])))] },
  podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('az', sel('security', 'In', ['S2'])))] },
};
const nsTerm = (): PodAffinityTerm => ({ ...term('region', sel('security', 'In', ['S1'])), namespaces: ['subteam2.team2'], namespaceSelector: team1 });
const affinityNamespaceSelector: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsTerm())] } };
const antiAffinityNamespaceSelector: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsTerm())] } };
const invalidAffinityLabels: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, term('region', sel('security', 'In', ['{{.bad-value.}}'])))] } };
const invalidAntiAffinityLabels: Affinity = {
  podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('az', sel('security', 'In', ['{{.bad-value.}}'])))] },
};

let seq = 0;
/** An unnamed upstream pod: a unique name, the labels, the node and the affinity. */
const pod = (labels: Record<string, string> = {}, nodeName = '', affinity?: Affinity, ns = ''): Pod => {
  const w = makePod().name(`pod${seq++}`).namespace(ns).labels(labels).node(nodeName);
  return (affinity ? w.affinity(affinity) : w).obj();
};
const node = (name: string, labels: Record<string, string>): Node => makeNode().name(name).labels(labels).obj();

interface Case {
  name: string;
  pod: Pod;
  pods?: Pod[];
  nodes: Node[];
  expected?: number[];
  wantStatus?: Status;
  ignorePreferredTermsOfExistingPods?: boolean;
  hardPodAffinityWeight?: number;
}

/** PreScore, then Score each node and NormalizeScore, as the upstream test loop does. */
function runScore(c: Case): { status: Status | null; scores?: NodeScore[] } {
  const { pl, snapshot } = setup(c.pods ?? [], c.nodes, namespaces, {
    hardPodAffinityWeight: c.hardPodAffinityWeight ?? 1,
    ignorePreferredTermsOfExistingPods: c.ignorePreferredTermsOfExistingPods ?? false,
  });
  const state = new CycleState();
  const status = pl.preScore(state, c.pod, snapshot.list());
  if (!Status.isSuccess(status)) return { status };
  const scores = c.nodes.map((n) => {
    const [score, s] = pl.score(state, c.pod, snapshot.get(n.metadata.name!)!);
    expect(s).toBeNull();
    return { name: n.metadata.name!, score };
  });
  expect(pl.normalizeScore(state, c.pod, scores)).toBeNull();
  return { status, scores };
}

function check(c: Case): void {
  const { status, scores } = runScore(c);
  if (!Status.isSuccess(status)) {
    expect(Status.code(status)).toBe(Status.code(c.wantStatus));
    expect(Status.message(status)).toContain(Status.message(c.wantStatus));
    return;
  }
  expect(c.wantStatus).toBeUndefined();
  expect(scores).toEqual(c.nodes.map((n, i) => ({ name: n.metadata.name, score: c.expected![i] })));
}

describe('Score (TestPreferredAffinity)', () => {
  const cases: Case[] = [
    {
      name: 'all nodes are same priority as Affinity is nil',
      pod: pod(S1),
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      wantStatus: Status.new('Skip'),
    },
    {
      name: "Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn't match either pods in nodes or in topology key",
      pod: pod(S1, '', stayWithS1InRegion),
      pods: [pod(S1, 'node1'), pod(S2, 'node2'), pod(S1, 'node3')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [M, 0, 0],
    },
    {
      name: 'All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score',
      pod: pod({}, '', stayWithS1InRegion),
      pods: [pod(S1, 'node1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgChinaAzAz1), node('node3', labelRgIndia)],
      expected: [M, M, 0],
    },
    {
      name: 'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
      pod: pod(S1, '', stayWithS2InRegion),
      pods: [pod(S2, 'node1'), pod(S2, 'node1'), pod(S2, 'node2'), pod(S2, 'node3'), pod(S2, 'node4'), pod(S2, 'node5')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelRgChina), node('node4', labelRgChina), node('node5', labelRgIndia)],
      expected: [M, 0, M, M, 0],
    },
    {
      name: 'Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ',
      pod: pod(S1, '', affinity3),
      pods: [pod(S1, 'node1'), pod(S2, 'node2'), pod(S1, 'node3')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [20, M, 0],
    },
    {
      name: 'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod(S2),
      pods: [pod(S1, 'node1', stayWithS1InRegion), pod(S2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [0, M, 0],
    },
    {
      name: 'Affinity symmetry with namespace selector',
      pod: pod(S1, '', undefined, 'subteam1.team1'),
      pods: [pod(S1, 'node1', affinityNamespaceSelector), pod(S2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [M, 0, 0],
    },
    {
      name: 'AntiAffinity symmetry with namespace selector',
      pod: pod(S1, '', undefined, 'subteam1.team1'),
      pods: [pod(S1, 'node1', antiAffinityNamespaceSelector), pod(S2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [0, M, M],
    },
    {
      name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod(S1),
      pods: [pod(S1, 'node1', hardAffinity), pod(S2, 'node2', hardAffinity)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [M, M, 0],
    },
    {
      name: 'Anti Affinity: pod that does not match existing pods in node will get high score ',
      pod: pod(S1, '', awayFromS1InAz),
      pods: [pod(S1, 'node1'), pod(S2, 'node2')],
      nodes: [node('node1', labelAzAz1), node('node2', labelRgChina)],
      expected: [0, M],
    },
    {
      name: 'Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ',
      pod: pod(S1, '', awayFromS1InAz),
      pods: [pod(S1, 'node1'), pod(S1, 'node2')],
      nodes: [node('node1', labelAzAz1), node('node2', labelRgChina)],
      expected: [0, M],
    },
    {
      name: 'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
      pod: pod(S1, '', awayFromS1InAz),
      pods: [pod(S1, 'node1'), pod(S1, 'node1'), pod(S2, 'node2')],
      nodes: [node('node1', labelAzAz1), node('node2', labelRgIndia)],
      expected: [0, M],
    },
    {
      name: 'Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score',
      pod: pod(S2),
      pods: [pod(S1, 'node1', awayFromS2InAz), pod(S2, 'node2', awayFromS1InAz)],
      nodes: [node('node1', labelAzAz1), node('node2', labelAzAz2)],
      expected: [0, M],
    },
    {
      name: 'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
      pod: pod(S1, '', stayWithS1InRegionAwayFromS2InAz),
      pods: [pod(S1, 'node1'), pod(S1, 'node2')],
      nodes: [node('node1', labelRgChina), node('node2', labelAzAz1)],
      expected: [M, 0],
    },
    {
      name: 'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
      pod: pod(S1, '', stayWithS1InRegionAwayFromS2InAz),
      pods: [pod(S1, 'node1'), pod(S1, 'node1'), pod(S1, 'node2'), pod(S1, 'node3'), pod(S1, 'node3'), pod(S1, 'node4'), pod(S1, 'node5')],
      nodes: [node('node1', labelRgChinaAzAz1), node('node2', labelRgIndia), node('node3', labelRgChina), node('node4', labelRgChina), node('node5', labelRgIndia)],
      expected: [M, 0, M, M, 0],
    },
    {
      name: 'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
      pod: pod(S1, '', stayWithS1InRegionAwayFromS2InAz),
      pods: [pod(S1, 'node1'), pod(S2, 'node2'), pod({}, 'node3', stayWithS1InRegionAwayFromS2InAz), pod({}, 'node4', awayFromS1InAz)],
      nodes: [node('node1', labelRgChina), node('node2', labelAzAz1), node('node3', labelRgIndia), node('node4', labelAzAz2)],
      expected: [M, 0, M, 0],
    },
    {
      name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
      pod: pod(S1),
      pods: [pod(S1, 'node1'), pod({}, 'node2', stayWithS1InRegionAwayFromS2InAz)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgChina)],
      expected: [0, 0],
    },
    {
      name: 'invalid Affinity fails PreScore',
      pod: pod({}, '', invalidAffinityLabels),
      nodes: [node('node1', labelRgChina), node('node2', labelRgChina)],
      wantStatus: Status.new('Error', 'Invalid value: "{{.bad-value.}}"'),
    },
    {
      name: 'invalid AntiAffinity fails PreScore',
      pod: pod({}, '', invalidAntiAffinityLabels),
      nodes: [node('node1', labelRgChina), node('node2', labelRgChina)],
      wantStatus: Status.new('Error', 'Invalid value: "{{.bad-value.}}"'),
    },
    {
      name: 'Affinity with pods matching NamespaceSelector',
      pod: pod(S1, '', affinityNamespaceSelector, 'subteam1.team1'),
      pods: [pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam1.team2'), pod(S1, 'node2', undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [M, 0],
    },
    {
      name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields',
      pod: pod(S1, '', affinityNamespaceSelector, 'subteam1.team1'),
      pods: [pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam2.team2'), pod(S1, 'node2', undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [M, 0],
    },
    {
      name: 'Affinity with pods matching NamespaceSelector (anti-affinity)',
      pod: pod(S1, '', antiAffinityNamespaceSelector, 'subteam1.team1'),
      pods: [pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam1.team2'), pod(S1, 'node2', undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [0, M],
    },
    {
      name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields (anti-affinity)',
      pod: pod(S1, '', antiAffinityNamespaceSelector, 'subteam1.team1'),
      pods: [pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam1.team1'), pod(S1, 'node1', undefined, 'subteam2.team2'), pod(S1, 'node2', undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [0, M],
    },
    {
      name: 'Ignore preferred terms of existing pods',
      pod: pod(S2),
      pods: [pod(S1, 'node1', stayWithS1InRegionAwayFromS2InAz), pod(S2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      wantStatus: Status.new('Skip'),
      ignorePreferredTermsOfExistingPods: true,
    },
    {
      name: 'Do not ignore preferred terms of existing pods',
      pod: pod(S2),
      pods: [pod(S1, 'node1', stayWithS1InRegionAwayFromS2InAz), pod(S2, 'node2', stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [0, M],
    },
    { name: 'No nodes to score', pod: pod(S2), nodes: [], wantStatus: Status.new('Skip') },
  ];
  for (const c of cases) it(c.name, () => check(c));
});

describe('Score with the hard affinity weight (TestPreferredAffinityWithHardPodAffinitySymmetricWeight)', () => {
  const serviceS1 = { service: 'S1' };
  const hardPodAffinity: Affinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('region', sel('service', 'In', ['S1'])), namespaces: ['', 'subteam2.team2'], namespaceSelector: team1 }],
    },
  };
  const nodes = () => [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)];
  const pods = () => [pod({}, 'node1', hardPodAffinity), pod({}, 'node2', hardPodAffinity)];
  const cases: Case[] = [
    { name: 'with default weight', pod: pod(serviceS1), pods: pods(), nodes: nodes(), hardPodAffinityWeight: 1, expected: [M, M, 0] },
    { name: 'with zero weight', pod: pod(serviceS1), pods: pods(), nodes: nodes(), hardPodAffinityWeight: 0, wantStatus: Status.new('Skip') },
    {
      name: 'with no matching namespace',
      pod: pod(serviceS1, '', undefined, 'subteam1.team2'),
      pods: pods(),
      nodes: nodes(),
      hardPodAffinityWeight: 1,
      wantStatus: Status.new('Skip'),
    },
    { name: 'with matching NamespaceSelector', pod: pod(serviceS1, '', undefined, 'subteam1.team1'), pods: pods(), nodes: nodes(), hardPodAffinityWeight: 1, expected: [M, M, 0] },
    { name: 'with matching Namespaces', pod: pod(serviceS1, '', undefined, 'subteam2.team2'), pods: pods(), nodes: nodes(), hardPodAffinityWeight: 1, expected: [M, M, 0] },
  ];
  for (const c of cases) it(c.name, () => check(c));
});

describe('NormalizeScore rounding', () => {
  it('truncates as int64(float64) does upstream: 2 of 3 gives 66, not 67', () => {
    const c: Case = {
      name: 'three nodes',
      pod: pod(S1, '', stayWithS1InRegion),
      pods: [pod(S1, 'node1'), pod(S1, 'node1'), pod(S1, 'node2'), pod(S1, 'node2'), pod(S1, 'node2')],
      nodes: [node('node1', { region: 'r1' }), node('node2', { region: 'r2' }), node('node3', { region: 'r3' })],
      expected: [66, M, 0],
    };
    check(c);
  });
});
