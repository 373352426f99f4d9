// lease grant/revoke/timetolive/list/keep-alive against canned responses, compared with etcdctl
// 3.4.23's recorded output, including the keep-alive stream (renewal every TTL/3 until Ctrl-C).

import { describe, expect, it } from 'vitest';
import { ErrLeaseNotFound, ErrLeaseTTLTooLarge, EtcdRpcError, type LeaseKeepAliveResponse, type LeaseTimeToLiveResponse } from '../etcd/types';
import { hdr } from './testdata/cluster';
import { actual, expected, fixture, FakeClient, run } from './testdata/harness';
import * as pb from './testdata/pbjson';

async function check(name: string, client: FakeClient, interruptAtMs?: number): Promise<FakeClient> {
  const f = fixture(name);
  const r = await run(f.cmd, client, { stdin: f.stdin, interruptAtMs });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

const json = (name: string) => pb.goJson(fixture(name).stdout);
/** The lease id a simple-format fixture printed ("lease 484ca20e4cbda352 ..."). */
const printedId = (name: string): bigint => BigInt('0x' + /lease ([0-9a-f]{16})/.exec(fixture(name).stdout + fixture(name).cmd)![1]);
const ttl = (name: string, TTL: number, grantedTTL: number, keys: string[]): LeaseTimeToLiveResponse => ({ header: hdr(39), ID: printedId(name), TTL, grantedTTL, keys });
const ka = (ID: bigint, TTL: number): LeaseKeepAliveResponse => ({ header: hdr(68), ID, TTL });

describe('lease', () => {
  it.each([
    ['lease-grant', { header: hdr(1), ID: printedId('lease-grant'), TTL: 60, error: '' }],
    ['lease-grant-json', pb.grant(json('lease-grant-json'))],
    ['lease-grant-fields', { header: hdr(37), ID: 5209717051261559638n, TTL: 60, error: '' }],
    ['lease-grant-table', { header: hdr(37), ID: 1n, TTL: 60, error: '' }],
    ['lease-grant-large', new EtcdRpcError('OutOfRange', ErrLeaseTTLTooLarge)],
  ])('%s', async (name, resp) => {
    const c = await check(name, new FakeClient().on('LeaseGrant', resp));
    expect(c.calls[0].req).toEqual({ TTL: name === 'lease-grant-large' ? 99999999999 : 60, ID: 0n });
  });

  it.each(['lease-list', 'lease-list-json', 'lease-list-fields'])('%s', async (name) => {
    await check(name, new FakeClient().on('LeaseLeases', pb.leases(json('lease-list-json'))));
  });

  it.each([
    ['lease-ttl', ttl('lease-ttl', 99, 100, [])],
    ['lease-ttl-keys', ttl('lease-ttl', 98, 100, ['lk2', 'lk1'])],
    ['lease-ttl-json', pb.timeToLive(json('lease-ttl-json'))],
    ['lease-ttl-keys-json', pb.timeToLive(json('lease-ttl-keys-json'))],
    ['lease-ttl-keys-fields', pb.timeToLive(json('lease-ttl-keys-json'))],
    ['lease-ttl-missing', pb.timeToLive(json('lease-ttl-missing-json'))],
    ['lease-ttl-missing-json', pb.timeToLive(json('lease-ttl-missing-json'))],
  ])('%s', async (name, resp) => {
    const c = await check(name, new FakeClient().on('LeaseTimeToLive', resp));
    expect(c.calls[0].req).toMatchObject(name.includes('keys') ? { keys: true } : {});
  });

  it.each([
    ['lease-ka-once', pb.keepAlive(json('lease-ka-once-json'))],
    ['lease-ka-once-json', pb.keepAlive(json('lease-ka-once-json'))],
    ['lease-ka-once-fields', pb.keepAlive(json('lease-ka-once-json'))],
    // A keep-alive answer with TTL 0 means the lease does not exist; it is a stream, so no warn line.
    ['lease-ka-once-missing', ka(0x1234n, 0)],
  ])('%s', async (name, resp) => {
    await check(name, new FakeClient().on('LeaseKeepAlive', resp));
  });

  it.each([
    ['lease-revoke', { header: hdr(40) }],
    ['lease-revoke-json', { header: hdr(40) }],
    ['lease-revoke-fields', { header: hdr(40) }],
    ['lease-revoke-missing', new EtcdRpcError('NotFound', ErrLeaseNotFound)],
  ])('%s', async (name, resp) => {
    await check(name, new FakeClient().on('LeaseRevoke', resp));
  });

  it('lease-ka-stream renews every TTL/3 until Ctrl-C (exit 130)', async () => {
    const id = printedId('lease-ka-stream');
    const c = await check('lease-ka-stream', new FakeClient().on('LeaseKeepAlive', ka(id, 6)), 4500);
    expect(c.calls.map(() => 'LeaseKeepAlive')).toHaveLength(3);
    expect(c.clock.now).toBe(4500);
  });

  it('lease-ka-stream-json prints every renewal as JSON', async () => {
    const id = printedId('lease-ka-stream');
    await check('lease-ka-stream-json', new FakeClient().on('LeaseKeepAlive', ka(id, 6)), 2500);
  });

  it('lease-ka-stream-revoked stops when the lease is gone', async () => {
    const id = printedId('lease-ka-stream-revoked');
    let n = 0;
    await check('lease-ka-stream-revoked', new FakeClient().on('LeaseKeepAlive', () => ka(id, n++ < 2 ? 6 : 0)));
    await check('lease-ka-stream-missing', new FakeClient().on('LeaseKeepAlive', ka(0x1234n, 0)));
    const id2 = BigInt('0x' + fixture('lease-ka-stream-revoked-json').cmd.split(' ')[3]);
    let m = 0;
    await check('lease-ka-stream-revoked-json', new FakeClient().on('LeaseKeepAlive', () => ka(id2, m++ < 1 ? 6 : 0)));
  });

  it('gives up when no renewal arrives within --dial-timeout + 1s, as clientv3 does', async () => {
    const c = new FakeClient(['etcd-0']);
    c.down.add('etcd-0');
    const r = await run('lease keep-alive 1234', c);
    expect(r).toEqual({ code: 0, stdout: 'lease 0000000000001234 expired or revoked.\n', stderr: '' });
    expect(c.clock.now).toBe(3000);
  });

  it('Ctrl-C while a renewal is in flight ends the run at once (exit 130)', async () => {
    const c = new FakeClient().on('LeaseKeepAlive', ka(1n, 6));
    c.latencyMs.set('127.0.0.1:2379', 500);
    const r = await run('lease keep-alive 1', c, { interruptAtMs: 2700 });
    expect(r).toEqual({ code: 130, stdout: 'lease 0000000000000001 keepalived with TTL(6)\n', stderr: '' });
    expect(c.calls).toHaveLength(2);
    expect(c.clock.now).toBe(2700);
  });
});
