// Entry point: makes the page's store and cluster connection once, then mounts the app. The cluster
// itself starts when App first retains the connection.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { createBrowserCluster } from '../engine/workers';
import { App } from './App';
import { clusterOptionsFromUrl, createClusterConnection } from './cluster/connection';
import { ConnectionProvider } from './cluster/react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StoreProvider, createAppStore } from './store';
import { parseRecording } from '../engine/cluster-core';
import { pendingReplayKey } from './actions/actions';
import type { BrowserClusterOptions } from './cluster/types';

/** The URL's options, or a recording Load recording left for this page, re-run and paused at its end. */
function startOptions(): BrowserClusterOptions {
  const fromUrl = clusterOptionsFromUrl(window.location.search);
  const pending = sessionStorage.getItem(pendingReplayKey);
  if (pending === null) return fromUrl;
  sessionStorage.removeItem(pendingReplayKey);
  try {
    const replay = parseRecording(pending);
    const o = replay.options;
    return { seed: replay.seed, etcdMembers: o.etcdMembers ?? 3, profile: o.profile ?? 'fast', replay, paused: true };
  } catch {
    return fromUrl; // checked before the reload; a damaged store just starts afresh
  }
}

const store = createAppStore();
const connection = createClusterConnection({ store, options: startOptions(), start: createBrowserCluster });
// React does not unmount on unload; end the Workers with the page.
window.addEventListener('pagehide', () => connection.dispose(), { once: true });

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
