// Runs the one browser cluster of a page and feeds its snapshots into a store. The handle lives in
// the ClusterConnection that main.tsx makes once, never in the store and never in a module global.
import type { AppStore } from '../store/store';
import type { BrowserCluster, BrowserClusterOptions, ClusterSnapshot } from './types';
import { busyClusterNodes } from '../../engine/workers/types';

/** Worker nodes a session starts with unless the page says (`?nodes=0` for a control plane alone). */
export const defaultNodes = 3;

/** Cluster options from the page URL: `?seed=7&members=5&nodes=5&profile=realistic&controlPlane=0`. */
export function clusterOptionsFromUrl(search: string): BrowserClusterOptions {
  const q = new URLSearchParams(search);
  const seed = Number(q.get('seed') ?? 1);
  const members = Number(q.get('members') ?? 3);
  const nodes = Number(q.get('nodes') ?? defaultNodes);
  const controlPlane = q.get('controlPlane') !== '0' && q.get('controlPlane') !== 'false';
  return {
    seed: Number.isFinite(seed) ? seed : 1,
    etcdMembers: Number.isInteger(members) && members >= 1 && members <= 9 ? members : 3,
    profile: q.get('profile') === 'realistic' ? 'realistic' : 'fast',
    // kube-apiserver and kubectl run beside etcd unless the page asks for etcd alone.
    controlPlane,
    ...(controlPlane ? { nodes: Number.isInteger(nodes) && nodes >= 0 && nodes <= 50 ? nodes : defaultNodes } : {}),
  };
}

/** What createClusterConnection needs: the store to feed, the options, and how to start a cluster. */
export interface ClusterConnectionDeps {
  store: AppStore;
  options: BrowserClusterOptions;
  /** createBrowserCluster in the page; tests pass a fake. */
  start: (opts: BrowserClusterOptions) => Promise<BrowserCluster>;
  /** Watches the page's frames and paces the running cluster's clock to them (frame-pace.ts); answers its stop. */
  pace?: (cluster: BrowserCluster) => () => void;
}

/** The page's cluster: started by the first holder, stopped once the last one lets go. */
export interface ClusterConnection {
  readonly options: BrowserClusterOptions;
  /** The running cluster, or null while it starts (or once it stopped). */
  readonly cluster: BrowserCluster | null;
  /**
   * Keeps the cluster running until the returned release is called, starting it if it is not
   * running. The stop after the last release waits a task, so StrictMode's release-and-retain of
   * a remounted effect keeps the one cluster instead of starting a second.
   */
  retain(): () => void;
  /** Stops the cluster now, for good (the page is going away). */
  dispose(): void;
}

/** Makes the page's connection; nothing starts until someone retains it. */
export function createClusterConnection({ store, options, start, pace }: ClusterConnectionDeps): ClusterConnection {
  let cluster: BrowserCluster | null = null;
  // The current run (starting or live); aborting it disposes that cluster.
  let run: AbortController | null = null;
  let holders = 0;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const begin = () => {
    const controller = new AbortController();
    const { signal } = controller;
    run = controller;
    store.getState().setConnection('connecting');
    start({ ...options, signal }).then(
      (c) => {
        if (signal.aborted) return c.dispose();
        cluster = c;
        const feed = snapshotFeed(store);
        const unsubscribe = c.subscribe(feed.push);
        const stopPace = pace?.(c);
        signal.addEventListener(
          'abort',
          () => {
            stopPace?.();
            unsubscribe();
            feed.stop();
            c.dispose();
            if (cluster === c) cluster = null;
          },
          { once: true },
        );
      },
      (e: unknown) => {
        if (signal.aborted) return;
        // A later retain may try again.
        if (run === controller) run = null;
        store.getState().setConnection('error', e instanceof Error ? e.message : String(e));
        console.error('[kubeplay] cluster failed to start', e);
      },
    );
  };

  const stop = () => {
    clearTimeout(stopTimer);
    stopTimer = undefined;
    run?.abort();
    run = null;
  };

  return {
    options,
    get cluster() {
      return cluster;
    },
    retain() {
      if (disposed) return () => {};
      holders++;
      clearTimeout(stopTimer);
      stopTimer = undefined;
      if (!run) begin();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders--;
        if (holders === 0 && !disposed) stopTimer = setTimeout(() => holders === 0 && stop(), 0);
      };
    },
    dispose() {
      disposed = true;
      stop();
    },
  };
}

/** Worker nodes from which the canvas is redrawn at most every `busyCanvasMs`, not every frame (the engine's telemetry comes as often). */
export const busyCanvasNodes = busyClusterNodes;
/** The least wall ms between two snapshots applied to a busy canvas (10 a second). */
export const busyCanvasMs = 100;

/**
 * Feeds snapshots into the store. The engine pushes at most one per animation frame, and the
 * messages each carries go straight on (the message layer animates them outside React); a big
 * cluster's canvas (from `busyCanvasNodes` worker nodes) takes the latest snapshot at most every
 * `busyCanvasMs`, so rendering fifty node cards thirty times a second does not starve the page
 * thread that also runs the Workers' clock. The last snapshot is always applied.
 */
export function snapshotFeed(
  store: AppStore,
  timers: { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(t: unknown): void } = {
    now: () => performance.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  },
): { push(s: ClusterSnapshot): void; stop(): void } {
  let lastApplied = -Infinity;
  let pending: ClusterSnapshot | null = null;
  let timer: unknown = null;
  const apply = (s: ClusterSnapshot) => {
    pending = null;
    lastApplied = timers.now();
    store.getState().applySnapshot(s, lastApplied);
  };
  const flush = () => {
    timer = null;
    if (pending) apply(pending);
  };
  return {
    push(s) {
      const ingest = () => store.getState().ingestMessages(s.messages, s.now, s.speed, timers.now());
      const busy = (s.nodeProcesses?.length ?? 0) >= busyCanvasNodes;
      const wait = busy ? lastApplied + busyCanvasMs - timers.now() : 0;
      // Pause and speed changes are a person's own: they show at once.
      const prev = store.getState().snapshot;
      if (wait <= 0 || !prev || prev.paused !== s.paused || prev.speed !== s.speed) {
        if (timer !== null) timers.clearTimeout(timer);
        timer = null;
        apply(s);
        ingest();
        return;
      }
      ingest();
      pending = s;
      if (timer === null) timer = timers.setTimeout(flush, wait);
    },
    stop() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
