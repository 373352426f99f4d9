// PodDisruptionBudget helpers that the eviction subresource and the disruption controller share
// (k8s.io/component-helpers/apps/poddisruptionbudget and apimachinery's meta SetStatusCondition):
// the DisruptionAllowed condition as each of them writes it.

import type { Condition, PodDisruptionBudget } from '../../api/types';

/** The condition type, and its reasons (k8s.io/api/policy/v1). */
export const disruptionAllowedCondition = 'DisruptionAllowed';
export const sufficientPodsReason = 'SufficientPods';
export const insufficientPodsReason = 'InsufficientPods';
export const syncFailedReason = 'SyncFailed';

// Models staging/src/k8s.io/apimachinery/pkg/api/meta/conditions.go SetStatusCondition.
/** Sets a condition in place; the transition time moves only when the status changes. Answers whether anything changed. */
export function setStatusCondition(conditions: Condition[], next: Omit<Condition, 'lastTransitionTime'> & { lastTransitionTime?: string }, now: string): boolean {
  const cur = conditions.find((c) => c.type === next.type);
  if (!cur) {
    conditions.push({ type: next.type, status: next.status, ...(next.observedGeneration ? { observedGeneration: next.observedGeneration } : {}), lastTransitionTime: next.lastTransitionTime ?? now, reason: next.reason, message: next.message });
    return true;
  }
  let changed = false;
  if (cur.status !== next.status) {
    cur.status = next.status;
    cur.lastTransitionTime = next.lastTransitionTime ?? now;
    changed = true;
  }
  if (cur.reason !== next.reason) {
    cur.reason = next.reason;
    changed = true;
  }
  if (cur.message !== next.message) {
    cur.message = next.message;
    changed = true;
  }
  if ((cur.observedGeneration ?? 0) !== (next.observedGeneration ?? 0)) {
    if (next.observedGeneration) cur.observedGeneration = next.observedGeneration;
    else delete cur.observedGeneration;
    changed = true;
  }
  return changed;
}

// Models staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go UpdateDisruptionAllowedCondition.
/** DisruptionAllowed True (SufficientPods) while disruptions are allowed, else False (InsufficientPods). */
export function updateDisruptionAllowedCondition(pdb: PodDisruptionBudget, now: string): void {
  const status = pdb.status!;
  status.conditions ??= [];
  const allowed = status.disruptionsAllowed > 0;
  setStatusCondition(status.conditions, { type: disruptionAllowedCondition, status: allowed ? 'True' : 'False', reason: allowed ? sufficientPodsReason : insufficientPodsReason, message: '', observedGeneration: status.observedGeneration }, now);
}

// Models staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go ConditionsAreUpToDate.
/** Whether the DisruptionAllowed condition says what the status does, for the current generation. */
export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const cond = pdb.status?.conditions?.find((c) => c.type === disruptionAllowedCondition);
  if (!cond) return false;
  if ((pdb.status?.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  if ((pdb.status?.disruptionsAllowed ?? 0) > 0) return cond.status === 'True' && cond.reason === sufficientPodsReason;
  return cond.status === 'False' && cond.reason === insufficientPodsReason;
}
