// The Job controller's pod-failure backoff (pkg/controller/job/backoff_utils.go): after consecutive
// failures since the last success a Job waits 10 s, 20 s, 40 s, … (at most 10 minutes) from the
// last failure before it creates replacement pods. Records live in the controller's memory only,
// as upstream's do, so a restarted controller forgets them.

import type { Pod } from '../api/types';
import { timeMs } from './util/pods';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const defaultJobPodFailureBackOffMs = 10_000;
export const maxJobPodFailureBackOffMs = 10 * 60_000;

/** Failures since the last success, and when the last of them happened (wall ms). */
export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  lastFailureTime: number | null;
}

// Models pkg/controller/job/backoff_utils.go backoffStore.
/** The backoff records of every Job, by key. */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  updateBackoffRecord(r: BackoffRecord): void {
    this.records.set(r.key, { ...r });
  }

  removeBackoffRecord(key: string): void {
    this.records.delete(key);
  }

  // Models pkg/controller/job/backoff_utils.go newBackoffRecord.
  /** The record after this sync's newly finished pods: a success resets the count to the failures after it. */
  newBackoffRecord(key: string, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
    const old = this.records.get(key);
    const b: BackoffRecord = old ? { ...old } : { key, failuresAfterLastSuccess: 0, lastFailureTime: null };
    const succeeded = sortByFinishedTime(newSucceeded);
    const failed = sortByFinishedTime(newFailed);
    if (succeeded.length === 0) {
      if (failed.length === 0) return b;
      b.failuresAfterLastSuccess += failed.length;
      b.lastFailureTime = getFinishedTime(failed[failed.length - 1]!);
      return b;
    }
    b.failuresAfterLastSuccess = 0;
    b.lastFailureTime = null;
    const lastSuccess = getFinishedTime(succeeded[succeeded.length - 1]!);
    for (let i = failed.length - 1; i >= 0; i--) {
      const t = getFinishedTime(failed[i]!);
      if (t <= lastSuccess) break;
      if (b.lastFailureTime === null) b.lastFailureTime = t;
      b.failuresAfterLastSuccess++;
    }
    return b;
  }
}

function sortByFinishedTime(pods: readonly Pod[]): Pod[] {
  return [...pods].sort((a, b) => getFinishedTime(a) - getFinishedTime(b));
}

// Models pkg/controller/job/backoff_utils.go getFinishedTime.
/**
 * When a pod finished: its containers' last finish, else its Ready=False transition, else its
 * deletion time less the grace period, else its creation.
 */
export function getFinishedTime(p: Pod): number {
  return finishTimeFromContainers(p) ?? finishTimeFromReadyFalse(p) ?? finishTimeFromDeletion(p) ?? timeMs(p.metadata.creationTimestamp);
}

function finishTimeFromContainers(p: Pod): number | null {
  let finish = latestFinishTime(null, p.status?.containerStatuses ?? [], null);
  // Sidecars (restartable init containers) finish after the regular containers.
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  finish = latestFinishTime(finish, p.status?.initContainerStatuses ?? [], (name) => sidecars.has(name));
  return finish;
}

function latestFinishTime(prev: number | null, statuses: readonly { name: string; state?: { terminated?: { finishedAt?: string | null } } }[], check: ((name: string) => boolean) | null): number | null {
  let finish = prev;
  for (const s of statuses) {
    if (check && !check(s.name)) continue;
    const at = timeMs(s.state?.terminated?.finishedAt);
    if (!s.state?.terminated || at === 0) return null;
    if (finish === null || finish < at) finish = at;
  }
  return finish;
}

function finishTimeFromReadyFalse(p: Pod): number | null {
  const c = p.status?.conditions?.find((c) => c.type === 'Ready');
  const at = timeMs(c?.lastTransitionTime);
  return c && c.status === 'False' && at !== 0 ? at : null;
}

function finishTimeFromDeletion(p: Pod): number | null {
  if (!p.metadata.deletionTimestamp) return null;
  return timeMs(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
}

// Models pkg/controller/job/backoff_utils.go getRemainingTimeForFailuresCount.
/** How long until a replacement may start: 10 s doubled per failure after the first, capped, less the time since the last failure. */
export function getRemainingTime(b: BackoffRecord, nowMs: number, defaultBackoffMs = defaultJobPodFailureBackOffMs, maxBackoffMs = maxJobPodFailureBackOffMs): number {
  if (b.failuresAfterLastSuccess === 0) return 0;
  let backoff = defaultBackoffMs;
  for (let i = 1; i < b.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= maxBackoffMs) {
      backoff = maxBackoffMs;
      break;
    }
  }
  const elapsed = nowMs - (b.lastFailureTime ?? 0);
  return backoff < elapsed ? 0 : backoff - elapsed;
}
