// The cluster Worker's side of cluster-protocol.ts: the browser cluster (its clock, its core, the
// clients behind the terminal) on this thread, its process Workers spawned from here, and its
// snapshot stream turned into frames for the page. An adapter only: every verb is the cluster's.

import * as Comlink from 'comlink';
import { createBrowserCluster, type BrowserCluster } from './browser-cluster';
import { clusterVerbs, type ClusterEvent, type ClusterService, type ClusterVerb, type CommandSinks, type FrameEvent, type Reply } from './cluster-protocol';
import { errorResult as fail, errorText, refreshEveryMs, type ClusterSnapshot, type CommandResult } from './types';
import type { WorkerSpawner } from './worker-handle';

/** Options of serveCluster. */
export interface ServeClusterOptions {
  /** Where Comlink listens: the Worker's global scope by default, a MessagePort in tests. */
  endpoint?: Comlink.Endpoint;
  /** Builds the process Workers (default: real ones, nested in this Worker); tests pass in-thread stand-ins. */
  spawn?: WorkerSpawner;
}

/**
 * Wall ms between whole pictures sent to the page: as often as the Workers' telemetry is refreshed
 * (there is nothing newer to send); frames in between carry only the clock and the messages, which
 * animate every frame.
 */
const pictureEveryMs = (s: ClusterSnapshot) => refreshEveryMs(s.nodeProcesses?.length ?? 0);

/** Verbs that ask for data rather than change what the picture shows. */
const dataVerbs = new Set<ClusterVerb>(['api', 'sendTraffic', 'recording', 'digest', 'runtimeStats']);

/** Serves one browser cluster over Comlink; the Worker entry calls this and nothing else. */
export function serveCluster(opts: ServeClusterOptions = {}): { close(): void } {
  const service = new Service(opts.spawn);
  Comlink.expose(service.api, opts.endpoint ?? (globalThis as unknown as Comlink.Endpoint));
  return { close: () => service.api.dispose() };
}

class Service {
  private cluster: BrowserCluster | null = null;
  private events: MessagePort | null = null;
  private readonly interrupts = new Map<number, AbortController>();
  private readonly edits = new Map<string, (saved: string | null) => void>();
  private nextEdit = 0;
  private lastPictureWall = -Infinity;
  private pictureTimer: ReturnType<typeof setTimeout> | null = null;
  private placementCount = -1;
  private disposed = false;

  /** Events sent so far. */
  private sent = 0;

  constructor(private readonly spawn: WorkerSpawner | undefined) {}

  private post(e: ClusterEvent): void {
    if (!this.events) return;
    this.events.postMessage(e);
    this.sent++;
  }

  private live(): BrowserCluster {
    if (!this.cluster || this.disposed) throw new Error('the cluster was disposed');
    return this.cluster;
  }

  /** One frame from the cluster's snapshot: the whole picture when one is due, else the clock and the messages. */
  private frame(s: ClusterSnapshot): void {
    const wall = performance.now();
    const f: FrameEvent = { t: 'frame', now: s.now, paused: s.paused, speed: s.speed, messages: s.messages };
    if (wall - this.lastPictureWall >= pictureEveryMs(s)) {
      if (this.pictureTimer !== null) clearTimeout(this.pictureTimer);
      this.pictureTimer = null;
      this.picture(f, s);
    } else if (this.pictureTimer === null) {
      // The last change must reach the page even when no frame follows it (a pause, a quiet cluster).
      this.pictureTimer = setTimeout(() => this.sendPicture(), pictureEveryMs(s));
    }
    this.post(f);
  }

  /** Makes `f` carry the whole picture `s`, and the placement if a process was added since the last. */
  private picture(f: FrameEvent, s: ClusterSnapshot): void {
    this.lastPictureWall = performance.now();
    f.snapshot = { ...s, messages: [] };
    const placement = this.cluster!.placement();
    if (placement.length !== this.placementCount) {
      this.placementCount = placement.length;
      f.placement = placement;
    }
  }

  /**
   * Answers a verb after a picture taken once it is done, so that the page's `snapshot()` shows what
   * it did, as the in-page cluster's does (see Reply). Requests for data (a raw API call, traffic, the
   * recording) change nothing the picture shows at once: they get the latest one only if it is owed.
   */
  private async reply<T>(verb: ClusterVerb, value: T | Promise<T>): Promise<Reply<T>> {
    const v = await value;
    this.sendPicture(!dataVerbs.has(verb));
    return { value: v, events: this.sent };
  }

  private readonly verbs = Object.fromEntries(
    clusterVerbs.map((verb) => [verb, (...args: unknown[]) => this.reply(verb, (this.live()[verb] as (...a: unknown[]) => unknown)(...args))]),
  ) as Pick<ClusterService, ClusterVerb>;

  /** Sends the whole picture now: if `fresh`, or if frames since the last one carried only the clock and messages. */
  private sendPicture(fresh = false): void {
    if ((!fresh && this.pictureTimer === null) || !this.cluster || this.disposed) return;
    if (this.pictureTimer !== null) clearTimeout(this.pictureTimer);
    this.pictureTimer = null;
    const s = this.cluster.snapshot();
    const f: FrameEvent = { t: 'frame', now: s.now, paused: s.paused, speed: s.speed, messages: [] };
    this.picture(f, s);
    this.post(f);
  }

  readonly api: ClusterService = {
    ...this.verbs,
    ping: () => true,
    start: async (opts, events) => {
      if (this.cluster || this.disposed) throw new Error('this Worker already ran a cluster');
      this.events = events;
      const c = await createBrowserCluster({ ...opts, ...(this.spawn ? { spawn: this.spawn } : {}) });
      if (this.disposed) {
        c.dispose();
        throw new Error('the cluster was disposed');
      }
      this.cluster = c;
      c.subscribe((s) => this.frame(s));
    },
    run: (tool, call, commandLine, stdin, sinks: CommandSinks) => {
      const done = (result: CommandResult) => {
        this.interrupts.delete(call);
        this.sendPicture();
        this.post({ t: 'done', call, result });
      };
      if (!this.cluster || this.disposed) return done(fail('the cluster was disposed'));
      const abort = new AbortController();
      this.interrupts.set(call, abort);
      const editor = sinks.editor
        ? (text: string) =>
            new Promise<string | null>((resolve) => {
              const edit = this.nextEdit++;
              this.edits.set(`${call}/${edit}`, resolve);
              this.post({ t: 'edit', call, edit, text });
            })
        : undefined;
      const runOpts = {
        signal: abort.signal,
        ...(sinks.stdout ? { onStdout: (chunk: string) => this.post({ t: 'output', call, stream: 'stdout', chunk }) } : {}),
        ...(sinks.stderr ? { onStderr: (chunk: string) => this.post({ t: 'output', call, stream: 'stderr', chunk }) } : {}),
        ...(editor ? { editor } : {}),
      };
      const c = this.cluster;
      (tool === 'kubectl' ? c.kubectl(commandLine, stdin, runOpts) : c.etcdctl(commandLine, stdin, runOpts)).then(done, (e: unknown) => done(fail(errorText(e))));
    },
    interrupt: (call) => this.interrupts.get(call)?.abort(),
    edited: (call, edit, saved) => {
      const key = `${call}/${edit}`;
      const resolve = this.edits.get(key);
      this.edits.delete(key);
      resolve?.(saved);
    },
    dispose: () => {
      if (this.disposed) return;
      this.disposed = true;
      if (this.pictureTimer !== null) clearTimeout(this.pictureTimer);
      this.cluster?.dispose();
      for (const resolve of this.edits.values()) resolve(null);
      this.edits.clear();
      this.events?.close();
    },
  };
}
