// Models the protobuf wire sizes of etcdserverpb requests (gogo/protobuf's generated Size()), which gRPC's message limit and etcd's --max-request-bytes are checked against.

import type { Compare, CompareResult, CompareTarget, EtcdApi, EtcdMethod, PutRequest, RangeRequest, RequestOp, SortOrder, SortTarget, TxnRequest } from '../types';
import type { InternalRequest } from './protocol';

/** clientv3's defaultMaxCallSendMsgSize: gRPC refuses to send a bigger request. */
export const maxCallSendMsgSize = 2 * 1024 * 1024;

/** embed.DefaultMaxRequestBytes (--max-request-bytes): a bigger proposal is refused before Raft. */
export const maxRequestBytes = 1.5 * 1024 * 1024;

/** Bytes of a varint; negative int64s take ten. */
function varint(n: number | bigint): number {
  if (n < 0) return 10;
  let bytes = 1;
  if (typeof n === 'number') {
    for (let v = n; v >= 0x80; v = Math.floor(v / 0x80)) bytes++;
    return bytes;
  }
  for (let v = n; v >= 0x80n; v >>= 7n) bytes++;
  return bytes;
}

/** Bytes of a field tag. */
const tag = (field: number) => varint(field << 3);

/** UTF-8 bytes of a JS string (keys and values travel as UTF-8). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// proto3 leaves zero values out; a set message field is written even when empty.
const bytesField = (field: number, s: string | undefined) => (s ? tag(field) + lengthDelimited(utf8Length(s)) : 0);
const intField = (field: number, v: number | bigint | undefined) => (v ? tag(field) + varint(v) : 0);
const boolField = (field: number, v: boolean | undefined) => (v ? tag(field) + 1 : 0);
const messageField = (field: number, size: number) => tag(field) + lengthDelimited(size);
const lengthDelimited = (len: number) => varint(len) + len;

const sortOrders: SortOrder[] = ['NONE', 'ASCEND', 'DESCEND'];
const sortTargets: SortTarget[] = ['KEY', 'VERSION', 'CREATE', 'MOD', 'VALUE'];
const compareResults: CompareResult[] = ['EQUAL', 'GREATER', 'LESS', 'NOT_EQUAL'];
const compareTargets: CompareTarget[] = ['VERSION', 'CREATE', 'MOD', 'VALUE', 'LEASE'];

function rangeSize(r: RangeRequest): number {
  return (
    bytesField(1, r.key) +
    bytesField(2, r.range_end) +
    intField(3, r.limit) +
    intField(4, r.revision) +
    intField(5, sortOrders.indexOf(r.sort_order ?? 'NONE')) +
    intField(6, sortTargets.indexOf(r.sort_target ?? 'KEY')) +
    boolField(7, r.serializable) +
    boolField(8, r.keys_only) +
    boolField(9, r.count_only)
  );
}

function putSize(r: PutRequest): number {
  return bytesField(1, r.key) + bytesField(2, r.value) + intField(3, r.lease) + boolField(4, r.prev_kv) + boolField(5, r.ignore_value) + boolField(6, r.ignore_lease);
}

function deleteRangeSize(r: { key: string; range_end?: string; prev_kv?: boolean }): number {
  return bytesField(1, r.key) + bytesField(2, r.range_end) + boolField(3, r.prev_kv);
}

function compareSize(c: Compare): number {
  // The target_union oneof is written whenever it is set, zero or not.
  const union: Record<CompareTarget, number> = {
    VERSION: tag(4) + varint(c.version ?? 0),
    CREATE: tag(5) + varint(c.create_revision ?? 0),
    MOD: tag(6) + varint(c.mod_revision ?? 0),
    VALUE: tag(7) + lengthDelimited(utf8Length(c.value ?? '')),
    LEASE: tag(8) + varint(c.lease ?? 0n),
  };
  return intField(1, compareResults.indexOf(c.result)) + intField(2, compareTargets.indexOf(c.target)) + bytesField(3, c.key) + union[c.target] + bytesField(64, c.range_end);
}

function requestOpSize(op: RequestOp): number {
  if ('request_range' in op) return messageField(1, rangeSize(op.request_range));
  if ('request_put' in op) return messageField(2, putSize(op.request_put));
  if ('request_delete_range' in op) return messageField(3, deleteRangeSize(op.request_delete_range));
  return messageField(4, txnSize(op.request_txn));
}

function txnSize(t: TxnRequest): number {
  let n = 0;
  for (const c of t.compare) n += messageField(1, compareSize(c));
  for (const op of t.success) n += messageField(2, requestOpSize(op));
  for (const op of t.failure) n += messageField(3, requestOpSize(op));
  return n;
}

/** The encoded size of a unary request, as gRPC compares it with its send limit. */
export function requestSize<M extends EtcdMethod>(method: M, req: EtcdApi[M]['req']): number {
  const r = req as never;
  switch (method as EtcdMethod) {
    case 'Range':
      return rangeSize(r);
    case 'Put':
      return putSize(r);
    case 'DeleteRange':
      return deleteRangeSize(r);
    case 'Txn':
      return txnSize(r);
    case 'Compact': {
      const c = req as EtcdApi['Compact']['req'];
      return intField(1, c.revision) + boolField(2, c.physical);
    }
    case 'LeaseGrant': {
      const g = req as EtcdApi['LeaseGrant']['req'];
      return intField(1, g.TTL) + intField(2, g.ID);
    }
    case 'LeaseRevoke':
    case 'LeaseKeepAlive':
    case 'MemberRemove':
      return intField(1, (req as { ID: bigint }).ID);
    case 'LeaseTimeToLive': {
      const t = req as EtcdApi['LeaseTimeToLive']['req'];
      return intField(1, t.ID) + boolField(2, t.keys);
    }
    case 'MemberAdd': {
      const a = req as EtcdApi['MemberAdd']['req'];
      return a.peerURLs.reduce((n, u) => n + bytesField(1, u), 0) + boolField(2, a.isLearner);
    }
    case 'LeaseLeases':
    case 'MemberList':
    case 'Status':
      return 0;
  }
}

/** The size of the InternalRaftRequest a member marshals for a proposal (v3_server.go processInternalRaftRequestOnce). */
export function internalRaftRequestSize(req: InternalRequest, requestId: bigint): number {
  const header = messageField(100, intField(1, requestId));
  if ('Put' in req) return header + messageField(4, putSize(req.Put));
  if ('DeleteRange' in req) return header + messageField(5, deleteRangeSize(req.DeleteRange));
  if ('Txn' in req) return header + messageField(6, txnSize(req.Txn));
  if ('Compaction' in req) return header + messageField(7, intField(1, req.Compaction.revision) + boolField(2, req.Compaction.physical));
  if ('LeaseGrant' in req) return header + messageField(8, intField(1, req.LeaseGrant.TTL) + intField(2, req.LeaseGrant.ID));
  if ('LeaseRevoke' in req) return header + messageField(9, intField(1, req.LeaseRevoke.ID));
  return header;
}
