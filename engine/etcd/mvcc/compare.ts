// Txn compares (etcdserver/apply.go applyCompare / compareKV).

import type { Compare, KeyValue } from '../types';
import { compareKeys, toKeyRange, type KeyRange } from './keys';

const zeroKv: KeyValue = { key: '', create_revision: 0, mod_revision: 0, version: 0, value: '', lease: 0n };

/**
 * Whether every compare holds. `kvsIn` lists the live keys of a range at the txn's read revision.
 * A compare over a range needs every key in it to match; over no keys, it is checked against a
 * zero KeyValue (version/create/mod/lease 0), except VALUE, which then always fails.
 */
export function applyCompares(kvsIn: (r: KeyRange) => KeyValue[], cmps: readonly Compare[] | undefined): boolean {
  for (const c of cmps ?? []) if (!applyCompare(kvsIn, c)) return false;
  return true;
}

function applyCompare(kvsIn: (r: KeyRange) => KeyValue[], c: Compare): boolean {
  const kvs = kvsIn(toKeyRange(c.key, c.range_end));
  if (kvs.length === 0) {
    // "nil == empty string in grpc; no way to represent missing value" (apply.go).
    if ((c.target ?? 'VERSION') === 'VALUE') return false;
    return compareKV(c, zeroKv);
  }
  return kvs.every((kv) => compareKV(c, kv));
}

function compareKV(c: Compare, kv: KeyValue): boolean {
  let result: number;
  // Proto enums default to their zero value when omitted: VERSION and EQUAL.
  switch (c.target ?? 'VERSION') {
    case 'VALUE':
      result = compareKeys(kv.value, c.value ?? '');
      break;
    case 'CREATE':
      result = Math.sign(kv.create_revision - (c.create_revision ?? 0));
      break;
    case 'MOD':
      result = Math.sign(kv.mod_revision - (c.mod_revision ?? 0));
      break;
    case 'VERSION':
      result = Math.sign(kv.version - (c.version ?? 0));
      break;
    case 'LEASE':
      {
        const want = c.lease ?? 0n;
        result = kv.lease === want ? 0 : kv.lease > want ? 1 : -1;
      }
      break;
    default:
      result = 0;
  }
  switch (c.result ?? 'EQUAL') {
    case 'EQUAL':
      return result === 0;
    case 'NOT_EQUAL':
      return result !== 0;
    case 'GREATER':
      return result > 0;
    case 'LESS':
      return result < 0;
    default:
      return true;
  }
}
