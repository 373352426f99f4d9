// What one sync must do to a pod: create its sandbox, start or kill which containers — a pure
// function of the pod spec, the runtime's view of the pod and the probe results, as upstream's
// computePodActions (with the SidecarContainers path that 1.32 takes by default).

import type { Container, Pod } from '../../api/types';
import { findContainerStatusByName, hashContainer, type KubeContainerStatus, type KubePodStatus } from './pod-status';

/** A probe's last result (pkg/kubelet/prober/results). */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** The liveness and startup results the sync consults, by container id. */
export interface ProbeResults {
  liveness(containerId: string): ProbeResult | undefined;
  startup(containerId: string): ProbeResult | undefined;
}

/** containerKillReason. */
export type KillReason = 'StartupProbe' | 'LivenessProbe' | 'FailedPostStartHook' | 'Unknown' | '';

/** containerToKillInfo. */
export interface ContainerToKill {
  container: Container;
  name: string;
  message: string;
  reason: KillReason;
}

/** podActions. */
export interface PodActions {
  killPod: boolean;
  createSandbox: boolean;
  sandboxId: string;
  attempt: number;
  initContainersToStart: number[];
  containersToStart: number[];
  /** By container id (`containerd://…`). */
  containersToKill: Map<string, ContainerToKill>;
}

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always is a sidecar. */
export function isRestartableInitContainer(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

function shouldRestartOnFailure(pod: Pod): boolean {
  return (pod.spec?.restartPolicy ?? 'Always') !== 'Never';
}

function containerSucceeded(c: Container, status: KubePodStatus): boolean {
  const s = findContainerStatusByName(status, c.name);
  return !!s && s.state === 'exited' && s.exitCode === 0;
}

// Models pkg/kubelet/kuberuntime/util/util.go PodSandboxChanged
/** Whether the pod needs a new sandbox, the attempt number it would get, and the current sandbox's id. */
export function podSandboxChanged(pod: Pod, status: KubePodStatus): [boolean, number, string] {
  if (status.sandboxStatuses.length === 0) return [true, 0, ''];
  const ready = status.sandboxStatuses.filter((s) => s.state === 'SANDBOX_READY').length;
  const s = status.sandboxStatuses[0];
  if (ready > 1 || s.state !== 'SANDBOX_READY') return [true, s.metadata.attempt + 1, s.id];
  if (s.hostNetwork !== (pod.spec?.hostNetwork ?? false)) return [true, s.metadata.attempt + 1, ''];
  if (!pod.spec?.hostNetwork && s.ip === '') return [true, s.metadata.attempt + 1, s.id];
  return [false, s.metadata.attempt, s.id];
}

// Models pkg/kubelet/container/helpers.go ShouldContainerBeRestarted
/** Whether a container that is not running should be (re)started. */
export function shouldContainerBeRestarted(c: Container, pod: Pod, status: KubePodStatus): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const s = findContainerStatusByName(status, c.name);
  if (!s) return true;
  if (s.state === 'running') return false;
  if (s.state === 'unknown' || s.state === 'created') return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && s.exitCode === 0) return false;
  return true;
}

// Models pkg/kubelet/kuberuntime/kuberuntime_container.go isInitContainerFailed
function isInitContainerFailed(s: KubeContainerStatus): boolean {
  if (s.reason === 'OOMKilled') return true;
  if (s.state === 'exited' && s.exitCode !== 0) return true;
  return s.state === 'unknown';
}

// Models pkg/kubelet/kuberuntime/kuberuntime_container.go hasAnyRegularContainerCreated
function hasAnyRegularContainerCreated(pod: Pod, status: KubePodStatus): boolean {
  return (pod.spec?.containers ?? []).some((c) => {
    const s = findContainerStatusByName(status, c.name);
    return !!s && (s.state === 'created' || s.state === 'running' || s.state === 'exited');
  });
}

// Models pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions
/** The actions one SyncPod takes for `pod` given what the runtime has. */
export function computePodActions(pod: Pod, status: KubePodStatus, probes: ProbeResults): PodActions {
  const [createSandbox, attempt, sandboxId] = podSandboxChanged(pod, status);
  const changes: PodActions = { killPod: createSandbox, createSandbox, sandboxId, attempt, initContainersToStart: [], containersToStart: [], containersToKill: new Map() };
  const containers = pod.spec?.containers ?? [];
  const initContainers = pod.spec?.initContainers ?? [];

  if (createSandbox) {
    if (!shouldRestartOnFailure(pod) && attempt !== 0 && status.containerStatuses.length !== 0) {
      // Never restart: do not create a sandbox for a pod that is done; just kill it.
      changes.createSandbox = false;
      return changes;
    }
    const toStart = containers.flatMap((c, i) => ((pod.spec?.restartPolicy === 'OnFailure' && containerSucceeded(c, status)) ? [] : [i]));
    if (toStart.length === 0 && hasAnyRegularContainerCreated(pod, status)) {
      changes.createSandbox = false;
      return changes;
    }
    if (initContainers.length !== 0) {
      changes.initContainersToStart = [0];
      return changes;
    }
    changes.containersToStart = toStart;
    return changes;
  }

  const initialized = computeInitContainerActions(pod, status, changes, probes);
  if (changes.killPod || !initialized) return changes;

  let keepCount = 0;
  containers.forEach((c, idx) => {
    const s = findContainerStatusByName(status, c.name);
    if (!s || s.state !== 'running') {
      if (shouldContainerBeRestarted(c, pod, status)) {
        changes.containersToStart.push(idx);
        if (s && s.state === 'unknown') changes.containersToKill.set(s.id, { name: s.name, container: c, message: `Container is in "${s.state}" state, try killing it before restart`, reason: 'Unknown' });
      }
      return;
    }
    let message: string;
    let reason: KillReason = '';
    let restart = shouldRestartOnFailure(pod);
    if (s.hash !== hashContainer(c)) {
      message = `Container ${c.name} definition changed`;
      restart = true;
    } else if (probes.liveness(s.id) === 'Failure') {
      message = `Container ${c.name} failed liveness probe`;
      reason = 'LivenessProbe';
    } else if (probes.startup(s.id) === 'Failure') {
      message = `Container ${c.name} failed startup probe`;
      reason = 'StartupProbe';
    } else {
      keepCount++;
      return;
    }
    if (restart) {
      message = `${message}, will be restarted`;
      changes.containersToStart.push(idx);
    }
    changes.containersToKill.set(s.id, { name: s.name, container: c, message, reason });
  });

  if (keepCount === 0 && changes.containersToStart.length === 0) {
    changes.killPod = true;
    // Restartable init containers must not keep the pod alive.
    changes.initContainersToStart = [];
  }
  return changes;
}

// Models pkg/kubelet/kuberuntime/kuberuntime_container.go computeInitContainerActions
/** Sets the init containers' actions; true when the pod has been initialized. */
export function computeInitContainerActions(pod: Pod, status: KubePodStatus, changes: PodActions, probes: ProbeResults): boolean {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return true;
  let podHasInitialized = (pod.spec?.containers ?? []).some((c) => {
    const s = findContainerStatusByName(status, c.name);
    return !!s && (s.state === 'created' || s.state === 'running');
  });
  let previouslyInitialized = podHasInitialized;
  const restartOnFailure = shouldRestartOnFailure(pod);
  const start = (i: number) => changes.initContainersToStart.push(i);

  // From the last init container back: the completed ones may have been removed from the runtime.
  for (let i = inits.length - 1; i >= 0; i--) {
    const c = inits[i];
    const s = findContainerStatusByName(status, c.name);
    const sidecar = isRestartableInitContainer(c);
    if (!s) {
      if (previouslyInitialized && sidecar) start(i);
      continue;
    }
    if (previouslyInitialized && !sidecar) continue;
    // A created init container is left to start (1.33 restarts one stuck there).
    if (s.state === 'created') {
      // nothing to do but wait for it to start
    } else if (s.state === 'running') {
      if (sidecar) {
        const outcome = runningSidecarActions(c, s, i, inits.length, previouslyInitialized, changes, probes);
        if (outcome === 'initialized') podHasInitialized = true;
      }
    } else if (s.state === 'exited') {
      if (sidecar) start(i);
      else if (isInitContainerFailed(s)) {
        if (!restartOnFailure) {
          changes.killPod = true;
          changes.initContainersToStart = [];
          return false;
        }
        start(i);
      } else if (i === inits.length - 1) podHasInitialized = true;
      else start(i + 1);
    } else {
      const kill = () => changes.containersToKill.set(s.id, { name: c.name, container: c, message: `Init container is in "${s.state}" state, try killing it before restart`, reason: 'Unknown' });
      if (!sidecar && !restartOnFailure) {
        changes.killPod = true;
        changes.initContainersToStart = [];
        return false;
      }
      kill();
      start(i);
    }
    previouslyInitialized = true;
  }
  if (!previouslyInitialized) start(0);
  changes.initContainersToStart.reverse();
  return podHasInitialized;
}

// A running sidecar: wait for its startup probe, start the next init container, restart it on a
// changed spec or a failed liveness probe.
function runningSidecarActions(c: Container, s: KubeContainerStatus, i: number, count: number, previouslyInitialized: boolean, changes: PodActions, probes: ProbeResults): 'initialized' | 'waiting' | 'next' {
  const kill = (message: string, reason: KillReason) => {
    changes.containersToKill.set(s.id, { name: c.name, container: c, message, reason });
    changes.initContainersToStart.push(i);
  };
  if (c.startupProbe) {
    const startup = probes.startup(s.id);
    if (startup === undefined) return 'waiting';
    if (startup !== 'Success') {
      if (startup === 'Failure') kill(`Init container ${c.name} failed startup probe`, 'StartupProbe');
      return 'waiting';
    }
  }
  let outcome: 'initialized' | 'next' = 'next';
  if (i === count - 1) outcome = 'initialized';
  else if (!previouslyInitialized) changes.initContainersToStart.push(i + 1);
  if (s.hash !== hashContainer(c)) {
    kill(`Init container ${c.name} definition changed`, '');
    return outcome;
  }
  if (c.livenessProbe) {
    const liveness = probes.liveness(s.id);
    if (liveness === 'Failure') kill(`Init container ${c.name} failed liveness probe`, 'LivenessProbe');
  }
  return outcome;
}
