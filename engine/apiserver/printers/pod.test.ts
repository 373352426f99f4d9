import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodSpec, PodStatus } from '../../api/types';
import { printPod } from './pod';

// pkg/printers/internalversion/printers_test.go TestPrintPod and
// TestPrintPodWithRestartableInitContainer, transcribed: `time.Now().Add(-10s)` is `ago(10 * s)`
// against a fixed clock. Upstream compares the five narrow cells (GenerateOptions{}).
const now = Date.parse('2025-01-01T00:00:00Z');
const s = 1000;
const d = 24 * 3600 * s;
const ago = (ms: number) => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const deleteTime = ago(10 * s);

const containers = (n: number) => Array.from({ length: n }, () => ({ name: '' }));
const cs = (x: Partial<ContainerStatus>): ContainerStatus => ({ name: '', ready: false, restartCount: 0, image: '', imageID: '', ...x });
function pod(name: string, spec: Partial<PodSpec>, status: PodStatus, deletionTimestamp?: string): Pod {
  return { metadata: { name, ...(deletionTimestamp ? { deletionTimestamp } : {}) }, spec: { containers: [], ...spec }, status };
}
const running = { running: {} };
const finishedAgo = (ms: number) => ({ terminated: { exitCode: 0, finishedAt: ago(ms) } });

const cases: [Pod, unknown[], string?][] = [
  [pod('test1', { containers: containers(2) }, { phase: 'podPhase' as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }), ['test1', '1/2', 'podPhase', '6', '<unknown>']],
  [
    pod('test2', { containers: containers(2) }, { phase: 'podPhase' as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 })] }),
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    pod('test3', { containers: containers(2) }, {
      phase: 'podPhase' as never,
      containerStatuses: [cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }), cs({ state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } }, restartCount: 3 })],
    }),
    ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [pod('test4', { containers: containers(2) }, { phase: 'podPhase' as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }), ['test4', '1/2', 'podPhase', '6', '<unknown>']],
  [
    pod('test5', { containers: containers(2) }, { reason: 'podReason', phase: 'podPhase' as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }),
    ['test5', '1/2', 'podReason', '6', '<unknown>'],
  ],
  [
    pod('test6', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: running })],
    }),
    ['test6', '1/2', 'NotReady', '6', '<unknown>'],
  ],
  [
    pod('test6', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: running })],
      conditions: [{ type: 'Ready', status: 'True', lastProbeTime: ago(0) }],
    }),
    ['test6', '1/2', 'Running', '6', '<unknown>'],
  ],
  [
    pod('test7', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'podPhase' as never,
      initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: finishedAgo(10 * s) })],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test8', { initContainers: containers(2), containers: containers(1) }, {
      phase: 'podPhase' as never,
      initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: finishedAgo(10 * s) }), cs({ state: { waiting: {} } })],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test9', { initContainers: containers(2), containers: containers(1) }, {
      phase: 'podPhase' as never,
      initContainerStatuses: [cs({ state: { terminated: { exitCode: 0 } } }), cs({ restartCount: 3, state: running, lastState: finishedAgo(10 * s) })],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test10', { initContainers: containers(2), containers: containers(1) }, {
      phase: 'podPhase' as never,
      initContainerStatuses: [
        cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: finishedAgo(2 * 60 * s) }),
        cs({ restartCount: 3, state: running, lastState: finishedAgo(10 * s) }),
      ],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
  ],
  [
    pod('test11', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'Running',
      initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: finishedAgo(2 * 60 * s) })],
      containerStatuses: [cs({ restartCount: 4, state: running, lastState: finishedAgo(20 * s) })],
    }),
    ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
  ],
  [
    pod('test12', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: finishedAgo(5 * d) })] }),
    ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
  ],
  [
    pod('test13', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, state: running }), cs({ ready: true, restartCount: 3, state: running, lastState: finishedAgo(10 * d) })],
    }),
    ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
  ],
  [
    pod('test14', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, restartCount: 6, state: running, lastState: finishedAgo(5 * d) }), cs({ ready: true, restartCount: 3, state: running, lastState: finishedAgo(20 * d) })],
    }),
    ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
  ],
  [
    pod('test15', { containers: containers(2) }, { phase: 'podPhase' as never, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
  ],
  [
    pod('test16', { containers: containers(1) }, { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }),
    ['test16', '0/1', 'Completed', '0', '<unknown>'],
    'Succeeded',
  ],
  [
    pod('test17', { containers: containers(1) }, { phase: 'Failed', containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })] }),
    ['test17', '0/1', 'Error', '0', '<unknown>'],
    'Failed',
  ],
  [
    pod('test18', { containers: containers(1) }, { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }, deleteTime),
    ['test18', '0/1', 'Completed', '0', '<unknown>'],
    'Succeeded',
  ],
  [pod('test19', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ state: running })] }, deleteTime), ['test19', '0/1', 'Terminating', '0', '<unknown>']],
  [pod('test20', { containers: containers(1) }, { phase: 'Pending' }, deleteTime), ['test20', '0/1', 'Terminating', '0', '<unknown>']],
];

describe('printPod (TestPrintPod)', () => {
  it.each(cases.map((c, i) => [i, ...c] as const))('case %d', (_i, p, want, completed) => {
    const row = printPod(p, now);
    expect(row.cells.slice(0, 5)).toEqual(want);
    if (completed === 'Succeeded') expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    else if (completed === 'Failed') expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    else expect(row.conditions).toBeUndefined();
  });
});

describe('printPod wide cells', () => {
  it('prints <none> for a pod not yet scheduled and the readiness gates that are true', () => {
    const p = pod('web', { containers: containers(1), readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] }, {
      phase: 'Pending',
      conditions: [{ type: 'a', status: 'True' }],
    });
    expect(printPod(p, now).cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '1/2']);
    const q = pod('web', { containers: containers(1), nodeName: 'node-1' }, { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }], nominatedNodeName: 'node-2' });
    expect(printPod(q, now).cells.slice(5)).toEqual(['10.0.0.5', 'node-1', 'node-2', '<none>']);
  });

  it('reports CrashLoopBackOff, NodeLost as Unknown, and the AGE of the pod', () => {
    const p: Pod = {
      metadata: { name: 'crash', creationTimestamp: ago(3 * 3600 * s + 4 * 60 * s) },
      spec: { containers: containers(1) },
      status: { phase: 'Running', containerStatuses: [cs({ restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: finishedAgo(5 * 60 * s) })] },
    };
    expect(printPod(p, now).cells.slice(0, 5)).toEqual(['crash', '0/1', 'CrashLoopBackOff', '5 (5m ago)', '3h4m']);
    const lost = pod('lost', { containers: containers(1) }, { phase: 'Running', reason: 'NodeLost' }, deleteTime);
    expect(printPod(lost, now).cells[2]).toBe('Unknown');
  });
});

describe('printPod (TestPrintPodWithRestartableInitContainer)', () => {
  const sidecars = [
    { name: 'restartable-init-1', restartPolicy: 'Always' as const },
    { name: 'restartable-init-2', restartPolicy: 'Always' as const },
  ];
  it('counts sidecars that have not started as initializing', () => {
    const p = pod('test1', { initContainers: sidecars, containers: containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [
        cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: false, lastState: finishedAgo(10 * s) }),
        cs({ name: 'restartable-init-2', state: { waiting: {} }, started: false }),
      ],
      containerStatuses: [cs({ state: { waiting: {} } })],
      conditions: [{ type: 'Initialized', status: 'False' }],
    });
    expect(printPod(p, now).cells.slice(0, 5)).toEqual(['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>']);
  });

  it('counts a started, ready sidecar among the ready containers once initialized', () => {
    const p = pod('test2', { initContainers: sidecars, containers: containers(1) }, {
      phase: 'Running',
      initContainerStatuses: [
        cs({ name: 'restartable-init-1', ready: true, restartCount: 3, state: running, started: true, lastState: finishedAgo(10 * s) }),
        cs({ name: 'restartable-init-2', ready: true, state: running, started: true }),
      ],
      containerStatuses: [cs({ ready: true, restartCount: 4, state: running, lastState: finishedAgo(20 * s) })],
      conditions: [{ type: 'Initialized', status: 'True' }],
    });
    expect(printPod(p, now).cells.slice(0, 5)).toEqual(['test2', '3/3', 'Running', '7 (10s ago)', '<unknown>']);
  });
});
