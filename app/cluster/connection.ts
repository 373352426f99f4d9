// Runs the one browser cluster of a page and feeds its snapshots into a store. The handle lives in
// the ClusterConnection that main.tsx makes once, never in the store and never in a module global.
import type { AppStore } from '../store/store';
import type { BrowserCluster, BrowserClusterOptions, ClusterSnapshot } from './types';

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
export function createClusterConnection({ store, options, start }: ClusterConnectionDeps): ClusterConnection {
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
        const unsubscribe = c.subscribe((s) => feedSnapshot(store, s));
        signal.addEventListener(
          'abort',
          () => {
            unsubscribe();
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

/** The engine already pushes at most one snapshot per animation frame; each goes straight to the store. */
function feedSnapshot(store: AppStore, s: ClusterSnapshot): void {
  const state = store.getState();
  const wall = performance.now();
  state.applySnapshot(s, wall);
  state.ingestMessages(s.messages, s.now, s.speed, wall);
}
