// The browser cluster the app drives: etcd members one per Web Worker under WorkerHost, the etcd
// client that etcdctl uses on the main thread, the chaos verbs and time controls, and a snapshot
// stream for the canvas (the contract in ./types.ts). The headless twin is engine/cluster.ts.

import { EtcdClientProcess, peerURL, timingFor, type EtcdMemberOptions, type EtcdTiming, type MemberTelemetry, type Profile } from '../etcd';
import { runEtcdctl } from '../etcdctl';
import type { NetworkOptions } from '../sim/network';
import { downMemberView, liveMemberView } from './member-view';
import { spawnEtcdWorker } from './spawn';
import type { ClusterSnapshot, CommandResult, MemberView, WireMessage } from './types';
import { etcdWireType } from './wire-type';
import type { WorkerLike } from './worker-handle';
import { WorkerHost } from './worker-host';

/** Options of createBrowserCluster. */
export interface BrowserClusterOptions {
  seed: number;
  /** etcd-0 … etcd-(n-1). */
  etcdMembers: number;
  profile: Profile;
  network?: Partial<NetworkOptions>;
  /** Start with the clock paused (default: running at `speed`). */
  paused?: boolean;
  /** Initial speed, 0.1–100 (default 1). */
  speed?: number;
  /** Aborting disposes the cluster, even while it is still starting (React effects' cleanup). */
  signal?: AbortSignal;
  /** Builds a member's Worker; tests pass in-thread stand-ins. */
  spawn?: (name: string) => WorkerLike;
}

/** Per-call options of BrowserCluster.etcdctl. */
export interface EtcdctlRunOptions {
  /** Streamed output (watch, lease keep-alive), as it is printed. */
  onStdout?: (chunk: string) => void;
  /** Standard error as it is printed. */
  onStderr?: (chunk: string) => void;
  /** Ctrl-C: ends a streaming command, or abandons a waiting one. */
  signal?: AbortSignal;
}

/** The cluster as the UI sees it: the verbs of the headless cluster plus time controls and snapshots. */
export interface BrowserCluster {
  /** Calls `fn` with a snapshot now and after every change, at most once per animation frame; returns unsubscribe. */
  subscribe(fn: (s: ClusterSnapshot) => void): () => void;
  /** The state right now (messages: none). */
  snapshot(): ClusterSnapshot;
  /** Runs an etcdctl v3 command line against the cluster, as the real tool would print it. */
  etcdctl(commandLine: string, stdin?: string, opts?: EtcdctlRunOptions): Promise<CommandResult>;
  /** Crashes a member: its Worker is terminated, its disk kept. An error result if it is already down. */
  killEtcd(name: string): Promise<CommandResult>;
  /** Restarts a crashed member in a fresh Worker from its disk. An error result if it is up. */
  restartEtcd(name: string): Promise<CommandResult>;
  /** `etcdctl member add etcd-N`, then starts etcd-N with --initial-cluster-state=existing. */
  addEtcdMember(): Promise<CommandResult>;
  /** `etcdctl member remove <id>`; the member stops once it applies its removal. */
  removeEtcdMember(name: string): Promise<CommandResult>;
  cutLink(a: string, b: string): CommandResult;
  restoreLink(a: string, b: string): CommandResult;
  /** Cuts every link between different groups (members in no group keep theirs). */
  partition(groups: string[][]): CommandResult;
  heal(): CommandResult;
  pause(): void;
  resume(): void;
  /** Pauses and runs the next pending event. */
  step(): Promise<void>;
  /** Simulated seconds per wall second, clamped to 0.1–100. */
  setSpeed(x: number): void;
  /** Terminates every Worker; safe to call twice. */
  dispose(): void;
}

/** Starts a browser cluster; resolves once every member's Worker runs. */
export async function createBrowserCluster(opts: BrowserClusterOptions): Promise<BrowserCluster> {
  const c = new EtcdBrowserCluster(opts);
  const abort = () => c.dispose();
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (opts.signal?.aborted) throw new DOMException('createBrowserCluster was aborted', 'AbortError');
    await c.start();
    if (opts.signal?.aborted) throw new DOMException('createBrowserCluster was aborted', 'AbortError');
    return c;
  } catch (e) {
    c.dispose();
    opts.signal?.removeEventListener('abort', abort);
    throw opts.signal?.aborted ? new DOMException('createBrowserCluster was aborted', 'AbortError') : e;
  }
}

/** The process name of the client etcdctl uses (as in engine/cluster.ts). */
const clientId = 'etcdctl';
/** Simulated time 0 on the wall clock the tools print (as in engine/cluster.ts). */
const epochMs = Date.UTC(2026, 0, 1);
/** Most wire messages per snapshot: more than a canvas can animate in one frame. */
const messagesPerSnapshot = 2000;

const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });
const fail = (message: string): CommandResult => ({ code: 1, stdout: '', stderr: `Error: ${message}\n` });
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

class EtcdBrowserCluster implements BrowserCluster {
  private readonly host: WorkerHost;
  private readonly timing: EtcdTiming;
  private readonly spawn: (name: string) => WorkerLike;
  /** Member names in the order they joined, removed ones included. */
  private readonly names: string[];
  private readonly removed = new Set<string>();
  /** Removed members whose Worker is being ended. */
  private readonly stopping = new Set<string>();
  private readonly lastSeen = new Map<string, MemberTelemetry>();
  private readonly client: EtcdClientProcess;
  private readonly subscribers = new Set<(s: ClusterSnapshot) => void>();
  private messages: WireMessage[] = [];
  private frame: { raf: number | null; timer: ReturnType<typeof setTimeout> } | null = null;
  /** Membership changes run one at a time (two `member add`s must not pick the same name). */
  private membership: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly opts: BrowserClusterOptions) {
    this.timing = timingFor(opts.profile);
    this.host = new WorkerHost({
      seed: opts.seed,
      network: opts.network,
      speed: clampSpeed(opts.speed ?? 1),
      describe: etcdWireType,
      // Exact timing while the browser keeps up; when it cannot (high speed, heavy load), messages may
      // arrive up to a tenth of a heartbeat late rather than the clock falling far behind the slider.
      maxSkewMs: this.timing.heartbeatMs / 10,
    });
    this.spawn = opts.spawn ?? spawnEtcdWorker;
    this.names = Array.from({ length: opts.etcdMembers }, (_, i) => `etcd-${i}`);
    this.client = this.host.addLocal(
      clientId,
      (env) =>
        new EtcdClientProcess(
          env,
          () => this.endpoints(),
          (m) => this.host.isUp(m) && !this.host.isCut(clientId, m),
        ),
    );
    this.host.subscribe((e) => {
      if (e.wire.length) {
        this.messages.push(...e.wire);
        if (this.messages.length > 2 * messagesPerSnapshot) this.messages = this.messages.slice(-messagesPerSnapshot);
      }
      this.noteTelemetry();
      this.schedule();
    });
  }

  /** Boots the initial members at simulated time 0, then lets the clock run. */
  async start(): Promise<void> {
    const initialCluster = [...this.names];
    await Promise.all(initialCluster.map((name) => this.addMemberWorker(name, { name, initialCluster, clusterState: 'new', timing: this.timing, epochMs })));
    if (!this.opts.paused) this.host.resume();
  }

  subscribe(fn: (s: ClusterSnapshot) => void): () => void {
    this.subscribers.add(fn);
    fn(this.snapshot());
    return () => void this.subscribers.delete(fn);
  }

  snapshot(): ClusterSnapshot {
    return {
      now: this.host.now(),
      paused: this.host.paused,
      speed: this.host.speed,
      members: this.names.map((n) => this.memberView(n)),
      cutLinks: this.host.cutLinks(),
      messages: [],
    };
  }

  async etcdctl(commandLine: string, stdin?: string, opts: EtcdctlRunOptions = {}): Promise<CommandResult> {
    if (this.disposed) return fail('the cluster was disposed');
    try {
      return await runEtcdctl(commandLine, this.client, {
        stdin,
        nowMs: () => epochMs + this.host.now(),
        onStdout: opts.onStdout,
        onStderr: opts.onStderr,
        signal: opts.signal,
        sleep: (ms) => this.host.sleep(ms),
      });
    } catch (e) {
      return fail(errorText(e));
    }
  }

  async killEtcd(name: string): Promise<CommandResult> {
    const bad = this.checkMember(name);
    if (bad) return bad;
    try {
      if (!(await this.host.kill(name))) return fail(`${name} is not running`);
      return ok(`${name} killed: its worker was terminated, its disk is kept\n`);
    } catch (e) {
      return fail(errorText(e));
    }
  }

  async restartEtcd(name: string): Promise<CommandResult> {
    const bad = this.checkMember(name);
    if (bad) return bad;
    try {
      if (!(await this.host.restart(name))) return fail(`${name} is already running`);
      return ok(`${name} restarted from its disk in a new worker\n`);
    } catch (e) {
      return fail(`${name} did not start: ${errorText(e)}`);
    }
  }

  addEtcdMember(): Promise<CommandResult> {
    return this.serialize(async () => {
      const name = this.nextMemberName();
      const res = await this.etcdctl(`member add ${name} --peer-urls=${peerURL(name)}`);
      if (res.code !== 0) return res;
      const initialCluster = [...this.endpoints(), name];
      this.names.push(name);
      try {
        await this.addMemberWorker(name, { name, initialCluster, clusterState: 'existing', timing: this.timing, epochMs });
      } catch (e) {
        return { ...res, code: 1, stderr: `Error: ${name} was added to the cluster but its worker did not start: ${errorText(e)}\n` };
      }
      return res;
    });
  }

  removeEtcdMember(name: string): Promise<CommandResult> {
    return this.serialize(async () => {
      const bad = this.checkMember(name);
      if (bad) return bad;
      const id = this.lastSeen.get(name)?.memberId || (await this.lookUpMemberId(name));
      if (!id) return fail(`${name} is not a member of the cluster (member list has no peer URL ${peerURL(name)})`);
      const res = await this.etcdctl(`member remove ${id}`);
      if (res.code === 0) {
        this.removed.add(name);
        this.schedule();
      }
      return res;
    });
  }

  cutLink(a: string, b: string): CommandResult {
    return this.linkChange(() => this.host.cutLink(a, b), `cut the link between ${a} and ${b}`, [a, b]);
  }
  restoreLink(a: string, b: string): CommandResult {
    return this.linkChange(() => this.host.restoreLink(a, b), `restored the link between ${a} and ${b}`, [a, b]);
  }
  partition(groups: string[][]): CommandResult {
    const text = groups.map((g) => `[${g.join(' ')}]`).join(' | ');
    return this.linkChange(() => this.host.partition(groups), `partitioned ${text}`, groups.flat());
  }
  heal(): CommandResult {
    return this.linkChange(() => this.host.heal(), 'every link restored', []);
  }

  pause(): void {
    if (!this.disposed) this.host.pause();
  }
  resume(): void {
    if (!this.disposed) this.host.resume();
  }
  step(): Promise<void> {
    return this.disposed ? Promise.resolve() : this.host.step();
  }
  setSpeed(x: number): void {
    if (!this.disposed) this.host.setSpeed(clampSpeed(x));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host.dispose();
    this.subscribers.clear();
    if (this.frame) {
      if (this.frame.raf !== null) cancelAnimationFrame(this.frame.raf);
      clearTimeout(this.frame.timer);
      this.frame = null;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private addMemberWorker(name: string, config: EtcdMemberOptions): Promise<void> {
    return this.host.addWorker(name, () => this.spawn(name), config);
  }

  private memberView(name: string): MemberView {
    const t = this.host.telemetry(name) as MemberTelemetry | undefined;
    if (t && this.host.isUp(name)) {
      return liveMemberView(t, this.removed.has(name));
    }
    return downMemberView(name, this.host.disk(name), this.lastSeen.get(name), this.removed.has(name), this.host.lastError(name));
  }

  /** Members that are in the cluster (not removed): the client's default endpoints. */
  private endpoints(): string[] {
    return this.names.filter((n) => !this.removed.has(n) && !this.lastSeen.get(n)?.removed);
  }

  /**
   * Remembers each live member's telemetry (a dead member is drawn from it), and ends the Worker of a
   * member that applied its own removal: etcd stops such a member.
   */
  private noteTelemetry(): void {
    for (const name of this.names) {
      const t = this.host.telemetry(name) as MemberTelemetry | undefined;
      if (!t || !this.host.isUp(name)) continue;
      this.lastSeen.set(name, t);
      if (t.removed && !this.stopping.has(name)) {
        this.removed.add(name);
        this.stopping.add(name);
        void this.host.kill(name).catch(() => {});
      }
    }
  }

  /** A member's id as the cluster lists it (a member learns its own id only once it has caught up). */
  private async lookUpMemberId(name: string): Promise<string | null> {
    const endpoint = this.endpoints().find((e) => this.client.connected(e));
    if (!endpoint) return null;
    try {
      const res = await this.client.call(endpoint, 'MemberList', {});
      return res.members.find((m) => m.peerURLs.includes(peerURL(name)))?.ID.toString(16) ?? null;
    } catch {
      return null;
    }
  }

  private checkMember(name: string): CommandResult | null {
    if (this.disposed) return fail('the cluster was disposed');
    if (!this.names.includes(name)) return fail(`no etcd member named "${name}" (members: ${this.names.join(', ')})`);
    if (this.removed.has(name)) return fail(`${name} was removed from the cluster`);
    return null;
  }

  private linkChange(change: () => void, done: string, names: string[]): CommandResult {
    if (this.disposed) return fail('the cluster was disposed');
    const unknown = names.filter((n) => !this.host.has(n));
    if (unknown.length) return fail(`no process named ${unknown.map((n) => `"${n}"`).join(', ')}`);
    change();
    return ok(`${done}\n`);
  }

  private nextMemberName(): string {
    let i = this.names.length;
    while (this.names.includes(`etcd-${i}`)) i++;
    return `etcd-${i}`;
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.membership.then(fn, fn);
    this.membership = run.catch(() => {});
    return run;
  }

  /** Pushes one snapshot per animation frame (or per 100 ms where frames stop, as in background tabs). */
  private schedule(): void {
    if (this.frame || this.disposed || this.subscribers.size === 0) return;
    const fire = () => {
      if (!this.frame) return;
      if (this.frame.raf !== null) cancelAnimationFrame(this.frame.raf);
      clearTimeout(this.frame.timer);
      this.frame = null;
      this.push();
    };
    const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fire) : null;
    this.frame = { raf, timer: setTimeout(fire, raf === null ? 16 : 100) };
  }

  private push(): void {
    const s = this.snapshot();
    s.messages = this.messages.length > messagesPerSnapshot ? this.messages.slice(-messagesPerSnapshot) : this.messages;
    this.messages = [];
    for (const fn of this.subscribers) fn(s);
  }
}

function clampSpeed(x: number): number {
  return Number.isFinite(x) ? Math.min(100, Math.max(0.1, x)) : 1;
}
