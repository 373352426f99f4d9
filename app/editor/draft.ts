// The editor's text as the page is left: written to sessionStorage synchronously on pagehide, so a
// reload right after typing keeps what the periodic IndexedDB save (every 2 s) may not have caught.
// It is put back with the session it belongs to (main.tsx), newer than the session's own copy.

import type { SavedEditor } from '../store/editor-slice';

const draftKey = 'kubeplay:editor';

/** Keeps the editor for the next load of this tab. */
export function writeEditorDraft(saved: SavedEditor): void {
  try {
    sessionStorage.setItem(draftKey, JSON.stringify(saved));
  } catch {
    // storage full or off: the IndexedDB copy still has the text as of its last save
  }
}

/** What the last page of this tab left, if anything readable. */
export function readEditorDraft(): SavedEditor | null {
  try {
    const raw = sessionStorage.getItem(draftKey);
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    return v && typeof v === 'object' && typeof (v as SavedEditor).text === 'string' ? (v as SavedEditor) : null;
  } catch {
    return null;
  }
}
