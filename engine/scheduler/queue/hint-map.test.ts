import { describe, expect, it } from 'vitest';
import { ActionType, Events } from './events';
import { buildQueueingHintMap } from './hint-map';

// After pkg/scheduler/scheduler_test.go (Test_buildQueueingHintMap): which plugins are registered for which events.

const filterOnly = { name: 'filterWithoutEnqueueExtensions', filter: () => null };
const scoreOnly = { name: 'scoreOnly', score: () => [0, null] };
const nodeAddOnly = {
  name: 'nodeAddPlugin',
  filter: () => null,
  eventsToRegister: () => [{ event: Events.NodeAdd, queueingHintFn: () => 'QueueSkip' as const }],
};
const emptyEvents = { name: 'emptyEventsToRegister', filter: () => null, eventsToRegister: () => [] };

describe('buildQueueingHintMap (Test_buildQueueingHintMap)', () => {
  it('registers a plugin without EnqueueExtensions for every resource, with no hint', () => {
    const regs = buildQueueingHintMap([filterOnly]);
    expect(regs.map((r) => r.event.resource)).toEqual([
      'Pod',
      'Node',
      'PersistentVolume',
      'PersistentVolumeClaim',
      'storage.k8s.io/CSINode',
      'storage.k8s.io/CSIDriver',
      'storage.k8s.io/CSIStorageCapacity',
      'storage.k8s.io/StorageClass',
      'resource.k8s.io/ResourceClaim',
      'resource.k8s.io/DeviceClass',
    ]);
    expect(regs.every((r) => r.event.actionType === ActionType.All && r.queueingHintFn === undefined)).toBe(true);
  });

  it('skips plugins that cannot reject a pod, and plugins that register no events', () => {
    expect(buildQueueingHintMap([scoreOnly, emptyEvents])).toEqual([]);
  });

  it('adds Node/UpdateNodeTaint with the default hint to a plugin registering only Node/Add', () => {
    const regs = buildQueueingHintMap([nodeAddOnly]);
    expect(regs.map((r) => [r.event, r.queueingHintFn === undefined])).toEqual([
      [Events.NodeAdd, false],
      [{ resource: 'Node', actionType: ActionType.UpdateNodeTaint }, true],
    ]);
  });

  it('drops the hints when SchedulerQueueingHints is off', () => {
    expect(buildQueueingHintMap([nodeAddOnly], false)[0].queueingHintFn).toBeUndefined();
  });
});
