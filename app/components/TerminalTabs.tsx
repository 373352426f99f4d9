// The terminal's tabs: each runs its own shell in its own xterm, so `etcdctl watch` can stream in
// one while another puts. Loaded lazily by TerminalPanel: this module is the only one that imports
// xterm. `kubectl edit` in any tab opens the one edit dialog (KubectlEditDialog).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useConnection } from '../cluster/react';
import { useAppStoreApi } from '../store';
import type { AppStore } from '../store';
import { EditSessions, recoveredManifest, type PendingEdit } from '../terminal/edit-sessions';
import { takeEditSlot, writeEditSlot } from '../terminal/edit-slot';
import { FlowWriter } from '../terminal/flow';
import { Shell } from '../terminal/shell';
import { Icon } from './Icon';
import { KubectlEditDialog } from './KubectlEditDialog';

const fontSize = 13;
const fontFamily = '"JetBrains Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
const maxTabs = 8;

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
function fitSize(el: HTMLElement, term: Terminal): { cols: number; rows: number } | null {
  if (el.clientWidth === 0 || el.clientHeight === 0) return null;
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

/** The terminal's host element, with a read-only view of its buffer (used by the Playwright specs). */
export type TerminalHostElement = HTMLDivElement & { kubeplayTerminal?: { rows(): { text: string; wrapped: boolean }[] } };

/** The files `kubectl edit` had open when the last page of this tab went, taken once per page. */
let lostEdits: PendingEdit[] | null = null;
let lostEditsRecovered = false;

/**
 * Puts the unsaved text of those files into the manifest editor and says so in the activity log;
 * answers the lines the first terminal prints about them. Once per page (StrictMode mounts twice).
 */
function recoverLostEdits(store: AppStore): string[] {
  lostEdits ??= takeEditSlot();
  const notices: string[] = [];
  for (const p of lostEdits) {
    const manifest = recoveredManifest(p);
    const what = p.commandLine.trim();
    if (manifest === null) {
      notices.push(`${what}: ended by the reload; nothing had been changed.`);
      if (!lostEditsRecovered) store.getState().log('info', `${what} was ended by the reload; nothing had been changed`);
    } else {
      notices.push(`${what}: ended by the reload before Save; the unsaved text is in the Editor tab.`);
      if (!lostEditsRecovered) {
        store.getState().openInEditor(manifest);
        store.getState().log('warn', `${what} was ended by the reload before Save: its unsaved text is in the editor`);
      }
    }
  }
  lostEditsRecovered = true;
  return notices;
}

interface TabKeys {
  /** Tab moves focus out of the terminal instead of completing (toggled with Ctrl+M). */
  tabMovesFocus: boolean;
  toggleTabMovesFocus(): void;
}

/** One terminal: an xterm with its own shell; its kubectl edits in `edits`, `focusers` can focus it. */
function TerminalView(props: { num: number; active: boolean; keys: TabKeys; edits: EditSessions; focusers: Map<number, () => void>; onBusy(busy: boolean): void }) {
  const { num, active, keys, edits, focusers, onBusy } = props;
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const [ready, setReady] = useState(false);
  const connection = useConnection();
  const store = useAppStoreApi();
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const onBusyRef = useRef(onBusy);
  onBusyRef.current = onBusy;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({ fontSize, fontFamily, theme, cursorBlink: true, scrollback: 10000, convertEol: false, allowProposedApi: false });
    term.open(el);
    termRef.current = term;
    // For tests and debugging: the whole buffer (scrollback included), row by row, and whether each row continues the one above.
    (el as TerminalHostElement).kubeplayTerminal = {
      rows: () => {
        const b = term.buffer.active;
        const out: { text: string; wrapped: boolean }[] = [];
        for (let i = 0; i < b.length; i++) {
          const line = b.getLine(i);
          if (line) out.push({ text: line.translateToString(true), wrapped: line.isWrapped });
        }
        return out;
      },
    };
    // Set once the terminal is disposed: what a stopped command still prints goes nowhere.
    let gone = false;
    const writer = new FlowWriter((d, done) => term.write(d, done));
    const shell = new Shell(
      {
        write: (t) => {
          if (!gone) writer.write(t);
        },
        // Through the same queue, so the screen clears after what was written before, not in the middle of it.
        clear: () => {
          if (!gone) writer.write('\x1b[H\x1b[2J\x1b[3J');
        },
        cols: () => term.cols,
      },
      (line, stdin, opts) => connection.cluster?.etcdctl(line, stdin, opts) ?? null,
      {
        history: store.getState().terminalHistory,
        onHistory: (line) => store.getState().addTerminalHistory(line),
        kubectl: connection.options.controlPlane ? (line, stdin, opts) => connection.cluster?.kubectl(line, stdin, opts) ?? null : undefined,
        editor: (text, call) => edits.open({ tab: num, commandLine: call.commandLine, attempt: call.attempt, text }, call.signal),
      },
    );
    focusers.set(num, () => term.focus());
    // Esc then Tab, or Tab while Ctrl+M's mode is on, is left to the browser: focus moves on, as in VS Code's terminal.
    let escaped = false;
    term.attachCustomKeyEventHandler((e) => {
      const ctrlM = e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey && (e.key === 'm' || e.key === 'M');
      if (ctrlM) {
        if (e.type === 'keydown') {
          e.preventDefault();
          keysRef.current.toggleTabMovesFocus();
        }
        return false;
      }
      if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey && (keysRef.current.tabMovesFocus || escaped)) {
        if (e.type === 'keydown') escaped = false;
        return false;
      }
      if (e.type === 'keydown' && !['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) escaped = e.key === 'Escape';
      return true;
    });
    const data = term.onData((d) => shell.input(d));
    const busy = shell.onBusyChange(() => onBusyRef.current(shell.busy));
    const resize = () => {
      const size = fitSize(el, term);
      if (size && (size.cols !== term.cols || size.rows !== term.rows)) term.resize(size.cols, size.rows);
    };
    resize();
    const ro = new ResizeObserver(resize);
    ro.observe(el);
    shell.start(num === 1 ? recoverLostEdits(store) : []);
    setReady(true);
    return () => {
      setReady(false);
      // The tab or its cluster goes: its running command stops, and any file its kubectl had open closes.
      gone = true;
      shell.dispose();
      edits.closeTab(num);
      focusers.delete(num);
      ro.disconnect();
      busy();
      data.dispose();
      term.dispose();
      termRef.current = null;
    };
  }, [connection, edits, focusers]);

  useEffect(() => {
    if (active && ready) termRef.current?.focus();
  }, [active, ready]);

  return (
    <div
      className={`terminal-host terminal-view${active ? ' terminal-view--active' : ''}`}
      ref={host}
      role="tabpanel"
      id={`terminal-panel-${num}`}
      aria-labelledby={`terminal-tab-${num}`}
      data-testid={ready ? (num === 1 ? 'terminal' : `terminal-${num}`) : undefined}
      onClick={(e) => (e.currentTarget.querySelector('textarea') as HTMLTextAreaElement | null)?.focus()}
    />
  );
}

/** The terminal panel's contents: a header with the tabs, and one terminal per tab. */
export default function TerminalTabs() {
  const connection = useConnection();
  const [tabs, setTabs] = useState<number[]>([1]);
  const [active, setActive] = useState(1);
  const [busy, setBusy] = useState<Record<number, boolean>>({});
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const toggleTabMovesFocus = useCallback(() => setTabMovesFocus((v) => !v), []);
  const keys = { tabMovesFocus, toggleTabMovesFocus };
  // kubectl edit's open files, their text kept in sessionStorage as typed (a reload loses none).
  const edits = useMemo(() => new EditSessions(writeEditSlot), []);
  const focusers = useMemo(() => new Map<number, () => void>(), []);
  const onEditClosed = useCallback(
    (tab: number) => {
      setActive((a) => (focusers.has(tab) ? tab : a));
      focusers.get(tab)?.();
    },
    [focusers],
  );

  const addTab = () => {
    if (tabs.length >= maxTabs) return;
    let n = 1;
    while (tabs.includes(n)) n++;
    setTabs([...tabs, n].sort((a, b) => a - b));
    setActive(n);
  };
  const closeTab = (n: number) => {
    if (tabs.length <= 1) return;
    const at = tabs.indexOf(n);
    const rest = tabs.filter((t) => t !== n);
    setTabs(rest);
    if (active === n) setActive(rest[Math.min(at, rest.length - 1)]);
  };
  const onTabKey = (e: React.KeyboardEvent, n: number) => {
    const at = tabs.indexOf(n);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      setActive(next);
      document.getElementById(`terminal-tab-${next}`)?.focus();
    } else if (e.key === 'Delete' && tabs.length > 1) {
      e.preventDefault();
      closeTab(n);
    }
  };

  return (
    <>
      <header className="panel__header terminal-header">
        <Icon name="terminal" size={14} />
        <span className="panel__title">Terminal</span>
        <div className="terminal-tabs" role="tablist" aria-label="Terminal tabs">
          {tabs.map((n) => (
            <div key={n} className={`terminal-tab${n === active ? ' terminal-tab--active' : ''}`}>
              <button
                type="button"
                role="tab"
                id={`terminal-tab-${n}`}
                data-testid={`terminal-tab-${n}`}
                aria-selected={n === active}
                aria-controls={`terminal-panel-${n}`}
                tabIndex={n === active ? 0 : -1}
                className="terminal-tab__label"
                onClick={() => setActive(n)}
                onKeyDown={(e) => onTabKey(e, n)}
                title={busy[n] ? 'a command is running here' : undefined}
              >
                {busy[n] && <span className="terminal-tab__busy" aria-label="running" />}
                sh {n}
              </button>
              {tabs.length > 1 && (
                <button type="button" className="terminal-tab__close" aria-label={`Close terminal ${n}`} data-testid={`terminal-close-${n}`} onClick={() => closeTab(n)}>
                  ×
                </button>
              )}
            </div>
          ))}
          {tabs.length < maxTabs && (
            <button type="button" className="terminal-tab__new" aria-label="New terminal tab" title="New terminal tab" data-testid="terminal-new-tab" onClick={addTab}>
              +
            </button>
          )}
        </div>
        <span className="panel__sub terminal-header__sub">{connection.options.controlPlane ? 'kubectl · etcdctl' : 'etcdctl · API v3'}</span>
        <span className="terminal-keys" data-testid="terminal-keys">
          <kbd>Esc</kbd> <kbd>Tab</kbd> leaves ·{' '}
          <button type="button" className={`terminal-keys__mode${tabMovesFocus ? ' terminal-keys__mode--on' : ''}`} aria-pressed={tabMovesFocus} onClick={toggleTabMovesFocus} data-testid="terminal-tab-mode" title="Ctrl+M toggles whether Tab moves focus out of the terminal">
            <kbd>Ctrl+M</kbd> Tab moves focus{tabMovesFocus ? ': on' : ''}
          </button>
        </span>
      </header>
      <div className="terminal-views">
        {tabs.map((n) => (
          <TerminalView key={n} num={n} active={n === active} keys={keys} edits={edits} focusers={focusers} onBusy={(b) => setBusy((s) => (s[n] === b ? s : { ...s, [n]: b }))} />
        ))}
      </div>
      <KubectlEditDialog sessions={edits} onClosed={onEditClosed} />
    </>
  );
}
