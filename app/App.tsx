// The app shell: top bar, palette, canvas, and the dock (terminal and activity log) under a
// resizable handle, each behind an error boundary. Three layouts: desktop and tablet put the
// palette in a rail beside the canvas and the terminal beside the activity log; a phone stacks the
// canvas over one dock panel at a time (terminal, activity or palette, as tabs). The terminal stays
// mounted in every layout, so switching tabs or crossing a breakpoint never loses its session.
import { useEffect, type CSSProperties } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { handleKeyDown } from './actions/actions';
import { isTypingTarget } from './actions/registry';
import { useActionEnv } from './actions/use-run-action';
import { useConnection } from './cluster/react';
import { ActivityLog } from './components/ActivityLog';
import { ClusterCanvas } from './components/ClusterCanvas';
import { DockResizer } from './components/DockResizer';
import { DockTabs, dockPanelId } from './components/DockTabs';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Palette } from './components/Palette';
import { TerminalPanel } from './components/TerminalPanel';
import { TopBar } from './components/TopBar';
import { useLayout } from './lib/use-media-query';
import { useAppStore } from './store';
import type { DockTab } from './store/ui-slice';
import { TemplateDropHint, useTemplateDrop } from './editor/template-drop';
import { WorkViews } from './editor/WorkViews';
import './components/editor.css';

/** One dock panel; on a phone only the active tab's panel shows (the others stay mounted). */
function DockPanel({ tab, phone, active, children }: { tab: DockTab; phone: boolean; active: DockTab; children: React.ReactNode }) {
  const shown = !phone || tab === active;
  return (
    <div
      className={`dock__slot dock__slot--${tab}${shown ? '' : ' is-hidden'}`}
      id={dockPanelId(tab)}
      role={phone ? 'tabpanel' : undefined}
      aria-labelledby={phone ? `dock-tab-${tab}` : undefined}
      aria-hidden={shown ? undefined : true}
      inert={!shown}
    >
      {children}
    </div>
  );
}

/** The whole page. */
export function App() {
  const connection = useConnection();
  const env = useActionEnv();
  const layout = useLayout();
  const phone = layout === 'phone';
  const dockHeight = useAppStore((s) => s.dockHeight);
  const dockTab = useAppStore((s) => s.dockTab);
  const templateDrop = useTemplateDrop();
  // The cluster runs while the app is mounted; retain is safe under StrictMode's doubled effects.
  useEffect(() => connection.retain(), [connection]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => void handleKeyDown(env, e, isTypingTarget);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [env]);

  const style = dockHeight === null ? undefined : ({ '--dock-h': `${dockHeight}px` } as CSSProperties);
  return (
    <div className={`app app--${layout}`} style={style} data-layout={layout}>
      <ErrorBoundary name="top bar">
        <TopBar />
      </ErrorBoundary>
      <div className="workspace">
        {!phone && (
          <ErrorBoundary name="palette">
            <Palette />
          </ErrorBoundary>
        )}
        <main className="stage" {...templateDrop.handlers}>
          <ErrorBoundary name="canvas">
            <ReactFlowProvider>
              <ClusterCanvas />
            </ReactFlowProvider>
          </ErrorBoundary>
          {templateDrop.over && <TemplateDropHint />}
        </main>
      </div>
      <DockResizer />
      <div className={`dock${phone ? ' dock--tabs' : ''}`} id="dock">
        {phone && <DockTabs />}
        <DockPanel tab="terminal" phone={phone} active={dockTab}>
          {/* The terminal shares its place with the manifest editor and the resource browser. */}
          <WorkViews
            phone={phone}
            terminal={
              <ErrorBoundary name="terminal">
                <TerminalPanel />
              </ErrorBoundary>
            }
          />
        </DockPanel>
        <DockPanel tab="activity" phone={phone} active={dockTab}>
          <ErrorBoundary name="activity log">
            <ActivityLog />
          </ErrorBoundary>
        </DockPanel>
        {phone && (
          <DockPanel tab="palette" phone={phone} active={dockTab}>
            <ErrorBoundary name="palette">
              <Palette />
            </ErrorBoundary>
          </DockPanel>
        )}
      </div>
    </div>
  );
}
