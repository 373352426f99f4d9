// The kubelet's side of the runtime (pkg/kubelet/kuberuntime): SyncPod carries out what
// computePodActions decided — kill, create the sandbox, start init containers then containers —
// where starting a container is back-off check, image, config, CreateContainer, StartContainer and
// the postStart hook; killContainer runs the preStop hook and stops the container within the grace
// period. Each step records the event the kubelet records.

import type { Container, Pod } from '../../api/types';
import { mustParseQuantity } from '../../api/quantity';
import { all, type Co } from '../../sim/co';
import { durationFromMs } from '../../etcdctl/gofmt';
import type { Backoff } from '../backoff';
import { containerRef, formatPod, podRef, reason, type EventRecorder } from '../events';
import type { ImageManager } from '../images/image-manager';
import { labelContainerName, labelPodName, labelPodNamespace, labelPodUid, type ContainerConfig, type PodSandboxConfig } from '../runtime/cri';
import { CriError, isNotFound } from '../runtime/errors';
import type { RuntimeService } from '../runtime/runtime-service';
import type { Scheduler } from '../scheduler';
import type { VolumeManager } from '../volumes';
import { EnvError, expandCommandAndArgs, makeEnvironmentVariables, type EnvSources } from './env';
import { runHandler } from './lifecycle';
import { managedEtcMount } from '../exec/etc';
import { computePodActions, isRestartableInitContainer, type KillReason, type ProbeResults } from './pod-actions';
import { annotationHash, annotationPodTerminationGracePeriod, annotationRestartCount, annotationTerminationMessagePath, annotationTerminationMessagePolicy, findContainerStatusByName, hashContainer, type KubeContainerStatus, type KubePodStatus } from './pod-status';

/** The start errors of kubecontainer and kuberuntime (the waiting reason each causes). */
export const ErrCrashLoopBackOff = 'CrashLoopBackOff';
export const ErrRunContainer = 'RunContainerError';
export const ErrCreateContainer = 'CreateContainerError';
export const ErrCreateContainerConfig = 'CreateContainerConfigError';
export const ErrPostStartHook = 'PostStartHookError';

/** A container that did not start this sync, and why. */
export interface StartFailure {
  name: string;
  reason: string;
  message: string;
}

/** kubecontainer.PodSyncResult, as much as the kubelet reads back. */
export interface PodSyncResult {
  /** Start results by container name: a failure, or null for a successful start. */
  starts: Map<string, StartFailure | null>;
  /** Whether anything failed (the pod worker then retries after its back-off period). */
  failed: boolean;
}

/** The node the runtime manager runs on. */
export interface NodeInfo {
  name: string;
  ip: string;
  allocatable: { cpuMilli: number; memoryBytes: number };
}

/** What the runtime manager is built from. */
export interface RuntimeManagerDeps {
  rt: RuntimeService;
  images: ImageManager;
  sched: Scheduler;
  recorder: EventRecorder;
  probes: ProbeResults;
  /** The CrashLoopBackOff back-off. */
  backOff: Backoff;
  volumes: VolumeManager;
  env: EnvSources;
  node: NodeInfo;
}

// kuberuntime_manager.go minimumGracePeriodInSeconds: a minimal shutdown window against needless SIGKILLs.
const minimumGracePeriodSeconds = 2;

/** The container spec named `name` in the pod (GetContainerSpec). */
export function containerSpec(pod: Pod, name: string): Container | undefined {
  return pod.spec?.containers.find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
}

// Models pkg/kubelet/kuberuntime/helpers.go GetStableKey
function stableKey(pod: Pod, c: Container): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}_${pod.metadata.uid}_${c.name}_${hashContainer(c)}`;
}

// Models pkg/kubelet/kuberuntime/kuberuntime_manager.go kubeGenericRuntimeManager
/** The runtime manager of one node. */
export class RuntimeManager {
  // The restart count a container would read from its log directory (calcRestartCountByLogDir).
  private readonly attempts = new Map<string, number>();

  constructor(private readonly d: RuntimeManagerDeps) {}

  // Models kuberuntime_manager.go SyncPod
  /** Syncs the runtime to the pod spec. */
  *syncPod(pod: Pod, status: KubePodStatus): Co<PodSyncResult> {
    const { rt, recorder } = this.d;
    const result: PodSyncResult = { starts: new Map(), failed: false };
    const changes = computePodActions(pod, status, this.d.probes);
    if (changes.createSandbox && changes.sandboxId !== '') recorder.event(podRef(pod), 'Normal', reason.sandboxChanged, 'Pod sandbox changed, it will be killed and re-created.');

    if (changes.killPod) {
      yield* this.killPod(pod, status);
      if (changes.createSandbox) this.purgeInitContainers(pod, status);
    } else {
      for (const [id, k] of changes.containersToKill) {
        const cs = status.containerStatuses.find((c) => c.id === id);
        if (cs) yield* this.killContainer(pod, cs, k.message, k.reason);
      }
    }
    this.pruneInitContainersBeforeStart(pod, status);

    let sandboxId = changes.sandboxId;
    let podIP = status.ips[0] ?? '';
    if (changes.createSandbox) {
      try {
        sandboxId = yield* rt.runPodSandbox(this.sandboxConfig(pod, changes.attempt));
      } catch (e) {
        if (!(e instanceof CriError)) throw e;
        recorder.event(podRef(pod), 'Warning', reason.failedCreatePodSandBox, `Failed to create pod sandbox: ${e.message}`);
        result.failed = true;
        return result;
      }
      podIP = rt.podSandboxStatus(sandboxId).ip;
    }

    const inits = pod.spec?.initContainers ?? [];
    for (const idx of changes.initContainersToStart) {
      const c = inits[idx];
      const failure = yield* this.start(pod, c, status, sandboxId, podIP);
      result.starts.set(c.name, failure);
      if (failure) {
        result.failed = true;
        if (!isRestartableInitContainer(c)) return result;
      }
    }
    for (const idx of changes.containersToStart) {
      const c = pod.spec!.containers[idx];
      const failure = yield* this.start(pod, c, status, sandboxId, podIP);
      result.starts.set(c.name, failure);
      if (failure) result.failed = true;
    }
    return result;
  }

  private sandboxConfig(pod: Pod, attempt: number): PodSandboxConfig {
    const m = pod.metadata;
    const hostNetwork = pod.spec?.hostNetwork ?? false;
    const hostname = hostNetwork ? this.d.node.name : (pod.spec?.hostname ?? m.name ?? '').slice(0, 63);
    return { metadata: { name: m.name ?? '', uid: m.uid ?? '', namespace: m.namespace ?? 'default', attempt }, hostname, hostNetwork, labels: { [labelPodName]: m.name ?? '', [labelPodNamespace]: m.namespace ?? '', [labelPodUid]: m.uid ?? '' } };
  }

  // The start helper of SyncPod: back-off first, then startContainer.
  private *start(pod: Pod, c: Container, status: KubePodStatus, sandboxId: string, podIP: string): Co<StartFailure | null> {
    const backoff = this.doBackOff(pod, c, status);
    if (backoff) return backoff;
    return yield* this.startContainer(pod, c, status, sandboxId, podIP);
  }

  // Models kuberuntime_manager.go doBackOff
  private doBackOff(pod: Pod, c: Container, status: KubePodStatus): StartFailure | null {
    const exited = status.containerStatuses.find((s) => s.name === c.name && s.state === 'exited');
    if (!exited) return null;
    const key = stableKey(pod, c);
    const { backOff } = this.d;
    if (backOff.isInBackOffSince(key, exited.finishedAt)) {
      this.d.recorder.event(containerRef(pod, c), 'Warning', reason.backOffStartContainer, `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`);
      return { name: c.name, reason: ErrCrashLoopBackOff, message: `back-off ${durationFromMs(backOff.get(key))} restarting failed container=${c.name} pod=${formatPod(pod)}` };
    }
    backOff.next(key, exited.finishedAt);
    return null;
  }

  // Models kuberuntime_container.go startContainer
  private *startContainer(pod: Pod, c: Container, status: KubePodStatus, sandboxId: string, podIP: string): Co<StartFailure | null> {
    const { rt, recorder } = this.d;
    const ref = containerRef(pod, c);
    const fail = (why: string, message: string, eventMessage = message): StartFailure => {
      recorder.event(ref, 'Warning', reason.failedToCreateContainer, `Error: ${eventMessage}`);
      return { name: c.name, reason: why, message };
    };
    const image = yield* this.d.images.ensureImageExists(pod, c);
    if (!image.ok) return fail(image.err, image.message, image.err);

    const key = `${pod.metadata.uid}/${c.name}`;
    const previous = findContainerStatusByName(status, c.name);
    const restartCount = previous ? previous.restartCount + 1 : (this.attempts.get(key) ?? -1) + 1;
    let config: ContainerConfig;
    try {
      config = this.containerConfig(pod, c, restartCount, image.imageRef, podIP);
    } catch (e) {
      if (!(e instanceof EnvError)) throw e;
      return fail(ErrCreateContainerConfig, e.message);
    }
    let id: string;
    try {
      id = yield* rt.createContainer(sandboxId, config);
    } catch (e) {
      if (!(e instanceof CriError)) throw e;
      return fail(ErrCreateContainer, e.desc);
    }
    this.attempts.set(key, restartCount);
    recorder.event(ref, 'Normal', reason.createdContainer, `Created container ${c.name}`);
    try {
      yield* rt.startContainer(id);
    } catch (e) {
      if (!(e instanceof CriError)) throw e;
      return fail(ErrRunContainer, e.desc);
    }
    recorder.event(ref, 'Normal', reason.startedContainer, `Started container ${c.name}`);
    const postStart = c.lifecycle?.postStart;
    if (postStart) {
      const err = yield* runHandler(rt, this.d.sched, id, podIP, c, postStart);
      if (err !== null) {
        recorder.event(ref, 'Warning', reason.failedPostStartHook, 'PostStartHook failed');
        yield* this.killContainer(pod, { id: `containerd://${id}`, rawId: id, name: c.name }, 'FailedPostStartHook', 'FailedPostStartHook');
        return { name: c.name, reason: ErrPostStartHook, message: err };
      }
    }
    return null;
  }

  // Models kuberuntime_container.go generateContainerConfig
  private containerConfig(pod: Pod, c: Container, restartCount: number, imageRef: string, podIP: string): ContainerConfig {
    const env = makeEnvironmentVariables(pod, c, this.d.env, { podIP, hostIP: this.d.node.ip, nodeName: this.d.node.name, allocatable: this.d.node.allocatable });
    const { command, args } = expandCommandAndArgs(c, env);
    const limits = c.resources?.limits ?? {};
    const m = pod.metadata;
    return {
      metadata: { name: c.name, attempt: restartCount },
      image: { image: imageRef, userSpecifiedImage: c.image ?? '' },
      command,
      args,
      envs: env.map(([key, value]) => ({ key, value })),
      mounts: [...this.d.volumes.mountsFor(pod, c), managedEtcMount(pod, podIP, this.d.node.name)],
      labels: { [labelContainerName]: c.name, [labelPodName]: m.name ?? '', [labelPodNamespace]: m.namespace ?? '', [labelPodUid]: m.uid ?? '' },
      annotations: {
        [annotationHash]: hashContainer(c),
        [annotationRestartCount]: String(restartCount),
        [annotationTerminationMessagePath]: c.terminationMessagePath ?? '/dev/termination-log',
        [annotationTerminationMessagePolicy]: c.terminationMessagePolicy ?? 'File',
        [annotationPodTerminationGracePeriod]: String(pod.spec?.terminationGracePeriodSeconds ?? 30),
      },
      memoryLimitInBytes: limits.memory ? mustParseQuantity(limits.memory).value() : 0,
      cpuLimitMilli: limits.cpu ? mustParseQuantity(limits.cpu).milliValue() : 0,
    };
  }

  // Models kuberuntime_container.go setTerminationGracePeriod
  private gracePeriod(pod: Pod, c: Container | undefined, why: KillReason): number {
    if (pod.metadata.deletionGracePeriodSeconds !== undefined) return pod.metadata.deletionGracePeriodSeconds;
    const podGrace = pod.spec?.terminationGracePeriodSeconds;
    if (podGrace === undefined) return minimumGracePeriodSeconds;
    if (why === 'StartupProbe' && c?.startupProbe?.terminationGracePeriodSeconds !== undefined) return c.startupProbe.terminationGracePeriodSeconds;
    if (why === 'LivenessProbe' && c?.livenessProbe?.terminationGracePeriodSeconds !== undefined) return c.livenessProbe.terminationGracePeriodSeconds;
    return podGrace;
  }

  // Models kuberuntime_container.go killContainer
  /** Stops one container: Killing event, preStop hook, then StopContainer within the grace period. */
  *killContainer(pod: Pod, cs: Pick<KubeContainerStatus, 'id' | 'rawId' | 'name'>, message: string, why: KillReason, gracePeriodOverride?: number, waitedSeconds = 0): Co<void> {
    const { rt, recorder, sched } = this.d;
    const c = containerSpec(pod, cs.name);
    let grace = this.gracePeriod(pod, c, why);
    const ref = c ? containerRef(pod, c) : { ...podRef(pod), fieldPath: `spec.containers{${cs.name}}` };
    recorder.event(ref, 'Normal', reason.killingContainer, message || `Stopping container ${cs.name}`);
    if (gracePeriodOverride !== undefined) grace = gracePeriodOverride;
    const preStop = c?.lifecycle?.preStop;
    if (preStop && grace > 0) {
      const start = sched.now();
      const status = rt.podSandboxStatus(rt.listPodSandbox(pod.metadata.uid)[0]?.id ?? '');
      const hook = runHandler(rt, sched, cs.rawId, status.ip, c!, preStop);
      const err = yield* withTimeout(sched, hook, grace * 1000);
      if (typeof err === 'string') recorder.event(ref, 'Warning', reason.failedPreStopHook, 'PreStopHook failed');
      grace -= Math.trunc((sched.now() - start) / 1000);
    }
    grace -= waitedSeconds;
    if (grace < minimumGracePeriodSeconds) grace = minimumGracePeriodSeconds;
    try {
      yield* rt.stopContainer(cs.rawId, grace);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  // Models kuberuntime_manager.go killPodWithSyncResult and terminationOrdering
  /** Stops every running container (sidecars after the main containers) and the pod's sandboxes. */
  *killPod(pod: Pod, status: KubePodStatus, gracePeriodOverride?: number): Co<void> {
    const { rt, sched } = this.d;
    const running = status.containerStatuses.filter((c) => c.state === 'running' || c.state === 'created' || c.state === 'unknown');
    const sidecarNames = (pod.spec?.initContainers ?? []).filter(isRestartableInitContainer).map((c) => c.name);
    const mains = running.filter((c) => !sidecarNames.includes(c.name));
    const sidecars = running.filter((c) => sidecarNames.includes(c.name)).sort((a, b) => sidecarNames.indexOf(b.name) - sidecarNames.indexOf(a.name));
    const start = sched.now();
    yield* all(mains.map((c) => this.killContainer(pod, c, '', 'Unknown', gracePeriodOverride)));
    for (const c of sidecars) yield* this.killContainer(pod, c, '', 'Unknown', gracePeriodOverride, Math.trunc((sched.now() - start) / 1000));
    for (const sb of rt.listPodSandbox(pod.metadata.uid)) {
      try {
        yield* rt.stopPodSandbox(sb.id);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  // Models kuberuntime_container.go purgeInitContainers
  private purgeInitContainers(pod: Pod, status: KubePodStatus): void {
    const names = new Set((pod.spec?.initContainers ?? []).map((c) => c.name));
    for (const s of status.containerStatuses) if (names.has(s.name)) this.d.rt.removeContainer(s.rawId);
  }

  // Models kuberuntime_container.go pruneInitContainersBeforeStart: keep only the newest exited instance.
  private pruneInitContainersBeforeStart(pod: Pod, status: KubePodStatus): void {
    for (const c of pod.spec?.initContainers ?? []) {
      let count = 0;
      for (const s of status.containerStatuses) {
        if (s.name !== c.name || (s.state !== 'exited' && s.state !== 'unknown')) continue;
        if (++count > 1) this.d.rt.removeContainer(s.rawId);
      }
    }
  }

  /** Removes every container and sandbox of a pod that is gone (the garbage collector's job). */
  removePod(uid: string): void {
    for (const sb of this.d.rt.listPodSandbox(uid)) this.d.rt.removePodSandbox(sb.id);
    for (const c of this.d.rt.listContainers(uid)) this.d.rt.removeContainer(c.id);
    for (const k of [...this.attempts.keys()]) if (k.startsWith(`${uid}/`)) this.attempts.delete(k);
  }
}

// Runs `co`, giving up after `ms` (the preStop hook may not outlast the grace period).
function* withTimeout<T>(sched: Scheduler, co: Co<T>, ms: number): Co<T | 'timeout'> {
  const timer: Co<'timeout'> = (function* () {
    yield* sched.sleep(ms);
    return 'timeout' as const;
  })();
  let winner: T | 'timeout' = 'timeout';
  let settled = false;
  const race = (g: Co<T | 'timeout'>): Co<void> =>
    (function* () {
      const v = yield* g;
      if (!settled) {
        settled = true;
        winner = v;
      }
      throw new RaceDone();
    })();
  try {
    yield* all([race(co), race(timer)]);
  } catch (e) {
    if (!(e instanceof RaceDone)) throw e;
  }
  return winner;
}

class RaceDone extends Error {}
