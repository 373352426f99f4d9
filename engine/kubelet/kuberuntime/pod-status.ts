// The runtime's view of one pod, as the kubelet reads it every sync (kubecontainer.PodStatus):
// its sandboxes newest first, the pod IPs of the newest ready one, and every container the runtime
// still has for it (newest first), with the restart count and spec hash the kubelet stored in
// the container's annotations and the termination message read from the container.

import type { Container } from '../../api/types';
import type { ContainerStatus, PodSandboxStatus } from '../runtime/cri';
import type { RuntimeService } from '../runtime/runtime-service';

/** kubecontainer.State. */
export type KubeContainerState = 'created' | 'running' | 'exited' | 'unknown';

/** kubecontainer.Status: one container instance as the runtime reports it. */
export interface KubeContainerStatus {
  /** `containerd://<id>`. */
  id: string;
  /** The runtime's id alone. */
  rawId: string;
  name: string;
  state: KubeContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  image: string;
  imageRef: string;
  imageId: string;
  hash: string;
  restartCount: number;
  reason: string;
  message: string;
}

/** kubecontainer.PodStatus. */
export interface KubePodStatus {
  uid: string;
  name: string;
  namespace: string;
  ips: string[];
  sandboxStatuses: PodSandboxStatus[];
  containerStatuses: KubeContainerStatus[];
}

/** The annotations the kubelet writes on a container (pkg/kubelet/kuberuntime/labels.go). */
export const annotationHash = 'io.kubernetes.container.hash';
export const annotationRestartCount = 'io.kubernetes.container.restartCount';
export const annotationTerminationMessagePath = 'io.kubernetes.container.terminationMessagePath';
export const annotationTerminationMessagePolicy = 'io.kubernetes.container.terminationMessagePolicy';
export const annotationPodTerminationGracePeriod = 'io.kubernetes.pod.terminationGracePeriod';

/** The prefix of container ids in the API (the runtime's name). */
export const runtimeName = 'containerd';

// Models pkg/kubelet/container/helpers.go HashContainer
/** The hash of the fields whose change restarts a container (name and image since 1.31), as hex. */
export function hashContainer(c: Container): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify({ image: c.image ?? '', name: c.name })) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16);
}

// kubecontainer.MaxContainerTerminationMessageLength and the log fallback's limits.
const maxTerminationMessageBytes = 4096;
const maxTerminationLogLines = 80;
const maxTerminationLogBytes = 2048;

// Models pkg/kubelet/kuberuntime/kuberuntime_manager.go GetPodStatus
/** Reads a pod's sandboxes and containers from the runtime. */
export function getPodStatus(rt: RuntimeService, uid: string, name: string, namespace: string): KubePodStatus {
  const sandboxStatuses = rt.listPodSandbox(uid);
  const newest = sandboxStatuses[0];
  const ips = newest && newest.state === 'SANDBOX_READY' && newest.ip ? [newest.ip] : [];
  const containerStatuses = rt
    .listContainers(uid)
    .map((c) => toKubeContainerStatus(rt, c))
    .sort((a, b) => b.createdAt - a.createdAt);
  return { uid, name, namespace, ips, sandboxStatuses, containerStatuses };
}

// Models pkg/kubelet/kuberuntime/kuberuntime_container.go convertToKubeContainerStatus
function toKubeContainerStatus(rt: RuntimeService, s: ContainerStatus): KubeContainerStatus {
  const state: KubeContainerState = s.state === 'CONTAINER_RUNNING' ? 'running' : s.state === 'CONTAINER_CREATED' ? 'created' : s.state === 'CONTAINER_EXITED' ? 'exited' : 'unknown';
  const out: KubeContainerStatus = {
    id: `${runtimeName}://${s.id}`,
    rawId: s.id,
    name: s.labels['io.kubernetes.container.name'] ?? s.metadata.name,
    state,
    createdAt: s.createdAt,
    startedAt: s.state === 'CONTAINER_CREATED' ? 0 : s.startedAt,
    finishedAt: state === 'exited' ? s.finishedAt : 0,
    exitCode: state === 'exited' ? s.exitCode : 0,
    image: s.image,
    imageRef: s.imageRef,
    imageId: s.imageId,
    hash: s.annotations[annotationHash] ?? '',
    restartCount: Number(s.annotations[annotationRestartCount] ?? 0),
    reason: state === 'exited' ? s.reason : '',
    message: state === 'exited' ? s.message : '',
  };
  if (state === 'exited') {
    const fallback = s.annotations[annotationTerminationMessagePolicy] === 'FallbackToLogsOnError' && s.exitCode !== 0 && s.reason !== 'ContainerCannotRun';
    const msg = terminationMessage(rt, s, fallback);
    if (msg) out.message = out.message ? `${out.message}: ${msg}` : msg;
  }
  return out;
}

// The termination-log file, or with FallbackToLogsOnError the tail of the log when it is empty.
function terminationMessage(rt: RuntimeService, s: ContainerStatus, fallbackToLogs: boolean): string {
  const path = s.annotations[annotationTerminationMessagePath];
  const file = path ? rt.containerFile(s.id, path) : null;
  if (file) return file.slice(0, maxTerminationMessageBytes);
  if (!fallbackToLogs) return '';
  const lines = rt.containerLogs(s.id).slice(-maxTerminationLogLines).map((l) => `${l.line}\n`).join('');
  return lines.slice(Math.max(0, lines.length - maxTerminationLogBytes));
}

/** PodStatus.FindContainerStatusByName: the newest instance of a container. */
export function findContainerStatusByName(status: KubePodStatus, name: string): KubeContainerStatus | undefined {
  return status.containerStatuses.find((c) => c.name === name);
}
