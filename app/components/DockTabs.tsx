// On a phone the dock shows one panel at a time: terminal, activity or palette, as tabs.
import { useRef, type KeyboardEvent } from 'react';
import { useAppStore } from '../store';
import type { DockTab } from '../store/ui-slice';
import { Icon, type IconName } from './Icon';

const tabs: { id: DockTab; label: string; icon: IconName }[] = [
  { id: 'terminal', label: 'Terminal', icon: 'terminal' },
  { id: 'activity', label: 'Activity', icon: 'activity' },
  { id: 'palette', label: 'Palette', icon: 'database' },
];

/** The tab id of a dock panel, for aria-controls / aria-labelledby. */
export const dockPanelId = (tab: DockTab) => `dock-panel-${tab}`;

/** The tab list. */
export function DockTabs() {
  const active = useAppStore((s) => s.dockTab);
  const setTab = useAppStore((s) => s.setDockTab);
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
          aria-controls={dockPanelId(t.id)}
          tabIndex={active === t.id ? 0 : -1}
          className={`dock-tabs__tab${active === t.id ? ' is-active' : ''}`}
          onClick={() => setTab(t.id)}
          data-testid={`dock-tab-${t.id}`}
        >
          <Icon name={t.icon} size={14} />
          <span>{t.label}</span>
          {t.id === 'activity' && events > 0 && <span className="dock-tabs__count">{events}</span>}
        </button>
      ))}
    </div>
  );
}
