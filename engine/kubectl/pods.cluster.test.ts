// kubectl logs, exec and drain end to end on the headless cluster: kubectl → kube-apiserver's
// pods/log, pods/exec and pods/eviction → the pod's kubelet (engine/kubelet/server-api.ts) → the
// container's simulated program. The texts are what kubectl 1.32 prints against a real cluster.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';

/** Runs until `cond` holds, looking every half second. */
async function waitFor(c: Cluster, cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (await cond()) return true;
    await c.run(500);
  }
  return cond();
}

const podPhase = async (c: Cluster, name: string) => (await c.kubectl(`get pod ${name} -o jsonpath={.status.phase}`)).stdout;
const ready = (c: Cluster, nodes: number) => () => c.inspect.apiserver()?.bootstrapped === true && c.inspect.apiserver()!.workloads.nodes.filter((x) => x.ready === 'True').length === nodes;
const defaultSA = (c: Cluster) => () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default');

const podYaml = (name: string, containers: { name: string; image: string; command?: string[] }[], extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${extra}  containers:\n${containers.map((c) => `  - name: ${c.name}\n    image: ${c.image}\n${c.command ? `    command: ${JSON.stringify(c.command)}\n` : ''}`).join('')}`;

// The simulated nginx image's start-up, as its docker-entrypoint.sh and nginx print it.
const nginxStart = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

describe('kubectl logs and exec through the kubelet', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 41, nodes: 2 });
    expect(await waitFor(c, ready(c, 2), 30_000)).toBe(true);
    expect(await waitFor(c, defaultSA(c), 30_000)).toBe(true);
    await c.kubectl('apply -f -', podYaml('web', [{ name: 'web', image: 'nginx' }]));
    await c.kubectl('apply -f -', podYaml('duo', [{ name: 'a', image: 'busybox', command: ['sh', '-c', 'echo from-a; sleep 3600'] }, { name: 'b', image: 'busybox', command: ['sh', '-c', 'echo from-b; echo second-b; sleep 3600'] }]));
    await c.kubectl('apply -f -', podYaml('crash', [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }]));
    expect(await waitFor(c, async () => (await podPhase(c, 'web')) === 'Running' && (await podPhase(c, 'duo')) === 'Running', 60_000)).toBe(true);
    await c.run(1_000);
  }, 180_000);

  it('prints a running container log; --tail and --timestamps as the kubelet cuts and stamps it', async () => {
    const all = await c.kubectl('logs web');
    expect(all.code).toBe(0);
    const lines = all.stdout.split('\n').slice(0, -1);
    expect(lines.slice(0, nginxStart.length)).toEqual(nginxStart);
    expect(lines[lines.length - 1]).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process \d+$/);
    const tail = await c.kubectl('logs web --tail=1 --timestamps');
    expect(tail.stdout).toMatch(/^2026-01-01T00:00:\d\d(\.\d+)?Z \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process \d+\n$/);
    expect((await c.kubectl('logs pod/web --limit-bytes=14')).stdout).toBe('/docker-entryp');
  });

  it('defaults to the first of several containers, and --all-containers --prefix names each line', async () => {
    const first = await c.kubectl('logs duo');
    expect([first.stdout, first.stderr]).toEqual(['from-a\n', 'Defaulted container "a" out of: a, b\n']);
    expect((await c.kubectl('logs duo b')).stdout).toBe('from-b\nsecond-b\n');
    expect((await c.kubectl('logs duo --all-containers --prefix')).stdout).toBe('[pod/duo/a] from-a\n[pod/duo/b] from-b\n[pod/duo/b] second-b\n');
    expect((await c.kubectl('logs duo -c nope')).stderr).toBe('error: container nope is not valid for pod duo\n');
    expect((await c.kubectl('logs nope')).stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "default"\n');
  });

  it('follows a log until interrupted, and the kubelet stops streaming', async () => {
    const res = await c.kubectl('logs -f duo -c b', undefined, { streamMs: 3_000 });
    expect(res.code).toBe(130);
    expect(res.stdout).toBe('from-b\nsecond-b\n');
    await c.run(500);
    const streams = ['node-1', 'node-2'].map((n) => (c.sim.telemetry(n) as { api: { streams: number } }).api.streams);
    expect(streams).toEqual([0, 0]);
  });

  it('shows the previous instance with -p after a crash, and says when there is none', async () => {
    expect(await waitFor(c, async () => (await c.kubectl('get pod crash -o jsonpath={.status.containerStatuses[0].restartCount}')).stdout >= '1', 60_000)).toBe(true);
    expect((await c.kubectl('logs -p crash')).stdout).toBe('boom\n');
    expect((await c.kubectl('logs -p web')).stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n');
  });

  it('exec prints the container environment with the service variables, and the kubelet-managed /etc files', async () => {
    const env = await c.kubectl('exec web -- env');
    expect(env.code).toBe(0);
    const vars = env.stdout.split('\n');
    expect(vars).toContain('HOSTNAME=web');
    expect(vars).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(vars).toContain('KUBERNETES_SERVICE_PORT=443');
    expect(vars).toContain('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443');
    expect((await c.kubectl('exec web -- cat /etc/resolv.conf')).stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    const ip = (await c.kubectl('get pod web -o jsonpath={.status.podIP}')).stdout;
    expect((await c.kubectl('exec web -- cat /etc/hosts')).stdout.split('\n').slice(-2)).toEqual([`${ip}\tweb`, '']);
    expect((await c.kubectl('exec web -- hostname')).stdout).toBe('web\n');
    expect((await c.kubectl('exec duo -c b -- sh -c "echo $HOSTNAME; ls /etc"')).stdout).toBe('duo\nhostname\nhosts\nresolv.conf\n');
  });

  it('exec answers with the command exit code, containerd error and kubectl TTY refusal as upstream prints them', async () => {
    const three = await c.kubectl('exec web -- sh -c "echo out; echo err >&2; exit 3"');
    expect(three).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n' });
    const missing = await c.kubectl('exec web -- nosuch');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/);
    expect(await c.kubectl('exec -it web -- hostname')).toEqual({ code: 0, stdout: 'web\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n' });
    expect((await c.kubectl('exec -i duo -- wc -l', 'a\nb\nc\n')).stdout).toBe('3\n');
    expect((await c.kubectl('exec web')).stderr).toBe('error: you must specify at least one command for the container\n');
    expect((await c.kubectl('exec duo -c nope -- true')).stderr).toBe('Error from server (BadRequest): container nope is not valid for pod duo\n');
  });

  it('kill 1 stops the container: it restarts, and logs -p shows how nginx went', async () => {
    expect((await c.kubectl('exec web -- kill 1')).code).toBe(0);
    expect(await waitFor(c, async () => (await c.kubectl('get pod web -o jsonpath={.status.containerStatuses[0].restartCount}')).stdout === '1' && (await podPhase(c, 'web')) === 'Running', 30_000)).toBe(true);
    const prev = (await c.kubectl('logs -p web')).stdout.split('\n').slice(-3);
    expect(prev[0]).toMatch(/\[notice\] 1#1: signal 15 \(SIGTERM\) received, exiting$/);
    expect(prev[1]).toMatch(/\[notice\] 1#1: exit$/);
    expect((await c.kubectl('logs web')).stdout).not.toContain('SIGTERM');
  });
});

describe('kubectl drain', () => {
  it('evicts through the PodDisruptionBudget, waits for the pods to go, and they come back elsewhere', async () => {
    const c = await createCluster({ seed: 42, nodes: 2 });
    expect(await waitFor(c, ready(c, 2), 30_000)).toBe(true);
    expect(await waitFor(c, defaultSA(c), 30_000)).toBe(true);
    await c.kubectl('create deployment web --image=nginx --replicas=4');
    await c.kubectl('apply -f -', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 3\n  selector:\n    matchLabels:\n      app: web\n');
    await c.kubectl('apply -f -', podYaml('bare', [{ name: 'bare', image: 'busybox', command: ['sleep', '3600'] }], '  nodeName: node-1\n'));
    const onNode = async (n: string) => (await c.kubectl(`get pods --field-selector spec.nodeName=${n} -o jsonpath={.items[*].metadata.name}`)).stdout.split(' ').filter(Boolean);
    expect(await waitFor(c, async () => (await c.kubectl('get pdb web -o jsonpath={.status.disruptionsAllowed}')).stdout === '1', 90_000)).toBe(true);
    // A workload's logs are its best pod's (ByLogging), as GetFirstPod says on stderr.
    const fromDeploy = await c.kubectl('logs deploy/web --tail=1');
    expect(fromDeploy.stderr).toMatch(/^Found 4 pods, using pod\/web-[a-z0-9]+-[a-z0-9]+\n$/);
    expect(fromDeploy.stdout).toMatch(/start worker process \d+\n$/);
    const webOn1 = (await onNode('node-1')).filter((p) => p.startsWith('web-'));
    expect(webOn1.length).toBe(2);

    const refused = await c.kubectl('drain node-1');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('node/node-1 cordoned\n');
    expect(refused.stderr).toBe(
      'error: unable to drain node "node-1" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\n' +
        'There are pending nodes to be drained:\n node-1\n' +
        'cannot delete Pods that declare no controller (use --force to override): default/bare\n',
    );

    const res = await c.kubectl('drain node-1 --force', undefined, { streamMs: 110_000 });
    expect(res.code).toBe(0);
    const out = res.stdout.split('\n').slice(0, -1);
    expect(out[0]).toBe('node/node-1 already cordoned');
    expect(out[out.length - 1]).toBe('node/node-1 drained');
    for (const p of [...webOn1, 'bare']) {
      expect(out).toContain(`evicting pod default/${p}`);
      expect(out).toContain(`pod/${p} evicted`);
    }
    expect(res.stderr.split('\n')[0]).toBe('Warning: deleting Pods that declare no controller: default/bare');
    // With one disruption allowed, the second web pod waits for the first one's replacement.
    expect(res.stderr).toMatch(/error when evicting pods\/"web-[a-z0-9-]+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/);
    expect(await onNode('node-1')).toEqual([]);
    expect(await waitFor(c, async () => (await c.kubectl('get deploy web -o jsonpath={.status.readyReplicas}')).stdout === '4', 60_000)).toBe(true);
    expect((await onNode('node-2')).filter((p) => p.startsWith('web-')).length).toBe(4);
  }, 300_000);
});
