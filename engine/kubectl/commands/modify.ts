// kubectl scale, label, annotate and patch: each sends one PATCH per object (the scale subresource
// for scale) and prints `<kind>/<name> scaled|labeled|annotated|patched`.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { resourceArgs, type ResourceRequest } from '../args';
import type { KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { objectName, resourcePath } from '../paths';

/** Every named object of the args (or all of a type with -l / --all). */
function* objectsOf(ctx: KubectlContext, args: string[], opts: { selector?: string; all?: boolean }): Co<{ req: ResourceRequest; name: string }[]> {
  const reqs = yield* resourceArgs(ctx, args);
  const out: { req: ResourceRequest; name: string }[] = [];
  for (const req of reqs) {
    if (req.names.length) for (const name of req.names) out.push({ req, name });
    else if (opts.selector || opts.all) {
      const qs = opts.selector ? `?labelSelector=${encodeURIComponent(opts.selector)}` : '';
      const list = yield* ctx.request<{ items: { metadata: { name: string } }[] }>('GET', resourcePath(req.resource, ctx.namespace) + qs);
      for (const i of list.items) out.push({ req, name: i.metadata.name });
    } else throw new CommandError('resource(s) were provided, but no name was specified');
  }
  return out;
}

function* patchEach(ctx: KubectlContext, targets: { req: ResourceRequest; name: string }[], build: (live: Record<string, unknown>) => { body: string; type: string } | null, verb: string, sub = ''): Co<void> {
  let failed = false;
  for (const t of targets) {
    const r = t.req.resource;
    const path = resourcePath(r, ctx.namespace, t.name, sub);
    try {
      const live = yield* ctx.request<Record<string, unknown>>('GET', path);
      const patch = build(live);
      if (!patch) {
        ctx.io.out(`${objectName(r, t.name)} ${verb} (no change)\n`);
        continue;
      }
      const after = yield* ctx.request<Record<string, unknown>>('PATCH', path, patch.body, { 'content-type': patch.type });
      const same = JSON.stringify((after.metadata as { resourceVersion?: string })?.resourceVersion) === JSON.stringify((live.metadata as { resourceVersion?: string })?.resourceVersion);
      ctx.io.out(`${objectName(r, t.name)} ${verb}${same && verb === 'patched' ? ' (no change)' : ''}\n`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      failed = true;
      ctx.printApiError(e);
    }
  }
  if (failed) throw new CommandError('', 1);
}

export function scaleCommand(ctx: KubectlContext): Command {
  return {
    use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
    short: 'Set a new size for a deployment, replica set, or replication controller',
    flags: [
      { name: 'replicas', kind: 'int64', def: '0', usage: 'The new desired number of replicas. Required.' },
      { name: 'current-replicas', kind: 'int64', def: '-1', usage: 'Precondition for current size.' },
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on.' },
      { name: 'all', kind: 'bool', def: 'false', usage: 'Select all resources in the namespace of the specified resource types' },
    ],
    run: function* (inv) {
      if (!ctx.changed('replicas')) throw new CommandError('required flag(s) "replicas" not set');
      const replicas = Number(ctx.flag<bigint>('replicas'));
      if (replicas < 0) throw new CommandError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
      const current = Number(ctx.flag<bigint>('current-replicas'));
      const targets = yield* objectsOf(ctx, inv.args, { selector: ctx.flag<string>('selector'), all: ctx.flag<boolean>('all') });
      yield* patchEach(
        ctx,
        targets,
        (live) => {
          const spec = live.spec as { replicas?: number } | undefined;
          if (current >= 0 && (spec?.replicas ?? 0) !== current) throw new CommandError(`Expected replicas to be ${current}, was ${spec?.replicas ?? 0}`);
          return { body: JSON.stringify({ spec: { replicas } }), type: 'application/merge-patch+json' };
        },
        'scaled',
        'scale',
      );
    },
  };
}

/** label and annotate: `key=value` sets, `key-` removes; an existing key needs --overwrite. */
function metadataCommand(ctx: KubectlContext, field: 'labels' | 'annotations', verb: string, use: string, short: string): Command {
  return {
    use,
    short,
    flags: [
      { name: 'overwrite', kind: 'bool', def: 'false', usage: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' },
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on.' },
      { name: 'all', kind: 'bool', def: 'false', usage: 'Select all resources, in the namespace of the specified resource types' },
      { name: 'list', kind: 'bool', def: 'false', usage: 'If true, display the labels for a given resource.' },
    ],
    run: function* (inv) {
      const pairs = inv.args.filter((a) => a.includes('=') || a.endsWith('-'));
      const rest = inv.args.filter((a) => !pairs.includes(a));
      if (pairs.length === 0 && !ctx.flag<boolean>('list')) throw new CommandError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
      const set: Record<string, string> = {};
      const remove: string[] = [];
      for (const p of pairs) {
        if (p.endsWith('-') && !p.includes('=')) remove.push(p.slice(0, -1));
        else {
          const eq = p.indexOf('=');
          set[p.slice(0, eq)] = p.slice(eq + 1);
        }
      }
      const targets = yield* objectsOf(ctx, rest, { selector: ctx.flag<string>('selector'), all: ctx.flag<boolean>('all') });
      yield* patchEach(
        ctx,
        targets,
        (live) => {
          const cur = ((live.metadata as Record<string, unknown>)[field] ?? {}) as Record<string, string>;
          const patch: Record<string, string | null> = {};
          for (const [k, v] of Object.entries(set)) {
            if (k in cur && cur[k] !== v && !ctx.flag<boolean>('overwrite')) throw new CommandError(`'${k}' already has a value (${cur[k]}), and --overwrite is false`);
            if (cur[k] !== v) patch[k] = v;
          }
          for (const k of remove) if (k in cur) patch[k] = null;
          if (Object.keys(patch).length === 0) return null;
          return { body: JSON.stringify({ metadata: { [field]: patch } }), type: 'application/merge-patch+json' };
        },
        verb,
      );
    },
  };
}

export function labelCommand(ctx: KubectlContext): Command {
  return metadataCommand(ctx, 'labels', 'labeled', 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]', 'Update the labels on a resource');
}

export function annotateCommand(ctx: KubectlContext): Command {
  return metadataCommand(ctx, 'annotations', 'annotated', 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]', 'Update the annotations on a resource');
}

export function patchCommand(ctx: KubectlContext): Command {
  return {
    use: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
    short: 'Update fields of a resource',
    flags: [
      { name: 'patch', shorthand: 'p', kind: 'string', def: '', usage: 'The patch to be applied to the resource JSON file.' },
      { name: 'type', kind: 'string', def: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
      { name: 'subresource', kind: 'string', def: '', usage: "If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]." },
    ],
    run: function* (inv) {
      const p = ctx.flag<string>('patch');
      if (!p) throw new CommandError('must specify --patch or --patch-file containing the contents of the patch');
      const types: Record<string, string> = { json: 'application/json-patch+json', merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json' };
      const type = types[ctx.flag<string>('type')];
      if (!type) throw new CommandError(`--type must be one of [json merge strategic], not "${ctx.flag<string>('type')}"`);
      let body: string;
      try {
        body = JSON.stringify(JSON.parse(p));
      } catch {
        throw new CommandError(`unable to parse "${p}": yaml: did not find expected node content`);
      }
      const targets = yield* objectsOf(ctx, inv.args, {});
      yield* patchEach(ctx, targets, () => ({ body, type }), 'patched', ctx.flag<string>('subresource'));
    },
  };
}
