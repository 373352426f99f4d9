// Ports k8s.io/component-helpers/resource/helpers_test.go (TestPodResourceRequests) and checks the
// scheduler's non-zero request defaults (pkg/scheduler/util/pod_resources.go) and Resource units.

import { describe, expect, it } from 'vitest';
import type { Container, Pod, ResourceList } from '../../api/types/core';
import { Resource, calculateResource, computePodResourceRequest, isScalarResourceName, podRequests, toResourceList } from './resource';

const c = (cpu: string, extra: Partial<Container> = {}): Container => ({ name: extra.name ?? 'c', resources: { requests: { cpu } }, ...extra });
const sidecar = (cpu: string, name: string): Container => c(cpu, { name, restartPolicy: 'Always' });
const pod = (containers: Container[], initContainers: Container[] = [], overhead?: ResourceList): Pod => ({
  metadata: { name: 'p' },
  spec: { containers, initContainers, ...(overhead ? { overhead } : {}) },
});

describe('podRequests (TestPodResourceRequests)', () => {
  const cases: { description: string; pod: Pod; excludeOverhead?: boolean; expected: ResourceList }[] = [
    { description: 'nil options, larger init container', pod: pod([c('1')], [c('4')]), expected: { cpu: '4' } },
    { description: 'nil options, larger containers', pod: pod([c('2'), c('3')], [c('2')]), expected: { cpu: '5' } },
    { description: 'pod overhead excluded', pod: pod([c('2'), c('3')], [c('2')], { cpu: '1' }), excludeOverhead: true, expected: { cpu: '5' } },
    { description: 'pod overhead included', pod: pod([c('2'), c('3')], [c('2')], { cpu: '1', memory: '1Gi' }), expected: { cpu: '6', memory: '1Gi' } },
    { description: 'restartable init container', pod: pod([c('1')], [sidecar('1', 'r1')]), expected: { cpu: '2' } },
    {
      description: 'multiple restartable init containers',
      // max(5, restartable init containers (3+2+1) + regular (1)) = 7
      pod: pod([c('1')], [c('5', { name: 'init-1' }), sidecar('1', 'r1'), sidecar('2', 'r2'), sidecar('3', 'r3')]),
      expected: { cpu: '7' },
    },
    {
      description: 'multiple restartable and regular init containers',
      // init-2 needs 5 plus the sidecars started before it (1+2) = 8; the sidecar after it does not count
      pod: pod([c('1')], [c('5', { name: 'init-1' }), sidecar('1', 'r1'), sidecar('2', 'r2'), c('5', { name: 'init-2' }), sidecar('3', 'r3')]),
      expected: { cpu: '8' },
    },
    { description: 'restartable-init, init and regular', pod: pod([c('100')], [sidecar('10', 'r1'), c('200', { name: 'init-1' })]), expected: { cpu: '210' } },
  ];
  for (const tc of cases) {
    it(tc.description, () => {
      expect(toResourceList(podRequests(tc.pod, { excludeOverhead: tc.excludeOverhead }))).toEqual(tc.expected);
    });
  }
});

describe('calculateResource (types.go)', () => {
  it('counts 100m CPU and 200 MiB for a container that requests neither, but an explicit 0 stays 0', () => {
    const p = pod([{ name: 'a' }, { name: 'b', resources: { requests: { cpu: '0', memory: '1Gi' } } }]);
    const { res, non0CPU, non0Mem } = calculateResource(p);
    expect(res.milliCPU).toBe(0);
    expect(res.memory).toBe(1024 ** 3);
    expect(non0CPU).toBe(100);
    expect(non0Mem).toBe(200 * 1024 * 1024 + 1024 ** 3);
  });

  it('rounds CPU up to the milli-core after summing, as Quantity.MilliValue', () => {
    const p = pod([c('0.0005'), c('0.0005', { name: 'd' })]);
    expect(calculateResource(p).res.milliCPU).toBe(1);
  });

  it('keeps scalar resources and leaves the pod count out of NodeResourcesFit’s request', () => {
    const p = pod([{ name: 'a', resources: { requests: { 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi', pods: '1' } } }]);
    const r = computePodResourceRequest(p);
    expect(r.scalarResources).toEqual({ 'example.com/gpu': 2, 'hugepages-2Mi': 4 * 1024 * 1024 });
    expect(r.allowedPodNumber).toBe(0);
  });
});

describe('Resource (types.go NewResource)', () => {
  it('reads a node’s allocatable in the scheduler’s units', () => {
    const r = Resource.from({ cpu: '3500m', memory: '8Gi', pods: '110', 'ephemeral-storage': '10G', 'example.com/foo': '5', bogus: '1' });
    expect([r.milliCPU, r.memory, r.allowedPodNumber, r.ephemeralStorage]).toEqual([3500, 8 * 1024 ** 3, 110, 10e9]);
    expect(r.scalarResources).toEqual({ 'example.com/foo': 5 });
  });

  it('treats only prefixed, hugepages and attachable-volume names as scalar', () => {
    expect(['example.com/gpu', 'hugepages-1Gi', 'kubernetes.io/batch', 'attachable-volumes-csi-x'].every(isScalarResourceName)).toBe(true);
    expect(['cpu', 'foo', 'requests.example.com/x'].some(isScalarResourceName)).toBe(false);
  });
});
