// The load generator the person starts and stops: where requests come from and go to, how fast,
// and what they did so far (connections that completed per endpoint, failures per reason). The
// loop itself is app/actions/traffic-actions.ts; each of its batches is a recorded traffic step.
import type { StateCreator } from 'zustand/vanilla';
import type { TrafficResult } from '../../engine/proxy/traffic';
import type { AppState } from './store';

/** What the load generator sends. */
export interface LoadSpec {
  /** A node (`node-1`) or a pod (`default/web-abc`). */
  from: string;
  /** `name:port`, `ip:port`, or a URL (`http://foo.example.com/path`: HTTP through an Ingress). */
  to: string;
  /**
   * Where a URL's connections go (curl's --connect-to): a node (its IP at the ingress-nginx
   * controller's NodePort) or `ip:port`; empty means the From node.
   */
  via: string;
  /** Connections per simulated second. */
  rate: number;
}

/** What it has done since it was started. */
export interface LoadTotals {
  ok: number;
  failed: number;
  byEndpoint: Record<string, number>;
  errors: Record<string, number>;
  /** HTTP responses by status code (a URL's traffic). */
  byStatus: Record<string, number>;
  /** The address the name resolved to, last time. */
  resolved: string;
  /** Why the last batch sent nothing, if it did not. */
  error: string;
  batches: number;
  /** The last batch alone (a simulated second): where traffic goes now, as pods die and endpoints change. */
  last: { ok: number; failed: number; byEndpoint: Record<string, number> };
}

export interface LoadGenSlice {
  loadSpec: LoadSpec;
  loadRunning: boolean;
  /** Counts the starts: a batch of an earlier run (in flight when it was stopped) is not this run's. */
  loadRun: number;
  loadTotals: LoadTotals;
  setLoadSpec(spec: Partial<LoadSpec>): void;
  /** Starts counting afresh (the loop runs while loadRunning). */
  startLoad(): void;
  stopLoad(): void;
  /** Adds one batch's result to the totals, if it belongs to the current run. */
  addLoadResult(r: TrafficResult, run: number): void;
}

export const emptyTotals = (): LoadTotals => ({ ok: 0, failed: 0, byEndpoint: {}, errors: {}, byStatus: {}, resolved: '', error: '', batches: 0, last: { ok: 0, failed: 0, byEndpoint: {} } });

/** Adds `r` to `t`. */
export function addResult(t: LoadTotals, r: TrafficResult): LoadTotals {
  const byEndpoint = { ...t.byEndpoint };
  for (const [k, v] of Object.entries(r.byEndpoint)) byEndpoint[k] = (byEndpoint[k] ?? 0) + v;
  const errors = { ...t.errors };
  for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  const byStatus = { ...t.byStatus };
  for (const [k, v] of Object.entries(r.byStatus ?? {})) byStatus[k] = (byStatus[k] ?? 0) + v;
  return { ok: t.ok + r.ok, failed: t.failed + r.failed, byEndpoint, errors, byStatus, resolved: r.resolved ?? t.resolved, error: r.error ?? '', batches: t.batches + 1, last: { ok: r.ok, failed: r.failed, byEndpoint: { ...r.byEndpoint } } };
}

export const createLoadGenSlice: StateCreator<AppState, [], [], LoadGenSlice> = (set) => ({
  loadSpec: { from: 'node-1', to: 'web.default.svc.cluster.local:80', via: '', rate: 50 },
  loadRunning: false,
  loadRun: 0,
  loadTotals: emptyTotals(),
  setLoadSpec: (spec) => set((s) => ({ loadSpec: { ...s.loadSpec, ...spec } })),
  startLoad: () => set((s) => ({ loadRunning: true, loadRun: s.loadRun + 1, loadTotals: emptyTotals() })),
  stopLoad: () => set({ loadRunning: false }),
  addLoadResult: (r, run) => set((s) => (run === s.loadRun ? { loadTotals: addResult(s.loadTotals, r) } : {})),
});
