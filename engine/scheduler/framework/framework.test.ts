// Ports of pkg/scheduler/framework/types_test.go (TestHostPortInfo_AddRemove, TestHostPortInfo_Check,
// TestFitError_Error, TestNodeInfoAddPod/RemovePod's aggregates), interface_test.go (PreFilterResult
// Merge) and cache/node_tree_test.go (zone round-robin order).

import { describe, expect, it } from 'vitest';
import { FitError, NodeToStatus, newDiagnosis } from './diagnosis';
import { HostPortInfo } from './host-ports';
import { mergePreFilterResults } from './interface';
import { NodeInfo } from './node-info';
import { Snapshot, nodeTreeOrder } from './snapshot';
import { Status } from './status';
import { container, makeNode, makePod } from './testing';

type P = [protocol: string, ip: string, port: number];

describe('HostPortInfo (TestHostPortInfo_AddRemove)', () => {
  const added: P[] = [
    ['TCP', '127.0.0.1', 79],
    ['UDP', '127.0.0.1', 80],
    ['TCP', '127.0.0.1', 81],
    ['TCP', '127.0.0.1', 82],
    ['TCP', '0.0.0.0', 79],
    ['UDP', '0.0.0.0', 80],
    ['TCP', '0.0.0.0', 81],
    ['TCP', '0.0.0.0', 82],
    ['TCP', '0.0.0.0', 0],
    ['TCP', '0.0.0.0', -1],
  ];
  const cases: { desc: string; removed: P[]; length: number }[] = [
    { desc: 'normal add case', removed: [], length: 8 },
    { desc: 'empty ip and protocol add should work', removed: [], length: 8 },
    {
      desc: 'normal remove case',
      removed: [
        ['TCP', '127.0.0.1', 79],
        ['UDP', '127.0.0.1', 80],
        ['TCP', '127.0.0.1', 81],
        ['TCP', '127.0.0.1', 82],
        ['TCP', '0.0.0.0', 79],
        ['UDP', '0.0.0.0', 80],
        ['TCP', '0.0.0.0', 81],
        ['TCP', '0.0.0.0', 82],
      ],
      length: 0,
    },
    {
      desc: 'empty ip and protocol remove should work',
      removed: [
        ['', '127.0.0.1', 79],
        ['', '127.0.0.1', 81],
        ['', '127.0.0.1', 82],
        ['UDP', '127.0.0.1', 80],
        ['', '', 79],
        ['', '', 81],
        ['', '', 82],
        ['UDP', '', 80],
      ],
      length: 0,
    },
  ];
  for (const tc of cases) {
    it(tc.desc, () => {
      const hp = new HostPortInfo();
      for (const [proto, ip, port] of added) hp.add(ip, proto, port);
      for (const [proto, ip, port] of tc.removed) hp.remove(ip, proto, port);
      expect(hp.len()).toBe(tc.length);
    });
  }
});

describe('HostPortInfo (TestHostPortInfo_Check)', () => {
  const cases: { desc: string; added: P[]; check: P; expect: boolean }[] = [
    { desc: 'empty check should check 0.0.0.0 and TCP', added: [['TCP', '127.0.0.1', 80]], check: ['', '', 81], expect: false },
    { desc: 'empty check should check 0.0.0.0 and TCP (conflicted)', added: [['TCP', '127.0.0.1', 80]], check: ['', '', 80], expect: true },
    { desc: 'empty port check should pass', added: [['TCP', '127.0.0.1', 80]], check: ['', '', 0], expect: false },
    { desc: '0.0.0.0 should check all registered IPs', added: [['TCP', '127.0.0.1', 80]], check: ['TCP', '0.0.0.0', 80], expect: true },
    { desc: '0.0.0.0 with different protocol should be allowed', added: [['UDP', '127.0.0.1', 80]], check: ['TCP', '0.0.0.0', 80], expect: false },
    {
      desc: '0.0.0.0 with different port should be allowed',
      added: [
        ['TCP', '127.0.0.1', 79],
        ['TCP', '127.0.0.1', 81],
        ['TCP', '127.0.0.1', 82],
      ],
      check: ['TCP', '0.0.0.0', 80],
      expect: false,
    },
    { desc: 'normal ip should check all registered 0.0.0.0', added: [['TCP', '0.0.0.0', 80]], check: ['TCP', '127.0.0.1', 80], expect: true },
    {
      desc: 'normal ip with different port/protocol should be allowed (0.0.0.0)',
      added: [
        ['TCP', '0.0.0.0', 79],
        ['UDP', '0.0.0.0', 80],
        ['TCP', '0.0.0.0', 81],
        ['TCP', '0.0.0.0', 82],
      ],
      check: ['TCP', '127.0.0.1', 80],
      expect: false,
    },
    {
      desc: 'normal ip with different port/protocol should be allowed',
      added: [
        ['TCP', '127.0.0.1', 79],
        ['UDP', '127.0.0.1', 80],
        ['TCP', '127.0.0.1', 81],
        ['TCP', '127.0.0.1', 82],
      ],
      check: ['TCP', '127.0.0.1', 80],
      expect: false,
    },
  ];
  for (const tc of cases) {
    it(tc.desc, () => {
      const hp = new HostPortInfo();
      for (const [proto, ip, port] of tc.added) hp.add(ip, proto, port);
      expect(hp.checkConflict(tc.check[1], tc.check[0], tc.check[2])).toBe(tc.expect);
    });
  }
});

describe('FitError.error (TestFitError_Error)', () => {
  const statuses = (...reasons: string[]) => {
    const m = NodeToStatus.newDefault();
    reasons.forEach((r, i) => m.set(`node${i + 1}`, Status.new('Unschedulable', r)));
    return m;
  };
  const pod = makePod('p');
  const cases: { name: string; numAllNodes: number; preFilterMsg?: string; postFilterMsg?: string; m: NodeToStatus; want: string }[] = [
    {
      name: 'nodes failed Prefilter plugin',
      numAllNodes: 3,
      preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter',
      m: statuses(...Array(3).fill('Node(s) failed PreFilter plugin FalsePreFilter')),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    },
    {
      name: 'nodes failed Prefilter plugin and the preemption also failed',
      numAllNodes: 3,
      preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter',
      postFilterMsg: 'Error running PostFilter plugin FailedPostFilter',
      m: statuses(...Array(3).fill('Node(s) failed PreFilter plugin FalsePreFilter')),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes failed one Filter plugin with an empty PostFilterMsg',
      numAllNodes: 3,
      m: statuses(...Array(3).fill('Node(s) failed Filter plugin FalseFilter-1')),
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'nodes failed two Filter plugins with a non-empty PostFilterMsg',
      numAllNodes: 3,
      postFilterMsg: 'Error running PostFilter plugin FailedPostFilter',
      m: statuses('Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-2'),
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    },
    { name: 'failed to Permit on node', numAllNodes: 1, m: statuses('Node failed Permit plugin Permit-1'), want: '0/1 nodes are available: 1 Node failed Permit plugin Permit-1.' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const d = { ...newDiagnosis(), nodeToStatus: tc.m, preFilterMsg: tc.preFilterMsg ?? '', postFilterMsg: tc.postFilterMsg ?? '' };
      expect(new FitError(pod, tc.numAllNodes, d).error()).toBe(tc.want);
    });
  }

  it('counts nodes without a status of their own under the absent nodes status', () => {
    const m = statuses('Insufficient cpu');
    m.setAbsentNodesStatus(Status.new('UnschedulableAndUnresolvable', "node(s) didn't satisfy plugin(s) [NodeAffinity]"));
    const d = { ...newDiagnosis(), nodeToStatus: m };
    expect(new FitError(pod, 3, d).error()).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });
});

describe('NodeInfo (TestNewNodeInfo, TestNodeInfoRemovePod)', () => {
  const withPorts = (name: string, cpu: string, mem: string, hostPort: number) =>
    makePod(name, { nodeName: 'test-node', containers: [container({ cpu, memory: mem }, { ports: [{ containerPort: 80, hostIP: '127.0.0.1', hostPort, protocol: 'TCP' }] })] });

  it('aggregates requests, non-zero requests and host ports of the pods added', () => {
    const ni = new NodeInfo([withPorts('test-1', '100m', '500', 80), withPorts('test-2', '200m', '1Ki', 8080)]);
    expect([ni.requested.milliCPU, ni.requested.memory]).toEqual([300, 1524]);
    expect([ni.nonZeroRequested.milliCPU, ni.nonZeroRequested.memory]).toEqual([300, 1524]);
    expect(ni.usedPorts.checkConflict('127.0.0.1', 'TCP', 80) && ni.usedPorts.checkConflict('127.0.0.1', 'TCP', 8080)).toBe(true);
    expect(ni.usedPorts.len()).toBe(2);
  });

  it('subtracts a removed pod and releases its ports; removing an unknown pod is an error', () => {
    const ni = new NodeInfo([withPorts('test-1', '100m', '500', 80), withPorts('test-2', '200m', '1Ki', 8080)]);
    const before = ni.generation;
    ni.removePod(withPorts('test-1', '100m', '500', 80));
    expect([ni.requested.milliCPU, ni.requested.memory, ni.pods.map((p) => p.pod.metadata.name)]).toEqual([200, 1024, ['test-2']]);
    expect(ni.usedPorts.checkConflict('127.0.0.1', 'TCP', 80)).toBe(false);
    expect(ni.generation).toBeGreaterThan(before);
    expect(() => ni.removePod(makePod('non-exist'))).toThrow('no corresponding pod non-exist in pods of node ');
  });

  it('keeps the affinity subsets and the PVC reference counts', () => {
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } };
    const p = makePod('a', { affinity, volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] });
    const ni = new NodeInfo([p]);
    expect([ni.podsWithAffinity.length, ni.podsWithRequiredAntiAffinity.length, ni.pvcRefCounts.get('default/data')]).toEqual([1, 1, 1]);
    ni.removePod(p);
    expect([ni.podsWithAffinity.length, ni.podsWithRequiredAntiAffinity.length, ni.pvcRefCounts.size]).toEqual([0, 0, 0]);
  });
});

describe('Snapshot', () => {
  it('lists nodes zone by zone in turn (node_tree_test.go TestNodeTree_List)', () => {
    const z = (name: string, zone: string) => makeNode(name, {}, { labels: { 'topology.kubernetes.io/zone': zone } });
    const nodes = [z('node-1', 'zone-1'), z('node-2', 'zone-1'), z('node-3', 'zone-1'), z('node-4', 'zone-2'), z('node-5', 'zone-3'), z('node-6', 'zone-3')];
    expect(nodeTreeOrder(nodes)).toEqual(['node-1', 'node-4', 'node-5', 'node-2', 'node-6', 'node-3']);
  });

  it('counts how many nodes have each image and knows the nodes with affinity pods', () => {
    const img = (names: string[], sizeBytes: number) => ({ names, sizeBytes });
    const n1 = makeNode('n1', {}, { status: { images: [img(['gcr.io/10:v1', 'gcr.io/10@sha256:x'], 10)] } });
    const n2 = makeNode('n2', {}, { status: { images: [img(['gcr.io/10:v1'], 10), img(['gcr.io/20:latest'], 20)] } });
    const affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone' }] } };
    const s = Snapshot.from([makePod('a', { nodeName: 'n2', affinity })], [n1, n2]);
    expect(s.get('n1').imageStates.get('gcr.io/10:v1')).toEqual({ size: 10, numNodes: 2 });
    expect(s.get('n2').imageStates.get('gcr.io/20:latest')).toEqual({ size: 20, numNodes: 1 });
    expect(s.havePodsWithAffinityList().map((n) => n.nodeName())).toEqual(['n2']);
    expect(() => s.get('nope')).toThrow('nodeinfo not found for node name "nope"');
  });
});

describe('PreFilterResult.Merge (interface_test.go TestPreFilterResultMerge)', () => {
  const r = (...names: string[]) => ({ nodeNames: new Set(names) });
  it('intersects node sets, and a nil result admits everything', () => {
    expect(mergePreFilterResults(null, null)).toBeNull();
    expect([...mergePreFilterResults(null, r('node1'))!.nodeNames!]).toEqual(['node1']);
    expect([...mergePreFilterResults(r('node1', 'node2'), r('node2', 'node3'))!.nodeNames!]).toEqual(['node2']);
    expect(mergePreFilterResults(r('node1'), r('node2'))!.nodeNames!.size).toBe(0);
  });
});

describe('Status (interface_test.go TestStatus)', () => {
  it('an Error status carries its message as its error; reasons join with ", "', () => {
    const s = Status.new('Error', 'unknown error');
    expect([s.code(), s.message(), s.asError()?.message, s.isSuccess()]).toEqual(['Error', 'unknown error', 'unknown error', false]);
    const u = Status.new('Unschedulable', 'a', 'b');
    expect([u.message(), u.isRejected(), u.asError()?.message]).toEqual(['a, b', true, 'a, b']);
    expect([Status.isSuccess(null), Status.code(null), Status.new('Skip').asError()]).toEqual([true, 'Success', null]);
  });
});
