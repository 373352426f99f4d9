// Pod phase, conditions and the status manager. getPhase cases are ported from
// pkg/kubelet/kubelet_pods_test.go (TestPodPhaseWithRestartAlways, …InitContainers,
// …RestartableInitContainers, …AndPodHasRun, TestPodPhaseWithRestartNever); conditions from
// pkg/kubelet/status/generate_test.go; the status manager from status_manager_test.go
// (TestNewStatusSetsReadyTransitionTime, TestChangedStatusKeepsStartTime, TestMergePodStatus).

import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodPhase, PodSpec, PodStatus } from '../../api/types';
import { generateContainersReadyCondition, generatePodInitializedCondition, generatePodReadyCondition } from './generate';
import { getPhase } from './phase';
import { mergePodStatus, StatusManager } from './status-manager';

const base = { ready: false, restartCount: 0, image: '', imageID: '' };
const running = (name: string): ContainerStatus => ({ ...base, name, state: { running: {} } });
const started = (name: string): ContainerStatus => ({ ...running(name), started: true });
const stopped = (name: string): ContainerStatus => ({ ...base, name, state: { terminated: { exitCode: 0 } } });
const succeeded = stopped;
const failed = (name: string): ContainerStatus => ({ ...base, name, state: { terminated: { exitCode: -1 } } });
const waiting = (name: string): ContainerStatus => ({ ...base, name, state: { waiting: { reason: 'Waiting' } } });
const waitingLastZero = (name: string): ContainerStatus => ({ ...waiting(name), lastState: { terminated: { exitCode: 0 } } });
const waitingLastNonZero = (name: string): ContainerStatus => ({ ...waiting(name), lastState: { terminated: { exitCode: -1 } } });

function pod(spec: Partial<PodSpec>): Pod {
  return { metadata: { uid: 'u', name: 'p', namespace: 'ns' }, spec: { containers: [], ...spec } };
}

type PhaseCase = [string, ContainerStatus[], boolean, PodPhase];

function phases(spec: Partial<PodSpec>, cases: PhaseCase[]) {
  for (const [name, statuses, terminal, want] of cases) it(name, () => expect(getPhase(pod(spec), statuses, terminal)).toBe(want));
}

describe('getPhase', () => {
  const ab = [{ name: 'containerA' }, { name: 'containerB' }];
  describe('TestPodPhaseWithRestartAlways', () => {
    phases({ containers: ab, restartPolicy: 'Always' }, [
      ['waiting', [], false, 'Pending'],
      ['all running', [running('containerA'), running('containerB')], false, 'Running'],
      ['all stopped with restart always', [stopped('containerA'), stopped('containerB')], false, 'Running'],
      ['all succeeded with restart always, but the pod is terminal', [succeeded('containerA'), succeeded('containerB')], true, 'Succeeded'],
      ['all stopped with restart always, but the pod is terminal', [succeeded('containerA'), failed('containerB')], true, 'Failed'],
      ['mixed state #1 with restart always', [running('containerA'), stopped('containerB')], false, 'Running'],
      ['mixed state #2 with restart always', [running('containerA')], false, 'Pending'],
      ['mixed state #3 with restart always', [running('containerA'), waiting('containerB')], false, 'Pending'],
      ['backoff crashloop container with restart always', [running('containerA'), waitingLastZero('containerB')], false, 'Running'],
    ]);
  });
  describe('TestPodPhaseWithRestartAlwaysInitContainers', () => {
    phases({ initContainers: [{ name: 'containerX' }], containers: ab, restartPolicy: 'Always' }, [
      ['empty, waiting', [], false, 'Pending'],
      ['init container running', [running('containerX')], false, 'Pending'],
      ['init container terminated non-zero', [failed('containerX')], false, 'Pending'],
      ['init container waiting, terminated zero', [waitingLastZero('containerX')], false, 'Pending'],
      ['init container waiting, terminated non-zero', [waitingLastNonZero('containerX')], false, 'Pending'],
      ['init container waiting, not terminated', [waiting('containerX')], false, 'Pending'],
      ['init container succeeded', [succeeded('containerX'), running('containerA'), running('containerB')], false, 'Running'],
    ]);
  });
  describe('TestPodPhaseWithRestartAlwaysRestartableInitContainers', () => {
    phases({ initContainers: [{ name: 'containerX', restartPolicy: 'Always' }], containers: ab, restartPolicy: 'Always' }, [
      ['empty, waiting', [], false, 'Pending'],
      ['restartable init container running', [running('containerX')], false, 'Pending'],
      ['restartable init container stopped', [stopped('containerX')], false, 'Pending'],
      ['restartable init container waiting, terminated zero', [waitingLastZero('containerX')], false, 'Pending'],
      ['restartable init container waiting, terminated non-zero', [waitingLastNonZero('containerX')], false, 'Pending'],
      ['restartable init container waiting, not terminated', [waiting('containerX')], false, 'Pending'],
      ['restartable init container started, 1/2 regular container running', [started('containerX'), running('containerA')], false, 'Pending'],
      ['restartable init container started, all regular containers running', [started('containerX'), running('containerA'), running('containerB')], false, 'Running'],
      ['restartable init container running, all regular containers running', [running('containerX'), running('containerA'), running('containerB')], false, 'Running'],
      ['restartable init container stopped, all regular containers running', [stopped('containerX'), running('containerA'), running('containerB')], false, 'Running'],
      ['backoff crashloop restartable init container, all regular containers running', [waitingLastZero('containerX'), running('containerA'), running('containerB')], false, 'Running'],
      ['all regular containers succeeded and restartable init container failed with restart always, but the pod is terminal', [failed('containerX'), succeeded('containerA'), succeeded('containerB')], true, 'Succeeded'],
    ]);
  });
  describe('TestPodPhaseWithRestartAlwaysAndPodHasRun', () => {
    phases({ initContainers: [{ name: 'containerX' }, { name: 'containerY', restartPolicy: 'Always' }], containers: [{ name: 'containerA' }], restartPolicy: 'Always' }, [
      ['regular init containers, restartable init container and regular container are all running', [running('containerX'), running('containerY'), running('containerA')], false, 'Pending'],
      ['regular containers is stopped, restartable init container and regular int container are both running', [running('containerX'), running('containerY'), stopped('containerA')], false, 'Pending'],
      ['regular init container is succeeded, restartable init container is running, regular containers is stopped', [succeeded('containerX'), running('containerY'), stopped('containerA')], false, 'Running'],
      ['regular init container is succeeded, restartable init container and regular containers are both running', [succeeded('containerX'), running('containerY'), running('containerA')], false, 'Running'],
    ]);
  });
  describe('TestPodPhaseWithRestartNever', () => {
    phases({ containers: ab, restartPolicy: 'Never' }, [
      ['waiting', [], false, 'Pending'],
      ['all running with restart never', [running('containerA'), running('containerB')], false, 'Running'],
      ['all succeeded with restart never', [succeeded('containerA'), succeeded('containerB')], false, 'Succeeded'],
      ['all failed with restart never', [failed('containerA'), failed('containerB')], false, 'Failed'],
      ['mixed state #1 with restart never', [running('containerA'), succeeded('containerB')], false, 'Running'],
      ['mixed state #2 with restart never', [running('containerA')], false, 'Pending'],
      ['mixed state #3 with restart never', [running('containerA'), waiting('containerB')], false, 'Pending'],
    ]);
  });
  describe('TestPodPhaseWithRestartOnFailure', () => {
    phases({ containers: ab, restartPolicy: 'OnFailure' }, [
      ['all succeeded with restart onfailure', [succeeded('containerA'), succeeded('containerB')], false, 'Succeeded'],
      ['all failed with restart onfailure', [failed('containerA'), failed('containerB')], false, 'Running'],
      ['backoff crashloop container with restart onfailure', [running('containerA'), waitingLastZero('containerB')], false, 'Running'],
    ]);
  });
});

describe('pod conditions (generate_test.go)', () => {
  const ready = (name: string): ContainerStatus => ({ ...base, name, ready: true });
  const notReady = (name: string): ContainerStatus => ({ ...base, name });
  const cases: [string, Partial<PodSpec>, ContainerStatus[] | undefined, PodPhase, object][] = [
    ['no statuses at all', {}, undefined, 'Running', { status: 'False', reason: 'UnknownContainerStatuses' }],
    ['no containers', {}, [], 'Running', { status: 'True' }],
    ['a container without status', { containers: [{ name: '1234' }] }, [], 'Running', { status: 'False', reason: 'ContainersNotReady', message: 'containers with unknown status: [1234]' }],
    ['all ready', { containers: [{ name: '1234' }, { name: '5678' }] }, [ready('1234'), ready('5678')], 'Running', { status: 'True' }],
    ['one unknown', { containers: [{ name: '1234' }, { name: '5678' }] }, [ready('1234')], 'Running', { status: 'False', reason: 'ContainersNotReady', message: 'containers with unknown status: [5678]' }],
    ['one unready', { containers: [{ name: '1234' }, { name: '5678' }] }, [ready('1234'), notReady('5678')], 'Running', { status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [5678]' }],
    ['succeeded', { containers: [{ name: '1234' }] }, [notReady('1234')], 'Succeeded', { status: 'False', reason: 'PodCompleted' }],
    ['unready sidecar', { initContainers: [{ name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'app' }] }, [notReady('side'), ready('app')], 'Running', { status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [side]' }],
  ];
  for (const [name, spec, statuses, phase, want] of cases) {
    it(`Ready: ${name}`, () => expect(generatePodReadyCondition(pod(spec), [], statuses, phase)).toEqual({ type: 'Ready', ...want }));
    it(`ContainersReady: ${name}`, () => expect(generateContainersReadyCondition(pod(spec), statuses, phase)).toEqual({ type: 'ContainersReady', ...want }));
  }

  it('Ready waits for readiness gates', () => {
    const p = pod({ containers: [{ name: 'a' }], readinessGates: [{ conditionType: 'example.com/lb' }] });
    expect(generatePodReadyCondition(p, [], [ready('a')], 'Running')).toEqual({ type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    expect(generatePodReadyCondition(p, [{ type: 'example.com/lb', status: 'False' }], [ready('a')], 'Running').message).toBe('the status of pod readiness gate "example.com/lb" is not "True", but False');
    expect(generatePodReadyCondition(p, [{ type: 'example.com/lb', status: 'True' }], [ready('a')], 'Running').status).toBe('True');
  });

  it('Initialized: init containers complete, sidecars started', () => {
    const p = pod({ initContainers: [{ name: 'init' }, { name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'app' }] });
    expect(generatePodInitializedCondition(p, [ready('init')], 'Pending')).toEqual({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with unknown status: [side]' });
    expect(generatePodInitializedCondition(p, [notReady('init'), running('side')], 'Pending')).toEqual({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init side]' });
    expect(generatePodInitializedCondition(p, [ready('init'), started('side')], 'Pending')).toEqual({ type: 'Initialized', status: 'True' });
    expect(generatePodInitializedCondition(p, [ready('init'), started('side')], 'Succeeded')).toEqual({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
    expect(generatePodInitializedCondition(pod({ containers: [{ name: 'app' }] }), undefined, 'Pending')).toEqual({ type: 'Initialized', status: 'True' });
  });
});

describe('StatusManager', () => {
  const epoch = Date.UTC(2025, 0, 1);
  const cond = (type: string, status: 'True' | 'False') => ({ type, status });
  const p = pod({ containers: [{ name: 'a' }] });

  it('sets transition times when a condition changes and keeps them while it does not (TestNewStatusSetsReadyTransitionTime)', () => {
    let now = 5000;
    const m = new StatusManager(() => now, epoch);
    m.setPodStatus(p, { phase: 'Pending', conditions: [cond('Ready', 'False')] });
    expect(m.getPodStatus('u')!.conditions![0].lastTransitionTime).toBe('2025-01-01T00:00:05Z');
    now = 9000;
    m.setPodStatus(p, { phase: 'Pending', conditions: [cond('Ready', 'False')] });
    expect(m.getPodStatus('u')!.conditions![0].lastTransitionTime).toBe('2025-01-01T00:00:05Z');
    now = 12000;
    m.setPodStatus(p, { phase: 'Running', conditions: [cond('Ready', 'True')] });
    expect(m.getPodStatus('u')!.conditions![0].lastTransitionTime).toBe('2025-01-01T00:00:12Z');
  });

  it('keeps the start time across updates (TestChangedStatusKeepsStartTime)', () => {
    let now = 1000;
    const m = new StatusManager(() => now, epoch);
    m.setPodStatus(p, { phase: 'Pending' });
    now = 60_000;
    m.setPodStatus(p, { phase: 'Running' });
    expect(m.getPodStatus('u')!.startTime).toBe('2025-01-01T00:00:01Z');
  });

  it('hands out a status only when it changed', () => {
    const m = new StatusManager(() => 0, epoch);
    m.setPodStatus(p, { phase: 'Pending' });
    expect(m.takeUpdates(() => true)).toHaveLength(1);
    m.setPodStatus(p, { phase: 'Pending' });
    expect(m.takeUpdates(() => true)).toHaveLength(0);
  });

  it('posts its status again when the API\'s copy disagrees in what the kubelet owns', () => {
    const m = new StatusManager(() => 0, epoch);
    const mine: PodStatus = { phase: 'Running', conditions: [cond('Ready', 'True'), cond('ContainersReady', 'True')] };
    m.setPodStatus(p, mine);
    const [posted] = m.takeUpdates(() => true);
    // The API has what was posted: nothing to reconcile.
    m.updatePod({ ...p, status: posted!.status });
    m.reconcile();
    expect(m.takeUpdates(() => true)).toHaveLength(0);
    // A condition the kubelet does not own changes: still nothing.
    m.updatePod({ ...p, status: { ...posted!.status, conditions: [...posted!.status.conditions!, cond('example.com/gate', 'False')] } });
    m.reconcile();
    expect(m.takeUpdates(() => true)).toHaveLength(0);
    // The node controller marked it NotReady while the node was unreachable: the kubelet's Ready comes back.
    const notReady = { ...posted!.status, conditions: posted!.status.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const, reason: 'NodeNotReady' } : c)) };
    m.updatePod({ ...p, status: notReady });
    m.reconcile();
    const again = m.takeUpdates(() => true);
    expect(again).toHaveLength(1);
    expect(again[0]!.status.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True' });
  });

  it('keeps conditions it does not own and holds a terminal phase while containers may run (TestMergePodStatus)', () => {
    const old: PodStatus = { phase: 'Running', conditions: [{ type: 'example.com/gate', status: 'True' }, { type: 'Ready', status: 'True' }] };
    const next: PodStatus = { phase: 'Failed', reason: 'DeadlineExceeded', conditions: [{ type: 'Ready', status: 'True' }] };
    const held = mergePodStatus(old, next, true);
    expect(held.phase).toBe('Running');
    expect(held.reason).toBeUndefined();
    expect(held.conditions!.map((c) => c.type)).toEqual(['example.com/gate', 'Ready']);
    const done = mergePodStatus(old, next, false);
    expect(done).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded' });
    expect(done.conditions![1]).toMatchObject({ type: 'Ready', status: 'False', reason: 'PodFailed' });
  });
});
