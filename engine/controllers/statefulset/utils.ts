// StatefulSet identities (pkg/controller/statefulset/stateful_set_utils.go): a pod is `<set>-<ordinal>`
// with hostname = its name and subdomain = the governing service, labelled with its name and
// index; each volumeClaimTemplate gives it the PVC `<claim>-<set>-<ordinal>`; the revision it was
// made from is its controller-revision-hash label. The PVC retention policy is kept as ownerRefs on
// the claims: the set's when claims go with the set, the pod's when they go on scale-down.

import type { ControllerRevision, OwnerReference, PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { getScaledValueFromIntOrPercent, intOrStringValueOrDefault } from '../../api/intstr';
import { goJSON, newControllerRevision } from '../history';
import { getPodFromTemplate, newControllerRef } from '../util/pod-control';
import { isPodAvailable, isPodReady } from '../util/pods';

/** apps.StatefulSetPodNameLabel. */
export const statefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel (PodIndexLabel is on in 1.32). */
export const podIndexLabel = 'apps.kubernetes.io/pod-index';
/** apps.StatefulSetRevisionLabel. */
export const statefulSetRevisionLabel = 'controller-revision-hash';

const statefulPodRegex = /^(.*)-([0-9]+)$/s;

// Models pkg/controller/statefulset/stateful_set_utils.go getParentNameAndOrdinal.
/** The parent set's name and the ordinal from a pod's name; '' and -1 when it has none. */
export function getParentNameAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const m = statefulPodRegex.exec(pod.metadata.name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  // strconv.ParseInt(…, 10, 32) refuses what does not fit an int32.
  return { parent: m[1]!, ordinal: n <= 2147483647 ? n : -1 };
}

export const getParentName = (pod: Pod) => getParentNameAndOrdinal(pod).parent;
export const getOrdinal = (pod: Pod) => getParentNameAndOrdinal(pod).ordinal;

/** The first ordinal (spec.ordinals.start, else 0). */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** The last ordinal, inclusive. */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

/** Whether the pod's ordinal is one the set keeps. */
export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

/** `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** `<claim>-<set>-<ordinal>` (zone spreading heuristics rely on this format). */
export function getPersistentVolumeClaimName(set: StatefulSet, claim: PersistentVolumeClaim, ordinal: number): string {
  return `${claim.metadata.name}-${set.metadata.name}-${ordinal}`;
}

/** Whether the pod's name makes it one of the set's. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return getParentName(pod) === set.metadata.name;
}

// Models pkg/controller/statefulset/stateful_set_utils.go identityMatches.
/** Whether the pod has the name, namespace and pod-name label of a member of the set. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = getParentNameAndOrdinal(pod);
  return ordinal >= 0 && set.metadata.name === parent && pod.metadata.name === getPodName(set, ordinal) && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[statefulSetPodNameLabel] === pod.metadata.name;
}

// Models pkg/controller/statefulset/stateful_set_utils.go storageMatches.
/** Whether the pod mounts each template's claim under the template's name. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((claim) => volumes.get(claim.metadata.name ?? '')?.persistentVolumeClaim?.claimName === getPersistentVolumeClaimName(set, claim, ordinal));
}

/** The set's retention policy, Retain for both when unset. */
export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): { whenDeleted: string; whenScaled: string } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted ?? 'Retain', whenScaled: p?.whenScaled ?? 'Retain' };
}

type Owner = { metadata: { name?: string; uid?: string } };
const setKind = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
const podKind = { apiVersion: 'v1', kind: 'Pod' };

/** The ref names `obj` of this group/version/kind (matchesRef). */
function matchesRef(ref: OwnerReference, obj: Owner, gvk: { apiVersion: string; kind: string }): boolean {
  return ref.apiVersion === gvk.apiVersion && ref.kind === gvk.kind && ref.name === obj.metadata.name;
}

// Models pkg/controller/statefulset/stateful_set_utils.go hasUnexpectedController.
/** Whether another controller (or a stale ref to us) claims the PVC while the policy needs our refs. */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, set, setKind)) {
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, podKind)) {
      if (ref.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (ref.controller === true) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && r.controller !== true);
}

function hasOwnerRef(target: { metadata: { ownerReferences?: OwnerReference[] } }, owner: Owner): boolean {
  return (target.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid);
}

/** A ref to `obj` whose UID is not obj's: left by a deleted namesake. */
export function hasStaleOwnerRef(target: PersistentVolumeClaim, obj: Owner, gvk: { apiVersion: string; kind: string }): boolean {
  const ref = (target.metadata.ownerReferences ?? []).find((r) => matchesRef(r, obj, gvk));
  return ref !== undefined && ref.uid !== obj.metadata.uid;
}

export { podKind };

// Models pkg/controller/statefulset/stateful_set_utils.go isClaimOwnerUpToDate.
/** Whether the claim's ownerRefs match the retention policy (claims in an unknown state count as up to date). */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, setKind) || hasStaleOwnerRef(claim, pod, podKind)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const { whenScaled, whenDeleted } = getPersistentVolumeClaimRetentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (whenScaled === 'Retain' && whenDeleted === 'Delete') return hasOwnerRef(claim, set) && !hasOwnerRef(claim, pod);
  if (whenScaled === 'Delete' && whenDeleted === 'Retain') return !hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  if (whenScaled === 'Delete' && whenDeleted === 'Delete') return scaledDown !== hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  // Retain/Retain, and any unknown policy treated as Retain.
  return !hasOwnerRef(claim, set) && !hasOwnerRef(claim, pod);
}

// Models pkg/controller/statefulset/stateful_set_utils.go updateClaimOwnerRefForSetAndPod.
/** Rewrites the claim's refs to the set and pod as the retention policy wants them. */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): void {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata.ownerReferences ?? []).filter((r) => !(matchesRef(r, set, setKind) || matchesRef(r, pod, podKind)));
  const add = (owner: Owner, gvk: { apiVersion: string; kind: string }) => {
    if (!refs.some((r) => r.uid === owner.metadata.uid)) refs = [...refs, newControllerRef(owner as never, gvk.apiVersion, gvk.kind)];
  };
  if (!unexpected) {
    const { whenScaled, whenDeleted } = getPersistentVolumeClaimRetentionPolicy(set);
    const scaledDown = !podInOrdinalRange(pod, set);
    if (whenScaled === 'Retain' && whenDeleted === 'Delete') add(set, setKind);
    else if (whenScaled === 'Delete' && whenDeleted === 'Retain') {
      if (scaledDown) add(pod, podKind);
    } else if (whenScaled === 'Delete' && whenDeleted === 'Delete') {
      if (scaledDown) add(pod, podKind);
      else add(set, setKind);
    }
  }
  if (refs.length) claim.metadata.ownerReferences = refs;
  else delete claim.metadata.ownerReferences;
}

// Models pkg/controller/statefulset/stateful_set_utils.go getPersistentVolumeClaims.
/** The pod's claims by template name: each template renamed for the pod, labelled with the selector's matchLabels. */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const out = new Map<string, PersistentVolumeClaim>();
  for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
    const claim = structuredClone(tmpl);
    claim.metadata.name = getPersistentVolumeClaimName(set, tmpl, ordinal);
    claim.metadata.namespace = set.metadata.namespace;
    claim.metadata.labels = { ...(claim.metadata.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
    out.set(tmpl.metadata.name ?? '', claim);
  }
  return out;
}

// Models pkg/controller/statefulset/stateful_set_utils.go updateStorage.
/** Mounts the template claims, replacing pod volumes of the same names. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = getPersistentVolumeClaims(set, pod);
  const volumes = [...claims].map(([name, claim]) => ({ name, persistentVolumeClaim: { claimName: claim.metadata.name! } }));
  for (const v of pod.spec?.volumes ?? []) if (!claims.has(v.name)) volumes.push(v as never);
  pod.spec = { ...pod.spec!, volumes };
}

// Models pkg/controller/statefulset/stateful_set_utils.go initIdentity and updateIdentity.
/** Name, namespace, pod-name and pod-index labels; on creation also hostname and subdomain (immutable after). */
export function updateIdentity(set: StatefulSet, pod: Pod, initial = false): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = getPodName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [statefulSetPodNameLabel]: pod.metadata.name, [podIndexLabel]: String(ordinal) };
  if (initial) pod.spec = { ...pod.spec!, hostname: pod.metadata.name, subdomain: set.spec?.serviceName };
}

/** Running with a Ready condition. */
export const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);
/** Ready for minReadySeconds at `nowMs`. */
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, nowMs: number) => isPodAvailable(pod, minReadySeconds, nowMs);
/** Created: the apiserver has given it a phase (a pod built here to be created has none). */
export const isCreated = (pod: Pod) => Boolean(pod.status?.phase);
export const isPending = (pod: Pod) => pod.status?.phase === 'Pending';
export const isFailed = (pod: Pod) => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod) => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: Pod) => Boolean(pod.metadata.deletionTimestamp);
/** Running, ready and not being deleted. */
export const isHealthy = (pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod);
/** Parallel pod management: no ordering. */
export const allowsBurst = (set: StatefulSet) => set.spec?.podManagementPolicy === 'Parallel';

/** The revision a pod was made from. */
export function getPodRevision(pod: Pod): string {
  return pod.metadata.labels?.[statefulSetRevisionLabel] ?? '';
}

function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [statefulSetRevisionLabel]: revision };
}

// Models pkg/controller/statefulset/stateful_set_utils.go newStatefulSetPod.
/** The pod of `ordinal`: the template with the set as controller, its identity and storage. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const pod = getPodFromTemplate(set.spec!.template, set, newControllerRef(set, 'apps/v1', 'StatefulSet'));
  pod.metadata.name = getPodName(set, ordinal);
  updateIdentity(set, pod, true);
  updateStorage(set, pod);
  return pod;
}

// Models pkg/controller/statefulset/stateful_set_utils.go newVersionedStatefulSetPod.
/** The pod of `ordinal` at the current revision (below the partition, or not yet rolled) or at the update revision. */
export function newVersionedStatefulSetPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  // As Go parses it: (RollingUpdate && no rollingUpdate && below currentReplicas) || (rollingUpdate && below the partition).
  const atCurrent =
    (strategy?.type === 'RollingUpdate' && !strategy.rollingUpdate && ordinal < getStartOrdinal(currentSet) + (currentSet.status?.currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined && strategy.rollingUpdate !== null && ordinal < getStartOrdinal(currentSet) + (strategy.rollingUpdate.partition ?? 0));
  const pod = newStatefulSetPod(atCurrent ? currentSet : updateSet, ordinal);
  setPodRevision(pod, atCurrent ? currentRevision : updateRevision);
  return pod;
}

// Models pkg/controller/statefulset/stateful_set_utils.go getPatch.
/** The revision data: a strategic merge patch replacing spec.template. */
export function getPatch(set: StatefulSet): unknown {
  return { spec: { template: { ...structuredClone(set.spec!.template), $patch: 'replace' } } };
}

// Models pkg/controller/statefulset/stateful_set_utils.go newRevision.
/** A ControllerRevision of the set's template, carrying the set's annotations. */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set, 'apps/v1', 'StatefulSet', set.spec?.template?.metadata?.labels, getPatch(set), revision, collisionCount);
  cr.metadata.annotations = { ...(cr.metadata.annotations ?? {}), ...(set.metadata.annotations ?? {}) };
  return cr;
}

// Models pkg/controller/statefulset/stateful_set_utils.go ApplyRevision.
/** The set with the revision's template restored (its patch only replaces spec.template). */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const clone = structuredClone(set);
  const tmpl = (revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (tmpl) {
    const { $patch: _p, ...rest } = structuredClone(tmpl);
    clone.spec = { ...clone.spec!, template: rest as never };
  }
  return clone;
}

/** Whether the revision holds the set's template (as getStatefulSetRevisions compares by data). */
export function revisionMatchesSet(set: StatefulSet, revision: ControllerRevision): boolean {
  return goJSON(getPatch(set)) === goJSON(revision.data);
}

// Models pkg/controller/statefulset/stateful_set_utils.go inconsistentStatus.
/** Whether the computed status differs from the stored one (or is for a newer generation). */
export function inconsistentStatus(set: StatefulSet, status: NonNullable<StatefulSet['status']>): boolean {
  const s = set.status;
  return (
    (status.observedGeneration ?? 0) > (s?.observedGeneration ?? 0) ||
    status.replicas !== (s?.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (s?.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (s?.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (s?.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (s?.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (s?.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (s?.updateRevision ?? '')
  );
}

// Models pkg/controller/statefulset/stateful_set_utils.go completeRollingUpdate.
/** Once every replica is updated and ready, the update revision becomes the current one. */
export function completeRollingUpdate(set: StatefulSet, status: NonNullable<StatefulSet['status']>): void {
  const replicas = set.spec?.replicas ?? 1;
  if (set.spec?.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === replicas && status.readyReplicas === replicas && status.replicas === replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

// Models pkg/controller/statefulset/stateful_set_utils.go getStatefulSetMaxUnavailable.
/** maxUnavailable of the rolling update: 1 by default, percentages rounded down, never below 1. */
export function getStatefulSetMaxUnavailable(maxUnavailable: number | string | undefined, replicaCount: number): number {
  return Math.max(1, getScaledValueFromIntOrPercent(intOrStringValueOrDefault(maxUnavailable, 1), replicaCount, false));
}
