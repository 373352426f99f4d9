import { describe, expect, it } from 'vitest';
import type { PodSummary } from '../../engine/apiserver/workload-view';
import { groupPodsByNode, podTone, shortPodName, toneCounts } from './pods';

const pod = (over: Partial<PodSummary>): PodSummary => ({ namespace: 'default', name: 'web-1', uid: 'u1', node: 'node-1', status: 'Running', phase: 'Running', ready: true, restarts: 0, podIP: '', owner: '', deleting: false, labels: {}, ...over });

describe('podTone', () => {
  it.each([
    [{}, 'running'],
    [{ ready: false }, 'unready'],
    [{ status: 'ContainerCreating', phase: 'Pending', ready: false }, 'pending'],
    [{ status: 'Init:0/1', phase: 'Pending', ready: false }, 'pending'],
    [{ status: 'PodInitializing', phase: 'Pending', ready: false }, 'pending'],
    [{ status: 'CrashLoopBackOff', ready: false }, 'failed'],
    [{ status: 'Init:CrashLoopBackOff', phase: 'Pending', ready: false }, 'failed'],
    [{ status: 'ImagePullBackOff', phase: 'Pending', ready: false }, 'failed'],
    [{ status: 'OOMKilled', ready: false }, 'failed'],
    [{ status: 'Init:ExitCode:1', phase: 'Pending', ready: false }, 'failed'],
    [{ status: 'Signal:9', ready: false }, 'failed'],
    [{ status: 'Terminating', deleting: true }, 'terminating'],
    [{ status: 'Completed', phase: 'Succeeded', ready: false }, 'done'],
    [{ status: 'Error', phase: 'Failed', ready: false }, 'failed'],
  ] as [Partial<PodSummary>, string][])('%o is %s', (over, tone) => {
    expect(podTone(pod(over))).toBe(tone);
  });
});

describe('shortPodName', () => {
  it('keeps short names and the distinguishing suffix of long ones', () => {
    expect(shortPodName('db-0')).toBe('db-0');
    expect(shortPodName('web-7957885594-b45jd')).toBe('web-79…b45jd');
    expect(shortPodName('web-7957885594-b45jd').length).toBeLessThanOrEqual(12);
  });
});

describe('groupPodsByNode', () => {
  it('groups by node in name order, unscheduled under ""', () => {
    const g = groupPodsByNode([pod({ name: 'b', uid: 'b' }), pod({ name: 'a', uid: 'a' }), pod({ name: 'p', uid: 'p', node: '' })]);
    expect(g.get('node-1')!.pods.map((p) => p.name)).toEqual(['a', 'b']);
    expect(g.get('')!.pods.map((p) => p.name)).toEqual(['p']);
  });

  it('keeps a node’s array while its pods look the same, and makes a new one when one changes', () => {
    const first = groupPodsByNode([pod({ uid: 'a', name: 'a' }), pod({ uid: 'b', name: 'b', node: 'node-2' })]);
    const same = groupPodsByNode([pod({ uid: 'a', name: 'a', podIP: '10.244.1.9' }), pod({ uid: 'b', name: 'b', node: 'node-2', restarts: 1 })], first);
    expect(same.get('node-1')).toBe(first.get('node-1'));
    expect(same.get('node-2')).not.toBe(first.get('node-2'));
  });
});

describe('toneCounts', () => {
  it('counts each tone', () => {
    expect(toneCounts([pod({}), pod({ ready: false }), pod({ deleting: true })])).toMatchObject({ running: 1, unready: 1, terminating: 1, failed: 0 });
  });
});
