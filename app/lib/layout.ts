// Where etcd members sit on the canvas: an ellipse as wide as the canvas is, so every pair's link
// stays visible and the cards stay large enough to read.

/** Node card size, used to centre nodes and to clip message paths at card edges. */
export const memberNodeSize = { width: 252, height: 176 };

/**
 * Top-left positions of `n` slots on an ellipse around the origin (first slot at the top). The
 * ellipse is twice as wide as tall on a wide canvas (`aspect` = width / height) and rounder on a
 * narrow one, and grows until no two cards crowd each other.
 */
export function circleSlots(n: number, aspect = 2): { x: number; y: number }[] {
  let ry = n <= 1 ? 0 : Math.max(170, 40 * n);
  let rx = n <= 2 ? 260 : ry * Math.min(2, Math.max(1, aspect));
  const at = () =>
    Array.from({ length: n }, (_, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
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
export function circleSlot(i: number, n: number, aspect = 2): { x: number; y: number } {
  return circleSlots(n, aspect)[i];
}

/** Ellipse positions for `names`, in order. */
export function circleLayout(names: string[], aspect = 2): Record<string, { x: number; y: number }> {
  const slots = circleSlots(names.length, aspect);
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

/** Where a new member goes without a drop point: the first free slot of the circle for `n` members, else free space near the top slot. */
export function newMemberSpot(n: number, others: XY[], aspect = 2): XY {
  const slots = circleSlots(n, aspect);
  for (const p of slots) if (!overlapsAny(p, others)) return p;
  return freeSpotNear(slots[0], others);
}
