// kubectl logs (k8s.io/kubectl/pkg/cmd/logs): a pod's container log through the apiserver's
// pods/log subresource (which proxies to the kubelet); TYPE/NAME picks the first pod the
// workload's selector matches. With no kubelets yet, the apiserver's answer is what prints.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { formatLabels } from '../../api/labels';
import { resourceArgs } from '../args';
import { parseOk, type KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { resourcePath, withQuery } from '../paths';

type Obj = Record<string, unknown>;

export function logsCommand(ctx: KubectlContext): Command {
  return {
    use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
    short: 'Print the logs for a container in a pod',
    flags: [
      { name: 'container', shorthand: 'c', kind: 'string', def: '', usage: 'Print the logs of this container' },
      { name: 'follow', shorthand: 'f', kind: 'bool', def: 'false', usage: 'Specify if the logs should be streamed.' },
      { name: 'previous', shorthand: 'p', kind: 'bool', def: 'false', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
      { name: 'tail', kind: 'int64', def: '-1', usage: 'Lines of recent log file to display.' },
      { name: 'timestamps', kind: 'bool', def: 'false', usage: 'Include timestamps on each line in the log output' },
      { name: 'all-containers', kind: 'bool', def: 'false', usage: 'Get all containers\' logs in the pod(s).' },
    ],
    run: (inv) => runLogs(ctx, inv.args),
  };
}

function* podFor(ctx: KubectlContext, args: string[]): Co<Obj> {
  const ns = ctx.namespace;
  if (args.length === 1 && !args[0].includes('/')) {
    try {
      return yield* ctx.request<Obj>('GET', `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(args[0])}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) throw new CommandError(`error from server (NotFound): pods "${args[0]}" not found in namespace "${ns}"`);
      throw e;
    }
  }
  const [req] = yield* resourceArgs(ctx, args);
  const name = req.names[0];
  const obj = yield* ctx.request<Obj>('GET', resourcePath(req.resource, ns, name));
  if (req.resource.kind === 'Pod') return obj;
  const spec = (obj.spec ?? {}) as { selector?: { matchLabels?: Record<string, string> } | Record<string, string> };
  const sel = req.resource.kind === 'Service' || req.resource.kind === 'ReplicationController' ? (spec.selector as Record<string, string>) : (spec.selector as { matchLabels?: Record<string, string> })?.matchLabels;
  const list = yield* ctx.request<{ items?: Obj[] }>('GET', withQuery(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, { labelSelector: formatLabels(sel).replace('<none>', '') }));
  const pod = list.items?.[0];
  if (!pod) throw new CommandError(`timed out waiting for the condition`);
  return pod;
}

function* runLogs(ctx: KubectlContext, args: string[]): Co<void> {
  if (args.length === 0) throw new CommandError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  const pod = yield* podFor(ctx, args);
  const meta = pod.metadata as { name: string; namespace: string };
  const containers = (((pod.spec as Obj | undefined)?.containers as { name: string }[] | undefined) ?? []).map((c) => c.name);
  let container = ctx.flag<string>('container');
  if (!container) {
    const defaulted = (pod.metadata as { annotations?: Record<string, string> }).annotations?.['kubectl.kubernetes.io/default-container'];
    container = defaulted ?? containers[0] ?? '';
    if (!defaulted && containers.length > 1) ctx.io.err(`Defaulted container "${container}" out of: ${containers.join(', ')}\n`);
  }
  const path = withQuery(`/api/v1/namespaces/${encodeURIComponent(meta.namespace)}/pods/${encodeURIComponent(meta.name)}/log`, {
    container,
    follow: ctx.flag<boolean>('follow') || undefined,
    previous: ctx.flag<boolean>('previous') || undefined,
    tailLines: Number(ctx.flag<bigint>('tail')) >= 0 ? Number(ctx.flag<bigint>('tail')) : undefined,
    timestamps: ctx.flag<boolean>('timestamps') || undefined,
  });
  const res = yield* ctx.rest.call('GET', path, undefined, { accept: '*/*' });
  if (res.status >= 200 && res.status < 300) {
    ctx.io.out(res.body);
    return;
  }
  parseOk(res);
}
