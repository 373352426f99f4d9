// The manifest editor panel: a toolbar (Apply = `kubectl apply -f -`, Delete = `kubectl delete -f -`,
// a menu of templates) over the Monaco pane, which loads (its own chunk) the first time the panel
// shows. The text lives in the store, so it is there before Monaco is, and after a reload.

import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useConnection } from '../cluster/react';
import { templates } from '../editor/templates';
import { useAppStore, useAppStoreApi } from '../store';
import { EditorIcon } from '../editor/icons';

const ManifestEditorPane = lazy(() => import('../editor/ManifestEditorPane'));

/** Runs Apply or Delete; the runner (and its YAML parser) loads on first use. */
function useRunManifest() {
  const store = useAppStoreApi();
  const connection = useConnection();
  return useCallback(
    (verb: 'apply' | 'delete') => {
      if (store.getState().editorRun?.running) return;
      void import('../editor/run').then((m) => m.runManifest(store, connection.cluster, verb));
    },
    [store, connection],
  );
}

/** The Templates menu button and its list (ARIA menu button pattern). */
function TemplateMenu() {
  const [open, setOpen] = useState(false);
  const openInEditor = useAppStore((s) => s.openInEditor);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Tab') setOpen(false);
  };
  return (
    <div className="template-menu">
      <button
        type="button"
        ref={button}
        className="editor-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="template-menu-list"
        onClick={() => setOpen((o) => !o)}
        data-testid="editor-templates"
      >
        <EditorIcon name="template" />
        <span>Templates</span>
        <EditorIcon name="chevron" size={12} />
      </button>
      {open && (
        <ul className="template-menu__list" role="menu" id="template-menu-list" aria-label="Templates" ref={list} onKeyDown={onKeyDown}>
          {templates.map((t) => (
            <li key={t.id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="template-menu__item"
                onClick={() => {
                  openInEditor(t.text);
                  setOpen(false);
                }}
                data-testid={`editor-template-${t.id}`}
              >
                {t.kind}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The frame shown while Monaco loads. */
function EditorLoading() {
  return (
    <div className="manifest-pane manifest-pane--loading" aria-busy="true">
      <span className="manifest-pane__loading">starting the editor…</span>
    </div>
  );
}

/** The editor panel; `visible` says whether it is the one showing (Monaco loads when it first is). */
export function ManifestEditor({ visible }: { visible: boolean }) {
  const [opened, setOpened] = useState(visible);
  useEffect(() => {
    if (visible) setOpened(true);
  }, [visible]);
  const run = useRunManifest();
  const running = useAppStore((s) => !!s.editorRun?.running);
  const live = useAppStore((s) => s.connection === 'live');
  const lastVerb = useAppStore((s) => s.editorRun?.verb);
  const empty = useAppStore((s) => s.editorText.trim() === '');
  const apply = useCallback(() => run('apply'), [run]);
  return (
    <section className="panel manifest-editor" aria-label="Manifest editor" data-testid="manifest-editor">
      <header className="panel__header manifest-editor__bar">
        <EditorIcon name="file" size={14} />
        <span className="panel__title">Editor</span>
        <span className="panel__sub manifest-editor__sub">kubectl -f -</span>
        <span className="manifest-editor__spacer" />
        <TemplateMenu />
        <button type="button" className="editor-button editor-button--danger" onClick={() => run('delete')} disabled={!live || running || empty} data-testid="editor-delete" title="kubectl delete -f -">
          <EditorIcon name="trash" />
          <span>{running && lastVerb === 'delete' ? 'Deleting…' : 'Delete'}</span>
        </button>
        <button type="button" className="editor-button editor-button--primary" onClick={apply} disabled={!live || running || empty} data-testid="editor-apply" title="kubectl apply -f - (Ctrl+Enter)">
          <EditorIcon name="play" />
          <span>{running && lastVerb === 'apply' ? 'Applying…' : 'Apply'}</span>
        </button>
      </header>
      {opened ? (
        <Suspense fallback={<EditorLoading />}>
          <ManifestEditorPane onApply={apply} />
        </Suspense>
      ) : (
        <EditorLoading />
      )}
    </section>
  );
}
