// kubectl get (k8s.io/kubectl/pkg/cmd/get): human output is the server's Table (as=Table), printed
// as kubectl prints it; -o json|yaml|name|jsonpath|custom-columns print the objects; -w follows a
// watch from the list's resourceVersion.

import type { Table } from '../../api/types';
import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { resourceArgs, type ResourceRequest } from '../args';
import type { KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { readManifests } from '../manifests';
import { outputFlags, printObjects, printTables, readOutputOptions, tableAccept, type OutputOptions } from '../output';
import { resourcePath, withQuery } from '../paths';

export function getCommand(ctx: KubectlContext): Command {
  return {
    use: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
    short: 'Display one or many resources',
    flags: [
      ...outputFlags,
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on' },
      { name: 'field-selector', kind: 'string', def: '', usage: 'Selector (field query) to filter on' },
      { name: 'all-namespaces', shorthand: 'A', kind: 'bool', def: 'false', usage: 'If present, list the requested object(s) across all namespaces.' },
      { name: 'watch', shorthand: 'w', kind: 'bool', def: 'false', usage: 'After listing/getting the requested object, watch for changes.' },
      { name: 'watch-only', kind: 'bool', def: 'false', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
      { name: 'chunk-size', kind: 'int64', def: '500', usage: 'Return large lists in chunks rather than all at once.' },
      { name: 'filename', shorthand: 'f', kind: 'stringSlice', def: '[]', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
      { name: 'ignore-not-found', kind: 'bool', def: 'false', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist.' },
    ],
    run: (inv) => runGet(ctx, inv.args),
  };
}

function* runGet(ctx: KubectlContext, args: string[]): Co<void> {
  const opts = readOutputOptions(ctx);
  const files = ctx.flag<string[]>('filename');
  let requests: ResourceRequest[];
  if (files.length > 0) {
    requests = [];
    for (const m of readManifests(files, ctx.stdin)) {
      const r = yield* ctx.discovery.forKind(ctx, m.obj.apiVersion!, m.obj.kind!);
      if (!r) throw new CommandError(`resource mapping not found for name: "${String(m.obj.metadata?.name ?? '')}" namespace: "" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      requests.push({ resource: r, names: [String(m.obj.metadata?.name ?? '')] });
    }
  } else {
    if (args.length === 0) {
      ctx.io.out('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      throw new CommandError('Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples');
    }
    requests = yield* resourceArgs(ctx, args);
  }
  const allNs = ctx.flag<boolean>('all-namespaces');
  const ns = allNs ? null : ctx.namespace;
  const query = { labelSelector: ctx.flag<string>('selector') || undefined, fieldSelector: ctx.flag<string>('field-selector') || undefined };
  const errors: ApiError[] = [];
  const human = opts.format === '' || opts.format === 'wide';
  const tables: { req: ResourceRequest; table: Table }[] = [];
  const objects: Record<string, unknown>[] = [];
  const lists: { req: ResourceRequest; rv: string }[] = [];
  for (const req of requests) {
    const headers: Record<string, string> = human ? { accept: tableAccept } : {};
    if (req.names.length === 0) {
      const body = yield* ctx.request<Record<string, unknown>>('GET', withQuery(resourcePath(req.resource, ns), { ...query, limit: Number(ctx.flag<bigint>('chunk-size')) || undefined }), undefined, headers);
      lists.push({ req, rv: String((body.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? '') });
      if (human) tables.push({ req, table: body as unknown as Table });
      else for (const item of (body.items as Record<string, unknown>[]) ?? []) objects.push(withKind(req, item));
      continue;
    }
    for (const name of req.names) {
      try {
        const body = yield* ctx.request<Record<string, unknown>>('GET', resourcePath(req.resource, ns ?? ctx.namespace, name), undefined, headers);
        if (human) tables.push({ req, table: body as unknown as Table });
        else objects.push(withKind(req, body));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (!(e.code === 404 && ctx.flag<boolean>('ignore-not-found'))) errors.push(e);
      }
    }
  }
  if (!ctx.flag<boolean>('watch-only')) {
    const listed = requests.every((r) => r.names.length === 0);
    if (human) printTables(ctx, tables.map((t) => ({ resource: t.req.resource, table: t.table })), { ...opts, allNamespaces: allNs }, listed && errors.length === 0 ? (ns ?? undefined) : undefined);
    else {
      // get.go printGeneric: one object asked for by name that failed is only its error (singleItemImplied).
      const single = requests.length === 1 && requests[0].names.length === 1;
      if (!(single && errors.length > 0)) printObjects(ctx, objects, opts, single);
      if (objects.length === 0 && listed && errors.length === 0 && opts.format !== 'json' && opts.format !== 'yaml') {
        ctx.io.err(allNs || !requests.every((r) => r.resource.namespaced) ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
      }
    }
  }
  for (const e of errors) ctx.printApiError(e);
  if (ctx.flag<boolean>('watch') || ctx.flag<boolean>('watch-only')) {
    if (lists.length !== 1 && requests.length !== 1) throw new CommandError('you may only specify a single resource type');
    const req = requests[0];
    const rv = lists[0]?.rv;
    yield* watch(ctx, req, ns, { ...query, ...(req.names.length === 1 ? { fieldSelector: `metadata.name=${req.names[0]}` } : {}) }, rv, opts, allNs);
  }
  if (errors.length > 0) throw new CommandError('', 1);
}

function* watch(ctx: KubectlContext, req: ResourceRequest, ns: string | null, query: Record<string, string | undefined>, rv: string | undefined, opts: OutputOptions, allNs: boolean): Co<void> {
  const human = opts.format === '' || opts.format === 'wide';
  const url = withQuery(resourcePath(req.resource, ns), { ...query, watch: 1, resourceVersion: rv || undefined });
  let first = !ctx.flag<boolean>('watch-only') ? false : true;
  yield* ctx.rest.watch(
    url,
    (e) => {
      if (e.type === 'ERROR') {
        ctx.io.err(`Error from server (${String((e.object as { reason?: string }).reason ?? '')}): ${String((e.object as { message?: string }).message ?? '')}\n`);
        return;
      }
      if (e.type === 'BOOKMARK') return;
      if (human) {
        printTables(ctx, [{ resource: req.resource, table: e.object as unknown as Table }], { ...opts, noHeaders: !first || opts.noHeaders, allNamespaces: allNs });
        first = false;
      } else printObjects(ctx, [withKind(req, e.object)], opts, true);
    },
    undefined,
    human ? { accept: tableAccept } : {},
  );
}

/** An item of a list, with the apiVersion and kind its list leaves out. */
function withKind(req: ResourceRequest, item: Record<string, unknown>): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, ...rest } = item;
  return { apiVersion: req.resource.group ? `${req.resource.group}/${req.resource.version}` : req.resource.version, kind: req.resource.kind, ...rest };
}
