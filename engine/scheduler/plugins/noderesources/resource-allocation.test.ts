// mulDiv, the int64 arithmetic of the resource scorers (least_allocated.go, most_allocated.go,
// image_locality.go: a × MaxNodeScore / capacity): the float fast path must give Go's truncated
// integer quotient exactly, as the BigInt path does, up to and beyond 2^53.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/rng';
import { mulDiv } from './resource-allocation';

const exact = (a: number, b: number, c: number) => Number((BigInt(a) * BigInt(b)) / BigInt(c));

describe('mulDiv', () => {
  it('truncates toward zero as Go’s int64 division', () => {
    expect([mulDiv(7, 100, 8), mulDiv(-7, 100, 8), mulDiv(1, 1, 3), mulDiv(0, 5, 9)]).toEqual([87, -87, 0, 0]);
  });

  it('agrees with exact integer division on scorer-sized and huge operands', () => {
    const rng = new Rng(7);
    const cases: [number, number, number][] = [
      // 32Gi nodes, 1 TiB nodes, byte-sized memory near 2^53, and the fallback beyond it.
      [34359738368 - 524288000, 100, 34359738368],
      [Math.floor(2 ** 53 / 100) - 1, 100, 2 ** 53 - 7],
      [2 ** 52 + 1, 3, 2 ** 52 + 3],
      [Number.MAX_SAFE_INTEGER, 100, 3],
    ];
    for (let i = 0; i < 20_000; i++) {
      const scale = 2 ** rng.int(1, 51);
      const c = 1 + Math.floor(rng.next() * scale);
      cases.push([Math.floor(rng.next() * c), rng.chance(0.5) ? 100 : 1 + rng.int(0, 1000), c]);
    }
    for (const [a, b, c] of cases) expect(mulDiv(a, b, c), `${a}×${b}/${c}`).toBe(exact(a, b, c));
  });

  it('refuses a zero divisor as the integer division does', () => {
    expect(() => mulDiv(1, 100, 0)).toThrow();
  });
});
