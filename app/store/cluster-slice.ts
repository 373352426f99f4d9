// The latest cluster snapshot and the state of the connection to the engine.
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterSnapshot } from '../cluster/types';
import { diffSnapshots } from '../lib/diff';
import type { AppState } from './store';

/** Connection to the browser cluster. */
export type ConnectionState = 'connecting' | 'live' | 'error';

/** Snapshot slice: what the engine last reported, without its per-tick message list. */
export interface ClusterSlice {
  connection: ConnectionState;
  connectionError: string | null;
  snapshot: ClusterSnapshot | null;
  setConnection(state: ConnectionState, error?: string): void;
  /** Stores a snapshot and logs what changed since the previous one. */
  applySnapshot(s: ClusterSnapshot): void;
}

export const createClusterSlice: StateCreator<AppState, [], [], ClusterSlice> = (set, get) => {
  // Members seen running at least once, to tell a first start from a restart in the log.
  const everUp = new Set<string>();
  return {
    connection: 'connecting',
    connectionError: null,
    snapshot: null,
    setConnection: (connection, error) => set({ connection, connectionError: error ?? null }),
    applySnapshot: (s) => {
      const prev = get().snapshot;
      const events = diffSnapshots(prev, s, everUp);
      for (const m of s.members) if (m.up) everUp.add(m.name);
      set({ snapshot: { ...s, messages: [] }, connection: 'live' });
      get().placeMembers(s.members.map((m) => m.name));
      for (const e of events) get().log(e.level, e.text);
      const selected = get().selected;
      if (selected && !s.members.some((m) => m.name === selected)) get().select(null);
    },
  };
};
