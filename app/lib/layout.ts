// Where the cards sit on the canvas: etcd members on an ellipse as wide as the canvas is, so every
// pair's link stays visible and the cards stay large enough to read; with the control plane on, the
// kube-apiserver beside the ring and kubectl beyond it, on whichever side suits the canvas.
import { kubectlClientId } from '../../engine/cluster-core';

/** Node card size, used to centre nodes and to clip message paths at card edges. */
export const memberNodeSize = { width: 252, height: 176 };

/** The kube-apiserver card is as large as a member's, so the free-space checks below hold for it too. */
export const apiServerNodeSize = memberNodeSize;

/** The kubectl badge. */
export const kubectlNodeSize = { width: 168, height: 56 };

/**
 * Which way the ring leaves a gap: the side where the control plane sits. The slots are turned so
 * that this direction falls midway between two members, and the apiserver's lines to the far
 * members pass between the near ones instead of under them.
 */
export type RingOpening = 'left' | 'bottom';

const openingAngle: Record<RingOpening, number> = { left: Math.PI, bottom: Math.PI / 2 };

/**
 * Top-left positions of `n` slots on an ellipse around the origin (first slot at the top, or turned
 * to leave a gap on the `opening` side). The ellipse is twice as wide as tall on a wide canvas
 * (`aspect` = width / height) and rounder on a narrow one, and grows until no two cards crowd each
 * other.
 */
export function circleSlots(n: number, aspect = 2, opening?: RingOpening): { x: number; y: number }[] {
  let ry = n <= 1 ? 0 : Math.max(170, 40 * n);
  let rx = n <= 1 ? 0 : n === 2 ? 260 : ry * Math.min(2, Math.max(1, aspect));
  const start = opening ? openingAngle[opening] + Math.PI / Math.max(n, 1) : -Math.PI / 2;
  const at = () =>
    Array.from({ length: n }, (_, i) => {
      const angle = start + (2 * Math.PI * i) / Math.max(n, 1);
      return { x: Math.round(rx * Math.cos(angle) - memberNodeSize.width / 2), y: Math.round(ry * Math.sin(angle) - memberNodeSize.height / 2) };
    });
  let slots = at();
  for (let k = 0; k < 30 && slots.some((p, i) => overlapsAny(p, slots.slice(i + 1))); k++) {
    rx *= 1.08;
    ry *= 1.08;
    slots = at();
  }
  return slots;
}

/** Top-left position of slot `i` of `n` (see circleSlots). */
export function circleSlot(i: number, n: number, aspect = 2, opening?: RingOpening): { x: number; y: number } {
  return circleSlots(n, aspect, opening)[i];
}

/** Ellipse positions for `names`, in order. */
export function circleLayout(names: string[], aspect = 2, opening?: RingOpening): Record<string, { x: number; y: number }> {
  const slots = circleSlots(names.length, aspect, opening);
  return Object.fromEntries(names.map((n, i) => [n, slots[i]]));
}

/** Canonical id of the undirected link between two members. */
export function linkId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** A card's top-left corner. */
type XY = { x: number; y: number };

/** Least gap kept between two cards when placing one. */
export const cardGap = 24;

/** True if a card at `p` would overlap (or crowd, within `cardGap`) a card at any of `others`. */
export function overlapsAny(p: XY, others: Iterable<XY>): boolean {
  for (const q of others) {
    if (Math.abs(q.x - p.x) < memberNodeSize.width + cardGap && Math.abs(q.y - p.y) < memberNodeSize.height + cardGap) return true;
  }
  return false;
}

/**
 * The free card position nearest `preferred`: `preferred` itself if nothing is there, else the first
 * free point on rings of growing radius around it (12 points per ring), so a card never lands on
 * top of another.
 */
export function freeSpotNear(preferred: XY, others: XY[]): XY {
  if (!overlapsAny(preferred, others)) return preferred;
  const step = Math.round(memberNodeSize.height / 2);
  for (let ring = 1; ring <= 40; ring++) {
    const r = ring * step;
    for (let k = 0; k < 12; k++) {
      const a = -Math.PI / 2 + (2 * Math.PI * k) / 12;
      // Cards are wider than tall: stretch the ring sideways.
      const p = { x: Math.round(preferred.x + 1.5 * r * Math.cos(a)), y: Math.round(preferred.y + r * Math.sin(a)) };
      if (!overlapsAny(p, others)) return p;
    }
  }
  return { x: preferred.x, y: Math.max(...others.map((o) => o.y)) + memberNodeSize.height + 2 * cardGap };
}

/** Where a new member goes without a drop point: the first free slot of the circle for `n` members, else free space near the first slot. */
export function newMemberSpot(n: number, others: XY[], aspect = 2, shape?: RingShape): XY {
  const slots = shape ? circleSlots(n, shape.aspect, shape.opening) : circleSlots(n, aspect);
  for (const p of slots) if (!overlapsAny(p, others)) return p;
  return freeSpotNear(slots[0], others);
}


// ---- the control plane beside the ring --------------------------------------------------------

/** The node id of the terminal's kubectl: its process name, so that its messages find the card. */
export const kubectlNodeId: string = kubectlClientId;

/** How the ring was drawn when the control plane shares the canvas: new members take its free slots. */
export interface RingShape {
  aspect: number;
  opening: RingOpening;
}

/** A card: top-left corner and size. */
interface Rect extends XY {
  width: number;
  height: number;
}

/** Room between the ring and the apiserver, and between the apiserver and kubectl: long enough to see a message fly. */
export const controlPlaneGap = { ring: 92, client: 64 };

/** The box around member cards at `ring` (top-left corners). */
function ringBounds(ring: XY[]): Rect {
  const xs = ring.map((p) => p.x);
  const ys = ring.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) + memberNodeSize.width - x, height: Math.max(...ys) + memberNodeSize.height - y };
}

/**
 * Top-left positions of the apiservers and of kubectl beside a ring of member cards at `ring`. On
 * the left: the apiservers in a column level with the ring's middle, kubectl further left, level
 * with them. Below: the apiservers in a row under the ring's middle, kubectl to their left (a row
 * under the ring costs a narrow canvas less height than a column would). Without apiservers there
 * is no kubectl either (an etcd-only session).
 */
export function controlPlaneSpots(ring: XY[], apiservers: string[], side: RingOpening): Record<string, XY> {
  if (apiservers.length === 0) return {};
  const b = ring.length ? ringBounds(ring) : { x: 0, y: 0, width: 0, height: 0 };
  const { width: w, height: h } = apiServerNodeSize;
  const k = apiservers.length;
  const out: Record<string, XY> = {};
  if (side === 'left') {
    const x = b.x - controlPlaneGap.ring - w;
    const column = k * h + (k - 1) * cardGap;
    const top = Math.round(b.y + b.height / 2 - column / 2);
    apiservers.forEach((name, i) => (out[name] = { x, y: top + i * (h + cardGap) }));
    out[kubectlNodeId] = { x: x - controlPlaneGap.client - kubectlNodeSize.width, y: Math.round(top + column / 2 - kubectlNodeSize.height / 2) };
  } else {
    const y = b.y + b.height + controlPlaneGap.ring;
    const row = k * w + (k - 1) * cardGap;
    const left = Math.round(b.x + b.width / 2 - row / 2);
    apiservers.forEach((name, i) => (out[name] = { x: left + i * (w + cardGap), y }));
    out[kubectlNodeId] = { x: left - controlPlaneGap.client - kubectlNodeSize.width, y: Math.round(y + h / 2 - kubectlNodeSize.height / 2) };
  }
  return out;
}

/** The size of the box around every card in `positions` (kubectl at its own size, the rest as cards). */
function layoutBounds(positions: Record<string, XY>): { width: number; height: number } {
  const boxes = Object.entries(positions).map(([name, p]) => ({ ...p, ...(name === kubectlNodeId ? kubectlNodeSize : memberNodeSize) }));
  const x0 = Math.min(...boxes.map((r) => r.x));
  const y0 = Math.min(...boxes.map((r) => r.y));
  const x1 = Math.max(...boxes.map((r) => r.x + r.width));
  const y1 = Math.max(...boxes.map((r) => r.y + r.height));
  return { width: x1 - x0, height: y1 - y0 };
}

/**
 * How large a layout comes out once fitted into a canvas of `aspect` (width / height): the zoom
 * that fits it into a canvas 1 high, up to a constant. Larger is better.
 */
export function fitScore(positions: Record<string, XY>, aspect: number): number {
  const { width, height } = layoutBounds(positions);
  return Math.min(aspect / Math.max(width, 1), 1 / Math.max(height, 1));
}

/** The ring shapes tried for a control-plane layout: both sides, rounder to wider. */
const ringAspects = [1, 1.25, 1.5, 1.75, 2];

/**
 * Every member, apiserver and kubectl placed together: of the ring shapes with the control plane on
 * its left or below it, the one that shows the cards largest on a canvas of `aspect`; the first
 * such on a tie, so a wide canvas keeps the control plane on the left.
 */
export function controlPlaneLayout(members: string[], apiservers: string[], aspect = 2): { positions: Record<string, XY>; shape: RingShape } {
  let best: { positions: Record<string, XY>; shape: RingShape; score: number } | null = null;
  for (const opening of ['left', 'bottom'] as const) {
    for (const a of ringAspects) {
      const ring = circleLayout(members, a, opening);
      const positions = { ...ring, ...controlPlaneSpots(Object.values(ring), apiservers, opening) };
      const score = fitScore(positions, aspect);
      if (!best || score > best.score + 1e-9) best = { positions, shape: { aspect: a, opening }, score };
    }
  }
  return { positions: best!.positions, shape: best!.shape };
}

/**
 * Places apiservers (and kubectl) that have no position yet beside members that have: on the side
 * that shows everything largest on a canvas of `aspect`, each nudged into free space if a card
 * (`others`: every card already placed) is in the way. Only the names in `missing` are returned.
 */
export function controlPlaneBeside(ring: XY[], apiservers: string[], missing: string[], others: XY[], aspect = 2): Record<string, XY> {
  const sides = (['left', 'bottom'] as const).map((side) => {
    const spots = controlPlaneSpots(ring, apiservers, side);
    return { spots, score: fitScore({ ...Object.fromEntries(ring.map((p, i) => [`m${i}`, p])), ...spots }, aspect) };
  });
  const { spots } = sides[1].score > sides[0].score + 1e-9 ? sides[1] : sides[0];
  const placed = [...others];
  const out: Record<string, XY> = {};
  for (const name of missing) {
    const want = spots[name];
    if (!want) continue;
    out[name] = freeSpotNear(want, placed);
    placed.push(out[name]);
  }
  return out;
}
