// The editor pane proper (lazy: Monaco is its chunk): one Monaco editor on the store's text, kept in
// step both ways; the schema's marks while typing, the server's after Apply; and under it the
// problems as a list (readable without a pointer: each one moves the cursor to its line) and what
// kubectl printed.

import { useEffect, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../store';
import type { EditorRun } from '../store/editor-slice';
import { toDiagnostic, type Diagnostic } from './diagnostics';
import { monaco, yamlEditorOptions } from './monaco';
import { serverProblems } from './server-markers';
import { validateManifests } from './validate';
import { parseManifests } from './yaml-doc';

const schemaOwner = 'kubeplay-schema';
const serverOwner = 'kubeplay-server';

function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  return {
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.message,
    source: d.source === 'server' ? 'kubectl' : d.source === 'yaml' ? 'yaml' : 'schema',
    startLineNumber: d.startLine,
    startColumn: d.startColumn,
    endLineNumber: d.endLine,
    endColumn: d.endColumn,
  };
}

/** The marks of a run's API errors, placed in the text that was sent. */
function runMarkers(run: EditorRun): monaco.editor.IMarkerData[] {
  if (run.running || !run.apiErrors.length) return [];
  const parsed = parseManifests(run.text);
  return serverProblems(parsed, run.apiErrors).map((p) => toMarker(toDiagnostic(parsed, p, 'server')));
}

/** One problem as the list shows it. */
interface Problem {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  server: boolean;
}

/** The pane: Monaco, then problems and output. `onApply` runs on Ctrl/Cmd+Enter. */
export default function ManifestEditorPane({ onApply }: { onApply: () => void }) {
  const store = useAppStoreApi();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const applyRef = useRef(onApply);
  applyRef.current = onApply;
  const [problems, setProblems] = useState<Problem[]>([]);
  const run = useAppStore((s) => s.editorRun);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const model = monaco.editor.createModel(store.getState().editorText, 'yaml');
    const editor = monaco.editor.create(el, {
      model,
      ...yamlEditorOptions,
      ariaLabel: 'Manifest editor (YAML). Ctrl+Enter applies; Ctrl+M toggles whether Tab moves focus.',
    });
    editorRef.current = editor;

    let fromStore = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const validate = () => {
      const parsed = parseManifests(model.getValue());
      const diags = validateManifests(parsed).map((p) => toDiagnostic(parsed, p, parsed.errors.length ? 'yaml' : 'schema'));
      monaco.editor.setModelMarkers(model, schemaOwner, diags.map(toMarker));
    };
    validate();
    const initial = store.getState().editorRun;
    // Marks of the last run come back with its text (a reload), not on text that changed since.
    if (initial && initial.text === model.getValue()) monaco.editor.setModelMarkers(model, serverOwner, runMarkers(initial));

    const content = model.onDidChangeContent(() => {
      if (!fromStore) store.getState().setEditorText(model.getValue());
      clearTimeout(timer);
      timer = setTimeout(validate, 150);
    });
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      if (!uris.some((u) => u.toString() === model.uri.toString())) return;
      const list = monaco.editor.getModelMarkers({ resource: model.uri }).map((m) => ({
        line: m.startLineNumber,
        column: m.startColumn,
        severity: m.severity === monaco.MarkerSeverity.Error ? ('error' as const) : ('warning' as const),
        message: m.message,
        server: m.owner === serverOwner,
      }));
      list.sort((a, b) => a.line - b.line || a.column - b.column);
      setProblems(list);
    });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.editorText !== prev.editorText && s.editorText !== model.getValue()) {
        // A template or an object to edit came in: one undoable edit.
        fromStore = true;
        editor.pushUndoStop();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: s.editorText }], () => null);
        editor.pushUndoStop();
        fromStore = false;
      }
      if (s.editorReveal && s.editorReveal !== prev.editorReveal) {
        const line = Math.min(s.editorReveal.line, model.getLineCount());
        editor.setPosition({ lineNumber: line, column: 1 });
        editor.revealLineNearTop(line);
        editor.focus();
      }
      if (s.editorRun !== prev.editorRun && s.editorRun) monaco.editor.setModelMarkers(model, serverOwner, runMarkers(s.editorRun));
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current());

    return () => {
      unsubscribe();
      markers.dispose();
      content.dispose();
      clearTimeout(timer);
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [store]);

  const goTo = (p: Problem) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.setPosition({ lineNumber: p.line, column: p.column });
    editor.revealLineInCenter(p.line);
    editor.focus();
  };

  const output = run && !run.running ? (run.stdout + run.stderr).trimEnd() : '';
  return (
    <div className="manifest-pane">
      <div className="manifest-pane__monaco" ref={host} data-testid="manifest-monaco" />
      {(problems.length > 0 || output || run?.running) && (
        <div className="manifest-pane__footer">
          {problems.length > 0 && (
            <ul className="manifest-problems" aria-label="Problems" data-testid="manifest-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  <button type="button" className={`manifest-problem manifest-problem--${p.severity}`} onClick={() => goTo(p)} data-testid="manifest-problem" data-line={p.line} data-server={p.server || undefined}>
                    <span className="manifest-problem__where">
                      {p.severity === 'error' ? '✕' : '⚠'} line {p.line}
                    </span>
                    <span className="manifest-problem__message">{p.message}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {run?.running && <div className="manifest-output manifest-output--running">kubectl {run.verb} -f - …</div>}
          {output && (
            <pre className={`manifest-output${run && run.code !== 0 ? ' manifest-output--failed' : ''}`} data-testid="manifest-output" aria-live="polite">
              {output}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
