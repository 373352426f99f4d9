// Where etcd members sit on the canvas: an ellipse as wide as the canvas is, so every pair's link
// stays visible and the cards stay large enough to read.

/** Node card size, used to centre nodes and to clip message paths at card edges. */
export const memberNodeSize = { width: 252, height: 176 };

/** Top-left position of slot `i` of `n` on the ellipse around the origin (first slot at the top). */
export function circleSlot(i: number, n: number): { x: number; y: number } {
  const ry = n <= 1 ? 0 : Math.max(170, 40 * n);
  const rx = n <= 2 ? 260 : 2 * ry;
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
  return {
    x: Math.round(rx * Math.cos(angle) - memberNodeSize.width / 2),
    y: Math.round(ry * Math.sin(angle) - memberNodeSize.height / 2),
  };
}

/** Ellipse positions for `names`, in order. */
export function circleLayout(names: string[]): Record<string, { x: number; y: number }> {
  return Object.fromEntries(names.map((n, i) => [n, circleSlot(i, names.length)]));
}

/** Canonical id of the undirected link between two members. */
export function linkId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
