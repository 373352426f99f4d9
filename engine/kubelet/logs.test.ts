// kubectl logs through the kubelet: which instance (pkg/kubelet/kubelet_pods_test.go
// TestValidateContainerLogStatus) and PodLogOptions.

import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../api/types';
import { readLogs, validateContainerLogStatus } from './logs';

const cs = (state: ContainerStatus['state'], lastState: ContainerStatus['lastState'] = {}, containerID = ''): ContainerStatus => ({ name: 'c', state, lastState, ready: false, restartCount: 0, image: '', imageID: '', containerID });

describe('validateContainerLogStatus (TestValidateContainerLogStatus)', () => {
  const v = (s: ContainerStatus, previous = false) => validateContainerLogStatus('p', { containerStatuses: [s] }, 'c', previous);
  it('reads the running container, or the last terminated one', () => {
    expect(v(cs({ running: {} }, {}, 'containerd://run'))).toEqual({ id: 'containerd://run' });
    expect(v(cs({ running: {} }, { terminated: { exitCode: 1, containerID: 'containerd://old' } }, 'containerd://run'), true)).toEqual({ id: 'containerd://old' });
    expect(v(cs({ terminated: { exitCode: 0, containerID: 'containerd://done' } }))).toEqual({ id: 'containerd://done' });
    expect(v(cs({ waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1, containerID: 'containerd://old' } }))).toEqual({ id: 'containerd://old' });
  });
  it('explains why there is nothing to read', () => {
    expect(v(cs({ running: {} }, {}, 'containerd://run'), true)).toEqual({ error: 'previous terminated container "c" in pod "p" not found' });
    expect(v(cs({ waiting: { reason: 'ErrImagePull' } }))).toEqual({ error: 'container "c" in pod "p" is waiting to start: image can\'t be pulled' });
    expect(v(cs({ waiting: { reason: 'ImagePullBackOff' } }))).toEqual({ error: 'container "c" in pod "p" is waiting to start: trying and failing to pull image' });
    expect(v(cs({ waiting: { reason: 'ContainerCreating' } }))).toEqual({ error: 'container "c" in pod "p" is waiting to start: ContainerCreating' });
    expect(validateContainerLogStatus('p', { containerStatuses: [] }, 'x', false)).toEqual({ error: 'container "x" in pod "p" is not available' });
  });
});

describe('readLogs', () => {
  const entries = [0, 1000, 2000, 3000].map((atMs, i) => ({ atMs, stream: 'stdout' as const, line: `line ${i}` }));
  const epoch = Date.UTC(2025, 0, 1);
  it('applies tailLines, sinceSeconds, timestamps and limitBytes', () => {
    expect(readLogs(entries, {}, epoch, 3000)).toBe('line 0\nline 1\nline 2\nline 3\n');
    expect(readLogs(entries, { tailLines: 2 }, epoch, 3000)).toBe('line 2\nline 3\n');
    expect(readLogs(entries, { sinceSeconds: 1 }, epoch, 3000)).toBe('line 2\nline 3\n');
    expect(readLogs(entries.slice(1, 2), { timestamps: true }, epoch, 3000)).toBe('2025-01-01T00:00:01Z line 1\n');
    expect(readLogs(entries, { limitBytes: 9 }, epoch, 3000)).toBe('line 0\nli');
  });
});
