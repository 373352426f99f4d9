// Ported from pkg/kubelet/kuberuntime/kuberuntime_manager_test.go: TestComputePodActions,
// TestComputePodActionsWithInitContainers (the SidecarContainers-enabled expectations) and
// TestComputePodActionsWithRestartableInitContainers.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { computePodActions, type PodActions, type ProbeResult, type ProbeResults } from './pod-actions';
import { hashContainer, type KubeContainerStatus, type KubePodStatus } from './pod-status';

function cs(id: string, name: string, state: KubeContainerStatus['state'], hash: string, exitCode = 0): KubeContainerStatus {
  return { id, rawId: id, name, state, createdAt: 0, startedAt: 0, finishedAt: 0, exitCode, image: 'busybox', imageRef: '', imageId: '', hash, restartCount: 0, reason: '', message: '' };
}

function makeBasePodAndStatus(): [Pod, KubePodStatus] {
  const pod: Pod = {
    metadata: { uid: '12345678', name: 'foo', namespace: 'foo-ns' },
    spec: { containers: [{ name: 'foo1', image: 'busybox' }, { name: 'foo2', image: 'busybox' }, { name: 'foo3', image: 'busybox' }] },
  };
  const status: KubePodStatus = {
    uid: '12345678',
    name: 'foo',
    namespace: 'foo-ns',
    ips: [],
    sandboxStatuses: [{ id: 'sandboxID', state: 'SANDBOX_READY', metadata: { name: 'foo', namespace: 'foo-ns', uid: 'sandboxuid', attempt: 0 }, ip: '10.0.0.1', createdAt: 0, hostNetwork: false }],
    containerStatuses: pod.spec!.containers.map((c, i) => cs(`id${i + 1}`, c.name, 'running', hashContainer(c))),
  };
  return [pod, status];
}

function probes(live: Record<string, ProbeResult> = {}, startup: Record<string, ProbeResult> = {}): ProbeResults {
  return { liveness: (id) => live[id], startup: (id) => startup[id] };
}

// The actions without messages and reasons, which upstream's verifyActions clears too.
function simplify(a: PodActions) {
  return { killPod: a.killPod, createSandbox: a.createSandbox, sandboxId: a.sandboxId, attempt: a.attempt, initContainersToStart: a.initContainersToStart, containersToStart: a.containersToStart, containersToKill: [...a.containersToKill.entries()].map(([id, k]) => [id, k.name]) };
}

const noAction = { killPod: false, createSandbox: false, sandboxId: 'sandboxID', attempt: 0, initContainersToStart: [], containersToStart: [], containersToKill: [] };

describe('computePodActions (TestComputePodActions)', () => {
  const cases: [string, (p: Pod) => void, (s: KubePodStatus) => void, ProbeResults, object][] = [
    ['everything is good; do nothing', () => {}, () => {}, probes(), noAction],
    ['start pod sandbox and all containers for a new pod', () => {}, (s) => { s.sandboxStatuses = []; s.containerStatuses = []; }, probes(),
      { ...noAction, killPod: true, createSandbox: true, sandboxId: '', attempt: 0, containersToStart: [0, 1, 2] }],
    ['restart exited containers if RestartPolicy == Always', (p) => (p.spec!.restartPolicy = 'Always'), (s) => {
      Object.assign(s.containerStatuses[0], { state: 'exited', exitCode: 0 });
      Object.assign(s.containerStatuses[1], { state: 'exited', exitCode: 111 });
    }, probes(), { ...noAction, containersToStart: [0, 1] }],
    ['restart failed containers if RestartPolicy == OnFailure', (p) => (p.spec!.restartPolicy = 'OnFailure'), (s) => {
      Object.assign(s.containerStatuses[0], { state: 'exited', exitCode: 0 });
      Object.assign(s.containerStatuses[1], { state: 'exited', exitCode: 111 });
    }, probes(), { ...noAction, containersToStart: [1] }],
    ["don't restart containers if RestartPolicy == Never", (p) => (p.spec!.restartPolicy = 'Never'), (s) => {
      Object.assign(s.containerStatuses[0], { state: 'exited', exitCode: 0 });
      Object.assign(s.containerStatuses[1], { state: 'exited', exitCode: 111 });
    }, probes(), noAction],
    ['Kill pod and recreate everything if the pod sandbox is dead, and RestartPolicy == Always', (p) => (p.spec!.restartPolicy = 'Always'), (s) => (s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY'), probes(),
      { ...noAction, killPod: true, createSandbox: true, attempt: 1, containersToStart: [0, 1, 2] }],
    ['Kill pod and recreate all containers (except for the succeeded one) if the pod sandbox is dead, and RestartPolicy == OnFailure', (p) => (p.spec!.restartPolicy = 'OnFailure'), (s) => {
      s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY';
      Object.assign(s.containerStatuses[1], { state: 'exited', exitCode: 0 });
    }, probes(), { ...noAction, killPod: true, createSandbox: true, attempt: 1, containersToStart: [0, 2] }],
    ['Kill pod and recreate all containers if the PodSandbox does not have an IP', () => {}, (s) => (s.sandboxStatuses[0].ip = ''), probes(),
      { ...noAction, killPod: true, createSandbox: true, attempt: 1, containersToStart: [0, 1, 2] }],
    ["Kill and recreate the container if the container's spec changed", (p) => (p.spec!.restartPolicy = 'Always'), (s) => (s.containerStatuses[1].hash = '432423432'), probes(),
      { ...noAction, containersToKill: [['id2', 'foo2']], containersToStart: [1] }],
    ['Kill and recreate the container if the liveness check has failed', (p) => (p.spec!.restartPolicy = 'Always'), () => {}, probes({ id2: 'Failure' }),
      { ...noAction, containersToKill: [['id2', 'foo2']], containersToStart: [1] }],
    ['Kill and recreate the container if the startup check has failed', (p) => (p.spec!.restartPolicy = 'Always'), () => {}, probes({}, { id2: 'Failure' }),
      { ...noAction, containersToKill: [['id2', 'foo2']], containersToStart: [1] }],
    ['Verify we do not create a pod sandbox if no ready sandbox for pod with RestartPolicy=Never and all containers exited', (p) => (p.spec!.restartPolicy = 'Never'), (s) => {
      s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY';
      s.sandboxStatuses[0].metadata.attempt = 1;
      for (const c of s.containerStatuses) Object.assign(c, { state: 'exited', exitCode: 0 });
    }, probes(), { ...noAction, attempt: 2, createSandbox: false, killPod: true }],
    ['Verify we do not create a pod sandbox if no ready sandbox for pod with RestartPolicy=OnFailure and all containers succeeded', (p) => (p.spec!.restartPolicy = 'OnFailure'), (s) => {
      s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY';
      s.sandboxStatuses[0].metadata.attempt = 1;
      for (const c of s.containerStatuses) Object.assign(c, { state: 'exited', exitCode: 0 });
    }, probes(), { ...noAction, attempt: 2, createSandbox: false, killPod: true }],
    ['Verify we create a pod sandbox if no ready sandbox for pod with RestartPolicy=Never and no containers have ever been created', (p) => (p.spec!.restartPolicy = 'Never'), (s) => {
      s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY';
      s.sandboxStatuses[0].metadata.attempt = 2;
      s.containerStatuses = [];
    }, probes(), { ...noAction, attempt: 3, createSandbox: true, killPod: true, containersToStart: [0, 1, 2] }],
    ['Kill and recreate the container if the container is in unknown state', (p) => (p.spec!.restartPolicy = 'Never'), (s) => (s.containerStatuses[1].state = 'unknown'), probes(),
      { ...noAction, containersToKill: [['id2', 'foo2']], containersToStart: [1] }],
  ];
  for (const [desc, mutatePod, mutateStatus, results, want] of cases) {
    it(desc, () => {
      const [pod, status] = makeBasePodAndStatus();
      mutatePod(pod);
      mutateStatus(status);
      expect(simplify(computePodActions(pod, status, results))).toEqual(want);
    });
  }

  it('says why it kills: the liveness failure, and that it will restart', () => {
    const [pod, status] = makeBasePodAndStatus();
    const a = computePodActions(pod, status, probes({ id2: 'Failure' }));
    expect(a.containersToKill.get('id2')).toMatchObject({ message: 'Container foo2 failed liveness probe, will be restarted', reason: 'LivenessProbe' });
  });
});

function makeBasePodAndStatusWithInitContainers(): [Pod, KubePodStatus] {
  const [pod, status] = makeBasePodAndStatus();
  pod.spec!.initContainers = [{ name: 'init1', image: 'bar-image' }, { name: 'init2', image: 'bar-image' }, { name: 'init3', image: 'bar-image' }];
  status.containerStatuses = ['init1', 'init2', 'init3'].map((n, i) => cs(`initid${i + 1}`, n, 'exited', hashContainer(pod.spec!.initContainers![0])));
  return [pod, status];
}

describe('computePodActions with init containers (TestComputePodActionsWithInitContainers)', () => {
  const cases: [string, (p: Pod) => void, (s: KubePodStatus) => void, object][] = [
    ['initialization completed; start all containers', () => {}, () => {}, { ...noAction, containersToStart: [0, 1, 2] }],
    ['no init containers have been started; start the first one', () => {}, (s) => (s.containerStatuses = []), { ...noAction, initContainersToStart: [0] }],
    ['initialization in progress; do nothing', (p) => (p.spec!.restartPolicy = 'Always'), (s) => (s.containerStatuses[2].state = 'running'), noAction],
    ['Kill pod and restart the first init container if the pod sandbox is dead', (p) => (p.spec!.restartPolicy = 'Always'), (s) => (s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY'),
      { ...noAction, killPod: true, createSandbox: true, attempt: 1, initContainersToStart: [0] }],
    ['initialization failed; restart the last init container if RestartPolicy == Always', (p) => (p.spec!.restartPolicy = 'Always'), (s) => (s.containerStatuses[2].exitCode = 137), { ...noAction, initContainersToStart: [2] }],
    ['initialization failed; restart the last init container if RestartPolicy == OnFailure', (p) => (p.spec!.restartPolicy = 'OnFailure'), (s) => (s.containerStatuses[2].exitCode = 137), { ...noAction, initContainersToStart: [2] }],
    ['initialization failed; kill pod if RestartPolicy == Never', (p) => (p.spec!.restartPolicy = 'Never'), (s) => (s.containerStatuses[2].exitCode = 137), { ...noAction, killPod: true }],
    ['init container state unknown; kill and recreate the last init container if RestartPolicy == Always', (p) => (p.spec!.restartPolicy = 'Always'), (s) => (s.containerStatuses[2].state = 'unknown'),
      { ...noAction, initContainersToStart: [2], containersToKill: [['initid3', 'init3']] }],
    ['init container state unknown; kill pod if RestartPolicy == Never', (p) => (p.spec!.restartPolicy = 'Never'), (s) => (s.containerStatuses[2].state = 'unknown'), { ...noAction, killPod: true }],
    ['Pod sandbox not ready, init container failed, but RestartPolicy == Never; kill pod only', (p) => (p.spec!.restartPolicy = 'Never'), (s) => (s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY'),
      { ...noAction, killPod: true, createSandbox: false, attempt: 1 }],
    ['Pod sandbox not ready, and RestartPolicy == Never, but no visible init containers;  create a new pod sandbox', (p) => (p.spec!.restartPolicy = 'Never'), (s) => {
      s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY';
      s.containerStatuses = [];
    }, { ...noAction, killPod: true, createSandbox: true, attempt: 1, initContainersToStart: [0] }],
    ['Pod sandbox not ready, init container failed, and RestartPolicy == OnFailure; create a new pod sandbox', (p) => (p.spec!.restartPolicy = 'OnFailure'), (s) => {
      s.sandboxStatuses[0].state = 'SANDBOX_NOTREADY';
      s.containerStatuses[2].exitCode = 137;
    }, { ...noAction, killPod: true, createSandbox: true, attempt: 1, initContainersToStart: [0] }],
    ["some of the init container statuses are missing but the last init container is running, don't restart preceding ones", (p) => (p.spec!.restartPolicy = 'Always'), (s) => {
      s.containerStatuses[2].state = 'running';
      s.containerStatuses = s.containerStatuses.slice(2);
    }, noAction],
  ];
  for (const [desc, mutatePod, mutateStatus, want] of cases) {
    it(desc, () => {
      const [pod, status] = makeBasePodAndStatusWithInitContainers();
      mutatePod(pod);
      mutateStatus(status);
      expect(simplify(computePodActions(pod, status, probes()))).toEqual(want);
    });
  }
});

function makeBasePodAndStatusWithRestartableInitContainers(): [Pod, KubePodStatus] {
  const [pod, status] = makeBasePodAndStatus();
  const probe = { exec: { command: ['test'] } };
  pod.spec!.initContainers = [
    { name: 'restartable-init-1', image: 'bar-image', restartPolicy: 'Always' },
    { name: 'restartable-init-2', image: 'bar-image', restartPolicy: 'Always', livenessProbe: probe, startupProbe: probe },
    { name: 'restartable-init-3', image: 'bar-image', restartPolicy: 'Always', livenessProbe: probe, startupProbe: probe },
  ];
  status.containerStatuses = pod.spec!.initContainers.map((c, i) => cs(`initid${i + 1}`, c.name, 'running', hashContainer(c)));
  return [pod, status];
}

describe('computePodActions with sidecars (TestComputePodActionsWithRestartableInitContainers)', () => {
  const ok: Record<string, ProbeResult> = { initid2: 'Success', initid3: 'Success' };
  const cases: [string, (s: KubePodStatus) => void, ProbeResults, object][] = [
    ['initialization completed; start all containers', () => {}, probes(ok, ok), { ...noAction, containersToStart: [0, 1, 2] }],
    ['no init containers have been started; start the first one', (s) => (s.containerStatuses = []), probes(ok, ok), { ...noAction, initContainersToStart: [0] }],
    ['initialization in progress; do nothing', (s) => (s.containerStatuses[2].state = 'created'), probes(ok, ok), noAction],
    ['restartable init container has started; start the next', (s) => (s.containerStatuses = s.containerStatuses.slice(0, 1)), probes(ok, ok), { ...noAction, initContainersToStart: [1] }],
    ['livenessProbe has not been run; start the nothing', (s) => (s.containerStatuses = s.containerStatuses.slice(0, 2)), probes({ initid3: 'Success' }, ok), { ...noAction, initContainersToStart: [2] }],
    ['livenessProbe in progress; start the next', (s) => (s.containerStatuses = s.containerStatuses.slice(0, 2)), probes({ initid2: 'Unknown' }, ok), { ...noAction, initContainersToStart: [2] }],
    ['kill and recreate the restartable init container if the liveness check has failed', () => {}, probes({ ...ok, initid3: 'Failure' }, ok),
      { ...noAction, initContainersToStart: [2], containersToKill: [['initid3', 'restartable-init-3']], containersToStart: [0, 1, 2] }],
    ['startupProbe has not been run; do nothing', (s) => (s.containerStatuses = s.containerStatuses.slice(0, 2)), probes(ok, { initid3: 'Success' }), noAction],
    ['startupProbe in progress; do nothing', (s) => (s.containerStatuses = s.containerStatuses.slice(0, 2)), probes(ok, { initid2: 'Unknown' }), noAction],
    ['startupProbe has completed; start the next', (s) => (s.containerStatuses = s.containerStatuses.slice(0, 2)), probes(ok, ok), { ...noAction, initContainersToStart: [2] }],
  ];
  for (const [desc, mutateStatus, results, want] of cases) {
    it(desc, () => {
      const [pod, status] = makeBasePodAndStatusWithRestartableInitContainers();
      pod.spec!.restartPolicy = 'Always';
      mutateStatus(status);
      expect(simplify(computePodActions(pod, status, results))).toEqual(want);
    });
  }
});
