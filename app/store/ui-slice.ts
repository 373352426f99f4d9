// Selection, the activity log and in-progress operations.
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterEvent } from '../lib/diff';
import type { AppState } from './store';

/** An activity log entry, stamped with simulated time. */
export interface LogEntry extends ClusterEvent {
  id: number;
  atMs: number;
}

/** UI slice. */
export interface UiSlice {
  selected: string | null;
  log: (level: ClusterEvent['level'], text: string) => void;
  events: LogEntry[];
  /** Names of operations under way ('add-member', 'kill:etcd-1', …), to disable their buttons. */
  busy: Record<string, true>;
  select(name: string | null): void;
  setBusy(key: string, on: boolean): void;
}

const maxEvents = 200;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => {
  let nextId = 1;
  return {
    selected: null,
    events: [],
    busy: {},
    log: (level, text) => {
      const atMs = get().snapshot?.now ?? 0;
      set((s) => ({ events: [...s.events, { id: nextId++, level, text, atMs }].slice(-maxEvents) }));
    },
    select: (selected) => set({ selected }),
    setBusy: (key, on) =>
      set((s) => {
        const busy = { ...s.busy };
        if (on) busy[key] = true;
        else delete busy[key];
        return { busy };
      }),
  };
};
