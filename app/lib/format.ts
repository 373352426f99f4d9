// Small formatting helpers shared by the panels.

/** Simulated ms as `mm:ss.t` (or `h:mm:ss.t` past an hour). */
export function formatClock(ms: number): string {
  const tenths = Math.floor((ms % 1000) / 100);
  const totalSec = Math.floor(ms / 1000);
  const s = totalSec % 60;
  const m = Math.floor(totalSec / 60) % 60;
  const h = Math.floor(totalSec / 3600);
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${tenths}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** A speed factor as the slider shows it: 0.1×, 1×, 12×. */
export function formatSpeed(x: number): string {
  if (x < 1) return `${x.toFixed(x < 0.995 ? (x < 0.1 ? 2 : 1) : 0).replace(/\.0$/, '')}×`;
  if (x < 10) return `${(Math.round(x * 10) / 10).toString()}×`;
  return `${Math.round(x)}×`;
}

/** Slider position (log10 of the speed) to a speed, snapped to tidy values. */
export function speedFromSlider(v: number): number {
  const x = Math.pow(10, v);
  if (x < 1) return Math.round(x * 20) / 20 || 0.1;
  if (x < 10) return Math.round(x * 4) / 4;
  return Math.round(x);
}

/** Speed to slider position. */
export function sliderFromSpeed(x: number): number {
  return Math.log10(Math.min(100, Math.max(0.1, x)));
}
