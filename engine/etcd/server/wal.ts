// Models etcd's wal/ and snap/ as raftexample's storage uses them: entries, hard state and snapshots on disk, read back on restart.

import type { Disk } from '../../sim/env';
import type { Entry, HardState, RaftStatus, Ready, Snapshot } from '../raft';

const walKey = (index: number) => `wal/${String(index).padStart(12, '0')}`;

/** What a member finds on its disk when it starts. */
interface OnDisk {
  hardState: HardState | undefined;
  snapshot: Snapshot | null;
  entries: Entry[];
}

/** A member's write-ahead log and snapshot file, on its simulated disk. */
export class Wal {
  /** The index of the last entry in the WAL. */
  private last = 0;

  constructor(private readonly disk: Disk) {}

  /** wal.ReadAll: the hard state, the latest snapshot and every entry after it, as the last incarnation left them. */
  read(): OnDisk {
    const disk = this.disk;
    const hardState = disk.get<HardState>('hardstate');
    const snapshot = disk.get<Snapshot>('snapshot') ?? null;
    const entries = disk.keys('wal/').map((k) => disk.get<Entry>(k)!);
    this.last = entries.length ? entries[entries.length - 1].index : 0;
    return { hardState, snapshot, entries };
  }

  /**
   * A new cluster's first entries, all committed. A crash in the middle of bootstrapping leaves
   * entries without the hard state that seals them, so those go first; the hard state is written
   * last: it is what says the bootstrap is complete (etcd renames its WAL directory into place).
   */
  bootstrap(entries: Entry[]): HardState {
    const disk = this.disk;
    for (const k of disk.keys('wal/')) disk.delete(k);
    const hardState = { term: 1, vote: '', commit: entries.length };
    for (const e of entries) disk.put(walKey(e.index), e);
    disk.put('hardstate', hardState);
    this.last = entries.length ? entries[entries.length - 1].index : 0;
    return hardState;
  }

  /** WAL first: nothing is sent or applied before the state it depends on is durable (Raft §5, Figure 2). */
  persist(rd: Ready): void {
    const disk = this.disk;
    if (rd.snapshot) {
      disk.put('snapshot', rd.snapshot);
      for (const k of disk.keys('wal/')) disk.delete(k);
      this.last = rd.snapshot.index;
    }
    if (rd.entries.length > 0) {
      for (const e of rd.entries) disk.put(walKey(e.index), e);
      const last = rd.entries[rd.entries.length - 1].index;
      // A conflicting tail the leader overwrote must not come back after a restart.
      for (let i = last + 1; i <= this.last; i++) disk.delete(walKey(i));
      this.last = last;
    }
    if (rd.hardState) disk.put('hardstate', rd.hardState);
  }

  /** Saves a snapshot the member took, then drops the WAL entries it compacted (wal.ReleaseLockTo). */
  saveSnapshot(snap: Snapshot, compactedTo: number): void {
    const disk = this.disk;
    disk.put('snapshot', snap);
    for (const k of disk.keys('wal/')) {
      if (Number(k.slice(4)) <= compactedTo) disk.delete(k);
      else break;
    }
  }
}

/** What a crashed member's disk says of its Raft state: hard state, last WAL index, snapshot index. */
export function raftStatusFromDisk(name: string, disk: Disk | undefined): RaftStatus {
  const hs = disk?.get<HardState>('hardstate') ?? { term: 0, vote: '', commit: 0 };
  const wal = disk?.keys('wal/') ?? [];
  return {
    id: name,
    role: 'down',
    term: hs.term,
    leader: null,
    vote: hs.vote || null,
    commitIndex: hs.commit,
    appliedIndex: 0,
    lastIndex: wal.length ? Number(wal[wal.length - 1].slice(4)) : 0,
    snapshotIndex: disk?.get<Snapshot>('snapshot')?.index ?? 0,
    voters: [],
  };
}
