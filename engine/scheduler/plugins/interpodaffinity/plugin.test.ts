import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../api/types/core';
import { Snapshot } from '../../framework';
import { ActionType } from '../../queue/events';
import { makeNode, makePod } from '../../queue/testdata/st';
import { newInterPodAffinity, type InterPodAffinity } from './plugin';
import { setup } from './testdata/setup';

// Ported from pkg/scheduler/framework/plugins/interpodaffinity/plugin_test.go (v1.32):
// Test_isSchedulableAfterPodChange and Test_isSchedulableAfterNodeChange.

const R = 'required' as const;
const plugin = () => setup([], []).pl;

describe('isSchedulableAfterPodChange (Test_isSchedulableAfterPodChange)', () => {
  const affinityPod = () => makePod().uid('p').name('p').podAffinityIn('service', 'region', ['securityscan', 'value2'], R).obj();
  const antiPod = () => makePod().uid('p').name('p').podAntiAffinityIn('service', 'region', ['securityscan', 'value2'], R).obj();
  const twoTerms = () => makePod().uid('p').name('p').podAffinityExists('aaa', 'hostname', R).podAffinityExists('bbb', 'hostname', R).obj();
  const other = (labels: Record<string, string>, nodeName = 'fake-node') => makePod().uid('other').name('other').node(nodeName).labels(labels).obj();
  const cases: { name: string; pod: Pod; oldPod?: Pod; newPod?: Pod; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'add a pod which matches the pod affinity', pod: affinityPod(), newPod: other({ service: 'securityscan' }), want: 'Queue' },
    { name: 'add an un-scheduled pod', pod: affinityPod(), newPod: other({ service: 'securityscan' }, ''), want: 'QueueSkip' },
    { name: "add a pod which doesn't match the pod affinity", pod: affinityPod(), newPod: other({ aaa: 'a' }), want: 'QueueSkip' },
    { name: 'update a pod from non-match to match pod affinity', pod: affinityPod(), newPod: other({ service: 'securityscan' }), oldPod: other({ aaa: 'a' }), want: 'Queue' },
    {
      name: "the updating pod matches target pod's affinity both before and after label changes",
      pod: affinityPod(),
      newPod: other({ service: 'securityscan' }),
      oldPod: other({ service: 'value2' }),
      want: 'QueueSkip',
    },
    { name: 'update an un-scheduled pod', pod: affinityPod(), newPod: other({ service: 'securityscan' }, ''), oldPod: other({ aaa: 'a' }, ''), want: 'QueueSkip' },
    { name: 'update a pod from match to non-match the pod affinity', pod: affinityPod(), newPod: other({ aaa: 'a' }), oldPod: other({ service: 'securityscan' }), want: 'QueueSkip' },
    {
      name: "update a pod from match to non-match pod's affinity - multiple terms case",
      pod: twoTerms(),
      newPod: other({ service: 'securityscan' }),
      oldPod: other({ aaa: 'a' }),
      want: 'QueueSkip',
    },
    { name: "update a pod from non-match to match pod's affinity - multiple terms case", pod: twoTerms(), newPod: other({ aaa: '', bbb: '' }), oldPod: other({ aaa: 'a' }), want: 'Queue' },
    {
      name: 'modify pod label to change it from satisfying pod anti-affinity to not satisfying anti-affinity',
      pod: antiPod(),
      newPod: other({ service: 'aaaa' }),
      oldPod: other({ service: 'securityscan' }),
      want: 'Queue',
    },
    {
      name: 'modify pod label to change it from not satisfying pod anti-affinity to satisfying anti-affinity',
      pod: antiPod(),
      newPod: other({ service: 'securityscan' }),
      oldPod: other({ service: 'bbb' }),
      want: 'QueueSkip',
    },
    { name: "delete a pod which doesn't match pod's anti-affinity", pod: antiPod(), oldPod: other({ aaa: 'a' }), want: 'QueueSkip' },
    { name: "delete a pod which matches pod's anti-affinity", pod: antiPod(), oldPod: other({ service: 'securityscan' }), want: 'Queue' },
  ];
  for (const c of cases) it(c.name, () => expect(plugin().isSchedulableAfterPodChange(c.pod, c.oldPod, c.newPod)).toBe(c.want));

  it('v1.32: deleting a pod whose anti-affinity repels the pending pod is skipped (later releases queue it)', () => {
    const pending = makePod().name('p').label('service', 'securityscan').obj();
    const deleted = makePod().name('e').node('fake-node').podAntiAffinityIn('service', 'region', ['securityscan', 'value2'], R).obj();
    expect(plugin().isSchedulableAfterPodChange(pending, deleted, undefined)).toBe('QueueSkip');
  });
});

describe('isSchedulableAfterNodeChange (Test_isSchedulableAfterNodeChange)', () => {
  const affinity = (key: string) => makePod().name('p').podAffinityIn('service', key, ['securityscan', 'value2'], R).obj();
  const anti = () => makePod().name('p').podAntiAffinity('zone', { matchLabels: { another: 'label' } }, R).obj();
  const node = (labels: Record<string, string>) => makeNode().name('node-a').labels(labels).obj();
  const cases: { name: string; pod: Pod; oldNode?: Node; newNode?: Node; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'add a new node with matched pod affinity topologyKey', pod: affinity('zone'), newNode: node({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add a new node without matched topologyKey', pod: affinity('region'), newNode: node({ zone: 'zone1' }), want: 'QueueSkip' },
    { name: 'update node label but not topologyKey', pod: affinity('zone'), oldNode: node({ aaa: 'a' }), newNode: node({ aaa: 'b' }), want: 'QueueSkip' },
    {
      name: "update node label that isn't related to the pod affinity",
      pod: affinity('zone'),
      oldNode: node({ zone: 'zone1' }),
      newNode: node({ zone: 'zone1', 'unrelated-label': 'unrelated' }),
      want: 'QueueSkip',
    },
    { name: 'update node with different affinity topologyKey value', pod: affinity('zone'), oldNode: node({ zone: 'zone1' }), newNode: node({ zone: 'zone2' }), want: 'Queue' },
    { name: 'update node to have the affinity topology label', pod: affinity('zone'), oldNode: node({ aaa: 'a' }), newNode: node({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add a new node with matched pod anti-affinity topologyKey', pod: anti(), newNode: node({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add a new node without matched pod anti-affinity topologyKey', pod: anti(), newNode: node({}), want: 'Queue' },
    {
      name: "update node label that isn't related to the pod anti-affinity",
      pod: anti(),
      oldNode: node({ zone: 'zone1' }),
      newNode: node({ zone: 'zone1', 'unrelated-label': 'unrelated' }),
      want: 'QueueSkip',
    },
    { name: 'update node with different anti-affinity topologyKey value', pod: anti(), oldNode: node({ zone: 'zone1' }), newNode: node({ zone: 'zone2' }), want: 'Queue' },
    { name: 'update node to have the anti-affinity topology label', pod: anti(), oldNode: node({ aaa: 'a' }), newNode: node({ zone: 'zone1' }), want: 'QueueSkip' },
    { name: 'update node label not to have anti-affinity topology label', pod: anti(), oldNode: node({ zone: 'zone1' }), newNode: node({ aaa: 'a' }), want: 'Queue' },
  ];
  for (const c of cases) it(c.name, () => expect(plugin().isSchedulableAfterNodeChange(c.pod, c.oldNode, c.newNode)).toBe(c.want));
});

describe('EventsToRegister', () => {
  it('registers pod add/label update/delete and node add/label update, with hints', () => {
    const pl = newInterPodAffinity({}, { snapshotSharedLister: () => Snapshot.from([], []), listers: {} }) as InterPodAffinity;
    const evs = pl.eventsToRegister();
    expect(evs.map((e) => [e.event.resource, e.event.actionType])).toEqual([
      ['Pod', ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete],
      ['Node', ActionType.Add | ActionType.UpdateNodeLabel],
    ]);
    expect(evs.every((e) => typeof e.queueingHintFn === 'function')).toBe(true);
  });
});
