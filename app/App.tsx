// The app shell: top bar, palette, canvas, terminal and activity log, each behind an error boundary.
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { connectCluster, clusterOptionsFromUrl } from './cluster/connection';
import { handleKeyDown } from './actions/actions';
import { isTypingTarget } from './actions/registry';
import { ActivityLog } from './components/ActivityLog';
import { ClusterCanvas } from './components/ClusterCanvas';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Palette } from './components/Palette';
import { TerminalPanel } from './components/TerminalPanel';
import { TopBar } from './components/TopBar';

/** The whole page. */
export function App() {
  useEffect(() => {
    connectCluster(clusterOptionsFromUrl(window.location.search)).catch((e: unknown) => console.error('[kubeplay] cluster failed to start', e));
    const onKey = (e: KeyboardEvent) => void handleKeyDown(e, isTypingTarget);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <ErrorBoundary name="top bar">
        <TopBar />
      </ErrorBoundary>
      <div className="workspace">
        <ErrorBoundary name="palette">
          <Palette />
        </ErrorBoundary>
        <main className="stage">
          <ErrorBoundary name="canvas">
            <ReactFlowProvider>
              <ClusterCanvas />
            </ReactFlowProvider>
          </ErrorBoundary>
        </main>
      </div>
      <div className="dock">
        <ErrorBoundary name="terminal">
          <TerminalPanel />
        </ErrorBoundary>
        <ErrorBoundary name="activity log">
          <ActivityLog />
        </ErrorBoundary>
      </div>
    </div>
  );
}
