// Ports pkg/scheduler/framework/plugins/nodename/node_name_test.go (TestNodeName),
// nodeunschedulable/node_unschedulable_test.go (TestNodeUnschedulable),
// schedulinggates/scheduling_gates_test.go (TestPreEnqueue) and queuesort/priority_sort_test.go (TestLess).

import { describe, expect, it } from 'vitest';
import type { Toleration } from '../../api/types/core';
import { NodeInfo } from '../framework/node-info';
import { makeNode, makePod, statusOf } from '../framework/testing';
import { NodeName } from './node-name';
import { NodeUnschedulable } from './node-unschedulable';
import { PrioritySort } from './priority-sort';
import { SchedulingGates } from './scheduling-gates';

const infoFor = (node = makeNode('foo')) => {
  const ni = new NodeInfo();
  ni.setNode(node);
  return ni;
};

describe('NodeName (TestNodeName)', () => {
  const cases: { name: string; nodeName?: string; want: ReturnType<typeof statusOf> }[] = [
    { name: 'no host specified', want: null },
    { name: 'host matches', nodeName: 'foo', want: null },
    { name: 'host doesn\'t match', nodeName: 'bar', want: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] } },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(statusOf(new NodeName().filter(null, makePod('p', { nodeName: tc.nodeName }), infoFor()))).toEqual(tc.want);
    });
  }
});

describe('NodeUnschedulable (TestNodeUnschedulable)', () => {
  const unschedulable = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] };
  const cases: { name: string; unschedulable?: boolean; tolerations?: Toleration[]; want: ReturnType<typeof statusOf> }[] = [
    { name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', unschedulable: true, want: unschedulable },
    { name: 'Schedule pod to normal node', unschedulable: false, want: null },
    {
      name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      want: null,
    },
    { name: 'a toleration for another effect does not do', unschedulable: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoExecute' }], want: unschedulable },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const node = makeNode('foo', {}, { spec: { unschedulable: tc.unschedulable } });
      expect(statusOf(new NodeUnschedulable().filter(null, makePod('p', { tolerations: tc.tolerations }), infoFor(node)))).toEqual(tc.want);
    });
  }
});

describe('SchedulingGates (TestPreEnqueue)', () => {
  it('lets an ungated pod in', () => {
    expect(new SchedulingGates().preEnqueue(makePod('p'))).toBeNull();
  });
  it('holds a gated pod back, naming its gates as Go prints a []string', () => {
    const s = new SchedulingGates().preEnqueue(makePod('p', { schedulingGates: [{ name: 'foo' }, { name: 'bar' }] }));
    expect(statusOf(s)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['waiting for scheduling gates: [foo bar]'] });
  });
});

describe('PrioritySort (TestLess)', () => {
  const q = (priority: number | undefined, timestamp: number) => ({ pod: makePod('p', { priority }), timestamp });
  const cases: { name: string; a: ReturnType<typeof q>; b: ReturnType<typeof q>; expected: boolean }[] = [
    { name: 'p1.priority less than p2.priority', a: q(0, 0), b: q(100, 0), expected: false },
    { name: 'p1.priority greater than p2.priority', a: q(100, 0), b: q(0, 0), expected: true },
    { name: 'equal priority. p1 is added to schedulingQ earlier than p2', a: q(100, 0), b: q(100, 1), expected: true },
    { name: 'equal priority. p2 is added to schedulingQ earlier than p1', a: q(100, 1), b: q(100, 0), expected: false },
    { name: 'an unset priority counts as 0', a: q(undefined, 0), b: q(1, 5), expected: false },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(new PrioritySort().less(tc.a, tc.b)).toBe(tc.expected);
    });
  }
});
