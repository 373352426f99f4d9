// The manifest editor and the resource browser: the editor's text (the one copy of it: Monaco shows
// it, a session saves it), what the last Apply or Delete printed and the API errors behind it, and
// which view shares the terminal's place in the dock (terminal, editor or resources).
import type { StateCreator } from 'zustand/vanilla';
import type { ApiError } from '../editor/server-markers';
import { appendManifest } from '../editor/templates';
import type { AppState } from './store';

/** What fills the terminal's place in the dock. */
export type WorkView = 'terminal' | 'editor' | 'resources';

export const workViews: readonly WorkView[] = ['terminal', 'editor', 'resources'];

/** The last `kubectl apply|delete -f -` the editor ran. */
export interface EditorRun {
  verb: 'apply' | 'delete';
  /** The text that was sent: the server's marks are placed in it. */
  text: string;
  running: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  apiErrors: ApiError[];
  /** The text did not parse: nothing was sent. */
  blocked: boolean;
}

/** One object of the resource browser. */
export interface ResourceRef {
  /** '' for a cluster-scoped object. */
  namespace: string;
  resource: string;
  group: string;
  kind: string;
  name: string;
}

/** Editor slice. */
export interface EditorSlice {
  editorText: string;
  workView: WorkView;
  editorRun: EditorRun | null;
  /** Asks the editor to show (and put the cursor on) a line; `seq` tells one request from the next. */
  editorReveal: { line: number; seq: number } | null;
  resourceSelection: ResourceRef | null;
  /** Nodes of the resource tree opened or closed by hand (by their key); the others keep their default. */
  resourceExpanded: Record<string, boolean>;
  setEditorText(text: string): void;
  setWorkView(view: WorkView): void;
  /** Adds a manifest to the editor (replacing an empty one), shows the editor and its first line. */
  openInEditor(manifest: string): void;
  startEditorRun(verb: EditorRun['verb'], text: string): void;
  finishEditorRun(result: Pick<EditorRun, 'code' | 'stdout' | 'stderr'> & { apiErrors?: ApiError[]; blocked?: boolean }): void;
  selectResource(ref: ResourceRef | null): void;
  setResourceExpanded(key: string, open: boolean): void;
  /** Puts back what a saved session kept of the editor. */
  restoreEditor(saved: SavedEditor): void;
}

/** What of the editor a session keeps across a reload. */
export interface SavedEditor {
  text: string;
  workView: WorkView;
  /** The last finished run, so its marks come back with the text they are about. */
  run?: EditorRun;
}

/** What of the editor a session saves. */
export function savedEditor(s: EditorSlice): SavedEditor {
  const run = s.editorRun && !s.editorRun.running ? s.editorRun : undefined;
  return run ? { text: s.editorText, workView: s.workView, run } : { text: s.editorText, workView: s.workView };
}

function isRun(x: unknown): x is EditorRun {
  if (!x || typeof x !== 'object') return false;
  const r = x as Partial<EditorRun>;
  return (r.verb === 'apply' || r.verb === 'delete') && typeof r.text === 'string' && typeof r.stdout === 'string' && typeof r.stderr === 'string' && Array.isArray(r.apiErrors);
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => {
  let seq = 0;
  return {
    editorText: '',
    workView: 'terminal',
    editorRun: null,
    editorReveal: null,
    resourceSelection: null,
    resourceExpanded: {},
    setEditorText: (editorText) => set((s) => (s.editorText === editorText ? {} : { editorText })),
    setWorkView: (workView) => {
      set({ workView });
      // On a phone the dock shows one panel: the views sharing the terminal's place are in it.
      if (get().dockTab !== 'terminal') get().setDockTab('terminal');
    },
    openInEditor: (manifest) => {
      const { text, line } = appendManifest(get().editorText, manifest);
      set({ editorText: text, editorReveal: { line, seq: ++seq } });
      get().setWorkView('editor');
    },
    startEditorRun: (verb, text) => set({ editorRun: { verb, text, running: true, code: null, stdout: '', stderr: '', apiErrors: [], blocked: false } }),
    finishEditorRun: (r) =>
      set((s) =>
        s.editorRun
          ? { editorRun: { ...s.editorRun, running: false, code: r.code, stdout: r.stdout, stderr: r.stderr, apiErrors: r.apiErrors ?? [], blocked: r.blocked ?? false } }
          : {},
      ),
    selectResource: (resourceSelection) => set({ resourceSelection }),
    setResourceExpanded: (key, open) => set((s) => (s.resourceExpanded[key] === open ? {} : { resourceExpanded: { ...s.resourceExpanded, [key]: open } })),
    restoreEditor: (saved) =>
      // Saved by an older or damaged page: take what is well-formed.
      set({
        editorText: typeof saved.text === 'string' ? saved.text : '',
        workView: workViews.includes(saved.workView) ? saved.workView : 'terminal',
        editorRun: isRun(saved.run) ? { ...saved.run, running: false } : null,
      }),
  };
};
