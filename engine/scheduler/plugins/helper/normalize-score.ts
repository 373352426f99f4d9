// Score normalisation shared by plugins, as pkg/scheduler/framework/plugins/helper/normalize_score.go.

import type { NodeScore } from '../../framework/interface';

// Models pkg/scheduler/framework/plugins/helper/normalize_score.go (DefaultNormalizeScore)
/**
 * Scales scores so the highest becomes maxPriority (integer division, as Go's int64), or with
 * `reverse` so the highest becomes 0; all-zero scores stay 0, or become maxPriority when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): null {
  const maxCount = scores.reduce((m, s) => Math.max(m, s.score), 0);
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return null;
  }
  for (const s of scores) {
    let score = Math.trunc((maxPriority * s.score) / maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
  return null;
}
