// The page's cluster connection: one cluster however often StrictMode re-runs the effect that
// retains it, disposed through its AbortSignal once nobody holds it.
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/store';
import { fakeCluster, manualStart, memberView, snapshotOf } from '../testing/fixtures';
import { busyCanvasNodes, clusterOptionsFromUrl, createClusterConnection, snapshotFeed } from './connection';

const options = clusterOptionsFromUrl('?seed=7');
const nextTask = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const store = createAppStore();
  const { start, starts } = manualStart();
  const connection = createClusterConnection({ store, options, start });
  return { store, starts, connection };
}

describe('createClusterConnection', () => {
  it('starts once under StrictMode (retain, release, retain) and feeds snapshots into the store', async () => {
    const { store, starts, connection } = setup();
    connection.retain()();
    const release = connection.retain();
    expect(starts).toHaveLength(1);
    expect(starts[0].opts).toMatchObject({ seed: 7, etcdMembers: 3, profile: 'fast' });
    const c = fakeCluster();
    starts[0].resolve(c);
    await nextTask();
    expect(starts[0].opts.signal?.aborted).toBe(false);
    expect(connection.cluster).toBe(c);
    c.push(snapshotOf([memberView('etcd-0', 'leader', 2)], { now: 300 }));
    expect(store.getState().connection).toBe('live');
    expect(store.getState().snapshot?.now).toBe(300);
    release();
  });

  it('paces the running cluster to the page’s frames, and stops pacing it when it goes', async () => {
    const store = createAppStore();
    const { start, starts } = manualStart();
    const paced: unknown[] = [];
    let stopped = 0;
    const connection = createClusterConnection({ store, options, start, pace: (c) => (paced.push(c), () => void stopped++) });
    const release = connection.retain();
    const c = fakeCluster();
    starts[0].resolve(c);
    await nextTask();
    expect(paced).toEqual([c]);
    expect(stopped).toBe(0);
    release();
    await nextTask();
    expect(stopped).toBe(1);
  });

  it('aborts and disposes the cluster a task after the last release', async () => {
    const { starts, connection } = setup();
    const release = connection.retain();
    const c = fakeCluster();
    starts[0].resolve(c);
    await nextTask();
    release();
    release(); // a second call is a no-op
    expect(c.disposed).toBe(false);
    await nextTask();
    expect(starts[0].opts.signal?.aborted).toBe(true);
    expect(c.disposed).toBe(true);
    expect(connection.cluster).toBeNull();
  });

  it('disposes a cluster that finishes starting after it was let go, and starts afresh on the next retain', async () => {
    const { starts, connection } = setup();
    connection.retain()();
    await nextTask();
    expect(starts[0].opts.signal?.aborted).toBe(true);
    const late = fakeCluster();
    starts[0].resolve(late);
    await nextTask();
    expect(late.disposed).toBe(true);
    expect(connection.cluster).toBeNull();
    connection.retain();
    expect(starts).toHaveLength(2);
  });

  it('reports a failed start in the store', async () => {
    const { store, starts, connection } = setup();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    connection.retain();
    starts[0].reject(new Error('Worker failed to load'));
    await nextTask();
    expect(store.getState().connection).toBe('error');
    expect(store.getState().connectionError).toBe('Worker failed to load');
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('dispose stops the cluster for good', async () => {
    const { starts, connection } = setup();
    connection.retain();
    const c = fakeCluster();
    starts[0].resolve(c);
    await nextTask();
    connection.dispose();
    expect(c.disposed).toBe(true);
    connection.retain();
    expect(starts).toHaveLength(1);
  });
});

describe('snapshotFeed', () => {
  const manualTimers = () => {
    let now = 0;
    const due: { at: number; fn: () => void }[] = [];
    return {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        const t = { at: now + ms, fn };
        due.push(t);
        return t;
      },
      clearTimeout: (t: unknown) => void due.splice(due.indexOf(t as never), 1),
      advance(ms: number) {
        now += ms;
        for (const t of due.filter((d) => d.at <= now)) {
          due.splice(due.indexOf(t), 1);
          t.fn();
        }
      },
    };
  };
  const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `node-${i + 1}`, up: true }));

  it('applies every snapshot of a small cluster at once', () => {
    const store = createAppStore();
    const timers = manualTimers();
    const feed = snapshotFeed(store, timers);
    for (let i = 1; i <= 3; i++) {
      feed.push(snapshotOf([memberView('etcd-0', 'leader', 2)], { now: i * 16, nodeProcesses: nodes(3) }));
      expect(store.getState().snapshot?.now).toBe(i * 16);
      timers.advance(16);
    }
  });

  it('applies a busy canvas at most every busyCanvasMs, always ending on the latest, and passes every message on', () => {
    const store = createAppStore();
    const timers = manualTimers();
    const feed = snapshotFeed(store, timers);
    const msg = (i: number) => ({ from: 'etcd-0', to: 'etcd-1', type: 'MsgHeartbeat', sentAt: i, deliverAt: i + 1 });
    const applied: number[] = [];
    store.subscribe((s, p) => s.snapshot !== p.snapshot && applied.push(s.snapshot!.now));
    for (let i = 1; i <= 12; i++) {
      feed.push(snapshotOf([memberView('etcd-0', 'leader', 2)], { now: i * 16, nodeProcesses: nodes(busyCanvasNodes), messages: [msg(i) as never] }));
      timers.advance(16);
    }
    // 12 pushes, one per 16 ms: the first at once; the timer set by the second fires at 100 ms (seen at
    // the advance to 112) with the seventh, the latest then; the twelfth waits for the next timer.
    expect(applied).toEqual([16, 112]);
    timers.advance(100);
    expect(applied).toEqual([16, 112, 192]);
    // Every message is counted, applied or not: 12 heartbeats in 192 ms of simulated time.
    expect(store.getState().rates.heartbeat).toBe(Math.round(12 / 0.192));
    // A pause shows at once.
    feed.push(snapshotOf([memberView('etcd-0', 'leader', 2)], { now: 200, paused: true, nodeProcesses: nodes(busyCanvasNodes) }));
    expect(store.getState().snapshot?.paused).toBe(true);
    feed.stop();
  });
});
