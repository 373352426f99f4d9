// Test helper: turns etcdctl's -w json output (as captured from the real etcdctl 3.4.23) back into
// the engine's response types, so a canned client can answer with exactly what a real etcd answered.

import type {
  DeleteRangeResponse,
  KeyValue,
  LeaseGrantResponse,
  LeaseKeepAliveResponse,
  LeaseLeasesResponse,
  LeaseTimeToLiveResponse,
  Member,
  MemberAddResponse,
  MemberListResponse,
  MemberRemoveResponse,
  PutResponse,
  RangeResponse,
  ResponseHeader,
  ResponseOp,
  StatusResponse,
  TxnResponse,
  WatchResponse,
} from '../../etcd/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

/** JSON.parse that keeps integers beyond 2^53 as bigint (etcd ids use all 64 bits). */
export function goJson(text: string): J {
  const marked = text.replace(/([:[,])(-?\d{16,})(?=[,\]}])/g, '$1"__big__$2"');
  return JSON.parse(marked, (_k, v) => (typeof v === 'string' && v.startsWith('__big__') ? BigInt(v.slice(7)) : v));
}

const unb64 = (s: string | undefined): string => (s ? new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0))) : '');
/** A lease id as the engine carries it: a bigint. */
const id = (v: number | bigint | undefined): bigint => BigInt(v ?? 0);

/** -w json `header` back to the engine type. */
export const header = (j: J = {}): ResponseHeader => ({
  cluster_id: BigInt(j.cluster_id ?? 0),
  member_id: BigInt(j.member_id ?? 0),
  revision: j.revision ?? 0,
  raft_term: j.raft_term ?? 0,
});

/** -w json `kv` back to the engine type. */
export const kv = (j: J): KeyValue => ({
  key: unb64(j.key),
  create_revision: j.create_revision ?? 0,
  mod_revision: j.mod_revision ?? 0,
  version: j.version ?? 0,
  value: unb64(j.value),
  lease: id(j.lease),
});

/** -w json `range` back to the engine type. */
export const range = (j: J): RangeResponse => ({ header: header(j.header), kvs: (j.kvs ?? []).map(kv), more: !!j.more, count: j.count ?? 0 });
/** -w json `put` back to the engine type. */
export const put = (j: J): PutResponse => ({ header: header(j.header), ...(j.prev_kv ? { prev_kv: kv(j.prev_kv) } : {}) });
/** -w json `del` back to the engine type. */
export const del = (j: J): DeleteRangeResponse => ({ header: header(j.header), deleted: j.deleted ?? 0, prev_kvs: (j.prev_kvs ?? []).map(kv) });

const op = (j: J): ResponseOp => {
  const r = j.Response;
  if (r.ResponseRange) return { response_range: range(r.ResponseRange) };
  if (r.ResponsePut) return { response_put: put(r.ResponsePut) };
  if (r.ResponseDeleteRange) return { response_delete_range: del(r.ResponseDeleteRange) };
  return { response_txn: txn(r.ResponseTxn) };
};
/** -w json `txn` back to the engine type. */
export const txn = (j: J): TxnResponse => ({ header: header(j.header), succeeded: !!j.succeeded, responses: (j.responses ?? []).map(op) });

/** -w json `grant` back to the engine type. */
export const grant = (j: J): LeaseGrantResponse => ({ header: header(j), ID: id(j.ID), TTL: j.TTL, error: j.Error ?? '' });
/** -w json `keepAlive` back to the engine type. */
export const keepAlive = (j: J): LeaseKeepAliveResponse => ({ header: header(j), ID: id(j.ID), TTL: j.TTL });
/** -w json `timeToLive` back to the engine type. */
export const timeToLive = (j: J): LeaseTimeToLiveResponse => ({
  header: header(j),
  ID: id(j.id),
  TTL: j.ttl,
  grantedTTL: j['granted-ttl'],
  keys: (j.keys ?? []).map(unb64),
});
/** -w json `leases` back to the engine type. */
export const leases = (j: J): LeaseLeasesResponse => ({ header: header(j), leases: (j.leases ?? []).map((l: J) => ({ ID: id(l.id) })) });

/** -w json `member` back to the engine type. */
export const member = (j: J): Member => ({
  ID: BigInt(j.ID ?? 0),
  name: j.name ?? '',
  peerURLs: j.peerURLs ?? [],
  clientURLs: j.clientURLs ?? [],
  isLearner: !!j.isLearner,
});
/** -w json `memberList` back to the engine type. */
export const memberList = (j: J): MemberListResponse => ({ header: header(j.header), members: (j.members ?? []).map(member) });
/** -w json `memberAdd` back to the engine type. */
export const memberAdd = (j: J): MemberAddResponse => ({ header: header(j.header), member: member(j.member), members: (j.members ?? []).map(member) });
/** -w json `memberRemove` back to the engine type. */
export const memberRemove = (j: J): MemberRemoveResponse => ({ header: header(j.header), members: (j.members ?? []).map(member) });

/** -w json `status` back to the engine type. */
export const status = (j: J): StatusResponse => ({
  header: header(j.header),
  version: j.version ?? '',
  dbSize: j.dbSize ?? 0,
  leader: BigInt(j.leader ?? 0),
  raftIndex: j.raftIndex ?? 0,
  raftTerm: j.raftTerm ?? 0,
  raftAppliedIndex: j.raftAppliedIndex ?? 0,
  errors: j.errors ?? [],
  dbSizeInUse: j.dbSizeInUse ?? 0,
  isLearner: !!j.isLearner,
});

/** -w json `watch` back to the engine type. */
export const watch = (j: J): WatchResponse => ({
  header: header(j.Header),
  watch_id: 0,
  created: j.Created,
  canceled: j.Canceled,
  compact_revision: j.CompactRevision,
  cancel_reason: '',
  events: (j.Events ?? []).map((e: J) => ({ type: e.type === 1 ? 'DELETE' : 'PUT', kv: kv(e.kv), ...(e.prev_kv ? { prev_kv: kv(e.prev_kv) } : {}) })),
});
