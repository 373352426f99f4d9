// Tests ported from pkg/controller/nodelifecycle/node_lifecycle_controller_test.go (1.32): the zone
// state table (TestMonitorNodeHealth), the Unknown conditions posted when a kubelet goes quiet
// (TestMonitorNodeHealthUpdateStatus, …WithLease), MarkPodsNotReady and its retry, the NoExecute
// taints and their swap, the NoSchedule taints mirrored from conditions (TestTaintsNodeByCondition),
// and the eviction rate limiter. Wall time is the fake context's epoch plus simulated ms.

import { describe, expect, it } from 'vitest';
import type { Lease } from '../api/types/coordination';
import type { Node, NodeCondition, Pod, Taint } from '../api/types/core';
import { newInternalError } from '../apiserver/errors';
import { rfc3339, rfc3339Micro } from '../apiserver/registry/objects';
import { res } from '../client/clientset';
import { newNodeLifecycleController } from './nodelifecycle';
import { fakeContext, runSync, type FakeContext } from './testing';
import { timingsFor } from '../timings';

const nodesR = res('', 'nodes');
const podsR = res('', 'pods');
const leasesR = res('coordination.k8s.io', 'leases');
const epoch = Date.UTC(2026, 0, 1);
const hour = 3_600_000;
const longAgo = rfc3339(Date.UTC(2012, 0, 1));
const fakeNow = rfc3339(epoch);
const at = (ms: number) => rfc3339(epoch + ms);
const zone1 = 'region1:\u0000:zone1';
const zone2 = 'region1:\u0000:zone2';

function zoneLabels(region: string, zone: string): Record<string, string> {
  return { 'topology.kubernetes.io/region': region, 'topology.kubernetes.io/zone': zone, 'failure-domain.beta.kubernetes.io/region': region, 'failure-domain.beta.kubernetes.io/zone': zone };
}

function ready(status: NodeCondition['status'], heartbeat: string, transition = heartbeat): NodeCondition {
  return { type: 'Ready', status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition };
}

function node(name: string, o: { created?: string; labels?: Record<string, string>; conditions?: NodeCondition[]; taints?: Taint[]; capacity?: boolean } = {}): Node {
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: o.created ?? longAgo, ...(o.labels ? { labels: o.labels } : {}) },
    spec: o.taints ? { taints: o.taints } : {},
    status: { ...(o.conditions ? { conditions: o.conditions } : {}), ...(o.capacity ? { capacity: { cpu: '10', memory: '10G' } } : {}) },
  };
}

// testutil.NewPod: a Ready pod bound to the host.
function pod(name: string, host: string): Pod {
  return { kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { nodeName: host, containers: [] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

function lease(nodeName: string, renewMs: number): Lease {
  return { kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', metadata: { name: nodeName, namespace: 'kube-node-lease' }, spec: { holderIdentity: nodeName, renewTime: rfc3339Micro(renewMs) } };
}

/** A controller over fakes; `status(name, …)` changes a node as its kubelet would, `pass()` runs monitorNodeHealth after syncing the caches. */
function setup(nodes: Node[], pods: Pod[] = [], timings = timingsFor('realistic')) {
  const ctx = fakeContext(0, timings);
  ctx.client.seed(nodesR, ...nodes).seed(podsR, ...pods);
  ctx.informers.informerFor<Pod>(podsR).preload(...pods);
  const nc = newNodeLifecycleController(ctx);
  const sync = () => {
    const inf = ctx.informers.informerFor<Node>(nodesR);
    for (const k of inf.store.keys()) inf.store.remove(k);
    for (const n of nodes) {
      const cur = ctx.client.tracked<Node>(nodesR, '', n.metadata.name!);
      if (cur) inf.store.put(structuredClone(cur));
    }
  };
  return {
    ctx,
    nc,
    sync,
    pass(): void {
      sync();
      runSync(nc.monitorNodeHealth());
    },
    taintPass(): void {
      sync();
      runSync(nc.sync('#doNoExecuteTaintingPass'));
    },
    status(name: string, conditions: NodeCondition[]): void {
      const cur = structuredClone(ctx.client.tracked<Node>(nodesR, '', name)!);
      cur.status = { ...cur.status, conditions };
      ctx.client.seed(nodesR, cur);
    },
    lease(l: Lease | undefined): void {
      const inf = ctx.informers.informerFor<Lease>(leasesR);
      for (const k of inf.store.keys()) inf.store.remove(k);
      if (l) inf.store.put(l);
    },
    taints: (name: string) => ctx.client.tracked<Node>(nodesR, '', name)!.spec?.taints ?? [],
  };
}

const statusUpdates = (ctx: FakeContext, resource: string) => ctx.client.writes().filter((a) => a.verb === 'update' && a.resource === resource && a.subresource === 'status');
const keysOf = (taints: Taint[]) => taints.map((t) => `${t.key}:${t.effect}`);

describe('TestMonitorNodeHealth: zone states', () => {
  const healthy = [ready('True', at(hour), fakeNow)];
  const unhealthy = [ready('Unknown', fakeNow)];
  const cases: { name: string; nodes: Node[]; updated: NodeCondition[][]; initial: Record<string, string>; following: Record<string, string> }[] = [
    {
      name: 'No Disruption: Node created recently without failure domain labels (happens only at cluster startup)',
      nodes: [node('node0', { created: fakeNow, conditions: [ready('True', fakeNow)] })],
      updated: [healthy],
      initial: { '': 'Normal' },
      following: { '': 'Normal' },
    },
    {
      name: 'No Disruption: Initially both zones down, one comes back',
      nodes: [
        node('node0', { created: fakeNow, labels: zoneLabels('region1', 'zone1'), conditions: [ready('Unknown', fakeNow)] }),
        node('node1', { created: fakeNow, labels: zoneLabels('region1', 'zone2'), conditions: [ready('Unknown', fakeNow)] }),
      ],
      updated: [unhealthy, healthy],
      initial: { [zone1]: 'FullDisruption', [zone2]: 'FullDisruption' },
      following: { [zone1]: 'FullDisruption', [zone2]: 'Normal' },
    },
    {
      name: 'Partial Disruption: Nodes created recently without status conditions (happens only at cluster startup)',
      nodes: ['node0', 'node1', 'node2', 'node3'].map((n) => node(n, { created: fakeNow, labels: zoneLabels('region1', 'zone1') })),
      updated: [unhealthy, unhealthy, unhealthy, healthy],
      initial: { [zone1]: 'FullDisruption' },
      following: { [zone1]: 'PartialDisruption' },
    },
    {
      name: 'Partial Disruption: one Node failed leading to the number of healthy Nodes to exceed the configured threshold',
      nodes: (['Unknown', 'Unknown', 'True', 'True', 'True'] as const).map((s, i) => node(`node${i}`, { created: fakeNow, labels: zoneLabels('region1', 'zone1'), conditions: [ready(s, fakeNow)] })),
      updated: [unhealthy, unhealthy, unhealthy, healthy, healthy],
      initial: { [zone1]: 'Normal' },
      following: { [zone1]: 'PartialDisruption' },
    },
    {
      name: 'Full Disruption: the zone has less than 2 Nodes down, the last healthy Node has failed',
      nodes: (['Unknown', 'Unknown', 'True'] as const).map((s, i) => node(`node${i}`, { created: fakeNow, labels: zoneLabels('region1', 'zone1'), conditions: [ready(s, fakeNow)] })),
      updated: [unhealthy, unhealthy, unhealthy],
      initial: { [zone1]: 'Normal' },
      following: { [zone1]: 'FullDisruption' },
    },
    {
      name: 'Full Disruption: all the Nodes in one zone are down',
      nodes: [
        node('node0', { created: fakeNow, labels: zoneLabels('region1', 'zone1'), conditions: [ready('Unknown', fakeNow)] }),
        node('node1', { created: fakeNow, labels: zoneLabels('region1', 'zone2'), conditions: [ready('True', fakeNow)] }),
      ],
      updated: [unhealthy, healthy],
      initial: { [zone1]: 'FullDisruption', [zone2]: 'Normal' },
      following: { [zone1]: 'FullDisruption', [zone2]: 'Normal' },
    },
    {
      name: 'Full Disruption: all the Nodes in both the zones are down',
      nodes: [
        node('node0', { created: fakeNow, labels: zoneLabels('region1', 'zone1'), conditions: [ready('Unknown', fakeNow)] }),
        node('node1', { created: fakeNow, labels: zoneLabels('region2', 'zone2'), conditions: [ready('Unknown', fakeNow)] }),
      ],
      updated: [unhealthy, unhealthy],
      initial: { [zone1]: 'FullDisruption', 'region2:\u0000:zone2': 'FullDisruption' },
      following: { [zone1]: 'FullDisruption', 'region2:\u0000:zone2': 'FullDisruption' },
    },
    {
      name: 'Full Disruption: Ready condition removed from the Node',
      nodes: [node('node0', { created: fakeNow, labels: zoneLabels('region1', 'zone1'), conditions: [ready('True', fakeNow)] })],
      updated: [[]],
      initial: { [zone1]: 'Normal' },
      following: { [zone1]: 'FullDisruption' },
    },
    {
      name: 'Full Disruption: the only available Node has the node.kubernetes.io/exclude-disruption label',
      nodes: [
        node('node0', { created: fakeNow, labels: zoneLabels('region1', 'zone1'), conditions: [ready('Unknown', fakeNow)] }),
        node('node-master', { created: fakeNow, labels: { ...zoneLabels('region1', 'zone1'), 'node.kubernetes.io/exclude-disruption': '' }, conditions: [ready('True', fakeNow)] }),
      ],
      updated: [unhealthy, healthy],
      initial: { [zone1]: 'FullDisruption' },
      following: { [zone1]: 'FullDisruption' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = setup(c.nodes);
      s.pass();
      expect(Object.fromEntries(s.nc.zoneStates)).toEqual(c.initial);
      s.ctx.setNow(hour);
      c.updated.forEach((conds, i) => s.status(c.nodes[i].metadata.name!, conds));
      s.pass();
      expect(Object.fromEntries(s.nc.zoneStates)).toEqual(c.following);
    });
  }
});

describe('TestMonitorNodeHealthUpdateStatus', () => {
  const neverUpdated = (type: string, transition: string): NodeCondition => ({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: longAgo, lastTransitionTime: transition });

  it('Node created long time ago, without status: Unknown status posted, pod not marked (it was never Ready)', () => {
    const s = setup([node('node0')], [pod('pod0', 'node0')]);
    s.pass();
    const updates = statusUpdates(s.ctx, 'nodes');
    expect(updates).toHaveLength(1);
    expect((updates[0].object as Node).status!.conditions).toEqual(['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => neverUpdated(t, fakeNow)));
    expect(statusUpdates(s.ctx, 'pods')).toHaveLength(0);
  });

  it('Node created recently, without status: no action within the startup grace period', () => {
    const s = setup([node('node0', { created: fakeNow })], [pod('pod0', 'node0')]);
    s.pass();
    expect(s.ctx.client.writes()).toEqual([]);
  });

  it('Node created long time ago, status not updated for longer than the grace period: Unknown posted, pods marked NotReady', () => {
    const s = setup([node('node0', { conditions: [ready('True', fakeNow)], capacity: true })], [pod('pod0', 'node0')]);
    s.pass();
    s.ctx.setNow(hour);
    s.pass();
    const updates = statusUpdates(s.ctx, 'nodes');
    expect(updates).toHaveLength(1);
    expect((updates[0].object as Node).status).toEqual({
      conditions: [
        { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: fakeNow, lastTransitionTime: at(hour) },
        ...['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => neverUpdated(t, at(hour))),
      ],
      capacity: { cpu: '10', memory: '10G' },
    });
    const podUpdates = statusUpdates(s.ctx, 'pods');
    expect(podUpdates).toHaveLength(1);
    expect((podUpdates[0].object as Pod).status!.conditions).toEqual([{ type: 'Ready', status: 'False', lastTransitionTime: at(hour) }]);
    expect(s.ctx.events.filter((e) => e.reason === 'NodeNotReady').map((e) => [e.object, e.type, e.message])).toEqual([
      ['Node/node0', 'Normal', 'Node node0 status is now: NodeNotReady'],
      ['Pod/pod0', 'Warning', 'Node is not ready'],
    ]);
  });

  it('Node created long time ago, status updated recently: no action within the monitor grace period', () => {
    const s = setup([node('node0', { conditions: [ready('True', fakeNow)], capacity: true })], [pod('pod0', 'node0')]);
    s.pass();
    s.ctx.setNow(49_000);
    s.pass();
    expect(s.ctx.client.writes()).toEqual([]);
  });

  it('the 1.32 grace period is 50 s: a node silent for 51 s turns Unknown', () => {
    expect(timingsFor('realistic').nodeMonitorGracePeriodMs).toBe(50_000);
    const s = setup([node('node0', { conditions: [ready('True', fakeNow)] })]);
    s.pass();
    s.ctx.setNow(51_000);
    s.pass();
    expect(statusUpdates(s.ctx, 'nodes')).toHaveLength(1);
  });
});

describe('TestMonitorNodeHealthUpdateNodeAndPodStatusWithLease', () => {
  it('Node created long time ago, without status. Node lease is renewed recently: no action', () => {
    const s = setup([node('node0')], [pod('pod0', 'node0')]);
    s.lease(lease('node0', epoch));
    s.pass();
    s.ctx.setNow(hour);
    s.lease(lease('node0', epoch + hour));
    s.pass();
    expect(s.ctx.client.writes()).toEqual([]);
  });

  it('Node created long time ago, without status. Node lease is expired: Unknown posted', () => {
    const s = setup([node('node0')], [pod('pod0', 'node0')]);
    s.lease(lease('node0', epoch));
    s.pass();
    s.ctx.setNow(hour);
    s.pass();
    const updates = statusUpdates(s.ctx, 'nodes');
    expect(updates).toHaveLength(1);
    expect((updates[0].object as Node).status!.conditions![0]).toMatchObject({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusNeverUpdated', lastTransitionTime: at(hour) });
    expect(statusUpdates(s.ctx, 'pods')).toHaveLength(0);
  });

  it('status older than the grace period but the lease renewed: no action', () => {
    const s = setup([node('node0', { conditions: [ready('True', fakeNow), { type: 'DiskPressure', status: 'False', lastHeartbeatTime: fakeNow, lastTransitionTime: fakeNow }] })], [pod('pod0', 'node0')]);
    s.lease(lease('node0', epoch));
    s.pass();
    s.ctx.setNow(hour);
    s.lease(lease('node0', epoch + hour));
    s.pass();
    expect(s.ctx.client.writes()).toEqual([]);
  });

  it('status updated recently but the lease expired: no action', () => {
    const s = setup([node('node0', { conditions: [ready('True', fakeNow)] })], [pod('pod0', 'node0')]);
    s.lease(lease('node0', epoch));
    s.pass();
    s.ctx.setNow(hour);
    s.status('node0', [ready('True', at(hour), fakeNow)]);
    s.pass();
    expect(s.ctx.client.writes()).toEqual([]);
  });

  it('status and lease both older than the grace period: Unknown posted, pods marked NotReady', () => {
    const s = setup([node('node0', { conditions: [ready('True', fakeNow)] })], [pod('pod0', 'node0')]);
    s.lease(lease('node0', epoch));
    s.pass();
    s.ctx.setNow(hour);
    s.pass();
    expect((statusUpdates(s.ctx, 'nodes')[0].object as Node).status!.conditions![0]).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    expect(statusUpdates(s.ctx, 'pods')).toHaveLength(1);
  });
});

describe('TestMonitorNodeHealthMarkPodsNotReadyRetry', () => {
  const iterations = (s: ReturnType<typeof setup>) => {
    s.pass();
    s.ctx.setNow(60_000);
    s.pass();
    s.ctx.setNow(60_000);
    s.status('node0', [ready('False', rfc3339(epoch + 2_000))]);
    s.pass();
  };

  it('successful pod status update, no retry required', () => {
    const s = setup([node('node0', { created: fakeNow, conditions: [ready('True', fakeNow)] })], [pod('pod0', 'node0')]);
    iterations(s);
    expect(statusUpdates(s.ctx, 'pods')).toHaveLength(1);
  });

  it('unsuccessful pod status update, retry required', () => {
    const s = setup([node('node0', { created: fakeNow, conditions: [ready('True', fakeNow)] })], [pod('pod0', 'node0')]);
    let n = 0;
    s.ctx.client.prependReactor('update', 'pods', (a) => (a.subresource === 'status' && ++n === 1 ? newInternalError('fake error') : undefined));
    iterations(s);
    expect(statusUpdates(s.ctx, 'pods')).toHaveLength(2); // one failed and one retry
  });
});

describe('NoExecute taints (TestApplyNoExecuteTaints, TestSwapUnreachableNotReadyTaints)', () => {
  it('TestApplyNoExecuteTaints: unreachable on an Unknown node, not-ready on a NotReady one, removed when Ready again', () => {
    const zl = zoneLabels('region1', 'zone1');
    // testRateLimiterQPS: so fast that the rate never holds a taint back (one token per 10 µs of simulated time).
    const fast = { ...timingsFor('realistic'), nodeEvictionRate: 100_000, secondaryNodeEvictionRate: 100_000 };
    const s = setup(
      [
        node('node0', { labels: zl, conditions: [ready('Unknown', fakeNow)] }),
        node('node1', { labels: zl, conditions: [ready('True', fakeNow)] }),
        node('node2', { labels: zl, conditions: [ready('False', fakeNow)] }),
        node('node3', { labels: zl, conditions: [ready('True', fakeNow)] }),
      ],
      [pod('pod0', 'node0')],
      fast,
    );
    s.pass();
    s.taintPass();
    s.ctx.setNow(1);
    s.taintPass();
    expect(keysOf(s.taints('node0'))).toContain('node.kubernetes.io/unreachable:NoExecute');
    expect(keysOf(s.taints('node2'))).toContain('node.kubernetes.io/not-ready:NoExecute');
    expect(s.taints('node2')[0].timeAdded).toBe(fakeNow);

    // node2 is healthy again: its taint goes.
    s.ctx.setNow(10 * 60_000);
    s.status('node2', [ready('True', at(10 * 60_000), fakeNow)]);
    s.pass();
    s.taintPass();
    expect(s.taints('node2')).toEqual([]);

    // node3 goes NotReady, but its Ready condition is gone before the tainting pass: no taint.
    s.status('node3', [ready('False', at(10 * 60_000), fakeNow)]);
    s.pass();
    s.status('node3', [{ type: 'MemoryPressure', status: 'Unknown', lastHeartbeatTime: at(10 * 60_000), lastTransitionTime: fakeNow }]);
    s.taintPass();
    expect(s.taints('node3')).toEqual([]);
  });

  // TestApplyNoExecuteTaintsToUnreachableNode came with kubernetes#120816 (after 1.32). In 1.32 the
  // pass that turns the node Unknown still sees it Ready (processTaintBaseEviction takes the observed
  // condition), so the taint waits one --node-monitor-period more (kubernetes#120815).
  it('an unreachable node is tainted one monitor period after it turns Unknown, and untainted by its next heartbeat', () => {
    const zl = zoneLabels('region1', 'zone1');
    const s = setup([node('node0', { labels: zl, conditions: [ready('True', fakeNow)] }), node('node1', { labels: zl, conditions: [ready('True', fakeNow)] })], [pod('pod0', 'node0')]);
    s.pass();
    s.taintPass();
    expect(s.taints('node0')).toEqual([]);
    const t2 = 51_000;
    s.ctx.setNow(t2);
    s.status('node1', [ready('True', at(t2), fakeNow)]);
    s.pass();
    s.taintPass();
    expect(s.taints('node0')).toEqual([]);
    expect(s.ctx.client.tracked<Node>(nodesR, '', 'node0')!.status!.conditions![0].status).toBe('Unknown');
    s.ctx.setNow(t2 + 5_000);
    s.status('node1', [ready('True', at(t2 + 5_000), fakeNow)]);
    s.pass();
    s.taintPass();
    expect(keysOf(s.taints('node0'))).toEqual(['node.kubernetes.io/unreachable:NoExecute']);
    expect(s.taints('node0')[0].timeAdded).toBe(at(t2 + 5_000));
    expect(s.taints('node1')).toEqual([]);
    s.status('node0', [ready('True', at(t2 + 5_000))]);
    s.pass();
    s.taintPass();
    expect(s.taints('node0')).toEqual([]);
  });

  it('TestSwapUnreachableNotReadyTaints: an unreachable node that reports NotReady has its taint swapped at once', () => {
    const zl = zoneLabels('region1', 'zone1');
    const s = setup([node('node0', { labels: zl, conditions: [ready('Unknown', fakeNow)] }), node('node1', { labels: zl, conditions: [ready('True', fakeNow)] })], [pod('pod0', 'node0')]);
    s.pass();
    s.taintPass();
    expect(keysOf(s.taints('node0'))).toEqual(['node.kubernetes.io/unreachable:NoExecute']);
    s.ctx.setNow(60_000);
    s.status('node0', [ready('False', at(60_000))]);
    s.status('node1', [ready('True', at(60_000), fakeNow)]);
    s.pass();
    expect(keysOf(s.taints('node0'))).toEqual(['node.kubernetes.io/not-ready:NoExecute']);
    const patch = s.ctx.client.writes().filter((a) => a.verb === 'patch').at(-1)!.patch as { metadata: { resourceVersion: string }; spec: unknown };
    expect(patch.metadata.resourceVersion).toBeDefined(); // PatchNodeTaints keeps the resourceVersion as a precondition
  });
});

describe('eviction rate (doNoExecuteTaintingPass over RateLimitedTimedQueue, burst 1)', () => {
  function zoneOf(n: number, down: number) {
    const zl = zoneLabels('region1', 'zone1');
    return Array.from({ length: n }, (_, i) => node(`node${i}`, { labels: zl, conditions: [ready(i < down ? 'Unknown' : 'True', fakeNow)] }));
  }
  const tainted = (s: ReturnType<typeof setup>, n: number) => Array.from({ length: n }, (_, i) => `node${i}`).filter((x) => s.taints(x).length > 0);

  it('Normal zone: one node at once, the next after 1 / --node-eviction-rate = 10 s', () => {
    const s = setup(zoneOf(10, 2));
    s.pass();
    s.taintPass();
    expect(tainted(s, 10)).toEqual(['node0']);
    expect(s.ctx.queues.get('node_lifecycle_controller')!.after.at(-1)).toEqual({ key: '#doNoExecuteTaintingPass', ms: 10_000 });
    s.ctx.setNow(9_900);
    s.taintPass();
    expect(tainted(s, 10)).toEqual(['node0']);
    s.ctx.setNow(10_000);
    s.taintPass();
    expect(tainted(s, 10)).toEqual(['node0', 'node1']);
  });

  it('PartialDisruption in a small zone (≤ --large-cluster-size-threshold nodes): no taints at all', () => {
    const s = setup(zoneOf(4, 0));
    s.pass();
    s.ctx.setNow(hour);
    for (const i of [1, 2, 3]) s.status(`node${i}`, [ready('True', at(hour), fakeNow)]);
    s.pass();
    expect(Object.fromEntries(s.nc.zoneStates)).toEqual({ [zone1]: 'Normal' });
    s.ctx.setNow(2 * hour);
    s.status('node0', [ready('True', at(2 * hour), fakeNow)]);
    s.pass();
    expect(Object.fromEntries(s.nc.zoneStates)).toEqual({ [zone1]: 'PartialDisruption' });
    s.taintPass();
    expect(tainted(s, 4)).toEqual([]);
  });

  it('FullDisruption of every zone: taints are removed and none are added', () => {
    const s = setup(zoneOf(2, 2));
    s.pass();
    s.taintPass();
    expect(Object.fromEntries(s.nc.zoneStates)).toEqual({ [zone1]: 'FullDisruption' });
    expect(tainted(s, 2)).toEqual([]);
  });
});

describe('TestTaintsNodeByCondition (doNoScheduleTaintingPass)', () => {
  const stay: Taint = { key: 'SomeTaint', value: 'SomeValue', effect: 'NoSchedule' };
  const cases: { name: string; conditions: NodeCondition[]; unschedulable?: boolean; expected: string[] }[] = [
    { name: 'NetworkUnavailable is true', conditions: [ready('True', fakeNow), { type: 'NetworkUnavailable', status: 'True' }], expected: ['SomeTaint:NoSchedule', 'node.kubernetes.io/network-unavailable:NoSchedule'] },
    {
      name: 'NetworkUnavailable and MemoryPressure are true',
      conditions: [ready('True', fakeNow), { type: 'NetworkUnavailable', status: 'True' }, { type: 'MemoryPressure', status: 'True' }],
      expected: ['SomeTaint:NoSchedule', 'node.kubernetes.io/network-unavailable:NoSchedule', 'node.kubernetes.io/memory-pressure:NoSchedule'],
    },
    { name: 'Ready is false', conditions: [ready('False', fakeNow)], expected: ['SomeTaint:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule'] },
    { name: 'Ready is unknown', conditions: [ready('Unknown', fakeNow)], expected: ['SomeTaint:NoSchedule', 'node.kubernetes.io/unreachable:NoSchedule'] },
    { name: 'unschedulable', conditions: [ready('True', fakeNow)], unschedulable: true, expected: ['SomeTaint:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = node('node0', { conditions: c.conditions, taints: [stay] });
      if (c.unschedulable) n.spec!.unschedulable = true;
      const s = setup([n]);
      s.sync();
      runSync(s.nc.sync('node0'));
      expect(keysOf(s.taints('node0'))).toEqual(c.expected);
    });
  }

  it('a stale condition taint is removed when the condition clears', () => {
    const s = setup([node('node0', { conditions: [ready('True', fakeNow)], taints: [stay, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] })]);
    s.sync();
    runSync(s.nc.sync('node0'));
    expect(keysOf(s.taints('node0'))).toEqual(['SomeTaint:NoSchedule']);
  });
});

describe('periodic passes and events', () => {
  it('monitorNodeHealth queues itself again after --node-monitor-period; RegisteredNode is recorded once', () => {
    const s = setup([node('node0', { conditions: [ready('True', fakeNow)] })]);
    const q = s.ctx.queues.get('node_lifecycle_controller')!;
    expect(q.added).toEqual(['#monitorNodeHealth']);
    s.sync();
    runSync(s.nc.sync('#monitorNodeHealth'));
    runSync(s.nc.sync('#monitorNodeHealth'));
    expect(q.after.filter((a) => a.key === '#monitorNodeHealth')).toEqual([
      { key: '#monitorNodeHealth', ms: 5_000 },
      { key: '#monitorNodeHealth', ms: 5_000 },
    ]);
    expect(s.ctx.events.map((e) => [e.component, e.object, e.reason, e.message])).toEqual([['node-controller', 'Node/node0', 'RegisteredNode', 'Node node0 event: Registered Node node0 in Controller']]);
  });

  it('a pod bound to a NotReady node is marked not Ready (processPod)', () => {
    const s = setup([node('node0', { conditions: [ready('False', fakeNow)] })]);
    s.pass();
    const p = pod('late', 'node0');
    s.ctx.client.seed(podsR, p);
    s.ctx.informers.informerFor<Pod>(podsR).emitUpsert(p);
    expect(s.ctx.queues.get('node_lifecycle_controller')!.added).toContain('pod:default/late');
    runSync(s.nc.sync('pod:default/late'));
    expect(statusUpdates(s.ctx, 'pods').map((a) => a.name)).toEqual(['late']);
  });
});

