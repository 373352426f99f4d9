// PodInfo, as pkg/scheduler/framework/types.go: a pod with its inter-pod affinity terms parsed once
// (label selectors compiled, namespaces resolved), so InterPodAffinity and preemption do not parse
// them again for every node they look at.

import { type Labels, type Selector, labelSelectorAsSelector } from '../../api/labels';
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/types/core';

// Models pkg/scheduler/framework/types.go (AffinityTerm)
/** framework.AffinityTerm: one parsed pod (anti-)affinity term. */
export interface AffinityTerm {
  namespaces: Set<string>;
  selector: Selector;
  topologyKey: string;
  namespaceSelector: Selector;
}

/** framework.WeightedAffinityTerm: a preferred term with its weight. */
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

// Models pkg/scheduler/framework/types.go (AffinityTerm.Matches)
/** Whether the term selects the pod: its namespace is named or selected, and its labels match. */
export function affinityTermMatches(term: AffinityTerm, pod: Pod, nsLabels: Labels | undefined): boolean {
  if (term.namespaces.has(pod.metadata.namespace ?? '') || term.namespaceSelector.matches(nsLabels ?? {})) {
    return term.selector.matches(pod.metadata.labels ?? {});
  }
  return false;
}

// Models pkg/scheduler/framework/types.go (getNamespacesFromPodAffinityTerm)
function namespacesOf(pod: Pod, term: PodAffinityTerm): Set<string> {
  if ((term.namespaces ?? []).length === 0 && term.namespaceSelector === undefined) return new Set([pod.metadata.namespace ?? '']);
  return new Set(term.namespaces ?? []);
}

// Models pkg/scheduler/framework/types.go (newAffinityTerm)
function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  return {
    namespaces: namespacesOf(pod, term),
    selector: labelSelectorAsSelector(term.labelSelector),
    topologyKey: term.topologyKey,
    namespaceSelector: labelSelectorAsSelector(term.namespaceSelector),
  };
}

// Models pkg/scheduler/framework/types.go (GetAffinityTerms)
/** The parsed terms; throws the first selector error, as upstream returns it. */
export function getAffinityTerms(pod: Pod, terms: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return (terms ?? []).map((t) => newAffinityTerm(pod, t));
}

function getWeightedAffinityTerms(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

function tryParse<T>(what: string, errs: string[], parse: () => T[]): T[] {
  try {
    return parse();
  } catch (e) {
    errs.push(`${what}: ${(e as Error).message}`);
    return [];
  }
}

// Models pkg/scheduler/framework/types.go (PodInfo, NewPodInfo)
/** framework.PodInfo: a pod and its parsed affinity terms. */
export class PodInfo {
  requiredAffinityTerms: AffinityTerm[] = [];
  requiredAntiAffinityTerms: AffinityTerm[] = [];
  preferredAffinityTerms: WeightedAffinityTerm[] = [];
  preferredAntiAffinityTerms: WeightedAffinityTerm[] = [];
  /** The aggregated parse error of the terms, as NewPodInfo returns it; InterPodAffinity reports it. */
  parseError?: string;

  constructor(public pod: Pod) {
    this.parse(pod);
  }

  /** PodInfo.Update: the same pod (same uid) is swapped in place; another one is parsed again. */
  update(pod: Pod): void {
    if (pod.metadata.uid && this.pod.metadata.uid === pod.metadata.uid) {
      this.pod = pod;
      return;
    }
    this.pod = pod;
    this.parse(pod);
  }

  private parse(pod: Pod): void {
    const a = pod.spec?.affinity;
    const errs: string[] = [];
    this.requiredAffinityTerms = tryParse('requiredAffinityTerms', errs, () => getAffinityTerms(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution));
    this.requiredAntiAffinityTerms = tryParse('requiredAntiAffinityTerms', errs, () =>
      getAffinityTerms(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    );
    this.preferredAffinityTerms = tryParse('preferredAffinityTerms', errs, () =>
      getWeightedAffinityTerms(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    );
    this.preferredAntiAffinityTerms = tryParse('preferredAntiAffinityTerms', errs, () =>
      getWeightedAffinityTerms(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    );
    // utilerrors.NewAggregate: one error prints as itself, several as "[a, b]".
    this.parseError = errs.length === 0 ? undefined : errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  }
}

// Models pkg/scheduler/framework/types.go (GetPodKey)
/**
 * The key a NodeInfo files a pod under: its uid, as upstream. A pod without a uid (only in tests)
 * falls back to namespace/name, where upstream would refuse it.
 */
export function getPodKey(pod: Pod): string {
  return pod.metadata.uid || `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
