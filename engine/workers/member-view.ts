// Turns what the host knows about an etcd member (live telemetry, or the disk of a dead one) into
// the MemberView the canvas draws.

import { raftStatusFromDisk, type MemberTelemetry } from '../etcd';
import type { RaftStatus } from '../etcd/raft';
import type { Disk } from '../sim/env';

import type { MemberView } from './types';

/** A disk that counts its writes (MemoryDisk, DurableDisk). */
type CountedDisk = Disk & { readonly writes: number };

/** A live member's view. */
export function liveMemberView(t: MemberTelemetry, removed: boolean): MemberView {
  return {
    name: t.name,
    memberId: t.memberId,
    up: true,
    raft: t.raft,
    revision: t.revision,
    compactRevision: t.compactRevision,
    removed: t.removed || removed,
    worker: null,
  };
}

/** A dead member's view: Raft state as its disk has it, the rest as it was last seen. */
export function downMemberView(name: string, disk: CountedDisk | undefined, last: MemberTelemetry | undefined, removed: boolean, lastError: string | null): MemberView {
  const view: MemberView = {
    name,
    memberId: last?.memberId ?? '',
    up: false,
    raft: raftFromDisk(name, disk),
    revision: last?.revision ?? 0,
    compactRevision: last?.compactRevision ?? 0,
    removed: removed || !!last?.removed,
    worker: null,
  };
  if (lastError) view.lastError = lastError;
  return view;
}

/** Readings of dead members' disks; a dead member's disk does not change, so one read serves every frame. */
const readings = new WeakMap<CountedDisk, { writes: number; raft: RaftStatus }>();

/** What a crashed member's disk says, read once per disk write. */
function raftFromDisk(name: string, disk: CountedDisk | undefined): RaftStatus {
  const cached = disk && readings.get(disk);
  if (cached && cached.writes === disk.writes) return cached.raft;
  const raft = raftStatusFromDisk(name, disk);
  if (disk) readings.set(disk, { writes: disk.writes, raft });
  return raft;
}
