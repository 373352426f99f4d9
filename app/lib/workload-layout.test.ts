import { describe, expect, it } from 'vitest';
import { cardSize, clusterLayout, crowds, deploymentCardId, placeWorkloads, pendingTrayId, serviceCardId, workerNodeSize, type CardKinds } from './workload-layout';

const members = ['etcd-0', 'etcd-1', 'etcd-2'];
const components = ['kube-controller-manager-0', 'kube-controller-manager-1', 'kube-scheduler-0', 'kube-scheduler-1'];
const nodes = (n: number) => Array.from({ length: n }, (_, i) => `node-${i + 1}`);

function expectNoOverlap(positions: Record<string, { x: number; y: number }>, kinds: CardKinds) {
  const names = Object.keys(positions);
  for (let i = 0; i < names.length; i++) {
    const rest = Object.fromEntries(names.slice(i + 1).map((n) => [n, positions[n]]));
    expect(crowds(positions[names[i]], cardSize(names[i], kinds), rest, (n) => cardSize(n, kinds)), `${names[i]} crowds another card`).toBe(false);
  }
}

describe('clusterLayout', () => {
  it.each([1, 3, 8, 50])('places %i nodes, the components and the tray without overlaps, under etcd and the apiserver', (n) => {
    const kinds: CardKinds = { components: new Set(components), nodes: new Set(nodes(n)) };
    const { positions } = clusterLayout(members, ['kube-apiserver-0'], components, nodes(n), 2);
    for (const name of [...members, 'kube-apiserver-0', 'kubectl', ...components, pendingTrayId, ...nodes(n)]) expect(positions[name], name).toBeDefined();
    expectNoOverlap(positions, kinds);
    const etcdBottom = Math.max(...members.map((m) => positions[m].y)) + 176;
    for (const c of components) expect(positions[c].y).toBeGreaterThan(etcdBottom);
    for (const node of nodes(n)) expect(positions[node].y).toBeGreaterThan(positions[components[0]].y);
  });

  it('keeps a grid of 50 nodes roughly as wide as the canvas is', () => {
    const { positions } = clusterLayout(members, ['kube-apiserver-0'], components, nodes(50), 2);
    const xs = new Set(nodes(50).map((n) => positions[n].x));
    const ys = new Set(nodes(50).map((n) => positions[n].y));
    expect(xs.size).toBeGreaterThan(ys.size);
  });
});

describe('placeWorkloads', () => {
  it('gives a new node the next free grid slot and moves nothing already placed', () => {
    const kinds: CardKinds = { components: new Set(components), nodes: new Set(nodes(4)) };
    const { positions } = clusterLayout(members, ['kube-apiserver-0'], components, nodes(3), 2);
    const placed = placeWorkloads(positions, kinds, components, nodes(4), 2, [...members, 'kube-apiserver-0', 'kubectl']);
    expect(Object.keys(placed)).toEqual(['node-4']);
    expectNoOverlap({ ...positions, ...placed }, kinds);
  });

  it('puts Services and then Deployments in a column right of the nodes, without overlaps', () => {
    const side = [serviceCardId('default', 'web'), serviceCardId('kube-system', 'kube-dns'), deploymentCardId('kube-system', 'coredns'), deploymentCardId('default', 'web'), deploymentCardId('default', 'api')];
    const kinds: CardKinds = { components: new Set(components), nodes: new Set(nodes(3)), services: new Set(side.slice(0, 2)) };
    const { positions } = clusterLayout(members, ['kube-apiserver-0'], components, nodes(3), 2);
    const placed = placeWorkloads(positions, kinds, components, nodes(3), 2, [...members, 'kube-apiserver-0', 'kubectl'], side);
    expect(Object.keys(placed)).toEqual(side);
    expectNoOverlap({ ...positions, ...placed }, kinds);
    const right = Math.max(...nodes(3).map((n) => positions[n].x + workerNodeSize.width));
    for (const id of side) expect(placed[id].x).toBeGreaterThan(right);
  });

  it('finds another slot when a card was dragged onto the one a node would take', () => {
    const kinds: CardKinds = { components: new Set(components), nodes: new Set(nodes(2)) };
    const { positions } = clusterLayout(members, ['kube-apiserver-0'], components, nodes(1), 2);
    // etcd-0 dragged to where node-2 would go.
    const want = { x: positions['node-1'].x + workerNodeSize.width + 24, y: positions['node-1'].y };
    const moved = { ...positions, 'etcd-0': want };
    const placed = placeWorkloads(moved, kinds, components, nodes(2), 2, ['etcd-1', 'etcd-2', 'kube-apiserver-0', 'kubectl']);
    expect(placed['node-2']).toBeDefined();
    expectNoOverlap({ ...moved, ...placed }, kinds);
  });
});
