// kube-apiserver as a process. Clients open a stream (a connection) and send HTTP-shaped requests
// on it; each runs as a coroutine through the handler chain — authentication, impersonation,
// authorization, then the REST handler of the resource, whose writes pass admission and validation
// — and answers a response, or for a watch a stream of chunks. Only this process talks to etcd, with
// an embedded clientv3 (a part: engine/sim/parts.ts), and it serves lists and watches from its watch
// cache. On start it creates the system namespaces, the `kubernetes` Service, the system priority
// classes and the default RBAC roles; every 5 minutes it compacts etcd, as upstream's compactor does.

import type { ResourceInfo } from '../api/resources';
import { resourceFor, resources } from '../api/resources';
import type { KubeObject, Status } from '../api/types';
import { EtcdClientProcess } from '../etcd/server/client';
import { etcdWireType } from '../etcd/server/wire-type';
import { Callbacks } from '../sim/callbacks';
import { Cancelled, Coroutine, suspend, type Co } from '../sim/co';
import type { Env, Input, Process, ProcessKind, StreamId } from '../sim/env';
import { Parts } from '../sim/parts';
import { authenticateRequest, clientCertAuthenticator, impersonate, staticTokenAuthenticator, type AuthenticationConfig } from './auth/authn';
import { attributesFromRequestInfo, forbiddenStatus, type Attributes, type RbacStore } from './auth/rbac';
import { authorizeRequest } from './auth/can-i';
import type { UserInfo } from './auth/user';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery';
import { serveOpenAPIV3 } from './openapi';
import { newMethodNotSupported, newPathNotFound, newTimeoutError, StatusError, toStatus } from './errors';
import { parseUrl, queryBool, queryParam, type ClientFrame, type HttpRequest, type HttpResponse, type ServerFrame } from './http';
import { requestInfo, type RequestInfo } from './request-info';
import { bind, create, decodeBody, get, list, listBody, patch, remove, removeCollection, scaleOf, update, updateScale, watchSpec, type ScaleOf, watchStart, type Call, type RestContext } from './registry/rest';
import { Cacher, type CachedObject } from './storage/cacher';
import { Etcd3Store, StorageError } from './storage/etcd3';
import { tableFor } from './printers';
import { admit, type AdmissionContext } from './admission';
import { bootstrap } from './bootstrap';
import { runKubernetesServiceController } from './endpoint-reconciler';
import { defaultsFor, validatorFor, patcher } from './wiring';
import { serviceHooks } from './registry/allocators';
import { withTypeMeta } from './registry/objects';
import { reviewFor } from './reviews';
import { workloadView, type WorkloadView } from './workload-view';
import { KubeletClient } from './registry/kubelet-client';
import { podSubresources, servePodSubresource } from './registry/pod-subresources';
import { Aggregator, aggregatorTiming } from './aggregator';

/** Plain config of an apiserver. */
export interface ApiServerConfig {
  /** The etcd members it talks to (`--etcd-servers`). */
  etcdServers: string[];
  /** Wall ms that simulated 0 stands for (creationTimestamp). */
  epochMs: number;
  /** `--token-auth-file` as entries: token → user. */
  tokens: { token: string; user: string; uid: string; groups: string[] }[];
  /** Compaction interval, simulated ms (`--etcd-compaction-interval`, 5 min upstream). */
  compactionIntervalMs?: number;
  /** This apiserver's address, for the `kubernetes` Endpoints. */
  advertiseAddress?: string;
  /** Events the watch cache keeps (10,000 by default). */
  watchCacheSize?: number;
  /** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds (300 upstream). */
  defaultTolerationSeconds?: number;
  /** Addons whose objects it creates after its bootstrap, as kubeadm would ('coredns', 'ingress-nginx'; engine/dns/addon.ts, engine/ingress/addon.ts). */
  addons?: string[];
  /** The timing profile of its own controllers (the aggregator's availability checks); 'fast' when absent. */
  profile?: 'fast' | 'realistic';
}

/** The request timeout (`--request-timeout`, 60 s). */
const requestTimeoutMs = 60_000;
/** Watches without a timeoutSeconds end after a random time in [min-request-timeout, 2×] (1800 s). */
const minRequestTimeoutS = 1800;
/** How often a watch that asked for bookmarks gets one. */
const bookmarkEveryMs = 60_000;

/** A control-plane component's identity (system:kube-scheduler, system:node:…, system:serviceaccount:…), not a person's. */
const isComponent = (user: string): boolean => user.startsWith('system:');

/** Counters and recent requests, for the UI and `inspect`. */
export interface ApiServerTelemetry {
  ready: boolean;
  /** Its post-start work is done: the system namespaces, the kubernetes Service and the RBAC defaults exist (readyz). */
  bootstrapped: boolean;
  revision: number;
  objects: number;
  watchers: number;
  inflight: number;
  served: number;
  /** The last requests: verb, path, status. A person's last few outlive the components' steady traffic (see `log`). */
  recent: { at: number; verb: string; path: string; code: number; user: string }[];
  /** Every object the cache holds, in key order (capped), for the resource browser. */
  catalog: { resource: string; group: string; namespace: string; name: string; rv: string; kind: string }[];
  /** Nodes and pods as the canvas draws them. */
  workloads: WorkloadView;
}

/** The kube-apiserver process kind. */
export const apiserverKind: ProcessKind<ApiServerConfig> = {
  name: 'kube-apiserver',
  create: (env, config) => new ApiServerProcess(env, config),
  describe: (msg) => {
    const m = msg as ServerFrame | ClientFrame;
    if (m && typeof m === 'object' && 't' in m) {
      if (m.t === 'req') return `${m.req.method} ${m.req.url.split('?')[0]}`;
      if (m.t === 'res') return `${m.res.status}`;
      if (m.t === 'chunk') return 'watch event';
      return null;
    }
    // Its embedded etcd client's calls, named as etcd names client traffic.
    return etcdWireType(msg);
  },
};

const catalogCap = 2000;
const recentCap = 50;
/** How many of a person's (not a `system:` user's) requests `recent` keeps however many the components make. */
const recentPersonKeep = 10;

/** One kube-apiserver. */
export class ApiServerProcess implements Process {
  private readonly parts: Parts;
  private readonly callbacks: Callbacks;
  readonly store: Etcd3Store;
  readonly cacher: Cacher;
  private readonly rest: RestContext;
  /** Connections to the kubelets, for pods/log and pods/exec (registry/kubelet-client.ts). */
  private readonly kubelets: KubeletClient;
  /** kube-aggregator: APIServices, their availability, and the proxy to their servers (aggregator.ts). */
  private readonly aggregator: Aggregator;
  private readonly authn: AuthenticationConfig;
  private readonly inflight = new Map<string, Coroutine<void>>();
  private served = 0;
  private readonly recent: ApiServerTelemetry['recent'] = [];
  private watchers = 0;
  private rbacCache: { version: number; store: RbacStore } | null = null;
  private bootstrapped = false;

  constructor(
    private readonly env: Env,
    private readonly config: ApiServerConfig,
  ) {
    this.parts = new Parts(env);
    this.callbacks = new Callbacks(env);
    let store: Etcd3Store | null = null;
    const endpoints = config.etcdServers.map((m) => `http://${m}:2379`);
    const client = this.parts.add('etcd', (e) => new EtcdClientProcess(e).attach({ endpoints: () => endpoints, reachable: (m) => store?.healthy(`http://${m}:2379`) ?? true }));
    this.store = store = new Etcd3Store(client, endpoints);
    this.cacher = new Cacher(this.store, this.callbacks, () => env.now(), config.watchCacheSize);
    this.authn = {
      tokenAuthenticators: [staticTokenAuthenticator(new Map(config.tokens.map((t) => [t.token, { username: t.user, uid: t.uid, groups: t.groups }]))), clientCertAuthenticator()],
      anonymous: true,
    };
    this.rest = {
      store: this.store,
      cacher: this.cacher,
      rng: env.rng,
      now: () => env.now(),
      after: (ms, fn) => this.callbacks.after(ms, fn),
      epochMs: config.epochMs,
      defaults: defaultsFor,
      ...validatorFor(),
      admit: (op, info, obj, old, sub) => admit(this.admissionContext(), op, info, obj, old, sub),
      patch: patcher,
      hooks: serviceHooks(() => this.store, env.rng),
    };
    this.kubelets = new KubeletClient(env, (ms, fn) => this.callbacks.after(ms, fn));
    this.aggregator = new Aggregator({ env, cacher: this.cacher, rest: this.rest, callbacks: this.callbacks, timing: aggregatorTiming(config.profile) });
    this.aggregator.start();
    this.cacher.start();
    new Coroutine(bootstrap(this.rest, this.config, () => this.cacher.ready), (o) => (this.bootstrapped = o.ok)).start();
    new Coroutine(runKubernetesServiceController({ rest: this.rest, ip: config.advertiseAddress ?? '10.0.0.2', cacheReady: () => this.cacher.ready, serverReady: () => this.bootstrapped }), () => {}).start();
    this.scheduleCompaction(0, 0);
  }

  // ---- Process -------------------------------------------------------------------------------

  receive(input: Input): void {
    if (this.parts.route(input)) return;
    if (this.aggregator.receive(input)) return;
    if (this.kubelets.receive(input)) return;
    switch (input.type) {
      case 'timer':
        this.callbacks.fire(input.tag);
        return;
      case 'accept':
        return;
      case 'data':
        this.onFrame(input.stream, input.msg as ClientFrame);
        return;
      case 'closed':
        for (const [k, co] of [...this.inflight]) {
          if (k.startsWith(`${input.stream}#`)) {
            this.inflight.delete(k);
            co.interrupt(new Cancelled());
          }
        }
        return;
      default:
        return;
    }
  }

  private workloads: { rev: number; view: WorkloadView } = { rev: -1, view: { nodes: [], pods: [] } };

  telemetry(): ApiServerTelemetry {
    const catalog: ApiServerTelemetry['catalog'] = [];
    if (this.cacher.ready) {
      for (const o of this.cacher.list('/registry/')) {
        if (catalog.length >= catalogCap) break;
        const entry = catalogEntry(o);
        if (entry) catalog.push(entry);
      }
    }
    const version = this.cacher.version('');
    if (this.workloads.rev !== version) this.workloads = { rev: version, view: this.cacher.ready ? workloadView(this.cacher) : { nodes: [], pods: [] } };
    return { ready: this.cacher.ready, bootstrapped: this.bootstrapped, revision: this.cacher.rev, objects: this.cacher.size, watchers: this.watchers, inflight: this.inflight.size, served: this.served, recent: [...this.recent], catalog, workloads: this.workloads.view };
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return [...this.inflight.keys()].map((k) => ({ id: k, what: 'request', since: 0 }));
  }

  // ---- connections ---------------------------------------------------------------------------

  private onFrame(stream: StreamId, f: ClientFrame): void {
    const key = `${stream}#${f.id}`;
    if (f.t === 'cancel') {
      const co = this.inflight.get(key);
      this.inflight.delete(key);
      co?.interrupt(new Cancelled());
      return;
    }
    const w = new ResponseWriter(this.env, stream, f.id);
    const co = new Coroutine(this.serve(f.req, w), (o) => {
      this.inflight.delete(key);
      if (!o.ok && !(o.error instanceof Cancelled)) w.error(o.error);
      w.finish();
    });
    this.inflight.set(key, co);
    co.start();
  }

  /** The handler chain for one request. */
  private *serve(req: HttpRequest, w: ResponseWriter): Co<void> {
    const url = parseUrl(req.url);
    const info = requestInfo(req.method, url);
    const authn = authenticateRequest(req.headers, this.authn);
    if (!authn.ok) {
      w.json(401, authn.status);
      return this.log(req, info, 401, '');
    }
    let user = authn.user;
    const imp = impersonate(user, req.headers, (a) => this.authorize(a), req.url);
    if (!imp.ok) {
      if (imp.code === 403) w.json(403, imp.status);
      else w.text(500, imp.text);
      return this.log(req, info, imp.code, user.username);
    }
    user = imp.user;
    const attrs = attributesFromRequestInfo(user, info);
    const decision = this.authorize(attrs);
    if (decision.decision !== 'allow') {
      w.json(403, forbiddenStatus(attrs, decision.reason));
      return this.log(req, info, 403, user.username);
    }
    let code = 200;
    try {
      code = yield* this.route(req, url, info, user, w);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      // A request still waiting on etcd when its 60 s are up is answered by the timeout filter.
      const st = e instanceof StorageError && e.message === 'context deadline exceeded' ? newTimeoutError('request did not complete within requested timeout - context deadline exceeded').status : toStatus(e);
      code = st.code ?? 500;
      if (!w.started) w.json(code, st);
    }
    this.log(req, info, code, user.username);
  }

  private log(req: HttpRequest, info: RequestInfo, code: number, user: string): void {
    this.served++;
    this.recent.push(Object.freeze({ at: this.env.now(), verb: info.verb, path: req.url.split('?')[0], code, user }));
    if (this.recent.length <= recentCap) return;
    // Lease renewals and watches would push a person's `kubectl get` out within seconds: while a
    // person has no more than their share, the oldest component request goes instead.
    const people = this.recent.reduce((n, r) => n + (isComponent(r.user) ? 0 : 1), 0);
    const drop = people > recentPersonKeep ? 0 : this.recent.findIndex((r) => isComponent(r.user));
    this.recent.splice(Math.max(drop, 0), 1);
  }

  /** The authorizer chain: system:masters first (the privileged-groups authorizer), then RBAC. */
  private authorize(attrs: Attributes) {
    return authorizeRequest(attrs, this.rbacStore());
  }

  private rbacStore(): RbacStore {
    const version = rbacPrefixes.reduce((v, p) => Math.max(v, this.cacher.version(p)), 0);
    if (this.rbacCache && this.rbacCache.version === version) return this.rbacCache.store;
    const of = <T>(prefix: string) => this.cacher.list(prefix).map((o) => o.obj as unknown as T);
    const roles = byNamespace(of<import('../api/types').Role>('/registry/roles/'));
    const roleBindings = byNamespace(of<import('../api/types').RoleBinding>('/registry/rolebindings/'));
    const store: RbacStore = {
      clusterRoles: of('/registry/clusterroles/'),
      clusterRoleBindings: of('/registry/clusterrolebindings/'),
      roles: (ns) => roles.get(ns) ?? [],
      roleBindings: (ns) => roleBindings.get(ns) ?? [],
    };
    this.rbacCache = { version, store };
    return store;
  }

  private admissionContext(): AdmissionContext {
    return { cacher: this.cacher, store: this.store, rng: this.env.rng, now: () => this.env.now(), deadline: this.env.now() + requestTimeoutMs, defaultTolerationSeconds: this.config.defaultTolerationSeconds ?? 300 };
  }

  /** Discovery, health, version, and the resources. Answers the status code written. */
  private *route(req: HttpRequest, url: ReturnType<typeof parseUrl>, info: RequestInfo, user: UserInfo, w: ResponseWriter): Co<number> {
    const aggregated = this.aggregator.serviceFor(url.path);
    if (aggregated) return yield* this.aggregator.proxy(req, user, aggregated, w);
    if (!info.isResourceRequest) {
      const openapi = serveOpenAPIV3(info.path, url.query, req.headers, this.config.epochMs + this.env.now());
      if (openapi) return w.send(openapi);
      const health = this.health(info.path.replace(/\/+$/, ''));
      if (health) return w.text(health.ok ? 200 : 500, health.text);
      const body = this.nonResource(info);
      if (body === null) throw newPathNotFound();
      if (typeof body === 'string') return w.text(200, body);
      return w.json(200, body);
    }
    const r = resourceFor(info.apiGroup, info.apiVersion, info.resource);
    if (!r) throw newPathNotFound();
    if (!r.namespaced && info.namespace && info.resource !== 'namespaces') throw newPathNotFound();
    const c: Call = { info: r, req: info, url, deadline: this.env.now() + requestTimeoutMs };
    if (r.group === 'authorization.k8s.io' || r.group === 'authentication.k8s.io') return w.json(201, yield* this.review(r, user, req.body, info));
    if (info.verb !== 'create' && info.verb !== 'list' && info.verb !== 'watch' && info.verb !== 'deletecollection' && !info.name) throw newPathNotFound();
    if (info.subresource && !r.subresources.includes(info.subresource)) throw newPathNotFound();
    if (!r.verbs.includes(info.verb as never) && !info.subresource) throw newMethodNotSupported({ group: r.group, resource: r.resource }, info.verb);
    const table = (req.headers['accept'] ?? '').includes('as=Table');
    const ctx = this.rest;
    switch (info.subresource) {
      case 'scale': {
        if (info.verb === 'get') return w.json(200, scaleOf(yield* get(ctx, c), r));
        if (info.verb === 'update' || info.verb === 'patch') {
          // A PUT carries the Scale; a PATCH applies to the Scale of whatever is current, on every try of the update.
          const scaleInfo = { ...r, kind: 'Scale', group: 'autoscaling', version: 'v1' };
          const put = info.verb === 'update' ? decodeBody(scaleInfo, req.body) : null;
          const sent: ScaleOf = put ? () => put : (cur) => ctx.patch(req.headers['content-type'] ?? '', scaleInfo, scaleOf(cur, r), req.body ?? '');
          return w.json(200, yield* updateScale(ctx, c, sent));
        }
        throw newMethodNotSupported({ group: r.group, resource: `${r.resource}/scale` }, info.verb);
      }
      case 'log':
      case 'exec':
      case 'eviction':
        if (r.resource === 'pods' && podSubresources.has(info.subresource)) return yield* servePodSubresource({ rest: ctx, kubelets: this.kubelets }, c, req, w);
        throw newMethodNotSupported({ group: r.group, resource: `${r.resource}/${info.subresource}` }, info.verb);
      case 'binding':
        if (info.verb !== 'create') throw newMethodNotSupported({ group: '', resource: 'pods/binding' }, info.verb);
        return w.json(201, yield* bind(ctx, c, req.body));
      case 'status':
      case 'finalize':
      case '':
        break;
      default:
        throw newMethodNotSupported({ group: r.group, resource: `${r.resource}/${info.subresource}` }, info.verb);
    }
    if (r.resource === 'bindings') return w.json(201, yield* bind(ctx, c, req.body));
    switch (info.verb) {
      case 'get': {
        const obj = yield* get(ctx, c);
        return w.json(200, table ? tableFor(r.resource, r.group, [obj], { nowMs: this.config.epochMs + this.env.now(), includeObject: includeObject(url) }) : obj);
      }
      case 'list': {
        const res = yield* list(ctx, c);
        if (table) {
          const t = tableFor(r.resource, r.group, res.items, { nowMs: this.config.epochMs + this.env.now(), includeObject: includeObject(url) });
          t.metadata = { resourceVersion: String(res.rev), ...(res.continue ? { continue: res.continue } : {}), ...(res.remaining !== undefined ? { remainingItemCount: res.remaining } : {}) };
          return w.json(200, t);
        }
        return w.json(200, listBody(r, res));
      }
      case 'watch':
        yield* this.watch(c, w, table);
        return 200;
      case 'create':
        return w.json(201, yield* create(ctx, c, req.body));
      case 'update':
        return w.json(200, yield* update(ctx, c, req.body));
      case 'patch': {
        const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
        return w.json(200, yield* patch(ctx, c, ct, req.body));
      }
      case 'delete': {
        const res = yield* remove(ctx, c, req.body);
        return w.json(res.kind === 'Status' ? 200 : 200, res);
      }
      case 'deletecollection': {
        const res = yield* removeCollection(ctx, c, req.body);
        return w.json(200, listBody(r, res));
      }
    }
    throw newMethodNotSupported({ group: r.group, resource: r.resource }, info.verb);
  }

  /**
   * /healthz, /livez, /readyz: ok once etcd answers and the post-start hooks (the bootstrap
   * namespaces, Service and RBAC roles) are done; before that a 500 naming the failing check, as
   * healthz.go writes it without ?verbose. Components wait for /healthz before they start.
   */
  private health(p: string): { ok: boolean; text: string } | null {
    if (p !== '/healthz' && p !== '/livez' && p !== '/readyz') return null;
    if (!this.cacher.ready) return { ok: false, text: `[-]etcd failed: reason withheld\n${p.slice(1)} check failed\n` };
    if (!this.bootstrapped) return { ok: false, text: `[-]poststarthook/rbac/bootstrap-roles failed: reason withheld\n${p.slice(1)} check failed\n` };
    return { ok: true, text: 'ok' };
  }

  private nonResource(info: RequestInfo): Record<string, unknown> | string | null {
    const p = info.path.replace(/\/+$/, '') || '/';
    if (p === '/api') return apiVersions();
    if (p === '/apis') return this.aggregator.withGroups(apiGroupList());
    if (p === '/version') return versionInfo();
    const m = /^\/(api|apis)\/(.+)$/.exec(p);
    if (!m) return null;
    const segs = m[2].split('/');
    if (m[1] === 'api') return segs.length === 1 ? apiResourceList('', segs[0]) : null;
    if (segs.length === 1) return apiGroup(segs[0]) ?? this.aggregator.apiGroup(segs[0]);
    if (segs.length === 2) return apiResourceList(segs[0], segs[1]);
    return null;
  }

  /** A watch: chunks of `{"type":…,"object":…}` lines until the timeout, a cancel or a cache reset. */
  private *watch(c: Call, w: ResponseWriter, table: boolean): Co<void> {
    yield* this.cacher.waitReady();
    const from = watchStart(c);
    if (from !== null) yield* this.cacher.waitFresh(from);
    const spec = watchSpec(c);
    const timeoutS = Number(queryParam(c.url.query, 'timeoutSeconds') ?? 0) || minRequestTimeoutS * (1 + this.env.rng.next());
    const bookmarks = queryBool(c.url.query, 'allowWatchBookmarks');
    const info = c.info;
    const encode = (o: KubeObject) => (table ? tableFor(info.resource, info.group, [o], { nowMs: this.config.epochMs + this.env.now(), includeObject: includeObject(c.url) }) : withTypeMeta(info, o));
    w.head(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    this.watchers++;
    try {
      yield* suspend<void>((resume, fail) => {
        let watch: { stop(): void } | null = null;
        try {
          watch = this.cacher.addWatcher(
            {
              ...spec,
              sink: (e) => w.chunk(JSON.stringify({ type: e.type, object: encode(e.object) }) + '\n'),
              onEnd: () => resume(undefined),
            },
            from,
          );
        } catch (e) {
          fail(e);
          return;
        }
        const end = this.callbacks.after(timeoutS * 1000, () => resume(undefined));
        let bookmark: (() => void) | null = null;
        const tick = () => {
          w.chunk(JSON.stringify({ type: 'BOOKMARK', object: { kind: info.kind, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, metadata: { resourceVersion: String(this.cacher.rev) } } }) + '\n');
          bookmark = this.callbacks.after(bookmarkEveryMs, tick);
        };
        if (bookmarks) bookmark = this.callbacks.after(bookmarkEveryMs, tick);
        return () => {
          watch?.stop();
          end();
          (bookmark as (() => void) | null)?.();
        };
      });
    } catch (e) {
      // A watch from a compacted revision is answered as an ERROR event in the stream (410 Expired).
      if (e instanceof StatusError) {
        w.chunk(JSON.stringify({ type: 'ERROR', object: e.status }) + '\n');
        return;
      }
      throw e;
    } finally {
      this.watchers--;
    }
  }

  /** SelfSubjectAccessReview and friends: answered, never stored. */
  private *review(r: ResourceInfo, user: UserInfo, body: string | undefined, info: RequestInfo): Co<Status | KubeObject> {
    yield* noWait();
    return reviewFor(r, user, body, info, this.rbacStore());
  }

  // ---- compaction ----------------------------------------------------------------------------

  /** compact.go: every interval, compact to the revision seen one interval ago (guarded by compact_rev_key). */
  private scheduleCompaction(lastVersion: number, lastRev: number): void {
    const every = this.config.compactionIntervalMs ?? 5 * 60_000;
    if (every <= 0) return;
    this.callbacks.after(every, () => {
      new Coroutine(this.compactOnce(lastVersion, lastRev), (o) => {
        if (o.ok) this.scheduleCompaction(o.value.version, o.value.rev);
        else this.scheduleCompaction(lastVersion, lastRev);
      }).start();
    });
  }

  private *compactOnce(lastVersion: number, lastRev: number): Co<{ version: number; rev: number }> {
    const deadline = this.env.now() + requestTimeoutMs;
    const rev = yield* this.store.currentRevision(deadline);
    if (lastRev === 0) return { version: lastVersion, rev };
    const res = yield* this.store.compact(lastRev, lastVersion, deadline);
    return { version: res.version, rev };
  }
}

/** The includeObject parameter of a Table request. */
function includeObject(url: ReturnType<typeof parseUrl>): 'None' | 'Metadata' | 'Object' {
  const v = queryParam(url.query, 'includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** Where the RBAC authorizer's objects live: its view of them is rebuilt only when one changes. */
const rbacPrefixes = ['/registry/roles/', '/registry/rolebindings/', '/registry/clusterroles/', '/registry/clusterrolebindings/'];

/** Objects grouped by namespace, each group in the order given. */
function byNamespace<T extends KubeObject>(objs: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const o of objs) {
    const ns = o.metadata.namespace ?? '';
    const list = out.get(ns);
    if (list) list.push(o);
    else out.set(ns, [o]);
  }
  return out;
}

type CatalogEntry = ApiServerTelemetry['catalog'][number];
/** Each cached object's catalog entry, made once: a changed object is a new CachedObject. */
const catalogEntries = new WeakMap<CachedObject, CatalogEntry | null>();

function catalogEntry(o: CachedObject): CatalogEntry | null {
  let entry = catalogEntries.get(o);
  if (entry !== undefined) return entry;
  const info = infoOfKey(o.key);
  entry = info ? Object.freeze({ resource: info.resource, group: info.group, namespace: o.obj.metadata.namespace ?? '', name: o.obj.metadata.name ?? '', rv: String(o.rev), kind: info.kind }) : null;
  catalogEntries.set(o, entry);
  return entry;
}

/** The resource an etcd key belongs to (the longest matching prefix). */
function infoOfKey(key: string): ResourceInfo | undefined {
  let best: ResourceInfo | undefined;
  let bestLen = -1;
  for (const r of resources) {
    if (r.group === 'events.k8s.io') continue;
    const p = `${r.etcdPrefix ?? `/registry/${r.resource}`}/`;
    if (key.startsWith(p) && p.length > bestLen) {
      best = r;
      bestLen = p.length;
    }
  }
  return best;
}

/** Reviews are answered at once; a generator keeps the route's shape. */
function* noWait(): Co<void> {}

/** Writes one response on the client's stream. */
class ResponseWriter {
  started = false;
  private streaming = false;
  private done = false;

  constructor(
    private readonly env: Env,
    private readonly stream: StreamId,
    private readonly id: number,
  ) {}

  /** A whole JSON response; answers the status. */
  json(status: number, body: unknown): number {
    return this.send({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  text(status: number, body: string): number {
    return this.send({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
  }

  /** A response as it is (status, headers, body). */
  send(res: HttpResponse): number {
    if (this.started) return res.status;
    this.started = true;
    this.env.write(this.stream, { t: 'res', id: this.id, res } satisfies ServerFrame);
    return res.status;
  }

  /** The head of a streamed response. */
  head(status: number, headers: Record<string, string>): void {
    this.started = true;
    this.streaming = true;
    this.env.write(this.stream, { t: 'res', id: this.id, res: { status, headers, body: '' }, stream: true } satisfies ServerFrame);
  }

  chunk(data: string): void {
    if (!this.done) this.env.write(this.stream, { t: 'chunk', id: this.id, data } satisfies ServerFrame);
  }

  /** An error after the handler threw: a Status, unless a response already started. */
  error(e: unknown): void {
    if (!this.started) this.json((e instanceof StatusError ? e.code : 500) || 500, toStatus(e));
  }

  /** Ends a streamed response. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    if (this.streaming) this.env.write(this.stream, { t: 'end', id: this.id } satisfies ServerFrame);
  }
}

