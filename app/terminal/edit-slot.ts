// The unsaved text of `kubectl edit`'s open files, kept in this tab's sessionStorage as it is typed
// (as app/editor/draft.ts keeps the manifest editor's text), so a reload with the dialog open loses
// nothing: the next page takes it out once and puts it in the manifest editor (TerminalTabs).

import type { PendingEdit } from './edit-sessions';

const slotKey = 'kubeplay:kubectl-edit';

/** Keeps the open files' text (none: the slot is emptied). */
export function writeEditSlot(pending: readonly PendingEdit[], storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage): void {
  try {
    if (pending.length === 0) storage.removeItem(slotKey);
    else storage.setItem(slotKey, JSON.stringify(pending));
  } catch {
    // storage full or off: the dialog still has the text
  }
}

/** What the last page left open, once: the slot is emptied as it is read. */
export function takeEditSlot(storage: Pick<Storage, 'getItem' | 'removeItem'> = sessionStorage): PendingEdit[] {
  try {
    const raw = storage.getItem(slotKey);
    storage.removeItem(slotKey);
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    if (!Array.isArray(v)) return [];
    return v.filter((p): p is PendingEdit => !!p && typeof p === 'object' && typeof p.commandLine === 'string' && typeof p.text === 'string' && typeof p.buffer === 'string');
  } catch {
    return [];
  }
}
