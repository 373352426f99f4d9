// The terminal: xterm.js running Kubeplay's small shell, whose etcdctl talks to the live cluster.
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useConnection } from '../cluster/react';
import { Shell } from '../terminal/shell';
import { Icon } from './Icon';

const fontSize = 13;
const fontFamily = '"JetBrains Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

const theme = {
  background: '#0a0c11',
  foreground: '#d6dbe5',
  cursor: '#8ab4ff',
  cursorAccent: '#0a0c11',
  selectionBackground: '#2b3a5c',
  black: '#1a1e27',
  red: '#ff6b6b',
  green: '#4ade80',
  yellow: '#fbbf24',
  blue: '#60a5fa',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#d6dbe5',
  brightBlack: '#5b6475',
  brightRed: '#ff8787',
  brightGreen: '#86efac',
  brightYellow: '#fcd34d',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#ffffff',
};

/**
 * Columns and rows that fit `el` (there is no fit addon here). The cell size is read from what xterm
 * rendered: its screen element is exactly cols × rows cells.
 */
function fitSize(el: HTMLElement, term: Terminal): { cols: number; rows: number } {
  const screen = el.querySelector<HTMLElement>('.xterm-screen');
  const rect = screen?.getBoundingClientRect();
  const cellWidth = rect && rect.width > 0 ? rect.width / term.cols : fontSize * 0.6;
  const cellHeight = rect && rect.height > 0 ? rect.height / term.rows : Math.ceil(fontSize * 1.2);
  const style = getComputedStyle(el);
  const scrollbar = 14;
  const width = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - scrollbar;
  const height = el.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return { cols: Math.max(20, Math.floor(width / cellWidth)), rows: Math.max(4, Math.floor(height / cellHeight)) };
}

/** The terminal panel. */
export function TerminalPanel() {
  const host = useRef<HTMLDivElement>(null);
  const connection = useConnection();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({ fontSize, fontFamily, theme, cursorBlink: true, scrollback: 5000, convertEol: false, allowProposedApi: false });
    term.open(el);
    const shell = new Shell(
      { write: (t) => term.write(t), clear: () => term.clear() },
      (line, stdin, opts) => connection.cluster?.etcdctl(line, stdin, opts) ?? null,
    );
    const data = term.onData((d) => shell.input(d));
    const resize = () => {
      const { cols, rows } = fitSize(el, term);
      if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
    };
    resize();
    const ro = new ResizeObserver(resize);
    ro.observe(el);
    shell.start();
    return () => {
      ro.disconnect();
      data.dispose();
      term.dispose();
    };
  }, [connection]);

  return (
    <section className="panel terminal-panel" aria-label="Terminal">
      <header className="panel__header">
        <Icon name="terminal" size={14} />
        <span className="panel__title">Terminal</span>
        <span className="panel__sub">etcdctl · API v3</span>
      </header>
      <div className="terminal-host" ref={host} data-testid="terminal" onClick={(e) => (e.currentTarget.querySelector('textarea') as HTMLTextAreaElement | null)?.focus()} />
    </section>
  );
}
