// endpoint status/health against canned responses, compared with etcdctl 3.4.23's recorded output.
// Real etcdctl lists health results in goroutine completion order, which is racy; ours lists them by
// how long each took, so those fixtures are reordered by "took" before comparing.

import { describe, expect, it } from 'vitest';
import type { StatusResponse } from '../etcd/types';
import { actual, expected, fixture, FakeClient, run, type Fixture } from './testdata/harness';
import { healthEntries, tookMs } from './testdata/health';
import * as pb from './testdata/pbjson';

const eps = ['127.0.0.1:23790', '127.0.0.1:23791', '127.0.0.1:23792'];
const port = (endpoint: string): string => /:(\d+)$/.exec(endpoint)![1];

async function check(f: Fixture, client: FakeClient): Promise<FakeClient> {
  const r = await run(f.cmd, client, { stdin: f.stdin, epochMs: 0 });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

/** Status answers by port, from a recorded `endpoint status -w json`, with raft indexes overridden. */
function statusClient(json: string, raftIndex?: number): FakeClient {
  const byPort = new Map<string, StatusResponse>();
  for (const e of pb.goJson(fixture(json).stdout)) {
    const s = pb.status(e.Status);
    if (raftIndex) [s.raftIndex, s.raftAppliedIndex] = [raftIndex, raftIndex];
    byPort.set(port(e.Endpoint), s);
  }
  return new FakeClient()
    .on('Status', (_req, endpoint) => byPort.get(port(endpoint))!)
    .on('MemberList', pb.memberList(pb.goJson(fixture('member-list-json').stdout)));
}

describe('endpoint status', () => {
  it.each([
    ['ep-status', 88],
    ['ep-status-json', undefined],
    ['ep-status-fields', undefined],
    ['ep-status-table', 91],
    ['ep-status-cluster', 91],
    ['ep-status-cluster-table', 91],
    ['ep-status-url', 91],
  ] as const)('%s', async (name, raftIndex) => {
    const c = await check(fixture(name), statusClient('ep-status-json', raftIndex));
    const statusCalls = c.calls.filter((x) => x.method === 'Status');
    expect(statusCalls.length).toBe(name === 'ep-status-url' ? 1 : 3);
  });

  it('asks every member from the member list with --cluster, by client URL', async () => {
    const c = await check(fixture('ep-status-cluster'), statusClient('ep-status-json', 91));
    expect(c.calls.map((x) => `${x.method} ${x.endpoint}`)).toEqual([
      'MemberList 127.0.0.1:23790',
      'Status http://127.0.0.1:23790',
      'Status http://127.0.0.1:23792',
      'Status http://127.0.0.1:23791',
    ]);
  });

  it('noquorum-status shows the member errors column', async () => {
    const c = statusClient('ep-status-json', 119);
    c.on('Status', () => ({ ...pb.status(pb.goJson(fixture('ep-status-json').stdout)[0].Status), leader: 0n, raftIndex: 119, raftAppliedIndex: 119, errors: ['etcdserver: no leader'] }));
    await check(fixture('noquorum-status'), c);
  });
});

/** The fixture with its entries in "took" order (ours) instead of completion order (racy upstream). */
function inTookOrder(f: Fixture, latency: Map<string, number>): Fixture {
  const key = (line: string): number => {
    const ep = [...latency.keys()].find((e) => line.includes(`"${e}"`) || line.includes(`| ${e} |`) || line.startsWith(`${e} is`));
    return ep === undefined ? -1 : latency.get(ep)!;
  };
  const reorder = (items: string[]): string[] => {
    const idx = items.map((x, i) => [x, i] as const).filter(([x]) => key(x) >= 0);
    const sorted = [...idx].sort((a, b) => key(a[0]) - key(b[0]));
    const out = [...items];
    idx.forEach(([, i], j) => (out[i] = sorted[j][0]));
    return out;
  };
  if (f.stdout.startsWith('[')) return { ...f, stdout: reorder(f.stdout.slice(1, -2).split('},{').map((x) => x.replace(/^\{?/, '{').replace(/\}?$/, '}'))).join(',').replace(/^/, '[') + ']\n' };
  if (f.stdout.startsWith('"Endpoint"')) return { ...f, stdout: reorder(f.stdout.split('\n\n')).join('\n\n') };
  if (f.stdout.startsWith('+')) return { ...f, stdout: reorder(f.stdout.split('\n')).join('\n') };
  return { ...f, stderr: reorder(f.stderr.split('\n')).join('\n') };
}

function healthClient(entries: [string, string][]): { client: FakeClient; latency: Map<string, number> } {
  const client = new FakeClient()
    .on('Range', pb.range(pb.goJson(fixture('get-missing-json').stdout)))
    .on('MemberList', pb.memberList(pb.goJson(fixture('member-list-json').stdout)));
  const latency = new Map(entries.map(([ep, took], i) => [ep, took ? tookMs(took) : i + 1]));
  for (const [ep, ms] of latency) client.latencyMs.set(ep, ms);
  return { client, latency };
}

describe('endpoint health', () => {
  it.each(['ep-health', 'ep-health-json', 'ep-health-fields', 'ep-health-table', 'ep-health-cluster'])('%s', async (name) => {
    const f = fixture(name);
    const { client, latency } = healthClient(healthEntries(f));
    const c = await check(inTookOrder(f, latency), client);
    expect(c.calls.filter((x) => x.method === 'Range').map((x) => x.req)).toEqual(eps.map(() => ({ key: 'health' })));
  });
});
