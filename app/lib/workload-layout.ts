// Where the rest of the cluster sits, below etcd and the apiservers: a row for the leader-elected
// control-plane components (controller-managers, schedulers) and the scheduling queue's pending
// pods, and under it the worker nodes in a grid, each card holding its pods. Pure: positions in,
// positions out, so a test can check that nothing overlaps and that a new node finds a free slot.
import { cardGap, kubectlNodeId, kubectlNodeSize, memberNodeSize, type RingShape } from './layout';
import { circleLayout, controlPlaneSpots } from './layout';

/** A point in flow coordinates (a card's top-left corner). */
export interface XY {
  x: number;
  y: number;
}

/** A card's size. */
export interface Size {
  width: number;
  height: number;
}

/** A worker node card: its header and room for four rows of eight pods. */
export const workerNodeSize: Size = { width: 324, height: 204 };
/** A controller-manager's or scheduler's card. */
export const componentNodeSize: Size = { width: 236, height: 72 };
/** The card of pods waiting to be scheduled. */
export const pendingTrayId = 'pending-pods';
export const pendingTraySize: Size = { width: 288, height: 72 };

/** A Service's card. */
export const serviceNodeSize: Size = { width: 248, height: 92 };
/** A Deployment's card: it shares the Services' column and their slot size. */
export const deploymentNodeSize: Size = serviceNodeSize;

/** Room between the etcd/apiserver block and the components row, and between that row and the nodes. */
export const rowGap = 44;

/** What kind of card a name is, for its size. */
export interface CardKinds {
  components: ReadonlySet<string>;
  nodes: ReadonlySet<string>;
  /** Service cards' ids (`svc:namespace/name`). */
  services?: ReadonlySet<string>;
}

/** The card id of a Service. */
export function serviceCardId(namespace: string, name: string): string {
  return `svc:${namespace}/${name}`;
}

/** The card id of a Deployment. */
export function deploymentCardId(namespace: string, name: string): string {
  return `deploy:${namespace}/${name}`;
}

/** The size of card `name`. */
export function cardSize(name: string, kinds: CardKinds): Size {
  if (name === kubectlNodeId) return kubectlNodeSize;
  if (name === pendingTrayId) return pendingTraySize;
  if (kinds.components.has(name)) return componentNodeSize;
  if (kinds.nodes.has(name)) return workerNodeSize;
  if (kinds.services?.has(name) || name.startsWith('svc:')) return serviceNodeSize;
  if (name.startsWith('deploy:')) return deploymentNodeSize;
  return memberNodeSize;
}

/** The box around cards. */
export function boundsOf(positions: Record<string, XY>, size: (name: string) => Size): { x: number; y: number; width: number; height: number } {
  const names = Object.keys(positions);
  if (!names.length) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of names) {
    const p = positions[n];
    const s = size(n);
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + s.width);
    y1 = Math.max(y1, p.y + s.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** True if a card of `size` at `p` comes within cardGap of any placed card. */
export function crowds(p: XY, size: Size, placed: Record<string, XY>, sizeOf: (name: string) => Size): boolean {
  for (const [n, q] of Object.entries(placed)) {
    const s = sizeOf(n);
    if (p.x < q.x + s.width + cardGap && q.x < p.x + size.width + cardGap && p.y < q.y + s.height + cardGap && q.y < p.y + size.height + cardGap) return true;
  }
  return false;
}

/** How many node columns suit `n` nodes under a block `width` wide on a canvas of `aspect`. */
export function nodeColumns(n: number, width: number, aspect: number): number {
  if (n <= 1) return 1;
  const fit = Math.max(1, Math.floor((width + cardGap) / (workerNodeSize.width + cardGap)));
  // Wide canvases take more columns than the block above is wide; a grid never gets taller than wide.
  const byAspect = Math.ceil(Math.sqrt((n * aspect * workerNodeSize.height) / workerNodeSize.width));
  return Math.min(n, Math.max(fit, byAspect));
}

/**
 * Slot positions under a block with bounds `above`: the components (then the pending tray) in rows
 * no wider than the block or the node grid, then the node grid `cols` wide, all centred under the
 * block's middle.
 */
export function workloadSlots(above: { x: number; y: number; width: number; height: number }, components: number, nodeSlots: number, cols: number): { components: XY[]; tray: XY; nodes: XY[]; services: XY[] } {
  const gridWidth = cols * workerNodeSize.width + (cols - 1) * cardGap;
  const step = componentNodeSize.width + cardGap;
  const perRow = Math.max(1, Math.min(components + 1, Math.floor((Math.max(above.width, gridWidth) + cardGap) / step)));
  const rows = Math.ceil((components + 1) / perRow);
  const rowWidth = Math.min(components + 1, perRow) * step - cardGap + (pendingTraySize.width - componentNodeSize.width);
  const mid = above.x + above.width / 2;
  const rowY = above.y + above.height + rowGap;
  const rowX = Math.round(mid - rowWidth / 2);
  const at = (i: number) => ({ x: rowX + (i % perRow) * step, y: rowY + Math.floor(i / perRow) * (componentNodeSize.height + cardGap) });
  const comps = Array.from({ length: components }, (_, i) => at(i));
  const tray = at(components);
  const gridY = rowY + rows * (componentNodeSize.height + cardGap) - cardGap + rowGap;
  const gridX = Math.round(mid - gridWidth / 2);
  const nodes = Array.from({ length: nodeSlots }, (_, i) => ({ x: gridX + (i % cols) * (workerNodeSize.width + cardGap), y: gridY + Math.floor(i / cols) * (workerNodeSize.height + cardGap) }));
  // Services in columns right of the node grid, level with its top: traffic enters there and goes left to the pods.
  const perColumn = 4;
  const svcX = gridX + gridWidth + rowGap;
  const services = Array.from({ length: 64 }, (_, i) => ({ x: svcX + Math.floor(i / perColumn) * (serviceNodeSize.width + cardGap), y: gridY + (i % perColumn) * (serviceNodeSize.height + cardGap) }));
  return { components: comps, tray, nodes, services };
}

/**
 * Places the components, the tray and the nodes that have no position yet: each in its own slot if
 * free, else in the first free slot of the node grid (extended as far as needed). `placed` holds
 * every card already on the canvas; only the missing names are returned.
 */
export function placeWorkloads(placed: Record<string, XY>, kinds: CardKinds, components: string[], nodes: string[], aspect: number, blockNames: string[], services: string[] = []): Record<string, XY> {
  const sizeOf = (n: string) => cardSize(n, kinds);
  const block: Record<string, XY> = {};
  for (const n of blockNames) if (placed[n]) block[n] = placed[n];
  const above = boundsOf(block, sizeOf);
  const cols = nodeColumns(nodes.length, above.width, aspect);
  const slots = workloadSlots(above, components.length, nodes.length + 64, cols);
  const out: Record<string, XY> = {};
  const all = { ...placed };
  const put = (name: string, want: XY, fallback: XY[]) => {
    const size = sizeOf(name);
    const spot = [want, ...fallback].find((p) => !crowds(p, size, all, sizeOf));
    if (!spot) return;
    out[name] = spot;
    all[name] = spot;
  };
  components.forEach((name, i) => !placed[name] && put(name, slots.components[i], slots.nodes));
  if (!placed[pendingTrayId]) put(pendingTrayId, slots.tray, slots.nodes);
  nodes.forEach((name, i) => !placed[name] && put(name, slots.nodes[i], slots.nodes));
  services.forEach((name, i) => !placed[name] && put(name, slots.services[i] ?? slots.services[slots.services.length - 1], slots.services));
  return out;
}

/** Sizes of a layout's cards. */
function fitOf(positions: Record<string, XY>, sizeOf: (n: string) => Size, aspect: number): number {
  const { width, height } = boundsOf(positions, sizeOf);
  return Math.min(aspect / Math.max(width, 1), 1 / Math.max(height, 1));
}

/** The ring shapes tried: rounder to wider. */
const ringAspects = [1, 1.25, 1.5, 1.75, 2];

/**
 * Everything laid out afresh: of the ring shapes with the apiservers on its left or below it, and
 * the components and nodes under both, the one that shows the cards largest on a canvas of `aspect`.
 */
export function clusterLayout(members: string[], apiservers: string[], components: string[], nodes: string[], aspect = 2): { positions: Record<string, XY>; shape: RingShape } {
  const kinds: CardKinds = { components: new Set(components), nodes: new Set(nodes) };
  const sizeOf = (n: string) => cardSize(n, kinds);
  let best: { positions: Record<string, XY>; shape: RingShape; score: number } | null = null;
  for (const opening of ['left', 'bottom'] as const) {
    for (const a of ringAspects) {
      const ring = circleLayout(members, a, opening);
      const block = { ...ring, ...controlPlaneSpots(Object.values(ring), apiservers, opening) };
      const positions = { ...block, ...placeWorkloads(block, kinds, components, nodes, aspect, Object.keys(block)) };
      const score = fitOf(positions, sizeOf, aspect);
      if (!best || score > best.score + 1e-9) best = { positions, shape: { aspect: a, opening }, score };
    }
  }
  return { positions: best!.positions, shape: best!.shape };
}
