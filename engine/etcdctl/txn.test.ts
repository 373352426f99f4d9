// txn and compaction against canned responses, compared with etcdctl 3.4.23's recorded output; the
// requests are checked against what txn_command.go builds from the same stdin.

import { describe, expect, it } from 'vitest';
import { ErrCompacted, ErrDuplicateKey, ErrFutureRev, EtcdRpcError, type TxnResponse } from '../etcd/types';
import { hdr, kv } from './testdata/cluster';
import { actual, expected, fixture, FakeClient, run } from './testdata/harness';
import * as pb from './testdata/pbjson';

async function check(name: string, client: FakeClient): Promise<FakeClient> {
  const f = fixture(name);
  const r = await run(f.cmd, client, { stdin: f.stdin });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

const txnOf = (name: string): TxnResponse => pb.txn(pb.goJson(fixture(name).stdout));
const succeeded = (...responses: TxnResponse['responses']): TxnResponse => ({ header: hdr(40), succeeded: true, responses });
const nested = (revision: number) => ({ cluster_id: 0n, member_id: 0n, revision, raft_term: 0 });

describe('txn', () => {
  it.each([
    ['txn-simple', txnOf('txn-json')],
    ['txn-json', txnOf('txn-json')],
    [
      'txn-fields',
      {
        header: hdr(35),
        succeeded: true,
        responses: [
          { response_put: { header: nested(35) } },
          { response_range: { header: nested(35), kvs: [kv('t1', 'new v', 32, 35, 4)], more: false, count: 1 } },
        ],
      },
    ],
    ['txn-failure', txnOf('txn-failure-json')],
    ['txn-failure-json', txnOf('txn-failure-json')],
    ['txn-interactive', { header: hdr(36), succeeded: false, responses: [] }],
    ['txn-all-cmp', { header: hdr(36), succeeded: false, responses: [] }],
    ['txn-empty', succeeded()],
    ['txn-single-quote', succeeded({ response_put: { header: nested(41) } })],
    ['txn-single-quote-long', succeeded({ response_put: { header: nested(42) } })],
    ['txn-prefix-op', succeeded({ response_range: { header: nested(40), kvs: [kv('t1', 'new v', 32, 35, 4)], more: false, count: 1 } })],
    ['txn-spaces', succeeded({ response_put: { header: nested(43) } })],
    [
      'txn-interactive-success',
      succeeded({ response_put: { header: nested(44), prev_kv: kv('t1', 'x y', 32, 43, 5) } }, { response_delete_range: { header: nested(44), deleted: 0, prev_kvs: [] } }),
    ],
    ['txn-cmp-range', succeeded({ response_range: { header: nested(44), kvs: [kv('t1', '', 32, 44, 6)], more: false, count: 1 } })],
  ] as [string, TxnResponse][])('%s', async (name, resp) => {
    await check(name, new FakeClient().on('Txn', resp));
  });

  it('builds compares and ops as txn_command.go does', async () => {
    const c = await check('txn-simple', new FakeClient().on('Txn', txnOf('txn-json')));
    expect(c.calls[0].req).toEqual({
      compare: [{ result: 'GREATER', target: 'MOD', key: 't1', mod_revision: 0 }],
      success: [{ request_put: { key: 't1', value: 'new v' } }, { request_range: { key: 't1', sort_order: 'NONE', sort_target: 'KEY' } }],
      failure: [{ request_put: { key: 't1', value: 'fail' } }],
    });
    const all = await check('txn-all-cmp', new FakeClient().on('Txn', { header: hdr(36), succeeded: false, responses: [] }));
    expect((all.calls[0].req as { compare: unknown }).compare).toEqual([
      { result: 'GREATER', target: 'VERSION', key: 't1', version: 0 },
      { result: 'LESS', target: 'CREATE', key: 't1', create_revision: 100000 },
      { result: 'GREATER', target: 'MOD', key: 't1', mod_revision: 0 },
      { result: 'EQUAL', target: 'VALUE', key: 't1', value: 'i v' },
    ]);
  });

  it("keeps argify's slicing quirk: 'hello' among three words is \"h\"", async () => {
    const one = await check('txn-single-quote', new FakeClient().on('Txn', succeeded({ response_put: { header: nested(41) } })));
    expect((one.calls[0].req as { success: unknown }).success).toEqual([{ request_put: { key: 'k1', value: 'h' } }]);
    const two = await check('txn-single-quote-long', new FakeClient().on('Txn', succeeded({ response_put: { header: nested(42) } })));
    expect((two.calls[0].req as { success: unknown }).success).toEqual([{ request_put: { key: 'k1', value: 'he' } }]);
  });

  it.each([
    ['txn-put-empty-value', { request_put: { key: 'ev2', value: '' } }],
    ['txn-hex-bytes', { request_put: { key: 'hx', value: 'é' } }],
    ['txn-octal-bytes', { request_put: { key: 'ho', value: 'é' } }],
    // etcd stores the byte 0xff; a string can only hold U+FFFD (docs/FIDELITY.md: keys and values are UTF-8).
    ['txn-invalid-byte', { request_put: { key: 'hf', value: '\uFFFD' } }],
  ])('%s: Go string escapes are bytes, read as UTF-8', async (name, op) => {
    const c = await check(name, new FakeClient().on('Txn', succeeded({ response_put: { header: nested(7) } })));
    expect(c.calls[0].req).toEqual({ compare: [], success: [op], failure: [] });
  });

  it.each([
    ['txn-cmp-empty-value', 'ev', ''],
    ['txn-cmp-bytes', 'hx', 'é'],
  ])('%s compares with the unquoted bytes', async (name, key, value) => {
    const c = await check(name, new FakeClient().on('Txn', succeeded({ response_range: { header: nested(7), kvs: [kv(key, value, 5, 5, 1)], more: false, count: 1 } })));
    expect((c.calls[0].req as { compare: unknown }).compare).toEqual([{ result: 'EQUAL', target: 'VALUE', key, value }]);
  });

  it.each(['txn-bad-rune', 'txn-surrogate'])('%s: \\U beyond U+10FFFF and surrogates are invalid syntax', async (name) => {
    expect((await check(name, new FakeClient())).calls).toEqual([]);
  });

  it('commits without a deadline (context.Background) and reports server errors', async () => {
    const c = await check('txn-dup-key', new FakeClient().on('Txn', new EtcdRpcError('InvalidArgument', ErrDuplicateKey)));
    expect(c.calls[0].timeoutMs).toBeGreaterThan(24 * 3600 * 1000);
  });
});

describe('compaction', () => {
  const ok = { header: hdr(45) };
  it.each([
    ['compaction', ok],
    ['compaction-physical', ok],
    ['compaction-json', ok],
    ['compaction-compacted', new EtcdRpcError('OutOfRange', ErrCompacted)],
    ['compaction-future', new EtcdRpcError('OutOfRange', ErrFutureRev)],
  ])('%s', async (name, resp) => {
    await check(name, new FakeClient().on('Compact', resp));
  });

  it('sends --physical', async () => {
    const c = await check('compaction-physical', new FakeClient().on('Compact', ok));
    expect(c.calls[0].req).toEqual({ revision: 6, physical: true });
  });
});
