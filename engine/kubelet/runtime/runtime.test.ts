// The simulated containerd: CRI verbs, ids, pulls and their errors, StopContainer's signal then
// SIGKILL, and what probes see on the pod network.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { Scheduler } from '../scheduler';
import { CriError, ImageService, RuntimeService, type ContainerConfig, type PodSandboxConfig } from './index';

function setup() {
  const sched = new Scheduler();
  const images = new ImageService(sched, { bytesPerSecond: 10_000_000, latencyMs: 500 });
  images.preload('registry.k8s.io/pause:3.10');
  const rt = new RuntimeService(sched, new Rng(7), images, { nodeIP: '172.18.0.2', podCIDR: '10.244.1.0/24', epochMs: Date.UTC(2025, 0, 1) });
  // Runs a coroutine to completion on the simulated clock.
  const run = <T>(co: Generator<unknown, T, unknown>, untilMs = 1_000_000): T => {
    let out: { v: T } | { e: unknown } | null = null;
    sched.spawn(co as never, (o) => (out = o.ok ? { v: o.value as T } : { e: o.error }));
    for (let t = sched.now(); out === null && t <= untilMs; t += 10) sched.runUntil(t);
    if (out === null) throw new Error('did not finish');
    const r = out as { v: T } | { e: unknown };
    if ('e' in r) throw r.e;
    return r.v;
  };
  const sandbox = (name: string, uid: string): PodSandboxConfig => ({ metadata: { name, uid, namespace: 'default', attempt: 0 }, hostname: name, hostNetwork: false, labels: { 'io.kubernetes.pod.uid': uid } });
  const container = (name: string, image: string, command: string[] = [], args: string[] = [], env: Record<string, string> = {}): ContainerConfig => ({
    metadata: { name, attempt: 0 },
    image: { image, userSpecifiedImage: image },
    command,
    args,
    envs: Object.entries(env).map(([key, value]) => ({ key, value })),
    mounts: [],
    labels: { 'io.kubernetes.pod.uid': 'u1', 'io.kubernetes.container.name': name },
    annotations: {},
    memoryLimitInBytes: 0,
    cpuLimitMilli: 0,
  });
  return { sched, images, rt, run, sandbox, container };
}

describe('runtime', () => {
  it('gives sandboxes and containers 64-hex ids and pod IPs from .2 on', () => {
    const { rt, run, sandbox } = setup();
    const a = run(rt.runPodSandbox(sandbox('a', 'u1')));
    const b = run(rt.runPodSandbox(sandbox('b', 'u2')));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(rt.podSandboxStatus(a).ip).toBe('10.244.1.2');
    expect(rt.podSandboxStatus(b).ip).toBe('10.244.1.3');
    run(rt.stopPodSandbox(a));
    expect(rt.podSandboxStatus(a).state).toBe('SANDBOX_NOTREADY');
    // host-local hands out the next address after the last one reserved, not the freed one.
    expect(rt.podSandboxStatus(run(rt.runPodSandbox(sandbox('c', 'u3')))).ip).toBe('10.244.1.4');
  });

  it('pulls a catalogue image and takes time proportional to its size', () => {
    const { sched, images, run } = setup();
    const id = run(images.pullImage('nginx'));
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    // 500 ms of round trips, then 72,188,133 bytes at 10 MB/s.
    expect(sched.now()).toBeGreaterThanOrEqual(500 + 7219);
    const img = images.imageStatus('docker.io/library/nginx:latest')!;
    expect(img.repoTags).toEqual(['docker.io/library/nginx:latest']);
    expect(img.repoDigests[0]).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });

  it('fails an unknown repository with the error containerd gives', () => {
    const { images, run } = setup();
    expect(() => run(images.pullImage('nginxx'))).toThrowError(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(() => run(images.pullImage('nginx:nosuchtag'))).toThrowError(/code = NotFound desc = .*docker\.io\/library\/nginx:nosuchtag: not found$/);
  });

  it('runs nginx: it answers HTTP on port 80 and exits 0 on SIGQUIT', () => {
    const { rt, run, sandbox, container, images } = setup();
    const img = run(images.pullImage('nginx'));
    const sb = run(rt.runPodSandbox(sandbox('web', 'u1')));
    const id = run(rt.createContainer(sb, container('web', img)));
    run(rt.startContainer(id));
    expect(rt.containerStatus(id).state).toBe('CONTAINER_RUNNING');
    const res = rt.httpGet('10.244.1.2', 80, '/', 'kube-probe/1.32');
    expect(res).toMatchObject({ status: 200 });
    expect(rt.httpGet('10.244.1.2', 80, '/healthz', 'kube-probe/1.32')).toMatchObject({ status: 404 });
    expect(rt.httpGet('10.244.1.2', 8080, '/', 'kube-probe/1.32')).toBe('refused');
    const lines = rt.containerLogs(id).map((l) => l.line);
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines.some((l) => l.includes('"GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"'))).toBe(true);
    run(rt.stopContainer(id, 30));
    expect(rt.containerStatus(id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 0, reason: 'Completed' });
  });

  it('stops `sleep` only with SIGKILL after the timeout: PID 1 ignores SIGTERM', () => {
    const { sched, rt, run, sandbox, container, images } = setup();
    const img = run(images.pullImage('busybox'));
    const sb = run(rt.runPodSandbox(sandbox('b', 'u1')));
    const id = run(rt.createContainer(sb, container('b', img, ['sleep', '3600'])));
    run(rt.startContainer(id));
    const t0 = sched.now();
    run(rt.stopContainer(id, 30));
    expect(sched.now() - t0).toBeGreaterThanOrEqual(30_000);
    expect(rt.containerStatus(id)).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('runs sh -c scripts on the clock and exits with their status', () => {
    const { sched, rt, run, sandbox, container, images } = setup();
    const img = run(images.pullImage('busybox'));
    const sb = run(rt.runPodSandbox(sandbox('b', 'u1')));
    const id = run(rt.createContainer(sb, container('b', img, ['sh', '-c', 'echo start; sleep 5; echo "done $((2+3))"; exit 3'])));
    run(rt.startContainer(id));
    const started = sched.now();
    sched.runUntil(started + 4_000);
    expect(rt.containerStatus(id).state).toBe('CONTAINER_RUNNING');
    sched.runUntil(started + 5_000);
    expect(rt.containerStatus(id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 3, reason: 'Error' });
    expect(rt.containerLogs(id).map((l) => l.line)).toEqual(['start', 'done 5']);
  });

  it('fails StartContainer for an executable the image lacks, as runc does', () => {
    const { rt, run, sandbox, container, images } = setup();
    const img = run(images.pullImage('busybox'));
    const sb = run(rt.runPodSandbox(sandbox('b', 'u1')));
    const id = run(rt.createContainer(sb, container('b', img, ['nosuchcmd'])));
    expect(() => run(rt.startContainer(id))).toThrow(CriError);
    expect(rt.containerStatus(id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 128, reason: 'StartError', message: expect.stringContaining('exec: "nosuchcmd": executable file not found in $PATH: unknown') });
  });

  it('OOM-kills a leaking container at its memory limit', () => {
    const { sched, rt, run, sandbox, container, images } = setup();
    const img = run(images.pullImage('nginx'));
    const sb = run(rt.runPodSandbox(sandbox('w', 'u1')));
    const cfg = { ...container('w', img, [], [], { KUBEPLAY_LEAK: '10Mi/s' }), memoryLimitInBytes: 64 * 1024 * 1024 };
    const id = run(rt.createContainer(sb, cfg));
    run(rt.startContainer(id));
    const t0 = sched.now();
    sched.runUntil(t0 + 6_000);
    expect(rt.containerStatus(id).state).toBe('CONTAINER_RUNNING');
    sched.runUntil(t0 + 6_200);
    expect(rt.containerStatus(id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 137, reason: 'OOMKilled' });
  });

  it('runs exec probes in the container: files the script made are there', () => {
    const { sched, rt, run, sandbox, container, images } = setup();
    const img = run(images.pullImage('busybox'));
    const sb = run(rt.runPodSandbox(sandbox('l', 'u1')));
    const id = run(rt.createContainer(sb, container('l', img, [], ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'])));
    run(rt.startContainer(id));
    expect(run(rt.execSync(id, ['cat', '/tmp/healthy'], 1000))).toEqual({ code: 0, output: '' });
    sched.runUntil(sched.now() + 31_000);
    expect(run(rt.execSync(id, ['cat', '/tmp/healthy'], 1000))).toEqual({ code: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" });
    expect(run(rt.execSync(id, ['sh', '-c', 'sleep 5'], 1000))).toEqual({ timedOut: true });
  });
});
