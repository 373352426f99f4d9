// kubectl set image (k8s.io/kubectl/pkg/cmd/set/set_image.go): `container=image` (or `*=image`)
// for each named workload, sent as a strategic merge patch of the changed containers.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { resourceArgs } from '../args';
import type { KubectlContext } from '../context';
import { ApiError, CommandError, SilentExit } from '../errors';
import { objectName, resourcePath } from '../paths';
import { at, nest, podSpecPath } from './podspec';

type Obj = Record<string, unknown>;

export function setCommand(ctx: KubectlContext): Command {
  return {
    use: 'set SUBCOMMAND',
    short: 'Set specific features on objects',
    commands: [
      {
        use: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
        short: 'Update the image of a pod template',
        flags: [
          { name: 'all', kind: 'bool', def: 'false', usage: 'Select all resources, in the namespace of the specified resource types' },
          { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on' },
        ],
        run: (inv) => runSetImage(ctx, inv.args),
      },
    ],
  };
}

function* runSetImage(ctx: KubectlContext, args: string[]): Co<void> {
  const pairs = args.filter((a) => a.includes('='));
  const resources = args.filter((a) => !a.includes('='));
  if (resources.length === 0) throw new CommandError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (pairs.length === 0) throw new CommandError('at least one image update is required');
  const images = pairs.map((p) => ({ name: p.slice(0, p.indexOf('=')), image: p.slice(p.indexOf('=') + 1) }));
  const reqs = yield* resourceArgs(ctx, resources);
  const errors: string[] = [];
  for (const req of reqs) {
    if (req.names.length === 0) throw new CommandError('resource(s) were provided, but no name was specified');
    for (const name of req.names) {
      const path = resourcePath(req.resource, ctx.namespace, name);
      let live: Obj;
      try {
        live = yield* ctx.request<Obj>('GET', path);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        ctx.printApiError(e);
        throw new SilentExit(1);
      }
      const specPath = podSpecPath(req.resource.kind);
      if (!specPath) {
        errors.push(`error: ${objectName(req.resource, name)} does not support setting an image`);
        continue;
      }
      const spec = at(live, specPath) ?? {};
      const changed: { field: string; name: string; image: string }[] = [];
      for (const { name: cname, image } of images) {
        let found = false;
        for (const field of ['initContainers', 'containers']) {
          for (const c of (spec[field] as Obj[] | undefined) ?? []) {
            if (cname !== '*' && c.name !== cname) continue;
            found = true;
            if (c.image !== image) changed.push({ field, name: String(c.name), image });
          }
        }
        if (!found) errors.push(`unable to find container named "${cname}"`);
      }
      if (changed.length === 0) continue;
      const patchSpec: Record<string, { image: string; name: string }[]> = {};
      for (const c of changed) (patchSpec[c.field] ??= []).push({ image: c.image, name: c.name });
      try {
        yield* ctx.request('PATCH', path, JSON.stringify(nest(specPath, patchSpec)), { 'content-type': 'application/strategic-merge-patch+json' });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        ctx.printApiError(e);
        throw new SilentExit(1);
      }
      ctx.io.out(`${objectName(req.resource, name)} image updated\n`);
    }
  }
  if (errors.length === 1) throw new CommandError(errors[0]);
  if (errors.length > 1) throw new CommandError(`[${errors.join(', ')}]`);
}
