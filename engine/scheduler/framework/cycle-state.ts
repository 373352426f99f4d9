// CycleState, as pkg/scheduler/framework/cycle_state.go: the scratch space of one scheduling
// cycle. A plugin writes what its PreFilter or PreScore worked out and reads it back in Filter or
// Score; preemption clones it to try "what if these pods were gone" without touching the original.

import { goQuote } from '../../api/labels';

/** framework.StateData: what a plugin keeps in the cycle state; cloned when the state is. */
export interface StateData {
  clone(): StateData;
}

/** The error text of a missing key (framework.ErrNotFound). */
export const errNotFound = 'not found';

// Models pkg/scheduler/framework/cycle_state.go
/** framework.CycleState: plugin-private data for one pod's scheduling cycle. */
export class CycleState {
  private readonly storage = new Map<string, StateData>();
  /** Filter plugins whose PreFilter returned Skip: the framework does not run them. */
  skipFilterPlugins = new Set<string>();
  /** Score plugins whose PreScore returned Skip. */
  skipScorePlugins = new Set<string>();

  /** The data a plugin wrote under key, or undefined (upstream returns ErrNotFound). */
  read<T extends StateData>(key: string): T | undefined {
    return this.storage.get(key) as T | undefined;
  }

  /** Stores data under key, replacing what was there. */
  write(key: string, data: StateData): void {
    this.storage.set(key, data);
  }

  /** Forgets key. */
  delete(key: string): void {
    this.storage.delete(key);
  }

  /** A deep copy: every StateData cloned, the skip sets copied (CycleState.Clone). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.storage) c.storage.set(k, v.clone());
    c.skipFilterPlugins = new Set(this.skipFilterPlugins);
    c.skipScorePlugins = new Set(this.skipScorePlugins);
    return c;
  }
}

/**
 * The error text a plugin gives when its PreFilter/PreScore state is missing: upstream's plugins
 * say either `reading "key" from cycleState: not found` or `error reading …`; `lead` picks which.
 */
export function errReadingState(key: string, lead: 'reading' | 'error reading' = 'error reading'): string {
  return `${lead} ${goQuote(key)} from cycleState: ${errNotFound}`;
}
