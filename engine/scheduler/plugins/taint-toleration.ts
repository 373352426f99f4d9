// TaintToleration, as pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: a node's
// NoSchedule/NoExecute taints keep off pods that do not tolerate them; PreferNoSchedule taints
// only lower the node's score, by how many of them the pod does not tolerate.

import type { Pod, Toleration } from '../../api/types/core';
import { doNotScheduleTaintsFilterFunc, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../framework/corev1';
import { type CycleState, errReadingState } from '../framework/cycle-state';
import type { FilterPlugin, NodeScore, PluginFactory, PreScorePlugin, ScoreExtensions, ScorePlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { MaxNodeScore, Status } from '../framework/status';
import { defaultNormalizeScore } from './helper/normalize-score';
import { names } from './names';

const preScoreStateKey = `PreScore${names.TaintToleration}`;

class PreScoreState {
  constructor(readonly tolerationsPreferNoSchedule: Toleration[]) {}
  clone(): PreScoreState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (getAllTolerationPreferNoSchedule)
function getAllTolerationPreferNoSchedule(tolerations: readonly Toleration[] | undefined): Toleration[] {
  // An empty effect means every effect, PreferNoSchedule included.
  return (tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

// Models pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (countIntolerableTaintsPreferNoSchedule)
function countIntolerableTaintsPreferNoSchedule(nodeInfo: NodeInfo, tolerations: Toleration[]): number {
  const taints = nodeInfo.node()?.spec?.taints ?? [];
  return taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length;
}

// Models pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go
/** TaintToleration: Filter on hard taints, Score (reversed) on PreferNoSchedule taints. */
export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions {
  readonly name = names.TaintToleration;

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const taint = findMatchingUntoleratedTaint(nodeInfo.node()?.spec?.taints, pod.spec?.tolerations, doNotScheduleTaintsFilterFunc);
    if (!taint) return null;
    return Status.new('UnschedulableAndUnresolvable', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    state.write(preScoreStateKey, new PreScoreState(getAllTolerationPreferNoSchedule(pod.spec?.tolerations)));
    return null;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): [number, Status | null] {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return [0, Status.asStatus(errReadingState(preScoreStateKey, 'reading'))];
    return [countIntolerableTaintsPreferNoSchedule(nodeInfo, s.tolerationsPreferNoSchedule), null];
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    return defaultNormalizeScore(MaxNodeScore, true, scores);
  }
}

/** The plugin's factory for the registry. */
export const newTaintToleration: PluginFactory = () => new TaintToleration();
