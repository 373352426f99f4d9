// The one affinity question the queue asks: does a new bound pod satisfy a waiting pod's required affinity?

import type { Labels } from '../../api/labels';
import type { Pod } from '../../api/types/core';
import { affinityTermMatches, PodInfo } from '../framework/pod-info';

/** Whether any required pod-affinity term of `waiting` selects `pod` (AffinityTerm.Matches over PodInfo.RequiredAffinityTerms). */
export function requiredAffinityTermsMatch(waiting: Pod, pod: Pod, nsLabels: Labels | undefined): boolean {
  return new PodInfo(waiting).requiredAffinityTerms.some((t) => affinityTermMatches(t, pod, nsLabels));
}
