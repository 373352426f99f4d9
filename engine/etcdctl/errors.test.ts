// What etcdctl prints when the cluster cannot answer: dead endpoints skipped by the balancer,
// "context deadline exceeded" after --command-timeout with clientv3's zap warn line, commands that
// wait forever (txn, lease timetolive/list), a member without quorum, and clientv3's retries.
// Recorded from etcd 3.4.23 with etcd-2 (127.0.0.1:23792) killed, then etcd-1 too.

import { describe, expect, it } from 'vitest';
import { ErrTimeout, ErrUnhealthy, EtcdRpcError, type StatusResponse } from '../etcd/types';
import { hdr, kv } from './testdata/cluster';
import { actual, expected, fixture, FakeClient, run } from './testdata/harness';
import { healthEntries, tookMs } from './testdata/health';
import * as pb from './testdata/pbjson';

const dead = '127.0.0.1:23792';
const range = { header: hdr(68), kvs: [kv('t1', 'i v', 32, 44, 6)], more: false, count: 1 };
const status = (member: string): StatusResponse => {
  const all = pb.goJson(fixture('ep-status-json').stdout) as { Endpoint: string; Status: unknown }[];
  const s = pb.status(all.find((e) => member.endsWith(e.Endpoint))!.Status);
  return { ...s, header: { ...s.header, revision: 68 }, raftIndex: 119, raftAppliedIndex: 119 };
};

function deadClient(): FakeClient {
  const c = new FakeClient()
    .on('Range', range)
    .on('Status', (_r, ep) => status(ep))
    .on('MemberList', pb.memberList(pb.goJson(fixture('member-list-json').stdout)));
  c.down.add(dead);
  c.down.add(`http://${dead}`);
  c.down.add('127.0.0.1:23799');
  return c;
}

async function check(name: string, client: FakeClient, opts: { interruptAtMs?: number; epochMs?: number } = {}): Promise<FakeClient> {
  const f = fixture(name);
  const r = await run(f.cmd, client, { stdin: f.stdin, ...opts });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

describe('a dead endpoint', () => {
  it.each([
    'dead-get', 'dead-get-t', 'dead-put-two', 'dead-del', 'dead-compaction', 'dead-lease-grant', 'dead-lease-revoke',
    'dead-member-list', 'dead-member-add', 'dead-member-remove', 'dead-dial-timeout',
  ])('%s: deadline exceeded after --command-timeout', async (name) => {
    const c = await check(name, deadClient());
    const timeoutMs = name.endsWith('get') ? 5000 : 1000;
    expect(c.clock.now).toBe(timeoutMs);
  });

  it.each(['dead-get-mixed', 'dead-get-dead-first'])('%s: the balancer skips it', async (name) => {
    const c = await check(name, deadClient());
    expect(c.calls.map((x) => x.endpoint)).toEqual(['127.0.0.1:23790']);
  });

  it.each([
    ['dead-txn', 8000],
    ['dead-lease-ttl', 8000],
    ['dead-lease-list', 8000],
    ['dead-lease-ka-once', 8000],
    ['dead-watch', 2700],
    ['dead-ka', 2700],
  ])('%s: waits until Ctrl-C (no deadline)', async (name, interruptAtMs) => {
    await check(name, deadClient(), { interruptAtMs });
  });

  it.each(['dead-status', 'dead-status-t', 'dead-status-json', 'dead-status-table', 'dead-status-only', 'dead-status-cluster', 'dead-status-cluster-deadep'])(
    '%s',
    async (name) => {
      await check(name, deadClient());
    },
  );

  it.each(['dead-health', 'dead-health-t', 'dead-health-json', 'dead-health-table', 'dead-health-fields', 'dead-health-cluster'])('%s', async (name) => {
    const f = fixture(name);
    const c = deadClient();
    // Reproduce the recorded "took" of each endpoint: latency for live ones, lateness for the dead one.
    const timeoutMs = f.cmd.includes('--command-timeout=1s') ? 1000 : 5000;
    for (const [ep, took] of healthEntries(f)) {
      if (!took) continue;
      if (ep.endsWith(dead)) c.lateMs.set(ep, tookMs(took) - timeoutMs);
      else c.latencyMs.set(ep, tookMs(took));
    }
    const r = await run(f.cmd, c, { epochMs: 0 });
    // Upstream lists results in goroutine completion order; compare line sets.
    const lines = (s: string): string[] =>
      s.replace(/"ts":"[^"]*"/g, '').replace(/client-[0-9a-f-]{36}/g, '').replace(/^\[|\]$/gm, '').split(/\n|(?<=\}),(?=\{)/).sort();
    expect(lines(r.stdout)).toEqual(lines(f.stdout));
    expect(lines(r.stderr)).toEqual(lines(f.stderr));
    expect(r.code).toBe(f.code);
  });
});

describe('a member without quorum', () => {
  const alone = (): FakeClient => {
    const c = deadClient();
    c.down.add('127.0.0.1:23791');
    return c;
  };

  it('noquorum-get: the member never answers a linearizable read', async () => {
    const c = alone();
    c.silent.add('127.0.0.1:23790');
    await check('noquorum-get', c);
  });

  it.each([
    ['noquorum-get-t', 'Range'],
    ['noquorum-put', 'Put'],
    ['noquorum-lease-grant', 'LeaseGrant'],
  ] as const)('%s: the server gives up with an Unknown error', async (name, method) => {
    await check(name, alone().on(method, new EtcdRpcError('Unknown', 'context deadline exceeded')));
  });

  it('noquorum-health reports the server error', async () => {
    await check('noquorum-health', alone().on('Range', new EtcdRpcError('Unknown', 'context deadline exceeded')));
  });

  it('noquorum-get-s, noquorum-member-list and noquorum-lease-list are served locally', async () => {
    await check('noquorum-get-s', alone());
    await check('noquorum-member-list', alone());
    await check('noquorum-lease-list', alone().on('LeaseLeases', { header: hdr(68), leases: [] }));
  });

  it('noquorum-status-table: the member reports "no leader"; the others are unreachable', async () => {
    const c = alone().on('Status', () => ({ ...status('127.0.0.1:23790'), leader: 0n, errors: ['etcdserver: no leader'] }));
    await check('noquorum-status-table', c);
  });

  it('noquorum-lease-ttl: retried after "no leader", then waits forever', async () => {
    const c = alone();
    c.on('LeaseTimeToLive', () => {
      c.silent.add('127.0.0.1:23790');
      return new EtcdRpcError('Unavailable', 'etcdserver: no leader');
    });
    await check('noquorum-lease-ttl', c, { interruptAtMs: 12_000 });
    expect(c.calls).toHaveLength(2);
  });

  it('noquorum-txn and noquorum-member-add are not retried', async () => {
    await check('noquorum-txn', alone().on('Txn', new EtcdRpcError('Unavailable', ErrTimeout)));
    await check('noquorum-member-add', alone().on('MemberAdd', new EtcdRpcError('Unavailable', ErrUnhealthy)));
  });

  it('noquorum-compaction: no answer before the deadline', async () => {
    const c = alone();
    c.silent.add('127.0.0.1:23790');
    await check('noquorum-compaction', c);
  });
});

describe('clientv3 retries', () => {
  it('retries a read on Unavailable on the next reachable endpoint, logging each failed attempt', async () => {
    const c = new FakeClient(['etcd-0', 'etcd-1']);
    c.on('Range', (_req, ep) => (ep === 'etcd-0' ? new EtcdRpcError('Unavailable', 'etcdserver: leader changed') : range));
    const r = await run('get t1', c);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('t1\ni v\n');
    expect(r.stderr).toMatch(/^\{"level":"warn","ts":"2026-11-24T16:00:00\.001Z","caller":"clientv3\/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"endpoint:\/\/client-[0-9a-f-]{36}\/etcd-0","attempt":0,"error":"rpc error: code = Unavailable desc = etcdserver: leader changed"\}\n$/);
    expect(c.calls.map((x) => x.endpoint)).toEqual(['etcd-0', 'etcd-1']);
    expect(c.clock.now).toBe(27);
  });

  it('does not retry writes', async () => {
    const c = new FakeClient(['etcd-0', 'etcd-1']).on('Put', new EtcdRpcError('Unavailable', 'etcdserver: leader changed'));
    const r = await run('put k v', c);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(1)).toEqual(['Error: etcdserver: leader changed', '']);
  });

  it('gives up at the deadline while retrying', async () => {
    const c = new FakeClient(['etcd-0']).on('Range', new EtcdRpcError('Unavailable', 'etcdserver: no leader'));
    const r = await run('get t1 --command-timeout=100ms', c);
    expect(r.code).toBe(1);
    expect(r.stderr.endsWith('Error: context deadline exceeded\n')).toBe(true);
    expect(r.stderr.split('\n').filter((l) => l.includes('"attempt"')).length).toBe(4);
  });
});
