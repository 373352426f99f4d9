// The terminal panel. xterm and the tabs around it (their own chunk, about a third of the app's
// JavaScript) are loaded once the canvas is interactive, so the canvas does not wait for them;
// until then the panel shows its frame.
import { lazy, Suspense, useEffect, useState } from 'react';
import { afterCanvasInteractive } from '../lib/first-paint';
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
  const [load, setLoad] = useState(false);
  useEffect(() => {
    let live = true;
    void afterCanvasInteractive().then(() => live && setLoad(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="panel terminal-panel" aria-label="Terminal">
      {load ? (
        <Suspense fallback={<TerminalLoading />}>
          <TerminalTabs />
        </Suspense>
      ) : (
        <TerminalLoading />
      )}
    </section>
  );
}
