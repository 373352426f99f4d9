// Raft messages in flight on the canvas, and message rates for the legend. Only a sample of the
// traffic is animated (heartbeats every 50 ms on every link would be a blur); rates count everything.
import type { StateCreator } from 'zustand/vanilla';
import type { WireMessage } from '../cluster/types';
import { messageKind, messageKinds, type MessageKind } from '../lib/messages';
import type { AppState } from './store';

/** One animated message: a dot travelling from `from` to `to`. */
export interface Flight {
  id: number;
  from: string;
  to: string;
  kind: MessageKind;
  /** Lost on the wire (dropped or the link is cut): the dot stops halfway and fades out red. */
  lost: boolean;
  /** performance.now() when it set off, and how long it travels (wall ms). */
  startMs: number;
  durationMs: number;
}

/** Messages per simulated second, by kind, plus lost ones. */
export type Rates = Record<MessageKind | 'lost', number>;

/** Traffic slice. */
export interface TrafficSlice {
  flights: Flight[];
  rates: Rates;
  /** Adds a sample of `messages` as flights and updates the rates. */
  ingestMessages(messages: WireMessage[], simNowMs: number, speed: number, wallNowMs: number): void;
  /** Drops flights that have landed. */
  pruneFlights(wallNowMs: number): void;
}

/** Least wall time between two animated messages of one kind on one directed link. */
const minGapMs: Record<MessageKind, number> = { heartbeat: 420, append: 160, vote: 0, other: 120 };
const maxFlights = 160;
const rateWindowMs = 2000;
const bucketMs = 100;

const zeroRates = (): Rates => ({ heartbeat: 0, append: 0, vote: 0, other: 0, lost: 0 });

export const createTrafficSlice: StateCreator<AppState, [], [], TrafficSlice> = (set, get) => {
  const lastSpawn = new Map<string, number>();
  // Sliding window of counts per 100 ms of simulated time.
  const buckets = new Map<number, Rates>();
  let nextId = 1;

  return {
    flights: [],
    rates: zeroRates(),
    ingestMessages: (messages, simNowMs, speed, wallNowMs) => {
      const added: Flight[] = [];
      for (const m of messages) {
        const kind = messageKind(m.type);
        const lost = m.deliverAt === null;
        const b = Math.floor(m.sentAt / bucketMs);
        const counts = buckets.get(b) ?? zeroRates();
        counts[kind]++;
        if (lost) counts.lost++;
        buckets.set(b, counts);

        const key = `${m.from}>${m.to}:${kind}`;
        const last = lastSpawn.get(key) ?? -Infinity;
        if (!lost && wallNowMs - last < minGapMs[kind]) continue;
        if (lost && wallNowMs - last < 200) continue;
        lastSpawn.set(key, wallNowMs);
        const latencySimMs = m.deliverAt === null ? 20 : Math.max(1, m.deliverAt - m.sentAt);
        const durationMs = Math.min(1100, Math.max(520, latencySimMs / Math.max(speed, 0.01)));
        added.push({ id: nextId++, from: m.from, to: m.to, kind, lost, startMs: wallNowMs, durationMs });
      }
      const oldest = Math.floor((simNowMs - rateWindowMs) / bucketMs);
      for (const k of buckets.keys()) if (k < oldest) buckets.delete(k);
      const rates = zeroRates();
      for (const c of buckets.values()) for (const k of [...messageKinds, 'lost'] as const) rates[k] += c[k];
      const span = Math.max(bucketMs, Math.min(rateWindowMs, simNowMs)) / 1000;
      for (const k of Object.keys(rates) as (keyof Rates)[]) rates[k] = Math.round(rates[k] / span);

      const live = get().flights.filter((f) => wallNowMs - f.startMs < f.durationMs);
      const flights = added.length ? [...live, ...added].slice(-maxFlights) : live;
      set({ flights, rates });
    },
    pruneFlights: (wallNowMs) => {
      const flights = get().flights;
      const live = flights.filter((f) => wallNowMs - f.startMs < f.durationMs);
      if (live.length !== flights.length) set({ flights: live });
    },
  };
};
