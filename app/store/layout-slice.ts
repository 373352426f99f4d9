// Where each member's card sits. Positions persist per member name; a member added by dropping the
// palette item appears where it was dropped.
import type { StateCreator } from 'zustand/vanilla';
import { circleLayout, circleSlot, memberNodeSize } from '../lib/layout';
import type { AppState } from './store';

/** A point in flow coordinates. */
export interface XY {
  x: number;
  y: number;
}

/** Layout slice. */
export interface LayoutSlice {
  positions: Record<string, XY>;
  /** Where the palette item was dropped, waiting for the new member to show up. */
  pendingDrop: XY | null;
  /** Bumped when the view should be refitted (first members, re-layout). */
  fitRequest: number;
  /** Gives every name without a position one: the pending drop point, else a free spot on the circle. */
  placeMembers(names: string[]): void;
  setPosition(name: string, xy: XY): void;
  setPendingDrop(xy: XY | null): void;
  /** Puts every member back on the circle. */
  relayout(names: string[]): void;
}

function overlaps(p: XY, positions: Record<string, XY>): boolean {
  return Object.values(positions).some((q) => Math.abs(q.x - p.x) < memberNodeSize.width + 24 && Math.abs(q.y - p.y) < memberNodeSize.height + 24);
}

export const createLayoutSlice: StateCreator<AppState, [], [], LayoutSlice> = (set, get) => ({
  positions: {},
  pendingDrop: null,
  fitRequest: 0,
  placeMembers: (names) => {
    const { positions, pendingDrop } = get();
    const missing = names.filter((n) => !positions[n]);
    if (!missing.length) return;
    if (Object.keys(positions).length === 0) {
      set((s) => ({ positions: circleLayout(names), fitRequest: s.fitRequest + 1 }));
      return;
    }
    const next = { ...positions };
    let drop = pendingDrop;
    for (const name of missing) {
      if (drop) {
        next[name] = { x: drop.x - memberNodeSize.width / 2, y: drop.y - memberNodeSize.height / 2 };
        drop = null;
        continue;
      }
      // First free slot on the circle of the new size, else further out.
      const n = names.length;
      let spot: XY | null = null;
      for (let i = 0; i < n && !spot; i++) {
        const p = circleSlot(i, n);
        if (!overlaps(p, next)) spot = p;
      }
      next[name] = spot ?? { x: 0, y: Math.max(...Object.values(next).map((p) => p.y)) + memberNodeSize.height + 60 };
    }
    set({ positions: next, pendingDrop: drop });
  },
  setPosition: (name, xy) => set((s) => ({ positions: { ...s.positions, [name]: xy } })),
  setPendingDrop: (pendingDrop) => set({ pendingDrop }),
  relayout: (names) => set((s) => ({ positions: circleLayout(names), fitRequest: s.fitRequest + 1 })),
});
