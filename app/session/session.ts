// A session that survives a reload, and one that can be shared. What is kept is the session's
// recording (its seed, options and every action with the instant it was taken; engine/cluster-core.ts)
// and a little UI state; on reload the page replays the recording fast-forward to where it was, so
// the cluster, its data and its history come back exactly, not approximately. The copy lives in
// IndexedDB; a link carries the recording itself, deflated, in the URL's fragment (never sent to a server).

import { parseRecording, type Recording } from '../../engine/cluster-core';
import type { XY } from '../store/layout-slice';
import type { SavedUi } from '../store/ui-slice';
import type { SavedEditor } from '../store/editor-slice';

/** What is kept of a session between page loads. */
export interface SavedSession {
  version: 1;
  /** The URL query the session was started from: another query starts another session. */
  query: string;
  recording: Recording;
  paused: boolean;
  speed: number;
  positions: Record<string, XY>;
  /** The panels: dock height and tab, terminal history (absent in sessions saved before them). */
  ui?: SavedUi;
  /** The manifest editor's text, its view and last run (absent in sessions saved before it). */
  editor?: SavedEditor;
}

const dbName = 'kubeplay';
const storeName = 'sessions';
const key = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(storeName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB did not open'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      const req = fn(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** The session saved by the last page, if any (a damaged one counts as none). */
export async function loadSession(): Promise<SavedSession | null> {
  try {
    const v = (await withStore('readonly', (s) => s.get(key))) as SavedSession | undefined;
    if (!v || v.version !== 1) return null;
    // Stored as plain data; check it as a loaded file is checked.
    parseRecording(JSON.stringify(v.recording));
    return v;
  } catch {
    return null;
  }
}

/** Keeps the session for the next page load. */
export async function saveSession(s: SavedSession): Promise<void> {
  await withStore('readwrite', (st) => st.put(s, key));
}

/** Forgets the saved session (New session). */
export async function clearSession(): Promise<void> {
  await withStore('readwrite', (st) => st.delete(key));
}

const linkPrefix = '#recording=';

/** A link that replays the recording in another browser: the recording, deflated, in the fragment. */
export async function sessionLink(rec: Recording, base: string): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(rec));
  const deflated = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  let bin = '';
  for (const b of deflated) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${base.replace(/#.*$/, '')}${linkPrefix}${b64}`;
}

/** The recording a link carries, or null when the fragment holds none; throws when it is damaged. */
export async function recordingFromHash(hash: string): Promise<Recording | null> {
  if (!hash.startsWith(linkPrefix)) return null;
  const b64 = hash.slice(linkPrefix.length).replace(/-/g, '+').replace(/_/g, '/');
  let bin: string;
  try {
    bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new Error('the link is damaged: its recording is not base64');
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  let text: string;
  try {
    text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
  } catch {
    throw new Error('the link is damaged: its recording does not inflate');
  }
  return parseRecording(text);
}
