// The status the kubelet reports for a pod (kubelet_pods.go generateAPIPodStatus): container
// statuses from the runtime, the phase they add up to (kept terminal once terminal), an active
// deadline that has passed (Failed, DeadlineExceeded), `started`/`ready` from the probes, the
// kubelet's conditions after the ones it does not own, and the node's and the pod's addresses.

import type { ContainerStatus, Pod, PodPhase, PodStatus } from '../../api/types';
import { qosClass } from '../../apiserver/registry/strategy';
import type { KubePodStatus } from '../kuberuntime/pod-status';
import type { ProbeManager } from '../prober/manager';
import type { ReasonCache } from '../reason-cache';
import { convertToAPIContainerStatuses, orderContainerStatus } from './container-statuses';
import { generateContainersReadyCondition, generatePodInitializedCondition, generatePodReadyCondition, generatePodReadyToStartContainersCondition, type Condition } from './generate';
import { getPhase } from './phase';
import { kubeletConditions } from './status-manager';
import { isPodPhaseTerminal as isTerminal } from './phase';

/** What generating a status reads besides the pod and the runtime. */
export interface StatusContext {
  epochMs: number;
  nodeIP: string;
  reasons: ReasonCache;
  probes: ProbeManager;
  /** The status the kubelet generated last (the status manager's), if any. */
  previous: PodStatus | undefined;
  /** Whether the pod has been on the node longer than its activeDeadlineSeconds. */
  pastActiveDeadline: boolean;
}

/** The reason and message of a pod failed by its deadline (pkg/kubelet/active_deadline.go). */
export const deadlineExceededReason = 'DeadlineExceeded';
export const deadlineExceededMessage = 'Pod was active on the node longer than the specified deadline';


// Models pkg/kubelet/kubelet_pods.go generateAPIPodStatus
/** The API status of `pod` given the runtime's view; `podIsTerminal` once its containers were stopped for good. */
export function generateAPIPodStatus(ctx: StatusContext, pod: Pod, podStatus: KubePodStatus, podIsTerminal: boolean): PodStatus {
  const old = ctx.previous ?? pod.status ?? {};
  const api = pod.status ?? {};
  const hasInits = (pod.spec?.initContainers ?? []).length > 0;
  const conv = { epochMs: ctx.epochMs, reasons: ctx.reasons };
  const containerStatuses = convertToAPIContainerStatuses(conv, pod, podStatus, old.containerStatuses, pod.spec?.containers ?? [], hasInits, false);
  const initContainerStatuses = convertToAPIContainerStatuses(conv, pod, podStatus, old.initContainerStatuses, pod.spec?.initContainers ?? [], hasInits, true);

  let phase: PodPhase = getPhase(pod, [...containerStatuses, ...initContainerStatuses], podIsTerminal);
  if (!isTerminal(phase)) {
    if (isTerminal(old.phase)) phase = old.phase!;
    else if (isTerminal(api.phase)) phase = api.phase!;
  }
  const s: PodStatus & { phase: PodPhase } = { phase };
  if (s.phase === old.phase) {
    const reason = old.reason || api.reason;
    const message = old.message || api.message;
    if (reason) s.reason = reason;
    if (message) s.message = message;
  }
  if (ctx.pastActiveDeadline && !isTerminal(api.phase)) {
    s.phase = 'Failed';
    s.reason = deadlineExceededReason;
    s.message = deadlineExceededMessage;
  }
  if (isTerminal(api.phase) && s.phase !== api.phase) s.phase = api.phase!;

  const apiStatus: PodStatus = { ...s, containerStatuses, ...(hasInits ? { initContainerStatuses } : {}) };
  ctx.probes.updatePodStatus(pod, apiStatus);

  const all: ContainerStatus[] = [...initContainerStatuses, ...containerStatuses];
  const conditions: Condition[] = (api.conditions ?? []).filter((c) => !kubeletConditions.includes(c.type));
  const sandboxReady = podStatus.sandboxStatuses[0]?.state === 'SANDBOX_READY';
  conditions.push(generatePodReadyToStartContainersCondition(sandboxReady));
  conditions.push(generatePodInitializedCondition(pod, all, s.phase));
  conditions.push(generatePodReadyCondition(pod, conditions, all, s.phase));
  conditions.push(generateContainersReadyCondition(pod, all, s.phase));
  conditions.push({ type: 'PodScheduled', status: 'True' });

  const hostNetwork = pod.spec?.hostNetwork ?? false;
  const podIPs = podStatus.ips.length > 0 ? podStatus.ips : hostNetwork ? [ctx.nodeIP] : [];
  return {
    phase: s.phase,
    conditions: conditions.map((c) => ({ ...c, lastProbeTime: null })),
    ...(s.message ? { message: s.message } : {}),
    ...(s.reason ? { reason: s.reason } : {}),
    hostIP: ctx.nodeIP,
    hostIPs: [{ ip: ctx.nodeIP }],
    ...(podIPs.length > 0 ? { podIP: podIPs[0], podIPs: podIPs.map((ip) => ({ ip })) } : {}),
    ...(hasInits ? { initContainerStatuses: apiStatus.initContainerStatuses!.map(orderContainerStatus) } : {}),
    containerStatuses: apiStatus.containerStatuses!.map(orderContainerStatus),
    qosClass: api.qosClass ?? qosClass(pod as never),
  };
}
