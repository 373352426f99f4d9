// Starts the one browser cluster of this page and feeds its snapshots into the store. The engine
// object lives here, not in the store.
import { createBrowserCluster } from '../../engine/workers';
import { useAppStore } from '../store';
import type { BrowserCluster, BrowserClusterOptions, ClusterSnapshot } from './types';

let cluster: BrowserCluster | null = null;
let starting: Promise<BrowserCluster> | null = null;

/** Cluster options from the page URL: `?seed=7&members=5&profile=realistic`. */
export function clusterOptionsFromUrl(search: string): BrowserClusterOptions {
  const q = new URLSearchParams(search);
  const seed = Number(q.get('seed') ?? 1);
  const members = Number(q.get('members') ?? 3);
  return {
    seed: Number.isFinite(seed) ? seed : 1,
    etcdMembers: Number.isInteger(members) && members >= 1 && members <= 9 ? members : 3,
    profile: q.get('profile') === 'realistic' ? 'realistic' : 'fast',
  };
}

/** The running cluster, or null while it starts. */
export function getCluster(): BrowserCluster | null {
  return cluster;
}

/** Starts the cluster once per page (safe to call again, e.g. from StrictMode's doubled effects). */
export function connectCluster(opts: BrowserClusterOptions): Promise<BrowserCluster> {
  if (starting) return starting;
  useAppStore.getState().setConnection('connecting');
  starting = createBrowserCluster(opts).then(
    (c) => {
      cluster = c;
      c.subscribe(onSnapshot);
      window.addEventListener('pagehide', () => c.dispose(), { once: true });
      return cluster;
    },
    (e: unknown) => {
      useAppStore.getState().setConnection('error', e instanceof Error ? e.message : String(e));
      starting = null;
      throw e;
    },
  );
  return starting;
}

/** The engine already pushes at most one snapshot per animation frame; each goes straight to the store. */
function onSnapshot(s: ClusterSnapshot): void {
  const store = useAppStore.getState();
  store.applySnapshot(s);
  store.ingestMessages(s.messages, s.now, s.speed, performance.now());
}
