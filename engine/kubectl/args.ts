// The resource arguments of get, delete, describe, label…: `TYPE`, `TYPE NAME…`, `TYPE/NAME…`,
// `TYPE1,TYPE2`, and the `all` category, as kubectl's resource builder reads them.

import type { Co } from '../sim/co';
import { CommandError } from './errors';
import type { ApiResource, KubectlContext } from './context';

/** One resource and the names asked for (none: all of them). */
export interface ResourceRequest {
  resource: ApiResource;
  names: string[];
}

/** Resolves positional args into resources and names, in the order given. */
export function* resourceArgs(ctx: KubectlContext, args: string[]): Co<ResourceRequest[]> {
  if (args.length === 0) return [];
  const out: ResourceRequest[] = [];
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) throw new CommandError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      const resource = yield* ctx.discovery.resolve(ctx, a.slice(0, slash));
      const name = a.slice(slash + 1);
      if (!name) throw new CommandError(`arguments in resource/name form must have a single resource and name`);
      const last = out[out.length - 1];
      if (last && last.resource === resource) last.names.push(name);
      else out.push({ resource, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  for (const t of types.split(',')) {
    if (!t) continue;
    for (const resource of yield* expand(ctx, t)) out.push({ resource, names: [...names] });
  }
  if (names.length > 0 && out.length > 1) throw new CommandError('you may only specify a single resource type');
  return out;
}

/** A type, or a category (`all`) as the resources in it. */
function* expand(ctx: KubectlContext, t: string): Co<ApiResource[]> {
  const all = yield* ctx.discovery.preferred(ctx);
  const inCategory = all.filter((r) => r.categories.includes(t.toLowerCase()));
  if (inCategory.length > 0 && !all.some((r) => r.name === t || r.shortNames.includes(t))) {
    // kubectl's `all` order (the category expander's legacy order): pods, replicationcontrollers, services, daemonsets, deployments, replicasets, statefulsets, horizontalpodautoscalers, cronjobs, jobs.
    const order = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];
    return inCategory.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  }
  return [yield* ctx.discovery.resolve(ctx, t)];
}
