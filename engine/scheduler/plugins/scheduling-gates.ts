// SchedulingGates, as pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates.go: a pod with
// spec.schedulingGates waits outside activeQ until every gate is removed.

import type { Pod } from '../../api/types/core';
import type { PluginFactory, PreEnqueuePlugin } from '../framework/interface';
import { Status } from '../framework/status';
import { names } from './names';

// Models pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates.go
/** SchedulingGates: a PreEnqueue plugin that holds gated pods back. */
export class SchedulingGates implements PreEnqueuePlugin {
  readonly name = names.SchedulingGates;

  preEnqueue(pod: Pod): Status | null {
    const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
    if (gates.length === 0) return null;
    // fmt's %v of a []string: "[a b]".
    return Status.new('UnschedulableAndUnresolvable', `waiting for scheduling gates: [${gates.join(' ')}]`);
  }
}

/** The plugin's factory for the registry. */
export const newSchedulingGates: PluginFactory = () => new SchedulingGates();
