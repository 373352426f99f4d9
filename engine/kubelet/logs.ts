// `kubectl logs` on the node: which container instance to read (kubelet_pods.go
// validateContainerLogStatus, with its error texts) and the CRI log read with PodLogOptions
// (pkg/kubelet/kuberuntime/logs: previous, tailLines, sinceSeconds/sinceTime, limitBytes, timestamps).

import type { PodStatus } from '../api/types';
import type { LogEntry } from './runtime/runtime-service';

/** PodLogOptions, as far as the kubelet applies them. */
export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

/** A log read, or the error the kubelet answers (a 400 from the apiserver's log subresource). */
export type LogsResult = { ok: true; text: string } | { ok: false; error: string };

// Models pkg/kubelet/kubelet_pods.go validateContainerLogStatus
/** The container id (`containerd://…`) to read logs from, or the error text. */
export function validateContainerLogStatus(podName: string, status: PodStatus, containerName: string, previous: boolean): { id: string } | { error: string } {
  const cs = status.containerStatuses?.find((c) => c.name === containerName) ?? status.initContainerStatuses?.find((c) => c.name === containerName) ?? status.ephemeralContainerStatuses?.find((c) => c.name === containerName);
  if (!cs) return { error: `container "${containerName}" in pod "${podName}" is not available` };
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated container "${containerName}" in pod "${podName}" not found` };
    return { id: last.containerID };
  }
  if (running) return { id: cs.containerID ?? '' };
  if (terminated) {
    if (terminated.containerID) return { id: terminated.containerID };
    if (last?.containerID) return { id: last.containerID };
    return { error: `container "${containerName}" in pod "${podName}" is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `container "${containerName}" in pod "${podName}" is terminated` };
    return { id: last.containerID };
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return { error: `container "${containerName}" in pod "${podName}" is waiting to start: image can't be pulled` };
    if (waiting.reason === 'ImagePullBackOff') return { error: `container "${containerName}" in pod "${podName}" is waiting to start: trying and failing to pull image` };
    return { error: `container "${containerName}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ''}` };
  }
  return { error: `container "${containerName}" in pod "${podName}" is waiting to start - no logs yet` };
}

// RFC 3339 with nanoseconds, trailing zeros trimmed (Go's time.RFC3339Nano).
function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

// Models pkg/kubelet/kuberuntime/logs/logs.go ReadLogs
/** The log text of `entries` under `opts`; times are simulated ms, `epochMs` maps them to wall time. */
export function readLogs(entries: readonly LogEntry[], opts: LogOptions, epochMs: number, nowMs: number): string {
  let lines = [...entries];
  const since = opts.sinceTime ? Date.parse(opts.sinceTime) - epochMs : opts.sinceSeconds !== undefined ? nowMs - opts.sinceSeconds * 1000 : null;
  if (since !== null) lines = lines.filter((l) => l.atMs >= since);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
  let text = lines.map((l) => `${opts.timestamps ? `${rfc3339Nano(epochMs + l.atMs)} ` : ''}${l.line}\n`).join('');
  if (opts.limitBytes !== undefined && opts.limitBytes > 0) {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > opts.limitBytes) text = new TextDecoder().decode(bytes.slice(0, opts.limitBytes));
  }
  return text;
}
