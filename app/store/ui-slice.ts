// Selection, the activity log, in-progress operations, and the view state of the panels: which
// link the pointer is over, which link chip holds the keyboard's tab stop, the dock's height and the
// phone layout's open tab.
import type { StateCreator } from 'zustand/vanilla';
import type { RanRecord } from '../../engine/workers';
import type { ClusterEvent } from '../lib/diff';
import { readableLogText } from '../lib/logtext';
import { maxHistory } from '../terminal/history';
import type { AppState } from './store';

/** An activity log entry, stamped with simulated time. */
export interface LogEntry extends ClusterEvent {
  id: number;
  atMs: number;
}

/** The panels the phone layout shows one at a time under the canvas. */
export type DockTab = 'terminal' | 'activity' | 'palette';

/** UI slice. */
export interface UiSlice {
  selected: string | null;
  log: (level: ClusterEvent['level'], text: string) => void;
  events: LogEntry[];
  /** Names of operations under way ('add-member', 'kill:etcd-1', …), to disable their buttons. */
  busy: Record<string, true>;
  /** The link (linkId) under the pointer: its cut/restore chip shows. */
  hoveredLink: string | null;
  /** The link chip that is the one tab stop of the links (roving tabindex). */
  activeLink: string | null;
  /** Set when a card's menu was opened from the keyboard: the menu takes focus when it shows. */
  menuFocus: string | null;
  /** Height of the dock (terminal and activity), px; null for the layout's default. */
  dockHeight: number | null;
  dockTab: DockTab;
  /** What the last press of Step ran (null once time runs again). */
  lastStep: { atMs: number; ran: RanRecord[] } | null;
  /** Command lines entered in any terminal tab, oldest first: a new tab starts with them. */
  terminalHistory: string[];
  /** The pod whose details ("why this node?") show, as `namespace/name`. */
  selectedPod: string | null;
  selectPod(key: string | null): void;
  /** The node whose kube-proxy tables show (null: none). */
  proxyPanel: string | null;
  showProxy(node: string | null): void;
  select(name: string | null): void;
  setBusy(key: string, on: boolean): void;
  hoverLink(id: string | null): void;
  setActiveLink(id: string | null): void;
  /** Selects `name` and asks its menu to take focus. */
  openMenuFromKeyboard(name: string): void;
  clearMenuFocus(): void;
  setDockHeight(px: number | null): void;
  setDockTab(tab: DockTab): void;
  setLastStep(step: UiSlice['lastStep']): void;
  addTerminalHistory(line: string): void;
  /** Puts back what a saved session kept of the panels. */
  restoreUi(ui: SavedUi): void;
}

/** The UI state a session keeps across a reload. */
export interface SavedUi {
  dockHeight: number | null;
  dockTab: DockTab;
  terminalHistory: string[];
}

/** What of the UI a session saves. */
export function savedUi(s: UiSlice): SavedUi {
  return { dockHeight: s.dockHeight, dockTab: s.dockTab, terminalHistory: s.terminalHistory };
}

const dockTabs: readonly DockTab[] = ['terminal', 'activity', 'palette'];

const maxEvents = 200;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => {
  let nextId = 1;
  return {
    selected: null,
    selectedPod: null,
    selectPod: (selectedPod) => set((s) => (s.selectedPod === selectedPod ? {} : { selectedPod, proxyPanel: selectedPod ? null : s.proxyPanel })),
    proxyPanel: null,
    showProxy: (proxyPanel) => set((s) => (s.proxyPanel === proxyPanel ? {} : { proxyPanel, selectedPod: proxyPanel ? null : s.selectedPod })),
    events: [],
    busy: {},
    hoveredLink: null,
    activeLink: null,
    menuFocus: null,
    dockHeight: null,
    dockTab: 'terminal',
    lastStep: null,
    terminalHistory: [],
    log: (level, text) => {
      const atMs = get().snapshot?.now ?? 0;
      // etcdctl's zap JSON lines read as sentences; nothing in the log is raw JSON.
      set((s) => ({ events: [...s.events, { id: nextId++, level, text: readableLogText(text), atMs }].slice(-maxEvents) }));
    },
    select: (selected) => set((s) => (s.selected === selected ? {} : { selected, menuFocus: selected === null ? null : s.menuFocus })),
    setBusy: (key, on) =>
      set((s) => {
        const busy = { ...s.busy };
        if (on) busy[key] = true;
        else delete busy[key];
        return { busy };
      }),
    hoverLink: (hoveredLink) => set((s) => (s.hoveredLink === hoveredLink ? {} : { hoveredLink })),
    setActiveLink: (activeLink) => set((s) => (s.activeLink === activeLink ? {} : { activeLink })),
    openMenuFromKeyboard: (name) => set({ selected: name, menuFocus: name }),
    clearMenuFocus: () => set({ menuFocus: null }),
    setDockHeight: (dockHeight) => set({ dockHeight }),
    setDockTab: (dockTab) => set({ dockTab }),
    setLastStep: (lastStep) => set({ lastStep }),
    addTerminalHistory: (line) => set((s) => ({ terminalHistory: [...s.terminalHistory, line].slice(-maxHistory) })),
    restoreUi: (ui) =>
      // Saved by an older or damaged page: take what is well-formed, leave the rest at its default.
      set({
        dockHeight: typeof ui.dockHeight === 'number' && Number.isFinite(ui.dockHeight) && ui.dockHeight > 0 ? ui.dockHeight : null,
        dockTab: dockTabs.includes(ui.dockTab) ? ui.dockTab : 'terminal',
        terminalHistory: Array.isArray(ui.terminalHistory) ? ui.terminalHistory.filter((l) => typeof l === 'string').slice(-maxHistory) : [],
      }),
  };
};
