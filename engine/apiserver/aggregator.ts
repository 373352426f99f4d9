// kube-aggregator inside kube-apiserver (k8s.io/kube-aggregator): APIServices
// (apiregistration.k8s.io/v1) register API groups that another server serves. A request under
// /apis/<group>/<version> of a registered non-local APIService is proxied to the server behind its
// Service (handler_proxy.go): authenticated and authorized here first, then sent on with the
// front-proxy client certificate and the user in X-Remote-User / X-Remote-Group; while the
// APIService is not Available the answer is 503 "service unavailable". /apis lists the group once
// it is Available, and /apis/<group> is answered here (handler_apis.go).
//
// The AvailableConditionController (pkg/controllers/status/remote) checks every APIService on
// each change and every 30 s: the Service must exist and listen on the APIService's port, and
// GET /apis/<group>/<version> on it must answer 2xx within 5 s; it writes the Available condition
// (Local, Passed, ServiceNotFound, ServicePortError, FailedDiscoveryCheck) to APIService status.
//
// There are no pods behind the Service here: its kubeplay.dev/backend-process annotation names the
// process that serves it (metrics-server is one process, engine/metrics), and the aggregator dials
// that process; the Endpoints check is therefore not made.

import { etcdKeyOf, resourceFor, type ResourceInfo } from '../api/resources';
import type { KubeObject, ObjectMeta, Service, TableColumnDefinition } from '../api/types';
import type { Callbacks } from '../sim/callbacks';
import { Coroutine, suspend, type Cancel, type Co } from '../sim/co';
import type { Env, Input, ProcessId, StreamId } from '../sim/env';
import { clientCertToken } from './auth/authn';
import type { UserInfo } from './auth/user';
import type { ClientFrame, HttpRequest, HttpResponse, ServerFrame } from './http';
import { parseUrl } from './http';
import { update, type Call, type RestContext } from './registry/rest';
import { rfc3339 } from './registry/objects';
import { fieldDoc } from './printers/docs';
import { translateTimestampSince } from './printers/helpers';
import type { PrintedRow } from './printers/row';
import type { Cacher } from './storage/cacher';

/** APIServiceCondition. */
export interface APIServiceCondition {
  type: 'Available';
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** APIService (apiregistration.k8s.io/v1). */
export interface APIService extends KubeObject {
  metadata: ObjectMeta;
  spec: {
    /** Null or absent for a group this apiserver serves itself (a local APIService). */
    service?: { namespace: string; name: string; port?: number } | null;
    group: string;
    version: string;
    insecureSkipTLSVerify?: boolean;
    caBundle?: string;
    groupPriorityMinimum: number;
    versionPriority: number;
  };
  status?: { conditions?: APIServiceCondition[] };
}

/** The CN of kube-apiserver's --proxy-client-cert-file (kubeadm's front-proxy-client.crt). */
export const frontProxyClientUser = 'front-proxy-client';

/** The annotation on a Service that names the process serving it. */
export const backendProcessAnnotation = 'kubeplay.dev/backend-process';

/** How the aggregator times itself; the fast profile divides by ten. */
export interface AggregatorTiming {
  /** The APIService informer's resync: every APIService is checked at least this often (30 s). */
  resyncMs: number;
  /** How often changes to APIServices and Services are looked for. */
  pollMs: number;
  /** The discovery check's HTTP client timeout (5 s). */
  discoveryTimeoutMs: number;
  /** The proxy's dial timeout (30 s, as the kubelet client's). */
  dialTimeoutMs: number;
}

/** The aggregator's timing in a profile. */
export function aggregatorTiming(profile: 'fast' | 'realistic' = 'fast'): AggregatorTiming {
  const t = { resyncMs: 30_000, pollMs: 1_000, discoveryTimeoutMs: 5_000, dialTimeoutMs: 30_000 };
  return profile === 'realistic' ? t : { resyncMs: t.resyncMs / 10, pollMs: t.pollMs / 10, discoveryTimeoutMs: t.discoveryTimeoutMs / 10, dialTimeoutMs: t.dialTimeoutMs };
}

const apiServicesInfo: ResourceInfo | undefined = resourceFor('apiregistration.k8s.io', 'v1', 'apiservices');
const servicesInfo = resourceFor('', 'v1', 'services')!;

/** What the aggregator is built from: the apiserver's process, cache and registry. */
export interface AggregatorContext {
  env: Env;
  cacher: Cacher;
  rest: RestContext;
  callbacks: Callbacks;
  timing: AggregatorTiming;
  /** Writes an APIService's status (UpdateStatus); the apiserver's own registry by default. */
  writeStatus?: (s: APIService) => Co<KubeObject>;
}

/** Whether an APIService's Available condition is True. */
export function isAvailable(s: APIService): boolean {
  return s.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ?? false;
}

/** What a proxied request hears. */
interface Pending {
  stream: StreamId;
  done(res: HttpResponse | { error: string }): void;
}

/** The aggregator of one apiserver. */
export class Aggregator {
  private readonly conns = new Map<ProcessId, StreamId>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly token = clientCertToken(frontProxyClientUser);
  /** Per APIService: what was checked (its and its Service's resourceVersions) and when. */
  private readonly checked = new Map<string, { key: string; at: number }>();
  private readonly checking = new Set<string>();
  /** Requests proxied and availability checks made, for telemetry. */
  proxied = 0;
  checks = 0;

  constructor(private readonly ctx: AggregatorContext) {}

  /** Starts the availability controller. */
  start(): void {
    if (!apiServicesInfo) return;
    const tick = () => {
      this.ctx.callbacks.after(this.ctx.timing.pollMs, tick);
      if (this.ctx.cacher.ready) this.checkDue();
    };
    this.ctx.callbacks.after(this.ctx.timing.pollMs, tick);
  }

  /** Takes the proxy's inputs (its streams' frames and closes); false for others. */
  receive(input: Input): boolean {
    if (input.type === 'data') {
      if (![...this.conns.values()].includes(input.stream)) return false;
      const f = input.msg as ServerFrame;
      const p = this.pending.get(f.id);
      if (p && f.t === 'res') {
        this.pending.delete(f.id);
        p.done(f.res);
      }
      return true;
    }
    if (input.type === 'closed') {
      let backend: ProcessId | null = null;
      for (const [n, s] of this.conns) if (s === input.stream) backend = n;
      if (backend === null) return false;
      this.conns.delete(backend);
      // The backend went away (its Endpoints would change): check every APIService again at the next poll.
      this.checked.clear();
      for (const [id, p] of [...this.pending]) {
        if (p.stream !== input.stream) continue;
        this.pending.delete(id);
        p.done({ error: 'EOF' });
      }
      return true;
    }
    return false;
  }

  /** Every APIService, sorted as discovery orders them (group priority, then version priority). */
  apiServices(): readonly APIService[] {
    if (!apiServicesInfo || !this.ctx.cacher.ready) return [];
    // Every request asks (serviceFor): the sorted list is made again only when an APIService changes.
    const prefix = etcdKeyOf(apiServicesInfo, undefined, '');
    const version = this.ctx.cacher.version(prefix);
    if (this.sortedServices?.version === version) return this.sortedServices.list;
    const list = this.ctx.cacher
      .list(prefix)
      .map((o) => o.obj as APIService)
      .sort((a, b) => b.spec.groupPriorityMinimum - a.spec.groupPriorityMinimum || (a.spec.group < b.spec.group ? -1 : a.spec.group > b.spec.group ? 1 : 0) || b.spec.versionPriority - a.spec.versionPriority);
    this.sortedServices = { version, list };
    return list;
  }
  private sortedServices: { version: number; list: readonly APIService[] } | null = null;

  /** The registered non-local APIService a path is under (/apis/<group>/<version>[/…]), if any. */
  serviceFor(path: string): APIService | null {
    const m = /^\/apis\/([^/]+)\/([^/]+)(\/|$)/.exec(path);
    if (!m) return null;
    return this.apiServices().find((s) => s.spec.service && s.spec.group === m[1] && s.spec.version === m[2]) ?? null;
  }

  /** The Available aggregated groups, for /apis (after the apiserver's own). */
  groups(): { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion: { groupVersion: string; version: string } }[] {
    const byGroup = new Map<string, APIService[]>();
    for (const s of this.apiServices()) {
      if (!s.spec.service || !isAvailable(s)) continue;
      byGroup.set(s.spec.group, [...(byGroup.get(s.spec.group) ?? []), s]);
    }
    return [...byGroup].map(([name, ss]) => {
      const versions = ss.map((s) => ({ groupVersion: `${name}/${s.spec.version}`, version: s.spec.version }));
      return { name, versions, preferredVersion: versions[0] };
    });
  }

  /** /apis with the Available aggregated groups added. */
  withGroups(list: Record<string, unknown>): Record<string, unknown> {
    const own = (list.groups as { name: string }[]) ?? [];
    const extra = this.groups().filter((g) => !own.some((o) => o.name === g.name));
    return { ...list, groups: [...own, ...extra] };
  }

  /** /apis/<group> of an Available aggregated group; null when there is none. */
  apiGroup(group: string): Record<string, unknown> | null {
    const g = this.groups().find((x) => x.name === group);
    return g ? { kind: 'APIGroup', apiVersion: 'v1', ...g } : null;
  }

  /**
   * Proxies an authorized request to the APIService's backend and writes its answer (handler_proxy.go
   * ServeHTTP); answers the status written.
   */
  *proxy(req: HttpRequest, user: UserInfo, s: APIService, w: { send(res: HttpResponse): number }): Co<number> {
    if (!isAvailable(s)) return w.send(textResponse(503, 'service unavailable\n'));
    const svc = this.serviceOf(s);
    const backend = svc?.metadata.annotations?.[backendProcessAnnotation];
    const address = `${svc?.spec?.clusterIP ?? ''}:${s.spec.service?.port ?? 443}`;
    if (!svc || !backend) return w.send(textResponse(503, 'service unavailable\n'));
    this.proxied++;
    const headers: Record<string, string> = { 'x-remote-user': user.username };
    if (user.groups.length) headers['x-remote-group'] = user.groups.join(',');
    for (const h of ['accept', 'content-type', 'user-agent']) if (req.headers[h]) headers[h] = req.headers[h];
    const res = yield* this.send(backend, { method: req.method, url: req.url, headers, ...(req.body !== undefined ? { body: req.body } : {}) }, this.ctx.timing.dialTimeoutMs);
    if ('error' in res) return w.send(textResponse(503, `error trying to reach service: ${res.error === 'timeout' ? `dial tcp ${address}: i/o timeout` : res.error}\n`));
    return w.send(res);
  }

  // ---- the AvailableConditionController -----------------------------------------------------

  private serviceOf(s: APIService): Service | null {
    const ref = s.spec.service;
    if (!ref) return null;
    return (this.ctx.cacher.get(etcdKeyOf(servicesInfo, ref.namespace, ref.name))?.obj as Service | undefined) ?? null;
  }

  // Checks every APIService that changed (or whose Service did) or is due for its resync.
  private checkDue(): void {
    const now = this.ctx.env.now();
    for (const s of this.apiServices()) {
      const name = s.metadata.name!;
      if (this.checking.has(name)) continue;
      const key = `${s.metadata.resourceVersion}|${this.serviceOf(s)?.metadata.resourceVersion ?? ''}`;
      const last = this.checked.get(name);
      if (last && last.key === key && now - last.at < this.ctx.timing.resyncMs) continue;
      this.checking.add(name);
      new Coroutine(this.sync(s), (o) => {
        this.checking.delete(name);
        // A failed write (a conflict with another apiserver) is checked again at the next poll.
        if (o.ok) this.checked.set(name, { key: o.value, at: this.ctx.env.now() });
      }).start();
    }
  }

  // Models available_controller.go sync: the condition the checks give, written when it changed.
  private *sync(s: APIService): Co<string> {
    this.checks++;
    const cond = yield* this.availability(s);
    const fresh = this.apiServices().find((x) => x.metadata.name === s.metadata.name);
    if (!fresh) return '';
    const old = fresh.status?.conditions?.find((c) => c.type === 'Available');
    const stamp = `|${this.serviceOf(fresh)?.metadata.resourceVersion ?? ''}`;
    if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message) return `${fresh.metadata.resourceVersion}${stamp}`;
    // SetAPIServiceCondition keeps lastTransitionTime while the status stays the same.
    const next: APIServiceCondition = { type: 'Available', status: cond.status, lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : rfc3339(this.ctx.rest.epochMs + this.ctx.env.now()), reason: cond.reason, message: cond.message };
    const conditions = [...(fresh.status?.conditions ?? []).filter((c) => c.type !== 'Available'), next];
    const body: APIService = { ...fresh, apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', status: { ...fresh.status, conditions } };
    const out = yield* (this.ctx.writeStatus ?? ((x) => this.updateStatus(x)))(body);
    return `${out.metadata.resourceVersion}${stamp}`;
  }

  // PUT apiservices/<name>/status through the registry, as the controller's clientset would.
  private *updateStatus(s: APIService): Co<KubeObject> {
    const c: Call = {
      info: apiServicesInfo!,
      req: { isResourceRequest: true, path: '', verb: 'update', apiPrefix: 'apis', apiGroup: 'apiregistration.k8s.io', apiVersion: 'v1', namespace: '', resource: 'apiservices', subresource: 'status', name: s.metadata.name!, parts: [] },
      url: parseUrl(''),
      deadline: this.ctx.env.now() + 10_000,
    };
    return yield* update(this.ctx.rest, c, JSON.stringify(s));
  }

  // The checks of available_controller.go sync, in order (the Endpoints one left out).
  private *availability(s: APIService): Co<Pick<APIServiceCondition, 'status' | 'reason' | 'message'>> {
    const ref = s.spec.service;
    if (!ref) return { status: 'True', reason: 'Local', message: 'Local APIServices are always available' };
    const svc = this.serviceOf(s);
    if (!svc) return { status: 'False', reason: 'ServiceNotFound', message: `service/${ref.name} in "${ref.namespace}" is not present` };
    const port = ref.port ?? 443;
    if ((svc.spec?.type ?? 'ClusterIP') === 'ClusterIP' && !(svc.spec?.ports ?? []).some((p) => p.port === port)) {
      return { status: 'False', reason: 'ServicePortError', message: `service/${ref.name} in "${ref.namespace}" is not listening on port ${port}` };
    }
    const url = `https://${svc.spec?.clusterIP ?? ''}:${port}/apis/${s.spec.group}/${s.spec.version}`;
    const backend = svc.metadata.annotations?.[backendProcessAnnotation];
    const res = backend ? yield* this.send(backend, { method: 'GET', url: `/apis/${s.spec.group}/${s.spec.version}`, headers: { 'x-remote-user': 'system:kube-aggregator', 'x-remote-group': 'system:masters' } }, this.ctx.timing.discoveryTimeoutMs) : { error: 'timeout' as const };
    if ('error' in res) {
      const why = res.error === 'timeout' ? 'context deadline exceeded' : res.error;
      return { status: 'False', reason: 'FailedDiscoveryCheck', message: `failing or missing response from ${url}: Get "${url}": ${why}` };
    }
    if (res.status < 200 || res.status >= 300) return { status: 'False', reason: 'FailedDiscoveryCheck', message: `failing or missing response from ${url}: bad status from ${url}: ${res.status}` };
    return { status: 'True', reason: 'Passed', message: 'all checks passed' };
  }

  // ---- the proxy's transport ------------------------------------------------------------------

  // One request on the backend's connection (dialled on first use), or an error after `timeoutMs`.
  private *send(backend: ProcessId, req: HttpRequest, timeoutMs: number): Co<HttpResponse | { error: string }> {
    return yield* suspend<HttpResponse | { error: string }>((resume) => {
      const id = this.nextId++;
      const frame: ClientFrame = { t: 'req', id, req: { ...req, headers: { ...req.headers, authorization: `Bearer ${this.token}` } } };
      let open = this.conns.get(backend);
      if (open === undefined || !this.ctx.env.write(open, frame)) {
        this.conns.delete(backend);
        open = this.ctx.env.connect(backend, { aggregator: true });
        this.conns.set(backend, open);
        this.ctx.env.write(open, frame);
      }
      const stream = open;
      let cancelTimer: Cancel = () => {};
      this.pending.set(id, {
        stream,
        done: (r) => {
          cancelTimer();
          resume(r);
        },
      });
      cancelTimer = this.ctx.callbacks.after(timeoutMs, () => {
        if (!this.pending.delete(id)) return;
        this.ctx.env.write(stream, { t: 'cancel', id } satisfies ClientFrame);
        resume({ error: 'timeout' });
      });
      return () => {
        cancelTimer();
        if (this.pending.delete(id)) this.ctx.env.write(stream, { t: 'cancel', id } satisfies ClientFrame);
      };
    });
  }
}

function textResponse(status: number, body: string): HttpResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body };
}

// Models kube-aggregator pkg/registry/apiservice/etcd ConvertToTable: `kubectl get apiservices`.
/** The APIService table's columns: NAME, SERVICE, AVAILABLE, AGE. */
export const apiServiceColumns: TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: fieldDoc['meta/v1.ObjectMeta.name'], priority: 0 },
  { name: 'Service', type: 'string', format: '', description: 'The reference to the service that hosts this API endpoint.', priority: 0 },
  { name: 'Available', type: 'string', format: '', description: 'Whether this service is available.', priority: 0 },
  { name: 'Age', type: 'string', format: '', description: fieldDoc['meta/v1.ObjectMeta.creationTimestamp'], priority: 0 },
];

/** One APIService's row: its Service (or Local) and its Available condition (with the reason when not True). */
export function printAPIService(s: APIService, nowMs: number): PrintedRow {
  const service = s.spec?.service ? `${s.spec.service.namespace}/${s.spec.service.name}` : 'Local';
  const c = s.status?.conditions?.find((x) => x.type === 'Available');
  const status = !c ? 'Unknown' : c.status === 'True' || !c.reason ? c.status : `${c.status} (${c.reason})`;
  return { cells: [s.metadata.name ?? '', service, status, translateTimestampSince(s.metadata.creationTimestamp, nowMs)] };
}
