// Ports of pkg/quota/v1/evaluator/core/pods_test.go for kube 1.32 (TestPodConstraintsFunc,
// TestPodEvaluatorUsage, TestPodEvaluatorUsageStats, TestPodEvaluatorMatchingScopes; the pod-level
// resources and in-place resize cases are left out, their gates are off in 1.32), plus the sidecar
// rule of staging/src/k8s.io/component-helpers/resource/helpers_test.go.

import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodSpec, ResourceList, ScopedResourceSelectorRequirement } from '../api/types';
import { newPodEvaluator } from './pods';
import { equals, toQuantityList, toResourceList, type QuantityList } from './resources';

const nowMs = Date.parse('2026-01-01T00:10:00Z');
const evaluator = newPodEvaluator(() => nowMs);

const pod = (spec: Partial<PodSpec>, extra: Partial<Pod> = {}): Pod => ({ metadata: { name: 'p', namespace: 'test' }, spec: { containers: [], ...spec }, ...extra }) as Pod;
const ctr = (name: string, requests?: ResourceList, limits?: ResourceList, more: Partial<Container> = {}): Container => ({ name, resources: { requests, limits }, ...more });
const expectUsage = (actual: QuantityList, want: ResourceList) => {
  if (!equals(actual, toQuantityList(want))) expect(toResourceList(actual)).toEqual(toResourceList(toQuantityList(want)));
};

describe('pod quota evaluator', () => {
  it('Constraints: every container states what a cpu/memory quota tracks (TestPodConstraintsFunc)', () => {
    const cpuOnly = { cpu: '1m' };
    const cpuLimit = { cpu: '2m' };
    expect(evaluator.constraints(['memory'], pod({ initContainers: [ctr('dummy', cpuOnly, cpuLimit)] }))).toBe('must specify memory for: dummy');
    expect(evaluator.constraints(['memory'], pod({ initContainers: [ctr('foo', cpuOnly, cpuLimit), ctr('bar', cpuOnly, cpuLimit)] }))).toBe('must specify memory for: bar,foo');
    expect(evaluator.constraints(['memory'], pod({ containers: [ctr('dummy', cpuOnly, cpuLimit)] }))).toBe('must specify memory for: dummy');
    expect(evaluator.constraints(['memory'], pod({ containers: [ctr('foo', cpuOnly, cpuLimit), ctr('bar', cpuOnly, cpuLimit)] }))).toBe('must specify memory for: bar,foo');
    expect(evaluator.constraints(['memory', 'cpu'], pod({ containers: [ctr('foo'), ctr('bar')] }))).toBe('must specify cpu for: bar,foo; memory for: bar,foo');
    // requests.* and limits.* are named as such; ephemeral-storage and pods never require anything.
    expect(evaluator.constraints(['requests.cpu', 'limits.memory', 'pods', 'requests.ephemeral-storage'], pod({ containers: [ctr('web', { cpu: '1' })] }))).toBe('must specify limits.memory for: web');
    expect(evaluator.constraints(['requests.cpu'], pod({ containers: [ctr('web', { cpu: '1' })] }))).toBeNull();
  });

  it('Usage (TestPodEvaluatorUsage)', () => {
    expectUsage(evaluator.usage(pod({ initContainers: [ctr('i', { cpu: '1m' }, { cpu: '2m' })] })), { 'requests.cpu': '1m', 'limits.cpu': '2m', pods: '1', cpu: '1m', 'count/pods': '1' });
    expectUsage(evaluator.usage(pod({ initContainers: [ctr('i', { memory: '1m' }, { memory: '2m' })] })), { 'requests.memory': '1m', 'limits.memory': '2m', pods: '1', memory: '1m', 'count/pods': '1' });
    expectUsage(evaluator.usage(pod({ initContainers: [ctr('i', { 'ephemeral-storage': '32Mi' }, { 'ephemeral-storage': '64Mi' })] })), {
      'ephemeral-storage': '32Mi', 'requests.ephemeral-storage': '32Mi', 'limits.ephemeral-storage': '64Mi', pods: '1', 'count/pods': '1',
    });
    expectUsage(evaluator.usage(pod({ initContainers: [ctr('i', { 'hugepages-2Mi': '100Mi' })] })), { 'hugepages-2Mi': '100Mi', 'requests.hugepages-2Mi': '100Mi', pods: '1', 'count/pods': '1' });
    expectUsage(evaluator.usage(pod({ initContainers: [ctr('i', { 'example.com/dongle': '3' }, { 'example.com/dongle': '3' })] })), { 'requests.example.com/dongle': '3', pods: '1', 'count/pods': '1' });
    expectUsage(evaluator.usage(pod({ containers: [ctr('c', { cpu: '1m' }, { cpu: '2m' })] })), { 'requests.cpu': '1m', 'limits.cpu': '2m', pods: '1', cpu: '1m', 'count/pods': '1' });
    expectUsage(evaluator.usage(pod({ containers: [ctr('c', { 'hugepages-2Mi': '100Mi' })] })), { 'hugepages-2Mi': '100Mi', 'requests.hugepages-2Mi': '100Mi', pods: '1', 'count/pods': '1' });
    expectUsage(evaluator.usage(pod({ containers: [ctr('c', { 'example.com/dongle': '3' }, { 'example.com/dongle': '3' })] })), { 'requests.example.com/dongle': '3', pods: '1', 'count/pods': '1' });
  });

  it('Usage: a terminated pod still appears in count/pods only (TestPodEvaluatorUsage "terminated generic count still appears")', () => {
    const done = pod({ containers: [ctr('c', { 'example.com/dongle': '3' }, { 'example.com/dongle': '3' })] }, { status: { phase: 'Succeeded' } });
    expectUsage(evaluator.usage(done), { 'count/pods': '1' });
    expectUsage(evaluator.usage({ ...done, status: { phase: 'Failed' } } as Pod), { 'count/pods': '1' });
  });

  it('Usage: init container maximums override the sum of containers (TestPodEvaluatorUsage)', () => {
    const p = pod({
      initContainers: [
        ctr('i1', { cpu: '4', memory: '100M', 'example.com/dongle': '4' }, { cpu: '8', memory: '200M', 'example.com/dongle': '4' }),
        ctr('i2', { cpu: '1', memory: '50M', 'example.com/dongle': '2' }, { cpu: '2', memory: '100M', 'example.com/dongle': '2' }),
      ],
      containers: [
        ctr('c1', { cpu: '1', memory: '50M', 'example.com/dongle': '1' }, { cpu: '2', memory: '100M', 'example.com/dongle': '1' }),
        ctr('c2', { cpu: '2', memory: '25M', 'example.com/dongle': '2' }, { cpu: '5', memory: '50M', 'example.com/dongle': '2' }),
      ],
    });
    expectUsage(evaluator.usage(p), {
      'requests.cpu': '4', 'requests.memory': '100M', 'limits.cpu': '8', 'limits.memory': '200M', pods: '1', cpu: '4', memory: '100M', 'requests.example.com/dongle': '4', 'count/pods': '1',
    });
  });

  it('Usage: a pod stuck terminating past its grace period is not charged (TestPodEvaluatorUsage "pod deletion timestamp exceeded/not exceeded")', () => {
    const spec = { containers: [ctr('c', { cpu: '1', memory: '50M' }, { cpu: '2', memory: '100M' })] };
    const past = pod(spec, { metadata: { name: 'p', deletionTimestamp: '2026-01-01T00:09:00Z', deletionGracePeriodSeconds: 30 }, status: { reason: 'NodeLost' } });
    expectUsage(evaluator.usage(past), { 'count/pods': '1' });
    const within = pod({ containers: [ctr('c', { cpu: '1' }, { cpu: '2' })] }, { metadata: { name: 'p', deletionTimestamp: '2026-01-01T00:10:00Z', deletionGracePeriodSeconds: 30 } });
    expectUsage(evaluator.usage(within), { 'requests.cpu': '1', 'limits.cpu': '2', pods: '1', cpu: '1', 'count/pods': '1' });
  });

  it('Usage: the pod overhead is charged (TestPodEvaluatorUsage "count pod overhead as usage")', () => {
    const p = pod({ overhead: { cpu: '1' }, containers: [ctr('c', { cpu: '1' }, { cpu: '2' })] });
    expectUsage(evaluator.usage(p), { 'requests.cpu': '2', 'limits.cpu': '3', pods: '1', cpu: '2', 'count/pods': '1' });
    // PodLimits adds the overhead only to limits that are set and non-zero.
    const zeroLimit = pod({ overhead: { cpu: '1', memory: '10Mi' }, containers: [ctr('c', { cpu: '1' }, { cpu: '0' })] });
    expectUsage(evaluator.usage(zeroLimit), { 'requests.cpu': '2', 'limits.cpu': '0', 'requests.memory': '10Mi', memory: '10Mi', pods: '1', cpu: '2', 'count/pods': '1' });
  });

  it('Usage: a sidecar runs beside the containers and beside the init containers after it (helpers_test.go restartable init containers)', () => {
    const p = pod({
      initContainers: [ctr('init-1', { cpu: '2' }), ctr('sidecar', { cpu: '1' }, undefined, { restartPolicy: 'Always' }), ctr('init-2', { cpu: '2' })],
      containers: [ctr('app', { cpu: '1' })],
    });
    // containers + sidecar = 2; init-2 runs with the sidecar = 3; init-1 alone = 2: the peak is 3.
    expectUsage(evaluator.usage(p), { 'requests.cpu': '3', cpu: '3', pods: '1', 'count/pods': '1' });
  });

  it('UsageStats sums the pods in scope (TestPodEvaluatorUsageStats)', () => {
    const cpu1 = { cpu: '1' };
    const make = (name: string, pc: string, res: ResourceList | undefined, phase: string) =>
      ({ metadata: { name }, spec: { priorityClassName: pc || undefined, containers: [{ name: 'c', resources: { requests: res, limits: res } }] }, status: { phase } }) as Pod;
    const stats = (objs: Pod[], scopes?: ('PriorityClass' | 'BestEffort')[], selector?: ScopedResourceSelectorRequirement[]) =>
      evaluator.usageStats({ namespace: '', resources: [], scopes, scopeSelector: selector ? { matchExpressions: selector } : undefined }, objs);
    expectUsage(stats([]), {});
    expectUsage(stats([make('p1', '', cpu1, 'Running'), make('p2', '', cpu1, 'Running')]), { pods: '2', 'count/pods': '2', cpu: '2', 'requests.cpu': '2', 'limits.cpu': '2' });
    expectUsage(stats([make('p1', '', cpu1, 'Running'), make('p2', '', cpu1, 'Succeeded')]), { pods: '1', 'count/pods': '2', cpu: '1', 'requests.cpu': '1', 'limits.cpu': '1' });
    const three = [make('p1', 'high-priority', cpu1, 'Running'), make('p2', 'high-priority', cpu1, 'Succeeded'), make('p3', 'low-priority', cpu1, 'Running')];
    const high: ScopedResourceSelectorRequirement[] = [{ scopeName: 'PriorityClass', operator: 'In', values: ['high-priority'] }];
    const want = { pods: '1', 'count/pods': '2', cpu: '1', 'requests.cpu': '1', 'limits.cpu': '1' };
    expectUsage(stats(three, undefined, high), want);
    expectUsage(stats(three, ['PriorityClass'], high), want);
    expectUsage(stats([...three, make('p4', 'high-priority', undefined, 'Failed')], ['PriorityClass', 'BestEffort'], high), { 'count/pods': '1' });
  });

  it('MatchingScopes (TestPodEvaluatorMatchingScopes)', () => {
    const all: ScopedResourceSelectorRequirement[] = [
      { scopeName: 'Terminating' } as ScopedResourceSelectorRequirement,
      { scopeName: 'NotTerminating' } as ScopedResourceSelectorRequirement,
      { scopeName: 'BestEffort' } as ScopedResourceSelectorRequirement,
      { scopeName: 'NotBestEffort' } as ScopedResourceSelectorRequirement,
      { scopeName: 'PriorityClass', operator: 'In', values: ['class1'] },
      { scopeName: 'CrossNamespacePodAffinity' } as ScopedResourceSelectorRequirement,
    ];
    const names = (p: Pod, sel = all) => evaluator.matchingScopes(p, sel).map((s) => s.scopeName);
    const deadline = { activeDeadlineSeconds: 30 };
    expect(names(pod({}))).toEqual(['NotTerminating', 'BestEffort']);
    expect(names(pod({ priorityClassName: 'class1' }))).toEqual(['NotTerminating', 'BestEffort', 'PriorityClass']);
    expect(names(pod({ containers: [ctr('c', { cpu: '1', memory: '50M', 'example.com/dongle': '1' }, { cpu: '2', memory: '100M', 'example.com/dongle': '1' })] }))).toEqual(['NotTerminating', 'NotBestEffort']);
    expect(names(pod(deadline))).toEqual(['Terminating', 'BestEffort']);
    expect(names(pod(deadline), [all[0]])).toEqual(['Terminating']);
    const term = (t: object) => ({ labelSelector: {}, ...t });
    const cross = [
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ namespaces: ['ns1'], namespaceSelector: {} })] } },
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ namespaces: ['ns1'] })] } },
      { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term({ namespaces: ['ns2'], namespaceSelector: {} }) }] } },
      { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term({ namespaceSelector: {} }) }] } },
      { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term({ namespaceSelector: {} }) }] } },
      { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ namespaces: ['ns3'] })] } },
    ];
    for (const affinity of cross) expect(names(pod({ ...deadline, affinity } as Partial<PodSpec>))).toEqual(['Terminating', 'BestEffort', 'CrossNamespacePodAffinity']);
    // A term in its own namespace only is not cross-namespace.
    expect(names(pod({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({})] } } } as Partial<PodSpec>))).toEqual(['NotTerminating', 'BestEffort']);
  });

  it('MatchingResources: pod names, hugepages and requests.<extended> only', () => {
    expect(evaluator.matchingResources(['cpu', 'services', 'requests.hugepages-2Mi', 'requests.example.com/gpu', 'example.com/gpu', 'limits.example.com/gpu', 'count/pods']).sort()).toEqual([
      'count/pods', 'cpu', 'requests.example.com/gpu', 'requests.hugepages-2Mi',
    ]);
  });
});
