// Test helper: the ids of the 3-member etcd 3.4.23 cluster the fixtures were recorded on, and
// builders for responses whose -w json form was not recorded.

import type { KeyValue, ResponseHeader } from '../../etcd/types';

/** cluster_id of the recorded cluster. */
export const clusterId = 14663126794009610935n;
/** member_id of etcd-0 (127.0.0.1:23790), etcd-1 (:23791) and etcd-2 (:23792). */
export const memberIds = [2681083982177880140n, 4627081221937520288n, 2825987797056917605n];

/** A response header from etcd-0 at `revision`. */
export function hdr(revision: number, member = memberIds[0]): ResponseHeader {
  return { cluster_id: clusterId, member_id: member, revision, raft_term: 2 };
}

/** A KeyValue. */
export function kv(key: string, value: string, create_revision: number, mod_revision: number, version: number, lease = 0n): KeyValue {
  return { key, value, create_revision, mod_revision, version, lease };
}
