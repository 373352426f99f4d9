// Ports pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinity,
// TestNodeAffinityPriority).

import { describe, expect, it } from 'vitest';
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, PreferredSchedulingTerm } from '../../api/types/core';
import { CycleState } from '../framework/cycle-state';
import { NodeInfo } from '../framework/node-info';
import { Status } from '../framework/status';
import { handleFor, makeNode, makePod, runScore, statusOf } from '../framework/testing';
import { ErrReasonPod, NodeAffinity, type NodeAffinityArgs } from './node-affinity';

const req = (key: string, operator: NodeSelectorRequirement['operator'], values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });
const required = (...terms: NodeSelectorTerm[]): Partial<PodSpec> => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
const byName = (...names: string[]): NodeSelectorTerm => ({ matchFields: names.map((n) => req('metadata.name', 'In', [n])) });
const rejected = { code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonPod] };

describe('NodeAffinity Filter (TestNodeAffinity)', () => {
  const cases: { name: string; spec: Partial<PodSpec>; labels?: Record<string, string>; nodeName?: string; want?: object | null; wantPreFilter?: string; wantResult?: string[]; args?: NodeAffinityArgs }[] = [
    { name: 'missing labels', spec: { nodeSelector: { foo: 'bar' } }, want: rejected },
    { name: 'same labels', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar' } },
    { name: 'node labels are superset', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar', baz: 'blah' } },
    { name: 'node labels are subset', spec: { nodeSelector: { foo: 'bar', baz: 'blah' } }, labels: { foo: 'bar' }, want: rejected },
    { name: 'Pod with matchExpressions using In operator that matches the existing node', spec: required({ matchExpressions: [req('foo', 'In', ['bar', 'value2'])] }), labels: { foo: 'bar' } },
    { name: 'Pod with matchExpressions using Gt operator that matches the existing node', spec: required({ matchExpressions: [req('kernel-version', 'Gt', ['0204'])] }), labels: { 'kernel-version': '0206' } },
    { name: 'Pod with matchExpressions using NotIn operator that matches the existing node', spec: required({ matchExpressions: [req('mem-type', 'NotIn', ['DDR', 'DDR2'])] }), labels: { 'mem-type': 'DDR3' } },
    { name: 'Pod with matchExpressions using Exists operator that matches the existing node', spec: required({ matchExpressions: [req('GPU', 'Exists')] }), labels: { GPU: 'NVIDIA-GRID-K1' } },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      spec: required({ matchExpressions: [req('foo', 'In', ['value1', 'value2'])] }),
      labels: { foo: 'bar' },
      want: rejected,
    },
    {
      name: 'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node',
      spec: required({ matchExpressions: [] }),
      labels: { foo: 'bar' },
      want: rejected,
    },
    { name: 'Pod with no Affinity will schedule onto a node', spec: {}, labels: { foo: 'bar' }, wantPreFilter: 'Skip' },
    { name: 'Pod with Affinity but nil NodeSelector will schedule onto a node', spec: { affinity: { nodeAffinity: {} } }, labels: { foo: 'bar' }, wantPreFilter: 'Skip' },
    {
      name: 'Pod with multiple matchExpressions ANDed that matches the existing node',
      spec: required({ matchExpressions: [req('GPU', 'Exists'), req('GPU', 'NotIn', ['AMD', 'INTER'])] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      spec: required({ matchExpressions: [req('GPU', 'Exists'), req('GPU', 'In', ['AMD', 'INTER'])] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: rejected,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      spec: required({ matchExpressions: [req('foo', 'In', ['bar', 'value2'])] }, { matchExpressions: [req('diffkey', 'In', ['wrong', 'value2'])] }),
      labels: { foo: 'bar' },
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      spec: { nodeSelector: { foo: 'bar' }, ...required({ matchExpressions: [req('foo', 'Exists')] }) },
      labels: { foo: 'bar' },
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      spec: { nodeSelector: { foo: 'bar' }, ...required({ matchExpressions: [req('foo', 'Exists')] }) },
      labels: { foo: 'barrrrrr' },
      want: rejected,
    },
    {
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      spec: required({ matchExpressions: [req('foo', 'NotIn', ['invalid value: ___@#$%^'])] }),
      labels: { foo: 'bar' },
      want: rejected,
    },
    { name: 'Pod with matchFields using In operator that matches the existing node', spec: required(byName('node1')), nodeName: 'node1', wantResult: ['node1'] },
    { name: 'Pod with matchFields using In operator that does not match the existing node', spec: required(byName('node1')), nodeName: 'node2', want: rejected, wantResult: ['node1'] },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      spec: required(byName('node1', 'node2'), { matchExpressions: [req('foo', 'In', ['bar'])] }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
    },
    {
      name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
      spec: required({ ...byName('node1'), matchExpressions: [req('foo', 'In', ['bar'])] }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      want: rejected,
      wantResult: ['node1'],
    },
    {
      name: 'Pod with two terms naming different nodes: the PreFilter result is their union',
      spec: required(byName('node1'), byName('node2')),
      nodeName: 'node2',
      wantResult: ['node1', 'node2'],
    },
    {
      name: "Pod with one term whose name requirements conflict: PreFilter rejects it",
      spec: required(byName('node1', 'node2')),
      nodeName: 'node1',
      wantPreFilter: 'UnschedulableAndUnresolvable: pod affinity terms conflict',
    },
    {
      name: 'Pod with no affinity is still held to the profile’s added affinity',
      spec: {},
      labels: { foo: 'bar' },
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [req('zone', 'In', ['foo'])] }] } } },
      want: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match scheduler-enforced node affinity"] },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const node = makeNode(tc.nodeName ?? 'node', {}, { labels: tc.labels });
      // The test's node carries only the labels given (no hostname label), as upstream's.
      node.metadata.labels = tc.labels;
      const ni = new NodeInfo();
      ni.setNode(node);
      const p = new NodeAffinity(tc.args);
      const state = new CycleState();
      const [result, pre] = p.preFilter(state, makePod('p', tc.spec));
      if (tc.wantPreFilter) {
        expect(`${pre!.code()}${pre!.message() ? `: ${pre!.message()}` : ''}`).toBe(tc.wantPreFilter);
        return;
      }
      expect(Status.isSuccess(pre)).toBe(true);
      expect(result?.nodeNames ? [...result.nodeNames].sort() : undefined).toEqual(tc.wantResult);
      expect(statusOf(p.filter(state, makePod('p', tc.spec), ni))).toEqual(tc.want ?? null);
    });
  }
});

describe('NodeAffinity Score (TestNodeAffinityPriority)', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const pref = (weight: number, ...exprs: NodeSelectorRequirement[]): PreferredSchedulingTerm => ({ weight, preference: { matchExpressions: exprs } });
  const withPreferred = (...terms: PreferredSchedulingTerm[]): Pod => makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } });
  const affinity1 = withPreferred(pref(2, req('foo', 'In', ['bar'])));
  const affinity2 = withPreferred(pref(2, req('foo', 'In', ['bar'])), pref(4, req('key', 'In', ['value'])), pref(5, req('foo', 'In', ['bar']), req('key', 'In', ['value']), req('az', 'In', ['az1'])));
  const cases: { name: string; pod: Pod; nodes: [string, Record<string, string>][]; expected: number[] }[] = [
    {
      name: 'all nodes are same priority as NodeAffinity is nil',
      pod: makePod('p'),
      nodes: [
        ['node1', label1],
        ['node2', label2],
        ['node3', label3],
      ],
      expected: [0, 0, 0],
    },
    {
      name: 'no node matches preferred affinity',
      pod: affinity1,
      nodes: [
        ['node1', label4],
        ['node2', label2],
        ['node3', label3],
      ],
      expected: [0, 0, 0],
    },
    {
      name: 'only node1 matches the preferred affinity of the pod',
      pod: affinity1,
      nodes: [
        ['node1', label1],
        ['node2', label2],
        ['node3', label3],
      ],
      expected: [100, 0, 0],
    },
    {
      name: 'all nodes matches the preferred affinity of the pod but with different priorities',
      pod: affinity2,
      nodes: [
        ['node1', label1],
        ['node5', label5],
        ['node2', label2],
      ],
      // raw 2, 11, 4 → 2×100/11 = 18, 100, 4×100/11 = 36
      expected: [18, 100, 36],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { snapshot } = handleFor(tc.nodes.map(([n, l]) => makeNode(n, {}, { labels: l })));
      expect(runScore(new NodeAffinity(), tc.pod, snapshot).map((s) => s.score)).toEqual(tc.expected);
    });
  }

  it('adds the profile’s preferred terms to every pod (Added affinity)', () => {
    const args: NodeAffinityArgs = { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, req('key', 'In', ['value']))] } };
    const { snapshot } = handleFor([makeNode('node1', {}, { labels: label1 }), makeNode('node2', {}, { labels: label2 }), makeNode('node5', {}, { labels: label5 })]);
    // raw 2, 5, 7 → 28, 71, 100
    expect(runScore(new NodeAffinity(args), affinity1, snapshot).map((s) => s.score)).toEqual([28, 71, 100]);
  });
});
