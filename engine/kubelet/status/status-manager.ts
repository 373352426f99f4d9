// The kubelet's status manager: the newest status it generated for each pod, with condition
// transition times kept while a condition's status stays the same, a start time set once, and the
// statuses that changed since the process last posted them — merged with what the API has as
// upstream merges them (conditions the kubelet does not own are kept; a terminal phase waits
// until no container can still be running).

import type { Pod, PodCondition, PodStatus } from '../../api/types';
import { rfc3339 } from '../../apiserver/registry/objects';
import { PodCompleted, PodFailed } from './generate';
import { isPodPhaseTerminal as isTerminal } from './phase';

/** The condition types the kubelet owns (pkg/kubelet/types PodConditionsByKubelet, with PodReadyToStartContainers). */
export const kubeletConditions = ['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'];

/** A status to post to pods/status. */
export interface PodStatusUpdate {
  uid: string;
  namespace: string;
  name: string;
  status: PodStatus;
}

interface Entry {
  status: PodStatus;
  pod: Pod;
  dirty: boolean;
}


// Models pkg/kubelet/status/status_manager.go
/** Generated statuses, per pod uid. */
export class StatusManager {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly epochMs: number,
  ) {}

  /** GetPodStatus: the status last set, if any. */
  getPodStatus(uid: string): PodStatus | undefined {
    return this.entries.get(uid)?.status;
  }

  // Models status_manager.go updateStatusInternal
  /** SetPodStatus: records a generated status; it is due for posting when it differs from the last. */
  setPodStatus(pod: Pod, status: PodStatus): void {
    const uid = pod.metadata.uid!;
    const prev = this.entries.get(uid);
    const old = prev?.status ?? pod.status ?? {};
    const next = structuredClone(status);
    for (const t of kubeletConditions) updateLastTransitionTime(next, old, t, rfc3339(this.epochMs + this.now()));
    next.startTime = old.startTime ?? rfc3339(this.epochMs + this.now());
    const normalized = normalizeStatus(next);
    const changed = !prev || JSON.stringify(prev.status) !== JSON.stringify(normalized);
    this.entries.set(uid, { status: normalized, pod, dirty: (prev?.dirty ?? false) || changed });
  }

  /** Updates the API's copy of the pod (the base the next merge starts from). */
  updatePod(pod: Pod): void {
    const e = this.entries.get(pod.metadata.uid!);
    if (e) e.pod = pod;
  }

  /** The statuses that changed since last taken, merged with the API's; `running` says whether a pod could still have running containers. */
  takeUpdates(running: (uid: string) => boolean): PodStatusUpdate[] {
    const out: PodStatusUpdate[] = [];
    for (const [uid, e] of this.entries) {
      if (!e.dirty) continue;
      e.dirty = false;
      const merged = mergePodStatus(e.pod.status ?? {}, e.status, running(uid));
      out.push({ uid, namespace: e.pod.metadata.namespace ?? 'default', name: e.pod.metadata.name ?? '', status: merged });
    }
    return out;
  }

  /** Every status, merged as takeUpdates would. */
  all(running: (uid: string) => boolean): Map<string, PodStatus> {
    return new Map([...this.entries].map(([uid, e]) => [uid, mergePodStatus(e.pod.status ?? {}, e.status, running(uid))]));
  }

  /** Whether a pod has a status not yet taken by takeUpdates. */
  isPending(uid: string): boolean {
    return this.entries.get(uid)?.dirty ?? false;
  }

  // Models status_manager.go needsReconcile
  /**
   * Marks due again every status the API's copy disagrees with in what the kubelet owns (its
   * conditions' status, reason and message, and the phase): the node controller marking a pod
   * NotReady while its node was unreachable is undone once the kubelet is back.
   */
  reconcile(): void {
    for (const e of this.entries.values()) if (!e.dirty && !ownedStatusEqual(e.pod.status ?? {}, e.status)) e.dirty = true;
  }

  /** Marks a pod's status due again (after a terminal phase was held back). */
  markDirty(uid: string): void {
    const e = this.entries.get(uid);
    if (e) e.dirty = true;
  }

  /** RemoveOrphanedStatuses for one pod. */
  removePod(uid: string): void {
    this.entries.delete(uid);
  }
}

// Models status_manager.go isPodStatusByKubeletEqual (its conditions, and of the rest the phase)
function ownedStatusEqual(api: PodStatus, mine: PodStatus): boolean {
  const owned = (s: PodStatus) => new Map((s.conditions ?? []).filter((c) => kubeletConditions.includes(c.type)).map((c) => [c.type, c]));
  const a = owned(api);
  const m = owned(mine);
  if (a.size !== m.size) return false;
  for (const [type, c] of m) {
    const o = a.get(type);
    if (!o || o.status !== c.status || (o.reason ?? '') !== (c.reason ?? '') || (o.message ?? '') !== (c.message ?? '')) return false;
  }
  return (api.phase ?? '') === (mine.phase ?? '');
}

// Models status_manager.go updateLastTransitionTime
function updateLastTransitionTime(status: PodStatus, old: PodStatus, type: string, now: string): void {
  const c = status.conditions?.find((x) => x.type === type);
  if (!c) return;
  const o = old.conditions?.find((x) => x.type === type);
  c.lastTransitionTime = o && o.status === c.status && o.lastTransitionTime ? o.lastTransitionTime : now;
}

/** A condition in the field order Go writes v1.PodCondition. */
export function orderCondition(c: PodCondition): PodCondition {
  return { type: c.type, status: c.status, lastProbeTime: c.lastProbeTime ?? null, lastTransitionTime: c.lastTransitionTime ?? null, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) };
}

// Models status_manager.go normalizeStatus: the field order of v1.PodStatus.
function normalizeStatus(s: PodStatus): PodStatus {
  const out: PodStatus = {};
  const keys: (keyof PodStatus)[] = ['phase', 'conditions', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass', 'ephemeralContainerStatuses', 'resize', 'resourceClaimStatuses'];
  for (const k of keys) if (s[k] !== undefined) (out as Record<string, unknown>)[k] = k === 'conditions' ? s.conditions!.map(orderCondition) : s[k];
  return out;
}

// Models status_manager.go mergePodStatus
/** The status to post: the kubelet's, with the API's foreign conditions, and no early terminal phase. */
export function mergePodStatus(oldStatus: PodStatus, newStatus: PodStatus, couldHaveRunningContainers: boolean): PodStatus {
  const next = structuredClone(newStatus);
  const conditions = (oldStatus.conditions ?? []).filter((c) => !kubeletConditions.includes(c.type));
  for (const c of newStatus.conditions ?? []) if (kubeletConditions.includes(c.type)) conditions.push(c);
  next.conditions = conditions;
  if (oldStatus.nominatedNodeName !== undefined) next.nominatedNodeName = oldStatus.nominatedNodeName;
  if (oldStatus.resourceClaimStatuses !== undefined) next.resourceClaimStatuses = oldStatus.resourceClaimStatuses;
  if (!isTerminal(oldStatus.phase) && isTerminal(next.phase) && couldHaveRunningContainers) {
    next.phase = oldStatus.phase;
    next.reason = oldStatus.reason;
    next.message = oldStatus.message;
    if (next.reason === undefined) delete next.reason;
    if (next.message === undefined) delete next.message;
    if (next.phase === undefined) delete next.phase;
  }
  if (isTerminal(next.phase)) {
    const why = next.phase === 'Failed' ? PodFailed : PodCompleted;
    for (const c of next.conditions) if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status === 'True') Object.assign(c, { status: 'False', reason: why, message: undefined });
    next.conditions = next.conditions.map(orderCondition);
  }
  return normalizeStatus(next);
}
