// kubectl delete (k8s.io/kubectl/pkg/cmd/delete): by type and name, TYPE/NAME, -f, -l or --all;
// --cascade picks the propagation policy, --grace-period/--now/--force the grace; with --wait
// (the default) it waits until each object is gone, as kubectl waits on a watch.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { resourceArgs } from '../args';
import type { ApiResource, KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { resourcePath, withQuery } from '../paths';
import { manifestTargets } from './apply';

export function deleteCommand(ctx: KubectlContext): Command {
  return {
    use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    flags: [
      { name: 'filename', shorthand: 'f', kind: 'stringSlice', def: '[]', usage: 'containing the resource to delete.' },
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on.' },
      { name: 'all', kind: 'bool', def: 'false', usage: 'Delete all resources, in the namespace of the specified resource types.' },
      { name: 'all-namespaces', shorthand: 'A', kind: 'bool', def: 'false', usage: 'If present, list the requested object(s) across all namespaces.' },
      { name: 'cascade', kind: 'string', def: 'background', usage: 'Must be "background", "orphan", or "foreground".' },
      { name: 'grace-period', kind: 'int64', def: '-1', usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
      { name: 'now', kind: 'bool', def: 'false', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
      { name: 'force', kind: 'bool', def: 'false', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
      { name: 'wait', kind: 'bool', def: 'true', usage: 'If true, wait for resources to be gone before returning.' },
      { name: 'ignore-not-found', kind: 'bool', def: 'false', usage: 'Treat "resource not found" as a successful delete.' },
      { name: 'dry-run', kind: 'string', def: 'none', usage: 'Must be "none", "server", or "client".' },
      { name: 'output', shorthand: 'o', kind: 'string', def: '', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    ],
    run: (inv) => runDelete(ctx, inv.args),
  };
}

interface Victim {
  resource: ApiResource;
  namespace: string | null;
  name: string;
}

function* runDelete(ctx: KubectlContext, args: string[]): Co<void> {
  const cascade = ctx.flag<string>('cascade');
  const propagation = { background: 'Background', orphan: 'Orphan', foreground: 'Foreground', true: 'Background', false: 'Orphan' }[cascade];
  if (!propagation) throw new CommandError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  let grace = Number(ctx.flag<bigint>('grace-period'));
  if (ctx.flag<boolean>('now')) grace = 1;
  if (ctx.flag<boolean>('force')) {
    if (grace < 0) grace = 0;
    ctx.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const files = ctx.flag<string[]>('filename');
  const selector = ctx.flag<string>('selector');
  const all = ctx.flag<boolean>('all');
  const allNs = ctx.flag<boolean>('all-namespaces');
  const victims: Victim[] = [];
  if (files.length) {
    for (const t of yield* manifestTargets(ctx, files)) victims.push({ resource: t.resource, namespace: t.namespace, name: t.name });
  } else {
    if (args.length === 0) throw new CommandError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
    const requests = yield* resourceArgs(ctx, args);
    for (const req of requests) {
      if (req.names.length === 0) {
        if (!selector && !all) throw new CommandError('resource(s) were provided, but no name was specified');
        const list = yield* ctx.request<{ items: { metadata: { name: string; namespace?: string } }[] }>('GET', withQuery(resourcePath(req.resource, allNs ? null : ctx.namespace), { labelSelector: selector || undefined }));
        for (const i of list.items) victims.push({ resource: req.resource, namespace: i.metadata.namespace ?? null, name: i.metadata.name });
      } else for (const name of req.names) victims.push({ resource: req.resource, namespace: req.resource.namespaced ? ctx.namespace : null, name });
    }
    if (victims.length === 0) {
      ctx.io.err(allNs || !requests.every((r) => r.resource.namespaced) ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
      return;
    }
  }
  const dry = ctx.flag<string>('dry-run');
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  let failed = false;
  const waitFor: Victim[] = [];
  for (const v of victims) {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: propagation, ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
    try {
      if (dry !== 'client') {
        const res = yield* ctx.request<{ kind?: string; status?: string }>('DELETE', withQuery(resourcePath(v.resource, v.namespace, v.name), { dryRun: dry === 'server' ? 'All' : undefined }), body);
        if (res.kind !== 'Status') waitFor.push(v);
      }
      ctx.io.out(ctx.flag<string>('output') === 'name' ? `${v.resource.kind.toLowerCase()}${v.resource.group ? `.${v.resource.group}` : ''}/${v.name}\n` : `${v.resource.kind.toLowerCase()}${v.resource.group ? `.${v.resource.group}` : ''} "${v.name}" deleted${suffix}\n`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 404 && ctx.flag<boolean>('ignore-not-found')) continue;
      failed = true;
      ctx.printApiError(e);
    }
  }
  // --wait: an object that lingers (finalizers, a grace period) is watched until it is gone.
  if (ctx.flag<boolean>('wait') && dry === 'none') {
    for (const v of waitFor) {
      for (;;) {
        try {
          yield* ctx.request('GET', resourcePath(v.resource, v.namespace, v.name));
        } catch (e) {
          if (e instanceof ApiError && e.code === 404) break;
          throw e;
        }
        yield* ctx.rest.sleep(1000);
      }
    }
  }
  if (failed) throw new CommandError('', 1);
}
