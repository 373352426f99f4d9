// The pod subresources that reach a kubelet: pods/log (pkg/registry/core/pod/rest/log.go LogREST
// and strategy.go LogLocation) and pods/exec (rest/subresources.go ExecREST and ExecLocation). Both
// read the pod, pick its container (validateContainer's errors), find its node's kubelet
// (ConnectionInfoGetter: the Node's InternalIP and daemonEndpoints port) and proxy the request
// there: logs through a LocationStreamer (a kubelet error becomes a Status, the generic response
// checker's way), exec through the upgrade-aware proxy (the kubelet's upgraded stream, or its error
// response, goes to the client as it is). A pod with no node has empty logs; exec into it is a 400.

import { etcdKeyOf, resourceFor } from '../../api/resources';
import type { Container, Node, Pod, Status } from '../../api/types';
import { invalidStatus } from '../../api/validation/errors';
import { forbidden, invalid, newPath, type FieldError } from '../../api/validation/field';
import { suspend, type Co } from '../../sim/co';
import { newBadRequest, newInternalError, newNotFound, StatusError } from '../errors';
import { queryBool, queryParam, type HttpRequest, type HttpResponse } from '../http';
import type { KubeletClient } from './kubelet-client';
import { get, type Call, type RestContext } from './rest';

/** How a subresource answers: the apiserver's response writer. */
export interface SubresourceWriter {
  readonly started: boolean;
  json(status: number, body: unknown): number;
  send(res: HttpResponse): number;
  head(status: number, headers: Record<string, string>): void;
  chunk(data: string): void;
}

/** What the kubelet-facing subresources need from the apiserver. */
export interface ConnectContext {
  rest: RestContext;
  kubelets: KubeletClient;
}

const nodesInfo = resourceFor('', 'v1', 'nodes')!;

/** The pod a subresource call is on (a quorum read, as the registry's Get is). */
function* podOf(ctx: ConnectContext, c: Call): Co<Pod> {
  return (yield* get(ctx.rest, { ...c, req: { ...c.req, subresource: '' } })) as Pod;
}

// Models pkg/api/pod/util.go VisitContainers: init containers, then containers (ephemeral ones are not served).
function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

// Models pkg/registry/core/pod/strategy.go validateContainer.
/** The container a request names, or the only one; a 400 when it names none of several or one not there. */
export function validateContainer(container: string, pod: Pod): string {
  const name = pod.metadata.name ?? '';
  const containers = pod.spec?.containers ?? [];
  if (!container) {
    if (containers.length === 1) return containers[0].name;
    if (containers.length === 0) throw newBadRequest(`a container name must be specified for pod ${name}`);
    throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${allContainers(pod).map((c) => c.name).join(' ')}]`);
  }
  if (!allContainers(pod).some((c) => c.name === container)) throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

// Models pkg/kubelet/client/kubelet_client.go NodeConnectionInfoGetter.GetConnectionInfo (preferred address types InternalIP, ExternalIP, Hostname).
/** Where a node's kubelet listens: the process to dial (named as the node) and its `ip:port`. */
export function connectionInfo(ctx: ConnectContext, nodeName: string): { node: string; hostPort: string } {
  const node = ctx.rest.cacher.get(etcdKeyOf(nodesInfo, undefined, nodeName))?.obj as Node | undefined;
  if (!node) throw newNotFound({ group: '', resource: 'nodes' }, nodeName);
  const addrs = node.status?.addresses ?? [];
  const addr = ['InternalIP', 'ExternalIP', 'Hostname'].map((t) => addrs.find((a) => a.type === t)?.address).find((a) => !!a) ?? nodeName;
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port || 10250;
  return { node: nodeName, hostPort: `${addr}:${port}` };
}

/** url.Values.Encode: keys sorted, each value query-escaped. */
function encodeQuery(params: [string, string][]): string {
  const esc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return [...params]
    .map((p, i) => [p, i] as const)
    .sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]))
    .map(([[k, v]]) => `${esc(k)}=${esc(v)}`)
    .join('&');
}

// ---- pods/log ----------------------------------------------------------------------------------

/** PodLogOptions as the query carries them. */
export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
}

// int64 query parameters (the parameter codec's strconv.ParseInt).
function int64Param(q: Map<string, string[]>, key: string): number | undefined {
  const v = queryParam(q, key);
  if (v === undefined || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw newBadRequest(`strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

/** PodLogOptions decoded from a request's query; a 400 for a value that does not parse. */
export function podLogOptions(q: Map<string, string[]>): PodLogOptions {
  const sinceTime = queryParam(q, 'sinceTime');
  if (sinceTime !== undefined && sinceTime !== '' && Number.isNaN(Date.parse(sinceTime))) {
    throw newBadRequest(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
  }
  return {
    container: queryParam(q, 'container') ?? '',
    follow: queryBool(q, 'follow'),
    previous: queryBool(q, 'previous'),
    timestamps: queryBool(q, 'timestamps'),
    tailLines: int64Param(q, 'tailLines'),
    limitBytes: int64Param(q, 'limitBytes'),
    sinceSeconds: int64Param(q, 'sinceSeconds'),
    ...(sinceTime ? { sinceTime: new Date(Date.parse(sinceTime)).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
  };
}

// Models pkg/apis/core/validation/validation.go ValidatePodLogOptions.
/** The field errors of PodLogOptions. */
export function validatePodLogOptions(o: PodLogOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (o.tailLines !== undefined && o.tailLines < 0) errs.push(invalid(newPath('tailLines'), o.tailLines, 'must be greater than or equal to 0'));
  if (o.limitBytes !== undefined && o.limitBytes < 1) errs.push(invalid(newPath('limitBytes'), o.limitBytes, 'must be greater than 0'));
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) errs.push(forbidden(newPath(''), 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) errs.push(invalid(newPath('sinceSeconds'), o.sinceSeconds, 'must be greater than 0'));
  return errs;
}

// Models pkg/registry/core/pod/strategy.go LogLocation: the kubelet's containerLogs path and its query.
/** The kubelet path of a pod's container log under `opts`. */
export function logPath(pod: Pod, container: string, o: PodLogOptions): string {
  const params: [string, string][] = [];
  if (o.follow) params.push(['follow', 'true']);
  if (o.previous) params.push(['previous', 'true']);
  if (o.timestamps) params.push(['timestamps', 'true']);
  if (o.sinceSeconds !== undefined) params.push(['sinceSeconds', String(o.sinceSeconds)]);
  if (o.sinceTime !== undefined) params.push(['sinceTime', o.sinceTime]);
  if (o.tailLines !== undefined) params.push(['tailLines', String(o.tailLines)]);
  if (o.limitBytes !== undefined) params.push(['limitBytes', String(o.limitBytes)]);
  const query = encodeQuery(params);
  return `/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${container}${query ? `?${query}` : ''}`;
}

// Models staging/src/k8s.io/apiserver/pkg/registry/generic/rest/response_checker.go (and errors.NewGenericServerResponse).
/** The Status a kubelet's error answer to a logs request becomes. */
export function kubeletErrorStatus(code: number, body: string, resource: string, name: string): Status {
  if (code === 400) return newBadRequest(body).status;
  if (code === 500) return newInternalError(body).status;
  const suffix = ` ( ${resource} ${name})`;
  const [reason, message] =
    code === 401 ? ['Unauthorized', 'the server has asked for the client to provide credentials']
    : code === 403 ? ['Forbidden', body]
    : code === 404 ? ['NotFound', 'the server could not find the requested resource']
    : ['', `the server responded with the status code ${code} but did not return more information`];
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${message}${suffix}`, ...(reason ? { reason } : {}), details: { name, kind: resource }, code };
}

/** GET pods/log: validates the options, then streams the kubelet's answer as text/plain. */
export function* podLog(ctx: ConnectContext, c: Call, w: SubresourceWriter): Co<number> {
  const name = c.req.name;
  const opts = podLogOptions(c.url.query);
  const errs = validatePodLogOptions(opts);
  if (errs.length > 0) throw new StatusError(invalidStatus({ group: '', kind: 'PodLogOptions' }, name, errs));
  const pod = yield* podOf(ctx, c);
  const container = validateContainer(opts.container, pod);
  const nodeName = pod.spec?.nodeName;
  // No node yet: the LocationStreamer has no location, so no stream, and StreamObject answers 204 No Content.
  if (!nodeName) return w.send({ status: 204, headers: {}, body: '' });
  const info = connectionInfo(ctx, nodeName);
  const path = logPath(pod, container, opts);
  const url = `https://${info.hostPort}${path}`;
  return yield* suspend<number>((resume, fail) => {
    let error: { code: number; body: string } | null = null;
    return ctx.kubelets.request(info.node, info.hostPort, { method: 'GET', url: path, headers: {} }, {
      head(res) {
        if (res.status < 200 || res.status > 206) error = { code: res.status, body: '' };
        else w.head(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
      },
      chunk(data) {
        if (error) error.body += data;
        else w.chunk(data);
      },
      end(err) {
        if (err !== null) fail(new Error(`Get "${url}": ${err}`));
        else if (error) fail(new StatusError(kubeletErrorStatus(error.code, error.body, 'pods/log', name)));
        else resume(200);
      },
    });
  });
}

// ---- pods/exec ---------------------------------------------------------------------------------

/** PodExecOptions as the query carries them. */
export interface PodExecOptions {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** PodExecOptions decoded from a request's query. */
export function podExecOptions(q: Map<string, string[]>): PodExecOptions {
  return { container: queryParam(q, 'container') ?? '', command: q.get('command') ?? [], stdin: queryBool(q, 'stdin'), stdout: queryBool(q, 'stdout'), stderr: queryBool(q, 'stderr'), tty: queryBool(q, 'tty') };
}

// Models pkg/registry/core/pod/strategy.go streamLocation and streamParams.
/** The kubelet path of an exec; the streams are flags named as api.ExecStdinParam and friends name them (`input`, `output`, `error`, `tty`). */
export function execPath(pod: Pod, container: string, o: PodExecOptions): string {
  const params: [string, string][] = [];
  if (o.stdin) params.push(['input', '1']);
  if (o.stdout) params.push(['output', '1']);
  if (o.stderr) params.push(['error', '1']);
  if (o.tty) params.push(['tty', '1']);
  for (const cmd of o.command) params.push(['command', cmd]);
  return `/exec/${pod.metadata.namespace}/${pod.metadata.name}/${container}?${encodeQuery(params)}`;
}

/** POST (or GET) pods/exec: the kubelet's upgraded stream, proxied as it is. */
export function* podExec(ctx: ConnectContext, c: Call, req: HttpRequest, w: SubresourceWriter): Co<number> {
  const opts = podExecOptions(c.url.query);
  const pod = yield* podOf(ctx, c);
  const container = validateContainer(opts.container, pod);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) throw newBadRequest(`pod ${c.req.name} does not have a host assigned`);
  const info = connectionInfo(ctx, nodeName);
  const path = execPath(pod, container, opts);
  return yield* suspend<number>((resume, fail) => {
    let whole: HttpResponse | null = null;
    return ctx.kubelets.request(info.node, info.hostPort, { method: 'POST', url: path, headers: {}, ...(opts.stdin && req.body !== undefined ? { body: req.body } : {}) }, {
      head(res) {
        if (res.status === 101) w.head(101, res.headers);
        else whole = { status: res.status, headers: res.headers, body: '' };
      },
      chunk(data) {
        if (whole) whole.body += data;
        else w.chunk(data);
      },
      end(err) {
        // The upgrade-aware proxy's responder: a dial failure is a 500 Status.
        if (err !== null) return fail(new Error(`error dialing backend: ${err}`));
        if (whole) return resume(w.send(whole));
        resume(101);
      },
    });
  });
}
