// The app shell: top bar, palette, canvas, terminal and activity log, each behind an error boundary.
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { handleKeyDown } from './actions/actions';
import { isTypingTarget } from './actions/registry';
import { useActionEnv } from './actions/use-run-action';
import { useConnection } from './cluster/react';
import { ActivityLog } from './components/ActivityLog';
import { ClusterCanvas } from './components/ClusterCanvas';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Palette } from './components/Palette';
import { TerminalPanel } from './components/TerminalPanel';
import { TopBar } from './components/TopBar';

/** The whole page. */
export function App() {
  const connection = useConnection();
  const env = useActionEnv();
  // The cluster runs while the app is mounted; retain is safe under StrictMode's doubled effects.
  useEffect(() => connection.retain(), [connection]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => void handleKeyDown(env, e, isTypingTarget);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [env]);

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
