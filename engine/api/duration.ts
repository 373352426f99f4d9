// Human-readable durations, as k8s.io/apimachinery/pkg/util/duration prints them (the AGE column,
// a Job's DURATION, `RESTARTS (5m ago)`). Durations come in as milliseconds; Go's integer
// conversions truncate toward zero, so every division here does too.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

const trunc = Math.trunc;

/**
 * A succinct duration with one unit (`5s`, `3m`, `4h`, `2d`, `1y`): duration.ShortHumanDuration.
 * Up to 2s in the future (clock skew) prints `0s`; further is `<invalid>`.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / minute);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / hour);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(hours / 24 / 365)}y`;
}

/**
 * A duration with ~2-3 significant figures (`70s`, `3m10s`, `70m`, `3h4m`, `47h`, `2d3h`, `8d`,
 * `2y3d`, `8y`): duration.HumanDuration. Up to 2s in the future prints `0s`; further is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / minute);
  if (minutes < 10) {
    const s = trunc(ms / second) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / hour);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365;
    return dy === 0 ? `${trunc(hours / 24 / 365)}y` : `${trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${trunc(hours / 24 / 365)}y`;
}
