// The events the kubelet records (pkg/kubelet/events/event.go reasons), as plain data for the
// process to post: what the kubelet's EventRecorder is handed, before client-go's correlator
// aggregates repeats into `count` (that is the poster's job, as it is the recorder's upstream).

import type { Container, ObjectReference, Pod } from '../api/types';

/** pkg/kubelet/events reasons. */
export const reason = {
  createdContainer: 'Created',
  startedContainer: 'Started',
  failedToCreateContainer: 'Failed',
  failedToStartContainer: 'Failed',
  killingContainer: 'Killing',
  preemptContainer: 'Preempting',
  backOffStartContainer: 'BackOff',
  exceededGracePeriod: 'ExceededGracePeriod',
  pullingImage: 'Pulling',
  pulledImage: 'Pulled',
  failedToPullImage: 'Failed',
  failedToInspectImage: 'InspectFailed',
  errImageNeverPullPolicy: 'ErrImageNeverPull',
  backOffPullImage: 'BackOff',
  containerUnhealthy: 'Unhealthy',
  containerProbeWarning: 'ProbeWarning',
  failedPreStopHook: 'FailedPreStopHook',
  failedPostStartHook: 'FailedPostStartHook',
  sandboxChanged: 'SandboxChanged',
  failedCreatePodSandBox: 'FailedCreatePodSandBox',
  failedStatusPodSandBox: 'FailedPodSandBoxStatus',
  failedKillPod: 'FailedKillPod',
  deadlineExceeded: 'DeadlineExceeded',
} as const;

/** One event the kubelet recorded. */
export interface KubeletEvent {
  /** Simulated ms it happened at (the poster stamps firstTimestamp/lastTimestamp from it). */
  atMs: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  involvedObject: ObjectReference;
  source: { component: 'kubelet'; host: string };
}

/** The reference to a pod (ref.GetReference). */
export function podRef(pod: Pod): ObjectReference {
  const m = pod.metadata;
  return { kind: 'Pod', namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: 'v1', ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}) };
}

// Models pkg/kubelet/container/ref.go GenerateContainerRef / fieldPath
/** The reference to a container of a pod: the pod's, with `spec.containers{name}` as its field path. */
export function containerRef(pod: Pod, container: Container): ObjectReference {
  const spec = pod.spec;
  const inInit = spec?.initContainers?.some((c) => c.name === container.name) ?? false;
  return { ...podRef(pod), fieldPath: `spec.${inInit ? 'initContainers' : 'containers'}{${container.name}}` };
}

/** Collects events in the order they happened. */
export class EventRecorder {
  private events: KubeletEvent[] = [];

  constructor(
    private readonly host: string,
    private readonly now: () => number,
  ) {}

  /** recorder.Event. */
  event(ref: ObjectReference, type: 'Normal' | 'Warning', why: string, message: string): void {
    this.events.push({ atMs: this.now(), type, reason: why, message, involvedObject: ref, source: { component: 'kubelet', host: this.host } });
  }

  /** Takes the events recorded since the last take. */
  take(): KubeletEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}

// Models pkg/kubelet/util/format/pod.go Pod
/** `name_namespace(uid)`: how the kubelet names a pod in messages. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}
