// Ported from pkg/controller/daemon/daemon_controller_test.go and update_test.go (v1.32).
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet, Node, Pod, Taint } from '../../api/types';
import { res } from '../../client/clientset';
import { fakeContext, runSync, type FakeContext } from '../testing';
import { newDaemonSetsController, nodeShouldRunDaemonPod } from './daemon-controller';

const daemonSets = res('apps', 'daemonsets');
const pods = res('', 'pods');
const nodes = res('', 'nodes');
const revisions = res('apps', 'controllerrevisions');
const epochMs = Date.UTC(2026, 0, 1);
const now = epochMs + 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const simpleDaemonSetLabel = { name: 'simple-daemon', type: 'production' };
const simpleDaemonSetLabel2 = { name: 'simple-daemon', type: 'test' };
const simpleNodeLabel = { color: 'blue', speed: 'fast' };
const simpleNodeLabel2 = { color: 'red', speed: 'fast' };

// daemon_controller_test.go newDaemonSet.
function newDaemonSet(name: string): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1 },
    spec: {
      revisionHistoryLimit: 2,
      updateStrategy: { type: 'OnDelete' },
      selector: { matchLabels: { ...simpleDaemonSetLabel } },
      template: {
        metadata: { labels: { ...simpleDaemonSetLabel } },
        spec: { containers: [{ name: '', image: 'foo/bar', terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent' }], dnsPolicy: 'Default' },
      },
    },
  };
}

function newRollingUpdateStrategy(maxUnavailable: number | string, maxSurge?: number | string): DaemonSet['spec'] extends infer S ? (S extends { updateStrategy?: infer U } ? U : never) : never {
  return { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, ...(maxSurge !== undefined ? { maxSurge } : {}) } };
}

// daemon_controller_test.go newNode.
function newNode(name: string, labels?: Record<string, string>): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, ...(labels ? { labels: { ...labels } } : {}) }, status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '100' } } };
}

function addNodes(list: Node[], start: number, n: number, labels?: Record<string, string>): void {
  for (let i = start; i < start + n; i++) list.push(newNode(`node-${i}`, labels));
}

let podSeq = 0;
// daemon_controller_test.go newPod: a pod bound to nodeName, owned by ds.
function newPod(prefix: string, nodeName: string, labels: Record<string, string>, ds?: DaemonSet): Pod {
  const name = `${prefix}${podSeq++}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: name,
      namespace: 'default',
      labels: { ...labels },
      creationTimestamp: iso(now - 60_000 + podSeq),
      ...(ds ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name!, uid: ds.metadata.uid!, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: { nodeName, containers: [{ name: '', image: 'foo/bar' }] },
    status: { phase: 'Running' },
  };
}

function addPods(list: Pod[], nodeName: string, labels: Record<string, string>, ds: DaemonSet | undefined, n: number, f?: (p: Pod) => void): void {
  for (let i = 0; i < n; i++) {
    const p = newPod(`${nodeName}-`, nodeName, labels, ds);
    f?.(p);
    list.push(p);
  }
}

interface Env {
  ctx: FakeContext;
  ctrl: ReturnType<typeof newDaemonSetsController>;
}

function setup(dss: DaemonSet[], nodeList: Node[], podList: Pod[] = [], revs: ControllerRevision[] = []): Env {
  const ctx = fakeContext(now - epochMs);
  const ctrl = newDaemonSetsController(ctx);
  ctx.informers.informerFor<DaemonSet>(daemonSets).preload(...dss);
  ctx.informers.informerFor<Node>(nodes).preload(...nodeList);
  ctx.informers.informerFor<Pod>(pods).preload(...podList);
  ctx.informers.informerFor<ControllerRevision>(revisions).preload(...revs);
  ctx.client.seed(daemonSets, ...dss).seed(pods, ...podList).seed(revisions, ...revs);
  return { ctx, ctrl };
}

const podControlReasons = new Set(['SuccessfulCreate', 'SuccessfulDelete', 'FailedCreate', 'FailedDelete']);

// daemon_controller_test.go syncAndValidateDaemonSets: creates, deletes, and the controller's own events.
function syncAndValidate(env: Env, ds: DaemonSet, expectedCreates: number, expectedDeletes: number, expectedEvents: number): void {
  runSync(env.ctrl.sync(`${ds.metadata.namespace}/${ds.metadata.name}`));
  const writes = env.ctx.client.writes();
  const creates = writes.filter((a) => a.verb === 'create' && a.resource === 'pods');
  expect(creates.length).toBe(expectedCreates);
  for (const c of creates) expect(c.object!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  expect(writes.filter((a) => a.verb === 'delete' && a.resource === 'pods').length).toBe(expectedDeletes);
  expect(env.ctx.events.filter((e) => !podControlReasons.has(e.reason)).length).toBe(expectedEvents);
}

const createdNodes = (env: Env) =>
  env.ctx.client
    .writes()
    .filter((a) => a.verb === 'create' && a.resource === 'pods')
    .map((a) => (a.object as Pod).spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]!.matchFields![0]!.values![0]);

describe('DaemonSet controller (daemon_controller_test.go)', () => {
  it('TestSimpleDaemonSetLaunchesPods: one pod per node', () => {
    const ds = newDaemonSet('foo');
    const ns: Node[] = [];
    addNodes(ns, 0, 5);
    const env = setup([ds], ns);
    syncAndValidate(env, ds, 5, 0, 0);
  });

  it('TestSimpleDaemonSetScheduleDaemonSetPodsLaunchPods: each pod pinned to its node by a metadata.name affinity, with the daemon tolerations', () => {
    const ds = newDaemonSet('foo');
    const ns: Node[] = [];
    addNodes(ns, 0, 5);
    const env = setup([ds], ns);
    syncAndValidate(env, ds, 5, 0, 0);
    expect(createdNodes(env).sort()).toEqual(['node-0', 'node-1', 'node-2', 'node-3', 'node-4']);
    const pod = env.ctx.client.writes().find((a) => a.verb === 'create' && a.resource === 'pods')!.object as Pod;
    expect(pod.metadata.generateName).toBe('foo-');
    expect(pod.spec!.nodeName).toBeUndefined();
    expect(pod.spec!.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const rev = env.ctx.client.writes().find((a) => a.verb === 'create' && a.resource === 'controllerrevisions.apps')!.object as ControllerRevision;
    expect(pod.metadata.labels).toEqual({ ...simpleDaemonSetLabel, 'controller-revision-hash': rev.metadata.labels!['controller-revision-hash'] });
    expect(rev.metadata.name).toBe(`foo-${rev.metadata.labels!['controller-revision-hash']}`);
    expect(rev.revision).toBe(1);
    expect(rev.data).toEqual({ spec: { template: { ...ds.spec!.template, $patch: 'replace' } } });
  });

  it('TestNoNodesDoesNothing', () => {
    const ds = newDaemonSet('foo');
    syncAndValidate(setup([ds], []), ds, 0, 0, 0);
  });

  it('TestOneNodeDaemonLaunchesPod', () => {
    const ds = newDaemonSet('foo');
    syncAndValidate(setup([ds], [newNode('only-node')]), ds, 1, 0, 0);
  });

  it('TestNotReadyNodeDaemonDoesLaunchPod', () => {
    const ds = newDaemonSet('foo');
    const node = newNode('not-ready');
    node.status!.conditions = [{ type: 'Ready', status: 'False' }];
    syncAndValidate(setup([ds], [node]), ds, 1, 0, 0);
  });

  it('TestDontDoAnythingIfBeingDeleted', () => {
    const ds = newDaemonSet('foo');
    ds.metadata.deletionTimestamp = iso(now);
    const env = setup([ds], [newNode('only-node')]);
    syncAndValidate(env, ds, 0, 0, 0);
    expect(env.ctx.client.writes()).toEqual([]);
  });

  it('TestDealsWithExistingPods: creates where missing, keeps the oldest where doubled', () => {
    const ds = newDaemonSet('foo');
    const ns: Node[] = [];
    addNodes(ns, 0, 5);
    const ps: Pod[] = [];
    addPods(ps, 'node-1', simpleDaemonSetLabel, ds, 1);
    addPods(ps, 'node-2', simpleDaemonSetLabel, ds, 2);
    addPods(ps, 'node-3', simpleDaemonSetLabel, ds, 5);
    addPods(ps, 'node-4', simpleDaemonSetLabel2, ds, 2);
    syncAndValidate(setup([ds], ns, ps), ds, 2, 5, 0);
  });

  it('TestSelectorDaemonLaunchesPods: only nodes matching nodeSelector', () => {
    const ds = newDaemonSet('foo');
    ds.spec!.template.spec!.nodeSelector = simpleNodeLabel;
    const ns: Node[] = [];
    addNodes(ns, 0, 4);
    addNodes(ns, 4, 3, simpleNodeLabel);
    syncAndValidate(setup([ds], ns), ds, 3, 0, 0);
  });

  it('TestSelectorDaemonDeletesUnselectedPods', () => {
    const ds = newDaemonSet('foo');
    ds.spec!.template.spec!.nodeSelector = simpleNodeLabel;
    const ns: Node[] = [];
    addNodes(ns, 0, 5);
    addNodes(ns, 5, 5, simpleNodeLabel);
    const ps: Pod[] = [];
    addPods(ps, 'node-0', simpleDaemonSetLabel2, ds, 2);
    addPods(ps, 'node-1', simpleDaemonSetLabel, ds, 3);
    addPods(ps, 'node-1', simpleDaemonSetLabel2, ds, 1);
    addPods(ps, 'node-4', simpleDaemonSetLabel, ds, 1);
    syncAndValidate(setup([ds], ns, ps), ds, 5, 4, 0);
  });

  it('TestNodeAffinityDaemonLaunchesPods', () => {
    const ds = newDaemonSet('foo');
    ds.spec!.template.spec!.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'color', operator: 'In', values: [simpleNodeLabel.color] }] }] } } };
    const ns: Node[] = [];
    addNodes(ns, 0, 4);
    addNodes(ns, 4, 3, simpleNodeLabel);
    const env = setup([ds], ns);
    syncAndValidate(env, ds, 3, 0, 0);
    // The template's required terms are replaced by the node pin.
    expect(createdNodes(env).sort()).toEqual(['node-4', 'node-5', 'node-6']);
  });

  it('TestNameDaemonSetLaunchesPods: spec.nodeName in the template picks that node', () => {
    const ds = newDaemonSet('foo');
    ds.spec!.template.spec!.nodeName = 'node-0';
    const ns: Node[] = [];
    addNodes(ns, 0, 5);
    syncAndValidate(setup([ds], ns), ds, 1, 0, 0);
  });

  it('TestTaintedNodeDaemonDoesNotLaunchIntolerantPod', () => {
    const ds = newDaemonSet('untolerate');
    const node = newNode('tainted');
    node.spec = { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }] };
    syncAndValidate(setup([ds], [node]), ds, 0, 0, 0);
  });

  it('TestTaintedNodeDaemonLaunchesToleratePod', () => {
    const ds = newDaemonSet('tolerate');
    ds.spec!.template.spec!.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' }];
    const node = newNode('tainted');
    node.spec = { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }] };
    syncAndValidate(setup([ds], [node]), ds, 1, 0, 0);
  });

  it('TestNotReadyNodeDaemonLaunchesPod / TestUnreachableTaintedNodeDaemonLaunchesPod: the daemon tolerations cover not-ready and unreachable', () => {
    const ds = newDaemonSet('simple');
    const a = newNode('tainted-a');
    a.spec = { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] };
    const b = newNode('tainted-b');
    b.spec = { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] };
    syncAndValidate(setup([ds], [a, b]), ds, 2, 0, 0);
  });

  it('TestTaintPressureNodeDaemonLaunchesPod', () => {
    const ds = newDaemonSet('critical');
    const node = newNode('resources-pressure');
    node.spec = { taints: ['disk-pressure', 'memory-pressure', 'pid-pressure'].map((k) => ({ key: `node.kubernetes.io/${k}`, effect: 'NoSchedule' }) as Taint), unschedulable: true };
    syncAndValidate(setup([ds], [node]), ds, 1, 0, 0);
  });

  it('TestNetworkUnavailableNodeDaemonLaunchesPod: only host-network pods tolerate network-unavailable', () => {
    const node = newNode('network-unavailable');
    node.spec = { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] };
    const ds = newDaemonSet('simple');
    syncAndValidate(setup([ds], [node]), ds, 0, 0, 0);
    const host = newDaemonSet('host');
    host.spec!.template.spec!.hostNetwork = true;
    syncAndValidate(setup([host], [node]), host, 1, 0, 0);
  });

  // TestDaemonKillFailedPods (1.32's table: with the failed-pods backoff a node loses one failed pod per window).
  for (const [numFailed, numNormal, creates, deletes, events] of [
    [0, 1, 0, 0, 0],
    [0, 0, 1, 0, 0],
    [1, 0, 0, 1, 1],
    [1, 3, 0, 3, 1],
  ] as const) {
    it(`TestDaemonKillFailedPods: ${numFailed} failed, ${numNormal} running`, () => {
      const ds = newDaemonSet('foo');
      const ps: Pod[] = [];
      addPods(ps, 'node-0', simpleDaemonSetLabel, ds, numFailed, (p) => (p.status = { phase: 'Failed' }));
      addPods(ps, 'node-0', simpleDaemonSetLabel, ds, numNormal);
      const env = setup([ds], [newNode('node-0')], ps);
      syncAndValidate(env, ds, creates, deletes, events);
      if (numFailed) expect(env.ctx.events.filter((e) => e.reason === 'FailedDaemonPod')[0]!.message).toMatch(/^Found failed daemon pod default\/node-0-\d+ on node node-0, will try to kill it$/);
    });
  }

  it('TestDaemonKillFailedPodsBackoff: a second failure on the node within the backoff waits', () => {
    const ds = newDaemonSet('foo');
    const ps: Pod[] = [];
    addPods(ps, 'node-0', simpleDaemonSetLabel, ds, 1, (p) => (p.status = { phase: 'Failed' }));
    const env = setup([ds], [newNode('node-0')], ps);
    syncAndValidate(env, ds, 0, 1, 1);
    // As if the deletion had been observed and the kubelet had rejected a new pod at once.
    env.ctrl.dsc.expectations.deleteExpectations('default/foo');
    runSync(env.ctrl.sync('default/foo'));
    expect(env.ctx.queues.get('daemonset')!.after).toEqual([{ key: 'default/foo', ms: 1000 }]);
  });

  it('TestSelectingAll: an empty selector is refused with an event', () => {
    const ds = newDaemonSet('foo');
    ds.spec!.selector = {};
    const env = setup([ds], [newNode('node-0')]);
    syncAndValidate(env, ds, 0, 0, 1);
    expect(env.ctx.events[0]).toMatchObject({ type: 'Warning', reason: 'SelectingAll', message: 'This daemon set is selecting all pods. A non-empty selector is required.' });
  });

  it('TestDaemonSetPodCreateExpectationsError-like: unmet expectations only update status', () => {
    const ds = newDaemonSet('foo');
    const env = setup([ds], [newNode('node-0')]);
    env.ctrl.dsc.expectations.expectCreations('default/foo', 1);
    syncAndValidate(env, ds, 0, 0, 0);
    const status = env.ctx.client.writes().find((a) => a.subresource === 'status')!.object as DaemonSet;
    expect(status.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 0, numberUnavailable: 1 });
  });

  it('writes status: desired, current, misscheduled, ready, updated, available, observedGeneration', () => {
    const ds = newDaemonSet('foo');
    ds.spec!.template.spec!.nodeSelector = simpleNodeLabel;
    const ns: Node[] = [];
    addNodes(ns, 0, 2, simpleNodeLabel);
    addNodes(ns, 2, 1);
    const ps: Pod[] = [];
    addPods(ps, 'node-0', simpleDaemonSetLabel, ds, 1, (p) => (p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(now - 30_000) }] }));
    addPods(ps, 'node-2', simpleDaemonSetLabel, ds, 1);
    const env = setup([ds], ns, ps);
    syncAndValidate(env, ds, 1, 1, 0);
    const status = (env.ctx.client.writes().find((a) => a.subresource === 'status')!.object as DaemonSet).status;
    // The created pod is not in the informer yet; node-2's pod is being deleted but still counted.
    expect(status).toEqual({ currentNumberScheduled: 1, numberMisscheduled: 1, desiredNumberScheduled: 2, numberReady: 1, numberAvailable: 1, numberUnavailable: 1, observedGeneration: 1 });
  });
});

// daemon_controller_test.go TestNodeShouldRunDaemonPod, in short.
describe('nodeShouldRunDaemonPod', () => {
  const ds = () => newDaemonSet('ds');
  const cases: [string, () => DaemonSet, () => Node, boolean, boolean][] = [
    ['plain node', ds, () => newNode('test-node'), true, true],
    ['nodeSelector matches', () => Object.assign(ds(), { spec: { ...ds().spec!, template: { ...ds().spec!.template, spec: { ...ds().spec!.template.spec!, nodeSelector: simpleNodeLabel } } } }), () => newNode('test-node', simpleNodeLabel), true, true],
    ['nodeSelector does not match', () => Object.assign(ds(), { spec: { ...ds().spec!, template: { ...ds().spec!.template, spec: { ...ds().spec!.template.spec!, nodeSelector: simpleNodeLabel2 } } } }), () => newNode('test-node', simpleNodeLabel), false, false],
    ['other nodeName', () => Object.assign(ds(), { spec: { ...ds().spec!, template: { ...ds().spec!.template, spec: { ...ds().spec!.template.spec!, nodeName: 'other-node' } } } }), () => newNode('test-node'), false, false],
    [
      'NoSchedule taint not tolerated: no new pod, an old one stays',
      ds,
      () => Object.assign(newNode('test-node'), { spec: { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }] } }),
      false,
      true,
    ],
    [
      'NoExecute taint not tolerated: evicted',
      ds,
      () => Object.assign(newNode('test-node'), { spec: { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }] } }),
      false,
      false,
    ],
    [
      'unschedulable node (the unschedulable taint is tolerated)',
      ds,
      () => Object.assign(newNode('test-node'), { spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } }),
      true,
      true,
    ],
  ];
  for (const [name, d, n, shouldRun, shouldContinueRunning] of cases) it(name, () => expect(nodeShouldRunDaemonPod(n(), d())).toEqual({ shouldRun, shouldContinueRunning }));
});

// update_test.go.
describe('DaemonSet rolling update (update_test.go)', () => {
  // Pods of the old template on every node, ready long ago; then the template changes.
  function rollingSetup(nNodes: number, maxUnavailable: number | string, maxSurge?: number | string, ready = true) {
    const ds = newDaemonSet('foo');
    ds.spec!.updateStrategy = newRollingUpdateStrategy(maxUnavailable, maxSurge);
    const ns: Node[] = [];
    addNodes(ns, 0, nNodes);
    const ps: Pod[] = [];
    for (const n of ns) {
      addPods(ps, n.metadata.name!, { ...simpleDaemonSetLabel, 'controller-revision-hash': 'old-hash' }, ds, 1, (p) => {
        if (ready) p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(now - 600_000) }] };
      });
    }
    ds.spec!.template.spec!.containers[0]!.image = 'foo2/bar2';
    return setup([ds], ns, ps);
  }

  it('TestDaemonSetUpdatesPods: deletes maxUnavailable old pods at a time', () => {
    const env = rollingSetup(5, 2);
    syncAndValidate(env, env.ctx.informers.informerFor<DaemonSet>(daemonSets).lister.get('default', 'foo')!, 0, 2, 0);
  });

  it('TestDaemonSetUpdatesPodsWithMaxSurge: creates maxSurge new pods beside the old ones', () => {
    const env = rollingSetup(5, 0, 2);
    const ds = env.ctx.informers.informerFor<DaemonSet>(daemonSets).lister.get('default', 'foo')!;
    syncAndValidate(env, ds, 2, 0, 0);
  });

  it('TestDaemonSetUpdatesWhenNewPosIsNotReady-like: unavailable old pods are replaced at once', () => {
    const env = rollingSetup(5, 1, undefined, false);
    const ds = env.ctx.informers.informerFor<DaemonSet>(daemonSets).lister.get('default', 'foo')!;
    syncAndValidate(env, ds, 0, 5, 0);
  });

  it('a percentage maxUnavailable rounds up (25% of 5 is 2)', () => {
    const env = rollingSetup(5, '25%');
    const ds = env.ctx.informers.informerFor<DaemonSet>(daemonSets).lister.get('default', 'foo')!;
    syncAndValidate(env, ds, 0, 2, 0);
  });

  it('OnDelete leaves old pods alone', () => {
    const env = rollingSetup(3, 1);
    const ds = env.ctx.informers.informerFor<DaemonSet>(daemonSets).lister.get('default', 'foo')!;
    ds.spec!.updateStrategy = { type: 'OnDelete' };
    syncAndValidate(env, ds, 0, 0, 0);
  });

  it('keeps an existing matching revision and renumbers it past the old ones', () => {
    const env = rollingSetup(1, 1);
    const ds = env.ctx.informers.informerFor<DaemonSet>(daemonSets).lister.get('default', 'foo')!;
    runSync(env.ctrl.sync('default/foo'));
    const created = env.ctx.client.writes().filter((a) => a.verb === 'create' && a.resource === 'controllerrevisions.apps');
    expect(created).toHaveLength(1);
    // A second sync with that revision cached creates nothing new.
    const rev = env.ctx.client.tracked<ControllerRevision>(revisions, 'default', created[0]!.object!.metadata.name!)!;
    const env2 = setup([ds], [newNode('node-0')], [], [rev, { ...structuredClone(rev), metadata: { ...rev.metadata, name: 'foo-older', uid: 'older', labels: { ...rev.metadata.labels!, 'controller-revision-hash': 'older' } }, data: { spec: { template: { $patch: 'replace' } } }, revision: 5 }]);
    runSync(env2.ctrl.sync('default/foo'));
    const writes = env2.ctx.client.writes().filter((a) => a.resource === 'controllerrevisions.apps');
    expect(writes.map((a) => [a.verb, a.name, (a.object as ControllerRevision | undefined)?.revision])).toEqual([['update', rev.metadata.name, 6]]);
  });
});
