// client-go's clientset as the in-cluster components use it: get, list, create, update, patch and
// delete of any served resource (and its status, scale, binding, eviction subresources), as
// coroutines over the REST client. A non-2xx answer throws the apiserver's Status as a StatusError,
// so `isNotFound(e)` and friends read as apimachinery's apierrors helpers do; a broken connection
// throws a TransportError.

import { resourceFor, type ResourceInfo } from '../api/resources';
import type { DeleteOptions, KubeList, KubeObject, Status } from '../api/types';
import { buildUrl, pathEscape, type HttpResponse } from '../apiserver/http';
import { StatusError } from '../apiserver/errors';
import type { Co } from '../sim/co';
import { RestClient, type RestTransport } from '../kubectl/rest';

/** The patch types the apiserver accepts. */
export type PatchType = 'application/merge-patch+json' | 'application/strategic-merge-patch+json' | 'application/json-patch+json';

/** List options (metav1.ListOptions) as query parameters. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

/** The calls a controller makes; the real one goes over the wire, tests use FakeClient. */
export interface KubeClient {
  get<T extends KubeObject>(r: ResourceInfo, namespace: string, name: string, subresource?: string): Co<T>;
  list<T extends KubeObject>(r: ResourceInfo, namespace: string, opts?: ListOptions): Co<KubeList<T>>;
  create<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource?: string, name?: string): Co<T>;
  update<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource?: string): Co<T>;
  patch<T extends KubeObject>(r: ResourceInfo, namespace: string, name: string, type: PatchType, patch: unknown, subresource?: string): Co<T>;
  delete(r: ResourceInfo, namespace: string, name: string, opts?: DeleteOptions): Co<void>;
}

/** The resource `group/resource` (v1 of it, as served), for code that names resources by their REST names. */
export function res(group: string, resource: string): ResourceInfo {
  const r = resourceFor(group, 'v1', resource) ?? resourceFor(group, 'v2', resource);
  if (!r) throw new Error(`no served resource ${resource}${group ? `.${group}` : ''}`);
  return r;
}

/** `/apis/apps/v1/namespaces/default/deployments/web/status`; `namespace` is ignored for cluster-scoped resources. */
export function restPath(r: Pick<ResourceInfo, 'group' | 'version' | 'resource' | 'namespaced'>, namespace: string, name = '', subresource = ''): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${pathEscape(namespace)}` : '';
  return `${base}${ns}/${r.resource}${name ? `/${pathEscape(name)}` : ''}${name && subresource ? `/${subresource}` : ''}`;
}

/** Whether `e` is the apiserver's 404. */
export const isNotFound = (e: unknown): boolean => e instanceof StatusError && e.code === 404;
/** Whether `e` is a 409 AlreadyExists. */
export const isAlreadyExists = (e: unknown): boolean => e instanceof StatusError && e.reason === 'AlreadyExists';
/** Whether `e` is a 409 Conflict (a stale resourceVersion). */
export const isConflict = (e: unknown): boolean => e instanceof StatusError && e.reason === 'Conflict';

/** The clientset over a connection to the apiserver. */
export class RestKubeClient implements KubeClient {
  readonly rest: RestClient;

  constructor(
    transport: RestTransport,
    /** client-go's user agent: `kube-scheduler/v1.32.4 (linux/amd64) kubernetes/59526cd`. */
    userAgent: string,
    /** A bearer token other than the connection's (a controller's own service account). */
    token?: string,
  ) {
    this.rest = new RestClient(transport, { 'user-agent': userAgent, ...(token ? { authorization: `Bearer ${token}` } : {}) });
  }

  *get<T extends KubeObject>(r: ResourceInfo, namespace: string, name: string, subresource = ''): Co<T> {
    return decode<T>(yield* this.rest.call('GET', restPath(r, namespace, name, subresource)));
  }

  *list<T extends KubeObject>(r: ResourceInfo, namespace: string, opts: ListOptions = {}): Co<KubeList<T>> {
    return decode<KubeList<T>>(yield* this.rest.call('GET', buildUrl(restPath(r, namespace), { ...opts })));
  }

  *create<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource = '', name = ''): Co<T> {
    return decode<T>(yield* this.rest.call('POST', restPath(r, namespace, name, subresource), obj));
  }

  *update<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource = ''): Co<T> {
    return decode<T>(yield* this.rest.call('PUT', restPath(r, namespace, obj.metadata.name ?? '', subresource), obj));
  }

  *patch<T extends KubeObject>(r: ResourceInfo, namespace: string, name: string, type: PatchType, patch: unknown, subresource = ''): Co<T> {
    return decode<T>(yield* this.rest.call('PATCH', restPath(r, namespace, name, subresource), JSON.stringify(patch), { 'content-type': type }));
  }

  *delete(r: ResourceInfo, namespace: string, name: string, opts?: DeleteOptions): Co<void> {
    decode(yield* this.rest.call('DELETE', restPath(r, namespace, name), opts ? { kind: 'DeleteOptions', apiVersion: 'v1', ...opts } : undefined));
  }
}

/** The body of a 2xx answer; any other answer thrown as the Status it carries. */
function decode<T>(res: HttpResponse): T {
  let body: unknown;
  try {
    body = res.body ? JSON.parse(res.body) : {};
  } catch {
    body = null;
  }
  if (res.status >= 200 && res.status < 300) return body as T;
  const st = body as Status | null;
  if (st && st.kind === 'Status') throw new StatusError(st);
  throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: res.status, reason: 'Unknown', message: `the server responded with the status code ${res.status} but did not return more information` });
}
