// What controllers ask of a pod (pkg/api/v1/pod/util.go, pkg/controller/controller_utils.go): is
// it active, ready, available; and, when a workload scales down, which of its pods to delete
// first. The ranking is upstream's ActivePodsWithRanks order with pod-deletion-cost (beta, on by
// default) and LogarithmicScaleDown (GA in 1.31): among pods that have been up for long, those
// whose ages are within a power of two of each other count as equally old.

import type { Pod, PodCondition, PodPhase } from '../../api/types';

/** The annotation that orders pods for deletion (core.PodDeletionCost). */
export const podDeletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

/** Ms since the epoch of an RFC 3339 time; 0 (Go's zero time) when unset. */
export function timeMs(t: string | null | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : ms;
}

// Models pkg/controller/controller_utils.go IsPodActive
/** A pod that counts towards its controller's replicas: not terminal and not being deleted. */
export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

// Models pkg/controller/controller_utils.go FilterActivePods
/** The active pods among `pods`, in their order. */
export function filterActivePods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

// Models pkg/api/v1/pod/util.go GetPodReadyCondition
/** The pod's Ready condition, if it has one. */
export function getPodReadyCondition(p: Pod): PodCondition | undefined {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

// Models pkg/api/v1/pod/util.go IsPodReady
/** Whether the pod's Ready condition is True. */
export function isPodReady(p: Pod): boolean {
  return getPodReadyCondition(p)?.status === 'True';
}

// Models pkg/api/v1/pod/util.go IsPodAvailable
/** Ready for longer than minReadySeconds at wall time `nowMs` (always, when minReadySeconds is 0). */
export function isPodAvailable(p: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(p)) return false;
  if (minReadySeconds === 0) return true;
  const since = timeMs(getPodReadyCondition(p)?.lastTransitionTime);
  return since !== 0 && since + minReadySeconds * 1000 < nowMs;
}

// Models pkg/apis/core/helper/helpers.go GetDeletionCostFromPodAnnotations
/** The pod's deletion cost (0 when absent or malformed, as upstream defaults on error). */
export function getDeletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[podDeletionCostAnnotation];
  if (v === undefined) return 0;
  // A leading '+' or leading zeros are not valid (validFirstDigit); then a base-10 int32.
  if (!/^(-\d+|0|[1-9]\d*)$/.test(v)) return 0;
  const n = Number(v);
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : 0;
}

const podPhaseToOrdinal: Partial<Record<PodPhase, number>> = { Pending: 0, Unknown: 1, Running: 2 };
const phaseOrdinal = (p: Pod) => podPhaseToOrdinal[p.status?.phase as PodPhase] ?? 0;

/** When the pod became ready, in ms; 0 when it is not ready (podReadyTime). */
function podReadyTime(p: Pod): number {
  if (!isPodReady(p)) return 0;
  return timeMs(p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime);
}

/** The largest restart count among regular containers, and among restartable init (sidecar) containers. */
function maxContainerRestarts(p: Pod): [number, number] {
  let regular = 0;
  for (const c of p.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of p.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

/** true: `a` restarted more; false: `b` did; undefined: the same (compareMaxContainerRestarts). */
function compareMaxContainerRestarts(a: Pod, b: Pod): boolean | undefined {
  const [ra, sa] = maxContainerRestarts(a);
  const [rb, sb] = maxContainerRestarts(b);
  if (ra !== rb) return ra > rb;
  if (sa !== sb) return sa > sb;
  return undefined;
}

/** t1 after t2, a zero time counting as after any other (afterOrZero). */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** The difference of the base-2 logarithms of two ages in ns, floored (logarithmicRankDiff). */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const dNs = (nowMs - t) * 1e6;
    return dNs > 0 ? Math.floor(Math.log2(dNs)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Compares by log-scaled age, breaking ties by UID; a zero time or no `now` falls back to afterOrZero. */
function newerLogarithmic(a: Pod, b: Pod, ta: number, tb: number, nowMs: number): boolean {
  if (nowMs === 0 || ta === 0 || tb === 0) return afterOrZero(ta, tb);
  const diff = logarithmicRankDiff(ta, tb, nowMs);
  if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  return diff < 0;
}

/** Rules 1–3 of both orderings: unassigned, earlier phase, not ready first; undefined when they tie. */
function lessByStartup(a: Pod, b: Pod): boolean | undefined {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  if (phaseOrdinal(a) !== phaseOrdinal(b)) return phaseOrdinal(a) < phaseOrdinal(b);
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  return undefined;
}

// Models pkg/controller/controller_utils.go ActivePods.Less
/** Whether `a` should be deleted before `b`, by the plain ActivePods order (the Job controller's). */
export function activePodsLess(a: Pod, b: Pod): boolean {
  const early = lessByStartup(a, b);
  if (early !== undefined) return early;
  if (isPodReady(a) && isPodReady(b)) {
    const ra = podReadyTime(a);
    const rb = podReadyTime(b);
    if (ra !== rb) return afterOrZero(ra, rb);
  }
  const restarts = compareMaxContainerRestarts(a, b);
  if (restarts !== undefined) return restarts;
  const ca = timeMs(a.metadata.creationTimestamp);
  const cb = timeMs(b.metadata.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return false;
}

/** A pod with its rank: how many related active pods share its node. */
export interface RankedPod {
  pod: Pod;
  rank: number;
}

// Models pkg/controller/controller_utils.go ActivePodsWithRanks.Less
/** Whether `a` should be deleted before `b` when a ReplicaSet scales down, at wall time `nowMs`. */
export function activePodsWithRanksLess(a: RankedPod, b: RankedPod, nowMs: number): boolean {
  const early = lessByStartup(a.pod, b.pod);
  if (early !== undefined) return early;
  const ca = getDeletionCost(a.pod);
  const cb = getDeletionCost(b.pod);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (isPodReady(a.pod) && isPodReady(b.pod)) {
    const ra = podReadyTime(a.pod);
    const rb = podReadyTime(b.pod);
    if (ra !== rb) return newerLogarithmic(a.pod, b.pod, ra, rb, nowMs);
  }
  const restarts = compareMaxContainerRestarts(a.pod, b.pod);
  if (restarts !== undefined) return restarts;
  const ta = timeMs(a.pod.metadata.creationTimestamp);
  const tb = timeMs(b.pod.metadata.creationTimestamp);
  if (ta !== tb) return newerLogarithmic(a.pod, b.pod, ta, tb, nowMs);
  return false;
}

/** Sorts in place by a Less function, as sort.Sort does; pods that tie keep their order. */
export function sortByLess<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  return items.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

// Models pkg/controller/replicaset/replica_set.go getPodsRankedByRelatedPodsOnSameNode
/** Ranks each pod by the number of active related pods on its node (pods doubled up go first). */
export function rankPodsByRelatedPodsOnSameNode(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  return podsToRank.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}
