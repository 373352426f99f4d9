// `kubectl edit`'s editor in the app. kubectl writes the object to a file and runs $EDITOR on it
// (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editor.go LaunchTempFile); here the file is a
// dialog over the page, and this module is its model without React: the files the terminals' kubectl
// runs have open, in the order they asked, and the unsaved text of each. Save answers the text;
// Cancel answers the file as kubectl wrote it, as an editor quit without saving leaves the file,
// so kubectl prints what it prints then ("Edit cancelled, no changes made."). Ctrl-C in the
// terminal (its abort signal) closes the file unanswered: kubectl is gone.

/** kubectl's header above the objects (editoptions.go editHeaderTemplate), as edit.ts writes it. */
export const editHeader = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** One file kubectl has open in the editor. */
export interface EditSession {
  id: number;
  /** The terminal tab whose kubectl asked: focus goes back to it. */
  tab: number;
  commandLine: string;
  /** 1 the first time; more when kubectl reopened the file with the server's errors at the top. */
  attempt: number;
  /** The file as kubectl wrote it. */
  text: string;
  /** The file as edited so far, not saved. */
  buffer: string;
}

/** What of an open file survives a reload (the kubectl that opened it does not). */
export interface PendingEdit {
  commandLine: string;
  text: string;
  buffer: string;
}

/** What a terminal's kubectl asks for. */
export interface EditRequest {
  tab: number;
  commandLine: string;
  attempt: number;
  text: string;
}

interface Entry {
  session: EditSession;
  resolve(text: string): void;
  dispose(): void;
}

/** The open files, first shown first; `persist` is told of their unsaved text on every change. */
export class EditSessions {
  private entries: Entry[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly persist?: (pending: PendingEdit[]) => void) {}

  /** The file the dialog shows, or null. */
  get current(): EditSession | null {
    return this.entries[0]?.session ?? null;
  }

  /** How many files are open (the dialog shows the first). */
  get size(): number {
    return this.entries.length;
  }

  /** Calls `fn` whenever the current file or its text changes. */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Opens a file; the promise answers what was saved. An aborted `signal` closes it unanswered. */
  open(req: EditRequest, signal?: AbortSignal): Promise<string> {
    return new Promise<string>((resolve) => {
      if (signal?.aborted) return;
      const session: EditSession = { id: this.nextId++, tab: req.tab, commandLine: req.commandLine, attempt: req.attempt, text: req.text, buffer: req.text };
      const onAbort = () => this.close(session.id);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.entries.push({ session, resolve, dispose: () => signal?.removeEventListener('abort', onAbort) });
      this.changed();
    });
  }

  /** Keeps the unsaved text of file `id`. */
  setBuffer(id: number, buffer: string): void {
    const e = this.entries.find((x) => x.session.id === id);
    if (!e || e.session.buffer === buffer) return;
    e.session = { ...e.session, buffer };
    this.changed();
  }

  /** Save: the editor writes `text` to the file and quits. */
  save(id: number, text: string): void {
    this.close(id)?.resolve(text);
  }

  /** Cancel: the editor quits without saving; the file is as kubectl wrote it. */
  cancel(id: number): void {
    const e = this.close(id);
    e?.resolve(e.session.text);
  }

  /** Closes every file of terminal tab `tab` unanswered (the tab or its cluster went away). */
  closeTab(tab: number): void {
    for (const e of this.entries.filter((x) => x.session.tab === tab)) this.close(e.session.id);
  }

  private close(id: number): Entry | undefined {
    const e = this.entries.find((x) => x.session.id === id);
    if (!e) return undefined;
    e.dispose();
    this.entries = this.entries.filter((x) => x !== e);
    this.changed();
    return e;
  }

  private changed(): void {
    this.persist?.(this.entries.map(({ session: s }) => ({ commandLine: s.commandLine, text: s.text, buffer: s.buffer })));
    for (const fn of this.listeners) fn();
  }
}

/**
 * What the manifest editor gets of a file a reload closed before Save: its edited text under a note
 * saying where it came from (kubectl's own header taken off), or null when nothing had been changed.
 */
export function recoveredManifest(p: PendingEdit): string | null {
  if (p.buffer === p.text) return null;
  const body = p.buffer.startsWith(editHeader) ? p.buffer.slice(editHeader.length) : p.buffer;
  return `# Unsaved text of \`${p.commandLine.replace(/\s+/g, ' ').trim()}\`: the page was reloaded before Save.\n# Apply sends it (kubectl apply -f -).\n${body}`;
}
