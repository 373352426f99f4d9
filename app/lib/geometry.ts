// Straight links between card borders: where the centre-to-centre line leaves each card.

/** A point. */
export interface Pt {
  x: number;
  y: number;
}

/** A card: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The centre of a box. */
export function center(b: Box): Pt {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Where the ray from `b`'s centre towards `toward` crosses `b`'s border, pushed out by `pad`. */
export function borderPoint(b: Box, toward: Pt, pad = 6): Pt {
  const c = center(b);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const hw = b.width / 2 + pad;
  const hh = b.height / 2 + pad;
  const t = Math.min(dx !== 0 ? hw / Math.abs(dx) : Infinity, dy !== 0 ? hh / Math.abs(dy) : Infinity);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

/** The visible segment of the link between two cards (from `a`'s border to `b`'s). */
export function linkSegment(a: Box, b: Box, pad = 6): [Pt, Pt] {
  return [borderPoint(a, center(b), pad), borderPoint(b, center(a), pad)];
}
