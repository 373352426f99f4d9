// Txn semantics: etcdserver/apply.go (Txn, applyCompare, compareKV, applyTxn, checkRequests) and
// v3rpc/key.go validation. Response shapes were recorded from a real etcd 3.4.23.

import { describe, expect, it } from 'vitest';
import type { Compare, CompareResult, CompareTarget, RequestOp, TxnRequest } from '../types';
import { ErrCompacted, ErrDuplicateKey, ErrEmptyKey, ErrFutureRev, ErrKeyNotFound, ErrLeaseNotFound } from '../types';
import { ErrTooManyOps, MvccStore } from './index';
import { thrown } from './testing';


const put = (key: string, value = 'v'): RequestOp => ({ request_put: { key, value } });
const get = (key: string, range_end?: string): RequestOp => ({ request_range: { key, range_end } });
const del = (key: string, range_end?: string): RequestOp => ({ request_delete_range: { key, range_end } });
const txn = (t: Partial<TxnRequest>): TxnRequest => ({ compare: [], success: [], failure: [], ...t });
const hdr = (revision: number) => ({ cluster_id: 0n, member_id: 0n, revision, raft_term: 0 });

/** k1: create 2, mod 3, version 2, value "v2", lease 0; k2: create/mod 4, value "x", lease 5. */
function fixture(): MvccStore {
  const s = new MvccStore();
  s.lessor.grant(5n, 60, 0);
  s.put({ key: 'k1', value: 'v1' }); // 2
  s.put({ key: 'k1', value: 'v2' }); // 3
  s.put({ key: 'k2', value: 'x', lease: 5n }); // 4
  return s;
}

function holds(s: MvccStore, c: Compare): boolean {
  const before = s.rev;
  const ok = s.txn(txn({ compare: [c] })).succeeded;
  expect(s.rev).toBe(before);
  return ok;
}

describe('compares (apply.go applyCompare / compareKV)', () => {
  const cases: [CompareTarget, keyof Compare, number | string | bigint, Record<CompareResult, boolean>][] = [
    // k1 has version 2, create 2, mod 3, value "v2", lease 0.
    ['VERSION', 'version', 2, { EQUAL: true, NOT_EQUAL: false, GREATER: false, LESS: false }],
    ['VERSION', 'version', 1, { EQUAL: false, NOT_EQUAL: true, GREATER: true, LESS: false }],
    ['CREATE', 'create_revision', 3, { EQUAL: false, NOT_EQUAL: true, GREATER: false, LESS: true }],
    ['MOD', 'mod_revision', 3, { EQUAL: true, NOT_EQUAL: false, GREATER: false, LESS: false }],
    ['VALUE', 'value', 'v1', { EQUAL: false, NOT_EQUAL: true, GREATER: true, LESS: false }],
    ['VALUE', 'value', 'v2', { EQUAL: true, NOT_EQUAL: false, GREATER: false, LESS: false }],
    ['LEASE', 'lease', 0n, { EQUAL: true, NOT_EQUAL: false, GREATER: false, LESS: false }],
  ];
  for (const [target, field, operand, want] of cases) {
    for (const result of Object.keys(want) as CompareResult[]) {
      it(`${target} ${result} ${operand} on a present key is ${want[result]}`, () => {
        expect(holds(fixture(), { key: 'k1', target, result, [field]: operand })).toBe(want[result]);
      });
    }
  }

  it('LEASE compares the attached lease id', () => {
    const s = fixture();
    expect(holds(s, { key: 'k2', target: 'LEASE', result: 'EQUAL', lease: 5n })).toBe(true);
    expect(holds(s, { key: 'k2', target: 'LEASE', result: 'GREATER', lease: 4n })).toBe(true);
  });

  it('a missing key compares as version/create/mod/lease 0', () => {
    const s = fixture();
    for (const [target, field] of [
      ['VERSION', 'version'],
      ['CREATE', 'create_revision'],
      ['MOD', 'mod_revision'],
      ['LEASE', 'lease'],
    ] as const) {
      const n = (v: number) => (field === 'lease' ? BigInt(v) : v);
      expect(holds(s, { key: 'nope', target, result: 'EQUAL', [field]: n(0) })).toBe(true);
      expect(holds(s, { key: 'nope', target, result: 'LESS', [field]: n(1) })).toBe(true);
      expect(holds(s, { key: 'nope', target, result: 'GREATER', [field]: n(0) })).toBe(false);
    }
  });

  it('a VALUE compare on a missing key is always false, even NOT_EQUAL', () => {
    const s = fixture();
    for (const result of ['EQUAL', 'NOT_EQUAL', 'GREATER', 'LESS'] as const) {
      expect(holds(s, { key: 'nope', target: 'VALUE', result, value: '' })).toBe(false);
      expect(holds(s, { key: 'nope', target: 'VALUE', result, value: 'x' })).toBe(false);
    }
  });

  it('a compare with range_end must hold for every key in the range; an empty range uses the zero KeyValue', () => {
    const s = fixture();
    expect(holds(s, { key: 'k', range_end: 'l', target: 'VERSION', result: 'GREATER', version: 0 })).toBe(true);
    expect(holds(s, { key: 'k', range_end: 'l', target: 'VERSION', result: 'EQUAL', version: 2 })).toBe(false); // k2 is 1
    expect(holds(s, { key: 'k', range_end: 'l', target: 'MOD', result: 'LESS', mod_revision: 5 })).toBe(true);
    expect(holds(s, { key: 'z', range_end: '\0', target: 'CREATE', result: 'EQUAL', create_revision: 0 })).toBe(true);
    expect(holds(s, { key: 'z', range_end: '\0', target: 'VALUE', result: 'NOT_EQUAL', value: 'a' })).toBe(false);
  });

  it('all compares must hold (AND)', () => {
    const s = fixture();
    const v2: Compare = { key: 'k1', target: 'VALUE', result: 'EQUAL', value: 'v2' };
    const created: Compare = { key: 'k2', target: 'CREATE', result: 'EQUAL', create_revision: 4 };
    expect(s.txn(txn({ compare: [v2, created] })).succeeded).toBe(true);
    expect(s.txn(txn({ compare: [v2, { ...created, create_revision: 3 }] })).succeeded).toBe(false);
  });
});

describe('txn branches and revisions (apply.go Txn)', () => {
  it('runs success or failure ops in order, all writes on one revision (etcd 3.4.23 shape)', () => {
    const s = fixture();
    // etcdctl txn: version("k1") = "2" then put k3, get k1, put k4, get k1, del k2, del nothere.
    const res = s.txn(
      txn({
        compare: [{ key: 'k1', target: 'VERSION', result: 'EQUAL', version: 2 }],
        success: [put('k3', 'a'), get('k1'), put('k4', 'b'), get('k1'), del('k2'), del('nothere')],
        failure: [get('k1')],
      }),
    );
    const k1 = { key: 'k1', create_revision: 2, mod_revision: 3, version: 2, value: 'v2', lease: 0n };
    expect(res).toEqual({
      succeeded: true,
      responses: [
        { response_put: { header: hdr(5) } },
        { response_range: { header: hdr(5), kvs: [k1], more: false, count: 1 } },
        { response_put: { header: hdr(5) } },
        { response_range: { header: hdr(5), kvs: [k1], more: false, count: 1 } },
        { response_delete_range: { header: hdr(5), deleted: 1, prev_kvs: [] } },
        { response_delete_range: { header: hdr(5), deleted: 0, prev_kvs: [] } },
      ],
    });
    expect(s.rev).toBe(5);
    expect(s.range({ key: 'k3' }).kvs[0]).toMatchObject({ create_revision: 5, mod_revision: 5 });
    expect(s.range({ key: 'k4' }).kvs[0]).toMatchObject({ create_revision: 5, mod_revision: 5 });
    expect(s.range({ key: 'k2' }).kvs).toEqual([]);
  });

  it('ops before the first write report the old revision, after it the new one (etcd 3.4.23)', () => {
    const s = fixture();
    const res = s.txn(txn({ success: [get('k1'), del('nothere'), put('k5', 'z'), del('nothere2')] }));
    expect(res.responses.map((r) => Object.values(r)[0].header.revision)).toEqual([4, 4, 5, 5]);
    expect(s.rev).toBe(5);
  });

  it('the failure branch runs when a compare fails', () => {
    const s = fixture();
    const res = s.txn(
      txn({ compare: [{ key: 'k1', target: 'VALUE', result: 'EQUAL', value: 'nope' }], success: [put('s')], failure: [put('f'), get('f')] }),
    );
    expect(res.succeeded).toBe(false);
    expect(s.range({ key: 's' }).count).toBe(0);
    expect(res.responses[1]).toMatchObject({ response_range: { kvs: [{ key: 'f', version: 1, mod_revision: 5 }] } });
  });

  it('a txn that writes nothing takes no revision; a read-only txn reports the current revision', () => {
    const s = fixture();
    expect(s.txn(txn({ success: [get('k1'), del('missing')] })).responses[0]).toMatchObject({ response_range: { header: { revision: 4 } } });
    expect(s.txn(txn({})).succeeded).toBe(true);
    expect(s.rev).toBe(4);
  });

  it('reads inside the txn see its own earlier writes', () => {
    const s = fixture();
    const res = s.txn(txn({ success: [put('k1', 'new'), get('k1'), del('k2'), get('k', 'l')] }));
    expect(res.responses[1]).toMatchObject({ response_range: { kvs: [{ value: 'new', version: 3, mod_revision: 5 }] } });
    expect(res.responses[3]).toMatchObject({ response_range: { kvs: [{ key: 'k1', value: 'new' }], count: 1 } });
  });

  it('nested txns: inner header is empty (revision 0), inner ops carry the txn revision (etcd 3.4.23 via gRPC gateway)', () => {
    const s = fixture();
    const res = s.txn(
      txn({
        success: [
          put('n1', 'x'),
          { request_txn: txn({ compare: [{ key: 'k1', target: 'VERSION', result: 'EQUAL', version: 2 }], success: [get('n1'), put('n2', 'y')] }) },
          get('n2'),
        ],
      }),
    );
    expect(res).toEqual({
      succeeded: true,
      responses: [
        { response_put: { header: hdr(5) } },
        {
          response_txn: {
            header: hdr(0),
            succeeded: true,
            responses: [
              { response_range: { header: hdr(5), kvs: [{ key: 'n1', create_revision: 5, mod_revision: 5, version: 1, value: 'x', lease: 0n }], more: false, count: 1 } },
              { response_put: { header: hdr(5) } },
            ],
          },
        },
        { response_range: { header: hdr(5), kvs: [{ key: 'n2', create_revision: 5, mod_revision: 5, version: 1, value: 'y', lease: 0n }], more: false, count: 1 } },
      ],
    });
    expect(s.rev).toBe(5);
  });

  it('nested compares see the state before the outer txn wrote anything (compareToPath runs first)', () => {
    const s = fixture();
    // etcd 3.4.23: put q1, then nested "version(q1) > 0" takes the failure branch.
    const res = s.txn(
      txn({
        success: [
          put('q1'),
          { request_txn: txn({ compare: [{ key: 'q1', target: 'VERSION', result: 'GREATER', version: 0 }], success: [put('q2', 'yes')], failure: [put('q2', 'no')] }) },
        ],
      }),
    );
    expect(res.responses[1]).toMatchObject({ response_txn: { succeeded: false } });
    expect(s.range({ key: 'q2' }).kvs[0].value).toBe('no');
  });

  it('put with prev_kv and delete with prev_kv inside a txn', () => {
    const s = fixture();
    const res = s.txn(txn({ success: [{ request_put: { key: 'k1', value: 'n', prev_kv: true } }, { request_delete_range: { key: 'k2', prev_kv: true } }] }));
    expect(res.responses[0]).toMatchObject({ response_put: { prev_kv: { key: 'k1', value: 'v2' } } });
    expect(res.responses[1]).toMatchObject({ response_delete_range: { deleted: 1, prev_kvs: [{ key: 'k2', lease: 5n }] } });
  });
});

describe('txn validation (v3rpc/key.go checkTxnRequest, checkIntervals; apply.go checkRequests)', () => {
  const dup = (t: Partial<TxnRequest>) => {
    const s = fixture();
    const e = thrown(() => s.txn(txn(t)));
    expect(s.rev).toBe(4);
    return e.message;
  };

  it('the same key put twice, or put and deleted, is ErrDuplicateKey (etcd 3.4.23)', () => {
    expect(dup({ success: [put('x1'), put('x1')] })).toBe(ErrDuplicateKey);
    expect(dup({ success: [put('x1'), del('x0', 'x2')] })).toBe(ErrDuplicateKey);
    expect(dup({ success: [del('x1'), put('x1')] })).toBe(ErrDuplicateKey);
    expect(dup({ failure: [put('x1'), put('x1')] })).toBe(ErrDuplicateKey);
    expect(dup({ success: [put('x1'), { request_txn: txn({ success: [put('x1')] }) }] })).toBe(ErrDuplicateKey);
    expect(dup({ success: [{ request_txn: txn({ success: [del('x1')] }) }, put('x1')] })).toBe(ErrDuplicateKey);
    expect(dup({ success: [{ request_txn: txn({ success: [put('x1')] }) }, del('x1')] })).toBe(ErrDuplicateKey);
    expect(dup({ success: [{ request_txn: txn({ success: [put('x1')], failure: [put('x2')] }) }, { request_txn: txn({ success: [put('x2')] }) }] })).toBe(
      ErrDuplicateKey,
    );
  });

  it('allowed overlaps: two deletes, then/else of one nested txn, a from-key delete (etcd 3.4.23)', () => {
    const s = fixture();
    s.txn(txn({ success: [del('x1'), del('x0', 'x2')] }));
    s.txn(txn({ success: [{ request_txn: txn({ success: [put('x1')], failure: [put('x1')] }) }] }));
    // etcd builds the interval [key, "\0") for range_end "\0", which contains nothing, so no conflict;
    // the delete then removes the key the same txn just put.
    const res = s.txn(txn({ success: [put('x5'), del('x1', '\0')] }));
    expect(res.responses[1]).toMatchObject({ response_delete_range: { deleted: 2 } }); // x1 and the new x5
    expect(s.range({ key: 'x5' }).count).toBe(0);
  });

  it('an empty op is ErrKeyNotFound; an empty key is ErrEmptyKey; more than 128 ops is ErrTooManyOps', () => {
    expect(dup({ success: [{} as RequestOp] })).toBe(ErrKeyNotFound);
    expect(dup({ compare: [{ key: '', target: 'VERSION', result: 'EQUAL' }] })).toBe(ErrEmptyKey);
    expect(dup({ success: [put('')] })).toBe(ErrEmptyKey);
    expect(dup({ success: Array.from({ length: 129 }, (_, i) => get(`k${i}`)) })).toBe(ErrTooManyOps);
  });

  it('ignore_value on a missing key and an unknown lease fail the whole txn before any write', () => {
    expect(dup({ success: [put('a'), { request_put: { key: 'missing', value: '', ignore_value: true } }] })).toBe(ErrKeyNotFound);
    const s = fixture();
    const e = thrown(() => s.txn(txn({ success: [put('a'), { request_put: { key: 'b', value: '', lease: 42n } }] })));
    expect(e).toMatchObject({ code: 'NotFound', message: ErrLeaseNotFound });
    expect(s.range({ key: 'a' }).count).toBe(0);
    // Only the chosen branch is checked.
    s.txn(txn({ compare: [{ key: 'k1', target: 'VALUE', result: 'EQUAL', value: 'v2' }], failure: [{ request_put: { key: 'b', value: '', lease: 42n } }] }));
  });

  it('a range at a future or compacted revision fails the txn (checkRequestRange)', () => {
    const s = fixture();
    expect(thrown(() => s.txn(txn({ success: [put('a'), { request_range: { key: 'k1', revision: 5 } }] }))).message).toBe(ErrFutureRev);
    s.compact(3);
    expect(thrown(() => s.txn(txn({ success: [{ request_range: { key: 'k1', revision: 2 } }] }))).message).toBe(ErrCompacted);
    expect(s.txn(txn({ success: [{ request_range: { key: 'k1', revision: 3 } }] })).responses[0]).toMatchObject({
      response_range: { kvs: [{ value: 'v2' }] },
    });
    expect(s.rev).toBe(4);
  });
});
