// A running container's PID 1 (and its children): the program from its image, on the node's clock.
// It owns what the kernel owns for a real process: its signal disposition (PID 1 ignores catchable
// signals it does not handle), its open ports, its memory (the OOM killer fires at the cgroup's
// limit) and its exit status. The KUBEPLAY_* chaos of the container is applied here.

import { Cancelled, Coroutine, suspend, type Co } from '../../sim/co';
import { resolveExecutable } from '../programs/catalog';
import type { Chaos } from '../programs/chaos';
import type { FileSystem } from '../programs/fs';
import { ProcessExit, type BackgroundJob, type ChildIo, type Executable, type GrpcServingStatus, type HttpResponse, type Listener, type ProcessContext, type Signal, type Usage } from '../programs/program';
import type { CancelTimer, Scheduler } from '../scheduler';
import type { ImageConfig } from './registry';

/** What a container process is started from. */
export interface ProcessSpec {
  argv: string[];
  env: Record<string, string>;
  config: ImageConfig;
  hostname: string;
  podIP: string;
  fs: FileSystem;
  memoryLimitBytes: number | null;
  cpuLimitMilli: number | null;
  chaos: Chaos;
  /** Wall ms that simulated 0 stands for. */
  epochMs: number;
}

/** How a process ended, as containerd records it. */
export type ExitReason = 'Completed' | 'Error' | 'OOMKilled';

/** Where a process's output and death are reported. */
export interface ProcessHooks {
  log(stream: 'stdout' | 'stderr', line: string): void;
  exited(code: number, reason: ExitReason): void;
}

/** Executables a node adds beside an image's own (engine/kubelet/exec), by name, for an image. */
export type ExtraExecutables = (name: string, config: ImageConfig) => Executable | undefined;

/** The result of a command run inside the container (ExecSync). */
export type ExecResult = { code: number; output: string } | { timedOut: true } | { error: string };

/** What a probe's connection finds. */
export type HttpProbeAnswer = HttpResponse | 'refused' | 'no-http';

// Thrown into a process's coroutines when it is killed: nothing in a program catches it.
class Killed extends Error {}

const defaultMemoryBytes = 512 * 1024;

/** One container's process tree. */
export class ContainerProcess {
  private main: Coroutine<number> | null = null;
  private readonly jobs = new Set<Coroutine<number>>();
  private handler: ((sig: Signal) => void) | null = null;
  private readonly listeners = new Map<number, Listener>();
  private usage: Usage = { cpuMilli: 0, memoryBytes: defaultMemoryBytes };
  private readonly timers: CancelTimer[] = [];
  private oomTimer: CancelTimer | null = null;
  private ended = false;
  readonly startedAt: number;

  constructor(
    private readonly sched: Scheduler,
    private readonly spec: ProcessSpec,
    private readonly hooks: ProcessHooks,
  ) {
    this.startedAt = sched.now();
  }

  /** The executable PID 1 would run, or undefined when its argv[0] is not in the image. */
  static executable(spec: Pick<ProcessSpec, 'argv' | 'config'>): Executable | undefined {
    return spec.argv.length === 0 ? undefined : resolveExecutable(spec.config, spec.argv[0]);
  }

  /** Starts PID 1 (the caller has checked `executable`). */
  start(): void {
    const exe = ContainerProcess.executable(this.spec);
    if (!exe) throw new Error(`no executable for ${JSON.stringify(this.spec.argv)}`);
    for (const p of this.spec.chaos.problems) this.hooks.log('stderr', p);
    const ctx = this.context({ signals: true });
    this.main = this.sched.spawn(this.guard(exe(this.spec.argv, ctx)), (o) => {
      if (o.ok) this.finish(o.value, o.value === 0 ? 'Completed' : 'Error');
      else if (!(o.error instanceof Killed) && !(o.error instanceof Cancelled)) throw o.error;
    });
    this.armChaos();
    this.armOom();
  }

  /** Whether the process is still alive. */
  get running(): boolean {
    return !this.ended;
  }

  /** Delivers a signal; SIGKILL ends the process at once with status 137. */
  signal(sig: Signal): void {
    if (this.ended) return;
    if (sig === 'SIGKILL') this.finish(137, 'Error');
    else this.handler?.(sig);
  }

  /** Memory in use now (the working set cAdvisor would report). */
  memoryBytes(): number {
    const base = this.spec.chaos.memoryBytes ?? this.usage.memoryBytes;
    const leak = this.spec.chaos.leakBytesPerSecond ?? 0;
    return Math.round(base + (leak * (this.sched.now() - this.startedAt)) / 1000);
  }

  /** CPU in use now, in millicores (throttled to the limit). */
  cpuMilli(): number {
    const want = this.spec.chaos.cpuMilli ?? this.usage.cpuMilli;
    return this.spec.cpuLimitMilli === null ? want : Math.min(want, this.spec.cpuLimitMilli);
  }

  /** What engine/kubelet/stats.ts meters: the CPU limit (null: none) and KUBEPLAY_CPU_PER_REQUEST (ms, null: unset). */
  cpuProfile(): { limitMilli: number | null; perRequestMs: number | null } {
    return { limitMilli: this.spec.cpuLimitMilli, perRequestMs: this.spec.chaos.cpuPerRequestMs ?? null };
  }

  /** Whether a probe of this kind fails because the container's KUBEPLAY_* variables say so. */
  chaosFails(kind: 'readiness' | 'liveness' | 'startup'): boolean {
    const c = this.spec.chaos;
    const t = this.sched.now() - this.startedAt;
    if (c.startDelayMs !== undefined && t < c.startDelayMs) return true;
    if (kind === 'readiness' && c.unreadyAfterMs !== undefined && t >= c.unreadyAfterMs) return true;
    if (kind === 'liveness' && c.livenessFailAfterMs !== undefined && t >= c.livenessFailAfterMs) return true;
    return false;
  }

  // A port as seen from outside the pod: closed until KUBEPLAY_START_DELAY has passed.
  private reachable(port: number): Listener | undefined {
    if (this.ended) return undefined;
    const delay = this.spec.chaos.startDelayMs;
    if (delay !== undefined && this.sched.now() - this.startedAt < delay) return undefined;
    const l = this.listeners.get(port);
    return l && !l.loopbackOnly ? l : undefined;
  }

  /** Whether something listens on `port` for connections from outside the pod. */
  listening(port: number): boolean {
    return this.reachable(port) !== undefined;
  }

  /** The process HTTP traffic to `port` is handed to (Listener.proxy), if any. */
  proxyOf(port: number): string | undefined {
    return this.reachable(port)?.proxy;
  }

  /** An HTTP GET from outside the pod. */
  httpGet(port: number, path: string, userAgent: string, remoteAddr: string, method?: string): HttpProbeAnswer {
    const l = this.reachable(port);
    if (!l) return 'refused';
    if (!l.http) return 'no-http';
    return l.http({ path, userAgent, remoteAddr, ...(method ? { method } : {}) });
  }

  /** A gRPC health check from outside the pod. */
  grpcCheck(port: number, service: string): GrpcServingStatus | 'refused' | 'unimplemented' {
    const l = this.reachable(port);
    if (!l) return 'refused';
    return l.grpc ? l.grpc(service) : 'unimplemented';
  }

  /**
   * Runs a command beside PID 1, as CRI Exec does: its output goes to `io` line by line as it is
   * written, executables the image lacks are looked up in `io.extra` (the node's own programs,
   * engine/kubelet/exec), and `done` hears its exit code (137 when the container dies first). Null
   * when there is no such executable. The answer stops it.
   */
  exec(cmd: string[], io: ChildIo & { extra?: ExtraExecutables }, done: (code: number) => void): { kill(): void } | null {
    if (this.ended || cmd.length === 0) return null;
    const ctx = this.context({ signals: false, ...io });
    const exe = resolveExecutable(this.spec.config, cmd[0]) ?? io.extra?.(cmd[0], this.spec.config);
    if (!exe) return null;
    let job: Coroutine<number> | null = null;
    let ended = false;
    job = this.sched.spawn(this.guard(exe(cmd, ctx)), (o) => {
      ended = true;
      if (job) this.jobs.delete(job);
      if (!o.ok && !(o.error instanceof Killed) && !(o.error instanceof Cancelled)) throw o.error;
      done(o.ok ? o.value : 137);
    });
    if (!ended) this.jobs.add(job);
    return { kill: () => job?.interrupt(new Killed()) };
  }

  /** Runs a command in the container (CRI ExecSync) with its files and environment. */
  execSync(cmd: string[], timeoutMs: number): Co<ExecResult> {
    const exe = cmd.length > 0 ? resolveExecutable(this.spec.config, cmd[0]) : undefined;
    if (!exe) {
      return (function* (): Co<ExecResult> {
        return { error: `failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0] ?? ''}": executable file not found in $PATH: unknown` };
      })();
    }
    const out: string[] = [];
    const ctx = this.context({ signals: false, stdout: (l) => out.push(l), stderr: (l) => out.push(l) });
    return suspend<ExecResult>((resume) => {
      let done = false;
      let cancel: CancelTimer = () => {};
      const child = this.sched.spawn(this.guard(exe(cmd, ctx)), (o) => {
        if (done) return;
        done = true;
        cancel();
        resume(o.ok ? { code: o.value, output: out.map((l) => `${l}\n`).join('') } : { code: 137, output: '' });
      });
      if (done) return;
      cancel = this.sched.after(timeoutMs, () => {
        if (done) return;
        done = true;
        child.interrupt(new Killed());
        resume({ timedOut: true });
      });
      return () => {
        done = true;
        cancel();
        child.interrupt(new Killed());
      };
    });
  }

  // ---- the process's view -----------------------------------------------------------------

  private context(io: ChildIo & { signals: boolean; extra?: ExtraExecutables }): ProcessContext {
    const self = this;
    const lookup = (name: string) => resolveExecutable(self.spec.config, name) ?? io.extra?.(name, self.spec.config);
    const env = { ...this.spec.env, ...(io.env ?? {}) };
    const ctx: ProcessContext = {
      env,
      hostname: this.spec.hostname,
      podIP: this.spec.podIP,
      fs: this.spec.fs,
      stdin: io.stdin ?? null,
      now: () => this.sched.now(),
      wallMs: () => this.spec.epochMs + this.sched.now(),
      sleep: (ms) => this.sched.sleep(ms),
      stdout: (line) => (io.stdout ? io.stdout(line) : this.hooks.log('stdout', line)),
      stderr: (line) => (io.stderr ? io.stderr(line) : this.hooks.log('stderr', line)),
      connect: (port) => !this.ended && this.listeners.has(port),
      listen: (port, listener) => {
        if (!this.ended) this.listeners.set(port, listener);
      },
      onSignal: (handler) => {
        if (io.signals) this.handler = handler;
      },
      exit: (code) => this.finish(code, code === 0 ? 'Completed' : 'Error'),
      setUsage: (u) => {
        this.usage = { ...this.usage, ...u };
        this.armOom();
      },
      *run(argv, childIo = {}) {
        const exe = argv.length > 0 ? lookup(argv[0]) : undefined;
        if (!exe) return null;
        const child = self.context({ signals: false, stdout: childIo.stdout ?? ctx.stdout, stderr: childIo.stderr ?? ctx.stderr, stdin: childIo.stdin, env: { ...env, ...(childIo.env ?? {}) }, extra: io.extra });
        return yield* self.guard(exe(argv, child));
      },
      *exec(argv) {
        const exe = argv.length > 0 ? lookup(argv[0]) : undefined;
        if (!exe) return null;
        if (io.signals) self.handler = null;
        return yield* self.guard(exe(argv, ctx));
      },
      spawn: (co) => this.spawnJob(co),
    };
    return ctx;
  }

  // `exit N` anywhere inside a program ends that program with status N.
  private *guard(co: Co<number>): Co<number> {
    try {
      return yield* co;
    } catch (e) {
      if (e instanceof ProcessExit) return e.code;
      throw e;
    }
  }

  private spawnJob(co: Co<number>): BackgroundJob {
    let code: number | null = null;
    const waiters = new Set<(c: number) => void>();
    const job = this.sched.spawn(this.guard(co), (o) => {
      this.jobs.delete(job);
      code = o.ok ? o.value : 137;
      for (const w of [...waiters]) w(code);
    });
    if (!job.ended) this.jobs.add(job);
    return {
      exitCode: () => code,
      onExit: (fn) => {
        if (code !== null) {
          fn(code);
          return () => {};
        }
        waiters.add(fn);
        return () => waiters.delete(fn);
      },
    };
  }

  // ---- chaos and the kernel ---------------------------------------------------------------

  private armChaos(): void {
    const c = this.spec.chaos;
    if (c.crashAfterMs === undefined || this.ended) return;
    this.timers.push(
      this.sched.at(this.startedAt + c.crashAfterMs, () => {
        if (this.ended) return;
        this.hooks.log('stderr', `kubeplay: KUBEPLAY_CRASH_AFTER reached after ${c.crashAfterMs! / 1000}s, exiting with status ${c.exitCode}`);
        this.finish(c.exitCode, c.exitCode === 0 ? 'Completed' : 'Error');
      }),
    );
  }

  // The cgroup's OOM killer: at the memory limit the process dies with SIGKILL (137, OOMKilled).
  private armOom(): void {
    this.oomTimer?.();
    this.oomTimer = null;
    const limit = this.spec.memoryLimitBytes;
    if (limit === null || this.ended) return;
    const now = this.memoryBytes();
    const leak = this.spec.chaos.leakBytesPerSecond ?? 0;
    if (now < limit && leak <= 0) return;
    const at = now >= limit ? this.sched.now() : this.sched.now() + Math.ceil(((limit - now) * 1000) / leak);
    this.oomTimer = this.sched.at(at, () => this.finish(137, 'OOMKilled'));
  }

  private finish(code: number, reason: ExitReason): void {
    if (this.ended) return;
    this.ended = true;
    for (const t of this.timers) t();
    this.oomTimer?.();
    this.listeners.clear();
    this.handler = null;
    this.hooks.exited(code, reason);
    const main = this.main;
    if (main && !main.ended) main.interrupt(new Killed());
    for (const j of [...this.jobs]) j.interrupt(new Killed());
    this.jobs.clear();
  }
}
