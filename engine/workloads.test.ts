// Workloads that run and heal, end to end on the headless cluster: a Deployment's pods are
// scheduled (with the scores inspect.scheduling reports) and run on the kubelets; a killed node goes
// NotReady, its pods are evicted once their tolerations run out and come back on the others; a
// killed scheduler leader is replaced after its lease expires; and the run replays to the same digest.

import { describe, expect, it } from 'vitest';
import { createCluster, replay, type Cluster } from './cluster';

/** Runs until `cond` holds, looking every half second (the apiserver's telemetry is too dear to read after every event). */
async function waitFor(c: Cluster, cond: () => boolean, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (cond()) return true;
    await c.run(500);
  }
  return cond();
}

/** The apiserver has bootstrapped and `n` nodes are Ready. */
const readyNodes = (c: Cluster, n: number) => () => c.inspect.apiserver()?.bootstrapped === true && c.inspect.apiserver()!.workloads.nodes.filter((x) => x.ready === 'True').length === n;

const podsOn = (c: Cluster) => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'default').map((p) => [p.name, p.node, p.phase] as const);

/** The namespace's default ServiceAccount exists (until then the ServiceAccount admission plugin refuses pods, as upstream's does). */
const defaultSA = (c: Cluster) => () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default');

/** A cluster of `nodes` Ready nodes whose default namespace has its ServiceAccount: ready for pods. */
async function servingCluster(seed: number, nodes: number): Promise<Cluster> {
  const c = await createCluster({ seed, nodes });
  expect(await waitFor(c, readyNodes(c, nodes), 30_000)).toBe(true);
  expect(await waitFor(c, defaultSA(c), 30_000)).toBe(true);
  return c;
}

describe('workloads on three nodes', () => {
  it('schedules a Deployment, runs it, and heals it when a node dies', async () => {
    const c = await createCluster({ seed: 11, nodes: 3 });
    expect(await waitFor(c, readyNodes(c, 3), 30_000)).toBe(true);
    expect((await c.kubectl('create deployment web --image=nginx --replicas=6')).stdout).toBe('deployment.apps/web created\n');
    const running = () => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.phase === 'Running' && p.ready);
    expect(await waitFor(c, () => running().length === 6, 60_000)).toBe(true);
    // The default spreading puts two on each node.
    const byNode = podsOn(c).reduce<Record<string, number>>((m, [, n]) => ({ ...m, [n]: (m[n] ?? 0) + 1 }), {});
    expect(byNode).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
    const first = podsOn(c)[0][0];
    const why = c.inspect.scheduling(`default/${first}`)!;
    expect(Object.keys(why.nodes).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(why.nodes[why.node!].filter).toBeNull();
    expect(why.nodes[why.node!].scores.NodeResourcesFit).toBeGreaterThan(0);

    expect(c.chaos.killNode('node-1')).toBe(true);
    expect(c.chaos.killNode('node-1')).toBe(false);
    const node1 = () => c.inspect.apiserver()?.workloads.nodes.find((n) => n.name === 'node-1');
    expect(await waitFor(c, () => node1()?.ready === 'Unknown', 30_000)).toBe(true);
    expect(await waitFor(c, () => node1()?.taints.includes('node.kubernetes.io/unreachable:NoExecute') ?? false, 30_000)).toBe(true);
    // Evicted once the tolerations the DefaultTolerationSeconds plugin gave them run out (30 s in the
    // fast profile, 300 s in the realistic one), then replaced elsewhere;
    // the evicted ones stay Terminating while their node is unreachable, as upstream's do.
    const live = () => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'default' && !p.deleting);
    const healed = () => live().length === 6 && live().every((p) => p.node !== 'node-1' && p.phase === 'Running');
    expect(await waitFor(c, healed, 400_000)).toBe(true);
    // (node-1's coredns pod is evicted and replaced the same way: kube-system is not counted here.)
    const stuck = () => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'default' && p.node === 'node-1');
    expect(stuck().map((p) => p.status)).toEqual(['Terminating', 'Terminating']);
    const events = (await c.kubectl('get events -o custom-columns=REASON:.reason --no-headers')).stdout;
    expect(events).toContain('TaintManagerEviction');
    expect(events).toContain('NodeNotReady');

    // Back up, the kubelet finishes their deletion.
    expect(c.chaos.restartNode('node-1')).toBe(true);
    expect(await waitFor(c, () => node1()?.ready === 'True' && stuck().length === 0, 60_000)).toBe(true);

    const again = await replay(c.recording());
    expect(again.digest()).toBe(c.digest());
  }, 300_000);

  it('a pod that fits nowhere gets FailedScheduling as upstream words it', async () => {
    const c = await servingCluster(12, 2);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "64"\n';
    expect((await c.kubectl('apply -f -', pod)).stdout).toBe('pod/big created\n');
    await c.run(5_000);
    const ev = (await c.kubectl('get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}')).stdout;
    expect(ev).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
    const cond = (await c.kubectl('get pod big -o jsonpath={.status.conditions[0].reason}')).stdout;
    expect(cond).toBe('Unschedulable');
  }, 120_000);

  it('kubectl scale is never refused with a Conflict while the controllers write the Deployment', async () => {
    const c = await servingCluster(14, 2);
    await c.kubectl('create deployment web --image=nginx --replicas=2');
    // Each scale lands while the deployment and replicaset controllers are updating what the last one started.
    const out: string[] = [];
    for (const n of [3, 4, 5, 6, 7, 8]) {
      const r = await c.kubectl(`scale deployment web --replicas=${n}`);
      out.push(r.stdout + r.stderr);
      await c.run(37);
    }
    expect(out).toEqual(Array(6).fill('deployment.apps/web scaled\n'));
    const live = () => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'default' && !p.deleting && p.phase === 'Running');
    expect(await waitFor(c, () => live().length === 8, 60_000)).toBe(true);
  }, 120_000);

  it('the workload view follows a rollout: the Deployment\'s revision, progress and ReplicaSets, newest first', async () => {
    const c = await servingCluster(15, 2);
    await c.kubectl('create deployment web --image=nginx:1.26 --replicas=3');
    const web = () => c.inspect.apiserver()?.workloads.deployments?.find((d) => d.namespace === 'default' && d.name === 'web');
    expect(await waitFor(c, () => web()?.ready === 3, 60_000)).toBe(true);
    const hash = (await c.kubectl('get rs -l app=web -o jsonpath={.items[0].metadata.labels.pod-template-hash}')).stdout;
    expect(web()).toMatchObject({ replicas: 3, updated: 3, available: 3, revision: 1, strategy: 'RollingUpdate 25%/25%', paused: false, progress: 'NewReplicaSetAvailable' });
    expect(web()!.replicaSets).toEqual([{ name: `web-${hash}`, hash, revision: 1, desired: 3, current: 3, ready: 3, available: 3 }]);

    await c.kubectl('set image deployment/web nginx=nginx:1.27');
    expect(await waitFor(c, () => web()?.revision === 2 && web()?.updated === 3 && web()?.replicaSets[1]?.current === 0, 60_000)).toBe(true);
    const [next, old] = web()!.replicaSets;
    expect(next).toMatchObject({ revision: 2, desired: 3 });
    expect(next.hash).not.toBe(hash);
    expect(old).toMatchObject({ hash, revision: 1, desired: 0 });
    // The view's Deployments are what kubectl get deploy says.
    expect((await c.kubectl('get deploy web --no-headers')).stdout).toMatch(/^web\s+3\/3\s+3\s+3\s/);
  }, 120_000);

  it('the standby scheduler takes over when the leader dies', async () => {
    const c = await createCluster({ seed: 13, nodes: 1 });
    expect(await waitFor(c, readyNodes(c, 1), 30_000)).toBe(true);
    const leader = () => ['kube-scheduler-0', 'kube-scheduler-1'].find((n) => c.inspect.component(n)?.leading === true);
    expect(await waitFor(c, () => leader() !== undefined, 30_000)).toBe(true);
    const first = leader()!;
    c.chaos.killComponent(first);
    const other = first === 'kube-scheduler-0' ? 'kube-scheduler-1' : 'kube-scheduler-0';
    expect(await waitFor(c, () => leader() === other, 30_000)).toBe(true);
    await c.kubectl('create deployment solo --image=nginx');
    expect(await waitFor(c, () => (c.inspect.apiserver()?.workloads.pods ?? []).some((p) => p.node === 'node-1'), 30_000)).toBe(true);
  }, 120_000);
  it('a high-priority pod preempts a lower-priority one, is nominated to its node and runs there', async () => {
    const c = await createCluster({ seed: 14, nodes: [{ cpu: '2' }] });
    expect(await waitFor(c, readyNodes(c, 1), 30_000)).toBe(true);
    expect(await waitFor(c, defaultSA(c), 30_000)).toBe(true);
    const pc = (name: string, value: number) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: ${value}\n`;
    const pod = (name: string, cls: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  priorityClassName: ${cls}\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "1200m"\n`;
    expect((await c.kubectl('apply -f -', `${pc('low', 100)}---\n${pc('high', 1000)}`)).stdout).toBe('priorityclass.scheduling.k8s.io/low created\npriorityclass.scheduling.k8s.io/high created\n');
    await c.kubectl('apply -f -', pod('victim', 'low'));
    const phase = (n: string) => (c.inspect.apiserver()?.workloads.pods ?? []).find((p) => p.namespace === 'default' && p.name === n);
    expect(await waitFor(c, () => phase('victim')?.phase === 'Running', 60_000)).toBe(true);
    await c.kubectl('apply -f -', pod('vip', 'high'));
    // The victim is deleted (a DisruptionTarget condition first), vip is nominated to node-1, then bound there.
    expect(await waitFor(c, () => phase('vip')?.node === 'node-1' && phase('vip')?.phase === 'Running', 120_000)).toBe(true);
    expect(phase('victim')).toBeUndefined();
    const events = (await c.kubectl('get events --field-selector reason=Preempted -o jsonpath={.items[0].message}')).stdout;
    expect(events).toBe('Preempted by pod ' + (await c.kubectl('get pod vip -o jsonpath={.metadata.uid}')).stdout + ' on node node-1');
    // The first failure nominated node-1 (a successful PostFilter adds nothing to the message), and kubectl shows it.
    const failed = (await c.kubectl('get events --field-selector reason=FailedScheduling,involvedObject.name=vip -o jsonpath={.items[0].message}')).stdout;
    expect(failed).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    expect((await c.kubectl('get pod vip -o jsonpath={.status.nominatedNodeName}')).stdout).toBe('node-1');
    const again = await replay(c.recording());
    expect(again.digest()).toBe(c.digest());
  }, 240_000);
});
