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
  /** Simulated ms per wall ms actually achieved over the last second or so (null: not measured yet, or paused). */
  achievedSpeed: number | null;
  setConnection(state: ConnectionState, error?: string): void;
  /** Stores a snapshot (seen at wall time `wallMs`) and logs what changed since the previous one. */
  applySnapshot(s: ClusterSnapshot, wallMs?: number): void;
}

/** Wall ms of history the achieved speed is measured over. */
const speedWindowMs = 1500;

/** The speed achieved over a window of (wall, sim) samples: the slope from the oldest to the newest. */
export function achievedSpeed(samples: readonly { wall: number; sim: number }[]): number | null {
  if (samples.length < 2) return null;
  const a = samples[0];
  const b = samples[samples.length - 1];
  return b.wall - a.wall >= 250 ? (b.sim - a.sim) / (b.wall - a.wall) : null;
}

export const createClusterSlice: StateCreator<AppState, [], [], ClusterSlice> = (set, get) => {
  // Members seen running at least once, to tell a first start from a restart in the log.
  const everUp = new Set<string>();
  let samples: { wall: number; sim: number }[] = [];
  return {
    connection: 'connecting',
    connectionError: null,
    snapshot: null,
    achievedSpeed: null,
    setConnection: (connection, error) => set({ connection, connectionError: error ?? null }),
    applySnapshot: (s, wallMs) => {
      const prev = get().snapshot;
      const events = diffSnapshots(prev, s, everUp);
      for (const m of s.members) if (m.up) everUp.add(m.name);
      // A pause, a speed change or a jump (a step, a replay) starts the measurement again.
      if (wallMs === undefined || s.paused || !prev || prev.paused || prev.speed !== s.speed) samples = [];
      if (wallMs !== undefined && !s.paused) {
        samples.push({ wall: wallMs, sim: s.now });
        while (samples.length > 2 && wallMs - samples[1].wall >= speedWindowMs) samples.shift();
      }
      set({ snapshot: { ...s, messages: [] }, connection: 'live', achievedSpeed: achievedSpeed(samples) });
      get().placeMembers(s.members.map((m) => m.name));
      for (const e of events) get().log(e.level, e.text);
      const selected = get().selected;
      if (selected && !s.members.some((m) => m.name === selected)) get().select(null);
    },
  };
};
