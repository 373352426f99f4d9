// What etcdctl does before it dials, compared with etcdctl 3.4.23 recorded against one member on
// 127.0.0.1:2379: ETCDCTL_* variables (pkg/flags SetPflagsFromEnv over the inherited flags only, in
// the order dash exports them), SRV discovery with -d/--discovery-srv (no SRV record resolves here),
// credentials (the Authenticate round that --dial-timeout bounds) and lease keep-alive's first wait.

import { describe, expect, it } from 'vitest';
import type { RangeResponse, StatusResponse } from '../etcd/types';
import { dashEnvironOrder } from './env';
import { actual, expected, fixture, FakeClient, run, type Fixture } from './testdata/harness';
import { healthEntries, tookMs } from './testdata/health';
import * as pb from './testdata/pbjson';

const dead = '127.0.0.1:23799';
const rangeK: RangeResponse = pb.range(pb.goJson(fixture('env-write-out').stdout));
const status: StatusResponse = pb.status(pb.goJson(fixture('env-cluster-status').stdout)[0].Status);

/** A client for the recorded single member: k=v, its member list and status; 127.0.0.1:23799 is down. */
function member(): FakeClient {
  const c = new FakeClient()
    .on('Range', rangeK)
    .on('Compact', { header: rangeK.header })
    .on('MemberList', pb.memberList(pb.goJson(fixture('single-member-list-json').stdout)))
    .on('Status', status);
  c.down.add(dead);
  return c;
}

function check(f: Fixture, client = member()): FakeClient {
  const r = run(f.cmd, client, { stdin: f.stdin, epochMs: 0 });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

describe('ETCDCTL_* environment variables', () => {
  it.each([
    // read only where the client is made (clientConfigFromCmd), so not by version or a bad put
    ['env-version', 0],
    ['env-put-noargs', 0],
    ['env-txn', 0],
    // unknown variables warn, in dash's export order (ETCDCTL_BAR before ETCDCTL_FOO, Z before A)
    ['env-unrecognized', 1],
    ['env-local-flag', 1],
    ['env-cluster-get', 1],
    ['env-watch-key-get', 1],
    ['env-empty', 1],
    // global flags are read
    ['env-hex', 1],
    ['env-write-out', 1],
    ['env-endpoints', 1],
    // a bad value is dropped silently (pflag has already stored false / 0; a bad CSV keeps the default)
    ['env-bad-bool', 1],
    ['env-bad-duration', 1],
    ['env-endpoints-bad-csv', 1],
    // get makes its context before its client: the variable comes too late for --command-timeout
    ['env-command-timeout-get', 1],
    ['env-command-timeout-compaction', 1],
    // a variable for a flag also given on the command line is fatal (capnslog "C", exit 1)
    ['env-conflict', 0],
    ['env-empty-conflict', 0],
    ['env-conflict-after-warnings', 0],
    ['env-conflict-first', 0],
  ])('%s', (name, calls) => {
    const c = check(fixture(name));
    expect(c.calls).toHaveLength(calls);
  });

  it('env-command-timeout-compaction: compaction makes its context after its client, so 1ns applies', () => {
    const c = check(fixture('env-command-timeout-compaction'));
    expect(c.calls[0].timeoutMs).toBe(1e-6);
    const get = check(fixture('env-command-timeout-get'));
    expect(get.calls[0].timeoutMs).toBe(5000);
  });

  it('env-cluster-status: --cluster is an inherited flag of endpoint status, so ETCDCTL_CLUSTER sets it', () => {
    const c = check(fixture('env-cluster-status'));
    expect(c.calls.map((x) => `${x.method} ${x.endpoint}`)).toEqual(['MemberList 127.0.0.1:2379', 'Status http://127.0.0.1:2379']);
  });

  it.each(['env-watch-range-only', 'env-watch-key-conflict', 'env-watch-key-conflict-exec', 'env-watch-dashdash'])('%s', (name) => {
    const c = check(fixture(name));
    expect(c.watches).toEqual([]);
  });

  it('ETCDCTL_WATCH_KEY and ETCDCTL_WATCH_RANGE_END stand for watch arguments, without a warning', () => {
    const c = member();
    const r = run('ETCDCTL_WATCH_KEY=wk ETCDCTL_WATCH_RANGE_END=wz etcdctl watch', c, { interruptAtMs: 100 });
    expect(r).toEqual({ code: 130, stdout: '', stderr: '' });
    expect(c.watches.map((w) => w.req)).toEqual([{ key: 'wk', range_end: 'wz' }]);
    const p = member();
    run('ETCDCTL_WATCH_KEY=wk etcdctl watch --prefix --rev=3', p, { interruptAtMs: 100 });
    expect(p.watches.map((w) => w.req)).toEqual([{ key: 'wk', range_end: 'wl', start_revision: 3 }]);
  });

  it("lists variables in the order dash's environment() does: by hash bucket, newest first in one", () => {
    const env = new Map([
      ['ETCDCTL_FOO', '1'],
      ['ETCDCTL_BAR', '2'],
      ['ETCDCTL_A', '1'],
      ['ETCDCTL_WRITE_OUT', 'json'],
      ['ETCDCTL_Z', '2'],
    ]);
    expect(dashEnvironOrder(env).map(([k]) => k)).toEqual(['ETCDCTL_Z', 'ETCDCTL_BAR', 'ETCDCTL_A', 'ETCDCTL_FOO', 'ETCDCTL_WRITE_OUT']);
  });
});

describe('TLS flags and --endpoints as CSV', () => {
  it.each(['cert-empty', 'key-empty-before-format', 'cert-empty-health', 'cacert-empty-put-noargs'])('%s: secureCfgFromCmd rejects an empty path', (name) => {
    expect(check(fixture(name)).calls).toEqual([]);
  });

  it.each(['endpoints-csv-open-quote', 'endpoints-csv-bare-quote', 'endpoints-csv-after-quote'])('%s: pflag reads string slices as CSV', (name) => {
    expect(check(fixture(name)).calls).toEqual([]);
  });

  it('splits quoted CSV fields as encoding/csv does', () => {
    const c = member();
    c.down.add('a,b');
    c.down.add('c');
    run(`--endpoints='"a,b",c' get k --command-timeout=1s`, c);
    expect(c.calls.map((x) => x.endpoint)).toEqual(['a,b']);
  });
});

describe('-d / --discovery-srv', () => {
  it.each(['srv-get', 'srv-long', 'srv-name', 'srv-attached', 'srv-status', 'srv-before-format', 'srv-put-noargs', 'srv-noarg'])(
    '%s: the SRV lookup fails before anything is dialled',
    (name) => {
      expect(check(fixture(name)).calls).toEqual([]);
    },
  );

  it('srv-empty: an empty domain means no discovery', () => {
    expect(check(fixture('srv-empty')).calls).toHaveLength(1);
  });

  it('srv-health: endpoint health takes --endpoints as they are, without discovery', () => {
    const f = fixture('srv-health');
    const c = member();
    for (const [ep, took] of healthEntries(f)) c.latencyMs.set(ep, tookMs(took));
    check(f, c);
  });
});

describe('credentials and --dial-timeout', () => {
  it.each([
    // the cluster answers Authenticate with "authentication is not enabled", which clientv3 logs and ignores
    ['user-live', 0],
    ['user-password', 0],
    ['user-mixed', 0],
    // no endpoint reachable: clientv3.New gives up after --dial-timeout (exit 2)
    ['user-dead', 2000],
    ['user-dead-dial', 1000],
    ['user-status-dead', 1000],
  ])('%s', (name, at) => {
    const c = check(fixture(name));
    expect(c.clock.now).toBe(name.startsWith('user-dead') || name === 'user-status-dead' ? at : 1);
  });

  it('user-put-noargs: arguments are checked before the client is made', () => {
    expect(check(fixture('user-put-noargs')).calls).toEqual([]);
  });

  it('user-status: each direct dial for Status authenticates again, on the same client', () => {
    const f = fixture('user-status');
    const c = member().on('Status', { ...status, raftIndex: 12, raftAppliedIndex: 12 });
    check(f, c);
  });

  it('user-health-dead: each endpoint has its own client; the dead one fails at New', () => {
    const f = fixture('user-health-dead');
    const c = member();
    c.latencyMs.set('127.0.0.1:2379', tookMs(healthEntries(f)[0][1]));
    check(f, c);
    expect(c.calls.map((x) => x.endpoint)).toEqual(['127.0.0.1:2379']);
  });

  it('with --dial-timeout=0 a client with credentials waits for a member for ever', () => {
    const c = member();
    const r = run(`--user=root:x --dial-timeout=0s --endpoints=${dead} get k --command-timeout=1s`, c, { interruptAtMs: 60_000 });
    expect(r).toEqual({ code: 130, stdout: '', stderr: '' });
  });

  it('ka-dead-dial-zero: without a dial timeout the first keep-alive waits defaultTTL (5s)', () => {
    const c = check(fixture('ka-dead-dial-zero'));
    expect(c.clock.now).toBe(5000);
  });
});
