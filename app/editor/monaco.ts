// Monaco, slim: the editor core and the contributions a manifest editor uses (suggest, hover,
// markers and F8, find, folding, comments, snippets, clipboard, Tab-moves-focus), the YAML
// tokenizer, and Monaco's editor worker built from this origin (no blob:, no CDN). Loaded only with
// the editor pane (its own chunk); the full `monaco-editor` entry would add every language.

import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { completeAt, hoverAt } from './complete';

export { monaco };
export type Monaco = typeof monaco;

/** How every YAML editor in the app looks and completes (the manifest editor, kubectl edit's dialog). */
export const yamlEditorOptions: monaco.editor.IStandaloneEditorConstructionOptions = {
  theme: 'kubeplay-dark',
  automaticLayout: true,
  minimap: { enabled: false },
  fontFamily: "'JetBrains Mono', 'SF Mono', ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
  fontSize: 12.5,
  lineHeight: 19,
  tabSize: 2,
  insertSpaces: true,
  detectIndentation: false,
  scrollBeyondLastLine: false,
  wordBasedSuggestions: 'off',
  quickSuggestions: { other: true, comments: false, strings: true },
  suggest: { showWords: false, preview: true },
  fixedOverflowWidgets: true,
  lineNumbersMinChars: 3,
  padding: { top: 6 },
};

// The one worker Monaco asks for with only the YAML tokenizer loaded: its editor worker.
window.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/** The app's dark theme, on its own palette (styles.css :root). */
monaco.editor.defineTheme('kubeplay-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'type', foreground: '7aa2ff' },
    { token: 'string', foreground: 'b7d99a' },
    { token: 'number', foreground: 'f5b942' },
    { token: 'keyword', foreground: 'c084fc' },
    { token: 'comment', foreground: '5b6477', fontStyle: 'italic' },
  ],
  colors: {
    'editor.background': '#0b0e14',
    'editor.lineHighlightBackground': '#131824',
    'editorLineNumber.foreground': '#5b6477',
    'editorLineNumber.activeForeground': '#b7bfcd',
    'editorGutter.background': '#0b0e14',
    'editorWidget.background': '#131824',
    'editorWidget.border': '#283042',
    'editorHoverWidget.background': '#131824',
    'editorHoverWidget.border': '#283042',
    'editorSuggestWidget.background': '#131824',
    'editorSuggestWidget.border': '#283042',
    'editorSuggestWidget.selectedBackground': '#1f2a44',
    'editor.selectionBackground': '#2a3b66',
    'editorCursor.foreground': '#7aa2ff',
    'focusBorder': '#5b8cff',
  },
});

const kindOf: Record<'field' | 'value' | 'kind', monaco.languages.CompletionItemKind> = {
  field: monaco.languages.CompletionItemKind.Property,
  value: monaco.languages.CompletionItemKind.EnumMember,
  kind: monaco.languages.CompletionItemKind.Class,
};

const rangeOf = (model: monaco.editor.ITextModel, start: number, end: number): monaco.IRange => {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
};

// Completion and hover for every YAML model (the editor's are the only ones), from the shipped schemas.
monaco.languages.registerCompletionItemProvider('yaml', {
  triggerCharacters: [' ', ':'],
  provideCompletionItems(model, position) {
    const c = completeAt(model.getValue(), model.getOffsetAt(position));
    if (!c || !c.entries.length) return { suggestions: [] };
    const range = rangeOf(model, c.replaceStart, c.replaceEnd);
    const keep = monaco.languages.CompletionItemInsertTextRule.KeepWhitespace;
    return {
      suggestions: c.entries.map((e) => ({
        label: e.detail ? { label: e.label, description: e.detail } : e.label,
        kind: kindOf[e.kind],
        insertText: e.insertText,
        insertTextRules: e.snippet ? keep | monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : keep,
        documentation: e.documentation ? { value: e.documentation } : undefined,
        // The row shows the type already; the details pane repeats it only above a description.
        detail: e.documentation ? e.detail : undefined,
        sortText: e.sortText,
        filterText: e.filterText,
        range,
      })),
    };
  },
});

monaco.languages.registerHoverProvider('yaml', {
  provideHover(model, position) {
    const h = hoverAt(model.getValue(), model.getOffsetAt(position));
    return h ? { range: rangeOf(model, h.start, h.end), contents: [{ value: h.markdown }] } : null;
  },
});
