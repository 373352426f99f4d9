import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WireMessage } from '../cluster/types';
import { memberView } from '../testing/fixtures';
import { CanvasTraffic, controlPlaneKind, httpMethod, maxWaitMs, messageKind, requestSummary, shortPath, type CanvasFlight } from './messages';

const members = new Set(['etcd-0', 'etcd-1', 'etcd-2']);
const three = () => [memberView('etcd-0', 'follower', 2), memberView('etcd-1', 'leader', 2), memberView('etcd-2', 'follower', 2)];
const api = [{ name: 'kube-apiserver-0' }];

/** `kubectl create namespace demo` as the wire carried it (testdata/record-wire.ts), times from its first message. */
const createNamespace: WireMessage[] = JSON.parse(readFileSync(new URL('./testdata/create-namespace.wire.json', import.meta.url), 'utf8'));

/** Feeds `wire` in snapshots of 16 simulated ms, seen at the same wall time (speed 1). */
function play(wire: WireMessage[], opts: { apiservers?: { name: string }[]; t?: CanvasTraffic } = {}): { traffic: CanvasTraffic; flights: CanvasFlight[] } {
  const traffic = opts.t ?? new CanvasTraffic();
  const seen = new Map<number, CanvasFlight>();
  const end = Math.max(...wire.map((m) => m.sentAt)) + 16;
  let i = 0;
  for (let now = 16; now <= end + 16; now += 16) {
    const batch: WireMessage[] = [];
    while (i < wire.length && wire[i].sentAt <= now) batch.push(wire[i++]);
    traffic.ingest({ now, speed: 1, members: three(), messages: batch, apiservers: opts.apiservers ?? api }, now);
    for (const f of traffic.flights) seen.set(f.id, f);
  }
  return { traffic, flights: [...seen.values()] };
}

const end = (f: CanvasFlight) => f.startMs + f.durationMs;

describe('controlPlaneKind', () => {
  it.each([
    [{ from: 'etcd-1', to: 'etcd-0', type: 'MsgApp' }, null],
    [{ from: 'kubectl', to: 'kube-apiserver-0', type: 'GET /api/v1/pods' }, 'request'],
    [{ from: 'kubectl', to: 'kube-apiserver-0', type: 'data' }, 'request'],
    [{ from: 'kube-apiserver-0', to: 'kubectl', type: '201' }, 'response'],
    [{ from: 'kube-apiserver-0', to: 'kubectl', type: 'watch event' }, 'watch'],
    [{ from: 'kube-apiserver-0', to: 'etcd-2', type: 'client' }, 'etcd'],
    [{ from: 'etcd-2', to: 'kube-apiserver-0', type: 'client' }, 'etcd'],
    // etcdctl's client names its frames by their kind only.
    [{ from: 'etcdctl', to: 'etcd-0', type: 'msg' }, 'etcd'],
  ] as const)('%o → %s', (m, kind) => {
    expect(controlPlaneKind(m, members)).toBe(kind);
  });

  it('leaves Raft kinds as they were', () => {
    expect(['MsgHeartbeatResp', 'MsgApp', 'MsgSnap', 'MsgPreVote', 'MsgProp', 'MsgReadIndex'].map(messageKind)).toEqual(['heartbeat', 'append', 'append', 'vote', 'other', 'other']);
  });
});

describe('CanvasTraffic: a conversation keeps its order', () => {
  const { flights } = play(createNamespace);
  const one = (from: string, to: string, kind: string, label?: string) => {
    const found = flights.filter((f) => f.from === from && f.to === to && f.kind === kind && (label === undefined || f.label === label));
    expect(found, `${from} → ${to} ${kind} ${label ?? ''}`).toHaveLength(1);
    return found[0];
  };

  it('draws kubectl’s seventeen round trips as one request and one response', () => {
    expect(flights.filter((f) => f.kind === 'request')).toHaveLength(1);
    expect(flights.filter((f) => f.kind === 'response').map((f) => f.label)).toEqual(['200', '201']);
  });

  it('request → apiserver → etcd → leader → followers → answers → 201, each after what caused it', () => {
    const request = one('kubectl', 'kube-apiserver-0', 'request');
    const put = one('kube-apiserver-0', 'etcd-2', 'etcd');
    const forward = one('etcd-2', 'etcd-1', 'other', 'MsgProp');
    const append = flights.filter((f) => f.from === 'etcd-1' && f.kind === 'append');
    const answer = one('etcd-2', 'kube-apiserver-0', 'etcd');
    const created = one('kube-apiserver-0', 'kubectl', 'response', '201');
    expect(put.startMs).toBeGreaterThanOrEqual(end(request));
    expect(forward.startMs).toBeGreaterThanOrEqual(end(put));
    expect(Math.min(...append.map((f) => f.startMs))).toBeGreaterThanOrEqual(end(forward));
    expect(answer.startMs).toBeGreaterThan(end(forward));
    expect(created.startMs).toBeGreaterThanOrEqual(end(answer));
    // The whole story plays within the wait bound.
    expect(end(created) - request.startMs).toBeLessThan(maxWaitMs);
  });

  it('heartbeats keep their own clock', () => {
    const beats = flights.filter((f) => f.kind === 'heartbeat');
    expect(beats.length).toBeGreaterThan(0);
    for (const f of beats) expect(f.chain).toBe(false);
  });

  it('counts every message, animated or not, by its kind', () => {
    const { traffic } = play(createNamespace);
    const count = (p: (m: WireMessage) => boolean) => createNamespace.filter(p).length;
    // The run lasts less than one 100 ms bucket: a rate is ten times the count.
    expect(traffic.rates).toMatchObject({
      request: 10 * count((m) => m.from === 'kubectl'),
      response: 10 * count((m) => m.to === 'kubectl'),
      etcd: 10 * count((m) => m.from.startsWith('kube-apiserver') !== m.to.startsWith('kube-apiserver') && m.to !== 'kubectl' && m.from !== 'kubectl'),
      other: 10 * count((m) => m.type === 'MsgProp'),
      lost: 0,
    });
    expect(traffic.rates.request).toBeGreaterThanOrEqual(170);
  });
});

describe('CanvasTraffic: Raft alone is sampled as the store samples it', () => {
  it('sets every dot off when it is seen, at most one per kind and link every so often', () => {
    const wire: WireMessage[] = [];
    for (let t = 1; t < 400; t += 50) wire.push({ from: 'etcd-1', to: 'etcd-0', type: 'MsgHeartbeat', sentAt: t, deliverAt: t + 1 }, { from: 'etcd-0', to: 'etcd-1', type: 'MsgHeartbeatResp', sentAt: t + 1, deliverAt: t + 2 });
    const { flights } = play(wire, { apiservers: [] });
    for (const f of flights) expect(f.chain).toBe(false);
    // 400 ms of beats with a 420 ms gap: one dot each way.
    expect(flights.map((f) => `${f.from}>${f.to}`).sort()).toEqual(['etcd-0>etcd-1', 'etcd-1>etcd-0']);
    // Each set off at the wall time its message was seen.
    const first = (type: string) => wire.find((m) => m.type === type)!.sentAt;
    expect(flights.find((f) => f.from === 'etcd-1')!.startMs).toBe(Math.ceil(first('MsgHeartbeat') / 16) * 16);
  });

  it('a lost message flies too, and counts as lost', () => {
    const t = new CanvasTraffic();
    t.ingest({ now: 100, speed: 1, members: three(), messages: [{ from: 'etcd-1', to: 'etcd-2', type: 'MsgApp', sentAt: 90, deliverAt: null }] }, 100);
    expect(t.flights.map((f) => [f.kind, f.lost])).toEqual([['append', true]]);
    expect(t.rates.lost).toBe(10);
    expect(t.rates.append).toBe(10);
  });

  it('draws nothing for a process that has no card (etcdctl), but counts it', () => {
    const t = new CanvasTraffic();
    t.ingest({ now: 1000, speed: 1, members: three(), messages: [{ from: 'etcdctl', to: 'etcd-0', type: 'msg', sentAt: 990, deliverAt: 991 }], apiservers: [] }, 1000);
    expect(t.flights).toEqual([]);
    expect(t.rates.etcd).toBe(1);
  });
});

describe('CanvasTraffic: waiting is bounded', () => {
  it('does not draw a message whose cause lands too late', () => {
    // A ping-pong across three processes: each hop waits for the one before, until the wait is too long.
    const hops: WireMessage[] = [];
    const path = ['kubectl', 'kube-apiserver-0', 'etcd-0', 'etcd-1', 'etcd-2', 'etcd-0', 'kube-apiserver-0', 'etcd-1', 'etcd-2', 'etcd-1', 'etcd-0', 'etcd-2', 'etcd-1', 'kube-apiserver-0', 'kubectl'];
    for (let i = 0; i + 1 < path.length; i++) hops.push({ from: path[i], to: path[i + 1], type: path[i + 1] === 'kubectl' ? '200' : path[i].startsWith('etcd') && path[i + 1].startsWith('etcd') ? 'MsgProp' : 'client', sentAt: 1 + i, deliverAt: 2 + i });
    const { flights } = play(hops);
    expect(flights.length).toBeLessThan(hops.length);
    for (const f of flights) expect(f.startMs - 16).toBeLessThanOrEqual(maxWaitMs);
  });
});

describe('how a request reads', () => {
  it('maps Kubernetes verbs back to their HTTP methods', () => {
    expect(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'proxy'].map(httpMethod)).toEqual(['GET', 'GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'DELETE', 'PROXY']);
  });

  it('shortens a path by whole segments, keeping its start and its end', () => {
    expect(shortPath('/api/v1/namespaces', 30)).toBe('/api/v1/namespaces');
    expect(shortPath('/api/v1/namespaces/default/pods/web-7d4b9c-abcde', 30)).toBe('/api/…/pods/web-7d4b9c-abcde');
    expect(shortPath('/apis/apps/v1/namespaces/default/deployments', 30)).toBe('/apis/…/default/deployments');
    // A last segment too long on its own: its end, after a '…'.
    expect(shortPath('/api/v1/namespaces/default/configmaps/a-very-long-name-indeed-and-more', 20)).toBe('…ame-indeed-and-more');
  });

  it('summarises a recent request', () => {
    expect(requestSummary({ verb: 'list', path: '/api/v1/namespaces', code: 200 })).toEqual({ method: 'GET', path: '/api/v1/namespaces', code: '200' });
    expect(requestSummary({ verb: 'create', path: '/api/v1/namespaces/default/configmaps', code: 409 }, 25)).toEqual({ method: 'POST', path: '/api/…/default/configmaps', code: '409' });
  });
});
