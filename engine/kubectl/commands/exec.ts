// kubectl exec (k8s.io/kubectl/pkg/cmd/exec/exec.go): runs a command in a container through the
// apiserver's pods/exec subresource, which the pod's kubelet serves. Upstream upgrades the
// connection (WebSocket, falling back to SPDY) and multiplexes stdin, stdout, stderr and an error
// channel on it; here the upgraded response streams those frames (engine/kubelet/exec/stream.ts)
// and stdin, with -i, is what the run was given, sent whole. There is never a terminal behind -t.
// The command's exit code becomes kubectl's (`command terminated with exit code 3`).

import type { Pod } from '../../api/types';
import type { Command } from '../../etcdctl/cobra';
import type { Co } from '../../sim/co';
import { decodeFrames, exitCodeOf } from '../../kubelet/exec/stream';
import { labelSelectorAsSelector, selectorFromSet } from '../../api/labels';
import { resourceArgs } from '../args';
import type { KubectlContext } from '../context';
import { CommandError, SilentExit } from '../errors';
import { resourcePath, withQuery } from '../paths';
import { errorOf, streamRequest } from './logs';

const defaultPodExecTimeout = '1m0s';

export function execCommand(ctx: KubectlContext): Command {
  return {
    use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
    short: 'Execute a command in a container',
    flags: [
      { name: 'container', shorthand: 'c', kind: 'string', def: '', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
      { name: 'filename', shorthand: 'f', kind: 'stringSlice', def: '[]', usage: 'to use to exec into the resource' },
      { name: 'pod-running-timeout', kind: 'duration', def: defaultPodExecTimeout, usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
      { name: 'quiet', shorthand: 'q', kind: 'bool', def: 'false', usage: 'Only print output from the remote session' },
      { name: 'stdin', shorthand: 'i', kind: 'bool', def: 'false', usage: 'Pass stdin to the container' },
      { name: 'tty', shorthand: 't', kind: 'bool', def: 'false', usage: 'Stdin is a TTY' },
    ],
    run: (inv) => {
      const dash = inv.rawArgs.indexOf('--');
      // cobra's ArgsLenAtDash: how many positional args came before `--` (every word after it is one).
      const argsLenAtDash = dash < 0 ? -1 : inv.args.length - (inv.rawArgs.length - dash - 1);
      return runExec(ctx, inv.args, argsLenAtDash);
    },
  };
}

// Models exec.go ExecOptions.Complete, Validate and Run.
function* runExec(ctx: KubectlContext, args: string[], argsLenAtDash: number): Co<void> {
  const quiet = ctx.flag<boolean>('quiet');
  let resourceName = args.length > 0 && argsLenAtDash !== 0 ? args[0] : '';
  let command: string[] = [];
  if (argsLenAtDash > -1) command = args.slice(argsLenAtDash);
  else if (args.length > 1) {
    if (!quiet) ctx.io.err('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
    command = args.slice(1);
  }
  if (ctx.flag<string[]>('filename').length > 0) throw new CommandError('exec -f is not supported here: name the pod');
  if (!resourceName) throw new CommandError('pod, type/name or --filename must be specified');
  if (command.length === 0) throw new CommandError('you must specify at least one command for the container');
  const pod = yield* podFor(ctx, resourceName);
  resourceName = pod.metadata.name ?? resourceName;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CommandError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = ctx.flag<string>('container');
  if (!container) container = defaultContainer(ctx, pod, quiet);
  // SetupTTY: stdin is never a terminal here, so a TTY is refused and the session goes on without one.
  const stdin = ctx.flag<boolean>('stdin');
  if (stdin && ctx.flag<boolean>('tty') && !quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const m = pod.metadata;
  const url = withQuery(`/api/v1/namespaces/${encodeURIComponent(m.namespace ?? ctx.namespace)}/pods/${encodeURIComponent(m.name ?? '')}/exec`, { container, stdin: stdin || undefined, stdout: true, stderr: true });
  const full = `${url}${command.map((c) => `&command=${encodeURIComponent(c)}`).join('')}`;
  let buffer = '';
  let code: number | null = null;
  let failure: string | null = null;
  const res = yield* streamRequest(
    ctx,
    'POST',
    full,
    (data) => {
      const { frames, rest } = decodeFrames(buffer + data);
      buffer = rest;
      for (const f of frames) {
        if (f.ch === 1) ctx.io.out(f.data);
        else if (f.ch === 2) ctx.io.err(f.data);
        else if (f.status.status === 'Success') code = 0;
        else {
          code = exitCodeOf(f.status);
          if (code === null) failure = f.status.message ?? '';
        }
      }
    },
    { 'x-stream-protocol-version': 'v4.channel.k8s.io' },
    stdin ? (ctx.stdin ?? '') : undefined,
  );
  if (res.status !== 101) {
    // The upgrade failed (spdy's NewConnection): a Status from the apiserver, or the kubelet's plain-text answer.
    if (isStatus(res.body)) throw errorOf(res);
    throw new CommandError(`unable to upgrade connection: ${res.body.trim()}`);
  }
  if (failure !== null) throw new CommandError(failure);
  if (code !== null && code !== 0) {
    ctx.io.err(`command terminated with exit code ${code}\n`);
    throw new SilentExit(code);
  }
}

function isStatus(body: string): boolean {
  try {
    return (JSON.parse(body) as { kind?: string }).kind === 'Status';
  } catch {
    return false;
  }
}

// Models k8s.io/kubectl/pkg/cmd/util/podcmd FindOrDefaultContainerByName (no name given).
function defaultContainer(ctx: KubectlContext, pod: Pod, quiet: boolean): string {
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 0) throw new CommandError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...containers, ...(pod.spec?.initContainers ?? [])];
  if (annotated && all.some((c) => c.name === annotated)) return annotated;
  const first = containers[0].name;
  if (!quiet && (containers.length > 1 || (pod.spec?.initContainers?.length ?? 0) > 0)) {
    const names = [...containers.map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)];
    ctx.io.err(`Defaulted container "${first}" out of: ${names.join(', ')}\n`);
  }
  return first;
}

// Models polymorphichelpers/attachablepodforobject.go: a pod, or the most active pod of a workload.
function* podFor(ctx: KubectlContext, arg: string): Co<Pod> {
  const ns = ctx.namespace;
  const podsPath = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`;
  if (!arg.includes('/')) return yield* ctx.request<Pod>('GET', `${podsPath}/${encodeURIComponent(arg)}`);
  const [req] = yield* resourceArgs(ctx, [arg]);
  const name = req.names[0];
  const obj = yield* ctx.request<Record<string, unknown> & Pod>('GET', resourcePath(req.resource, ns, name));
  if (req.resource.kind === 'Pod') return obj;
  const spec = (obj.spec ?? {}) as { selector?: unknown };
  const kind = req.resource.kind;
  let selector: string;
  if (kind === 'Service' || kind === 'ReplicationController') {
    const set = spec.selector as Record<string, string> | undefined;
    if (!set || Object.keys(set).length === 0) throw new CommandError(`invalid ${kind === 'Service' ? 'service' : 'replicationcontroller'} '${name}': ${kind === 'Service' ? 'Service is defined without a selector' : 'Selector is empty'}`);
    selector = selectorFromSet(set).toString();
  } else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(kind)) selector = labelSelectorAsSelector(spec.selector as never).toString();
  else throw new CommandError(`cannot attach to ${kind}: selector for ${kind} not implemented`);
  const timeoutMs = Number(ctx.flag<bigint>('pod-running-timeout')) / 1e6;
  for (let waited = 0; ; waited += 1000) {
    const list = yield* ctx.request<{ items?: Pod[] }>('GET', withQuery(podsPath, { labelSelector: selector }));
    const pods = list.items ?? [];
    if (pods.length > 0) return mostActive(pods);
    if (waited >= timeoutMs) throw new CommandError('timed out waiting for the condition');
    yield* ctx.rest.sleep(1000);
  }
}

// Models sort.Reverse(podutils.ActivePods): scheduled, Running, ready longest, fewest restarts, oldest first.
function mostActive(pods: Pod[]): Pod {
  const phaseRank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');
  const isReady = (p: Pod) => ready(p)?.status === 'True';
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const time = (t: string | null | undefined) => (t ? Date.parse(t) : Infinity);
  const cmp = (a: Pod, b: Pod): number => {
    const an = a.spec?.nodeName ?? '';
    const bn = b.spec?.nodeName ?? '';
    if (!!an !== !!bn) return an ? -1 : 1;
    const ra = phaseRank[a.status?.phase ?? ''] ?? 3;
    const rb = phaseRank[b.status?.phase ?? ''] ?? 3;
    if (ra !== rb) return ra - rb;
    if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
    if (isReady(a) && isReady(b)) {
      const ta = time(ready(a)?.lastTransitionTime);
      const tb = time(ready(b)?.lastTransitionTime);
      if (ta !== tb) return ta - tb;
    }
    if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b);
    return time(a.metadata.creationTimestamp) - time(b.metadata.creationTimestamp);
  };
  return [...pods].sort(cmp)[0];
}
