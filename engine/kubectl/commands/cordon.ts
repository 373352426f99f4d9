// kubectl cordon / uncordon (k8s.io/kubectl/pkg/cmd/drain, pkg/drain/cordon.go): set or clear a
// node's spec.unschedulable with a strategic merge patch; `already cordoned` when nothing changes.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { resourceArgs } from '../args';
import type { KubectlContext } from '../context';
import { ApiError, CommandError, SilentExit } from '../errors';
import { resourcePath } from '../paths';

/** Cordons (or uncordons) one node; answers what kubectl prints for it. */
export function* setUnschedulable(ctx: KubectlContext, name: string, desired: boolean): Co<string> {
  const nodes = yield* ctx.discovery.resolve(ctx, 'nodes');
  const path = resourcePath(nodes, null, name);
  const node = yield* ctx.request<{ spec?: { unschedulable?: boolean } }>('GET', path);
  const verb = desired ? 'cordoned' : 'uncordoned';
  if ((node.spec?.unschedulable ?? false) === desired) return `node/${name} already ${verb}`;
  yield* ctx.request('PATCH', path, JSON.stringify({ spec: { unschedulable: desired ? true : null } }), { 'content-type': 'application/strategic-merge-patch+json' });
  return `node/${name} ${verb}`;
}

function* nodeNames(ctx: KubectlContext, args: string[], selector: string): Co<string[]> {
  if (args.length === 0 && !selector) throw new CommandError('USAGE: cordon NODE [flags]\nSee \'kubectl cordon -h\' for help and examples');
  if (selector) {
    const list = yield* ctx.request<{ items: { metadata: { name: string } }[] }>('GET', `/api/v1/nodes?labelSelector=${encodeURIComponent(selector)}`);
    return list.items.map((i) => i.metadata.name);
  }
  const reqs = yield* resourceArgs(ctx, args.length === 1 && !args[0].includes('/') ? ['nodes', args[0]] : args);
  return reqs.flatMap((r) => r.names);
}

function cordonLike(ctx: KubectlContext, use: string, short: string, desired: boolean): Command {
  return {
    use,
    short,
    flags: [
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on' },
      { name: 'dry-run', kind: 'string', def: 'none', usage: 'Must be "none", "server", or "client".' },
    ],
    run: function* (inv) {
      let failed = false;
      for (const name of yield* nodeNames(ctx, inv.args, ctx.flag<string>('selector'))) {
        try {
          ctx.io.out(`${yield* setUnschedulable(ctx, name, desired)}\n`);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          ctx.printApiError(e);
          failed = true;
        }
      }
      if (failed) throw new SilentExit(1);
    },
  };
}

export function cordonCommand(ctx: KubectlContext): Command {
  return cordonLike(ctx, 'cordon NODE', 'Mark node as unschedulable', true);
}

export function uncordonCommand(ctx: KubectlContext): Command {
  return cordonLike(ctx, 'uncordon NODE', 'Mark node as schedulable', false);
}
