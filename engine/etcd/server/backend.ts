// Models mvcc/backend (bbolt) as a member keeps it on disk: the key bucket in copy-on-write pages, the lease bucket and the meta bucket's consistent_index, committed atomically by writing a new meta last.

import type { Disk } from '../../sim/env';
import { MvccStore, type MvccRecord, type MvccSnapshot, type MvccStoreOptions } from '../mvcc';

/** The meta page: everything but the records, and where each page of records is. Written last. */
interface BackendMeta {
  format: 'kubeplay-backend/1';
  /** The index of the last entry applied to this backend (etcd's meta bucket consistent_index). */
  consistentIndex: number;
  /** Commit generation: page keys carry it, so a commit never overwrites a page the last meta names. */
  gen: number;
  store: Omit<MvccSnapshot, 'records'>;
  /** Page number → disk key of its records. */
  pages: [number, string][];
}

/** A whole backend as a leader sends it with a snapshot (etcd streams the bbolt file). */
export interface BackendSnapshot {
  mvcc: MvccSnapshot;
  consistentIndex: number;
}

const metaKey = 'db/meta';
const pagePrefix = 'db/page/';
const pageKey = (page: number, gen: number) => `${pagePrefix}${String(page).padStart(9, '0')}.${gen}`;

/**
 * A member's MVCC store on disk. A commit writes the pages changed since the last one, then the
 * meta that names them, then drops the pages it replaced: a crash at any point leaves either the
 * old or the new meta, each naming only pages that exist (bbolt's meta page swap).
 */
export class Backend {
  private meta: BackendMeta | null;

  constructor(private readonly disk: Disk) {
    this.meta = disk.get<BackendMeta>(metaKey) ?? null;
  }

  /** The consistent index on disk (0 with no backend yet). */
  get consistentIndex(): number {
    return this.meta?.consistentIndex ?? 0;
  }

  /** backend.Open: the store as last committed, or null before the first commit. Drops pages a crash left unnamed. */
  open(opts: MvccStoreOptions): MvccStore | null {
    const meta = this.meta;
    if (!meta) return null;
    const named = new Set(meta.pages.map(([, k]) => k));
    for (const k of this.disk.keys(pagePrefix)) if (!named.has(k)) this.disk.delete(k);
    const records: MvccRecord[] = [];
    for (const [, k] of meta.pages) for (const r of this.disk.get<MvccRecord[]>(k)!) records.push(r);
    return MvccStore.fromBackend(meta.store, records, opts);
  }

  /** backend.ForceCommit with the consistent index: writes what changed since the last commit. */
  commit(store: MvccStore, consistentIndex: number): void {
    const pages = new Map(this.meta?.pages ?? []);
    this.write(store, store.takeDirtyPages(), pages, consistentIndex);
  }

  /** A backend received from the leader replaces this one whole (etcd renames the received db file into place). */
  replace(store: MvccStore, consistentIndex: number): void {
    store.takeDirtyPages();
    this.write(store, store.pageNumbers(), new Map(), consistentIndex);
  }

  private write(store: MvccStore, dirty: number[], pages: Map<number, string>, consistentIndex: number): void {
    const gen = (this.meta?.gen ?? 0) + 1;
    const before = new Set(this.meta?.pages.map(([, k]) => k) ?? []);
    for (const p of dirty) {
      const recs = store.pageRecords(p);
      if (recs.length === 0) {
        pages.delete(p);
        continue;
      }
      const k = pageKey(p, gen);
      this.disk.put(k, recs);
      pages.set(p, k);
    }
    const meta: BackendMeta = {
      format: 'kubeplay-backend/1',
      consistentIndex,
      gen,
      store: store.backendState(),
      pages: [...pages].sort((a, b) => a[0] - b[0]),
    };
    this.disk.put(metaKey, meta);
    this.meta = meta;
    const now = new Set(pages.values());
    for (const k of before) if (!now.has(k)) this.disk.delete(k);
  }
}
