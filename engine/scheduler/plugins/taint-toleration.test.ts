// Ports pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go (TestTaintTolerationScore,
// TestTaintTolerationFilter), with 1.32's Filter message (it names the taint) and without the
// Gt/Lt toleration operators, which came later.

import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../api/types/core';
import { NodeInfo } from '../framework/node-info';
import { handleFor, makeNode, makePod, runFilter, runScore, statusOf } from '../framework/testing';
import { TaintToleration } from './taint-toleration';

const nodeWithTaints = (name: string, taints: Taint[]) => makeNode(name, {}, { spec: { taints } });
const podWithTolerations = (tolerations: Toleration[]) => makePod('pod1', { tolerations });
const pns = 'PreferNoSchedule' as const;

describe('TaintToleration Score (TestTaintTolerationScore)', () => {
  const cases: { name: string; tolerations: Toleration[]; nodes: [string, Taint[]][]; expected: [string, number][] }[] = [
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: pns }],
      nodes: [
        ['nodeA', [{ key: 'foo', value: 'bar', effect: pns }]],
        ['nodeB', [{ key: 'foo', value: 'blah', effect: pns }]],
      ],
      expected: [
        ['nodeA', 100],
        ['nodeB', 0],
      ],
    },
    {
      name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
      tolerations: [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: pns },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: pns },
      ],
      nodes: [
        ['nodeA', []],
        ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: pns }]],
        [
          'nodeC',
          [
            { key: 'cpu-type', value: 'arm64', effect: pns },
            { key: 'disk-type', value: 'ssd', effect: pns },
          ],
        ],
      ],
      expected: [
        ['nodeA', 100],
        ['nodeB', 100],
        ['nodeC', 100],
      ],
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets.',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: pns }],
      nodes: [
        ['nodeA', []],
        ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: pns }]],
        [
          'nodeC',
          [
            { key: 'cpu-type', value: 'arm64', effect: pns },
            { key: 'disk-type', value: 'ssd', effect: pns },
          ],
        ],
      ],
      expected: [
        ['nodeA', 100],
        ['nodeB', 50],
        ['nodeC', 0],
      ],
    },
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
      tolerations: [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ],
      nodes: [
        ['nodeA', []],
        ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]],
        [
          'nodeC',
          [
            { key: 'cpu-type', value: 'arm64', effect: pns },
            { key: 'disk-type', value: 'ssd', effect: pns },
          ],
        ],
      ],
      expected: [
        ['nodeA', 100],
        ['nodeB', 100],
        ['nodeC', 0],
      ],
    },
    {
      name: 'Default behaviour No taints and tolerations, lands on node with no taints',
      tolerations: [],
      nodes: [
        ['nodeA', []],
        ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: pns }]],
      ],
      expected: [
        ['nodeA', 100],
        ['nodeB', 0],
      ],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { snapshot } = handleFor(tc.nodes.map(([n, t]) => nodeWithTaints(n, t)));
      const got = runScore(new TaintToleration(), podWithTolerations(tc.tolerations), snapshot);
      expect(got.map((s) => [s.name, s.score])).toEqual(tc.expected);
    });
  }
});

describe('TaintToleration Filter (TestTaintTolerationFilter)', () => {
  const untolerated = (k: string, v: string) => ({ code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint {${k}: ${v}}`] });
  const cases: { name: string; tolerations: Toleration[]; taints: Taint[]; want: ReturnType<typeof statusOf> }[] = [
    {
      name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      tolerations: [],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: untolerated('dedicated', 'user1'),
    },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: untolerated('dedicated', 'user1'),
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
      want: null,
    },
    {
      name: "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: pns }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: untolerated('foo', 'bar'),
    },
    {
      name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: pns }],
      want: null,
    },
    {
      name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      tolerations: [],
      taints: [{ key: 'dedicated', value: 'user1', effect: pns }],
      want: null,
    },
    {
      name: 'a NoExecute taint keeps untolerating pods off too, and an empty value prints as an empty string',
      tolerations: [],
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoExecute' }],
      want: untolerated('node-role.kubernetes.io/control-plane', ''),
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const ni = new NodeInfo();
      ni.setNode(nodeWithTaints('nodeA', tc.taints));
      expect(statusOf(runFilter(new TaintToleration(), podWithTolerations(tc.tolerations), ni))).toEqual(tc.want);
    });
  }
});
