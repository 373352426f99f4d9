// Actions get the store and the cluster through their context: here a fresh store and a fake
// cluster, with no React and no module-level state.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { fakeCluster, memberView, snapshotOf } from '../testing/fixtures';
import { addMember, handleKeyDown, killLeader, removeMember, toggleLink } from './actions';
import { runAction, type ActionEnv } from './registry';

function setup() {
  const store = createAppStore();
  const cluster = fakeCluster();
  const env: ActionEnv = { store, connection: { cluster } };
  store.getState().applySnapshot(snapshotOf([memberView('etcd-0', 'follower', 3), memberView('etcd-1', 'leader', 3), memberView('etcd-2', 'follower', 3)], { cutLinks: [['etcd-0', 'etcd-2']] }));
  return { store, cluster, env };
}

const texts = (store: ReturnType<typeof createAppStore>) => store.getState().events.map((e) => e.text);

describe('runAction', () => {
  it('logs a warning while the cluster is still starting', async () => {
    const store = createAppStore();
    await runAction({ store, connection: { cluster: null } }, killLeader, undefined);
    expect(texts(store)).toEqual(['Kill leader: the cluster is still starting']);
  });

  it('logs a failed command with its stderr', async () => {
    const { store, cluster, env } = setup();
    cluster.nextResult = { code: 1, stdout: '', stderr: 'Error: etcdserver: re-configuration failed\n' };
    await runAction(env, removeMember, 'etcd-2');
    expect(cluster.calls).toEqual(['remove etcd-2']);
    expect(texts(store).at(-1)).toBe('Remove member: Error: etcdserver: re-configuration failed');
    expect(store.getState().busy).toEqual({});
  });
});

describe('actions', () => {
  it('killLeader kills whichever member leads now', async () => {
    const { store, cluster, env } = setup();
    await runAction(env, killLeader, undefined);
    expect(cluster.calls).toEqual(['kill etcd-1']);
    expect(texts(store).at(-1)).toBe('killing the leader, etcd-1');
  });

  it('toggleLink restores a cut link and cuts a whole one', async () => {
    const { cluster, env } = setup();
    await runAction(env, toggleLink, { a: 'etcd-2', b: 'etcd-0' });
    await runAction(env, toggleLink, { a: 'etcd-0', b: 'etcd-1' });
    expect(cluster.calls).toEqual(['restore etcd-2 etcd-0', 'cut etcd-0 etcd-1']);
  });

  it('addMember places the new member where it was dropped', async () => {
    const { store, cluster, env } = setup();
    cluster.nextResult = { code: 0, stdout: 'Member 8e9e05c52164694d added to cluster cdf818194e3a8c32\n\nETCD_NAME="etcd-3"\n', stderr: '' };
    const run = runAction(env, addMember, { x: 400, y: 300 });
    expect(store.getState().busy).toEqual({ 'add-member': true });
    await run;
    const s = store.getState();
    expect(s.busy).toEqual({});
    expect(s.pendingDrop).toBeNull();
    expect(s.positions['etcd-3']).toBeDefined();
    expect(texts(store).at(-1)).toBe('etcdctl member add etcd-3: added as member 8e9e05c52164694d');
  });

  it('keyboard shortcuts dispatch through the same context', async () => {
    const { cluster, env } = setup();
    let prevented = 0;
    const key = (k: string) => ({ key: k, code: '', ctrlKey: false, metaKey: false, altKey: false, preventDefault: () => prevented++ }) as unknown as KeyboardEvent;
    expect(handleKeyDown(env, key(' '), () => false)).toBe(true);
    expect(handleKeyDown(env, key('h'), () => false)).toBe(true);
    expect(handleKeyDown(env, key('k'), () => true)).toBe(false);
    expect(handleKeyDown(env, key('z'), () => false)).toBe(false);
    await Promise.resolve();
    expect(cluster.calls).toEqual(['pause', 'heal']);
    expect(prevented).toBe(2);
  });
});
