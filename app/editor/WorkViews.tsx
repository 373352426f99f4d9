// The terminal's place in the dock holds three views: the terminal, the manifest editor and the
// resource browser, all kept mounted (the terminal keeps its session, the editor its undo history)
// with one showing. On a desktop or tablet a slim rail of tabs on the dock's left edge switches
// between them; on a phone they are tabs of the dock's own tab bar (DockTabs).

import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ManifestEditor } from '../components/ManifestEditor';
import { ResourceBrowser } from '../components/ResourceBrowser';
import { useAppStore } from '../store';
import type { WorkView } from '../store/editor-slice';

/** The element id of a view, for aria-controls. */
export const workViewId = (view: WorkView) => `work-view-${view}`;

export const workViewTabs: { id: WorkView; label: string }[] = [
  { id: 'terminal', label: 'Terminal' },
  { id: 'editor', label: 'Editor' },
  { id: 'resources', label: 'Resources' },
];

/** The rail of view tabs (desktop and tablet). */
function WorkViewRail() {
  const view = useAppStore((s) => s.workView);
  const setView = useAppStore((s) => s.setWorkView);
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = workViewTabs.findIndex((t) => t.id === view);
    const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (at + step + workViewTabs.length) % workViewTabs.length;
    setView(workViewTabs[next].id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div className="work-rail" role="tablist" aria-orientation="vertical" aria-label="Dock views" ref={list} onKeyDown={onKeyDown}>
      {workViewTabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`work-tab-${t.id}`}
          aria-selected={view === t.id}
          aria-controls={workViewId(t.id)}
          tabIndex={view === t.id ? 0 : -1}
          className={`work-rail__tab${view === t.id ? ' is-active' : ''}`}
          onClick={() => setView(t.id)}
          title={t.label}
          data-testid={`work-tab-${t.id}`}
        >
          <span className="work-rail__label">{t.label}</span>
        </button>
      ))}
    </div>
  );
}

function View({ id, active, children }: { id: WorkView; active: boolean; children: ReactNode }) {
  return (
    <div className={`work-view work-view--${id}${active ? '' : ' is-hidden'}`} id={workViewId(id)} role="tabpanel" aria-label={workViewTabs.find((t) => t.id === id)!.label} aria-hidden={active ? undefined : true} inert={!active}>
      {children}
    </div>
  );
}

/** The views; `terminal` is the terminal panel as App renders it. */
export function WorkViews({ phone, terminal }: { phone: boolean; terminal: ReactNode }) {
  const view = useAppStore((s) => s.workView);
  const slotShown = useAppStore((s) => !phone || s.dockTab === 'terminal');
  return (
    <div className="work-views">
      {!phone && <WorkViewRail />}
      <div className="work-views__stack">
        <View id="terminal" active={view === 'terminal'}>
          {terminal}
        </View>
        <View id="editor" active={view === 'editor'}>
          <ErrorBoundary name="editor">
            <ManifestEditor visible={slotShown && view === 'editor'} />
          </ErrorBoundary>
        </View>
        <View id="resources" active={view === 'resources'}>
          <ErrorBoundary name="resources">
            <ResourceBrowser visible={slotShown && view === 'resources'} />
          </ErrorBoundary>
        </View>
      </div>
    </div>
  );
}
