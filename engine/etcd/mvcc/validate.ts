// Request validation etcd does in its gRPC layer before proposing (etcdserver/api/v3rpc/key.go):
// empty keys, ignore_value/ignore_lease misuse, too many txn ops, and puts/deletes that touch the
// same key twice in one txn. MvccStore runs these too, so a bad request fails the same way
// whichever path it takes.

import type { DeleteRangeRequest, PutRequest, RangeRequest, RequestOp, TxnRequest } from '../types';
import {
  ErrLeaseProvided,
  ErrTooManyOps,
  ErrValueProvided,
  MvccError,
  duplicateKeyError,
  emptyKeyError,
  keyNotFoundError,
} from './errors';
import { compareKeys } from './keys';

/** etcd's default --max-txn-ops (embed/config.go DefaultMaxTxnOps). */
export const defaultMaxTxnOps = 128;

/** v3rpc/key.go checkRangeRequest. */
export function checkRangeRequest(r: RangeRequest): void {
  if (!r.key) throw emptyKeyError();
}

/** v3rpc/key.go checkPutRequest. */
export function checkPutRequest(r: PutRequest): void {
  if (!r.key) throw emptyKeyError();
  if (r.ignore_value && r.value) throw new MvccError('InvalidArgument', ErrValueProvided);
  if (r.ignore_lease && r.lease) throw new MvccError('InvalidArgument', ErrLeaseProvided);
}

/** v3rpc/key.go checkDeleteRequest. */
export function checkDeleteRequest(r: DeleteRangeRequest): void {
  if (!r.key) throw emptyKeyError();
}

/** v3rpc/key.go Txn: checkTxnRequest, then checkIntervals on each branch. */
export function checkTxn(r: TxnRequest, maxTxnOps = defaultMaxTxnOps): void {
  checkTxnRequest(r, maxTxnOps);
  checkIntervals(r.success ?? []);
  checkIntervals(r.failure ?? []);
}

function checkTxnRequest(r: TxnRequest, maxTxnOps: number): void {
  const cmps = r.compare ?? [];
  const opc = Math.max(cmps.length, (r.success ?? []).length, (r.failure ?? []).length);
  if (opc > maxTxnOps) throw new MvccError('InvalidArgument', ErrTooManyOps);
  for (const c of cmps) if (!c.key) throw emptyKeyError();
  for (const op of r.success ?? []) checkRequestOp(op, maxTxnOps - opc);
  for (const op of r.failure ?? []) checkRequestOp(op, maxTxnOps - opc);
}

function checkRequestOp(op: RequestOp, maxTxnOps: number): void {
  if ('request_range' in op && op.request_range) return checkRangeRequest(op.request_range);
  if ('request_put' in op && op.request_put) return checkPutRequest(op.request_put);
  if ('request_delete_range' in op && op.request_delete_range) return checkDeleteRequest(op.request_delete_range);
  if ('request_txn' in op && op.request_txn) return checkTxnRequest(op.request_txn, maxTxnOps);
  // An empty union: etcd answers "key not found".
  throw keyNotFoundError();
}

// A deleted interval as pkg/adt's string-affine interval: [begin, end), end '' meaning +infinity.
// A single key k is [k, k+'\0'). etcd builds [key, range_end) from the raw range_end, so a delete
// with range_end '\0' is an empty interval here and never conflicts (checked against etcd 3.4.23).
interface Interval {
  begin: string;
  end: string;
}

function intersectsPoint(dels: readonly Interval[], k: string): boolean {
  // [b, e) meets [k, k+'\0') iff b <= k and k < e.
  return dels.some((d) => compareKeys(d.begin, k) <= 0 && (d.end === '' || compareKeys(k, d.end) < 0));
}

/** v3rpc/key.go checkIntervals: the keys put and ranges deleted by `ops`, or ErrDuplicateKey. */
function checkIntervals(ops: readonly RequestOp[]): { puts: Set<string>; dels: Interval[] } {
  const dels: Interval[] = [];
  for (const op of ops) {
    if (!('request_delete_range' in op) || !op.request_delete_range) continue;
    const d = op.request_delete_range;
    dels.push(d.range_end ? { begin: d.key, end: d.range_end } : { begin: d.key, end: d.key + '\0' });
  }
  const puts = new Set<string>();
  for (const op of ops) {
    if (!('request_txn' in op) || !op.request_txn) continue;
    const then = checkIntervals(op.request_txn.success ?? []);
    const els = checkIntervals(op.request_txn.failure ?? []);
    for (const k of then.puts) {
      if (puts.has(k) || intersectsPoint(dels, k)) throw duplicateKeyError();
      puts.add(k);
    }
    for (const k of els.puts) {
      // A key put by both branches of one nested txn is fine: only one branch runs.
      if (puts.has(k) && !then.puts.has(k)) throw duplicateKeyError();
      if (intersectsPoint(dels, k)) throw duplicateKeyError();
      puts.add(k);
    }
    dels.push(...then.dels, ...els.dels);
  }
  for (const op of ops) {
    if (!('request_put' in op) || !op.request_put) continue;
    const k = op.request_put.key;
    if (puts.has(k) || intersectsPoint(dels, k)) throw duplicateKeyError();
    puts.add(k);
  }
  return { puts, dels };
}

/** etcdserver/v3_server.go isTxnReadonly: no put or delete in either branch, at any depth. */
export function isTxnReadonly(r: TxnRequest): boolean {
  const ro = (ops: readonly RequestOp[] | undefined): boolean =>
    (ops ?? []).every((op) => !('request_put' in op) && !('request_delete_range' in op) && (!('request_txn' in op) || isTxnReadonly(op.request_txn)));
  return ro(r.success) && ro(r.failure);
}
