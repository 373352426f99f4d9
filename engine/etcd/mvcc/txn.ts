// Txn evaluation (etcdserver/apply.go Txn): every compare on the chosen path, nested ones
// included, is evaluated first against the state before the txn; then the requests on that path
// are checked; then the ops run in order inside one write transaction.

import type { RequestOp, ResponseOp, TxnRequest, TxnResponse, LeaseID } from '../types';
import { compactedError, futureRevError, keyNotFoundError, leaseNotFoundError } from './errors';
import { applyCompares } from './compare';
import { opHeader, type WriteTxn } from './write';

/** Which branch each txn on the chosen path takes: apply.go's txnPath, as a tree. */
interface Path {
  succeeded: boolean;
  /** One entry per nested txn in the chosen branch, in order. */
  nested: Path[];
}

/** apply.go compareToPath: evaluates all compares along the path before anything is written. */
export function compareToPath(w: WriteTxn, r: TxnRequest): Path {
  const succeeded = applyCompares((kr) => w.kvsIn(kr), r.compare);
  const nested: Path[] = [];
  for (const op of branch(r, succeeded)) if ('request_txn' in op && op.request_txn) nested.push(compareToPath(w, op.request_txn));
  return { succeeded, nested };
}

/** The checks apply.go Txn makes before writing: checkRequestPut (write txns only), then checkRequestRange. */
export function checkTxnRequests(
  w: WriteTxn,
  r: TxnRequest,
  path: Path,
  opts: { isWrite: boolean; compactRev: number; leaseExists: (id: LeaseID) => boolean },
): void {
  if (opts.isWrite) {
    forEachOp(r, path, (op) => {
      if (!('request_put' in op) || !op.request_put) return;
      const p = op.request_put;
      // checkRequestPut: ignore_* needs the key to exist; a lease must exist.
      if ((p.ignore_value || p.ignore_lease) && w.kvsIn({ key: p.key, end: null }).length === 0) throw keyNotFoundError();
      if (p.lease && !opts.leaseExists(p.lease)) throw leaseNotFoundError();
    });
  }
  forEachOp(r, path, (op) => {
    if (!('request_range' in op) || !op.request_range) return;
    // checkRequestRange: against the read view before the txn.
    const rev = op.request_range.revision ?? 0;
    if (rev === 0) return;
    if (rev > w.beginRev) throw futureRevError();
    if (rev < opts.compactRev) throw compactedError();
  });
}

/** apply.go applyTxn + newTxnResp: runs the chosen ops; a nested txn's own header stays empty (revision 0). */
export function applyTxn(w: WriteTxn, r: TxnRequest, path: Path): Omit<TxnResponse, 'header'> {
  const responses: ResponseOp[] = [];
  let n = 0;
  for (const op of branch(r, path.succeeded)) {
    if ('request_range' in op && op.request_range) responses.push({ response_range: w.range(op.request_range) });
    else if ('request_put' in op && op.request_put) responses.push({ response_put: w.put(op.request_put) });
    else if ('request_delete_range' in op && op.request_delete_range)
      responses.push({ response_delete_range: w.deleteRange(op.request_delete_range) });
    else if ('request_txn' in op && op.request_txn)
      responses.push({ response_txn: { header: opHeader(0), ...applyTxn(w, op.request_txn, path.nested[n++]) } });
  }
  return { succeeded: path.succeeded, responses };
}

function branch(r: TxnRequest, succeeded: boolean): readonly RequestOp[] {
  return (succeeded ? r.success : r.failure) ?? [];
}

// apply.go checkRequests: visits the ops of the chosen branches, depth first.
function forEachOp(r: TxnRequest, path: Path, f: (op: RequestOp) => void): void {
  let n = 0;
  for (const op of branch(r, path.succeeded)) {
    if ('request_txn' in op && op.request_txn) forEachOp(op.request_txn, path.nested[n++], f);
    else f(op);
  }
}
