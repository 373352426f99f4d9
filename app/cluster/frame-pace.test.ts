import { describe, expect, it } from 'vitest';
import { minCpuShare, nextCpuShare, paceSampleMs, targetFps, watchFramePace, type FrameClock } from './frame-pace';

/** A page whose frames come every `frameMs` until told otherwise. */
function fakeClock() {
  let now = 0;
  let hidden = false;
  let next: (() => void) | null = null;
  const clock: FrameClock = {
    now: () => now,
    requestAnimationFrame: (fn) => ((next = fn), 1),
    cancelAnimationFrame: () => void (next = null),
    hidden: () => hidden,
  };
  return {
    clock,
    /** Draws frames `frameMs` apart for `ms`. */
    frames(frameMs: number, ms: number) {
      for (const end = now + ms; now + frameMs <= end && next; ) {
        now += frameMs;
        const fn = next;
        next = null;
        fn();
      }
    },
    pause(ms: number) {
      now += ms;
    },
    hide(h: boolean) {
      hidden = h;
    },
  };
}

describe('the clock paced to the page’s frames', () => {
  it('cuts the share by a quarter while frames fall short, gives it back a tenth at a time, within bounds', () => {
    expect(nextCpuShare(1, 40)).toBe(0.75);
    expect(nextCpuShare(0.3, 20)).toBe(minCpuShare);
    expect(nextCpuShare(minCpuShare, 10)).toBe(minCpuShare);
    expect(nextCpuShare(0.5, targetFps + 1)).toBe(0.5);
    expect(nextCpuShare(0.5, 60)).toBe(0.6);
    expect(nextCpuShare(0.95, 60)).toBe(1);
  });

  it('lowers the share while the page draws 30 frames a second and raises it again at 60', () => {
    const page = fakeClock();
    const shares: number[] = [];
    const stop = watchFramePace((s) => shares.push(s), () => true, page.clock);
    page.frames(1000 / 30, 3.3 * paceSampleMs);
    expect(shares).toEqual([0.75, 0.56, 0.42]);
    // The first sample straddles both rates (56 a second): it holds the share.
    page.frames(1000 / 60, 3.2 * paceSampleMs);
    expect(shares.slice(3)).toEqual([0.52, 0.62]);
    stop();
    page.frames(1000 / 30, 3 * paceSampleMs);
    expect(shares).toHaveLength(5);
  });

  it('does not read a frozen or hidden page as a slow one', () => {
    const page = fakeClock();
    const shares: number[] = [];
    watchFramePace((s) => shares.push(s), () => true, page.clock);
    page.frames(1000 / 60, 100);
    page.pause(10 * paceSampleMs);
    page.frames(1000 / 60, 100);
    expect(shares).toEqual([]);
    page.hide(true);
    page.frames(1000 / 20, 3 * paceSampleMs);
    expect(shares).toEqual([]);
  });

  it('paces only while engaged: a small cluster keeps its whole share however the page draws', () => {
    const page = fakeClock();
    const shares: number[] = [];
    let big = true;
    watchFramePace((s) => shares.push(s), () => big, page.clock);
    page.frames(1000 / 30, 1.1 * paceSampleMs);
    expect(shares).toEqual([0.75]);
    big = false;
    page.frames(1000 / 30, 3 * paceSampleMs);
    expect(shares).toEqual([0.75, 1]);
  });
});
