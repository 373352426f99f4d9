// A fake kube-apiserver's answers, enough for `kubectl get` to discover a few core and apps
// resources and list or get them, as objects or (for `Accept: ...;as=Table`) as Tables.

import type { KubeObject, Table } from '../../../../api/types';

/** The clock the recorded Tables' AGE columns were printed against. */
export const fixedNowMs = Date.parse('2025-01-01T00:00:00Z');

interface Resource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  shortNames?: string[];
}

const core: Resource[] = [
  { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'] },
  { name: 'services', singularName: 'service', namespaced: true, kind: 'Service', shortNames: ['svc'] },
  { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', shortNames: ['no'] },
  { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', shortNames: ['cm'] },
  { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', shortNames: ['ns'] },
];
const apps: Resource[] = [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', shortNames: ['deploy'] }];

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const resourceList = (groupVersion: string, rs: Resource[]) => ({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: rs.map((r) => ({ ...r, verbs })) });

export type TableMaker = (resource: string, group: string, items: KubeObject[], opts: { resourceVersion?: string }) => Table;

export function serve(objects: Record<string, KubeObject[]>, method: string, url: string, accept: string, tableFor: TableMaker): { status: number; body: string } {
  const path = url.split('?')[0];
  const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
  if (method !== 'GET') return json(405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 405 });
  if (path === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
  if (path === '/apis')
    return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] });
  if (path === '/api/v1') return json(200, resourceList('v1', core));
  if (path === '/apis/apps/v1') return json(200, resourceList('apps/v1', apps));
  const m = path.match(/^\/(?:api\/v1|apis\/(apps)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/);
  if (!m) return json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  const [, group = '', namespace, resource, name] = m;
  const rs = (group === 'apps' ? apps : core).find((r) => r.name === resource);
  if (!rs) return json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  let items = (objects[resource] ?? []).filter((o) => !namespace || o.metadata.namespace === namespace);
  const asTable = accept.includes('as=Table');
  if (name) {
    items = items.filter((o) => o.metadata.name === name);
    if (items.length === 0) return json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `${resource} "${name}" not found`, reason: 'NotFound', details: { name, kind: resource }, code: 404 });
    return json(200, asTable ? tableFor(resource, group, items, {}) : items[0]);
  }
  if (asTable) return json(200, tableFor(resource, group, items, { resourceVersion: '100' }));
  return json(200, { kind: `${rs.kind}List`, apiVersion: group ? `${group}/v1` : 'v1', metadata: { resourceVersion: '100' }, items });
}
