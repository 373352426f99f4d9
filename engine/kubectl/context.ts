// What one kubectl run works with: the REST client, its output, stdin, the namespace from the
// kubeconfig or -n, and the discovered resources (kubectl's discovery cache) for turning `deploy`
// into deployments.apps/v1.

import type { Io } from '../etcdctl/io';
import type { ParsedFlags } from '../etcdctl/flags';
import type { Co } from '../sim/co';
import { ApiError, CommandError, apiErrorText } from './errors';
import type { RestClient } from './rest';
import { TransportError } from './rest';
import type { HttpResponse, Method } from '../apiserver/http';
import type { Status } from '../api/types';

/** One resource as discovery lists it. */
export interface ApiResource {
  group: string;
  version: string;
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames: string[];
  categories: string[];
}

/** The run's context. */
export class KubectlContext {
  /** The API errors this run printed, by manifest document (for editors). */
  readonly apiErrors: { document: number; status: Status }[] = [];
  /** The host's editor for `kubectl edit`: shows the text, calls `done` with what was saved (null: none). */
  editor?: (text: string, done: (edited: string | null) => void) => (() => void) | void;

  constructor(
    readonly rest: RestClient,
    readonly io: Io,
    readonly stdin: string | undefined,
    readonly nowMs: () => number,
    readonly discovery: DiscoveryCache,
    public flags: ParsedFlags | null = null,
  ) {}

  /** A global flag's value. */
  flag<T extends string | boolean | bigint | string[]>(name: string): T {
    return this.flags?.values.get(name) as T;
  }

  changed(name: string): boolean {
    return this.flags?.changed.has(name) ?? false;
  }

  /** -n, else the kubeconfig context's namespace (`default`). */
  get namespace(): string {
    return (this.flag<string>('namespace') || '') || 'default';
  }

  /** Prints an API error as kubectl does, and remembers it for the manifest's document. */
  printApiError(e: ApiError, document?: number): void {
    this.io.err(apiErrorText(e.status));
    if (document !== undefined) this.apiErrors.push({ document, status: e.status });
  }

  /** A request that must succeed: an error Status becomes an ApiError. */
  *request<T = Record<string, unknown>>(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Co<T> {
    const res = yield* this.rest.call(method, url, body, headers);
    return parseOk<T>(res);
  }
}

/** The body of a 2xx response; a Status otherwise, as an ApiError. */
export function parseOk<T>(res: HttpResponse): T {
  let body: unknown;
  try {
    body = res.body ? JSON.parse(res.body) : {};
  } catch {
    if (res.status >= 200 && res.status < 300) return res.body as unknown as T;
    throw new ApiError({ kind: 'Status', status: 'Failure', message: `an error on the server ("${res.body}") has prevented the request from succeeding`, reason: 'InternalError', code: res.status });
  }
  if (res.status >= 200 && res.status < 300) return body as T;
  const s = body as Status;
  if (s && s.kind === 'Status') throw new ApiError(s);
  throw new ApiError({ kind: 'Status', status: 'Failure', message: `the server responded with the status code ${res.status} but did not return more information`, code: res.status });
}

/** kubectl's memory of the server's resources; refreshed when a name is not found in it. */
export class DiscoveryCache {
  private resources: ApiResource[] | null = null;
  /** Group versions in discovery order; the first version of each group is its preferred one. */
  private groups: { name: string; versions: string[] }[] = [];

  invalidate(): void {
    this.resources = null;
  }

  *all(ctx: KubectlContext): Co<ApiResource[]> {
    if (this.resources) return this.resources;
    const out: ApiResource[] = [];
    const core = yield* ctx.request<{ versions: string[] }>('GET', '/api');
    const groups = yield* ctx.request<{ groups: { name: string; versions: { version: string }[] }[] }>('GET', '/apis');
    this.groups = [{ name: '', versions: core.versions }, ...groups.groups.map((g) => ({ name: g.name, versions: g.versions.map((v) => v.version) }))];
    for (const g of this.groups) {
      for (const v of g.versions) {
        const path = g.name ? `/apis/${g.name}/${v}` : `/api/${v}`;
        let list: { resources: Omit<ApiResource, 'group' | 'version'>[] };
        try {
          list = yield* ctx.request<{ resources: Omit<ApiResource, 'group' | 'version'>[] }>('GET', path);
        } catch (e) {
          // A group version that fails (an aggregated API whose server is down) is left out, as client-go's discovery goes on with a partial result.
          if (e instanceof ApiError && g.name !== '') continue;
          throw e;
        }
        for (const r of list.resources) {
          if (r.name.includes('/')) continue;
          out.push({ ...r, group: g.name, version: v, shortNames: r.shortNames ?? [], categories: r.categories ?? [] });
        }
      }
    }
    this.resources = out;
    return out;
  }

  /** Preferred versions only (what `kubectl api-resources` lists). */
  *preferred(ctx: KubectlContext): Co<ApiResource[]> {
    const all = yield* this.all(ctx);
    return all.filter((r) => this.groups.find((g) => g.name === r.group)?.versions[0] === r.version);
  }

  /** Group versions, as `kubectl api-versions` lists them. */
  *groupVersions(ctx: KubectlContext): Co<string[]> {
    yield* this.all(ctx);
    return this.groups.flatMap((g) => g.versions.map((v) => (g.name ? `${g.name}/${v}` : v)));
  }

  /**
   * A resource argument (`deploy`, `deployments`, `deployment.apps`, `deployments.v1.apps`, `Pod`)
   * as the RESTMapper resolves it; `error: the server doesn't have a resource type "x"` when none.
   */
  *resolve(ctx: KubectlContext, arg: string): Co<ApiResource> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const found = match(yield* this.preferred(ctx), arg);
      if (found) return found;
      this.invalidate();
    }
    throw new CommandError(`the server doesn't have a resource type "${arg}"`);
  }

  /** The resource of an object's apiVersion and kind. */
  *forKind(ctx: KubectlContext, apiVersion: string, kind: string): Co<ApiResource | null> {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    for (let attempt = 0; attempt < 2; attempt++) {
      const all = yield* this.all(ctx);
      const r = all.find((x) => x.group === group && x.version === version && x.kind === kind);
      if (r) return r;
      this.invalidate();
    }
    return null;
  }
}

function match(rs: ApiResource[], arg: string): ApiResource | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const rest = dot < 0 ? '' : lower.slice(dot + 1);
  const is = (r: ApiResource) => r.name === name || r.singularName === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name;
  const candidates = rs.filter(is);
  if (!rest) {
    // Without a group the core group wins, then the first group in discovery order (kube's priority RESTMapper).
    return candidates.find((r) => r.group === '') ?? candidates[0];
  }
  // `deployments.apps` or `deployments.v1.apps`.
  return candidates.find((r) => r.group === rest) ?? candidates.find((r) => `${r.version}.${r.group}` === rest);
}

/** Rethrows a transport failure as kubectl reports it (its sentence, exit 1). */
export function isTransport(e: unknown): e is TransportError {
  return e instanceof TransportError;
}
