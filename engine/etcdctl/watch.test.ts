// watch against a canned event stream, compared with etcdctl 3.4.23's recorded output: events print
// as they arrive, Ctrl-C ends the stream (exit 130), a server cancel ends it with exit 5.

import { describe, expect, it } from 'vitest';
import type { WatchEvent, WatchResponse } from '../etcd/types';
import { hdr, kv } from './testdata/cluster';
import { actual, expected, fixture, FakeClient, run } from './testdata/harness';
import * as pb from './testdata/pbjson';

const resp = (revision: number, ...events: WatchEvent[]): WatchResponse => ({
  header: hdr(revision),
  watch_id: 0,
  created: false,
  canceled: false,
  compact_revision: 0,
  cancel_reason: '',
  events,
});
const put = (k: string, v: string, c: number, m: number, ver: number, prev?: WatchEvent['kv']): WatchEvent => ({ type: 'PUT', kv: kv(k, v, c, m, ver), ...(prev ? { prev_kv: prev } : {}) });
const del = (k: string, m: number, prev?: WatchEvent['kv']): WatchEvent => ({ type: 'DELETE', kv: kv(k, '', 0, m, 0), ...(prev ? { prev_kv: prev } : {}) });
const jsonLines = (name: string): WatchResponse[] => fixture(name).stdout.trim().split('\n').map((l) => pb.watch(pb.goJson(l)));

/** Runs a recorded watch, sending `stream` 100 ms apart after the created notification. */
async function watch(name: string, stream: WatchResponse[], interruptAtMs?: number): Promise<FakeClient> {
  const f = fixture(name);
  const client = new FakeClient();
  client.clock.schedule(50, () => client.watches[0]?.send({ ...resp(50), created: true }));
  stream.forEach((r, i) => client.clock.schedule(100 * (i + 1), () => client.watches[0].send(r)));
  const r = await run(f.cmd, client, { interruptAtMs: interruptAtMs ?? 100 * (stream.length + 1) });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

describe('watch', () => {
  it('watch-simple', async () => {
    const [a, , d] = jsonLines('watch-json');
    const c = await watch('watch-simple', [a, d]);
    expect(c.watches[0].req).toEqual({ key: 'wk' });
    expect(c.watches[0].canceled).toBe(true);
  });

  it('watch-prefix-prevkv', async () => {
    const c = await watch('watch-prefix-prevkv', [
      resp(52, put('wk', 'a', 52, 52, 1)),
      resp(53, put('wk2', 'b', 40, 53, 2, kv('wk2', 'b', 40, 41, 1))),
      resp(54, put('wk', 'c', 52, 54, 2, kv('wk', 'a', 52, 52, 1))),
      resp(55, del('wk', 55, kv('wk', 'c', 52, 54, 2))),
    ]);
    expect(c.watches[0].req).toEqual({ key: 'wk', range_end: 'wl', prev_kv: true });
  });

  it.each(['watch-json', 'watch-json-prevkv'])('%s', async (name) => {
    await watch(name, jsonLines(name));
  });

  it('watch-fields', async () => {
    await watch('watch-fields', [resp(58, put('wk', 'a', 58, 58, 1)), resp(59, del('wk', 59))]);
  });

  it('watch-fields-prevkv', async () => {
    const a = kv('wk', 'a', 60, 60, 1);
    const b = kv('wk', 'b', 60, 61, 2);
    await watch('watch-fields-prevkv', [resp(60, put('wk', 'a', 60, 60, 1)), resp(61, put('wk', 'b', 60, 61, 2, a)), resp(62, del('wk', 62, b))]);
  });

  it('watch-range, watch-hex and watch-txn', async () => {
    const c = await watch('watch-range', [resp(63, put('wk1', 'a', 63, 63, 1)), resp(65, put('wk2', 'c', 65, 65, 1))]);
    expect(c.watches[0].req).toEqual({ key: 'wk', range_end: 'wk3' });
    await watch('watch-hex', [resp(66, put('wk', 'a', 66, 66, 1))]);
    const t = await watch('watch-txn', [resp(67, put('tx1', '1', 67, 67, 1))]);
    expect(t.watches[0].req).toEqual({ key: 'tx', range_end: 'ty' });
  });

  it('watch-table fails on the first event and closes the watch', async () => {
    const c = await watch('watch-table', [resp(66, put('wk', 'a', 66, 66, 1))]);
    expect(c.watches[0].canceled).toBe(true);
  });

  it.each(['watch-compacted', 'watch-compacted-json'])('%s: the server cancels the watch (exit 5)', async (name) => {
    const canceled = pb.watch(pb.goJson(fixture('watch-compacted-json').stdout.trim()));
    const c = await watch(name, [canceled]);
    expect(c.watches[0].req).toEqual({ key: 'foo', start_revision: 2 });
  });

  it('noquorum-watch: canceled because the member lost its leader', async () => {
    const canceled = { ...resp(0), canceled: true, cancel_reason: 'etcdserver: no leader' };
    await watch('noquorum-watch', [canceled]);
  });

  it('streams each event through onStdout as it arrives and prints progress notifications', async () => {
    const client = new FakeClient();
    const chunks: [number, string][] = [];
    client.clock.schedule(100, () => client.watches[0].send(resp(70, put('k', 'v', 70, 70, 1))));
    client.clock.schedule(200, () => client.watches[0].send(resp(71)));
    const r = await run('watch k', client, { interruptAtMs: 300, onStdout: (s) => chunks.push([client.clock.now, s]) });
    expect(r).toEqual({ code: 130, stdout: 'PUT\nk\nv\nprogress notify: 71\n', stderr: '' });
    expect(chunks).toEqual([
      [100, 'PUT\n'],
      [100, 'k\n'],
      [100, 'v\n'],
      [200, 'progress notify: 71\n'],
    ]);
  });

  it('watch -i reads requests from stdin and ends at its end, as etcdctl does', async () => {
    const r = await run('watch -i', new FakeClient(), { stdin: 'watch foo\nbogus\n' });
    expect(r).toEqual({ code: 3, stdout: '', stderr: 'Invalid command bogus (only support watch)\nError: Error reading watch request line: EOF\n' });
  });
});
