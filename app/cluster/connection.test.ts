// The page's cluster connection: one cluster however often StrictMode re-runs the effect that
// retains it, disposed through its AbortSignal once nobody holds it.
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/store';
import { fakeCluster, manualStart, memberView, snapshotOf } from '../testing/fixtures';
import { clusterOptionsFromUrl, createClusterConnection } from './connection';

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
