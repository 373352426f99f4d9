// Ported from pkg/api/v1/endpoints/util_test.go (TestPackSubsets) and endpoints_controller_test.go
// (TestTruncateEndpoints, TestEndpointSubsetsEqualIgnoreResourceVersion). Subsets and ports come
// out in this package's order (by fields), which for these cases is upstream's expected order too.
import { describe, expect, it } from 'vitest';
import type { EndpointAddress, EndpointSubset } from '../api/types';
import { capacityAnnotationSetCorrectly, endpointSubsetsEqualIgnoreResourceVersion, repackSubsets, truncateEndpoints } from './endpoint-subsets';

const podRef = (uid: string) => ({ uid });
const a = (ip: string, uid?: string): EndpointAddress => ({ ip, ...(uid !== undefined ? { targetRef: podRef(uid) } : {}) });
const p = (port: number) => ({ port });

describe('repackSubsets (TestPackSubsets)', () => {
  const cases: [string, EndpointSubset[], EndpointSubset[]][] = [
    ['empty everything', [{ addresses: [], ports: [] }], []],
    ['empty addresses', [{ addresses: [], ports: [p(111)] }], []],
    // A subset without ports keeps its addresses (a headless Service without ports).
    ['empty ports', [{ addresses: [a('1.2.3.4')], ports: [] }], [{ addresses: [a('1.2.3.4')] }]],
    ['one set, one ip, one port', [{ addresses: [a('1.2.3.4')], ports: [p(111)] }], [{ addresses: [a('1.2.3.4')], ports: [p(111)] }]],
    ['one set, one notReady ip, one UID, one port', [{ notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }], [{ notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }]],
    ['one set, two mixed ips, one port', [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('5.6.7.8')], ports: [p(111)] }], [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('5.6.7.8')], ports: [p(111)] }]],
    ['one set, two duplicate ips, one port, notReady is covered by ready', [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('1.2.3.4')], ports: [p(111)] }], [{ notReadyAddresses: [a('1.2.3.4')], ports: [p(111)] }]],
    ['one set, dup ips, one port', [{ addresses: [a('1.2.3.4'), a('1.2.3.4')], ports: [p(111)] }], [{ addresses: [a('1.2.3.4')], ports: [p(111)] }]],
    [
      'one set, dup mixed ips with target-refs, one port: the first reference stays',
      [{ addresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }], notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'bar' } }], ports: [p(111)] }],
      [{ notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }], ports: [p(111)] }],
    ],
    ['one set, one ip, dup ports', [{ addresses: [a('1.2.3.4')], ports: [p(111), p(111)] }], [{ addresses: [a('1.2.3.4')], ports: [p(111)] }]],
    ['two sets, dup ip, two ports', [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('1.2.3.4')], ports: [p(222)] }], [{ addresses: [a('1.2.3.4')], ports: [p(111), p(222)] }]],
    [
      'two sets, dup mixed ip, dup uids, two ports',
      [{ addresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }, { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [p(222)] }],
      [{ addresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }, { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [p(222)] }],
    ],
    ['two set, dup ip, two uids, dup ports', [{ addresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }, { addresses: [a('1.2.3.4', 'uid-2')], ports: [p(111)] }], [{ addresses: [a('1.2.3.4', 'uid-1'), a('1.2.3.4', 'uid-2')], ports: [p(111)] }]],
    [
      'two sets, two ips, two dup ip with uid, dup port, wrong order',
      [{ addresses: [a('5.6.7.8')], ports: [p(111)] }, { addresses: [a('5.6.7.8', 'uid-1')], ports: [p(111)] }, { addresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }, { addresses: [a('1.2.3.4')], ports: [p(111)] }],
      [{ addresses: [a('1.2.3.4'), a('1.2.3.4', 'uid-1'), a('5.6.7.8'), a('5.6.7.8', 'uid-1')], ports: [p(111)] }],
    ],
    [
      'two sets, two mixed ips, two dup ip with uid, dup port, wrong order, ends up with split addresses',
      [{ addresses: [a('5.6.7.8')], ports: [p(111)] }, { notReadyAddresses: [a('5.6.7.8', 'uid-1')], ports: [p(111)] }, { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }, { notReadyAddresses: [a('1.2.3.4')], ports: [p(111)] }],
      [{ addresses: [a('5.6.7.8')], notReadyAddresses: [a('1.2.3.4'), a('1.2.3.4', 'uid-1'), a('5.6.7.8', 'uid-1')], ports: [p(111)] }],
    ],
    ['two sets, two ips, two ports', [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('5.6.7.8')], ports: [p(222)] }], [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('5.6.7.8')], ports: [p(222)] }]],
    [
      'four sets, three ips, three ports, jumbled',
      [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('1.2.3.5')], ports: [p(222)] }, { addresses: [a('1.2.3.6')], ports: [p(111)] }, { addresses: [a('1.2.3.5')], ports: [p(333)] }],
      [{ addresses: [a('1.2.3.4'), a('1.2.3.6')], ports: [p(111)] }, { addresses: [a('1.2.3.5')], ports: [p(222), p(333)] }],
    ],
  ];
  it.each(cases)('%s', (_n, given, want) => {
    expect(repackSubsets(given)).toEqual(want);
  });

  it('does not change what it is given', () => {
    const given: EndpointSubset[] = [{ addresses: [a('5.6.7.8'), a('1.2.3.4')], ports: [p(222), p(111)] }];
    const copy = structuredClone(given);
    repackSubsets(given);
    expect(given).toEqual(copy);
  });
});

describe('truncateEndpoints (TestTruncateEndpoints)', () => {
  const cases: [string, number[], number[], number[], number[]][] = [
    ['empty', [], [], [], []],
    ['total endpoints < max capacity', [50, 100, 100, 100, 100], [50, 100, 100, 100, 100], [50, 100, 100, 100, 100], [50, 100, 100, 100, 100]],
    ['total endpoints = max capacity', [100, 100, 100, 100, 100], [100, 100, 100, 100, 100], [100, 100, 100, 100, 100], [100, 100, 100, 100, 100]],
    ['total ready endpoints < max capacity, but total endpoints > max capacity', [90, 110, 50, 10, 20], [101, 200, 200, 201, 298], [90, 110, 50, 10, 20], [73, 144, 144, 145, 214]],
    ['total ready endpoints > max capacity', [205, 400, 402, 400, 693], [100, 200, 200, 200, 300], [98, 191, 192, 191, 328], [0, 0, 0, 0, 0]],
  ];
  it.each(cases)('%s', (_n, ready, notReady, wantReady, wantNotReady) => {
    const ep = { metadata: {}, subsets: ready.map((r, i) => ({ addresses: Array.from({ length: r }, () => a('')), notReadyAddresses: Array.from({ length: notReady[i] }, () => a('')) })) };
    const cut = truncateEndpoints(ep);
    expect(cut).toBe(ready.reduce((x, y) => x + y, 0) + notReady.reduce((x, y) => x + y, 0) > 1000);
    expect(ep.subsets.map((s) => s.addresses?.length ?? 0)).toEqual(wantReady);
    expect(ep.subsets.map((s) => s.notReadyAddresses?.length ?? 0)).toEqual(wantNotReady);
  });

  it('the annotation is right when absent under capacity; never right over it (capacityAnnotationSetCorrectly)', () => {
    const n = (k: number) => [{ addresses: Array.from({ length: k }, () => a('')) }];
    expect(capacityAnnotationSetCorrectly(undefined, n(1000))).toBe(true);
    expect(capacityAnnotationSetCorrectly({ 'endpoints.kubernetes.io/over-capacity': 'truncated' }, n(1000))).toBe(false);
    expect(capacityAnnotationSetCorrectly({ 'endpoints.kubernetes.io/over-capacity': 'truncated' }, n(1001))).toBe(false);
  });
});

describe('endpointSubsetsEqualIgnoreResourceVersion (TestEndpointSubsetsEqualIgnoreResourceVersion)', () => {
  const es1: EndpointSubset = {
    addresses: [{ ip: '1.1.1.1', targetRef: { kind: 'Pod', name: 'pod1-1', namespace: 'ns', resourceVersion: '1' } }],
    notReadyAddresses: [{ ip: '1.1.1.2', targetRef: { kind: 'Pod', name: 'pod1-2', namespace: 'ns2', resourceVersion: '2' } }],
    ports: [{ port: 8081, protocol: 'TCP' }],
  };
  const es2: EndpointSubset = {
    addresses: [{ ip: '2.2.2.1', targetRef: { kind: 'Pod', name: 'pod2-1', namespace: 'ns', resourceVersion: '3' } }],
    notReadyAddresses: [{ ip: '2.2.2.2', targetRef: { kind: 'Pod', name: 'pod2-2', namespace: 'ns2', resourceVersion: '4' } }],
    ports: [{ port: 8082, protocol: 'TCP' }],
  };
  const mut = (s: EndpointSubset, f: (x: EndpointSubset) => void) => {
    const c = structuredClone(s);
    f(c);
    return c;
  };
  it.each([
    ['subsets removed', [es1, es2], [es1], false],
    ['ready pod IP changed', [es1, es2], [mut(es1, (x) => (x.addresses![0].ip = '1.1.1.10')), es2], false],
    ['not-ready pod IP changed', [es1, es2], [es1, mut(es2, (x) => (x.notReadyAddresses![0].ip = '2.2.2.10'))], false],
    ['pod resourceVersion changed', [es1, es2], [es1, mut(es2, (x) => (x.addresses![0].targetRef!.resourceVersion = '100'))], true],
    ['pod resourceVersion removed', [es1, es2], [es1, mut(es2, (x) => delete x.addresses![0].targetRef!.resourceVersion)], true],
    ['ports changed', [es1, es2], [es1, mut(es1, (x) => (x.ports![0].port = 8082))], false],
    ['nil and empty are equal', [], undefined, true],
  ] as const)('%s', (_n, x, y, want) => {
    expect(endpointSubsetsEqualIgnoreResourceVersion(x as readonly EndpointSubset[], y as readonly EndpointSubset[] | undefined)).toBe(want);
  });
});
