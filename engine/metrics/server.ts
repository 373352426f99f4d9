// metrics-server as its own process (`metrics-server`, sigs.k8s.io/metrics-server v0.7): informers on
// nodes and pods, a scrape of every node's kubelet each --metric-resolution (15 s in the addon's
// manifest; the fast profile divides it by ten), each request jittered by up to 8 ms per node and
// bounded by the kubelet request timeout, and a storage that turns two scrapes into usage
// (engine/metrics/storage.ts). It serves metrics.k8s.io/v1beta1 to kube-apiserver's aggregator,
// which proxies clients' requests to it on a stream (engine/apiserver/aggregator.ts) with the
// front-proxy client certificate and the user in X-Remote-User.
//
// Its kubelet client asks each node's kubelet process (named as the node) for its Summary with a
// datagram (engine/kubelet/stats.ts); a node that does not answer in time is left out of that scrape.

import type { Node, Pod } from '../api/types';
import { clientCertAuthenticator } from '../apiserver/auth/authn';
import { frontProxyClientUser } from '../apiserver/aggregator';
import type { ClientFrame, HttpRequest, HttpResponse, ServerFrame } from '../apiserver/http';
import { parseUrl } from '../apiserver/http';
import { isAlreadyExists, res, RestKubeClient } from '../client/clientset';
import { Component, type ComponentConfig } from '../client/component';
import type { Informer } from '../client/informer';
import type { Profile } from '../etcd/server/timing';
import { isStatsSummaryReply, type StatsSummaryRequest } from '../kubelet/stats';
import { Cancelled } from '../sim/co';
import type { Env, Input, Process, ProcessKind, StreamId } from '../sim/env';
import { metricsServerAddonObjects } from './addon';
import { serveMetricsApi } from './api';
import { decodeSummary, newBatch, NodeStorage, PodStorage, type MetricsBatch } from './storage';
import { resourceFor } from '../api/resources';

/** Plain config of a metrics-server. */
export interface MetricsServerConfig extends ComponentConfig {
  profile: Profile;
  /** --metric-resolution in simulated ms (the manifest's 15 s; the fast profile's 1.5 s by default). */
  metricResolutionMs?: number;
  /**
   * Credentials to create the addon's objects with (the APIService, Service and RBAC of
   * components.yaml, engine/metrics/addon.ts) when the process starts, as whoever installs the addon
   * would apply its manifest; absent when something else creates them.
   */
  installToken?: string;
}

const userAgent = 'metrics-server/v0.7.2 (linux/amd64) kubernetes/$Format';

/** The static bearer token of the metrics-server service account (upstream issues it a JWT). */
export function metricsServerToken(): string {
  return 'kubeplay-static-token:kube-system:metrics-server';
}

/** The apiserver's --token-auth-file row for metrics-server. */
export function metricsServerTokens(): { token: string; user: string; uid: string; groups: string[] }[] {
  return [{ token: metricsServerToken(), user: 'system:serviceaccount:kube-system:metrics-server', uid: '', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system'] }];
}

/** The metrics-server process kind. */
export const metricsServerKind: ProcessKind<MetricsServerConfig> = {
  name: 'metrics-server',
  create: (env, config) => new MetricsServerProcess(env, config),
  describe: (msg) => {
    const m = msg as { t?: string };
    if (m && m.t === 'stats.summary') return 'GET /stats/summary';
    if (m && m.t === 'stats.summary.reply') return 'summary';
    return null;
  },
};

/** --metric-resolution of a profile (the manifest passes 15s). */
export function metricResolutionMs(profile: Profile): number {
  return profile === 'realistic' ? 15_000 : 1_500;
}

// Models cmd/metrics-server/app/options: the kubelet request timeout (10 s) must stay under 90% of the resolution.
function scrapeTimeoutMs(resolutionMs: number, profile: Profile): number {
  return Math.min(profile === 'realistic' ? 10_000 : 1_000, resolutionMs * 0.9);
}

// pkg/storage/pod.go freshContainerMinMetricsResolution (10 s), scaled as the profile scales time.
function freshMinMs(profile: Profile): number {
  return profile === 'realistic' ? 10_000 : 1_000;
}

// pkg/scraper/scraper.go: each node's request starts after a random delay of up to 8 ms per node (4 s at most).
const delayPerSourceMs = 8;
const maxDelayMs = 4_000;

interface Scrape {
  seq: number;
  pending: Set<string>;
  batch: MetricsBatch;
  startedAt: number;
  done: boolean;
}

/** One metrics-server. */
export class MetricsServerProcess implements Process {
  readonly c: Component;
  readonly nodes: Informer<Node>;
  readonly pods: Informer<Pod>;
  readonly nodeStorage = new NodeStorage();
  readonly podStorage: PodStorage;
  private readonly resolutionMs: number;
  private readonly authn = clientCertAuthenticator();
  private readonly clients = new Set<StreamId>();
  private scrape: Scrape | null = null;
  private seq = 0;
  private installed = false;
  /** Scrapes done, node answers and timeouts, requests served, for telemetry. */
  scrapes = 0;
  answers = 0;
  timeouts = 0;
  served = 0;
  lastScrapeMs = 0;

  constructor(
    readonly env: Env,
    readonly config: MetricsServerConfig,
  ) {
    this.c = new Component(env, config, userAgent);
    this.resolutionMs = config.metricResolutionMs ?? metricResolutionMs(config.profile);
    this.podStorage = new PodStorage(this.resolutionMs, freshMinMs(config.profile));
    this.nodes = this.c.informers.informerFor<Node>(res('', 'nodes'));
    this.pods = this.c.informers.informerFor<Pod>(res('', 'pods'));
    this.c.spawn(this.main(), 'metrics-server');
  }

  receive(input: Input): void {
    if (this.c.route(input)) return;
    switch (input.type) {
      case 'message':
        if (isStatsSummaryReply(input.msg)) this.onSummary(input.from, input.msg.id, input.msg.summary);
        return;
      case 'accept':
        this.clients.add(input.stream);
        return;
      case 'data':
        if (this.clients.has(input.stream)) this.onFrame(input.stream, input.msg as ClientFrame);
        return;
      case 'closed':
        this.clients.delete(input.stream);
        return;
      default:
        return;
    }
  }

  telemetry(): Record<string, unknown> {
    return {
      installed: this.installed,
      synced: this.nodes.hasSynced() && this.pods.hasSynced(),
      resolutionMs: this.resolutionMs,
      scrapes: this.scrapes,
      answers: this.answers,
      timeouts: this.timeouts,
      served: this.served,
      lastScrapeMs: this.lastScrapeMs,
      nodesWithMetrics: this.nodeStorage.ready,
      containersWithMetrics: this.podStorage.ready,
      crashes: this.c.crashes.slice(-10),
    };
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.c.conn.outstanding();
  }

  /** Whether there is something to serve (the metric-storage-ready readyz check). */
  get ready(): boolean {
    return this.nodeStorage.ready > 0 && this.podStorage.ready > 0;
  }

  private *main() {
    if (this.config.installToken) yield* this.install(this.config.installToken);
    this.c.spawn(this.nodes.run(), 'reflector nodes');
    this.c.spawn(this.pods.run(), 'reflector pods');
    yield* this.c.informers.waitForCacheSync();
    // Models pkg/server/server.go runScrape: a tick now, then one every resolution.
    for (;;) {
      this.tick();
      yield* this.c.sleep(this.resolutionMs);
    }
  }

  // Creates the addon's objects that are missing, retrying until each exists.
  private *install(token: string) {
    const client = new RestKubeClient(this.c.conn, userAgent, token);
    for (const o of metricsServerAddonObjects()) {
      const info = resourceFor(o.group, 'v1', o.resource)!;
      for (let backoff = 200; ; backoff = Math.min(backoff * 2, 5_000)) {
        try {
          yield* client.create(info, o.obj.metadata.namespace ?? '', o.obj);
          break;
        } catch (e) {
          if (e instanceof Cancelled) throw e;
          if (isAlreadyExists(e)) break;
          yield* this.c.sleep(backoff);
        }
      }
    }
    this.installed = true;
  }

  // Models pkg/server/server.go tick and pkg/scraper/scraper.go Scrape.
  private tick(): void {
    if (this.scrape && !this.scrape.done) this.finish(this.scrape);
    const nodes = this.nodes.store.list();
    const s: Scrape = { seq: ++this.seq, pending: new Set(nodes.map((n) => n.metadata.name!)), batch: newBatch(), startedAt: this.env.now(), done: false };
    this.scrape = s;
    if (nodes.length === 0) return this.finish(s);
    const delayMs = Math.min(delayPerSourceMs * nodes.length, maxDelayMs);
    const timeoutMs = scrapeTimeoutMs(this.resolutionMs, this.config.profile);
    for (const n of nodes) {
      const name = n.metadata.name!;
      const delay = this.env.rng.int(0, delayMs);
      this.c.callbacks.after(delay, () => {
        if (s.done) return;
        this.env.send(name, { t: 'stats.summary', id: `${s.seq}/${name}` } satisfies StatsSummaryRequest);
        this.c.callbacks.after(timeoutMs, () => {
          if (s.done || !s.pending.delete(name)) return;
          this.timeouts++;
          if (s.pending.size === 0) this.finish(s);
        });
      });
    }
  }

  private onSummary(from: string, id: string, summary: import('../kubelet/stats').Summary): void {
    const s = this.scrape;
    const [seq, node] = id.split('/');
    if (!s || s.done || String(s.seq) !== seq || node !== from || !s.pending.delete(node)) return;
    this.answers++;
    decodeSummary(summary, s.batch);
    if (s.pending.size === 0) this.finish(s);
  }

  private finish(s: Scrape): void {
    if (s.done) return;
    s.done = true;
    this.nodeStorage.store(s.batch);
    this.podStorage.store(s.batch);
    this.scrapes++;
    this.lastScrapeMs = this.env.now() - s.startedAt;
  }

  // ---- serving -------------------------------------------------------------------------------

  private onFrame(stream: StreamId, f: ClientFrame): void {
    if (f.t !== 'req') return;
    this.env.write(stream, { t: 'res', id: f.id, res: this.serve(f.req) } satisfies ServerFrame);
  }

  private serve(req: HttpRequest): HttpResponse {
    const path = parseUrl(req.url).path.replace(/\/+$/, '');
    // The requestheader authenticator: only the front proxy's certificate may assert a user.
    const token = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '')?.[1];
    const caller = token ? this.authn.authenticateToken(token) : undefined;
    if (!caller || caller.username !== frontProxyClientUser || !req.headers['x-remote-user']) {
      return { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }) };
    }
    this.served++;
    if (path === '/healthz' || path === '/livez') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' };
    if (path === '/readyz') {
      return this.ready
        ? { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' }
        : { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '[-]metric-storage-ready failed: reason withheld\nreadyz check failed\n' };
    }
    return serveMetricsApi(req, { nodes: this.nodes.store, pods: this.pods.store, nodeStorage: this.nodeStorage, podStorage: this.podStorage, nowMs: this.c.wallMs() });
  }
}
