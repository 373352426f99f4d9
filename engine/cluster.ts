// The headless cluster: every process on one SimHost, driven by tests, benchmarks and scripts
// through the contract in DESIGN.md (createCluster, run, runUntil, etcdctl, chaos, inspect).

import { SimHost } from './sim/sim-host';
import type { NetworkOptions } from './sim/network';
import { EtcdClientProcess, etcdMember, peerURL, raftStatusFromDisk, timingFor, type EtcdMember, type EtcdTiming, type MemberTelemetry, type Profile } from './etcd';
import type { RaftStatus } from './etcd/raft';
import { runEtcdctl } from './etcdctl';

/** Options of createCluster (DESIGN.md, "Headless contract"). */
export interface ClusterOptions {
  /** Every random choice derives from it. */
  seed?: number;
  /** etcd-0 … etcd-(n-1). */
  etcdMembers?: number;
  /** Worker nodes; not built yet (they need the control plane). */
  nodes?: number | object[];
  /** false: an etcd-only cluster. The Kubernetes control plane is not built yet. */
  controlPlane?: boolean;
  addons?: string[];
  profile?: Profile;
  /** Network faults for the whole run (latency, loss, duplication). */
  network?: Partial<NetworkOptions>;
  /** Override single etcd timings (e.g. snapshotCount) on top of the profile. */
  etcd?: Partial<EtcdTiming>;
  /** Wall-clock epoch that simulated time 0 maps to, for timestamps the tools print. */
  epochMs?: number;
}

/** What a CLI prints: exit code, standard output, standard error. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Per-call options of Cluster.etcdctl. */
export interface EtcdctlCallOptions {
  /** For streaming commands (watch, lease keep-alive): simulated ms to stream before stopping them. */
  streamMs?: number;
  onStdout?: (chunk: string) => void;
}

/** The process name of the client that etcdctl uses. */
export const etcdctlClientId = 'etcdctl';

/** 2026-01-01T00:00:00Z: simulated time 0, unless createCluster is told otherwise. */
const defaultEpochMs = Date.UTC(2026, 0, 1);

/** Simulated time a command may take before the driver gives up on it (far beyond any etcdctl timeout). */
const commandBudgetMs = 120_000;

/** A running cluster on a SimHost. */
export class Cluster {
  readonly sim: SimHost;
  readonly timing: EtcdTiming;
  /** Member names, in the order they joined, removed ones included (their disks remain). */
  readonly etcdNames: string[] = [];
  private readonly client: EtcdClientProcess;
  private readonly epochMs: number;

  constructor(opts: ClusterOptions) {
    this.sim = new SimHost({ seed: opts.seed ?? 1, network: opts.network });
    this.timing = { ...timingFor(opts.profile ?? 'fast'), ...opts.etcd };
    this.epochMs = opts.epochMs ?? defaultEpochMs;
    const n = opts.etcdMembers ?? 3;
    const names = Array.from({ length: n }, (_, i) => `etcd-${i}`);
    for (const name of names) {
      this.etcdNames.push(name);
      this.sim.add(name, etcdMember({ name, initialCluster: names, clusterState: 'new', timing: this.timing, epochMs: this.epochMs }));
    }
    let client!: EtcdClientProcess;
    this.sim.add(etcdctlClientId, (env) => {
      client = new EtcdClientProcess(
        env,
        () => this.liveMemberNames(),
        (m) => this.sim.isUp(m) && !this.sim.links.isCut(etcdctlClientId, m),
      );
      return client;
    });
    this.client = client;
  }

  /** The simulated clock. */
  readonly clock = { now: (): number => this.sim.now() };

  /** Advances simulated time by `ms`. */
  async run(ms: number): Promise<void> {
    this.sim.runFor(ms);
  }

  /** Runs until `cond()` holds or `ms` simulated ms pass; true if it held. */
  async runUntil(cond: () => boolean, ms: number): Promise<boolean> {
    return this.sim.runUntil(cond, ms);
  }

  /**
   * Runs an etcdctl 3.4 command line against the cluster, advancing simulated time while it waits,
   * and returns what etcdctl prints. `stdin` feeds `txn`.
   */
  async etcdctl(commandLine: string, stdin?: string, opts: EtcdctlCallOptions = {}): Promise<CommandResult> {
    const abort = new AbortController();
    let result: CommandResult | null = null;
    const started = this.sim.now();
    const run = runEtcdctl(commandLine, this.client, {
      stdin,
      nowMs: () => this.epochMs + this.sim.now(),
      sleep: (ms) => this.client.sleep(ms),
      onStdout: opts.onStdout,
      signal: abort.signal,
    }).then(
      (r: CommandResult) => (result = r),
      (e: unknown) => (result = { code: 1, stdout: '', stderr: `Error: ${e instanceof Error ? e.message : String(e)}\n` }),
    );
    while (result === null) {
      // Let the command's promise chain run up to its next call into the network.
      for (let i = 0; i < 64 && result === null; i++) await Promise.resolve();
      if (result !== null) break;
      const elapsed = this.sim.now() - started;
      if (opts.streamMs !== undefined && elapsed >= opts.streamMs) abort.abort();
      else if (elapsed >= commandBudgetMs) abort.abort();
      if (abort.signal.aborted) {
        await run;
        break;
      }
      const seen = this.client.progress;
      const slice = opts.streamMs !== undefined ? Math.min(opts.streamMs - elapsed, 1000) : 1000;
      this.sim.runUntil(() => this.client.progress !== seen, Math.max(slice, 1));
    }
    return result!;
  }

  /** Adds a member the way an operator does: `etcdctl member add`, then start it with --initial-cluster-state=existing. */
  async addEtcdMember(name = this.nextMemberName()): Promise<CommandResult> {
    // A process name is used once: a removed member's disk stays, so its name cannot start again.
    if (this.etcdNames.includes(name)) return { code: 1, stdout: '', stderr: `Error: a member named "${name}" already exists in this cluster\n` };
    const res = await this.etcdctl(`member add ${name} --peer-urls=${peerURL(name)}`);
    if (res.code !== 0) return res;
    const initialCluster = [...this.liveMemberNames(), name];
    this.etcdNames.push(name);
    this.sim.add(name, etcdMember({ name, initialCluster, clusterState: 'existing', timing: this.timing, epochMs: this.epochMs }));
    return res;
  }

  /** Fault injection; the UI's buttons call the same verbs. */
  readonly chaos = {
    /** Crashes a member: memory gone, disk kept. False when it is already down or unknown. */
    killEtcd: (name: string): boolean => this.sim.kill(this.requireMember(name)),
    /** Restarts a crashed member from its disk. False when it is already up. */
    restartEtcd: (name: string): boolean => this.sim.restart(this.requireMember(name)),
    partition: (groups: string[][]): void => this.sim.links.partition(groups),
    cutLink: (a: string, b: string): void => this.sim.links.cutLink(a, b),
    restoreLink: (a: string, b: string): void => this.sim.links.restoreLink(a, b),
    heal: (): void => this.sim.links.heal(),
    killNode: (name: string): never => {
      throw new Error(`cannot kill node ${name}: worker nodes are not part of this cluster yet (controlPlane: false)`);
    },
  };

  /** Read-only views of process state. */
  readonly inspect = {
    /** Raft state of every member, as DESIGN.md's inspect.raft() lists it. */
    raft: (): RaftStatus[] => this.etcdNames.map((name) => this.raftStatus(name)),
    /** Full telemetry of one member (null while it is down). */
    member: (name: string): MemberTelemetry | null => this.sim.process<EtcdMember>(name)?.telemetry() ?? null,
  };

  /** The current leader's name, if exactly one live member leads in the highest term. */
  leader(): string | null {
    const live = this.inspect.raft().filter((r) => r.role !== 'down');
    const top = Math.max(0, ...live.map((r) => r.term));
    const leaders = live.filter((r) => r.role === 'leader' && r.term === top);
    return leaders.length === 1 ? leaders[0].id : null;
  }

  private raftStatus(name: string): RaftStatus {
    return this.sim.process<EtcdMember>(name)?.raft.status() ?? raftStatusFromDisk(name, this.sim.disk(name));
  }

  private liveMemberNames(): string[] {
    return this.etcdNames.filter((n) => !this.sim.process<EtcdMember>(n)?.telemetry().removed);
  }

  private nextMemberName(): string {
    let i = this.etcdNames.length;
    while (this.etcdNames.includes(`etcd-${i}`)) i++;
    return `etcd-${i}`;
  }

  private requireMember(name: string): string {
    if (!this.etcdNames.includes(name)) throw new Error(`no etcd member named "${name}" (members: ${this.etcdNames.join(', ')})`);
    return name;
  }
}

/** Builds a cluster (DESIGN.md's createCluster). */
export async function createCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  if (opts.controlPlane !== false) {
    throw new Error('createCluster: the Kubernetes control plane is not built yet; pass controlPlane: false for an etcd-only cluster');
  }
  return new Cluster(opts);
}
