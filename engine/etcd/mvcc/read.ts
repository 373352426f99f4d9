// Range reads: mvcc/kvstore_txn.go rangeKeys (revision checks, count) and etcdserver/apply.go
// Range (limit, sort, keys_only, count_only, more).

import type { KeyValue, RangeRequest, SortTarget } from '../types';
import { compactedError, futureRevError } from './errors';
import { compareKeys, toKeyRange } from './keys';
import type { KvHistory } from './kvindex';

/** What a range returns before the member adds its header. */
export interface RangeResult {
  kvs: KeyValue[];
  more: boolean;
  count: number;
}

/**
 * Serves `req` against `h` as a read at `curRev` with compaction revision `compactRev`
 * (-1 when never compacted). Throws ErrFutureRev / ErrCompacted as kvstore_txn.go rangeKeys does.
 */
export function rangeAt(h: KvHistory, req: RangeRequest, curRev: number, compactRev: number): RangeResult {
  let rev = req.revision ?? 0;
  // mvcc/kvstore_txn.go rangeKeys: future first, then "0 = current", then compacted.
  if (rev > curRev) throw futureRevError();
  if (rev <= 0) rev = curRev;
  if (rev < compactRev) throw compactedError();

  const r = toKeyRange(req.key, req.range_end);
  const limit = req.limit && req.limit > 0 ? req.limit : 0;
  if (req.count_only) {
    let count = 0;
    h.forEachLive(r, rev, () => void count++);
    return { kvs: [], more: false, count };
  }

  // apply.go Range: a sort target other than KEY sorts ascending by default; any sort fetches all.
  const target: SortTarget = req.sort_target ?? 'KEY';
  let order = req.sort_order ?? 'NONE';
  if (target !== 'KEY' && order === 'NONE') order = 'ASCEND';
  const fetch = order === 'NONE' && limit > 0 ? limit + 1 : Infinity;

  const kvs: KeyValue[] = [];
  let count = 0;
  h.forEachLive(r, rev, (kv) => {
    count++;
    if (kvs.length < fetch) kvs.push({ ...kv });
  });

  if (order !== 'NONE') {
    // Go's sort.Sort is an insertion sort up to 12 items, so ties keep key order there; a stable
    // sort keeps that for every size (above 12 items etcd's pdqsort may order ties differently).
    const cmp = sorter(target);
    kvs.sort(order === 'DESCEND' ? (a, b) => cmp(b, a) : cmp);
  }
  let more = false;
  if (limit > 0 && kvs.length > limit) {
    kvs.length = limit;
    more = true;
  }
  if (req.keys_only) for (const kv of kvs) kv.value = '';
  return { kvs, more, count };
}

function sorter(t: SortTarget): (a: KeyValue, b: KeyValue) => number {
  switch (t) {
    case 'KEY':
      return (a, b) => compareKeys(a.key, b.key);
    case 'VERSION':
      return (a, b) => a.version - b.version;
    case 'CREATE':
      return (a, b) => a.create_revision - b.create_revision;
    case 'MOD':
      return (a, b) => a.mod_revision - b.mod_revision;
    case 'VALUE':
      return (a, b) => compareKeys(a.value, b.value);
  }
}
