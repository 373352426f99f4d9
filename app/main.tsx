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

const store = createAppStore();
const connection = createClusterConnection({ store, options: clusterOptionsFromUrl(window.location.search), start: createBrowserCluster });
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
