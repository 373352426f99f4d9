import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types/core';
import { ActionType, type ClusterEvent, eventLabel, eventMatches, Events, nodeSchedulingPropertiesChange, podSchedulingPropertiesChange } from './events';

// Ported from pkg/scheduler/framework/events_test.go (TestNodeSchedulingPropertiesChange,
// Test_podSchedulingPropertiesChange) and types_test.go (TestClusterEventMatch-style cases).

const node = (o: { unschedulable?: boolean; allocatable?: Record<string, string>; labels?: Record<string, string>; annotations?: Record<string, string>; taints?: NonNullable<Node['spec']>['taints']; conditions?: { type: string; status: 'True' | 'False' }[] }): Node => ({
  metadata: { name: 'n', labels: o.labels, annotations: o.annotations },
  spec: { unschedulable: o.unschedulable, taints: o.taints },
  status: { allocatable: o.allocatable, conditions: o.conditions as NonNullable<Node['status']>['conditions'] },
});

describe('nodeSchedulingPropertiesChange (TestNodeSchedulingPropertiesChange)', () => {
  const n = (actionType: number): ClusterEvent => ({ resource: 'Node', actionType });
  const taint = (value: string) => [{ key: 'node.kubernetes.io/unschedulable', value, effect: 'NoSchedule' as const }];
  const cases: { name: string; newNode: Node; oldNode: Node; want: ClusterEvent[] }[] = [
    { name: 'no specific changed applied', newNode: node({ unschedulable: false }), oldNode: node({ unschedulable: false }), want: [] },
    { name: 'only node spec unavailable changed', newNode: node({ unschedulable: false }), oldNode: node({ unschedulable: true }), want: [n(ActionType.UpdateNodeTaint)] },
    {
      name: 'only node allocatable changed',
      newNode: node({ allocatable: { cpu: '1000m', memory: '100m', 'example.com/foo': '1' } }),
      oldNode: node({ allocatable: { cpu: '1000m', memory: '100m', 'example.com/foo': '2' } }),
      want: [n(ActionType.UpdateNodeAllocatable)],
    },
    { name: 'only node label changed', newNode: node({ labels: { foo: 'bar' } }), oldNode: node({ labels: { foo: 'fuz' } }), want: [n(ActionType.UpdateNodeLabel)] },
    { name: 'only node taint changed', newNode: node({ taints: taint('') }), oldNode: node({ taints: taint('foo') }), want: [n(ActionType.UpdateNodeTaint)] },
    { name: 'only node annotation changed', newNode: node({ annotations: { foo: 'bar' } }), oldNode: node({ annotations: { foo: 'fuz' } }), want: [n(ActionType.UpdateNodeAnnotation)] },
    { name: 'only node condition changed', newNode: node({}), oldNode: node({ conditions: [{ type: 'Ready', status: 'True' }] }), want: [n(ActionType.UpdateNodeCondition)] },
    {
      name: 'both node label and node taint changed',
      newNode: node({ labels: { foo: 'bar' }, taints: taint('') }),
      oldNode: node({ taints: taint('foo') }),
      want: [n(ActionType.UpdateNodeLabel), n(ActionType.UpdateNodeTaint)],
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(nodeSchedulingPropertiesChange(tc.newNode, tc.oldNode)).toEqual(tc.want));
});

describe('podSchedulingPropertiesChange (Test_podSchedulingPropertiesChange)', () => {
  const pod = (o: { labels?: Record<string, string>; annotations?: Record<string, string>; nodeName?: string; cpu?: string; gates?: string[]; tolerations?: string[] }): Pod => ({
    metadata: { name: 'p', labels: o.labels, annotations: o.annotations },
    spec: {
      nodeName: o.nodeName,
      containers: o.cpu ? [{ name: 'app', resources: { requests: { cpu: o.cpu } } }] : [],
      schedulingGates: o.gates?.map((name) => ({ name })),
      tolerations: o.tolerations?.map((key) => ({ key })),
    },
  });
  const u = (actionType: number): ClusterEvent => ({ resource: 'UnschedulablePod', actionType });
  const cases: { name: string; newPod: Pod; oldPod: Pod; want: ClusterEvent[] }[] = [
    {
      name: 'assigned pod is updated',
      newPod: pod({ labels: { foo: 'bar' }, nodeName: 'node' }),
      oldPod: pod({ labels: { foo: 'bar2' }, nodeName: 'node' }),
      want: [{ resource: 'AssignedPod', actionType: ActionType.UpdatePodLabel }],
    },
    { name: 'only label is updated', newPod: pod({ labels: { foo: 'bar' } }), oldPod: pod({ labels: { foo: 'bar2' } }), want: [u(ActionType.UpdatePodLabel)] },
    { name: "pod's resource request is scaled down", oldPod: pod({ cpu: '101m' }), newPod: pod({ cpu: '100m' }), want: [u(ActionType.UpdatePodScaleDown)] },
    { name: "pod's resource request is scaled up", oldPod: pod({ cpu: '100m' }), newPod: pod({ cpu: '101m' }), want: [u(ActionType.Update)] },
    {
      name: "both pod's resource request and label are updated",
      oldPod: pod({ cpu: '101m' }),
      newPod: pod({ cpu: '100m', labels: { foo: 'bar' } }),
      want: [u(ActionType.UpdatePodLabel), u(ActionType.UpdatePodScaleDown)],
    },
    { name: 'untracked properties of pod is updated', newPod: pod({ annotations: { foo: 'bar' } }), oldPod: pod({ annotations: { foo: 'bar2' } }), want: [u(ActionType.Update)] },
    { name: 'scheduling gate is eliminated', newPod: pod({ gates: [] }), oldPod: pod({ gates: ['foo'] }), want: [u(ActionType.UpdatePodSchedulingGatesEliminated)] },
    { name: 'scheduling gate is removed, but not completely eliminated', newPod: pod({ gates: ['foo'] }), oldPod: pod({ gates: ['foo', 'bar'] }), want: [u(ActionType.Update)] },
    { name: "pod's tolerations are updated", newPod: pod({ tolerations: ['key', 'key2'] }), oldPod: pod({ tolerations: ['key'] }), want: [u(ActionType.UpdatePodTolerations)] },
  ];
  for (const tc of cases) it(tc.name, () => expect(podSchedulingPropertiesChange(tc.newPod, tc.oldPod)).toEqual(tc.want));
});

describe('ClusterEvent', () => {
  it('labels events as resource then action, or by their special label', () => {
    expect(eventLabel(Events.NodeAdd)).toBe('NodeAdd');
    expect(eventLabel(Events.AssignedPodDelete)).toBe('AssignedPodDelete');
    expect(eventLabel(Events.UnscheduledPodUpdate)).toBe('UnschedulablePodUpdate');
    expect(eventLabel({ resource: 'Node', actionType: ActionType.UpdateNodeTaint })).toBe('NodeUpdateNodeTaint');
    expect(eventLabel(Events.UnschedulableTimeout)).toBe('UnschedulableTimeout');
  });

  it('matches by resource (Pod covers both pod kinds) and shared action bits', () => {
    const podAll: ClusterEvent = { resource: 'Pod', actionType: ActionType.All };
    const nodeAll: ClusterEvent = { resource: 'Node', actionType: ActionType.All };
    const nodeLabel: ClusterEvent = { resource: 'Node', actionType: ActionType.UpdateNodeLabel };
    expect(eventMatches(podAll, Events.AssignedPodAdd)).toBe(true);
    expect(eventMatches(podAll, Events.UnscheduledPodUpdate)).toBe(true);
    expect(eventMatches(nodeAll, Events.AssignedPodAdd)).toBe(false);
    expect(eventMatches(nodeAll, { resource: 'Node', actionType: ActionType.UpdateNodeTaint })).toBe(true);
    expect(eventMatches(nodeLabel, { resource: 'Node', actionType: ActionType.UpdateNodeTaint })).toBe(false);
    expect(eventMatches({ resource: 'Node', actionType: ActionType.Update }, { resource: 'Node', actionType: ActionType.UpdateNodeTaint })).toBe(true);
    expect(eventMatches(Events.UnschedulableTimeout, { resource: 'PersistentVolume', actionType: ActionType.Add })).toBe(true);
    // A wildcard event only matches a wildcard registration.
    expect(eventMatches(nodeAll, Events.UnschedulableTimeout)).toBe(false);
    expect(eventMatches({ resource: 'AssignedPod', actionType: ActionType.All }, Events.AssignedPodAdd)).toBe(true);
  });
});
