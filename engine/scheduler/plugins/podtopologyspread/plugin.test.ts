import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../api/types/core';
import { type Handle, Snapshot } from '../../framework';
import { buildQueueingHintMap } from '../../queue/hint-map';
import { makeLabelSelector, makeNode, makePod } from '../../queue/testdata/st';
import { defaultPodTopologySpreadArgs, PodTopologySpread, systemDefaultConstraints } from './plugin';

// Ported from pkg/scheduler/framework/plugins/podtopologyspread/plugin_test.go
// (Test_isSchedulableAfterNodeChange, Test_isSchedulableAfterPodChange), with the node hint as
// kubernetes#127478 refined it for 1.32: only a change of a topology key's value, of whether the
// node carries every key, or of its taints can help.

const fooSelector = makeLabelSelector().exists('foo').obj();
const barSelector = makeLabelSelector().exists('bar').obj();
const plugin = () => {
  const handle: Handle = { snapshotSharedLister: () => Snapshot.from([], []), listers: {} };
  return new PodTopologySpread(handle, { defaultingType: 'List' });
};
const zoneOnly = () => makePod().name('p').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj();
const zoneAndNode = () => makePod().name('p').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj();
const node = (labels: Record<string, string>) => {
  const w = makeNode().name('node-a');
  for (const [k, v] of Object.entries(labels)) w.label(k, v);
  return w.obj();
};

describe('isSchedulableAfterNodeChange (Test_isSchedulableAfterNodeChange)', () => {
  const cases: { name: string; pod: Pod; oldNode?: Node; newNode?: Node; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'node updates label which matches topologyKey', pod: zoneOnly(), oldNode: node({ zone: 'zone1' }), newNode: node({ zone: 'zone2' }), want: 'Queue' },
    { name: "node that doesn't match topologySpreadConstraints updates non-related label", pod: zoneOnly(), oldNode: node({ foo: 'bar1' }), newNode: node({ foo: 'bar2' }), want: 'QueueSkip' },
    {
      name: 'node that match topologySpreadConstraints removes a non-related label',
      pod: zoneAndNode(),
      oldNode: node({ zone: 'zone1', node: 'node1', foo: 'bar' }),
      newNode: node({ zone: 'zone1', node: 'node1' }),
      want: 'QueueSkip',
    },
    { name: 'create node with non-related labels', pod: zoneOnly(), newNode: node({ foo: 'bar' }), want: 'QueueSkip' },
    { name: 'create node with related labels', pod: zoneOnly(), newNode: node({ zone: 'zone1' }), want: 'Queue' },
    { name: 'delete node with non-related labels', pod: zoneOnly(), oldNode: node({ foo: 'bar' }), want: 'QueueSkip' },
    { name: 'delete node with related labels', pod: zoneOnly(), oldNode: node({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add node with related labels that only match one of topologySpreadConstraints', pod: zoneAndNode(), newNode: node({ zone: 'zone1' }), want: 'QueueSkip' },
    { name: 'add node with related labels that match all topologySpreadConstraints', pod: zoneAndNode(), newNode: node({ zone: 'zone1', node: 'node1' }), want: 'Queue' },
    {
      name: 'update node with related labels that only match one of topologySpreadConstraints',
      pod: zoneAndNode(),
      oldNode: node({ zone: 'zone1' }),
      newNode: node({ zone: 'zone1' }),
      want: 'QueueSkip',
    },
    {
      name: 'update node with related labels that match all topologySpreadConstraints',
      pod: zoneAndNode(),
      oldNode: node({ zone: 'zone1', node: 'node1' }),
      newNode: node({ zone: 'zone1', node: 'node2' }),
      want: 'Queue',
    },
    {
      name: "update node's taints on a node that matches all topologySpreadConstraints",
      pod: zoneOnly(),
      oldNode: node({ zone: 'zone1' }),
      newNode: { ...node({ zone: 'zone1' }), spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } },
      want: 'Queue',
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(plugin().isSchedulableAfterNodeChange(tc.pod, tc.oldNode, tc.newNode)).toBe(tc.want));
});

describe('isSchedulableAfterPodChange (Test_isSchedulableAfterPodChange)', () => {
  const fooPod = () => makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj();
  const multi = () => makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).obj();
  const bound = (labels: Record<string, string>, ns?: string) => {
    const w = makePod().name('other').node('fake-node').labels(labels);
    return (ns ? w.namespace(ns) : w).obj();
  };
  const unbound = (labels: Record<string, string>) => makePod().name('other').labels(labels).obj();
  const cases: { name: string; pod: Pod; oldPod?: Pod; newPod?: Pod; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'add pod with labels match topologySpreadConstraints selector', pod: fooPod(), newPod: bound({ foo: '' }), want: 'Queue' },
    { name: 'add un-scheduled pod', pod: fooPod(), newPod: unbound({ foo: '' }), want: 'QueueSkip' },
    { name: 'update un-scheduled pod', pod: fooPod(), newPod: unbound({ foo: '' }), oldPod: unbound({ bar: '' }), want: 'QueueSkip' },
    { name: 'delete un-scheduled pod', pod: fooPod(), oldPod: unbound({ foo: '' }), want: 'QueueSkip' },
    { name: 'add pod with different namespace', pod: fooPod(), newPod: bound({ foo: '' }, 'fake-namespace'), want: 'QueueSkip' },
    { name: "add pod with labels don't match topologySpreadConstraints selector", pod: fooPod(), newPod: bound({ bar: '' }), want: 'QueueSkip' },
    { name: 'delete pod with labels that match topologySpreadConstraints selector', pod: fooPod(), oldPod: bound({ foo: '' }), want: 'Queue' },
    { name: "delete pod with labels that don't match topologySpreadConstraints selector", pod: fooPod(), oldPod: bound({ bar: '' }), want: 'QueueSkip' },
    { name: "update pod's non-related label", pod: fooPod(), oldPod: bound({ foo: '', bar: 'bar1' }), newPod: bound({ foo: '', bar: 'bar2' }), want: 'QueueSkip' },
    { name: "add pod's label that matches topologySpreadConstraints selector", pod: fooPod(), oldPod: bound({}), newPod: bound({ foo: '' }), want: 'Queue' },
    { name: 'delete pod label that matches topologySpreadConstraints selector', pod: fooPod(), oldPod: bound({ foo: '' }), newPod: bound({}), want: 'Queue' },
    { name: "change pod's label that matches topologySpreadConstraints selector", pod: fooPod(), oldPod: bound({ foo: 'foo1' }), newPod: bound({ foo: 'foo2' }), want: 'QueueSkip' },
    {
      name: "add pod's label that matches topologySpreadConstraints selector with multi topologySpreadConstraints",
      pod: multi(),
      oldPod: bound({ foo: '' }),
      newPod: bound({ foo: '', bar: 'bar2' }),
      want: 'Queue',
    },
    {
      name: "change pod's label that doesn't match topologySpreadConstraints selector with multi topologySpreadConstraints",
      pod: multi(),
      oldPod: bound({ foo: '' }),
      newPod: bound({ foo: '', baz: '' }),
      want: 'QueueSkip',
    },
    {
      name: "change pod's label that match topologySpreadConstraints selector with multi topologySpreadConstraints",
      pod: multi(),
      oldPod: bound({ foo: '', bar: '' }),
      newPod: bound({ foo: '', bar: 'bar2' }),
      want: 'QueueSkip',
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(plugin().isSchedulableAfterPodChange(tc.pod, tc.oldPod, tc.newPod)).toBe(tc.want));

  it('the pod itself gaining a toleration counts when a constraint honors taints', () => {
    const pod = makePod().name('p').uid('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, 'Honor').obj();
    const tolerated = { ...pod, spec: { ...pod.spec!, tolerations: [{ key: 'k', operator: 'Exists' as const }] } };
    expect(plugin().isSchedulableAfterPodChange(pod, pod, tolerated)).toBe('Queue');
    const ignoring = zoneOnly();
    expect(plugin().isSchedulableAfterPodChange(ignoring, ignoring, { ...ignoring, spec: { ...ignoring.spec!, tolerations: [{ key: 'k' }] } })).toBe('QueueSkip');
  });
});

describe('plugin setup', () => {
  it('defaults to the system constraints (SetDefaults_PodTopologySpreadArgs)', () => {
    expect(defaultPodTopologySpreadArgs()).toEqual({ defaultConstraints: [], defaultingType: 'System' });
    expect(defaultPodTopologySpreadArgs({ defaultConstraints: [systemDefaultConstraints[0]] }).defaultingType).toBe('List');
    expect(systemDefaultConstraints).toEqual([
      { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
      { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
    ]);
  });

  it('registers pod and node events with hints for the queue', () => {
    const regs = buildQueueingHintMap([plugin()]);
    expect(regs.map((r) => [r.pluginName, r.event.resource, r.queueingHintFn !== undefined])).toEqual([
      ['PodTopologySpread', 'Pod', true],
      ['PodTopologySpread', 'Node', true],
    ]);
  });
});
