// The kubelet core end to end on one node: a pod from Pending to Running, into a crash loop and
// back out, an image that does not exist, deletion with its grace period, probes, OOM, deadlines.

import { describe, expect, it } from 'vitest';
import { TestNode, testEpochMs } from './testing';

const at = (ms: number) => new Date(testEpochMs + Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

describe('KubeletCore: a pod from Pending to Running', () => {
  it('creates the sandbox, pulls, starts, and reports Running and Ready', () => {
    const n = new TestNode();
    const pod = n.create('web', { containers: [{ name: 'web', image: 'nginx' }] });
    const uid = pod.metadata.uid!;
    n.run(1000);
    const pending = n.pod(uid).status!;
    expect(pending.phase).toBe('Pending');
    expect(pending.containerStatuses![0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(pending.conditions!.map((c) => [c.type, c.status, c.reason ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', ''],
      ['Initialized', 'True', ''],
      ['Ready', 'False', 'ContainersNotReady'],
      ['ContainersReady', 'False', 'ContainersNotReady'],
      ['PodScheduled', 'True', ''],
    ]);
    expect(pending.conditions![2].message).toBe('containers with unready status: [web]');
    expect(n.runUntil(() => n.pod(uid).status!.phase === 'Running', 30_000)).toBe(true);
    const s = n.pod(uid).status!;
    const cs = s.containerStatuses![0];
    expect(cs).toMatchObject({ name: 'web', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest', lastState: {} });
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.state!.running!.startedAt).toMatch(/^2025-01-01T00:00:0\dZ$/);
    expect(s).toMatchObject({ hostIP: '172.18.0.2', hostIPs: [{ ip: '172.18.0.2' }], podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], qosClass: 'BestEffort', startTime: at(0) });
    expect(s.conditions!.map((c) => [c.type, c.status])).toEqual([['PodReadyToStartContainers', 'True'], ['Initialized', 'True'], ['Ready', 'True'], ['ContainersReady', 'True'], ['PodScheduled', 'True']]);
    // The scheduler's PodScheduled transition time is kept.
    expect(s.conditions![4].lastTransitionTime).toBe(at(0));
    const lines = n.eventLines(uid);
    expect(lines[0]).toBe('Pulling: Pulling image "nginx"');
    expect(lines[1]).toMatch(/^Pulled: Successfully pulled image "nginx" in \d+\.\d+s \(\d+\.\d+s including waiting\)\. Image size: 72188133 bytes\.$/);
    expect(lines.slice(2)).toEqual(['Created: Created container web', 'Started: Started container web']);
    expect(n.core.images().map((i) => i.names![1])).toEqual(['docker.io/library/nginx:latest', 'registry.k8s.io/pause:3.10']);
  });

  it('says "already present" for a second pod and PodInitializing behind an init container', () => {
    const n = new TestNode({ preloadedImages: ['busybox:1.36'] });
    const pod = n.create('init', { initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    const uid = pod.metadata.uid!;
    n.run(1500);
    expect(n.pod(uid).status!.containerStatuses![0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(n.pod(uid).status!.conditions![1]).toMatchObject({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [setup]' });
    expect(n.runUntil(() => n.pod(uid).status!.phase === 'Running', 30_000)).toBe(true);
    const init = n.pod(uid).status!.initContainerStatuses![0];
    expect(init).toMatchObject({ name: 'setup', ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(n.eventLines(uid)[0]).toBe('Pulled: Container image "busybox:1.36" already present on machine');
  });
});

describe('KubeletCore: crash loops', () => {
  // A script that fails its first three runs (it counts them on an emptyDir, which survives restarts).
  const flaky = 'n=$(cat /data/n 2>/dev/null || echo 0); echo $((n+1)) > /data/n; echo "run $n"; if [ "$n" -ge 3 ]; then exec sleep 3600; fi; sleep 2; exit 1';

  it('goes Running → CrashLoopBackOff (10s, 20s, 40s) → Running and Ready again', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('flaky', { volumes: [{ name: 'data', emptyDir: {} }], containers: [{ name: 'app', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', flaky], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    expect(n.runUntil(() => cs().state?.waiting?.reason === 'CrashLoopBackOff', 60_000)).toBe(true);
    expect(cs().state!.waiting!.message).toBe(`back-off 10s restarting failed container=app pod=flaky_default(${uid})`);
    expect(cs().lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs().restartCount).toBe(1);
    expect(n.pod(uid).status!.phase).toBe('Running');
    expect(n.runUntil(() => cs().state?.waiting?.message?.startsWith('back-off 20s') ?? false, 120_000)).toBe(true);
    expect(n.runUntil(() => cs().state?.running !== undefined && cs().restartCount === 3, 180_000)).toBe(true);
    n.run(5000);
    expect(cs()).toMatchObject({ ready: true, restartCount: 3, state: { running: {} }, lastState: { terminated: { exitCode: 1 } } });
    expect(n.pod(uid).status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(n.eventLines(uid)).toContain(`BackOff: Back-off restarting failed container app in pod flaky_default(${uid})`);
    expect(n.core.logs(uid, 'app', { previous: true })).toEqual({ ok: true, text: 'run 2\n' });
    expect(n.core.logs(uid, 'app')).toEqual({ ok: true, text: 'run 3\n' });
  });

  it('restarts a container that ran 10 minutes without a back-off (the back-off has expired)', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('slow', { containers: [{ name: 'app', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'sleep 700; exit 1'] }] });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    expect(n.runUntil(() => cs().restartCount === 2, 3_000_000)).toBe(true);
    // The first crash restarts at once; so does every crash after 700 s of running (> 2 × 300 s).
    expect(n.events.filter((e) => e.reason === 'BackOff')).toEqual([]);
  });

  it('fails an executable the image lacks as RunContainerError, then CrashLoopBackOff', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('bad', { containers: [{ name: 'app', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['nosuch'] }] });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    expect(n.runUntil(() => cs().state?.waiting?.reason === 'RunContainerError', 10_000)).toBe(true);
    expect(cs().state!.waiting!.message).toContain('exec: "nosuch": executable file not found in $PATH: unknown');
    expect(n.runUntil(() => cs().state?.waiting?.reason === 'CrashLoopBackOff', 60_000)).toBe(true);
    expect(cs().lastState!.terminated).toMatchObject({ exitCode: 128, reason: 'StartError' });
  });
});

describe('KubeletCore: images', () => {
  it('waits in ErrImagePull, then ImagePullBackOff for an image that does not exist', () => {
    const n = new TestNode();
    const pod = n.create('typo', { containers: [{ name: 'web', image: 'nginxx' }] });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    expect(n.runUntil(() => cs().state?.waiting?.reason === 'ErrImagePull', 10_000)).toBe(true);
    expect(cs().state!.waiting!.message).toBe('rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    expect(n.runUntil(() => cs().state?.waiting?.reason === 'ImagePullBackOff', 30_000)).toBe(true);
    expect(cs().state!.waiting!.message).toBe('Back-off pulling image "nginxx"');
    const lines = n.eventLines(uid);
    expect(lines.slice(0, 3)).toEqual(['Pulling: Pulling image "nginxx"', `Failed: Failed to pull image "nginxx": ${cs().state!.waiting!.message ? 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed' : ''}`, 'Failed: Error: ErrImagePull']);
    expect(lines).toContain('BackOff: Back-off pulling image "nginxx"');
    expect(lines).toContain('Failed: Error: ImagePullBackOff');
    expect(n.core.logs(uid, 'web')).toEqual({ ok: false, error: 'container "web" in pod "typo" is waiting to start: trying and failing to pull image' });
  });

  it('refuses to pull with imagePullPolicy Never', () => {
    const n = new TestNode();
    const pod = n.create('never', { containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'Never' }] });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    expect(n.runUntil(() => cs().state?.waiting?.reason === 'ErrImageNeverPull', 10_000)).toBe(true);
    expect(cs().state!.waiting!.message).toBe('Container image "nginx:1.27" is not present with pull policy of Never');
  });
});

describe('KubeletCore: termination', () => {
  it('stops nginx at once on delete (it handles its stop signal) and asks for the final delete', () => {
    const n = new TestNode({ preloadedImages: ['nginx'] });
    const pod = n.create('web', { containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'IfNotPresent' }] });
    const uid = pod.metadata.uid!;
    n.runUntil(() => n.pod(uid)?.status?.phase === 'Running', 30_000);
    const t0 = n.now;
    n.delete(uid);
    expect(n.runUntil(() => !n.pods.has(uid), 60_000)).toBe(true);
    expect(n.now - t0).toBeLessThan(3000);
    expect(n.eventLines(uid)).toContain('Killing: Stopping container web');
  });

  it('waits the grace period for a shell that ignores SIGTERM, and reports Failed (137) first', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('sleeper', { terminationGracePeriodSeconds: 5, containers: [{ name: 'app', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'sleep 3600'] }] });
    const uid = pod.metadata.uid!;
    n.runUntil(() => n.pod(uid).status?.phase === 'Running', 30_000);
    n.delete(uid);
    const t0 = n.now;
    expect(n.runUntil(() => !n.pods.has(uid), 60_000)).toBe(true);
    const last = n.posted.get(uid)!.at(-1)!;
    expect(n.now - t0).toBeGreaterThanOrEqual(5000);
    expect(last.phase).toBe('Failed');
    expect(last.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('fails a pod past its activeDeadlineSeconds with DeadlineExceeded', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('deadline', { activeDeadlineSeconds: 20, restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] }] });
    const uid = pod.metadata.uid!;
    expect(n.runUntil(() => n.pod(uid).status?.phase === 'Failed', 60_000)).toBe(true);
    const s = n.pod(uid).status!;
    expect(s).toMatchObject({ reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(n.now).toBeGreaterThanOrEqual(20_000);
    expect(s.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 137 });
    expect(s.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(n.eventLines(uid)).toContain('DeadlineExceeded: Pod was active on the node longer than the specified deadline');
  });

  it('finishes a Job-like pod as Succeeded and keeps its IP', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('job', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'echo done'] }] });
    const uid = pod.metadata.uid!;
    expect(n.runUntil(() => n.pod(uid).status?.phase === 'Succeeded', 30_000)).toBe(true);
    n.run(5000);
    const s = n.pod(uid).status!;
    expect(s.podIP).toBe('10.244.1.2');
    expect(s.conditions!.map((c) => [c.type, c.status, c.reason ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', ''],
      ['Initialized', 'True', 'PodCompleted'],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True', ''],
    ]);
    expect(n.core.logs(uid, 'app')).toEqual({ ok: true, text: 'done\n' });
  });
});

describe('KubeletCore: probes', () => {
  it('restarts a container whose liveness probe fails (the docs example: exec cat /tmp/healthy)', () => {
    const n = new TestNode({ preloadedImages: ['registry.k8s.io/busybox'] });
    const pod = n.create('liveness-exec', {
      containers: [{
        name: 'liveness', image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      }],
    });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    expect(n.runUntil(() => cs().restartCount === 1, 120_000)).toBe(true);
    const lines = n.eventLines(uid);
    expect(lines).toContain("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(lines).toContain('Killing: Container liveness failed liveness probe, will be restarted');
    expect(lines.filter((l) => l.startsWith('Unhealthy')).length).toBe(3);
  });

  it('keeps a pod unready until its readiness probe passes, and unready again after KUBEPLAY_UNREADY_AFTER', () => {
    const n = new TestNode({ preloadedImages: ['nginx'] });
    const pod = n.create('ready', {
      containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'IfNotPresent', env: [{ name: 'KUBEPLAY_UNREADY_AFTER', value: '60s' }], readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }],
    });
    const uid = pod.metadata.uid!;
    const ready = () => n.pod(uid).status!.containerStatuses![0].ready;
    expect(n.runUntil(() => ready(), 30_000)).toBe(true);
    expect(n.runUntil(() => !ready(), 120_000)).toBe(true);
    expect(n.pod(uid).status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(n.eventLines(uid)).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500');
    expect(n.pod(uid).status!.containerStatuses![0].restartCount).toBe(0);
  });

  it('holds started=false until the startup probe passes (KUBEPLAY_START_DELAY)', () => {
    const n = new TestNode({ preloadedImages: ['nginx'] });
    const pod = n.create('slow', {
      containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'IfNotPresent', env: [{ name: 'KUBEPLAY_START_DELAY', value: '25s' }], startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, failureThreshold: 10 } }],
    });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    n.run(15_000);
    expect(cs()).toMatchObject({ started: false, ready: false, state: { running: {} } });
    expect(n.runUntil(() => cs().started === true, 60_000)).toBe(true);
    expect(cs().ready).toBe(true);
    expect(n.eventLines(uid)).toContain('Unhealthy: Startup probe failed: dial tcp 10.244.1.2:80: connect: connection refused');
  });
});

describe('KubeletCore: the probe examples of the Kubernetes docs', () => {
  it('HTTP liveness (agnhost liveness): /healthz fails after 10 s and the container restarts', () => {
    const n = new TestNode({ preloadedImages: ['registry.k8s.io/e2e-test-images/agnhost:2.40'] });
    const pod = n.create('liveness-http', {
      containers: [{ name: 'liveness', image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'], livenessProbe: { httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] }, initialDelaySeconds: 3, periodSeconds: 3 } }],
    });
    const uid = pod.metadata.uid!;
    expect(n.runUntil(() => n.pod(uid).status!.containerStatuses![0].restartCount === 1, 60_000)).toBe(true);
    expect(n.eventLines(uid)).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500');
    // agnhost does not handle SIGTERM: as PID 1 the Go runtime exits with status 2.
    expect(n.pod(uid).status!.containerStatuses![0].lastState!.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
  });

  it('gRPC liveness (etcd) and TCP readiness (goproxy) pass', () => {
    const n = new TestNode({ preloadedImages: ['registry.k8s.io/etcd:3.5.1-0', 'registry.k8s.io/goproxy:0.1'] });
    const etcd = n.create('etcd-with-grpc', {
      containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.1-0', command: ['/usr/local/bin/etcd', '--data-dir', '/var/lib/etcd', '--listen-client-urls', 'http://0.0.0.0:2379', '--advertise-client-urls', 'http://127.0.0.1:2379', '--log-level', 'debug'], ports: [{ containerPort: 2379 }], livenessProbe: { grpc: { port: 2379 }, initialDelaySeconds: 10 } }],
    });
    const proxy = n.create('goproxy', { containers: [{ name: 'goproxy', image: 'registry.k8s.io/goproxy:0.1', ports: [{ containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 } }] });
    n.run(60_000);
    expect(n.pod(etcd.metadata.uid!).status!.containerStatuses![0]).toMatchObject({ ready: true, restartCount: 0 });
    expect(n.pod(proxy.metadata.uid!).status!.containerStatuses![0]).toMatchObject({ ready: true, restartCount: 0 });
    expect(n.events.filter((e) => e.reason === 'Unhealthy')).toEqual([]);
  });

  it('fails a gRPC probe to etcd listening on localhost only (its default)', () => {
    const n = new TestNode({ preloadedImages: ['registry.k8s.io/etcd:3.5.1-0'] });
    const pod = n.create('etcd', { containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.1-0', livenessProbe: { grpc: { port: 2379 }, periodSeconds: 5 } }] });
    const uid = pod.metadata.uid!;
    expect(n.runUntil(() => n.pod(uid).status!.containerStatuses![0].restartCount === 1, 60_000)).toBe(true);
    expect(n.eventLines(uid)).toContain('Unhealthy: Liveness probe failed: timeout: failed to connect service "10.244.1.2:2379" within 1s: context deadline exceeded');
  });
});

describe('KubeletCore: pod features', () => {
  it('runs a sidecar before the app, and stops it after the app', () => {
    const n = new TestNode({ preloadedImages: ['busybox', 'nginx'] });
    const pod = n.create('sidecar', {
      initContainers: [{ name: 'logger', image: 'busybox', imagePullPolicy: 'IfNotPresent', restartPolicy: 'Always', command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'] }],
      containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'IfNotPresent' }],
    });
    const uid = pod.metadata.uid!;
    expect(n.runUntil(() => n.pod(uid).status!.phase === 'Running' && n.pod(uid).status!.containerStatuses![0].ready, 30_000)).toBe(true);
    const started = n.events.filter((e) => e.reason === 'Started').map((e) => e.message);
    expect(started).toEqual(['Started container logger', 'Started container web']);
    expect(n.pod(uid).status!.initContainerStatuses![0]).toMatchObject({ name: 'logger', started: true, ready: true, state: { running: {} } });
    n.delete(uid);
    expect(n.runUntil(() => !n.pods.has(uid), 60_000)).toBe(true);
    const killing = n.eventLines(uid).filter((l) => l.startsWith('Killing'));
    expect(killing).toEqual(['Killing: Stopping container web', 'Killing: Stopping container logger']);
  });

  it('runs a preStop hook before stopping the container', () => {
    const n = new TestNode({ preloadedImages: ['nginx'] });
    const pod = n.create('hook', { containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'IfNotPresent', lifecycle: { preStop: { sleep: { seconds: 5 } } } }] });
    const uid = pod.metadata.uid!;
    n.runUntil(() => n.pod(uid).status?.phase === 'Running', 30_000);
    const t0 = n.now;
    n.delete(uid);
    expect(n.runUntil(() => !n.pods.has(uid), 60_000)).toBe(true);
    expect(n.now - t0).toBeGreaterThanOrEqual(5000);
  });

  it('gives a hostNetwork pod the node IP and resolves env from the downward API', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('env', {
      hostNetwork: true,
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'echo $POD_NAME $NODE $(MSG)'], env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'MSG', value: 'hi $(POD_NAME)' }] }],
    });
    const uid = pod.metadata.uid!;
    expect(n.runUntil(() => n.pod(uid).status?.phase === 'Succeeded', 30_000)).toBe(true);
    expect(n.pod(uid).status!.podIP).toBe('172.18.0.2');
    expect(n.core.logs(uid, 'c')).toEqual({ ok: true, text: 'env node-1 hi env\n' });
  });

  it('waits in CreateContainerConfigError for a ConfigMap that does not exist', () => {
    const n = new TestNode({ preloadedImages: ['busybox'] });
    const pod = n.create('cm', { containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'x' } } }] }] });
    const uid = pod.metadata.uid!;
    expect(n.runUntil(() => n.pod(uid).status!.containerStatuses![0].state?.waiting?.reason === 'CreateContainerConfigError', 30_000)).toBe(true);
    expect(n.pod(uid).status!.containerStatuses![0].state!.waiting!.message).toBe('configmap "settings" not found');
    expect(n.eventLines(uid)).toContain('Failed: Error: configmap "settings" not found');
  });
});

describe('KubeletCore: resources', () => {
  it('OOM-kills a leaking container at its limit: OOMKilled, exit 137', () => {
    const n = new TestNode({ preloadedImages: ['nginx'] });
    const pod = n.create('leak', { containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'IfNotPresent', env: [{ name: 'KUBEPLAY_LEAK', value: '10Mi/s' }], resources: { limits: { memory: '64Mi' } } }] });
    const uid = pod.metadata.uid!;
    const cs = () => n.pod(uid).status!.containerStatuses![0];
    expect(n.runUntil(() => cs().lastState?.terminated?.reason === 'OOMKilled', 60_000)).toBe(true);
    expect(cs().lastState!.terminated!.exitCode).toBe(137);
  });

  it('reports usage from KUBEPLAY_CPU and KUBEPLAY_MEMORY, CPU throttled at the limit', () => {
    const n = new TestNode({ preloadedImages: ['nginx'] });
    const pod = n.create('busy', { containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'IfNotPresent', env: [{ name: 'KUBEPLAY_CPU', value: '750m' }, { name: 'KUBEPLAY_MEMORY', value: '64Mi' }], resources: { limits: { cpu: '500m' } } }] });
    n.runUntil(() => n.pod(pod.metadata.uid!).status?.phase === 'Running', 30_000);
    expect(n.core.usage()).toEqual([{ uid: pod.metadata.uid, namespace: 'default', name: 'busy', containers: [{ name: 'web', cpuMilli: 500, memoryBytes: 64 * 1024 * 1024 }] }]);
  });
});

describe('KubeletCore: determinism', () => {
  it('gives the same history for the same inputs', () => {
    const history = () => {
      const n = new TestNode();
      const p = n.create('a', { containers: [{ name: 'a', image: 'busybox', command: ['sh', '-c', 'echo x; sleep 3; exit 2'] }] });
      n.run(120_000);
      return JSON.stringify([n.pod(p.metadata.uid!).status, n.events]);
    };
    expect(history()).toBe(history());
  });
});
