// kubectl drain (k8s.io/kubectl/pkg/cmd/drain, pkg/drain): cordon the node, then evict its pods
// (DaemonSet pods need --ignore-daemonsets, pods without a controller need --force) and print
// `node/NAME drained`.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import type { KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { setUnschedulable } from './cordon';

interface PodLite {
  metadata: { name: string; namespace: string; ownerReferences?: { kind: string; controller?: boolean }[] };
  status?: { phase?: string };
}

export function drainCommand(ctx: KubectlContext): Command {
  return {
    use: 'drain NODE',
    short: 'Drain node in preparation for maintenance',
    flags: [
      { name: 'force', kind: 'bool', def: 'false', usage: 'Continue even if there are pods that do not declare a controller.' },
      { name: 'ignore-daemonsets', kind: 'bool', def: 'false', usage: 'Ignore DaemonSet-managed pods.' },
      { name: 'delete-emptydir-data', kind: 'bool', def: 'false', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
      { name: 'timeout', kind: 'string', def: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
      { name: 'grace-period', kind: 'int64', def: '-1', usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on' },
      { name: 'pod-selector', kind: 'string', def: '', usage: 'Label selector to filter pods on the node' },
      { name: 'disable-eviction', kind: 'bool', def: 'false', usage: 'Force drain to use delete, even if eviction is supported.' },
    ],
    run: (inv) => runDrain(ctx, inv.args),
  };
}

function* runDrain(ctx: KubectlContext, args: string[]): Co<void> {
  if (args.length !== 1) throw new CommandError("USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples");
  const name = args[0];
  ctx.io.out(`${yield* setUnschedulable(ctx, name, true)}\n`);
  const selector = `spec.nodeName=${name}`;
  const podSelector = ctx.flag<string>('pod-selector');
  const list = yield* ctx.request<{ items: PodLite[] }>('GET', `/api/v1/pods?fieldSelector=${encodeURIComponent(selector)}${podSelector ? `&labelSelector=${encodeURIComponent(podSelector)}` : ''}`);
  const force = ctx.flag<boolean>('force');
  const ignoreDs = ctx.flag<boolean>('ignore-daemonsets');
  const unmanaged: string[] = [];
  const daemons: string[] = [];
  const evict: PodLite[] = [];
  for (const p of list.items) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      evict.push(p);
      continue;
    }
    const ctrl = p.metadata.ownerReferences?.find((r) => r.controller);
    const id = `${p.metadata.namespace}/${p.metadata.name}`;
    if (ctrl?.kind === 'DaemonSet') daemons.push(id);
    else if (!ctrl && !force) unmanaged.push(id);
    else evict.push(p);
  }
  const errs: string[] = [];
  if (unmanaged.length) errs.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
  if (daemons.length && !ignoreDs) errs.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemons.join(', ')}`);
  if (errs.length) {
    ctx.io.err(`error: unable to drain node "${name}" due to error: ${errs.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${errs.join('\n')}\n`);
    throw new CommandError('', 1);
  }
  if (unmanaged.length === 0 && force && list.items.some((p) => !p.metadata.ownerReferences?.some((r) => r.controller))) {
    const ids = list.items.filter((p) => !p.metadata.ownerReferences?.some((r) => r.controller)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    ctx.io.err(`Warning: deleting Pods that declare no controller: ${ids.join(', ')}\n`);
  }
  if (daemons.length) ctx.io.err(`Warning: ignoring DaemonSet-managed Pods: ${daemons.join(', ')}\n`);
  for (const p of evict) {
    ctx.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
    try {
      yield* ctx.request('POST', `/api/v1/namespaces/${encodeURIComponent(p.metadata.namespace)}/pods/${encodeURIComponent(p.metadata.name)}/eviction`, {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
      });
      ctx.io.out(`pod/${p.metadata.name} evicted\n`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ctx.printApiError(e);
      throw new CommandError('', 1);
    }
  }
  ctx.io.out(`node/${name} drained\n`);
}
