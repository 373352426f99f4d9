// The Deployment controller's helpers (pkg/controller/deployment/util/deployment_util.go and
// pkg/controller/controller_utils.go's ReplicaSet orderings): revision and replica annotations, the
// Progressing/Available conditions, the rolling-update fencepost arithmetic (maxSurge rounds up,
// maxUnavailable rounds down, and both zero means one may be unavailable), proportional scaling,
// and the tests for complete, progressing and timed-out rollouts.

import { deepEqual } from '../../api/validation/util';
import { getScaledValueFromIntOrPercent, intOrStringValueOrDefault, type IntOrString } from '../../api/intstr';
import type { Deployment, DeploymentCondition, DeploymentStatus, LabelSelector, PodTemplateSpec, ReplicaSet, ReplicaSetCondition } from '../../api/types';
import { rfc3339 } from '../../apiserver/registry/objects';
import { timeMs } from '../util';

/** The revision annotation of a Deployment's ReplicaSets: its rollout sequence number. */
export const revisionAnnotation = 'deployment.kubernetes.io/revision';
/** The revisions a ReplicaSet served before (when a rollback re-used it). */
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
/** spec.replicas of the Deployment, recorded on its ReplicaSets to tell scaling from rolling out. */
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
/** spec.replicas + maxSurge, recorded for proportional scaling. */
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
/** The label that tells one template's pods from another's (apps.DefaultDeploymentUniqueLabelKey). */
export const defaultDeploymentUniqueLabelKey = 'pod-template-hash';
/** The annotation the deprecated spec.rollbackTo round-trips through (apps.DeprecatedRollbackTo). */
export const deprecatedRollbackTo = 'deprecated.deployment.rollback.to';

/** Condition reasons (deployment_util.go). */
export const reasons = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  PausedDeploy: 'DeploymentPaused',
  ResumedDeploy: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** Rollback event reasons. */
export const rollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const rollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const rollbackDone = 'DeploymentRollback';

const lastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
const annotationsToSkip = new Set([lastAppliedConfigAnnotation, revisionAnnotation, revisionHistoryAnnotation, desiredReplicasAnnotation, maxReplicasAnnotation, deprecatedRollbackTo]);
const maxInt32 = 2147483647;

/** spec.replicas, defaulted (the apiserver defaults it to 1). */
export const replicasOf = (o: { spec?: { replicas?: number } } | null | undefined): number => o?.spec?.replicas ?? 1;

// ---------------------------------------------------------------------------------------------
// Conditions.

// Models pkg/controller/deployment/util/deployment_util.go NewDeploymentCondition
/** A condition updated and transitioned now. */
export function newDeploymentCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, nowMs: number): DeploymentCondition {
  const t = rfc3339(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** The condition of a type (GetDeploymentCondition). */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

// Models pkg/controller/deployment/util/deployment_util.go SetDeploymentCondition
/** Adds or replaces a condition; the same status and reason is no change; the same status keeps its transition time. */
export function setDeploymentCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const cur = getDeploymentCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  const next = cur && cur.status === cond.status ? { ...cond, lastTransitionTime: cur.lastTransitionTime } : cond;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

/** Removes the condition of a type (RemoveDeploymentCondition); no conditions left is none at all. */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  const left = (status.conditions ?? []).filter((c) => c.type !== type);
  if (left.length) status.conditions = left;
  else delete status.conditions;
}

/** A ReplicaSet's failure as a Deployment condition (ReplicaSetToDeploymentCondition). */
export function replicaSetToDeploymentCondition(c: ReplicaSetCondition): DeploymentCondition {
  return { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime ?? null, lastTransitionTime: c.lastTransitionTime ?? null, reason: c.reason, message: c.message };
}

// ---------------------------------------------------------------------------------------------
// Revisions and annotations.

/** The revision annotation as a number; 0 when absent, NaN when it is no integer (Revision). */
export function revision(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[revisionAnnotation];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
}

/** The highest revision among the ReplicaSets (unparsable ones skipped) (MaxRevision). */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revision(rs);
    if (!Number.isNaN(v) && v > max) max = v;
  }
  return max;
}

/** The second-highest revision: the one before the current (LastRevision). */
export function lastRevision(rss: readonly (ReplicaSet | null)[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of rss) {
    if (!rs) continue;
    const v = revision(rs);
    if (Number.isNaN(v)) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) secMax = v;
  }
  return secMax;
}

/** Sets the Deployment's revision annotation; true if it changed (SetDeploymentRevision). */
export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  d.metadata.annotations ??= {};
  if (d.metadata.annotations[revisionAnnotation] === rev) return false;
  d.metadata.annotations[revisionAnnotation] = rev;
  return true;
}

/** Copies the Deployment's annotations but the skipped ones onto the ReplicaSet (copyDeploymentAnnotationsToReplicaSet). */
function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  rs.metadata.annotations ??= {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (annotationsToSkip.has(k) || (k in rs.metadata.annotations && rs.metadata.annotations[k] === v)) continue;
    rs.metadata.annotations[k] = v;
    changed = true;
  }
  return changed;
}

// Models pkg/controller/deployment/util/deployment_util.go SetNewReplicaSetAnnotations
/** Brings the new ReplicaSet's annotations up to date: copied ones, revision (with history on re-use), replica counts when creating. */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean, revHistoryLimitInChars: number): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const ann = (rs.metadata.annotations ??= {});
  const had = revisionAnnotation in ann;
  const oldRevision = ann[revisionAnnotation] ?? '';
  let oldRev = 0;
  if (oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldRev = Number(oldRevision);
  }
  if (!/^[+-]?\d+$/.test(newRevision)) return false;
  const newRev = Number(newRevision);
  if (oldRev < newRev) {
    ann[revisionAnnotation] = newRevision;
    changed = true;
  }
  // A ReplicaSet that had a revision and gets a newer one is being rolled back to: keep its past revisions.
  if (had && oldRev < newRev) {
    const history = ann[revisionHistoryAnnotation] ?? '';
    const old = history.split(',');
    if (old[0].length === 0) ann[revisionHistoryAnnotation] = oldRevision;
    else {
      let total = history.length + oldRevision.length + 1;
      let start = 0;
      while (total > revHistoryLimitInChars && start < old.length) {
        total -= old[start].length + 1;
        start++;
      }
      if (total <= revHistoryLimitInChars) ann[revisionHistoryAnnotation] = [...old.slice(start), oldRevision].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** Sets desired-replicas and max-replicas; true if either changed (SetReplicasAnnotations). */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {});
  let updated = false;
  if (ann[desiredReplicasAnnotation] !== String(desired)) {
    ann[desiredReplicasAnnotation] = String(desired);
    updated = true;
  }
  if (ann[maxReplicasAnnotation] !== String(max)) {
    ann[maxReplicasAnnotation] = String(max);
    updated = true;
  }
  return updated;
}

/** Whether desired-replicas or max-replicas differ from these (ReplicasAnnotationsNeedUpdate). */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = rs.metadata.annotations;
  if (!ann) return true;
  return ann[desiredReplicasAnnotation] !== String(desired) || ann[maxReplicasAnnotation] !== String(max);
}

/** An integer annotation, if present and parsable (getIntFromAnnotation). */
function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** desired-replicas of a ReplicaSet (GetDesiredReplicasAnnotation). */
export const getDesiredReplicasAnnotation = (rs: ReplicaSet): number | undefined => intAnnotation(rs, desiredReplicasAnnotation);
const getMaxReplicasAnnotation = (rs: ReplicaSet): number | undefined => intAnnotation(rs, maxReplicasAnnotation);

/** The Deployment's annotations replaced by the ReplicaSet's, the skipped ones kept (SetDeploymentAnnotationsTo). */
export function setDeploymentAnnotationsTo(d: Deployment, rs: ReplicaSet): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (annotationsToSkip.has(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!annotationsToSkip.has(k)) kept[k] = v;
  d.metadata.annotations = kept;
}

// ---------------------------------------------------------------------------------------------
// Strategy arithmetic.

/** Whether the Deployment rolls (IsRollingUpdate). */
export const isRollingUpdate = (d: Deployment): boolean => d.spec?.strategy?.type === 'RollingUpdate';

// Models pkg/controller/deployment/util/deployment_util.go ResolveFenceposts
/** maxSurge (rounded up) and maxUnavailable (rounded down) of `desired`; both zero makes maxUnavailable 1. */
export function resolveFenceposts(maxSurgeV: IntOrString | undefined | null, maxUnavailableV: IntOrString | undefined | null, desired: number): [number, number] {
  const surge = getScaledValueFromIntOrPercent(intOrStringValueOrDefault(maxSurgeV, 0), desired, true);
  let unavailable = getScaledValueFromIntOrPercent(intOrStringValueOrDefault(maxUnavailableV, 0), desired, false);
  // Both zero would never progress (surge may be impossible under quota): allow one unavailable.
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

// Models pkg/controller/deployment/util/deployment_util.go MaxUnavailable
/** Pods that may be unavailable during the rollout, at most spec.replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const [, unavailable] = resolveFencepostsLenient(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d));
  return Math.min(unavailable, replicasOf(d));
}

// Models pkg/controller/deployment/util/deployment_util.go MaxSurge
/** Pods that may be created above spec.replicas. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFencepostsLenient(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
}

/** ResolveFenceposts with the error ignored (validation rejects bad values), as MaxSurge and MaxUnavailable do. */
function resolveFencepostsLenient(s: IntOrString | undefined, u: IntOrString | undefined, desired: number): [number, number] {
  try {
    return resolveFenceposts(s, u, desired);
  } catch {
    return [0, 0];
  }
}

// Models pkg/controller/deployment/util/deployment_util.go NewRSNewReplicas
/** How many replicas the new ReplicaSet may have now: up to maxSurge above spec.replicas in all (RollingUpdate), or all (Recreate). */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | null)[], newRS: ReplicaSet): number {
  const type = d.spec?.strategy?.type;
  if (type === 'RollingUpdate') {
    const surge = getScaledValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge, replicasOf(d), true);
    const current = getReplicaCountForReplicaSets(allRSs);
    const maxTotal = replicasOf(d) + surge;
    if (current >= maxTotal) return replicasOf(newRS);
    const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
    return replicasOf(newRS) + up;
  }
  if (type === 'Recreate') return replicasOf(d);
  throw new Error(`deployment type ${type ?? ''} isn't supported`);
}

/** Whether the new ReplicaSet holds every replica, all available (IsSaturated). */
export function isSaturated(d: Deployment, rs: ReplicaSet | null): boolean {
  if (!rs) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

// Models pkg/controller/deployment/util/deployment_util.go GetProportion
/** This ReplicaSet's share of `toAdd` replicas, never beyond what is left to add (or remove). */
export function getProportion(rs: ReplicaSet | null, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  // Scaling up: never more than is left to add; scaling down: never more than is left to remove.
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Go's math.Round (half away from zero), as integer.RoundToInt32. */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  // Without the annotation, the Deployment's current size is the estimate; min/max in getProportion keep it in bounds.
  const annotated = getMaxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  const newSize = (replicasOf(rs) * deploymentReplicas) / annotated;
  return roundHalfAway(newSize) - replicasOf(rs);
}

// ---------------------------------------------------------------------------------------------
// Counting.

const sum = (rss: readonly (ReplicaSet | null)[], f: (rs: ReplicaSet) => number) => rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);
/** The sum of spec.replicas (GetReplicaCountForReplicaSets). */
export const getReplicaCountForReplicaSets = (rss: readonly (ReplicaSet | null)[]): number => sum(rss, replicasOf);
/** The sum of status.replicas (GetActualReplicaCountForReplicaSets). */
export const getActualReplicaCountForReplicaSets = (rss: readonly (ReplicaSet | null)[]): number => sum(rss, (rs) => rs.status?.replicas ?? 0);
/** The sum of status.readyReplicas. */
export const getReadyReplicaCountForReplicaSets = (rss: readonly (ReplicaSet | null)[]): number => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
/** The sum of status.availableReplicas. */
export const getAvailableReplicaCountForReplicaSets = (rss: readonly (ReplicaSet | null)[]): number => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** ReplicaSets with spec.replicas > 0 (controller.FilterActiveReplicaSets). */
export const filterActiveReplicaSets = (rss: readonly (ReplicaSet | null)[]): ReplicaSet[] => rss.filter((rs): rs is ReplicaSet => !!rs && replicasOf(rs) > 0);

// ---------------------------------------------------------------------------------------------
// Orderings (controller_utils.go), as Less functions for sortByLess.

/** Older first, then by name (ReplicaSetsByCreationTimestamp). */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): boolean {
  const ta = timeMs(a.metadata.creationTimestamp);
  const tb = timeMs(b.metadata.creationTimestamp);
  if (ta === tb) return (a.metadata.name ?? '') < (b.metadata.name ?? '');
  return ta < tb;
}
/** Larger first, newer first among equals (ReplicaSetsBySizeNewer). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): boolean => (replicasOf(a) === replicasOf(b) ? byCreationTimestamp(b, a) : replicasOf(a) > replicasOf(b));
/** Larger first, older first among equals (ReplicaSetsBySizeOlder). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): boolean => (replicasOf(a) === replicasOf(b) ? byCreationTimestamp(a, b) : replicasOf(a) > replicasOf(b));
/** Lower revision first; unparsable or equal ones by creation (ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): boolean {
  const ra = revision(a);
  const rb = revision(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreationTimestamp(a, b);
  return ra < rb;
}

/** Sorts in place by a Less function (sort.Sort; ties keep their order). */
export function sortRS(rss: ReplicaSet[], less: (a: ReplicaSet, b: ReplicaSet) => boolean): ReplicaSet[] {
  return rss.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Finding the new and old ReplicaSets.

// Models pkg/controller/deployment/util/deployment_util.go EqualIgnoreHash
/** Whether two templates are the same but for the pod-template-hash label (apiequality.Semantic.DeepEqual). */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[defaultDeploymentUniqueLabelKey];
    return c;
  };
  return deepEqual(strip(t1), strip(t2));
}

// Models pkg/controller/deployment/util/deployment_util.go FindNewReplicaSet
/** The oldest ReplicaSet whose template is the Deployment's (sorts rsList by creation, as upstream does). */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | null {
  sortRS(rsList, byCreationTimestamp);
  return rsList.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template)) ?? null;
}

// Models pkg/controller/deployment/util/deployment_util.go FindOldReplicaSets
/** The other ReplicaSets: those with replicas, and all of them. */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): [ReplicaSet[], ReplicaSet[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const required: ReplicaSet[] = [];
  const all: ReplicaSet[] = [];
  for (const rs of rsList) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    all.push(rs);
    if (replicasOf(rs) !== 0) required.push(rs);
  }
  return [required, all];
}

// Models pkg/controller/deployment/util/deployment_util.go FindActiveOrLatest
/** The only active ReplicaSet, or the newest when none is; null when several are (sorts oldRSs newest first). */
export function findActiveOrLatest(newRS: ReplicaSet | null, oldRSs: ReplicaSet[]): ReplicaSet | null {
  if (!newRS && oldRSs.length === 0) return null;
  sortRS(oldRSs, (a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...oldRSs, newRS]);
  if (active.length === 0) return newRS ?? oldRSs[0];
  if (active.length === 1) return active[0];
  return null;
}

/** Labels plus one (labelsutil.CloneAndAddLabel). */
export function cloneAndAddLabel(labels: Record<string, string> | undefined, key: string, value: string): Record<string, string> {
  return { ...(labels ?? {}), [key]: value };
}

/** A selector plus one matchLabel (labelsutil.CloneSelectorAndAddLabel). */
export function cloneSelectorAndAddLabel(sel: LabelSelector | undefined, key: string, value: string): LabelSelector {
  return { matchLabels: { ...(sel?.matchLabels ?? {}), [key]: value }, ...(sel?.matchExpressions ? { matchExpressions: structuredClone(sel.matchExpressions) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Rollout state.

/** progressDeadlineSeconds is set and not MaxInt32 (HasProgressDeadline). */
export const hasProgressDeadline = (d: Deployment): boolean => d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== maxInt32;
/** revisionHistoryLimit is set and not MaxInt32 (HasRevisionHistoryLimit). */
export const hasRevisionHistoryLimit = (d: Deployment): boolean => d.spec?.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== maxInt32;

// Models pkg/controller/deployment/util/deployment_util.go DeploymentComplete
/** Every replica updated and available, none old, and this generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

// Models pkg/controller/deployment/util/deployment_util.go DeploymentProgressing
/** Whether the new status shows progress over the Deployment's: more updated, fewer old, more ready or available. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

// Models pkg/controller/deployment/util/deployment_util.go DeploymentTimedOut
/** Whether no progress was reported for longer than progressDeadlineSeconds (at wall time `nowMs`). */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, 'Progressing');
  if (!cond) return false;
  // A finished rollout is not estimated again; a timed-out one stays timed out.
  if (cond.reason === reasons.NewRSAvailable) return false;
  if (cond.reason === reasons.TimedOut) return true;
  return timeMs(cond.lastUpdateTime) + (d.spec!.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/** A status in its wire form: zero omitempty fields left out, as Go encodes DeploymentStatus. */
export function wireDeploymentStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) if (s[k]) out[k] = s[k];
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  return out;
}
