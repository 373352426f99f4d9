// Ported from staging/src/k8s.io/client-go/util/flowcontrol/backoff_test.go.

import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

const step = 1000;

function clock() {
  let t = 1_000_000;
  return { now: () => t, step: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

describe('Backoff', () => {
  it('doubles up to the cap and Reset clears it (TestSlowBackoff)', () => {
    const c = clock();
    const b = new Backoff(c.now, step, 50 * step);
    for (const want of [0, 1, 2, 4, 8, 16, 32, 50, 50, 50]) {
      c.step(step);
      expect(b.get('_idSlow')).toBe(want * step);
      b.next('_idSlow', c.now());
    }
    b.next('_idSlow', c.now());
    b.reset('_idSlow');
    expect(b.get('_idSlow')).toBe(0);
  });

  it('stays at the high-water mark while updated within 2 × max (TestBackoffHighWaterMark)', () => {
    const c = clock();
    const max = 5 * step;
    const b = new Backoff(c.now, step, max);
    for (let i = 0; i <= 5; i++) {
      c.step(step);
      b.next('id', c.now());
    }
    c.step(max + step);
    b.next('id', c.now());
    expect(b.get('id')).toBe(max);
    c.step(max + step);
    b.next('id', c.now());
    expect(b.get('id')).toBe(max);
  });

  it('collects entries untouched for 2 × max (TestBackoffGC)', () => {
    const c = clock();
    const max = 5 * step;
    const b = new Backoff(c.now, step, max);
    for (let i = 0; i <= 5; i++) {
      c.step(step);
      b.next('id', c.now());
    }
    c.step(max + step);
    b.gc();
    expect(b.get('id')).toBe(max);
    c.step(max + step);
    b.gc();
    expect(b.get('id')).toBe(0);
  });

  it('answers IsInBackOffSinceUpdate tick by tick (TestIsInBackOffSinceUpdate)', () => {
    const c = clock();
    const start = c.now();
    const b = new Backoff(c.now, step, 10 * step);
    const cases: [number, boolean, number][] = [
      [0, false, 0], [1, false, 1], [2, true, 2], [3, false, 2], [4, true, 4], [5, true, 4], [6, true, 4], [7, false, 4],
      [8, true, 8], [9, true, 8], [10, true, 8], [11, true, 8], [12, true, 8], [13, true, 8], [14, true, 8], [15, false, 8],
      [16, true, 10], [17, true, 10], [18, true, 10], [19, true, 10], [20, true, 10], [21, true, 10], [22, true, 10], [23, true, 10],
      [24, true, 10], [25, false, 10], [26, true, 10], [35, false, 10], [56, false, 0], [57, false, 1],
    ];
    for (const [tick, inBackOff, value] of cases) {
      c.set(start + tick * step);
      expect(b.isInBackOffSinceUpdate('id', c.now()), `tick ${tick}`).toBe(inBackOff);
      if (inBackOff) expect(b.get('id'), `tick ${tick}`).toBe(value * step);
      else b.next('id', c.now());
    }
  });
});
