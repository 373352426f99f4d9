// The simulated containerd behind CRI RuntimeService: pod sandboxes with their network (an address
// from host-local IPAM, torn down when the sandbox stops, as CNI DEL does), containers created from
// stored images and run as simulated programs, StopContainer's stop-signal-then-SIGKILL, ExecSync,
// container logs, and the events the kubelet's PLEG relists. Every call that takes time in real
// life is a coroutine that waits on the node's clock.

import { suspend, type Co } from '../../sim/co';
import type { Rng } from '../../sim/rng';
import { parseChaos } from '../programs/chaos';
import { FileSystem } from '../programs/fs';
import type { Signal } from '../programs/program';
import type { Scheduler } from '../scheduler';
import { labelPodUid, type ContainerConfig, type ContainerState, type ContainerStatus, type PodSandboxConfig, type PodSandboxStatus } from './cri';
import { CriError } from './errors';
import { generateID } from './ids';
import type { ImageService } from './image-service';
import { HostLocalIpam, IpamError } from './ipam';
import { ContainerProcess, type ExecResult, type HttpProbeAnswer } from './process';
import type { ImageConfig } from './registry';

/** How long the runtime's calls take, in ms. */
export interface RuntimeLatency {
  runPodSandboxMs: number;
  createContainerMs: number;
  startContainerMs: number;
  stopPodSandboxMs: number;
}

/** Defaults measured on a containerd 1.7 node with the bridge CNI plugin (order of magnitude). */
export const defaultRuntimeLatency: RuntimeLatency = { runPodSandboxMs: 300, createContainerMs: 40, startContainerMs: 80, stopPodSandboxMs: 50 };

/** What the runtime is set up with. */
export interface RuntimeOptions {
  nodeIP: string;
  podCIDR: string;
  epochMs: number;
  latency?: Partial<RuntimeLatency>;
  /** Lines of log kept per container (older ones are rotated away). */
  maxLogLines?: number;
}

/** One line of a container's log (the CRI log file's `<time> <stream> F <line>`). */
export interface LogEntry {
  atMs: number;
  stream: 'stdout' | 'stderr';
  line: string;
}

/** A change the PLEG would notice on its next relist. */
export interface RuntimeEvent {
  type: 'ContainerCreated' | 'ContainerStarted' | 'ContainerDied' | 'ContainerRemoved' | 'SandboxCreated' | 'SandboxStopped';
  podUid: string;
  id: string;
}

interface SandboxRecord {
  status: PodSandboxStatus;
  config: PodSandboxConfig;
}

interface ContainerRecord {
  status: ContainerStatus;
  sandboxId: string;
  config: ContainerConfig;
  imageConfig: ImageConfig;
  fs: FileSystem;
  process: ContainerProcess | null;
  logs: LogEntry[];
  exitWaiters: Set<() => void>;
}

/** containerd's task error for an executable that is not in the image. */
export function execNotFoundMessage(name: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`;
}

/** A node's container runtime. */
export class RuntimeService {
  readonly ipam: HostLocalIpam;
  private readonly latency: RuntimeLatency;
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly watchers = new Set<(e: RuntimeEvent) => void>();
  private readonly logWatchers = new Set<(id: string, entry: LogEntry) => void>();

  constructor(
    private readonly sched: Scheduler,
    private readonly rng: Rng,
    private readonly images: ImageService,
    private readonly opts: RuntimeOptions,
  ) {
    this.ipam = new HostLocalIpam(opts.podCIDR);
    this.latency = { ...defaultRuntimeLatency, ...opts.latency };
  }

  /** Subscribes to container lifecycle changes; returns the unsubscribe. */
  onEvent(fn: (e: RuntimeEvent) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  /** Hears every line a container writes to its log, as it is written (`kubectl logs -f`); returns the unsubscribe. */
  onLog(fn: (id: string, entry: LogEntry) => void): () => void {
    this.logWatchers.add(fn);
    return () => this.logWatchers.delete(fn);
  }

  private emit(e: RuntimeEvent): void {
    for (const w of [...this.watchers]) w(e);
  }

  // ---- sandboxes ----------------------------------------------------------------------------

  /** RunPodSandbox: the pause container and the pod's network (CNI ADD). */
  *runPodSandbox(config: PodSandboxConfig): Co<string> {
    const id = generateID(this.rng);
    yield* this.sched.sleep(this.latency.runPodSandboxMs);
    let ip = this.opts.nodeIP;
    if (!config.hostNetwork) {
      try {
        ip = this.ipam.allocate(id);
      } catch (e) {
        if (!(e instanceof IpamError)) throw e;
        throw new CriError('Unknown', `failed to setup network for sandbox "${id}": plugin type="bridge" failed (add): ${e.message}`);
      }
    }
    this.sandboxes.set(id, { config, status: { id, metadata: { ...config.metadata }, state: 'SANDBOX_READY', createdAt: this.sched.now(), ip, hostNetwork: config.hostNetwork } });
    this.emit({ type: 'SandboxCreated', podUid: config.metadata.uid, id });
    return id;
  }

  /** StopPodSandbox: kills what still runs in it (no grace), and tears its network down (CNI DEL). */
  *stopPodSandbox(id: string): Co<void> {
    const sb = this.sandboxes.get(id);
    if (!sb) return;
    for (const c of this.containers.values()) if (c.sandboxId === id && c.process?.running) c.process.signal('SIGKILL');
    yield* this.sched.sleep(this.latency.stopPodSandboxMs);
    if (sb.status.state === 'SANDBOX_READY') {
      sb.status.state = 'SANDBOX_NOTREADY';
      this.ipam.release(id);
      this.emit({ type: 'SandboxStopped', podUid: sb.config.metadata.uid, id });
    }
  }

  /** RemovePodSandbox: the sandbox and its containers are gone. */
  removePodSandbox(id: string): void {
    const sb = this.sandboxes.get(id);
    if (!sb) return;
    for (const [cid, c] of this.containers) if (c.sandboxId === id) this.removeContainer(cid);
    this.ipam.release(id);
    this.sandboxes.delete(id);
  }

  /** PodSandboxStatus. */
  podSandboxStatus(id: string): PodSandboxStatus {
    const sb = this.sandboxes.get(id);
    if (!sb) throw new CriError('NotFound', `an error occurred when try to find sandbox: not found`);
    return { ...sb.status, metadata: { ...sb.status.metadata } };
  }

  /** ListPodSandbox for one pod, newest first (as the kubelet sorts them). */
  listPodSandbox(podUid?: string): PodSandboxStatus[] {
    return [...this.sandboxes.values()]
      .filter((s) => podUid === undefined || s.config.metadata.uid === podUid)
      .map((s) => ({ ...s.status, metadata: { ...s.status.metadata } }))
      .sort((a, b) => b.createdAt - a.createdAt || b.metadata.attempt - a.metadata.attempt);
  }

  // ---- containers ---------------------------------------------------------------------------

  /** CreateContainer: a container in CREATED state, from a stored image. */
  *createContainer(sandboxId: string, config: ContainerConfig): Co<string> {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) throw new CriError('NotFound', `failed to get sandbox "${sandboxId}": not found`);
    const image = this.images.imageStatus(config.image.image);
    const imageConfig = this.images.config(config.image.image);
    if (!image || !imageConfig) throw new CriError('NotFound', `failed to get image "${config.image.image}": not found`);
    yield* this.sched.sleep(this.latency.createContainerMs);
    const id = generateID(this.rng);
    const mounts = config.mounts.map((m) => ({ mountPath: m.containerPath, store: m.store, readOnly: m.readonly, subPath: m.subPath }));
    this.containers.set(id, {
      sandboxId,
      config,
      imageConfig,
      fs: new FileSystem(mounts),
      process: null,
      logs: [],
      exitWaiters: new Set(),
      status: {
        id,
        metadata: { ...config.metadata },
        state: 'CONTAINER_CREATED',
        createdAt: this.sched.now(),
        startedAt: 0,
        finishedAt: 0,
        exitCode: 0,
        image: image.repoTags[0] ?? image.repoDigests[0] ?? image.id,
        imageRef: image.repoDigests[0] ?? image.id,
        imageId: image.id,
        reason: '',
        message: '',
        labels: { ...config.labels },
        annotations: { ...config.annotations },
      },
    });
    this.emit({ type: 'ContainerCreated', podUid: config.labels[labelPodUid] ?? '', id });
    return id;
  }

  /** StartContainer: runs PID 1; an executable missing from the image fails as runc does. */
  *startContainer(id: string): Co<void> {
    const c = this.record(id);
    if (c.status.state !== 'CONTAINER_CREATED') throw new CriError('Unknown', `container ${id} is not in created state`);
    yield* this.sched.sleep(this.latency.startContainerMs);
    const sb = this.sandboxes.get(c.sandboxId);
    const argv = this.argv(c);
    const podUid = c.config.labels[labelPodUid] ?? '';
    if (!ContainerProcess.executable({ argv, config: c.imageConfig }) || !sb || sb.status.state !== 'SANDBOX_READY') {
      const message = sb?.status.state === 'SANDBOX_READY' ? execNotFoundMessage(argv[0] ?? '') : `failed to create containerd task: failed to create shim task: sandbox ${c.sandboxId} is not ready: unknown`;
      Object.assign(c.status, { state: 'CONTAINER_EXITED' satisfies ContainerState, startedAt: this.sched.now(), finishedAt: this.sched.now(), exitCode: 128, reason: 'StartError', message });
      this.emit({ type: 'ContainerDied', podUid, id });
      throw new CriError('Unknown', message);
    }
    const env: Record<string, string> = { ...c.imageConfig.env, HOSTNAME: sb.config.hostname };
    for (const e of c.config.envs) env[e.key] = e.value;
    if (env.HOME === undefined) env.HOME = '/root';
    const proc = new ContainerProcess(
      this.sched,
      {
        argv,
        env,
        config: c.imageConfig,
        hostname: sb.config.hostname,
        podIP: sb.status.ip,
        fs: c.fs,
        memoryLimitBytes: c.config.memoryLimitInBytes > 0 ? c.config.memoryLimitInBytes : null,
        cpuLimitMilli: c.config.cpuLimitMilli > 0 ? c.config.cpuLimitMilli : null,
        chaos: parseChaos(env),
        epochMs: this.opts.epochMs,
      },
      {
        log: (stream, line) => this.appendLog(c, stream, line),
        exited: (code, reason) => {
          Object.assign(c.status, { state: 'CONTAINER_EXITED' satisfies ContainerState, finishedAt: this.sched.now(), exitCode: code, reason });
          for (const w of [...c.exitWaiters]) w();
          c.exitWaiters.clear();
          this.emit({ type: 'ContainerDied', podUid, id });
        },
      },
    );
    c.process = proc;
    Object.assign(c.status, { state: 'CONTAINER_RUNNING' satisfies ContainerState, startedAt: this.sched.now() });
    this.emit({ type: 'ContainerStarted', podUid, id });
    proc.start();
  }

  // What runc execs: the container's command (or the image's ENTRYPOINT), then its args (or, with
  // neither command nor args, the image's CMD).
  private argv(c: ContainerRecord): string[] {
    const { command, args } = c.config;
    if (command.length > 0) return [...command, ...args];
    return [...c.imageConfig.entrypoint, ...(args.length > 0 ? args : c.imageConfig.cmd)];
  }

  private appendLog(c: ContainerRecord, stream: 'stdout' | 'stderr', line: string): void {
    const entry: LogEntry = { atMs: this.sched.now(), stream, line };
    c.logs.push(entry);
    const max = this.opts.maxLogLines ?? 5000;
    if (c.logs.length > max) c.logs.splice(0, c.logs.length - max);
    for (const w of [...this.logWatchers]) w(c.status.id, entry);
  }

  /** StopContainer: the image's stop signal, `timeoutSeconds` to exit, then SIGKILL. */
  *stopContainer(id: string, timeoutSeconds: number): Co<void> {
    const c = this.containers.get(id);
    if (!c) throw new CriError('NotFound', `an error occurred when try to find container "${id}": not found`);
    const proc = c.process;
    if (!proc?.running) return;
    if (timeoutSeconds > 0) {
      proc.signal(c.imageConfig.stopSignal);
      yield* this.waitExit(c, timeoutSeconds * 1000);
    }
    if (proc.running) proc.signal('SIGKILL');
  }

  // Until the container exits or `ms` pass.
  private waitExit(c: ContainerRecord, ms: number): Co<void> {
    return suspend<void>((resume) => {
      if (!c.process?.running) return resume(undefined);
      const wake = () => resume(undefined);
      c.exitWaiters.add(wake);
      const cancel = this.sched.after(ms, wake);
      return () => {
        c.exitWaiters.delete(wake);
        cancel();
      };
    });
  }

  /** RemoveContainer (a running container is killed first, as `crictl rm -f` does). */
  removeContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    if (c.process?.running) c.process.signal('SIGKILL');
    this.containers.delete(id);
    this.emit({ type: 'ContainerRemoved', podUid: c.config.labels[labelPodUid] ?? '', id });
  }

  /** ContainerStatus. */
  containerStatus(id: string): ContainerStatus {
    const c = this.record(id);
    return { ...c.status, metadata: { ...c.status.metadata }, labels: { ...c.status.labels }, annotations: { ...c.status.annotations } };
  }

  /** ListContainers of one pod (or all). */
  /** Pods (`namespace/name`) with a container running now, sorted: what `crictl ps` lists, by pod. */
  runningPods(): string[] {
    const pods = new Set<string>();
    for (const c of this.containers.values()) {
      if (c.status.state !== 'CONTAINER_RUNNING') continue;
      const sb = this.sandboxes.get(c.sandboxId);
      if (sb) pods.add(`${sb.config.metadata.namespace}/${sb.config.metadata.name}`);
    }
    return [...pods].sort();
  }

  listContainers(podUid?: string): ContainerStatus[] {
    return [...this.containers.values()].filter((c) => podUid === undefined || c.config.labels[labelPodUid] === podUid).map((c) => this.containerStatus(c.status.id));
  }

  /** ExecSync: runs `cmd` in a running container. */
  *execSync(id: string, cmd: string[], timeoutMs: number): Co<ExecResult> {
    const c = this.record(id);
    if (!c.process?.running) return { error: `container is not in running state` };
    return yield* c.process.execSync(cmd, timeoutMs);
  }

  /** A file of a container's filesystem (the termination log), also after it exited. */
  containerFile(id: string, path: string): string | null {
    const c = this.containers.get(id);
    if (!c) return null;
    const f = c.fs.read(path);
    return 'text' in f ? f.text : null;
  }

  /** The log a container wrote, oldest first. */
  containerLogs(id: string): readonly LogEntry[] {
    return this.containers.get(id)?.logs ?? [];
  }

  /** The process of a running container (for usage and probe chaos), or null. */
  process(id: string): ContainerProcess | null {
    const p = this.containers.get(id)?.process;
    return p?.running ? p : null;
  }

  /** Sends a signal to a container's PID 1 (what `kill` from the node would do). */
  signal(id: string, sig: Signal): void {
    this.containers.get(id)?.process?.signal(sig);
  }

  private record(id: string): ContainerRecord {
    const c = this.containers.get(id);
    if (!c) throw new CriError('NotFound', `an error occurred when try to find container "${id}": not found`);
    return c;
  }

  // ---- the pod network, as the kubelet's prober reaches it -----------------------------------

  // The running processes of the ready sandboxes holding `ip`.
  private processesAt(ip: string): ContainerProcess[] {
    const out: ContainerProcess[] = [];
    for (const c of this.containers.values()) {
      const sb = this.sandboxes.get(c.sandboxId);
      if (sb?.status.state === 'SANDBOX_READY' && sb.status.ip === ip && c.process?.running) out.push(c.process);
    }
    return out;
  }

  /** An HTTP GET (or `method`) to ip:port, from the node's bridge address unless `remoteAddr` says whom. */
  httpGet(ip: string, port: number, path: string, userAgent: string, remoteAddr?: string, method?: string): HttpProbeAnswer {
    for (const p of this.processesAt(ip)) if (p.listening(port)) return p.httpGet(port, path, userAgent, remoteAddr ?? this.ipam.gateway, method);
    return 'refused';
  }

  /** The process that answers HTTP traffic to ip:port in the pod's place (Listener.proxy), if any. */
  proxyAt(ip: string, port: number): string | undefined {
    for (const p of this.processesAt(ip)) if (p.listening(port)) return p.proxyOf(port);
    return undefined;
  }

  /** Whether a TCP connection to ip:port succeeds. */
  tcpConnect(ip: string, port: number): boolean {
    return this.processesAt(ip).some((p) => p.listening(port));
  }

  /** A gRPC health check of ip:port. */
  grpcCheck(ip: string, port: number, service: string): ReturnType<ContainerProcess['grpcCheck']> {
    for (const p of this.processesAt(ip)) if (p.listening(port)) return p.grpcCheck(port, service);
    return 'refused';
  }
}
