// kubectl logs (k8s.io/kubectl/pkg/cmd/logs/logs.go, polymorphichelpers/logsforobject.go): the
// container logs of a pod, of the pods a selector picks (-l, with 10 lines each unless --tail), or of
// the first pod of a workload (TYPE/NAME: `Found 3 pods, using pod/web-…`), through the apiserver's
// pods/log subresource, which streams them from the pod's kubelet. Several containers or pods are
// read one after the other, or side by side when following (-f, at most --max-log-requests).
// Interrupting a follow (Ctrl-C) ends the run with what was printed.

import { labelSelectorAsSelector, selectorFromSet } from '../../api/labels';
import type { Pod, Status } from '../../api/types';
import type { HttpResponse } from '../../apiserver/http';
import type { Command } from '../../etcdctl/cobra';
import { all, suspend, type Co } from '../../sim/co';
import { resourceArgs } from '../args';
import type { KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { resourcePath, withQuery } from '../paths';

type Obj = Record<string, unknown>;

/** The tail a selector gets unless --tail is given (logs.go selectorTail). */
const selectorTail = 10;

const usageErr = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

export function logsCommand(ctx: KubectlContext): Command {
  return {
    use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
    short: 'Print the logs for a container in a pod',
    flags: [
      { name: 'all-containers', kind: 'bool', def: 'false', usage: "Get all containers' logs in the pod(s)." },
      { name: 'all-pods', kind: 'bool', def: 'false', usage: 'Get logs from all pod(s). Sets prefix to true.' },
      { name: 'container', shorthand: 'c', kind: 'string', def: '', usage: 'Print the logs of this container' },
      { name: 'follow', shorthand: 'f', kind: 'bool', def: 'false', usage: 'Specify if the logs should be streamed.' },
      { name: 'ignore-errors', kind: 'bool', def: 'false', usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
      { name: 'insecure-skip-tls-verify-backend', kind: 'bool', def: 'false', usage: 'Skip verifying the identity of the kubelet that logs are requested from.' },
      { name: 'limit-bytes', kind: 'int64', def: '0', usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
      { name: 'max-log-requests', kind: 'int64', def: '5', usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
      { name: 'pod-running-timeout', kind: 'duration', def: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
      { name: 'prefix', kind: 'bool', def: 'false', usage: 'Prefix each log line with the log source (pod name and container name)' },
      { name: 'previous', shorthand: 'p', kind: 'bool', def: 'false', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
      { name: 'since', kind: 'duration', def: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
      { name: 'since-time', kind: 'string', def: '', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
      { name: 'tail', kind: 'int64', def: '-1', usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
      { name: 'timestamps', kind: 'bool', def: 'false', usage: 'Include timestamps on each line in the log output' },
    ],
    run: (inv) => runLogs(ctx, inv.args),
  };
}

/** PodLogOptions as kubectl sends them (logs.go ToLogOptions). */
interface LogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: string;
}

/** One log to read: a pod's container, and the reference its prefix names. */
interface LogRequest {
  pod: Pod;
  container: string;
}

/** A usage error as cmdutil.UsageErrorf prints it. */
function usage(msg: string): CommandError {
  return new CommandError(`${msg}\nSee 'kubectl logs -h' for help and examples`);
}

function* runLogs(ctx: KubectlContext, args: string[]): Co<void> {
  const selector = ctx.flag<string>('selector');
  let container = ctx.flag<string>('container');
  let resourceArg = '';
  if (args.length === 0) {
    if (!selector) throw usage(usageErr);
  } else if (args.length === 1) {
    resourceArg = args[0];
    if (selector) throw usage('only a selector (-l) or a POD name is allowed');
  } else if (args.length === 2) {
    resourceArg = args[0];
    container = args[1];
  } else throw usage(usageErr);
  const allContainers = ctx.flag<boolean>('all-containers');
  const prefix = ctx.flag<boolean>('prefix') || ctx.flag<boolean>('all-pods');
  const opts = logOptions(ctx, selector);
  const ns = ctx.namespace;
  const since = Number(ctx.flag<bigint>('since'));
  // Complete finds the object before Validate checks the flags.
  const target = yield* objectFor(ctx, resourceArg, selector, ns);
  if (ctx.flag<string>('since-time') && since !== 0) throw new CommandError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (allContainers && container) throw new CommandError(`--all-containers=true should not be specified with container name ${container}`);
  if (ctx.changed('container') && args.length === 2) throw new CommandError('only one of -c or an inline [CONTAINER] arg is allowed');
  if (Number(ctx.flag<bigint>('limit-bytes')) < 0) throw new CommandError('--limit-bytes must be greater than 0');
  if (since < 0) throw new CommandError('--since must be greater than 0');
  if (opts.tailLines !== undefined && opts.tailLines < -1) throw new CommandError('--tail must be greater than or equal to -1');
  const requests: LogRequest[] = [];
  if (target.kind === 'pods') {
    if (target.pods.length === 0) ctx.io.err(`No resources found in ${ns} namespace.\n`);
    for (const pod of target.pods) requests.push(...logsForPod(ctx, pod, container, allContainers));
  } else {
    const pods = ctx.flag<boolean>('all-pods') ? target.pods : [target.pods[0]];
    if (!ctx.flag<boolean>('all-pods') && target.total > 1) ctx.io.err(`Found ${target.total} pods, using pod/${target.pods[0].metadata.name}\n`);
    for (const pod of pods) requests.push(...logsForPod(ctx, pod, container, allContainers));
  }
  const maxFollow = Number(ctx.flag<bigint>('max-log-requests'));
  if (opts.follow && requests.length > 1) {
    if (requests.length > maxFollow) throw new CommandError(`you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxFollow}, use --max-log-requests to increase the limit`);
    yield* all(requests.map((r) => consume(ctx, r, opts, prefix)));
    return;
  }
  for (const r of requests) {
    try {
      yield* consume(ctx, r, opts, prefix);
    } catch (e) {
      if (!ctx.flag<boolean>('ignore-errors') || !(e instanceof ApiError)) throw e;
      ctx.io.out(`error: ${e.status.message ?? ''}\n`);
    }
  }
}

// Models logs.go ToLogOptions: a selector reads 10 lines of each log unless --tail says otherwise.
function logOptions(ctx: KubectlContext, selector: string): LogOptions {
  const tail = Number(ctx.flag<bigint>('tail'));
  const limit = Number(ctx.flag<bigint>('limit-bytes'));
  const sinceNs = ctx.flag<bigint>('since');
  const sinceTime = ctx.flag<string>('since-time');
  return {
    follow: ctx.flag<boolean>('follow'),
    previous: ctx.flag<boolean>('previous'),
    timestamps: ctx.flag<boolean>('timestamps'),
    ...(selector && tail === -1 && !ctx.changed('tail') ? { tailLines: selectorTail } : tail !== -1 ? { tailLines: tail } : {}),
    ...(limit !== 0 ? { limitBytes: limit } : {}),
    // Rounded to the nearest second.
    ...(sinceNs !== 0n ? { sinceSeconds: Math.round(Number(sinceNs) / 1e9) } : {}),
    ...(sinceTime ? { sinceTime } : {}),
  };
}

type Target = { kind: 'pods'; pods: Pod[] } | { kind: 'controller'; pods: Pod[]; total: number };

/** The object the arguments name: a pod, the pods a selector matches, or the pods behind a workload. */
function* objectFor(ctx: KubectlContext, arg: string, selector: string, ns: string): Co<Target> {
  const podsPath = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`;
  if (selector) {
    const list = yield* ctx.request<{ items?: Pod[] }>('GET', withQuery(podsPath, { labelSelector: selector }));
    return { kind: 'pods', pods: list.items ?? [] };
  }
  const slash = arg.indexOf('/');
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const resource = slash < 0 ? null : (yield* resourceArgs(ctx, [arg]))[0].resource;
  if (!resource || resource.kind === 'Pod') {
    try {
      return { kind: 'pods', pods: [yield* ctx.request<Pod>('GET', `${podsPath}/${encodeURIComponent(name)}`)] };
    } catch (e) {
      // logs.go wraps a NotFound from the resource builder.
      if (e instanceof ApiError && e.code === 404) throw new CommandError(`error from server (NotFound): ${e.status.message ?? ''} in namespace "${ns}"`);
      throw e;
    }
  }
  const obj = yield* ctx.request<Obj>('GET', resourcePath(resource, ns, name));
  const sel = selectorsForObject(resource.kind, obj);
  const timeoutMs = Number(ctx.flag<bigint>('pod-running-timeout')) / 1e6;
  return yield* firstPods(ctx, podsPath, sel, timeoutMs);
}

// Models polymorphichelpers/helpers.go SelectorsForObject.
function selectorsForObject(kind: string, obj: Obj): string {
  const spec = (obj.spec ?? {}) as { selector?: unknown };
  const name = (obj.metadata as { name?: string } | undefined)?.name ?? '';
  if (kind === 'ReplicationController' || kind === 'Service') {
    const set = spec.selector as Record<string, string> | undefined;
    if (!set || Object.keys(set).length === 0) throw new CommandError(kind === 'Service' ? `invalid service '${name}': Service is defined without a selector` : `invalid replicationcontroller '${name}': Selector is empty`);
    return selectorFromSet(set).toString();
  }
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(kind)) {
    try {
      return labelSelectorAsSelector(spec.selector as never).toString();
    } catch (e) {
      throw new CommandError(`invalid label selector: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new CommandError(`selector for ${kind} not implemented`);
}

// Models polymorphichelpers/helpers.go GetFirstPod: the pods sorted best first (ByLogging), waiting for one to appear.
function* firstPods(ctx: KubectlContext, podsPath: string, selector: string, timeoutMs: number): Co<Target> {
  for (let waited = 0; ; waited += 1000) {
    const list = yield* ctx.request<{ items?: Pod[] }>('GET', withQuery(podsPath, { labelSelector: selector }));
    const pods = [...(list.items ?? [])];
    if (pods.length > 0) return { kind: 'controller', pods: sortByLogging(pods), total: pods.length };
    if (waited >= timeoutMs) throw new CommandError('timed out waiting for the condition');
    yield* ctx.rest.sleep(1000);
  }
}

const podReady = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');

// Models k8s.io/kubectl/pkg/util/podutils ByLogging.
/** Pods best for logs first: scheduled, Running, ready (longest), most restarts, oldest. */
export function sortByLogging(pods: Pod[]): Pod[] {
  const phaseRank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const rank = (p: Pod) => phaseRank[p.status?.phase ?? ''] ?? 3;
  const ready = (p: Pod) => podReady(p)?.status === 'True';
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const time = (t: string | null | undefined) => (t ? Date.parse(t) : Infinity);
  const less = (a: Pod, b: Pod): number => {
    const an = a.spec?.nodeName ?? '';
    const bn = b.spec?.nodeName ?? '';
    if (an !== bn && (!an || !bn)) return an ? -1 : 1;
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (ready(a) !== ready(b)) return ready(a) ? -1 : 1;
    if (ready(a) && ready(b)) {
      const ta = time(podReady(a)?.lastTransitionTime);
      const tb = time(podReady(b)?.lastTransitionTime);
      if (ta !== tb) return ta - tb;
    }
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = time(a.metadata.creationTimestamp);
    const cb = time(b.metadata.creationTimestamp);
    return ca === cb ? 0 : ca - cb;
  };
  return pods.sort(less);
}

// Models k8s.io/kubectl/pkg/cmd/util/podcmd AllContainerNames.
function allContainerNames(pod: Pod): string {
  return [...(pod.spec?.containers ?? []).map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ');
}

// Models polymorphichelpers/logsforobject.go logsForObjectWithClient for a Pod.
/** The logs of one pod: the named container, the default one, or every container in spec order. */
function logsForPod(ctx: KubectlContext, pod: Pod, container: string, allContainers: boolean): LogRequest[] {
  const spec = pod.spec ?? { containers: [] };
  const names = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name);
  if (allContainers) return names.map((c) => ({ pod, container: c }));
  let name = container;
  if (!name) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (annotated) {
      if (names.includes(annotated)) name = annotated;
      else ctx.io.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
    }
  }
  if (!name) {
    name = spec.containers?.[0]?.name ?? '';
    if ((spec.containers?.length ?? 0) > 1 || (spec.initContainers?.length ?? 0) > 0) ctx.io.err(`Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!names.includes(name)) throw new CommandError(`container ${name} is not valid for pod ${pod.metadata.name}`);
  return [{ pod, container: name }];
}

/** The pods/log URL of a request (PodLogOptions as query parameters). */
export function logURL(r: LogRequest, o: LogOptions): string {
  const m = r.pod.metadata;
  return withQuery(`/api/v1/namespaces/${encodeURIComponent(m.namespace ?? 'default')}/pods/${encodeURIComponent(m.name ?? '')}/log`, {
    container: r.container,
    follow: o.follow || undefined,
    previous: o.previous || undefined,
    timestamps: o.timestamps || undefined,
    tailLines: o.tailLines,
    limitBytes: o.limitBytes,
    sinceSeconds: o.sinceSeconds,
    sinceTime: o.sinceTime,
  });
}

// Models logs.go DefaultConsumeRequest (line by line) and prefixingWriter (`[pod/NAME/CONTAINER] `).
function* consume(ctx: KubectlContext, r: LogRequest, o: LogOptions, prefix: boolean): Co<void> {
  const tag = prefix ? `[pod/${r.pod.metadata.name}/${r.container}] ` : '';
  let pending = '';
  const write = (data: string) => {
    pending += data;
    const nl = pending.lastIndexOf('\n');
    if (nl < 0) return;
    const lines = pending.slice(0, nl + 1);
    pending = pending.slice(nl + 1);
    ctx.io.out(tag ? lines.split('\n').slice(0, -1).map((l) => `${tag}${l}\n`).join('') : lines);
  };
  const res = yield* streamRequest(ctx, 'GET', logURL(r, o), write, { accept: 'application/json, */*' });
  if (res.status < 200 || res.status > 299) throw errorOf(res);
  if (pending) ctx.io.out(`${tag}${pending}`);
}

/** The Status of a failed streamed request (client-go's Stream: the body's Status, or a generic one). */
export function errorOf(res: HttpResponse): ApiError {
  try {
    const s = JSON.parse(res.body) as Status;
    if (s && s.kind === 'Status') return new ApiError(s);
  } catch {
    // Not a Status.
  }
  return new ApiError({ kind: 'Status', status: 'Failure', message: `the server responded with the status code ${res.status} but did not return more information`, code: res.status });
}

/**
 * A request whose body is read as it streams: a 2xx body goes to `onData` chunk by chunk; any other
 * answer is collected into the response returned. Interrupting the run cancels the request.
 */
export function* streamRequest(ctx: KubectlContext, method: 'GET' | 'POST', url: string, onData: (data: string) => void, headers: Record<string, string> = {}, body?: string): Co<HttpResponse> {
  let head: HttpResponse | null = null;
  let ok = false;
  const req = {
    method,
    url,
    headers: { accept: 'application/json', 'user-agent': 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd', ...ctx.rest.headers, ...headers },
    ...(body !== undefined ? { body } : {}),
  };
  yield* suspend<void>((resume, fail) =>
    ctx.rest.transport.stream(
      req,
      (res) => {
        head = { ...res };
        ok = (res.status >= 200 && res.status < 300) || res.status === 101;
        if (ok && res.body) onData(res.body);
        else if (!ok) head.body = res.body;
      },
      (data) => {
        if (ok) onData(data);
        else if (head) head.body += data;
      },
      (err) => (err ? fail(err) : resume(undefined)),
    ),
  );
  return head ?? { status: 0, headers: {}, body: '' };
}
