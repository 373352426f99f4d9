// Seeded chaos over a whole cluster (three etcd members, two of each leader-elected component,
// three worker nodes): nodes are powered off and back on or cut off from the apiserver (their
// kubelets and containers run on), the controller-manager's and the scheduler's leaders and etcd
// members crash and restart, an etcd member is cut off, while a Deployment rolls out new images and
// a StatefulSet runs. Checked every 250 simulated ms:
// - the Deployment's ReplicaSets never ask for more than replicas + maxSurge pods in all;
// - no StatefulSet pod runs on two kubelets at once (each ordinal at most once);
// then, every fault healed, the desired replicas come back, Running and ready; and a last rollout,
// with the controller-manager's leader killed halfway, never has fewer than replicas −
// maxUnavailable pods ready (no node is down then: a node's death takes pods away involuntarily).
// A failure names its seed: CHAOS_SEED=<seed> npx vitest run engine/workloads.chaos;
// WORKLOAD_CHAOS_SEEDS=<n> runs more seeds (default 3).

import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from './cluster';
import { Rng } from './sim/rng';

const seeds = process.env.CHAOS_SEED ? [Number(process.env.CHAOS_SEED)] : Array.from({ length: Number(process.env.WORKLOAD_CHAOS_SEEDS ?? 3) }, (_, i) => i + 1);

const replicas = 4;
// 25% of 4: maxSurge rounds up, maxUnavailable down.
const maxSurge = 1;
const maxUnavailable = 1;
const nodes = ['node-1', 'node-2', 'node-3'];
/** Tags the simulated registry has (engine/kubelet/runtime/registry.ts): each rollout takes the next. */
const tags = ['1.26', '1.27', '1.27.3', '1.27.4', 'stable', '1.25.5', '1.16.1', '1.14.2', 'alpine', '1.25'];
const members = ['etcd-0', 'etcd-1', 'etcd-2'];
const managers = ['kube-controller-manager-0', 'kube-controller-manager-1'];
const schedulers = ['kube-scheduler-0', 'kube-scheduler-1'];

const manifests = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports:
  - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: nginx:1.25
`;

const view = (c: Cluster) => c.inspect.apiserver('kube-apiserver-0')?.workloads;
const web = (c: Cluster) => view(c)?.deployments?.find((d) => d.namespace === 'default' && d.name === 'web');
const livePods = (c: Cluster, prefix: string) => (view(c)?.pods ?? []).filter((p) => p.namespace === 'default' && p.name.startsWith(prefix) && !p.deleting);
const readyPods = (c: Cluster, prefix: string) => livePods(c, prefix).filter((p) => p.phase === 'Running' && p.ready);

/** The kubelets each pod (`namespace/name`) has a container running on now. */
function running(c: Cluster): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const n of nodes) for (const p of (c.inspect.component(n)?.running as string[] | undefined) ?? []) where.set(p, [...(where.get(p) ?? []), n]);
  return where;
}

/** Ready pods (as the API has them) whose kubelet does run them: a node that just came back reports stale statuses until it syncs. */
const servingPods = (c: Cluster, prefix: string) => {
  const on = running(c);
  return readyPods(c, prefix).filter((p) => on.get(`default/${p.name}`)?.includes(p.node));
};

/** The invariants that hold whatever the faults; the first broken one, or null. */
function broken(c: Cluster): string | null {
  const d = web(c);
  const asked = (d?.replicaSets ?? []).reduce((n, rs) => n + rs.desired, 0);
  if (asked > replicas + maxSurge) return `the ReplicaSets of web ask for ${asked} pods, more than ${replicas} + maxSurge ${maxSurge}`;
  for (const [pod, on] of running(c)) if (pod.startsWith('default/db-') && on.length > 1) return `${pod} runs on ${on.join(' and ')} at once`;
  return null;
}

/** Runs `ms` in 250 ms steps, checking the invariants (and `extra`) after each; throws at the first broken one. */
async function runChecked(c: Cluster, ms: number, what: string, until?: () => boolean, extra?: () => string | null): Promise<boolean> {
  for (let t = 0; t < ms; t += 250) {
    await c.run(250);
    const why = broken(c) ?? extra?.() ?? null;
    if (why) throw new Error(`${what}, at ${(c.clock.now() / 1000).toFixed(2)} simulated s: ${why}; ${state(c)}`);
    if (until?.()) return true;
  }
  return until ? until() : true;
}

/** What web, db and the nodes look like, for a failure's message. */
function state(c: Cluster): string {
  const d = web(c);
  const rs = (d?.replicaSets ?? []).map((r) => `rev ${r.revision} ${r.hash} ${r.ready}/${r.desired} (current ${r.current})`).join(', ');
  const pods = (view(c)?.pods ?? []).filter((p) => p.namespace === 'default').map((p) => `${p.name}@${p.node || '-'}:${p.status}${p.ready ? '' : '(unready)'}`).join(' ');
  const ns = (view(c)?.nodes ?? []).map((n) => `${n.name}:${n.ready}${n.taints.length ? `[${n.taints.join(',')}]` : ''}`).join(' ');
  return `web ${d?.ready}/${d?.replicas} ready, ${d?.updated} updated, ${rs}; nodes ${ns}; pods ${pods}`;
}

/** Every node Ready; web runs `replicas` pods, all of its newest ReplicaSet and really running; the old ones empty; db runs its three. */
const healthy = (c: Cluster) => () => {
  const d = web(c);
  const [newest, ...old] = d?.replicaSets ?? [];
  return (
    view(c)?.nodes.filter((n) => n.ready === 'True').length === nodes.length &&
    livePods(c, 'web-').length === replicas &&
    d?.updated === replicas &&
    old.every((rs) => rs.desired === 0 && rs.current === 0) &&
    newest !== undefined &&
    servingPods(c, `web-${newest.hash}-`).length === replicas &&
    servingPods(c, 'db-').length === 3
  );
};

async function scenario(seed: number): Promise<void> {
  const rng = new Rng(seed).fork('workload-chaos');
  const c = await createCluster({ seed, nodes: nodes.length });
  const ready = () => view(c)?.nodes.filter((n) => n.ready === 'True').length === nodes.length && (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default');
  expect(await runChecked(c, 60_000, 'boot', ready)).toBe(true);
  const applied = await c.kubectl('apply -f -', manifests);
  expect(applied.stderr).toBe('');
  let image = 'nginx:1.25';
  expect(await runChecked(c, 120_000, 'first rollout', healthy(c)), `web and db run: ${state(c)}`).toBe(true);

  // Faults, one every 2–6 simulated s for 60 s; at most one node and one etcd member down at a time.
  const down = new Set<string>();
  let tag = 0;
  const nextImage = () => `nginx:${tags[tag++ % tags.length]}`;
  const leaderOf = (names: string[]) => names.find((n) => c.inspect.component(n)?.leading === true);
  for (let t = 0; t < 60_000; ) {
    const roll = rng.int(0, 7);
    const downNode = nodes.find((n) => down.has(n));
    const downMember = members.find((m) => down.has(m));
    if (roll === 0 && !downNode) {
      const n = nodes[rng.int(0, nodes.length)]!;
      expect(c.chaos.killNode(n)).toBe(true);
      down.add(n);
    } else if (roll === 0 && downNode) {
      expect(c.chaos.restartNode(downNode)).toBe(true);
      down.delete(downNode);
    } else if (roll === 1) {
      const leader = leaderOf(rng.chance(0.5) ? managers : schedulers);
      if (leader) {
        c.chaos.killComponent(leader);
        down.add(leader);
      }
    } else if (roll === 2 && !downMember) {
      const m = members[rng.int(0, members.length)]!;
      c.chaos.killEtcd(m);
      down.add(m);
    } else if (roll === 2 && downMember) {
      c.chaos.restartEtcd(downMember);
      down.delete(downMember);
    } else if (roll === 3) {
      const m = members[rng.int(0, members.length)]!;
      c.chaos.partition([[m], members.filter((x) => x !== m)]);
    } else if (roll === 4) {
      c.chaos.heal();
    } else if (roll === 5) {
      // A kubelet cut off from the control plane keeps its containers running: its pods may not start anywhere else.
      const n = nodes[rng.int(0, nodes.length)]!;
      c.chaos.partition([[n], ['kube-apiserver-0']]);
    } else {
      image = nextImage();
      // Refused while the apiserver cannot reach a quorum: the next rollout tries again.
      await c.kubectl(`set image deployment/web nginx=${image}`);
    }
    // A crashed component comes back after a few seconds, as its static pod's restart brings it.
    for (const x of [...down]) {
      if ((managers.includes(x) || schedulers.includes(x)) && rng.chance(0.5)) {
        c.chaos.restartComponent(x);
        down.delete(x);
      }
    }
    const step = rng.int(2_000, 6_000);
    await runChecked(c, step, `seed ${seed}, faults`);
    t += step;
  }

  // Heal everything; the desired replicas come back (a killed node's pods wait out eviction first).
  c.chaos.heal();
  for (const x of down) {
    if (nodes.includes(x)) c.chaos.restartNode(x);
    else if (members.includes(x)) c.chaos.restartEtcd(x);
    else c.chaos.restartComponent(x);
  }
  // Whatever the faults let through, the last image asked for is the one that must run.
  await c.kubectl(`set image deployment/web nginx=${image}`);
  // Healthy for twice the (fast) node-monitor grace period in a row: no node is about to turn Unknown for a fault just healed.
  let calm = 0;
  const settled = () => ((calm = healthy(c)() ? calm + 250 : 0), calm >= 10_000);
  expect(await runChecked(c, 300_000, `seed ${seed}, healing`, settled), `seed ${seed}: web and db back after healing: ${state(c)}`).toBe(true);
  expect((await c.kubectl('get deployment web -o jsonpath={.spec.template.spec.containers[0].image}')).stdout).toBe(image);

  // A calm rollout, its controller-manager leader killed halfway: never fewer than replicas − maxUnavailable ready.
  image = nextImage();
  expect((await c.kubectl(`set image deployment/web nginx=${image}`)).stdout).toBe('deployment.apps/web image updated\n');
  const floor = () => {
    const n = servingPods(c, 'web-').length;
    return n < replicas - maxUnavailable ? `only ${n} web pods ready during the rollout, fewer than ${replicas} − maxUnavailable ${maxUnavailable}` : null;
  };
  await runChecked(c, 1_500, `seed ${seed}, calm rollout`, undefined, floor);
  const leader = leaderOf(managers);
  if (leader) c.chaos.killComponent(leader);
  expect(await runChecked(c, 120_000, `seed ${seed}, calm rollout`, healthy(c), floor), `seed ${seed}: the calm rollout completes: ${state(c)}`).toBe(true);
}

describe('workloads under chaos', () => {
  for (const seed of seeds) {
    it(`seed ${seed}`, () => scenario(seed), 600_000);
  }
});
