// The terminal panel. xterm and the tabs around it are loaded when the panel first renders (their
// own chunk, about a third of the app's JavaScript), so the canvas does not wait for them; until
// then the panel shows its frame.
import { lazy, Suspense } from 'react';
import { Icon } from './Icon';

const TerminalTabs = lazy(() => import('./TerminalTabs'));

/** The frame shown while xterm loads; it has no data-testid="terminal", so tests wait for the real one. */
function TerminalLoading() {
  return (
    <>
      <header className="panel__header">
        <Icon name="terminal" size={14} />
        <span className="panel__title">Terminal</span>
        <span className="panel__sub">etcdctl · API v3</span>
      </header>
      <div className="terminal-host terminal-host--loading" aria-busy="true">
        <span className="terminal-loading">starting the terminal…</span>
      </div>
    </>
  );
}

/** The terminal panel. */
export function TerminalPanel() {
  return (
    <section className="panel terminal-panel" aria-label="Terminal">
      <Suspense fallback={<TerminalLoading />}>
        <TerminalTabs />
      </Suspense>
    </section>
  );
}
