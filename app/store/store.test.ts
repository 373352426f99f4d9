// The store's vanilla core, without React: if any slice (or the store) pulled in React or zustand's
// React entry point, the mocks below would make this file fail to load (zustand's own tests mock
// React away the same way).
import { describe, expect, it, vi } from 'vitest';
import { memberView, snapshotOf } from '../testing/fixtures';
import { createAppStore } from './store';
import { savedUi } from './ui-slice';

vi.mock('react', () => {
  throw new Error('the store core must not load React');
});
vi.mock('zustand', () => {
  throw new Error("the store core must use zustand/vanilla, not zustand's React entry point");
});

const three = () => [memberView('etcd-0', 'leader', 2), memberView('etcd-1', 'follower', 2), memberView('etcd-2', 'follower', 2)];

describe('createAppStore', () => {
  it('makes independent stores: no state is shared through modules', () => {
    const a = createAppStore();
    const b = createAppStore();
    a.getState().log('info', 'only in a');
    a.getState().select('etcd-1');
    expect(a.getState().events.map((e) => e.text)).toEqual(['only in a']);
    expect(b.getState().events).toEqual([]);
    expect(b.getState().selected).toBeNull();
    b.getState().log('info', 'first in b');
    expect(b.getState().events[0].id).toBe(1);
  });

  it('notifies vanilla subscribers', () => {
    const store = createAppStore();
    const seen: string[] = [];
    const unsubscribe = store.subscribe((s, prev) => seen.push(`${prev.connection}→${s.connection}`));
    store.getState().setConnection('error', 'no workers');
    unsubscribe();
    store.getState().setConnection('live');
    expect(seen).toEqual(['connecting→error']);
    expect(store.getState().connectionError).toBeNull();
  });
});

describe('cluster slice', () => {
  it('stores a snapshot without its messages, goes live and lays the members out on a circle', () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshotOf(three(), { messages: [{ from: 'etcd-0', to: 'etcd-1', type: 'MsgApp', sentAt: 0, deliverAt: 1 }] }));
    const s = store.getState();
    expect(s.connection).toBe('live');
    expect(s.snapshot?.messages).toEqual([]);
    expect(Object.keys(s.positions).sort()).toEqual(['etcd-0', 'etcd-1', 'etcd-2']);
    expect(s.fitRequest).toBe(1);
    expect(s.events.map((e) => e.text)).toEqual(['etcd-0 elected leader in term 2']);
  });

  it('logs what changed at the new snapshot time, and tells a restart from a first start', () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshotOf(three()));
    store.getState().applySnapshot(snapshotOf([memberView('etcd-0', 'down', 2, false), memberView('etcd-1', 'leader', 3), memberView('etcd-2', 'follower', 3)], { now: 1500 }));
    store.getState().applySnapshot(snapshotOf([memberView('etcd-0', 'follower', 3), memberView('etcd-1', 'leader', 3), memberView('etcd-2', 'follower', 3)], { now: 4000 }));
    expect(store.getState().events.slice(1).map((e) => [e.atMs, e.text])).toEqual([
      [1500, 'etcd-0 is down'],
      [1500, 'etcd-1 elected leader in term 3'],
      [4000, 'etcd-0 restarted from its disk'],
    ]);
  });

  it('deselects a member that is no longer reported', () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshotOf(three()));
    store.getState().select('etcd-2');
    store.getState().applySnapshot(snapshotOf(three().slice(0, 2)));
    expect(store.getState().selected).toBeNull();
  });
});

describe('layout slice', () => {
  it('puts a new member where the palette item was dropped, once', () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshotOf(three()));
    store.getState().setPendingDrop({ x: 500, y: 400 });
    store.getState().applySnapshot(snapshotOf([...three(), memberView('etcd-3', 'follower', 2)]));
    const s = store.getState();
    expect(s.pendingDrop).toBeNull();
    expect(s.positions['etcd-3'].x).toBeLessThan(500);
    expect(s.positions['etcd-3'].y).toBeLessThan(400);
    expect(s.events.at(-1)?.text).toBe('etcd-3 joined the cluster as member a3');
  });

  it('relayout puts every member back on the circle and asks for a refit', () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshotOf(three()));
    const circle = store.getState().positions;
    store.getState().setPosition('etcd-1', { x: 9999, y: 9999 });
    store.getState().relayout(['etcd-0', 'etcd-1', 'etcd-2']);
    expect(store.getState().positions).toEqual(circle);
    expect(store.getState().fitRequest).toBe(2);
  });
});

describe('traffic slice', () => {
  it('animates a sample of the messages, counts all of them, and prunes landed flights', () => {
    const store = createAppStore();
    const beats = Array.from({ length: 10 }, (_, i) => ({ from: 'etcd-0', to: 'etcd-1', type: 'MsgHeartbeat', sentAt: i * 10, deliverAt: i * 10 + 2 }));
    const lost = { from: 'etcd-0', to: 'etcd-2', type: 'MsgApp', sentAt: 50, deliverAt: null };
    store.getState().ingestMessages([...beats, lost], 1000, 1, 0);
    const { flights, rates } = store.getState();
    // One heartbeat per link per 420 wall ms is drawn; the lost append is drawn too.
    expect(flights.map((f) => [f.from, f.to, f.kind, f.lost])).toEqual([
      ['etcd-0', 'etcd-1', 'heartbeat', false],
      ['etcd-0', 'etcd-2', 'append', true],
    ]);
    expect(rates).toEqual({ heartbeat: 10, append: 1, vote: 0, other: 0, lost: 1 });
    store.getState().pruneFlights(10_000);
    expect(store.getState().flights).toEqual([]);
  });
});

describe('ui slice', () => {
  it('tracks busy operations and keeps the last 200 log entries', () => {
    const store = createAppStore();
    store.getState().setBusy('add-member', true);
    store.getState().setBusy('remove:etcd-1', true);
    store.getState().setBusy('add-member', false);
    expect(store.getState().busy).toEqual({ 'remove:etcd-1': true });
    for (let i = 0; i < 205; i++) store.getState().log('info', `line ${i}`);
    const { events } = store.getState();
    expect(events).toHaveLength(200);
    expect(events[0].text).toBe('line 5');
  });
});

describe('achieved speed', () => {
  it('is the slope of simulated over wall time across the window, and restarts on pause', async () => {
    const { createAppStore } = await import('./store');
    const store = createAppStore();
    const snap = (now: number, paused = false) => ({ now, paused, speed: 100, members: [], cutLinks: [], messages: [], apiservers: [] });
    store.getState().applySnapshot(snap(0), 0);
    expect(store.getState().achievedSpeed).toBeNull();
    store.getState().applySnapshot(snap(5000), 500);
    expect(store.getState().achievedSpeed).toBe(10);
    store.getState().applySnapshot(snap(5000, true), 600);
    expect(store.getState().achievedSpeed).toBeNull();
  });

  it('keeps one terminal history for every tab and restores only well-formed saved UI', () => {
    const store = createAppStore();
    store.getState().addTerminalHistory('etcdctl put a 1');
    store.getState().setDockHeight(320);
    store.getState().setDockTab('activity');
    const saved = savedUi(store.getState());
    expect(saved).toEqual({ dockHeight: 320, dockTab: 'activity', terminalHistory: ['etcdctl put a 1'] });

    const again = createAppStore();
    again.getState().restoreUi(JSON.parse(JSON.stringify(saved)));
    expect(savedUi(again.getState())).toEqual(saved);

    const damaged = createAppStore();
    damaged.getState().restoreUi({ dockHeight: -5, dockTab: 'nope', terminalHistory: ['ok', 7, null] } as never);
    expect(savedUi(damaged.getState())).toEqual({ dockHeight: null, dockTab: 'terminal', terminalHistory: ['ok'] });
  });
});
