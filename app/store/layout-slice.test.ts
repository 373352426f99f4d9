// Where the store puts the control plane's cards: beside the ring, once, and again on Tidy layout.
import { describe, expect, it } from 'vitest';
import type { ApiServerView } from '../../engine/workers/types';
import { memberView, snapshotOf } from '../testing/fixtures';
import { circleLayout, controlPlaneLayout, kubectlNodeId, memberNodeSize } from '../lib/layout';
import { createAppStore } from './store';

const three = () => [memberView('etcd-0', 'leader', 2), memberView('etcd-1', 'follower', 2), memberView('etcd-2', 'follower', 2)];
const apiserver = (name = 'kube-apiserver-0'): ApiServerView => ({ name, up: true, ready: true, revision: 5, objects: 3, watchers: 0, served: 0, recent: [], catalog: [] });
const members = ['etcd-0', 'etcd-1', 'etcd-2'];

describe('layout slice with the control plane on', () => {
  it('lays members, the apiserver and kubectl out together on the first snapshot', () => {
    const store = createAppStore();
    store.getState().setCanvasAspect(2.3);
    store.getState().applySnapshot(snapshotOf(three(), { apiservers: [apiserver()] }));
    const s = store.getState();
    expect(Object.keys(s.positions).sort()).toEqual([...members, 'kube-apiserver-0', kubectlNodeId].sort());
    expect(s.positions).toEqual(controlPlaneLayout(members, ['kube-apiserver-0'], 2.3).positions);
    expect(s.ringShape?.opening).toBe('left');
    expect(s.fitRequest).toBe(1);
  });

  it('keeps the etcd-only circle as it was', () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshotOf(three(), { apiservers: [] }));
    expect(store.getState().positions).toEqual(circleLayout(members, 2));
    expect(store.getState().ringShape).toBeNull();
  });

  it.each([
    [2.3, 'left'],
    [1, 'below'],
  ] as const)('places a control plane that shows up later beside the members, without moving them (aspect %s: %s)', (aspect, side) => {
    const store = createAppStore();
    store.getState().setCanvasAspect(aspect);
    store.getState().applySnapshot(snapshotOf(three(), { apiservers: [] }));
    const ring = store.getState().positions;
    store.getState().applySnapshot(snapshotOf(three(), { apiservers: [apiserver()] }));
    const s = store.getState();
    for (const m of members) expect(s.positions[m]).toEqual(ring[m]);
    const api = s.positions['kube-apiserver-0'];
    if (side === 'left') expect(api.x + memberNodeSize.width).toBeLessThan(Math.min(...members.map((m) => ring[m].x)));
    else expect(api.y).toBeGreaterThan(Math.max(...members.map((m) => ring[m].y)) + memberNodeSize.height);
    expect(s.positions[kubectlNodeId].x).toBeLessThan(api.x);
    expect(s.fitRequest).toBe(2);
  });

  it('a restored session missing kubectl gets it back beside the apiserver, the rest where it was', () => {
    const store = createAppStore();
    const saved = { ...controlPlaneLayout(members, ['kube-apiserver-0'], 2).positions };
    delete saved[kubectlNodeId];
    for (const [name, xy] of Object.entries(saved)) store.getState().setPosition(name, xy);
    store.getState().applySnapshot(snapshotOf(three(), { apiservers: [apiserver()] }));
    const s = store.getState();
    for (const [name, xy] of Object.entries(saved)) expect(s.positions[name]).toEqual(xy);
    expect(s.positions[kubectlNodeId]).toBeDefined();
  });

  it('Tidy layout puts the control plane back beside the ring', () => {
    const store = createAppStore();
    store.getState().setCanvasAspect(1);
    store.getState().applySnapshot(snapshotOf(three(), { apiservers: [apiserver()] }));
    const first = store.getState().positions;
    store.getState().setPosition('kube-apiserver-0', { x: 5000, y: 5000 });
    store.getState().relayout(members);
    expect(store.getState().positions).toEqual(first);
    expect(store.getState().ringShape?.opening).toBe('bottom');
  });

  it('a member added without a drop point lands on the ring, clear of the control plane', () => {
    const store = createAppStore();
    store.getState().setCanvasAspect(2.3);
    store.getState().applySnapshot(snapshotOf(three(), { apiservers: [apiserver()] }));
    store.getState().applySnapshot(snapshotOf([...three(), memberView('etcd-3', 'follower', 2)], { apiservers: [apiserver()] }));
    const s = store.getState();
    const added = s.positions['etcd-3'];
    for (const [name, p] of Object.entries(s.positions)) {
      if (name === 'etcd-3') continue;
      const clear = Math.abs(p.x - added.x) >= memberNodeSize.width || Math.abs(p.y - added.y) >= memberNodeSize.height;
      expect(clear, `etcd-3 clear of ${name}`).toBe(true);
    }
  });
});
