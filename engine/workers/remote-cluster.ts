// The browser cluster as the page holds it: a façade over the cluster Worker (cluster-service.ts),
// which runs WorkerHost's clock, ClusterCore and the terminal's clients and spawns the process
// Workers itself. So the page thread only renders: a busy canvas can no longer hold up a tick, and
// a busy cluster can no longer drop a frame. The same BrowserCluster contract as the in-page one
// (browser-cluster.ts), which the Worker runs; the page keeps the latest picture for `snapshot()`.

import * as Comlink from 'comlink';
import type { NodeSpec, Recording } from '../cluster-core';
import type { HttpRequest } from '../apiserver/http';
import type { TrafficRequest, TrafficResult } from '../proxy/traffic';
import type { RanRecord } from '../sim/trace';
import type { BrowserCluster, BrowserClusterOptions, EtcdctlRunOptions, RuntimeStats } from './browser-cluster';
import type { ClusterEvent, ClusterService, FrameEvent, RemoteClusterOptions, Reply } from './cluster-protocol';
import { spawnClusterWorker } from './spawn-cluster';
import { errorResult as fail, errorText, type ClusterSnapshot, type CommandResult } from './types';
import { describeWorkerError, type WorkerLike } from './worker-handle';

/** Wall ms the cluster Worker may take to load and start its cluster before it is given up on. */
const startTimeoutMs = 60_000;


/** Starts a browser cluster in a Worker of its own; resolves once it runs and its first picture arrived. */
export async function createRemoteCluster(opts: BrowserClusterOptions, spawn: () => WorkerLike = spawnClusterWorker): Promise<BrowserCluster> {
  const aborted = () => new DOMException('createBrowserCluster was aborted', 'AbortError');
  if (opts.signal?.aborted) throw aborted();
  const c = new RemoteCluster(spawn());
  const abort = () => c.dispose();
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    await c.start(opts);
    if (opts.signal?.aborted) throw aborted();
    return c;
  } catch (e) {
    c.dispose();
    opts.signal?.removeEventListener('abort', abort);
    throw opts.signal?.aborted ? aborted() : e;
  }
}

/** A command the Worker runs, until its end arrives. */
interface RunningCommand {
  resolve(r: CommandResult): void;
  opts: EtcdctlRunOptions;
}

class RemoteCluster implements BrowserCluster {
  private readonly remote: Comlink.Remote<ClusterService>;
  private readonly events: MessagePort;
  /** The Worker's end of the event port, until `start` hands it over. */
  private readonly portForWorker: MessagePort;
  private readonly dead: Promise<never>;
  private markDead!: (e: Error) => void;
  private deathReason: string | null = null;
  private readonly subscribers = new Set<(s: ClusterSnapshot) => void>();
  private readonly running = new Map<number, RunningCommand>();
  private nextCall = 1;
  private picture: ClusterSnapshot | null = null;
  private clock = { now: 0, paused: true, speed: 1 };
  private where: { process: string; worker: string }[] = [];
  private firstPicture!: () => void;
  private readonly pictured = new Promise<void>((resolve) => (this.firstPicture = resolve));
  private readonly onError = (ev: Event) => this.die(describeWorkerError(ev, 'cluster Worker'));
  /** Events received so far, and the answers waiting for more (see Reply). */
  private received = 0;
  private caughtUp: { events: number; resolve(): void }[] = [];

  constructor(private readonly worker: WorkerLike) {
    this.remote = Comlink.wrap<ClusterService>(worker);
    this.dead = new Promise<never>((_, reject) => (this.markDead = reject));
    this.dead.catch(() => {}); // observed through call()
    worker.addEventListener('error', this.onError);
    worker.addEventListener('messageerror', this.onError);
    const { port1, port2 } = new MessageChannel();
    this.events = port1;
    port1.addEventListener('message', (ev: MessageEvent<ClusterEvent>) => this.receive(ev.data));
    port1.start();
    this.portForWorker = port2;
  }

  async start(opts: BrowserClusterOptions): Promise<void> {
    const { signal: _signal, spawn: _spawn, ...plain } = opts;
    const options: RemoteClusterOptions = plain;
    const timer = setTimeout(() => this.die(`the cluster Worker did not start within ${startTimeoutMs} ms`), startTimeoutMs);
    try {
      await this.call((r) => r.ping());
      const port = this.portForWorker;
      await this.call((r) => r.start(options, Comlink.transfer(port, [port])));
      await Promise.race([this.pictured, this.dead]);
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- the picture ----------------------------------------------------------------------------

  subscribe(fn: (s: ClusterSnapshot) => void): () => void {
    this.subscribers.add(fn);
    fn(this.snapshot());
    return () => void this.subscribers.delete(fn);
  }

  snapshot(): ClusterSnapshot {
    if (!this.picture) throw new Error('the cluster has not started');
    return { ...this.picture, ...this.clock, messages: [] };
  }

  placement(): { process: string; worker: string }[] {
    return this.where;
  }

  private receive(e: ClusterEvent): void {
    if (this.deathReason !== null) return;
    this.received++;
    if (this.caughtUp.length) {
      const ready = this.caughtUp.filter((w) => w.events <= this.received);
      this.caughtUp = this.caughtUp.filter((w) => w.events > this.received);
      // After this event is taken in, so that the answer sees it.
      queueMicrotask(() => ready.forEach((w) => w.resolve()));
    }
    switch (e.t) {
      case 'frame':
        return this.frame(e);
      case 'output': {
        const opts = this.running.get(e.call)?.opts;
        (e.stream === 'stdout' ? opts?.onStdout : opts?.onStderr)?.(e.chunk);
        return;
      }
      case 'done': {
        const cmd = this.running.get(e.call);
        this.running.delete(e.call);
        cmd?.resolve(e.result);
        return;
      }
      case 'edit': {
        const editor = this.running.get(e.call)?.opts.editor;
        const saved = editor ? editor(e.text).catch(() => null) : Promise.resolve(null);
        void saved.then((text) => this.call((r) => r.edited(e.call, e.edit, text)).catch(() => {}));
        return;
      }
    }
  }

  private frame(f: FrameEvent): void {
    this.clock = { now: f.now, paused: f.paused, speed: f.speed };
    if (f.placement) this.where = f.placement;
    if (f.snapshot) {
      const first = !this.picture;
      this.picture = f.snapshot;
      if (first) this.firstPicture();
    }
    if (!this.picture) return;
    const s: ClusterSnapshot = { ...this.picture, ...this.clock, messages: f.messages };
    for (const fn of this.subscribers) fn(s);
  }

  // ---- verbs -----------------------------------------------------------------------------------

  kubectl(commandLine: string, stdin?: string, opts: EtcdctlRunOptions = {}): Promise<CommandResult> {
    return this.run('kubectl', commandLine, stdin, opts);
  }
  etcdctl(commandLine: string, stdin?: string, opts: EtcdctlRunOptions = {}): Promise<CommandResult> {
    return this.run('etcdctl', commandLine, stdin, opts);
  }

  private run(tool: 'kubectl' | 'etcdctl', commandLine: string, stdin: string | undefined, opts: EtcdctlRunOptions): Promise<CommandResult> {
    if (this.deathReason !== null) return Promise.resolve(fail(this.deathReason));
    const call = this.nextCall++;
    return new Promise<CommandResult>((resolve) => {
      this.running.set(call, { resolve, opts });
      const sinks = { stdout: !!opts.onStdout, stderr: !!opts.onStderr, editor: !!opts.editor };
      this.call((r) => r.run(tool, call, commandLine, stdin, sinks)).catch((e: unknown) => {
        this.running.delete(call);
        resolve(fail(errorText(e)));
      });
      const onAbort = () => void this.call((r) => r.interrupt(call)).catch(() => {});
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  api(method: HttpRequest['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string; error?: string }> {
    return this.ask((r) => r.api(method, url, body, headers)).catch((e: unknown) => ({ status: 0, body: '', error: errorText(e) }));
  }
  sendTraffic(req: TrafficRequest): Promise<TrafficResult> {
    return this.ask((r) => r.sendTraffic(req)).catch((e: unknown) => ({ ok: 0, failed: 0, byEndpoint: {}, errors: {}, error: errorText(e) }));
  }
  addNode(spec: NodeSpec = {}): Promise<CommandResult> {
    return this.verb((r) => r.addNode(spec));
  }
  installAddon(name: string): Promise<CommandResult> {
    return this.verb((r) => r.installAddon(name));
  }
  killProcess(name: string): Promise<CommandResult> {
    return this.verb((r) => r.killProcess(name));
  }
  restartProcess(name: string): Promise<CommandResult> {
    return this.verb((r) => r.restartProcess(name));
  }
  killEtcd(name: string): Promise<CommandResult> {
    return this.verb((r) => r.killEtcd(name));
  }
  restartEtcd(name: string): Promise<CommandResult> {
    return this.verb((r) => r.restartEtcd(name));
  }
  addEtcdMember(): Promise<CommandResult> {
    return this.verb((r) => r.addEtcdMember());
  }
  removeEtcdMember(name: string): Promise<CommandResult> {
    return this.verb((r) => r.removeEtcdMember(name));
  }
  cutLink(a: string, b: string): Promise<CommandResult> {
    return this.verb((r) => r.cutLink(a, b));
  }
  restoreLink(a: string, b: string): Promise<CommandResult> {
    return this.verb((r) => r.restoreLink(a, b));
  }
  partition(groups: string[][]): Promise<CommandResult> {
    return this.verb((r) => r.partition(groups));
  }
  heal(): Promise<CommandResult> {
    return this.verb((r) => r.heal());
  }

  pause(): void {
    void this.ask((r) => r.pause()).catch(() => {});
  }
  resume(): void {
    void this.ask((r) => r.resume()).catch(() => {});
  }
  setSpeed(x: number): void {
    void this.ask((r) => r.setSpeed(x)).catch(() => {});
  }
  setCpuShare(share: number): void {
    void this.ask((r) => r.setCpuShare(share)).catch(() => {});
  }
  step(): Promise<RanRecord[]> {
    return this.ask((r) => r.step()).catch(() => []);
  }
  recording(): Promise<Recording> {
    return this.ask((r) => r.recording());
  }
  digest(): Promise<string> {
    return this.ask((r) => r.digest());
  }
  runtimeStats(): Promise<RuntimeStats> {
    return this.ask((r) => r.runtimeStats());
  }

  dispose(): void {
    if (this.deathReason !== null) return;
    void this.remote.dispose().catch(() => {});
    this.die('the cluster was disposed');
  }

  // ---- plumbing --------------------------------------------------------------------------------

  /** A verb's value, once the events the Worker sent before answering have arrived (see Reply). */
  private async ask<T>(fn: (remote: Comlink.Remote<ClusterService>) => Promise<Reply<T>>): Promise<T> {
    const { value, events } = await this.call(fn);
    if (this.received < events) await Promise.race([new Promise<void>((resolve) => this.caughtUp.push({ events, resolve })), this.dead]);
    return value;
  }

  /** A call that rejects as soon as the Worker is gone, whatever Comlink is still waiting for. */
  private call<T>(fn: (remote: Comlink.Remote<ClusterService>) => Promise<T>): Promise<T> {
    if (this.deathReason !== null) return Promise.reject(new Error(this.deathReason));
    return Promise.race([fn(this.remote), this.dead]);
  }

  /** A verb answered with a CommandResult, an error result when the Worker cannot answer. */
  private verb(fn: (remote: Comlink.Remote<ClusterService>) => Promise<Reply<CommandResult>>): Promise<CommandResult> {
    return this.ask(fn).catch((e: unknown) => fail(errorText(e)));
  }

  /** The Worker is gone (disposed, failed to load, crashed): every command waiting on it ends. */
  private die(reason: string): void {
    if (this.deathReason !== null) return;
    this.deathReason = reason;
    this.markDead(new Error(reason));
    this.worker.removeEventListener('error', this.onError);
    this.worker.removeEventListener('messageerror', this.onError);
    // Terminating the cluster Worker ends the process Workers it spawned.
    this.worker.terminate();
    this.events.close();
    this.remote[Comlink.releaseProxy]();
    for (const cmd of this.running.values()) cmd.resolve(fail(reason));
    this.running.clear();
    this.subscribers.clear();
  }
}
