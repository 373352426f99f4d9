// get, put and del against canned responses shaped like the real etcd's (the -w json output of the
// same command, recorded from etcd 3.4.23), compared with what etcdctl 3.4.23 printed for them.

import { describe, expect, it } from 'vitest';
import { ErrCompacted, ErrEmptyKey, ErrFutureRev, ErrKeyNotFound, ErrLeaseNotFound, EtcdRpcError, type RangeResponse } from '../etcd/types';
import { hdr, kv } from './testdata/cluster';
import { actual, expected, fixture, FakeClient, run } from './testdata/harness';
import * as pb from './testdata/pbjson';

const rangeOf = (name: string): RangeResponse => pb.range(pb.goJson(fixture(name).stdout));

async function check(name: string, client: FakeClient): Promise<FakeClient> {
  const f = fixture(name);
  const r = await run(f.cmd, client, { stdin: f.stdin });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

describe('get', () => {
  it.each([
    ['get-simple', 'get-json'],
    ['get-json', 'get-json'],
    ['get-fields', 'get-json'],
    ['get-serializable', 'get-json'],
    ['get-hex', 'get-json'],
    ['get-hex-json', 'get-json'],
    ['get-endpoint-url', 'get-json'],
    ['get-endpoints-all', 'get-json'],
    ['get-missing', 'get-missing-json'],
    ['get-missing-json', 'get-missing-json'],
    ['get-missing-fields', 'get-missing-json'],
    ['prefix-match', 'get-missing-json'],
    ['get-prefix', 'get-prefix-json'],
    ['get-prefix-json', 'get-prefix-json'],
    ['get-value-only', 'get-prefix-json'],
    ['get-prefix-limit', 'get-prefix-limit-json'],
    ['get-prefix-limit-json', 'get-prefix-limit-json'],
    ['get-prefix-limit-fields', 'get-prefix-limit-json'],
    ['get-keys-only', 'get-keys-only-json'],
    ['get-keys-only-json', 'get-keys-only-json'],
    ['get-rev', 'get-rev-json'],
    ['get-rev-json', 'get-rev-json'],
    ['global-flags-first', 'global-flags-first'],
    ['global-w-eq', 'global-w-eq'],
    ['global-w-attached', 'global-w-attached'],
  ])('%s', async (name, json) => {
    await check(name, new FakeClient().on('Range', rangeOf(json)));
  });

  it('sends the request clientv3 builds from the flags', async () => {
    const reqs = async (cmd: string): Promise<unknown> => {
      const c = new FakeClient().on('Range', rangeOf('get-missing-json'));
      await run(cmd, c);
      return c.calls[0].req;
    };
    expect(await reqs('get /p/ --prefix')).toEqual({ key: '/p/', range_end: '/p0', sort_order: 'NONE', sort_target: 'KEY' });
    expect(await reqs("get '' --prefix --keys-only")).toEqual({ key: '\0', range_end: '\0', sort_order: 'NONE', sort_target: 'KEY', keys_only: true });
    expect(await reqs('get /p/c --from-key --limit=2 --rev=3')).toEqual({ key: '/p/c', range_end: '\0', limit: 2, revision: 3, sort_order: 'NONE', sort_target: 'KEY' });
    expect(await reqs('get /p/a /p/c --consistency=s')).toEqual({ key: '/p/a', range_end: '/p/c', serializable: true, sort_order: 'NONE', sort_target: 'KEY' });
    expect(await reqs('get /p/ --prefix --sort-by=MODIFY --order=descend')).toMatchObject({ sort_order: 'DESCEND', sort_target: 'MOD' });
    // clientv3.WithSort drops ASCEND when the target is the key: the server's own order.
    expect(await reqs('get /p/ --prefix --order=ASCEND')).toMatchObject({ sort_order: 'NONE', sort_target: 'KEY' });
  });

  it('get-order and get-sort print the server order', async () => {
    const desc = rangeOf('get-prefix-json');
    desc.kvs.reverse();
    await check('get-order', new FakeClient().on('Range', desc));
    await check('get-sort', new FakeClient().on('Range', desc));
    const first2 = rangeOf('get-prefix-json');
    first2.kvs = first2.kvs.slice(0, 2);
    await check('get-range', new FakeClient().on('Range', first2));
  });

  it('get-empty-value and get-empty-value-json: a key with an empty value', async () => {
    await check('get-empty-value', new FakeClient().on('Range', rangeOf('get-empty-value-json')));
    await check('get-empty-value-json', new FakeClient().on('Range', rangeOf('get-empty-value-json')));
  });

  it('get-hex-bytes and get-octal-bytes read back what a txn wrote from Go escapes', async () => {
    const one = (key: string, value: string): RangeResponse => ({ header: hdr(7), kvs: [kv(key, value, 7, 7, 1)], more: false, count: 1 });
    await check('get-hex-bytes', new FakeClient().on('Range', one('hx', 'é')));
    await check('get-octal-bytes', new FakeClient().on('Range', one('ho', 'é')));
  });

  it('get-invalid-byte: a value that is not UTF-8 cannot be held (keys and values are strings here)', async () => {
    // The txn of txn-invalid-byte stored "\xff"; Kubeplay stored U+FFFD instead (see txn.test.ts).
    const r = await run(fixture('get-invalid-byte').cmd, new FakeClient().on('Range', { header: hdr(7), kvs: [kv('hf', '\uFFFD', 7, 7, 1)], more: false, count: 1 }));
    expect(fixture('get-invalid-byte').stdout).toBe('\\x68\\x66\n\\xff\n');
    expect(r.stdout).toBe('\\x68\\x66\n\\xef\\xbf\\xbd\n');
  });

  it('get-allkeys prints keys-only values as empty lines', async () => {
    const keys = ['/p/a', '/p/b', '/p/c', '/p/d', 'a', 'dash', 'foo', 'my key', 'newkey', 'stdinkey', 'z'];
    await check('get-allkeys', new FakeClient().on('Range', { header: hdr(20), kvs: keys.map((k) => kv(k, '', 1, 1, 1)), more: false, count: keys.length }));
  });

  it('prints server errors after the zap warn line (get-future-rev, get-compacted)', async () => {
    await check('get-future-rev', new FakeClient().on('Range', new EtcdRpcError('OutOfRange', ErrFutureRev)));
    await check('get-compacted', new FakeClient().on('Range', new EtcdRpcError('OutOfRange', ErrCompacted)));
  });

  it('rejects formats it cannot print only after the request (get-table-format, get-value-only-json)', async () => {
    expect((await check('get-table-format', new FakeClient().on('Range', rangeOf('get-json')))).calls).toHaveLength(1);
    expect((await check('get-value-only-json', new FakeClient().on('Range', rangeOf('get-json')))).calls).toHaveLength(1);
  });
});

describe('put', () => {
  const ok = { header: hdr(3) };
  it.each([
    ['put-simple', ok],
    ['put-json', pb.put(pb.goJson(fixture('put-json').stdout))],
    ['put-fields', { header: hdr(4) }],
    ['put-prevkv', { header: hdr(5), prev_kv: kv('foo', 'bar2', 2, 4, 3) }],
    ['put-prevkv-json', pb.put(pb.goJson(fixture('put-prevkv-json').stdout))],
    ['put-prevkv-fields', { header: hdr(7), prev_kv: kv('foo', 'bar4', 2, 6, 5) }],
    ['put-prevkv-new', { header: hdr(8) }],
    ['put-prevkv-hex', { header: hdr(9), prev_kv: kv('foo', 'bar5', 2, 7, 6) }],
    ['put-ignore-value', ok],
    ['put-quoted', ok],
    ['put-dashdash', ok],
    ['put-three-args', ok],
    ['put-table', ok],
  ])('%s', async (name, resp) => {
    await check(name, new FakeClient().on('Put', resp));
  });

  it('sends what the command line asks for', async () => {
    const req = async (cmd: string, stdin?: string): Promise<unknown> => {
      const c = new FakeClient().on('Put', ok);
      await run(cmd, c, { stdin });
      return c.calls[0].req;
    };
    expect(await req(fixture('put-quoted').cmd)).toEqual({ key: 'my key', value: 'a b' });
    expect(await req(fixture('put-dashdash').cmd)).toEqual({ key: 'dash', value: '-v' });
    expect(await req('put k v --lease=1234 --prev-kv --ignore-lease')).toEqual({ key: 'k', value: 'v', lease: 0x1234n, prev_kv: true, ignore_lease: true });
    expect(await req('put k --ignore-value')).toEqual({ key: 'k', value: '', ignore_value: true });
    expect(await req('put stdinkey', 'from stdin\n')).toEqual({ key: 'stdinkey', value: 'from stdin\n' });
  });

  it('put-empty-value: an empty argument is a value, as argOrStdin takes it', async () => {
    const c = await check('put-empty-value', new FakeClient().on('Put', ok));
    expect(c.calls[0].req).toEqual({ key: 'ev', value: '' });
  });

  it('put-stdin reads the value from stdin', async () => {
    await check('put-stdin', new FakeClient().on('Put', ok));
  });

  it.each([
    ['put-empty-key', new EtcdRpcError('InvalidArgument', ErrEmptyKey)],
    ['put-missing-lease', new EtcdRpcError('NotFound', ErrLeaseNotFound)],
    ['put-ignore-value-missing', new EtcdRpcError('InvalidArgument', ErrKeyNotFound)],
    ['put-ignore-lease-missing', new EtcdRpcError('InvalidArgument', ErrKeyNotFound)],
  ])('%s prints the server error', async (name, err) => {
    await check(name, new FakeClient().on('Put', err));
  });
});

describe('del', () => {
  it.each([
    ['del-simple', { header: hdr(21), deleted: 1, prev_kvs: [] }],
    ['del-missing', { header: hdr(21), deleted: 0, prev_kvs: [] }],
    ['del-json', pb.del(pb.goJson(fixture('del-json').stdout))],
    ['del-fields', { header: hdr(24), deleted: 1, prev_kvs: [] }],
    ['del-prefix-prevkv', { header: hdr(25), deleted: 3, prev_kvs: [kv('/p/a', 'val-a', 16, 16, 1), kv('/p/b', 'val-b', 17, 17, 1), kv('/p/c', 'val-c', 18, 18, 1)] }],
    ['del-prevkv-json', pb.del(pb.goJson(fixture('del-prevkv-json').stdout))],
    ['del-prevkv-fields', { header: hdr(30), deleted: 1, prev_kvs: [kv('/p/b', 'val-b', 27, 27, 1)] }],
    ['del-fromkey', { header: hdr(31), deleted: 7, prev_kvs: [] }],
  ])('%s', async (name, resp) => {
    await check(name, new FakeClient().on('DeleteRange', resp));
  });

  it('sends prefix and from-key ranges', async () => {
    const req = async (cmd: string): Promise<unknown> => {
      const c = new FakeClient().on('DeleteRange', { header: hdr(1), deleted: 0, prev_kvs: [] });
      await run(cmd, c);
      return c.calls[0].req;
    };
    expect(await req('del /p/ --prefix --prev-kv')).toEqual({ key: '/p/', range_end: '/p0', prev_kv: true });
    expect(await req('del /p/c --from-key')).toEqual({ key: '/p/c', range_end: '\0' });
    expect(await req("del '' --prefix")).toEqual({ key: '\0', range_end: '\0' });
  });
});
