// Actions get the store and the cluster through their context: here a fresh store and a fake
// cluster, with no React and no module-level state.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { fakeCluster, memberView, snapshotOf } from '../testing/fixtures';
import { addMember, handleKeyDown, killLeader, nudgeSpeed, removeMember, toggleLink } from './actions';
import { runAction, type ActionEnv } from './registry';
import { installIngressNginx, isUrl, startTraffic } from './traffic-actions';

function setup() {
  const store = createAppStore();
  const cluster = fakeCluster();
  const env: ActionEnv = { store, connection: { cluster } };
  store.getState().applySnapshot(snapshotOf([memberView('etcd-0', 'follower', 3), memberView('etcd-1', 'leader', 3), memberView('etcd-2', 'follower', 3)], { cutLinks: [['etcd-0', 'etcd-2']] }));
  return { store, cluster, env };
}

const texts = (store: ReturnType<typeof createAppStore>) => store.getState().events.map((e) => e.text);

describe('nudgeSpeed', () => {
  it('steps [ and ] through 1, 2, 5 of each decade, from any speed, and stops at the ends', () => {
    expect([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50].map((x) => nudgeSpeed(1, x))).toEqual([0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect([0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].map((x) => nudgeSpeed(-1, x))).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
    // A speed the slider set between two steps goes to the next one either way.
    expect(nudgeSpeed(1, 2.75)).toBe(5);
    expect(nudgeSpeed(-1, 2.75)).toBe(2);
    expect(nudgeSpeed(1, 100)).toBe(100);
    expect(nudgeSpeed(-1, 0.1)).toBe(0.1);
  });
});

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

describe('traffic actions', () => {
  it('a URL goes via the From node unless Via names another; host:port goes without', async () => {
    const { store, cluster, env } = setup();
    const sent: unknown[] = [];
    // Each run sends one batch (the person stops it during the first).
    cluster.sendTraffic = async (req) => {
      sent.push(req);
      store.getState().stopLoad();
      return { ok: 1, failed: 0, byEndpoint: {}, errors: {}, byStatus: { '200': 1 } };
    };
    store.getState().setLoadSpec({ from: 'node-2', to: 'http://foo.example.com/api', rate: 5 });
    await runAction(env, startTraffic, undefined);
    store.getState().setLoadSpec({ via: 'node-3:30080' });
    await runAction(env, startTraffic, undefined);
    store.getState().setLoadSpec({ to: 'web:80' });
    await runAction(env, startTraffic, undefined);
    expect(sent).toEqual([
      { from: 'node-2', to: 'http://foo.example.com/api', via: 'node-2', requests: 5, ratePerSecond: 5 },
      { from: 'node-2', to: 'http://foo.example.com/api', via: 'node-3:30080', requests: 5, ratePerSecond: 5 },
      { from: 'node-2', to: 'web:80', requests: 5, ratePerSecond: 5 },
    ]);
    expect(store.getState().loadTotals.byStatus).toEqual({ '200': 1 });
    expect(isUrl(' HTTPS://x/ ')).toBe(true);
    expect(isUrl('web.default:80')).toBe(false);
  });

  it('a batch in flight when its run is stopped and another started counts for neither the new run nor twice', async () => {
    const { store, cluster, env } = setup();
    let release: (() => void) | null = null;
    const sent: string[] = [];
    cluster.sendTraffic = (req) => {
      sent.push(req.to);
      // The first run's batch hangs until the second run has started; the second run stops itself.
      if (sent.length === 1) return new Promise((ok) => (release = () => ok({ ok: 7, failed: 0, byEndpoint: { 'a:80': 7 }, errors: {} })));
      store.getState().stopLoad();
      return Promise.resolve({ ok: 1, failed: 0, byEndpoint: { 'b:80': 1 }, errors: {} });
    };
    store.getState().setLoadSpec({ to: 'a:80' });
    const first = runAction(env, startTraffic, undefined);
    await Promise.resolve();
    store.getState().stopLoad();
    store.getState().setLoadSpec({ to: 'b:80' });
    const second = runAction(env, startTraffic, undefined);
    await second;
    release!();
    await first;
    // The old loop did not go on with the new run, and its late batch is not in the new totals.
    expect(sent).toEqual(['a:80', 'b:80']);
    expect(store.getState().loadTotals).toMatchObject({ ok: 1, byEndpoint: { 'b:80': 1 }, batches: 1 });
  });

  it('installs ingress-nginx and logs how many objects went in; a refusal is logged as kubectl says it', async () => {
    const { store, cluster, env } = setup();
    cluster.nextResult = { code: 0, stdout: 'namespace/ingress-nginx created\ndeployment.apps/ingress-nginx-controller created\n', stderr: '' };
    const run = runAction(env, installIngressNginx, undefined);
    expect(store.getState().busy).toEqual({ 'addon:ingress-nginx': true });
    await run;
    expect(cluster.calls).toEqual(['install-addon ingress-nginx']);
    expect(texts(store).at(-1)).toBe('ingress-nginx installed: 2 objects applied');
    cluster.nextResult = { code: 1, stdout: '', stderr: 'Error: ingress-nginx is already installed\n' };
    await runAction(env, installIngressNginx, undefined);
    expect(texts(store).at(-1)).toBe('Install ingress-nginx: Error: ingress-nginx is already installed');
    expect(store.getState().busy).toEqual({});
  });
});
