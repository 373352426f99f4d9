// REST paths of resources as client-go builds them, and the names kubectl prints for objects.

import { buildUrl } from '../apiserver/http';
import type { ApiResource } from './context';
import { restPath } from '../client/clientset';

/** `/apis/apps/v1/namespaces/default/deployments/web`; a cluster-scoped resource ignores `namespace`. */
export function resourcePath(r: ApiResource, namespace: string | null, name = '', subresource = ''): string {
  return restPath({ group: r.group, version: r.version, resource: r.name, namespaced: r.namespaced }, namespace ?? '', name, subresource);
}

/** A path with a query. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined>): string {
  return buildUrl(path, query);
}

/** `deployment.apps/web`, `pod/web`: how kubectl names an object in its messages and `-o name`. */
export function objectName(r: Pick<ApiResource, 'kind' | 'group'>, name: string): string {
  return `${r.kind.toLowerCase()}${r.group ? `.${r.group}` : ''}/${name}`;
}

/** `deployments.apps`, `pods`: the resource as errors name it. */
export function qualified(r: Pick<ApiResource, 'name' | 'group'>): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}
