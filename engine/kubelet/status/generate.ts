// The pod conditions the kubelet owns (pkg/kubelet/status/generate.go): PodReadyToStartContainers,
// Initialized, Ready and ContainersReady, with upstream's reasons and messages (`containers with
// unready status: [web]`). lastTransitionTime is the status manager's to set.

import type { ContainerStatus, Pod, PodCondition, PodPhase } from '../../api/types';
import { isRestartableInitContainer } from '../kuberuntime/pod-actions';
import { hasAnyRegularContainerStarted } from './phase';

/** The condition reasons of generate.go. */
export const UnknownContainerStatuses = 'UnknownContainerStatuses';
export const PodCompleted = 'PodCompleted';
export const PodFailed = 'PodFailed';
export const ContainersNotReady = 'ContainersNotReady';
export const ContainersNotInitialized = 'ContainersNotInitialized';
export const ReadinessGatesNotReady = 'ReadinessGatesNotReady';

/** A condition without times (the status manager adds them). */
export type Condition = Pick<PodCondition, 'type' | 'status' | 'reason' | 'message'>;

// Go's %s of a []string: `[a b]`.
function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function cond(type: string, status: 'True' | 'False', reason?: string, message?: string): Condition {
  return { type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

function find(statuses: ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

// Models pkg/kubelet/status/generate.go GenerateContainersReadyCondition
/** ContainersReady: true when every container (and sidecar) is ready. */
export function generateContainersReadyCondition(pod: Pod, statuses: ContainerStatus[] | undefined, phase: PodPhase): Condition {
  if (statuses === undefined) return cond('ContainersReady', 'False', UnknownContainerStatuses);
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string) => {
    const s = find(statuses, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (isRestartableInitContainer(c)) check(c.name);
  for (const c of pod.spec?.containers ?? []) check(c.name);
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed') return cond('ContainersReady', 'False', phase === 'Failed' ? PodFailed : PodCompleted);
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length > 0) return cond('ContainersReady', 'False', ContainersNotReady, messages.join(', '));
  return cond('ContainersReady', 'True');
}

// Models pkg/kubelet/status/generate.go GeneratePodReadyCondition
/** Ready: ContainersReady, and every readiness gate's condition True. */
export function generatePodReadyCondition(pod: Pod, conditions: Condition[], statuses: ContainerStatus[] | undefined, phase: PodPhase): Condition {
  const containersReady = generateContainersReadyCondition(pod, statuses, phase);
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const messages: string[] = [];
  for (const g of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === g.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return cond('Ready', 'False', ReadinessGatesNotReady, messages.join(', '));
  return cond('Ready', 'True');
}

// Models pkg/kubelet/status/generate.go GeneratePodInitializedCondition
/** Initialized: every init container has completed (a sidecar: has started). */
export function generatePodInitializedCondition(pod: Pod, statuses: ContainerStatus[] | undefined, phase: PodPhase): Condition {
  const inits = pod.spec?.initContainers ?? [];
  if (statuses === undefined && inits.length > 0) return cond('Initialized', 'False', UnknownContainerStatuses);
  const all = statuses ?? [];
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = find(all, c.name);
    if (!s) unknown.push(c.name);
    else if (isRestartableInitContainer(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return cond('Initialized', 'True', PodCompleted);
  if (hasAnyRegularContainerStarted(pod, all)) return cond('Initialized', 'True');
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length > 0) return cond('Initialized', 'False', ContainersNotInitialized, messages.join(', '));
  return cond('Initialized', 'True');
}

// Models pkg/kubelet/status/generate.go GeneratePodReadyToStartContainersCondition
/** PodReadyToStartContainers: the sandbox exists with its network. */
export function generatePodReadyToStartContainersCondition(sandboxReady: boolean): Condition {
  return cond('PodReadyToStartContainers', sandboxReady ? 'True' : 'False');
}
