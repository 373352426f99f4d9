// The headless cluster: every process on one SimHost, driven by tests, benchmarks and scripts
// through the contract in DESIGN.md (createCluster, run, runUntil, etcdctl, chaos, inspect,
// recording, replay, digest). The cluster itself is ClusterCore; this is its synchronous shell.
// Every action taken is a step of the recording, stamped with the simulated microsecond it was
// taken at; `replay` re-takes them at those instants, and since an action always happens after
// every event of its instant, the replay's history is the same.

import { SimHost } from './sim/sim-host';
import { US_PER_MS } from './sim/runtime';
import { peerURL, raftStatusFromDisk, timingFor, type EtcdClientProcess, type EtcdMember, type EtcdTiming, type MemberTelemetry } from './etcd';
import type { RaftStatus } from './etcd/raft';
import type { EtcdctlResult } from './etcdctl';
import { processKinds } from './kinds';
import { ClusterCore, apiHttpRequest, defaultEpochMs, nodeShape, type ClusterOptions, type NodeSpec, type Recording, type StepVerb } from './cluster-core';
import type { ApiServerProcess, ApiServerTelemetry } from './apiserver/server';
import type { KubectlResult } from './kubectl/run';
import type { HttpRequest } from './apiserver/http';
import type { ElectedProcess } from './client/elected';
import type { SchedulingInspection } from './scheduler/schedule-one';
import { corednsName, kubeProxyName } from './cluster-core';
import type { CorednsProcess } from './dns/server';
import type { DnsInspection } from './dns/resolver';
import type { DnsType } from './dns/protocol';
import type { IpvsEntry, KubeProxyTelemetry } from './proxy/server';
import type { TrafficRequest, TrafficResult } from './proxy/traffic';
import { ingressNginxManifest } from './ingress/addon';

export { etcdctlClientId, defaultEpochMs, parseRecording } from './cluster-core';
export type { ClusterOptions, Recording, RecordedStep, StepVerb } from './cluster-core';

/** What a CLI prints: exit code, standard output, standard error. */
export type CommandResult = EtcdctlResult;

/** Per-call options of Cluster.etcdctl. */
export interface EtcdctlCallOptions {
  /** For streaming commands (watch, lease keep-alive): simulated ms to stream before Ctrl-C. */
  streamMs?: number;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

/** Simulated time a command may take before the driver presses Ctrl-C (far beyond any etcdctl timeout). */
const commandBudgetMs = 120_000;

/** A running cluster on a SimHost. */
export class Cluster {
  readonly sim: SimHost;
  readonly timing: EtcdTiming;
  private readonly core: ClusterCore<SimHost>;

  constructor(opts: ClusterOptions) {
    const cp = opts.crashPoints;
    this.sim = new SimHost({
      seed: opts.seed ?? 1,
      network: opts.network,
      kinds: processKinds,
      crashPoints: cp ? { rate: cp.rate, only: (id) => id.startsWith(cp.prefix ?? '') } : undefined,
    });
    this.timing = { ...timingFor(opts.profile ?? 'fast'), ...opts.etcd };
    this.core = new ClusterCore(this.sim, structuredClone(opts), this.timing, opts.epochMs ?? defaultEpochMs);
    this.core.start();
  }

  /** Member names, in the order they joined, removed ones included (their disks remain). */
  get etcdNames(): string[] {
    return this.core.etcdNames;
  }

  /** The client process etcdctl runs in. */
  get client(): EtcdClientProcess {
    return this.core.client;
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
   * and returns what etcdctl prints. `stdin` feeds `txn` and `put`.
   */
  async etcdctl(commandLine: string, stdin?: string, opts: EtcdctlCallOptions = {}): Promise<CommandResult> {
    let result: CommandResult | null = null;
    const id = this.startEtcdctl(commandLine, stdin, { ...opts, onDone: (r) => (result = r) });
    const done = () => result !== null;
    if (!this.sim.runUntil(done, opts.streamMs ?? commandBudgetMs)) {
      this.interrupt(id);
      this.sim.runUntil(done, commandBudgetMs);
    }
    return result ?? { code: 130, stdout: '', stderr: '' };
  }

  /** Starts an etcdctl command without waiting for it (a terminal does this); returns its id for `interrupt`. */
  startEtcdctl(commandLine: string, stdin: string | undefined, l: Omit<EtcdctlCallOptions, 'streamMs'> & { onDone(r: CommandResult): void }): number {
    return this.core.etcdctl(commandLine, stdin, { onStdout: l.onStdout, onStderr: l.onStderr, onDone: l.onDone }).id;
  }

  /** Ctrl-C on a running command. */
  interrupt(id: number): void {
    this.core.take('interrupt', [id]);
  }

  /**
   * Runs a kubectl 1.32 command line against the apiserver, advancing simulated time while it waits;
   * returns what kubectl prints. `stdin` feeds `-f -`.
   */
  async kubectl(commandLine: string, stdin?: string, opts: KubectlCallOptions = {}): Promise<KubectlResult> {
    let result: KubectlResult | null = null;
    let editing: string | null = null;
    const { id } = this.core.kubectl(commandLine, stdin, {
      onStdout: opts.onStdout,
      onStderr: opts.onStderr,
      onDone: (r) => (result = r),
      ...(opts.editor ? { onEdit: (text: string) => void (editing = text) } : {}),
    });
    const stop = () => result !== null || editing !== null;
    for (;;) {
      if (!this.sim.runUntil(stop, opts.streamMs ?? commandBudgetMs)) {
        this.core.take('interruptKubectl', [id]);
        this.sim.runUntil(() => result !== null, commandBudgetMs);
        break;
      }
      if (editing === null) break;
      // The person edits between two instants of the simulation; what they saved is a recorded step.
      const saved = opts.editor!(editing);
      editing = null;
      this.core.take('kubectlEdited', [id, saved]);
    }
    return result ?? { code: 130, stdout: '', stderr: '' };
  }

  /**
   * One raw request to the apiserver with kubectl's credentials (headers are lower case), answered
   * as (status, body): for tests of REST semantics and for serving the apiserver over HTTP.
   */
  async api(method: HttpRequest['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string; error?: string }> {
    let result: KubectlResult | null = null;
    this.core.apiRequest(apiHttpRequest(method, url, body, headers), { onDone: (r) => (result = r) });
    this.sim.runUntil(() => result !== null, commandBudgetMs);
    const r = result as KubectlResult | null;
    if (!r) return { status: 0, body: '', error: 'no answer' };
    return { status: r.code, body: r.stdout, ...(r.stderr ? { error: r.stderr } : {}) };
  }

  /** Adds a member the way an operator does: `etcdctl member add`, then start it with --initial-cluster-state=existing. */
  async addEtcdMember(name = this.core.nextMemberName()): Promise<CommandResult> {
    // A process name is used once: a removed member's disk stays, so its name cannot start again.
    if (this.etcdNames.includes(name)) return { code: 1, stdout: '', stderr: `Error: a member named "${name}" already exists in this cluster\n` };
    const res = await this.etcdctl(`member add ${name} --peer-urls=${peerURL(name)}`);
    if (res.code !== 0) return res;
    this.core.take('startMember', [name, [...this.core.memberEndpoints(), name]]);
    return res;
  }

  /** Removes a member: `etcdctl member remove <id>`; it stops once it applies its removal. */
  async removeEtcdMember(name: string): Promise<CommandResult> {
    this.requireMember(name);
    const id = this.inspect.member(name)?.memberId;
    if (!id) return { code: 1, stdout: '', stderr: `Error: ${name} does not know its member id (is it down?)\n` };
    const res = await this.etcdctl(`member remove ${id}`);
    if (res.code === 0) this.core.take('forgetMember', [name]);
    return res;
  }

  /** Fault injection; the UI's buttons call the same verbs. */
  readonly chaos = {
    /** Crashes a member: memory gone, disk kept. False when it is already down. */
    killEtcd: (name: string): boolean => this.step('killEtcd', [this.requireMember(name)]) as boolean,
    /** Restarts a crashed member from its disk. False when it is already up. */
    restartEtcd: (name: string): boolean => this.step('restartEtcd', [this.requireMember(name)]) as boolean,
    partition: (groups: string[][]): void => void this.step('partition', [groups]),
    cutLink: (a: string, b: string): void => void this.step('cutLink', [a, b]),
    restoreLink: (a: string, b: string): void => void this.step('restoreLink', [a, b]),
    heal: (): void => void this.step('heal', []),
    /** Crashes an apiserver; false when it is already down. */
    killApiserver: (name: string): boolean => this.step('kill', [this.requireApiserver(name)]) as boolean,
    restartApiserver: (name: string): boolean => this.step('restart', [this.requireApiserver(name)]) as boolean,
    /** Powers a node off: its kubelet and containers are gone. False when it is already down. */
    killNode: (name: string): boolean => this.step('kill', [this.requireNode(name)]) as boolean,
    /** Boots a killed node again: its kubelet registers and runs the pods bound to it afresh. */
    restartNode: (name: string): boolean => this.step('restart', [this.requireNode(name)]) as boolean,
    /** Crashes a controller-manager, a scheduler (the leader or not) or CoreDNS ('coredns'); false when it is down. */
    killComponent: (name: string): boolean => this.step('kill', [this.requireComponent(name)]) as boolean,
    restartComponent: (name: string): boolean => this.step('restart', [this.requireComponent(name)]) as boolean,
  };

  /** Read-only views of process state. */
  readonly inspect = {
    /** Raft state of every member, as DESIGN.md's inspect.raft() lists it. */
    raft: (): RaftStatus[] => this.etcdNames.map((name) => this.raftStatus(name)),
    /** Full telemetry of one member (null while it is down). */
    member: (name: string): MemberTelemetry | null => this.sim.process<EtcdMember>(name)?.telemetry() ?? null,
    /** A process's pending timers, open streams and outstanding requests (null while it is down). */
    pending: (id: string) => this.sim.pending(id),
    /** An apiserver's counters, recent requests and cached objects (null while it is down). */
    apiserver: (name = this.core.apiserverNames[0]): ApiServerTelemetry | null => (name ? (this.sim.process<ApiServerProcess>(name)?.telemetry() ?? null) : null),
    /**
     * The leading scheduler's last cycle for a pod (`namespace/name`): the node it chose and each
     * node's filter verdict and normalised scores (DESIGN.md); null when it has not seen the pod.
     */
    scheduling: (podKey: string): SchedulingInspection | null => {
      const t = this.leadingScheduler()?.telemetry() as { scheduling?: Record<string, SchedulingInspection> } | undefined;
      return t?.scheduling?.[podKey] ?? null;
    },
    /**
     * A node's IPVS table as its kube-proxy programmed it (DESIGN.md's inspect.ipvs): one entry per
     * virtual service, its scheduler and real servers (with their connection counts); [] outside
     * ipvs mode or while the node is down.
     */
    ipvs: (node: string): IpvsEntry[] => this.proxyTelemetry(node)?.ipvs ?? [],
    /** What `ipvsadm -Ln` prints on the node ('' outside ipvs mode or while it is down). */
    ipvsadm: (node: string): string => this.proxyTelemetry(node)?.ipvsadm ?? '',
    /** What `iptables-save -t nat` prints on the node ('' while it is down). */
    iptables: (node: string): string => this.proxyTelemetry(node)?.iptablesSave ?? '',
    /** A node's kube-proxy telemetry: mode, syncs, cost figures, counters (null while it is down). */
    proxy: (node: string): KubeProxyTelemetry | null => this.proxyTelemetry(node),
    /**
     * What CoreDNS answers for `name` and `type` now (DESIGN.md's inspect.dns): the kubernetes plugin
     * over its informers' state, past the cache and loadbalance's shuffle. SERVFAIL with `error`
     * when no CoreDNS runs (the addon is off, or its process is down).
     */
    dns: (name: string, type: DnsType = 'A'): DnsInspection => {
      const p = this.sim.process<CorednsProcess>(corednsName);
      if (p) return p.inspect(name, type);
      const why = this.core.addonNames.includes(corednsName) ? 'coredns is not running' : 'this cluster has no CoreDNS (its addons leave it out)';
      return { rcode: 'SERVFAIL', answers: [], records: [], error: why };
    },
    /** A component's telemetry (controller-manager, scheduler, kubelet), null while it is down. */
    component: (name: string): Record<string, unknown> | null => (this.sim.process(name)?.telemetry?.() as Record<string, unknown> | undefined) ?? null,
  };

  /** Traffic from a node or a pod to a Service, through the source node's kube-proxy (DESIGN.md's traffic.send). */
  readonly traffic = {
    /**
     * Opens `requests` connections from `from` (a node, or `namespace/pod`) to `to` (`name:port` or
     * `ip:port`), advancing simulated time until every one has ended; counts them per real server.
     */
    send: async (req: TrafficRequest): Promise<TrafficResult> => {
      let result: TrafficResult | null = null;
      this.core.traffic(req, { onDone: (r) => (result = r) });
      const budgetMs = ((req.requests ?? 0) * 1000) / Math.max(0.001, req.ratePerSecond ?? 100) + 30_000;
      this.sim.runUntil(() => result !== null, budgetMs);
      return result ?? { ok: 0, failed: req.requests, byEndpoint: {}, errors: {}, error: 'no answer' };
    },
  };

  private proxyTelemetry(node: string): KubeProxyTelemetry | null {
    this.requireNode(node);
    return (this.sim.process(kubeProxyName(node))?.telemetry?.() as KubeProxyTelemetry | undefined) ?? null;
  }

  /** The apiservers' names (none in an etcd-only cluster). */
  get apiserverNames(): string[] {
    return this.core.apiserverNames;
  }

  /** The current leader's name, if exactly one live member leads in the highest term. */
  leader(): string | null {
    const live = this.inspect.raft().filter((r) => r.role !== 'down');
    const top = Math.max(0, ...live.map((r) => r.term));
    const leaders = live.filter((r) => r.role === 'leader' && r.term === top);
    return leaders.length === 1 ? leaders[0].id : null;
  }

  /** Every action so far and when (DESIGN.md's recording()). */
  recording(): Recording {
    return this.core.recording();
  }

  /** The hash of the history so far: every input every process received. */
  digest(): string {
    return this.sim.digest();
  }

  /** Takes one recorded step now (replay uses it; the verbs above go through it too). */
  step(verb: StepVerb, args: unknown[]): unknown {
    return this.core.take(verb, args);
  }

  private raftStatus(name: string): RaftStatus {
    return this.sim.process<EtcdMember>(name)?.raft.status() ?? raftStatusFromDisk(name, this.sim.disk(name));
  }

  private requireNode(name: string): string {
    if (!this.core.nodeNames.includes(name)) throw new Error(`no node named "${name}" (nodes: ${this.core.nodeNames.join(', ') || 'none'})`);
    return name;
  }

  private requireComponent(name: string): string {
    if (!this.core.controlPlaneNames.includes(name) && !this.core.addonNames.includes(name)) throw new Error(`no controller-manager, scheduler or addon named "${name}" (${[...this.core.controlPlaneNames, ...this.core.addonNames].join(', ') || 'none'})`);
    return name;
  }

  /** Adds a worker node (a new kubelet that registers itself); answers its name. */
  addNode(spec: NodeSpec = {}): string {
    const name = spec.name ?? this.core.nextNodeName();
    if (this.core.nodeNames.includes(name)) throw new Error(`a node named "${name}" already exists`);
    this.step('addNode', [name, nodeShape(spec)]);
    return name;
  }

  /**
   * Installs an addon into the running cluster: ingress-nginx (its process, then its manifest's
   * objects through kubectl apply, which this answers). Throws if it cannot (see addonProblem).
   */
  async installAddon(name: string): Promise<KubectlResult> {
    const problem = this.core.addonProblem(name);
    if (problem) throw new Error(problem);
    this.step('addAddon', [name]);
    return this.kubectl('apply -f -', ingressNginxManifest());
  }

  /** Worker nodes' names. */
  get nodeNames(): string[] {
    return this.core.nodeNames;
  }

  /** The scheduler that leads now (null when none does). */
  private leadingScheduler(): ElectedProcess | null {
    for (const n of this.core.controlPlaneNames) {
      if (!n.startsWith('kube-scheduler')) continue;
      const p = this.sim.process<ElectedProcess>(n);
      if (p?.leader.leading) return p;
    }
    return null;
  }

  private requireApiserver(name: string): string {
    if (!this.core.apiserverNames.includes(name)) throw new Error(`no kube-apiserver named "${name}" (apiservers: ${this.core.apiserverNames.join(', ') || 'none'})`);
    return name;
  }

  private requireMember(name: string): string {
    if (!this.etcdNames.includes(name)) throw new Error(`no etcd member named "${name}" (members: ${this.etcdNames.join(', ')})`);
    return name;
  }
}

/** kubectl's call options: `editor` is what `kubectl edit` opens (it gets the text, answers what was saved, null to quit). */
export interface KubectlCallOptions extends EtcdctlCallOptions {
  editor?: (text: string) => string | null;
}

/**
 * Builds a cluster (DESIGN.md's createCluster): etcd and, unless `controlPlane: false`, the
 * apiserver(s), kubectl, two leader-elected kube-controller-managers and kube-schedulers, a
 * kubelet per worker node, and the addons kubeadm installs (`addons`, by default CoreDNS and a
 * kube-proxy per node; [] for a bare cluster).
 */
export async function createCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const nodes = Array.isArray(opts.nodes) ? opts.nodes.length : (opts.nodes ?? 0);
  if (nodes > 0 && opts.controlPlane === false) throw new Error('createCluster: worker nodes need the control plane (controlPlane: false makes an etcd-only cluster)');
  return new Cluster({ ...opts, controlPlane: opts.controlPlane ?? true });
}

/** A new headless cluster that re-runs a recording (from either host) up to its end (DESIGN.md's replay). */
export async function replay(rec: Recording): Promise<Cluster> {
  // Recordings from before the control plane existed say nothing of it: they were etcd-only.
  const c = await createCluster({ ...rec.options, controlPlane: rec.options.controlPlane ?? false, seed: rec.seed });
  const runTo = (us: number) => c.sim.runFor((us - Math.round(c.sim.now() * US_PER_MS)) / US_PER_MS);
  for (const s of rec.steps) {
    runTo(s.atUs);
    c.step(s.verb, s.args);
  }
  runTo(rec.nowUs);
  return c;
}
