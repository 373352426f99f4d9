// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread).

export { countPodsMatchSelector, filterTopologySpreadConstraints, type SpreadConstraint } from './common';
export { defaultSelector, getPodServices } from './default-selector';
export { CriticalPaths, ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from './filtering';
export {
  defaultPodTopologySpreadArgs,
  newPodTopologySpread,
  PodTopologySpread,
  type PodTopologySpreadArgs,
  PreFilterState,
  PreScoreState,
  systemDefaultConstraints,
} from './plugin';
export { scoreForCount, topologyNormalizingWeight } from './scoring';
