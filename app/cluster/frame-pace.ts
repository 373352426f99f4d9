// Keeps the page drawing while a big cluster is busy. On a machine with few cores the simulated
// clock (its pump on this thread, its Workers on the others) can take all the time the page needs
// for its frames. So the page counts its frames and, while they fall short, lowers the share of
// wall time the clock may take (BrowserCluster.setCpuShare); once they are back, it gives the clock
// its time again. The simulated clock then runs slower than the speed asked, which the toolbar
// already reports as the achieved speed; the history is the same either way. Only a big cluster is
// paced (from busyClusterNodes worker nodes): a small one leaves the page its frames by itself, and
// a page that is busy loading (Monaco, the first cards) should not slow the clock that boots it.

/** Frames per second the page aims to keep. */
export const targetFps = 55;
/** The clock's share is never cut below this: a busy cluster still moves. */
export const minCpuShare = 0.25;
/** How often the frame rate is sampled (wall ms). */
export const paceSampleMs = 500;

/** The clock's next share, given the frame rate over the last sample (additive increase, multiplicative decrease). */
export function nextCpuShare(share: number, fps: number): number {
  if (fps < targetFps) return Math.max(minCpuShare, Math.round(share * 0.75 * 100) / 100);
  if (fps >= targetFps + 3) return Math.min(1, Math.round((share + 0.1) * 100) / 100);
  return share;
}

/** What `watchFramePace` needs of the page (the browser's, by default). */
export interface FrameClock {
  now(): number;
  requestAnimationFrame(fn: () => void): number;
  cancelAnimationFrame(id: number): void;
  hidden(): boolean;
}

const browserClock = (): FrameClock => ({
  now: () => performance.now(),
  requestAnimationFrame: (fn) => requestAnimationFrame(fn),
  cancelAnimationFrame: (id) => cancelAnimationFrame(id),
  hidden: () => document.visibilityState === 'hidden',
});

/**
 * Counts frames and sets the clock's share after every sample, while `engaged()` says the cluster is
 * big enough to pace; answers a function that stops it. A hidden page draws nothing (and gets no
 * frames): its clock has its whole share, as has a clock that is not paced.
 */
export function watchFramePace(setCpuShare: (share: number) => void, engaged: () => boolean, clock: FrameClock = browserClock()): () => void {
  let share = 1;
  let frames = 0;
  let since = clock.now();
  let raf = 0;
  const set = (next: number) => {
    if (next !== share) setCpuShare((share = next));
  };
  const frame = () => {
    raf = clock.requestAnimationFrame(frame);
    frames++;
    const now = clock.now();
    if (now - since < paceSampleMs) return;
    if (!engaged()) set(1);
    // A gap far longer than a sample is a page that was hidden or frozen, not a slow frame rate.
    else if (!clock.hidden() && now - since < 4 * paceSampleMs) set(nextCpuShare(share, (frames * 1000) / (now - since)));
    frames = 0;
    since = now;
  };
  raf = clock.requestAnimationFrame(frame);
  const onVisibility = () => {
    if (clock.hidden()) set(1);
    frames = 0;
    since = clock.now();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  return () => {
    clock.cancelAnimationFrame(raf);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  };
}
