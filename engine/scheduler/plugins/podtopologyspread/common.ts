// What PodTopologySpread's filter and score share: constraints with their selectors parsed, and
// the rules for which nodes and which pods a constraint counts.

import { type Labels, labelSelectorAsSelector, type Selector, selectorFromSet } from '../../../api/labels';
import type { Node, NodeInclusionPolicy, Pod, TopologySpreadConstraint, UnsatisfiableConstraintAction } from '../../../api/types/core';
import { doNotScheduleTaintsFilterFunc, findMatchingUntoleratedTaint, type PodInfo, type RequiredNodeAffinity } from '../../framework';

/** topologySpreadConstraint: a TopologySpreadConstraint with its selector built and its defaults applied. */
export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: NodeInclusionPolicy;
  nodeTaintsPolicy: NodeInclusionPolicy;
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/common.go (matchNodeInclusionPolicies)
/** Whether the node counts for the constraint: it matches the pod's required node affinity (Honor) and has no untolerated taint (Honor). */
export function matchNodeInclusionPolicies(c: SpreadConstraint, pod: Pod, node: Node, require: RequiredNodeAffinity): boolean {
  // Parsing errors are ignored for backwards compatibility.
  if (c.nodeAffinityPolicy === 'Honor' && !require.match(node).match) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, doNotScheduleTaintsFilterFunc)) return false;
  return true;
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/common.go (nodeLabelsMatchSpreadConstraints)
/** Whether the node carries every constraint's topology key. */
export function nodeLabelsMatchSpreadConstraints(nodeLabels: Labels | undefined, constraints: readonly SpreadConstraint[]): boolean {
  return constraints.every((c) => nodeLabels !== undefined && Object.hasOwn(nodeLabels, c.topologyKey));
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/common.go (mergeLabelSetWithSelector)
/** The pod's values for matchLabelKeys as equality requirements, added to the selector's. */
function mergeLabelSetWithSelector(matchLabels: Labels, s: Selector): Selector {
  const { requirements, selectable } = s.requirements();
  if (!selectable) return s;
  return selectorFromSet(matchLabels).add(...requirements);
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/common.go (filterTopologySpreadConstraints)
/**
 * The constraints with the given whenUnsatisfiable, parsed: matchLabelKeys narrow the selector to
 * the pod's own values of those keys; minDomains defaults to 1, nodeAffinityPolicy to Honor,
 * nodeTaintsPolicy to Ignore. Throws a SelectorError for a selector that does not parse.
 */
export function filterTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Labels | undefined,
  action: UnsatisfiableConstraintAction,
): SpreadConstraint[] {
  return constraints
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => {
      let selector = labelSelectorAsSelector(c.labelSelector);
      const matchLabels = Object.fromEntries((c.matchLabelKeys ?? []).flatMap((k) => (podLabels && Object.hasOwn(podLabels, k) ? [[k, podLabels[k]]] : [])));
      if (Object.keys(matchLabels).length > 0) selector = mergeLabelSetWithSelector(matchLabels, selector);
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector,
        minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
        nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
      };
    });
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/common.go (countPodsMatchSelector)
/** How many of the pods are in the namespace, not terminating, and selected; an empty selector counts none. */
export function countPodsMatchSelector(podInfos: readonly PodInfo[], selector: Selector, ns: string): number {
  if (selector.empty()) return 0;
  let count = 0;
  for (const { pod } of podInfos) {
    // Terminating pods do not count (kubernetes#87621).
    if (pod.metadata.deletionTimestamp || (pod.metadata.namespace ?? '') !== ns) continue;
    if (selector.matches(pod.metadata.labels)) count++;
  }
  return count;
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/common.go (podLabelsMatchSpreadConstraints)
/** Whether any constraint selects the labels. */
export function podLabelsMatchSpreadConstraints(constraints: readonly SpreadConstraint[], labels: Labels | undefined): boolean {
  return constraints.some((c) => c.selector.matches(labels));
}
