// Entry point: makes the page's store and cluster connection once, then mounts the app. The cluster
// itself starts when App first retains the connection.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { busyCanvasNodes, clusterOptionsFromUrl, createClusterConnection } from './cluster/connection';
import { watchFramePace } from './cluster/frame-pace';
import { ConnectionProvider } from './cluster/react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StoreProvider, createAppStore, type AppStore } from './store';
import { parseRecording } from '../engine/cluster-core';
import { freshSessionKey, pendingReplayKey } from './actions/actions';
import type { BrowserCluster, BrowserClusterOptions } from './cluster/types';
import type { ClusterConnection } from './cluster/connection';
import { loadSession, recordingFromHash, saveSession } from './session/session';
import { savedUi } from './store/ui-slice';
import { savedEditor } from './store/editor-slice';
import { readEditorDraft, writeEditorDraft } from './editor/draft';
import { afterCanvasInteractive } from './lib/first-paint';

/** How often the session is written to IndexedDB (wall ms). */
const saveEveryMs = 2000;

/**
 * What this page runs: a recording Load recording left for it, else one a link carries, else the
 * session this tab had before the reload (replayed fast-forward to where it was), else the URL's options.
 */
async function startOptions(store: AppStore): Promise<BrowserClusterOptions> {
  const fromUrl = clusterOptionsFromUrl(window.location.search);
  const pending = sessionStorage.getItem(pendingReplayKey);
  sessionStorage.removeItem(pendingReplayKey);
  if (pending !== null) {
    try {
      return replayOptions(parseRecording(pending), true);
    } catch {
      // checked before the reload; a damaged copy just starts afresh
    }
  }
  if (window.location.hash) {
    try {
      const rec = await recordingFromHash(window.location.hash);
      if (rec) {
        history.replaceState(null, '', window.location.pathname + window.location.search);
        return replayOptions(rec, true);
      }
    } catch (e) {
      store.getState().log('error', e instanceof Error ? e.message : String(e));
    }
  }
  if (sessionStorage.getItem(freshSessionKey) !== null) {
    sessionStorage.removeItem(freshSessionKey);
    return fromUrl;
  }
  const saved = await loadSession();
  if (!saved || saved.query !== window.location.search) return fromUrl;
  for (const [name, xy] of Object.entries(saved.positions)) store.getState().setPosition(name, xy);
  if (saved.ui) store.getState().restoreUi(saved.ui);
  // The editor: the session's copy, or the newer one the page left as it went (a quick reload).
  const editor = readEditorDraft() ?? saved.editor;
  if (editor) store.getState().restoreEditor(editor);
  store.getState().log('info', `restoring the session: replaying ${saved.recording.steps.length} step(s) up to ${(saved.recording.nowUs / 1e6).toFixed(1)} s`);
  return { ...replayOptions(saved.recording, saved.paused), speed: saved.speed };
}

function replayOptions(replay: import('../engine/cluster-core').Recording, paused: boolean): BrowserClusterOptions {
  const o = replay.options;
  return { seed: replay.seed, etcdMembers: o.etcdMembers ?? 3, profile: o.profile ?? 'fast', controlPlane: o.controlPlane ?? false, replay, paused };
}

/** Writes the session to IndexedDB now and then, and when the page is hidden. */
function keepSession(store: AppStore, connection: ClusterConnection): void {
  let saving = false;
  const save = async () => {
    const cluster = connection.cluster;
    const snap = store.getState().snapshot;
    if (!cluster || !snap || saving) return;
    saving = true;
    try {
      const recording = await cluster.recording();
      const state = store.getState();
      await saveSession({ version: 1, query: window.location.search, recording, paused: snap.paused, speed: snap.speed, positions: state.positions, ui: savedUi(state), editor: savedEditor(state) });
    } catch {
      // A closed or full IndexedDB costs the next reload its session, nothing else.
    } finally {
      saving = false;
    }
  };
  setInterval(() => void save(), saveEveryMs);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void save());
}

async function boot(): Promise<void> {
  const store = createAppStore();
  // The engine loads once the canvas is interactive: the page shows its frame while the cluster's code arrives.
  // The clock runs on this thread unless the page asks for the cluster Worker (`?clusterWorker=1`):
  // on a 2-core machine the Worker's clock, free of the canvas, takes the core the canvas needs
  // (bench:app, 50 nodes churning 1,000 pods: 52.8 fps and a 50 ms long task, against 55.3 fps
  // and none here; idle, it runs 4.2 simulated s in 5 wall s against 2.6 here).
  const inClusterWorker = new URLSearchParams(window.location.search).get('clusterWorker') === '1';
  const start = (o: BrowserClusterOptions) =>
    afterCanvasInteractive().then(() =>
      inClusterWorker
        ? import('../engine/workers/remote-cluster').then((m) => m.createRemoteCluster(o))
        : import('../engine/workers/browser-cluster').then((m) => m.createBrowserCluster(o)),
    );
  // A big cluster's clock gives way to the page's frames (frame-pace.ts).
  const big = () => (store.getState().snapshot?.nodeProcesses?.length ?? 0) >= busyCanvasNodes;
  const pace = (c: BrowserCluster) => watchFramePace((share) => c.setCpuShare(share), big);
  const connection = createClusterConnection({ store, options: await startOptions(store), start, pace });
  keepSession(store, connection);
  // React does not unmount on unload; end the Workers with the page.
  window.addEventListener('pagehide', () => connection.dispose(), { once: true });
  window.addEventListener('pagehide', () => writeEditorDraft(savedEditor(store.getState())));

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary name="app">
        <StoreProvider store={store}>
          <ConnectionProvider connection={connection}>
            <App />
          </ConnectionProvider>
        </StoreProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}

void boot();
