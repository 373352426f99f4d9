// The browser cluster the app drives: ClusterCore (the same cluster the headless API runs) over
// WorkerHost, with etcd members a Worker each and the etcd client behind the terminal on the main
// thread, plus the time controls and a snapshot stream for the canvas (the contract in ./types.ts).
// Every verb is a recorded step, so a session recorded here replays headless to the same digest.

import { ClusterCore, apiHttpRequest, defaultEpochMs, kubeProxyName, nodeShape, type ClusterOptions, type NodeSpec, type Recording } from '../cluster-core';
import { trafficKind, type TrafficRequest, type TrafficResult } from '../proxy/traffic';
import type { KubeProxyTelemetry } from '../proxy/server';
import { etcdClientKind } from '../etcd/server/client';
import { peerURL } from '../etcd/server/ids';
import { timingFor, type EtcdTiming } from '../etcd/server/timing';
import type { MemberTelemetry, Profile } from '../etcd';
import type { ProcessKind } from '../sim/env';
import type { NetworkOptions } from '../sim/network';
import type { RanRecord } from '../sim/trace';
import { downMemberView, liveMemberView } from './member-view';
import { spawnProcessWorker } from './spawn';
import { errorResult as fail, errorText, refreshEveryMs, type ApiServerView, type ClusterSnapshot, type CommandResult, type ComponentView, type MemberView, type ProxyView, type WireMessage } from './types';
import type { ApiServerTelemetry } from '../apiserver/server';
import type { HttpRequest } from '../apiserver/http';
import type { WorkloadView } from '../apiserver/workload-view';
import { kubectlKind } from '../kubectl/client';
import type { SchedulingInspection } from '../scheduler/schedule-one';
import { isDNS1123Subdomain } from '../api/validation/names';
import { parseQuantity, type Quantity } from '../api/quantity';
import type { WorkerLike } from './worker-handle';
import { WorkerHost } from './worker-host';
import { ingressNginxManifest } from '../ingress/addon';

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
  /** Builds a Worker for a pool (a member's own); tests pass in-thread stand-ins. */
  spawn?: (pool: string) => WorkerLike;
  /** Re-run this recording (from either host) before going live; its options win over the ones above. */
  replay?: Recording;
  /** Start kube-apiserver and kubectl beside etcd (default: etcd only). */
  controlPlane?: boolean;
  /** Worker nodes to start with (control plane only). */
  nodes?: number;
  /** Addons as kubeadm installs them (default 'coredns' and 'kube-proxy'); [] for a bare cluster. */
  addons?: string[];
}

/** Per-call options of BrowserCluster.etcdctl. */
export interface EtcdctlRunOptions {
  /** Streamed output (watch, lease keep-alive), as it is printed. */
  onStdout?: (chunk: string) => void;
  /** Standard error as it is printed. */
  onStderr?: (chunk: string) => void;
  /** Ctrl-C: ends a streaming command, or abandons a waiting one. */
  signal?: AbortSignal;
  /**
   * kubectl only: the editor `kubectl edit` opens (its $EDITOR). It gets the text kubectl wrote to
   * the temporary file and answers what was saved, or null when the person quit without saving.
   */
  editor?: (text: string) => Promise<string | null>;
}

/** The cluster as the UI sees it: the verbs of the headless cluster plus time controls and snapshots. */
export interface BrowserCluster {
  /** Calls `fn` with a snapshot now and after every change, at most once per animation frame; returns unsubscribe. */
  subscribe(fn: (s: ClusterSnapshot) => void): () => void;
  /** The state right now (messages: none). */
  snapshot(): ClusterSnapshot;
  /** Runs an etcdctl v3 command line against the cluster, as the real tool would print it. */
  etcdctl(commandLine: string, stdin?: string, opts?: EtcdctlRunOptions): Promise<CommandResult>;
  /** Runs a kubectl command line against the apiserver (an error result in an etcd-only session). */
  kubectl(commandLine: string, stdin?: string, opts?: EtcdctlRunOptions): Promise<CommandResult>;
  /** One raw request to the apiserver with kubectl's credentials, answered as (status, body), as the headless `api`. */
  api(method: HttpRequest['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string; error?: string }>;
  /**
   * Sends traffic from a node or a pod to `to` (a name cluster DNS resolves, or an IP, with a port),
   * through the source node's kube-proxy, as DESIGN.md's traffic.send; a recorded step.
   */
  sendTraffic(req: TrafficRequest): Promise<TrafficResult>;
  /** Starts a worker node (node-N unless the spec names it): its kubelet registers the Node. */
  addNode(spec?: NodeSpec): Promise<CommandResult>;
  /** Installs an addon (ingress-nginx) into the running cluster: its process, then its objects by kubectl apply, whose result this is. */
  installAddon(name: string): Promise<CommandResult>;
  /** Kills / restarts a control-plane process (a kube-apiserver); etcd members have their own verbs. */
  killProcess(name: string): Promise<CommandResult>;
  restartProcess(name: string): Promise<CommandResult>;
  /** Crashes a member: its Worker is terminated, its disk kept. An error result if it is already down. */
  killEtcd(name: string): Promise<CommandResult>;
  /** Restarts a crashed member in a fresh Worker from its disk. An error result if it is up. */
  restartEtcd(name: string): Promise<CommandResult>;
  /** `etcdctl member add etcd-N`, then starts etcd-N with --initial-cluster-state=existing. */
  addEtcdMember(): Promise<CommandResult>;
  /** `etcdctl member remove <id>`; the member stops once it applies its removal. */
  removeEtcdMember(name: string): Promise<CommandResult>;
  /** Cuts the link between two processes (an error result if either is unknown); taken in order with the other verbs. */
  cutLink(a: string, b: string): Promise<CommandResult>;
  restoreLink(a: string, b: string): Promise<CommandResult>;
  /** Cuts every link between different groups (members in no group keep theirs). */
  partition(groups: string[][]): Promise<CommandResult>;
  heal(): Promise<CommandResult>;
  pause(): void;
  resume(): void;
  /** Pauses and runs the next pending event. */
  /** Pauses and runs the next instant anything is due; answers what ran. */
  step(): Promise<RanRecord[]>;
  /** Simulated seconds per wall second, clamped to 0.1–100. */
  setSpeed(x: number): void;
  /**
   * The share of wall time the clock may take while it is behind its pace (0.1–1; 1 by default):
   * below 1 it rests between bursts of ticks, so that the page keeps drawing and the simulated
   * clock slows instead (see WorkerHostOptions.cpuShare). The history does not change.
   */
  setCpuShare(share: number): void;
  /** Every action of the session so far and when, with the digest (taken between ticks): download it, replay it headless. */
  recording(): Promise<Recording>;
  /** The hash of the history so far (equal to a headless replay's at the same time), taken between ticks. */
  digest(): Promise<string>;
  /** Where each process runs: 'main' or the Worker that holds it. */
  placement(): { process: string; worker: string }[];
  /** The runtime's counters so far: lockstep ticks, Worker ticks, messages routed, of them sent Worker to Worker, and rests (benchmarks read these). */
  runtimeStats(): Promise<RuntimeStats>;
  /** Terminates every Worker; safe to call twice. */
  dispose(): void;
}

/** WorkerHost's counters (engine/workers/worker-host.ts stats). */
export type RuntimeStats = WorkerHost['stats'];

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

/** What a Runtime reports a process is waiting for (engine/sim/runtime.ts pending()). */
type PendingWork = { timers: { atMs: number; tag: unknown }[]; streams: unknown[]; requests: unknown[] };

/** Most wire messages per snapshot: more than a canvas can animate in one frame. */
/** Wall ms kubectl waits at most for the control plane's first bootstrap (see afterInit). */
const initWaitMs = 30_000;
const messagesPerSnapshot = 2000;

const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });

/** The options a recording carries for a browser session. */
function clusterOptions(opts: BrowserClusterOptions): ClusterOptions {
  if (opts.replay) return structuredClone(opts.replay.options);
  return { seed: opts.seed, etcdMembers: opts.etcdMembers, controlPlane: opts.controlPlane ?? false, profile: opts.profile, ...(opts.network ? { network: opts.network } : {}), ...(opts.controlPlane && opts.nodes ? { nodes: opts.nodes } : {}), ...(opts.addons ? { addons: [...opts.addons] } : {}) };
}

class EtcdBrowserCluster implements BrowserCluster {
  private readonly host: WorkerHost;
  private readonly core: ClusterCore<WorkerHost>;
  /** Removed members whose Worker is being ended. */
  private readonly stopping = new Set<string>();
  private readonly lastSeen = new Map<string, MemberTelemetry>();
  private readonly subscribers = new Set<(s: ClusterSnapshot) => void>();
  private messages: WireMessage[] = [];
  private frame: { raf: number | null; timer: ReturnType<typeof setTimeout> } | null = null;
  /** Membership changes run one at a time (two `member add`s must not pick the same name). */
  private membership: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** An apiserver has finished bootstrapping once (see afterInit). */
  private initDone = false;
  private readonly initWaiters: (() => void)[] = [];

  constructor(private readonly opts: BrowserClusterOptions) {
    const options = clusterOptions(opts);
    const timing: EtcdTiming = { ...timingFor(options.profile ?? 'fast'), ...options.etcd };
    this.host = new WorkerHost({
      seed: options.seed ?? 1,
      network: options.network,
      speed: clampSpeed(opts.speed ?? 1),
      spawn: opts.spawn ?? spawnProcessWorker,
      kinds: [etcdClientKind as ProcessKind<never>, kubectlKind as ProcessKind<never>, trafficKind as ProcessKind<never>],
    });
    this.core = new ClusterCore(this.host, options, timing, options.epochMs ?? defaultEpochMs);
    this.host.subscribe((e) => {
      if (e.wire.length) {
        this.messages.push(...e.wire);
        if (this.messages.length > 2 * messagesPerSnapshot) this.messages = this.messages.slice(-messagesPerSnapshot);
      }
      this.noteTelemetry();
      this.noteInit();
      this.host.setTelemetryEvery(refreshEveryMs(this.core.nodeNames.length));
      this.schedule();
    });
  }

  /** Boots the initial members at simulated time 0, re-runs a recording if given, then lets the clock run. */
  async start(): Promise<void> {
    await this.core.start();
    const rec = this.opts.replay;
    if (rec) {
      const runTo = (us: number) => this.host.runFor(Math.max(0, us - this.host.now() * 1000) / 1000);
      for (const s of rec.steps) {
        await runTo(s.atUs);
        await this.core.take(s.verb, s.args);
      }
      await runTo(rec.nowUs);
      // Telemetry is sampled at most 30 times a second: the picture at the end of a replay must be current.
      await this.host.refreshTelemetry();
    }
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
      members: this.core.etcdNames.map((n) => this.memberView(n)),
      cutLinks: this.host.cutLinks(),
      messages: [],
      apiservers: this.core.apiserverNames.map((n) => this.apiserverView(n)),
      components: this.core.controlPlaneNames.map((n) => this.componentView(n)),
      nodeProcesses: this.core.nodeNames.map((name) => ({ name, up: this.host.isUp(name) })),
      addons: this.core.addonNames.map((name) => ({ name, up: this.host.isUp(name) })),
      workloads: this.workloads(),
      ...this.scheduling(),
      proxies: this.proxies(),
    };
  }

  kubectl(commandLine: string, stdin?: string, opts: EtcdctlRunOptions = {}): Promise<CommandResult> {
    if (this.disposed) return Promise.resolve(fail('the cluster was disposed'));
    if (this.core.apiserverNames.length === 0) return Promise.resolve({ code: 1, stdout: '', stderr: 'error: this session has no control plane (it was started etcd-only): kubectl has nothing to talk to\n' });
    if (!this.initDone) return this.afterInit().then(() => this.kubectl(commandLine, stdin, opts));
    return new Promise<CommandResult>((resolve) => {
      const editor = opts.editor;
      const onEdit = editor
        ? (text: string) => {
            // What the person saved (or null: quit) goes back as a recorded step, as a replay needs it.
            void editor(text)
              .catch(() => null)
              .then((saved) => !this.disposed && (this.core.take('kubectlEdited', [id, saved]) as Promise<unknown>).catch(() => {}));
          }
        : undefined;
      const { id, taken } = this.core.kubectl(commandLine, stdin, { onStdout: opts.onStdout, onStderr: opts.onStderr, onDone: resolve, ...(onEdit ? { onEdit } : {}) });
      (taken as Promise<unknown>).catch((e: unknown) => resolve(fail(errorText(e))));
      const onAbort = () => void (this.core.take('interruptKubectl', [id]) as Promise<unknown>).catch(() => {});
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  api(method: HttpRequest['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string; error?: string }> {
    if (this.disposed) return Promise.resolve({ status: 0, body: '', error: 'the cluster was disposed' });
    if (this.core.apiserverNames.length === 0) return Promise.resolve({ status: 0, body: '', error: 'this session has no control plane' });
    return new Promise((resolve) => {
      const { taken } = this.core.apiRequest(apiHttpRequest(method, url, body, headers), { onDone: (r) => resolve({ status: r.code, body: r.stdout, ...(r.stderr ? { error: r.stderr } : {}) }) });
      (taken as Promise<unknown>).catch((e: unknown) => resolve({ status: 0, body: '', error: errorText(e) }));
    });
  }

  etcdctl(commandLine: string, stdin?: string, opts: EtcdctlRunOptions = {}): Promise<CommandResult> {
    if (this.disposed) return Promise.resolve(fail('the cluster was disposed'));
    return new Promise<CommandResult>((resolve) => {
      const { id, taken } = this.core.etcdctl(commandLine, stdin, { onStdout: opts.onStdout, onStderr: opts.onStderr, onDone: resolve });
      (taken as Promise<unknown>).catch((e: unknown) => resolve(fail(errorText(e))));
      const onAbort = () => void (this.core.take('interrupt', [id]) as Promise<unknown>).catch(() => {});
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  sendTraffic(req: TrafficRequest): Promise<TrafficResult> {
    const refused = (error: string): TrafficResult => ({ ok: 0, failed: 0, byEndpoint: {}, errors: {}, error });
    if (this.disposed) return Promise.resolve(refused('the cluster was disposed'));
    return new Promise<TrafficResult>((resolve) => {
      try {
        const { taken } = this.core.traffic(req, { onDone: resolve });
        (taken as Promise<unknown>).catch((e: unknown) => resolve(refused(errorText(e))));
      } catch (e) {
        resolve(refused(errorText(e)));
      }
    });
  }

  addNode(spec: NodeSpec = {}): Promise<CommandResult> {
    if (this.disposed) return Promise.resolve(fail('the cluster was disposed'));
    if (this.core.apiserverNames.length === 0) return Promise.resolve(fail('worker nodes need the control plane: this session was started etcd-only'));
    return this.serialize(async () => {
      const name = spec.name?.trim() || this.core.nextNodeName();
      const bad = nodeSpecProblem(name, spec);
      if (bad) return fail(bad);
      if (this.core.nodeNames.includes(name) || this.host.has(name)) return fail(`a node named "${name}" already exists`);
      try {
        await this.core.take('addNode', [name, nodeShape(spec)]);
      } catch (e) {
        return fail(`${name} did not start: ${errorText(e)}`);
      }
      return ok(`${name} started: its kubelet registers the Node\n`);
    });
  }

  installAddon(name: string): Promise<CommandResult> {
    if (this.disposed) return Promise.resolve(fail('the cluster was disposed'));
    return this.serialize(async () => {
      const problem = this.core.addonProblem(name);
      if (problem) return fail(problem);
      try {
        await this.core.take('addAddon', [name]);
      } catch (e) {
        return fail(`${name} did not start: ${errorText(e)}`);
      }
      return this.kubectl('apply -f -', ingressNginxManifest());
    });
  }

  /** Processes the kill/restart verbs take: apiservers, controller-managers, schedulers and nodes. */
  private isProcess(name: string): boolean {
    return this.core.apiserverNames.includes(name) || this.core.controlPlaneNames.includes(name) || this.core.nodeNames.includes(name) || this.core.addonNames.includes(name);
  }

  async killProcess(name: string): Promise<CommandResult> {
    if (!this.isProcess(name)) return fail(`no control-plane process or node named "${name}"`);
    try {
      if (!(await this.core.take('kill', [name]))) return fail(`${name} is not running`);
      return ok(`${name} killed: its worker was terminated\n`);
    } catch (e) {
      return fail(errorText(e));
    }
  }

  async restartProcess(name: string): Promise<CommandResult> {
    if (!this.isProcess(name)) return fail(`no control-plane process or node named "${name}"`);
    try {
      if (!(await this.core.take('restart', [name]))) return fail(`${name} is already running`);
      return ok(`${name} restarted in a new worker\n`);
    } catch (e) {
      return fail(`${name} did not start: ${errorText(e)}`);
    }
  }

  async killEtcd(name: string): Promise<CommandResult> {
    const bad = this.checkMember(name);
    if (bad) return bad;
    try {
      if (!(await this.core.take('killEtcd', [name]))) return fail(`${name} is not running`);
      return ok(`${name} killed: its worker was terminated, its disk is kept\n`);
    } catch (e) {
      return fail(errorText(e));
    }
  }

  async restartEtcd(name: string): Promise<CommandResult> {
    const bad = this.checkMember(name);
    if (bad) return bad;
    try {
      if (!(await this.core.take('restartEtcd', [name]))) return fail(`${name} is already running`);
      return ok(`${name} restarted from its disk in a new worker\n`);
    } catch (e) {
      return fail(`${name} did not start: ${errorText(e)}`);
    }
  }

  addEtcdMember(): Promise<CommandResult> {
    return this.serialize(async () => {
      const name = this.core.nextMemberName();
      const res = await this.etcdctl(`member add ${name} --peer-urls=${peerURL(name)}`);
      if (res.code !== 0) return res;
      try {
        await this.core.take('startMember', [name, [...this.core.memberEndpoints(), name]]);
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
        await this.core.take('forgetMember', [name]);
        this.schedule();
      }
      return res;
    });
  }

  cutLink(a: string, b: string): Promise<CommandResult> {
    return this.linkChange(() => this.core.take('cutLink', [a, b]), `cut the link between ${a} and ${b}`, [a, b]);
  }
  restoreLink(a: string, b: string): Promise<CommandResult> {
    return this.linkChange(() => this.core.take('restoreLink', [a, b]), `restored the link between ${a} and ${b}`, [a, b]);
  }
  partition(groups: string[][]): Promise<CommandResult> {
    const text = groups.map((g) => `[${g.join(' ')}]`).join(' | ');
    return this.linkChange(() => this.core.take('partition', [groups]), `partitioned ${text}`, groups.flat());
  }
  heal(): Promise<CommandResult> {
    return this.linkChange(() => this.core.take('heal', []), 'every link restored', []);
  }

  pause(): void {
    if (!this.disposed) this.host.pause();
  }
  resume(): void {
    if (!this.disposed) this.host.resume();
  }
  step(): Promise<RanRecord[]> {
    return this.disposed ? Promise.resolve([]) : this.host.step();
  }
  setCpuShare(share: number): void {
    if (!this.disposed) this.host.setCpuShare(Math.min(1, Math.max(0.1, Number.isFinite(share) ? share : 1)));
  }
  setSpeed(x: number): void {
    if (!this.disposed) this.host.setSpeed(clampSpeed(x));
  }

  recording(): Promise<Recording> {
    return this.host.act(() => this.core.recording());
  }
  digest(): Promise<string> {
    return this.host.act(() => this.host.digest());
  }
  runtimeStats(): Promise<RuntimeStats> {
    return Promise.resolve({ ...this.host.stats });
  }

  placement(): { process: string; worker: string }[] {
    return this.host.ids().map((id) => ({ process: id, worker: this.host.placementOf(id)! }));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host.dispose();
    this.markInit();
    this.subscribers.clear();
    if (this.frame) {
      if (this.frame.raf !== null) cancelAnimationFrame(this.frame.raf);
      clearTimeout(this.frame.timer);
      this.frame = null;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private apiserverView(name: string): ApiServerView {
    const up = this.host.isUp(name);
    const t = up ? (this.host.telemetry(name) as ApiServerTelemetry | undefined) : undefined;
    return { name, up, ready: (t?.ready && t.bootstrapped) ?? false, revision: t?.revision ?? 0, objects: t?.objects ?? 0, watchers: t?.watchers ?? 0, served: t?.served ?? 0, recent: t?.recent ?? [], catalog: t?.catalog ?? [] };
  }

  private componentView(name: string): ComponentView {
    const up = this.host.isUp(name);
    const t = up ? (this.host.telemetry(name) as { leading?: boolean; holder?: string } | undefined) : undefined;
    return { name, kind: name.startsWith('kube-scheduler') ? 'kube-scheduler' : 'kube-controller-manager', up, leading: t?.leading ?? false, holder: t?.holder ?? '' };
  }

  /** Each node's kube-proxy: its mode and tables, as `ipvsadm -Ln` and `iptables-save` print them. */
  private proxies(): Record<string, ProxyView> | undefined {
    let out: Record<string, ProxyView> | undefined;
    for (const node of this.core.nodeNames) {
      const id = kubeProxyName(node);
      if (!this.host.has(id)) continue;
      const up = this.host.isUp(id);
      const t = up ? (this.host.telemetry(id) as KubeProxyTelemetry | undefined) : undefined;
      (out ??= {})[node] = t
        ? { up, mode: t.mode, scheduler: t.scheduler, configError: t.configError, ipvsadm: t.ipvsadm, iptablesSave: t.iptablesSave, perPacket: t.perPacket, lastSync: t.lastSync, syncs: t.syncs, servicePorts: t.servicePorts, endpoints: t.endpoints }
        : { up, mode: null, scheduler: null, configError: '', ipvsadm: '', iptablesSave: '', perPacket: null, lastSync: null, syncs: 0, servicePorts: 0, endpoints: 0 };
    }
    return out;
  }

  /** The leading scheduler's last cycle per pod ("why this node?"). */
  private scheduling(): Pick<ClusterSnapshot, 'scheduling' | 'scoreWeights'> {
    for (const n of this.core.controlPlaneNames) {
      if (!n.startsWith('kube-scheduler') || !this.host.isUp(n)) continue;
      const t = this.host.telemetry(n) as { leading?: boolean; scheduling?: Record<string, SchedulingInspection>; weights?: Record<string, number> } | undefined;
      if (t?.leading && t.scheduling) return { scheduling: t.scheduling, scoreWeights: t.weights };
    }
    return {};
  }

  /** Nodes and pods from the first ready apiserver (each one's cache is the same cluster). */
  private workloads(): WorkloadView | undefined {
    for (const n of this.core.apiserverNames) {
      if (!this.host.isUp(n)) continue;
      const t = this.host.telemetry(n) as ApiServerTelemetry | undefined;
      if (t?.ready && t.workloads) return t.workloads;
    }
    return undefined;
  }

  private memberView(name: string): MemberView {
    const t = this.host.telemetry(name) as MemberTelemetry | undefined;
    const removed = this.core.isRemoved(name);
    const view = t && this.host.isUp(name) ? liveMemberView(t, removed) : downMemberView(name, this.host.disk(name), this.lastSeen.get(name), removed, this.host.lastError(name));
    view.worker = this.host.placementOf(name);
    const p = this.host.pending(name) as PendingWork | null;
    if (p) view.pending = { timers: p.timers.map((x) => ({ tag: typeof x.tag === 'string' ? x.tag : JSON.stringify(x.tag), atMs: x.atMs })), streams: p.streams.length, requests: p.requests.length };
    return view;
  }

  /**
   * Remembers each live member's telemetry (a dead member is drawn from it), and ends the Worker of a
   * member that applied its own removal: etcd stops such a member. That kill is a step like any other.
   */
  /**
   * Until an apiserver has written its bootstrap policy (kubeadm init has not finished: the admin's
   * ClusterRoleBinding may not exist yet), kubectl waits for it instead of being refused, as no one
   * holds admin.conf before `kubeadm init` returns. Past `initWaitMs` (a control plane that cannot
   * come up, a paused clock) the command goes anyway, and the apiserver answers what it answers.
   */
  private afterInit(): Promise<void> {
    return new Promise((resolve) => {
      // Past the wait every held command goes, not only this one.
      const timer = setTimeout(() => this.markInit(), initWaitMs);
      this.initWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      if (this.host.paused) this.markInit();
    });
  }

  private noteInit(): void {
    if (this.initDone) return;
    for (const n of this.core.apiserverNames) {
      const t = this.host.telemetry(n) as ApiServerTelemetry | undefined;
      if (t?.ready && t.bootstrapped) return this.markInit();
    }
  }

  private markInit(): void {
    this.initDone = true;
    for (const w of this.initWaiters.splice(0)) w();
  }

  private noteTelemetry(): void {
    for (const name of this.core.etcdNames) {
      const t = this.host.telemetry(name) as MemberTelemetry | undefined;
      if (!t || !this.host.isUp(name)) continue;
      this.lastSeen.set(name, t);
      if (t.removed && !this.stopping.has(name)) {
        this.stopping.add(name);
        void (async () => {
          if (!this.core.isRemoved(name)) await this.core.take('forgetMember', [name]);
          await this.core.take('killEtcd', [name]);
        })().catch(() => {});
      }
    }
  }

  /** A member's id as the cluster lists it (a member learns its own id only once it has caught up). */
  private async lookUpMemberId(name: string): Promise<string | null> {
    // The simple format prints ids in hex ("8e9e05c52164694d, started, etcd-3, http://etcd-3:2380, …"):
    // no 64-bit id goes through a JavaScript number.
    const res = await this.etcdctl('member list');
    if (res.code !== 0) return null;
    const line = res.stdout.split('\n').find((l) => l.split(', ')[3] === peerURL(name));
    return line ? line.split(', ')[0] : null;
  }

  private checkMember(name: string): CommandResult | null {
    if (this.disposed) return fail('the cluster was disposed');
    if (!this.core.etcdNames.includes(name)) return fail(`no etcd member named "${name}" (members: ${this.core.etcdNames.join(', ')})`);
    if (this.core.isRemoved(name)) return fail(`${name} was removed from the cluster`);
    return null;
  }

  /** Checks the names now and queues the change behind the verbs taken before it; answers once it is taken. */
  private async linkChange(change: () => unknown, done: string, names: string[]): Promise<CommandResult> {
    if (this.disposed) return fail('the cluster was disposed');
    const unknown = names.filter((n) => !this.host.has(n));
    if (unknown.length) return fail(`no process named ${unknown.map((n) => `"${n}"`).join(', ')}`);
    try {
      await change();
    } catch (e) {
      return fail(errorText(e));
    }
    return ok(`${done}\n`);
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

/** Why a node spec cannot start a kubelet (the apiserver would refuse its Node), or null. */
export function nodeSpecProblem(name: string, spec: NodeSpec): string | null {
  const nameErrs = isDNS1123Subdomain(name);
  if (nameErrs.length) return `Node "${name}" is invalid: metadata.name: Invalid value: "${name}": ${nameErrs.join(', ')}`;
  for (const [field, v] of [['cpu', spec.cpu], ['memory', spec.memory]] as const) {
    if (v === undefined) continue;
    let q: Quantity;
    try {
      q = parseQuantity(v);
    } catch {
      return `invalid ${field} "${v}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`;
    }
    if (q.sign() <= 0) return `invalid ${field} "${v}": a node's capacity must be positive`;
  }
  if (spec.pods !== undefined && (!Number.isInteger(spec.pods) || spec.pods < 1 || spec.pods > 10000)) return `invalid pods "${spec.pods}": between 1 and 10000`;
  return null;
}

function clampSpeed(x: number): number {
  return Number.isFinite(x) ? Math.min(100, Math.max(0.1, x)) : 1;
}
