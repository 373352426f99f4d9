// On a phone the dock shows one panel at a time: terminal, editor, resources, activity or palette,
// as tabs. The editor and the resource browser share the terminal's panel (editor/WorkViews.tsx):
// their tabs select the terminal's panel and the view in it.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { EditorIcon } from '../editor/icons';
import { workViewId } from '../editor/WorkViews';
import { useAppStore } from '../store';
import type { WorkView } from '../store/editor-slice';
import type { DockTab } from '../store/ui-slice';
import { Icon } from './Icon';

/** A tab of the phone's dock: a dock panel, or a view of the terminal's panel. */
type SheetTab = DockTab | Exclude<WorkView, 'terminal'>;

const tabs: { id: SheetTab; label: string; icon: ReactNode }[] = [
  { id: 'terminal', label: 'Terminal', icon: <Icon name="terminal" size={14} /> },
  { id: 'editor', label: 'Editor', icon: <EditorIcon name="file" size={14} /> },
  { id: 'resources', label: 'Resources', icon: <EditorIcon name="boxes" size={14} /> },
  { id: 'activity', label: 'Activity', icon: <Icon name="activity" size={14} /> },
  { id: 'palette', label: 'Palette', icon: <Icon name="database" size={14} /> },
];

const isWorkView = (id: SheetTab): id is Exclude<WorkView, 'terminal'> => id === 'editor' || id === 'resources';

/** The tab id of a dock panel, for aria-controls / aria-labelledby. */
export const dockPanelId = (tab: DockTab) => `dock-panel-${tab}`;

/** The tab list. */
export function DockTabs() {
  const active: SheetTab = useAppStore((s) => (s.dockTab === 'terminal' && s.workView !== 'terminal' ? s.workView : s.dockTab));
  const setDockTab = useAppStore((s) => s.setDockTab);
  const setWorkView = useAppStore((s) => s.setWorkView);
  const setTab = (id: SheetTab) => {
    if (isWorkView(id) || id === 'terminal') setWorkView(id);
    else setDockTab(id);
  };
  const events = useAppStore((s) => s.events.length);
  const list = useRef<HTMLDivElement>(null);
  // Arrow keys move between tabs (and select them), as the ARIA tabs pattern has it.
  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === active);
    const next = e.key === 'ArrowRight' ? (at + 1) % tabs.length : e.key === 'ArrowLeft' ? (at - 1 + tabs.length) % tabs.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(tabs[next].id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div className="dock-tabs" role="tablist" aria-label="Panels" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`dock-tab-${t.id}`}
          aria-selected={active === t.id}
          aria-controls={isWorkView(t.id) ? workViewId(t.id) : dockPanelId(t.id)}
          tabIndex={active === t.id ? 0 : -1}
          className={`dock-tabs__tab${active === t.id ? ' is-active' : ''}`}
          onClick={() => setTab(t.id)}
          data-testid={`dock-tab-${t.id}`}
        >
          {t.icon}
          <span>{t.label}</span>
          {t.id === 'activity' && events > 0 && <span className="dock-tabs__count">{events}</span>}
        </button>
      ))}
    </div>
  );
}
