// kubectl describe (k8s.io/kubectl/pkg/cmd/describe): the objects the args name (or all of a type,
// or those -l selects), each through its kind's describer, separated by a blank line; `TYPE
// PREFIX` that names no object describes every object whose name starts with PREFIX.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { resourceArgs, type ResourceRequest } from '../args';
import { parseOk, type KubectlContext } from '../context';
import { describerFor, type Fetch } from '../describe';
import { ApiError, CommandError, SilentExit } from '../errors';
import { resourcePath, withQuery } from '../paths';

type Obj = Record<string, unknown>;

export function describeCommand(ctx: KubectlContext): Command {
  return {
    use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
    short: 'Show details of a specific resource or group of resources',
    flags: [
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on' },
      { name: 'all-namespaces', shorthand: 'A', kind: 'bool', def: 'false', usage: 'If present, list the requested object(s) across all namespaces.' },
      { name: 'show-events', kind: 'bool', def: 'true', usage: 'If true, display events related to the described object.' },
      { name: 'chunk-size', kind: 'int64', def: '500', usage: 'Return large lists in chunks rather than all at once.' },
      { name: 'filename', shorthand: 'f', kind: 'stringSlice', def: '[]', usage: 'Filename, directory, or URL to files containing the resource to describe' },
    ],
    run: (inv) => runDescribe(ctx, inv.args),
  };
}

/** The describers' view of the REST client. */
export function fetcher(ctx: KubectlContext): Fetch {
  return {
    *get(path) {
      const res = yield* ctx.rest.call('GET', path);
      try {
        return parseOk<Obj>(res);
      } catch (e) {
        if (e instanceof ApiError) return null;
        throw e;
      }
    },
    mustGet: (path) => ctx.request<Obj>('GET', path),
    nowMs: ctx.nowMs(),
  };
}

function* runDescribe(ctx: KubectlContext, args: string[]): Co<void> {
  if (args.length === 0) throw new CommandError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  const allNs = ctx.flag<boolean>('all-namespaces');
  const ns = allNs ? null : ctx.namespace;
  const selector = ctx.flag<string>('selector');
  const requests = yield* resourceArgs(ctx, args);
  const f = fetcher(ctx);
  const errors: ApiError[] = [];
  const infos: { req: ResourceRequest; obj: Obj }[] = [];
  let notFound: ApiError | null = null;
  for (const req of requests) {
    if (req.names.length === 0) {
      const list = yield* ctx.request<{ items?: Obj[] }>('GET', withQuery(resourcePath(req.resource, ns), { labelSelector: selector || undefined, limit: 500 }));
      for (const item of list.items ?? []) infos.push({ req, obj: item });
      continue;
    }
    for (const name of req.names) {
      try {
        infos.push({ req, obj: yield* ctx.request<Obj>('GET', resourcePath(req.resource, ns ?? ctx.namespace, name)) });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 404 && !notFound) notFound = e;
        errors.push(e);
      }
    }
  }
  if (notFound && args.length === 2 && !args[0].includes('/')) return yield* describeMatching(ctx, requests[0], args[1], notFound, f);
  let first = true;
  const seen = new Set<string>();
  for (const { req, obj } of infos) {
    const withKind = { apiVersion: req.resource.group ? `${req.resource.group}/${req.resource.version}` : req.resource.version, kind: req.resource.kind, ...obj };
    let s: string;
    try {
      s = yield* describerFor(req.resource.group, req.resource.kind)(withKind, f);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (!seen.has(e.message)) errors.push(e);
      seen.add(e.message);
      continue;
    }
    ctx.io.out(first ? s : `\n\n${s}`);
    first = false;
  }
  if (infos.length === 0 && errors.length === 0) ctx.io.err(allNs ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  for (const e of errors) ctx.printApiError(e);
  if (errors.length) throw new SilentExit(1);
}

/** DescribeMatchingResources: every object of the type whose name starts with `prefix`. */
function* describeMatching(ctx: KubectlContext, req: ResourceRequest, prefix: string, original: ApiError, f: Fetch): Co<void> {
  const list = yield* ctx.request<{ items?: Obj[] }>('GET', withQuery(resourcePath(req.resource, ctx.namespace), { limit: 500 }));
  let found = false;
  for (const item of list.items ?? []) {
    const name = String((item.metadata as { name?: string } | undefined)?.name ?? '');
    if (!name.startsWith(prefix)) continue;
    found = true;
    const withKind = { apiVersion: req.resource.group ? `${req.resource.group}/${req.resource.version}` : req.resource.version, kind: req.resource.kind, ...item };
    ctx.io.out(`${yield* describerFor(req.resource.group, req.resource.kind)(withKind, f)}\n`);
  }
  if (!found) throw original;
}
