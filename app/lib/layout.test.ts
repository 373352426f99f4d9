import { describe, expect, it } from 'vitest';
import {
  apiServerNodeSize,
  circleLayout,
  circleSlots,
  controlPlaneBeside,
  controlPlaneLayout,
  controlPlaneSpots,
  fitScore,
  kubectlNodeId,
  kubectlNodeSize,
  memberNodeSize,
  overlapsAny,
  type RingOpening,
} from './layout';

type Rect = { x: number; y: number; width: number; height: number };

const names = (n: number) => Array.from({ length: n }, (_, i) => `etcd-${i}`);
const sizeOf = (name: string) => (name === kubectlNodeId ? kubectlNodeSize : name.startsWith('kube-apiserver') ? apiServerNodeSize : memberNodeSize);
const rects = (positions: Record<string, { x: number; y: number }>): [string, Rect][] => Object.entries(positions).map(([n, p]) => [n, { ...p, ...sizeOf(n) }]);
const apart = (a: Rect, b: Rect, gap = 0) => a.x + a.width + gap <= b.x || b.x + b.width + gap <= a.x || a.y + a.height + gap <= b.y || b.y + b.height + gap <= a.y;
const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/** Whether the segment p→q passes through the inside of `r` (Liang–Barsky clipping). */
function crosses(p: { x: number; y: number }, q: { x: number; y: number }, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const edges: [number, number][] = [
    [-dx, p.x - r.x],
    [dx, r.x + r.width - p.x],
    [-dy, p.y - r.y],
    [dy, r.y + r.height - p.y],
  ];
  for (const [pp, qq] of edges) {
    if (pp === 0) {
      if (qq <= 0) return false;
      continue;
    }
    const t = qq / pp;
    if (pp < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

describe('circleSlots', () => {
  it('keeps the etcd-only circle as it was: first slot at the top', () => {
    expect(circleSlots(3, 2)).toEqual([
      { x: -126, y: -258 },
      { x: 168, y: -3 },
      { x: -420, y: -3 },
    ]);
    expect(circleSlots(1)).toEqual([{ x: -126, y: -88 }]);
  });

  it.each(['left', 'bottom'] as const)('opened to the %s, leaves that side between two members', (opening) => {
    for (let n = 2; n <= 9; n++) {
      const slots = circleSlots(n, 1.5, opening);
      const centres = slots.map((p) => ({ x: p.x + memberNodeSize.width / 2, y: p.y + memberNodeSize.height / 2 }));
      // The card furthest that way is not on the axis: two share the extreme, one each side of it.
      if (opening === 'left') {
        const minX = Math.min(...centres.map((c) => c.x));
        const atMin = centres.filter((c) => Math.abs(c.x - minX) < 1);
        expect(atMin.every((c) => Math.abs(c.y) > 1), `n=${n}`).toBe(true);
      } else {
        const maxY = Math.max(...centres.map((c) => c.y));
        const atMax = centres.filter((c) => Math.abs(c.y - maxY) < 1);
        expect(atMax.every((c) => Math.abs(c.x) > 1), `n=${n}`).toBe(true);
      }
      for (let i = 0; i < slots.length; i++) expect(overlapsAny(slots[i], slots.slice(i + 1)), `n=${n} slot ${i}`).toBe(false);
    }
  });
});

describe('controlPlaneSpots', () => {
  const ring = Object.values(circleLayout(names(3), 1.25, 'left'));
  const left = controlPlaneSpots(ring, ['kube-apiserver-0'], 'left');
  const below = controlPlaneSpots(ring, ['kube-apiserver-0'], 'bottom');
  const minX = Math.min(...ring.map((p) => p.x));
  const maxY = Math.max(...ring.map((p) => p.y)) + memberNodeSize.height;

  it('puts the apiserver beside the ring and kubectl beyond it', () => {
    expect(left['kube-apiserver-0'].x + apiServerNodeSize.width).toBeLessThan(minX);
    expect(left[kubectlNodeId].x + kubectlNodeSize.width).toBeLessThan(left['kube-apiserver-0'].x);
    // Level with each other, so the request flies straight.
    expect(left[kubectlNodeId].y + kubectlNodeSize.height / 2).toBeCloseTo(left['kube-apiserver-0'].y + apiServerNodeSize.height / 2, 0);
    expect(below['kube-apiserver-0'].y).toBeGreaterThan(maxY);
    expect(below[kubectlNodeId].x + kubectlNodeSize.width).toBeLessThan(below['kube-apiserver-0'].x);
  });

  it('stacks two apiservers without overlap', () => {
    const two = controlPlaneSpots(ring, ['kube-apiserver-0', 'kube-apiserver-1'], 'left');
    const [a, b] = [two['kube-apiserver-0'], two['kube-apiserver-1']];
    expect(apart({ ...a, ...apiServerNodeSize }, { ...b, ...apiServerNodeSize })).toBe(true);
  });

  it('places nothing for an etcd-only session', () => {
    expect(controlPlaneSpots(ring, [], 'left')).toEqual({});
  });
});

describe('controlPlaneLayout', () => {
  const sizes = { desktop: 1240 / 534, tablet: 840 / 418, phone: 390 / 398 };

  it.each(Object.entries(sizes))('%s: no two cards overlap, 1 to 9 members, 1 or 2 apiservers', (_, aspect) => {
    for (let n = 1; n <= 9; n++) {
      for (const servers of [['kube-apiserver-0'], ['kube-apiserver-0', 'kube-apiserver-1']]) {
        const cards = rects(controlPlaneLayout(names(n), servers, aspect).positions);
        expect(cards).toHaveLength(n + servers.length + 1);
        for (let i = 0; i < cards.length; i++) {
          for (let j = i + 1; j < cards.length; j++) expect(apart(cards[i][1], cards[j][1]), `n=${n}: ${cards[i][0]} and ${cards[j][0]}`).toBe(true);
        }
      }
    }
  });

  it('on a wide canvas, the control plane on the left; on a phone, below', () => {
    expect(controlPlaneLayout(names(3), ['kube-apiserver-0'], sizes.desktop).shape.opening).toBe('left');
    expect(controlPlaneLayout(names(3), ['kube-apiserver-0'], sizes.tablet).shape.opening).toBe('left');
    expect(controlPlaneLayout(names(3), ['kube-apiserver-0'], sizes.phone).shape.opening).toBe('bottom');
  });

  it('takes the shape that shows the cards largest', () => {
    for (const aspect of Object.values(sizes)) {
      const chosen = controlPlaneLayout(names(5), ['kube-apiserver-0'], aspect).positions;
      for (const opening of ['left', 'bottom'] as RingOpening[]) {
        for (const a of [1, 2]) {
          const ring = circleLayout(names(5), a, opening);
          const other = { ...ring, ...controlPlaneSpots(Object.values(ring), ['kube-apiserver-0'], opening) };
          expect(fitScore(chosen, aspect)).toBeGreaterThanOrEqual(fitScore(other, aspect) - 1e-12);
        }
      }
    }
  });

  // From five members on, some far member sits behind a near one whatever the shape (the lines run
  // under that card): a ring has no side from which every member is in sight.
  it('the apiserver sees each of up to 3 members past the others (its lines run between cards, not under them)', () => {
    for (const aspect of Object.values(sizes)) {
      for (const n of [1, 2, 3]) {
        const positions = controlPlaneLayout(names(n), ['kube-apiserver-0'], aspect).positions;
        const cards = new Map(rects(positions));
        const from = centre(cards.get('kube-apiserver-0')!);
        for (const target of names(n)) {
          for (const other of names(n)) {
            if (other === target) continue;
            expect(crosses(from, centre(cards.get(target)!), cards.get(other)!), `aspect ${aspect.toFixed(2)}, n=${n}: the line to ${target} runs under ${other}`).toBe(false);
          }
        }
      }
    }
  });
});

describe('controlPlaneBeside', () => {
  it('places only what is missing, beside members that already have places, clear of every card', () => {
    const ring = circleLayout(names(3), 2);
    // Someone dragged etcd-2 to where the apiserver would go.
    const spots = controlPlaneSpots(Object.values(ring), ['kube-apiserver-0'], 'left');
    const placed = { ...ring, 'etcd-2': spots['kube-apiserver-0'] };
    const out = controlPlaneBeside(Object.values(placed), ['kube-apiserver-0'], ['kube-apiserver-0', kubectlNodeId], Object.values(placed), 2.3);
    expect(Object.keys(out).sort()).toEqual(['kube-apiserver-0', kubectlNodeId]);
    const all = rects({ ...placed, ...out });
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(apart(all[i][1], all[j][1]), `${all[i][0]} and ${all[j][0]}`).toBe(true);
    expect(controlPlaneBeside(Object.values(ring), ['kube-apiserver-0'], [kubectlNodeId], Object.values(ring), 2.3)).toEqual({ [kubectlNodeId]: expect.any(Object) });
  });
});
