// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity).

export {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  podMatchesAllAffinityTerms,
  TopologyCounts,
} from './filtering';
export {
  DefaultHardPodAffinityWeight,
  getNamespaceLabelsSnapshot,
  InterPodAffinity,
  type InterPodAffinityArgs,
  newInterPodAffinity,
  PreFilterState,
  PreScoreState,
} from './plugin';
export { ScoreMap } from './scoring';
