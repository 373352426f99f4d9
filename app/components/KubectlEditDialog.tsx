// The editor `kubectl edit` opens: a modal dialog over the page with the file kubectl wrote in
// Monaco (YAML), Save (Ctrl+S) and Cancel (Escape, no question asked: quitting without saving is
// kubectl's "Edit cancelled, no changes made."). It shows the first file of an EditSessions model
// (app/terminal/edit-sessions.ts); Monaco loads the first time a file opens (its own chunk, as the
// manifest editor's does). The text is only ever a Monaco model's, never markup.

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { editHeader, type EditSession, type EditSessions } from '../terminal/edit-sessions';
import './kubectl-edit.css';

type MonacoModule = typeof import('../editor/monaco');
type CodeEditor = import('../editor/monaco').monaco.editor.IStandaloneCodeEditor;

/**
 * Monaco, with its YAML tokenizer in place: that loads on the first YAML model (a chunk of its own),
 * and lines drawn before it came stay uncoloured until an idle moment, which a busy page may not
 * have for a while. Waits at most a second or so for it.
 */
async function monacoWithYaml(): Promise<MonacoModule> {
  const m = await import('../editor/monaco');
  m.monaco.editor.createModel('', 'yaml').dispose();
  const tokenized = () => m.monaco.editor.tokenize('k: v', 'yaml')[0]?.some((t) => t.type !== '') ?? false;
  for (let i = 0; i < 50 && !tokenized(); i++) await new Promise((r) => setTimeout(r, 20));
  return m;
}

let monacoLoad: Promise<MonacoModule> | null = null;
const loadMonaco = () => (monacoLoad ??= monacoWithYaml());

/** When Escape in Monaco quits: none of Monaco's own Escape bindings (their preconditions) applies. */
const escapeQuits = [
  'suggestWidgetVisible', 'findWidgetVisible', 'editorHasSelection', 'editorHasMultipleSelections', 'inSnippetMode',
  'markersNavigationVisible', 'messageVisible', 'selectionAnchorSet', 'editorHoverVisible', 'cancellableOperation',
].map((k) => `!${k}`).join(' && ');

/** The lines (1-based) of the reasons kubectl put under its header when it reopened the file. */
function reasonLines(s: EditSession): number[] {
  if (s.attempt < 2 || !s.text.startsWith(editHeader)) return [];
  const lines = s.text.split('\n');
  const out: number[] = [];
  for (let i = editHeader.split('\n').length - 1; i < lines.length && lines[i].startsWith('#'); i++) if (lines[i] !== '#') out.push(i + 1);
  return out;
}

const titleId = 'kubectl-edit-title';
const helpId = 'kubectl-edit-help';

/** The elements Tab cycles through inside the dialog, in order. */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('textarea, button:not(:disabled), [tabindex]:not([tabindex="-1"])')].filter((el) => el.offsetParent !== null);
}

/** The dialog; `onClosed` is told which terminal tab's file closed, to give that terminal focus back. */
export function KubectlEditDialog({ sessions, onClosed }: { sessions: EditSessions; onClosed(tab: number): void }) {
  const session = useSyncExternalStore(sessions.subscribe, () => sessions.current);
  const dialog = useRef<HTMLDialogElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<CodeEditor | null>(null);
  const [ready, setReady] = useState<number | null>(null);
  const shown = useRef<EditSession | null>(null);
  /** Set while the dialog closes because no file is left: its close event is not a Cancel. */
  const selfClosed = useRef(false);
  const onClosedRef = useRef(onClosed);
  onClosedRef.current = onClosed;
  const id = session?.id ?? null;

  const save = () => {
    const editor = editorRef.current;
    if (id === null || !editor || ready !== id) return;
    sessions.save(id, editor.getValue());
  };
  const cancel = () => {
    if (id !== null) sessions.cancel(id);
  };
  const saveRef = useRef(save);
  saveRef.current = save;
  const cancelRef = useRef(cancel);
  cancelRef.current = cancel;

  // Open the dialog with a file; close it (focus back to the terminal) when none is left.
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (session && !el.open) el.showModal();
    if (!session && el.open) {
      selfClosed.current = true;
      el.close();
    }
    if (!session && shown.current) onClosedRef.current(shown.current.tab);
    shown.current = session;
  }, [session]);

  // One Monaco editor per file: created when it opens, disposed when it closes.
  useEffect(() => {
    if (id === null) return;
    let disposed = false;
    let cleanup = () => {};
    void loadMonaco().then(({ monaco, yamlEditorOptions }) => {
      const el = host.current;
      const current = sessions.current;
      if (disposed || !el || !current || current.id !== id) return;
      const model = monaco.editor.createModel(current.buffer, 'yaml');
      const editor = monaco.editor.create(el, {
        model,
        ...yamlEditorOptions,
        ariaLabel: `${current.commandLine}: the file kubectl opened (YAML). Ctrl+S saves, Escape cancels.`,
      });
      editorRef.current = editor;
      const content = model.onDidChangeContent(() => sessions.setBuffer(id, model.getValue()));
      // Escape quits, unless Monaco has a use for it first (a widget to close, a selection to drop).
      // An action, not addCommand: its keybinding is this editor's only and goes with it.
      const quit = editor.addAction({ id: 'kubeplay.kubectlEdit.cancel', label: 'Cancel the edit', keybindings: [monaco.KeyCode.Escape], keybindingContext: escapeQuits, run: () => cancelRef.current() });
      // A model made before its editor is only coloured once it changes (the background tokenizer
      // is not started on attach): set its text again, before anything is typed or undoable.
      model.setValue(current.buffer);
      // What kubectl says went wrong (the comments it adds under its header) stands out from the header.
      const reasons = reasonLines(current);
      const marks = editor.createDecorationsCollection(reasons.map((line) => ({ range: new monaco.Range(line, 1, line, model.getLineMaxColumn(line)), options: { inlineClassName: 'kubectl-edit__reason' } })));
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.focus();
      setReady(id);
      cleanup = () => {
        content.dispose();
        quit.dispose();
        marks.clear();
        editor.dispose();
        model.dispose();
        if (editorRef.current === editor) editorRef.current = null;
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [id, sessions]);

  // Keys, after Monaco has had them (it takes Tab to indent; Escape is its own command above, as
  // Monaco's text area swallows every Escape): Escape outside Monaco cancels, Ctrl/Cmd+S saves, Tab
  // stays inside, and none reaches the page's own shortcuts.
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Escape') {
        // Never the browser's own close request: the dialog closes when its file does.
        e.preventDefault();
        if (!(e.target instanceof Element && e.target.closest('.monaco-editor'))) cancelRef.current();
        return;
      }
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveRef.current();
      } else if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        const items = focusables(el);
        if (items.length === 0) return;
        const n = items.length;
        const at = items.indexOf(document.activeElement as HTMLElement);
        e.preventDefault();
        items[at < 0 ? (e.shiftKey ? n - 1 : 0) : (at + (e.shiftKey ? n - 1 : 1)) % n].focus();
      }
    };
    // A close request the keys above did not catch (the browser's own Escape handling) cancels too.
    const onCancel = (e: Event) => {
      e.preventDefault();
      cancelRef.current();
    };
    const onClose = () => {
      if (selfClosed.current) selfClosed.current = false;
      else if (sessions.current) cancelRef.current();
    };
    // Ctrl/Cmd+Enter saves too (as it applies in the manifest editor), and is kept from Monaco: a
    // command added with Monaco's addCommand answers that key in every editor of the page.
    const onKeyFirst = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      e.preventDefault();
      e.stopPropagation();
      saveRef.current();
    };
    el.addEventListener('keydown', onKeyFirst, true);
    el.addEventListener('keydown', onKey);
    el.addEventListener('cancel', onCancel);
    el.addEventListener('close', onClose);
    return () => {
      el.removeEventListener('keydown', onKeyFirst, true);
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('cancel', onCancel);
      el.removeEventListener('close', onClose);
    };
  }, [sessions]);

  const reopened = !!session && session.attempt > 1;
  const queued = sessions.size - 1;
  return createPortal(
    <dialog ref={dialog} className="kubectl-edit" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={helpId} data-testid="kubectl-edit">
      {session && (
        <div className="kubectl-edit__frame">
          <header className="kubectl-edit__header">
            <h2 className="kubectl-edit__title" id={titleId}>
              <span className="kubectl-edit__prompt">$</span> {session.commandLine}
            </h2>
            <span className="kubectl-edit__where">
              sh {session.tab}
              {queued > 0 ? ` · ${queued} more waiting` : ''}
            </span>
          </header>
          {reopened && (
            <p className="kubectl-edit__notice" role="status" data-testid="kubectl-edit-reopened">
              The change was not saved: kubectl reopened the file with the reasons as comments at the top. Fix it and save again, or Cancel.
            </p>
          )}
          <div className="kubectl-edit__body" aria-busy={ready !== session.id}>
            <div className="kubectl-edit__monaco" ref={host} data-testid="kubectl-edit-monaco" />
            {ready !== session.id && <span className="kubectl-edit__loading">starting the editor…</span>}
          </div>
          <footer className="kubectl-edit__footer">
            <p className="kubectl-edit__help" id={helpId}>
              <kbd>Ctrl+S</kbd> saves and kubectl applies the change · <kbd>Esc</kbd> quits without saving · lines starting with <code>#</code> are ignored
            </p>
            <button type="button" className="editor-button" onClick={cancel} data-testid="kubectl-edit-cancel">
              Cancel
            </button>
            <button type="button" className="editor-button editor-button--primary" onClick={save} disabled={ready !== session.id} data-testid="kubectl-edit-save">
              Save
            </button>
          </footer>
        </div>
      )}
    </dialog>,
    document.body,
  );
}
