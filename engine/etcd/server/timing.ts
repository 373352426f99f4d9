// Timing profiles. `realistic` is etcd's defaults (--heartbeat-interval=100, --election-timeout=1000,
// --snapshot-count=100000, SnapshotCatchUpEntries=5000). `fast` keeps every ratio but halves the
// timings, and snapshots every 1,000 entries so log compaction and snapshot transfer show up in a
// playground session (see docs/FIDELITY.md).

/** How an etcd member paces itself. */
export interface EtcdTiming {
  heartbeatMs: number;
  /** Election timeout; Raft's electionTick = electionMs / heartbeatMs. */
  electionMs: number;
  /** Applied entries between snapshots (--snapshot-count). */
  snapshotCount: number;
  /** Entries kept in the log behind a snapshot for slow followers (SnapshotCatchUpEntries). */
  snapshotCatchUpEntries: number;
  /** How often the leader looks for expired leases (lessor.go: 500 ms). */
  leaseRevokeCheckMs: number;
  /** A linearizable read whose ReadIndex got no answer is retried after this (readIndexRetryTime). */
  readIndexRetryMs: number;
}

/** The timing profile names createCluster accepts. */
export type Profile = 'fast' | 'realistic';

const profiles: Record<Profile, EtcdTiming> = {
  realistic: { heartbeatMs: 100, electionMs: 1000, snapshotCount: 100_000, snapshotCatchUpEntries: 5_000, leaseRevokeCheckMs: 500, readIndexRetryMs: 500 },
  fast: { heartbeatMs: 50, electionMs: 500, snapshotCount: 1000, snapshotCatchUpEntries: 500, leaseRevokeCheckMs: 250, readIndexRetryMs: 250 },
};

/** The timings of a profile. */
export function timingFor(profile: Profile): EtcdTiming {
  return { ...profiles[profile] };
}

/** etcd's minimum lease TTL in seconds: ceil(1.5 × election timeout) (etcdserver/server.go minTTL). */
export function minLeaseTtlSec(t: EtcdTiming): number {
  const electionTicks = Math.round(t.electionMs / t.heartbeatMs);
  return Math.ceil((Math.floor((3 * electionTicks) / 2) * t.heartbeatMs) / 1000);
}
