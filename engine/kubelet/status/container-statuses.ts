// The API's containerStatuses and initContainerStatuses from what the runtime has (kubelet_pods.go
// convertToAPIContainerStatuses): the newest instance is `state`, the one before it `lastState`, a
// container with none yet waits in ContainerCreating (PodInitializing when the pod has init
// containers), and one that should restart but could not waits with the reason its last start
// failed (CrashLoopBackOff, ErrImagePull, ImagePullBackOff, …).

import type { Container, ContainerState, ContainerStatus, Pod, VolumeMountStatus } from '../../api/types';
import { rfc3339 } from '../../apiserver/registry/objects';
import { shouldContainerBeRestarted } from '../kuberuntime/pod-actions';
import type { KubeContainerStatus, KubePodStatus } from '../kuberuntime/pod-status';
import type { ReasonCache } from '../reason-cache';

/** What the conversion reads besides the pod. */
export interface ConvertContext {
  epochMs: number;
  reasons: ReasonCache;
}

// The kubelet's default waiting reasons (pkg/kubelet/kubelet_pods.go).
const ContainerCreating = 'ContainerCreating';
const PodInitializing = 'PodInitializing';

/** The status fields in the order Go's encoding/json writes v1.ContainerStatus. */
export function orderContainerStatus(s: ContainerStatus): ContainerStatus {
  const out: ContainerStatus = { name: s.name, state: s.state ?? {}, lastState: s.lastState ?? {}, ready: s.ready, restartCount: s.restartCount, image: s.image, imageID: s.imageID } as ContainerStatus;
  if (s.containerID) out.containerID = s.containerID;
  if (s.started !== undefined) out.started = s.started;
  if (s.volumeMounts) out.volumeMounts = s.volumeMounts;
  return out;
}

// RecursiveReadOnlyMounts (beta in 1.32): each mount, `recursiveReadOnly: Disabled` when read-only.
function volumeMountStatuses(c: Container): VolumeMountStatus[] | undefined {
  if (!c.volumeMounts || c.volumeMounts.length === 0) return undefined;
  return c.volumeMounts.map((m) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' as const } : {}) }));
}

function timeOf(ctx: ConvertContext, ms: number): string {
  return rfc3339(ctx.epochMs + ms);
}

// Models convertToAPIContainerStatuses's convertContainerStatus
function convertContainerStatus(ctx: ConvertContext, cs: KubeContainerStatus, old: ContainerStatus | undefined): ContainerStatus {
  const state: ContainerState = {};
  const status: ContainerStatus = { name: cs.name, state, lastState: {}, ready: false, restartCount: cs.restartCount, image: cs.image, imageID: cs.imageRef, containerID: cs.id };
  if (old?.volumeMounts) status.volumeMounts = old.volumeMounts;
  if (cs.state === 'running') state.running = { startedAt: timeOf(ctx, cs.startedAt) };
  else if (cs.state === 'exited') {
    state.terminated = {
      exitCode: cs.exitCode,
      ...(cs.reason ? { reason: cs.reason } : {}),
      ...(cs.message ? { message: cs.message } : {}),
      startedAt: timeOf(ctx, cs.startedAt),
      finishedAt: timeOf(ctx, cs.finishedAt),
      containerID: cs.id,
    };
  } else if (cs.state === 'unknown' && old?.state?.running) {
    state.terminated = { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' };
    status.restartCount = old.restartCount + 1;
  } else state.waiting = {};
  return status;
}

// Models pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses
/** The API statuses of `containers` (a pod's regular or its init containers). */
export function convertToAPIContainerStatuses(
  ctx: ConvertContext,
  pod: Pod,
  podStatus: KubePodStatus,
  previous: ContainerStatus[] | undefined,
  containers: Container[],
  hasInitContainers: boolean,
  isInitContainer: boolean,
): ContainerStatus[] {
  const olds = new Map((previous ?? []).map((s) => [s.name, s]));
  const statuses = new Map<string, ContainerStatus>();
  const defaultReason = hasInitContainers ? PodInitializing : ContainerCreating;
  for (const c of containers) {
    let status: ContainerStatus = { name: c.name, state: { waiting: { reason: defaultReason } }, lastState: {}, ready: false, restartCount: 0, image: c.image ?? '', imageID: '' };
    const vm = volumeMountStatuses(c);
    if (vm) status.volumeMounts = vm;
    const old = olds.get(c.name);
    if (old) {
      if (old.state?.terminated) status = structuredClone(old);
      else {
        status.restartCount = old.restartCount;
        status.lastState = structuredClone(old.lastState ?? {});
      }
    }
    statuses.set(c.name, status);
  }

  // A container the runtime no longer has that used to run: it terminated, code unknown.
  for (const c of containers) {
    if (podStatus.containerStatuses.some((s) => s.name === c.name)) continue;
    const old = olds.get(c.name);
    if (!old || old.state?.terminated || !old.state?.running) continue;
    const status = statuses.get(c.name)!;
    if (status.state?.waiting?.reason !== defaultReason || status.lastState?.terminated) continue;
    status.lastState = { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was deleted.  The container used to be Running' } };
    if (!pod.metadata.deletionTimestamp) status.restartCount += 1;
  }

  // Newest first: the first instance seen is the state, the second the last state.
  const seen = new Map<string, number>();
  for (const cs of [...podStatus.containerStatuses].sort((a, b) => b.createdAt - a.createdAt)) {
    if (!statuses.has(cs.name)) continue;
    const n = seen.get(cs.name) ?? 0;
    if (n >= 2) continue;
    const converted = convertContainerStatus(ctx, cs, olds.get(cs.name));
    if (n === 0) statuses.set(cs.name, converted);
    else statuses.get(cs.name)!.lastState = converted.state;
    seen.set(cs.name, n + 1);
  }

  // A container that should restart but could not start waits with the reason it failed.
  for (const c of containers) {
    if (isInitContainer) {
      const s = podStatus.containerStatuses.find((x) => x.name === c.name);
      if (s && s.state === 'exited' && s.exitCode === 0) continue;
    }
    if (!shouldContainerBeRestarted(c, pod, podStatus)) continue;
    const why = ctx.reasons.get(pod.metadata.uid!, c.name);
    if (!why) continue;
    const status = statuses.get(c.name)!;
    if (status.state?.terminated) status.lastState = status.state;
    status.state = { waiting: { reason: why.reason, ...(why.message ? { message: why.message } : {}) } };
  }

  if (isInitContainer) return containers.map((c) => statuses.get(c.name)!);
  return [...statuses.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
