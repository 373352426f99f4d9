// Discovery as kube-apiserver serves it: /api (APIVersions), /apis (APIGroupList), /apis/<group>
// (APIGroup) and /api/v1, /apis/<group>/<version> (APIResourceList), built from the resource table.
// kubectl reads these to turn `deploy` into deployments.apps/v1.

import { apiGroups, groupVersion, resources } from '../api/resources';

/** The address clients are told to use (serverAddressByClientCIDRs). */
const serverAddress = '10.96.0.1:443';

/** GET /api. */
export function apiVersions(): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupObject(group: string, versions: string[]): Record<string, unknown> {
  const gvs = versions.map((v) => ({ groupVersion: groupVersion(group, v), version: v }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

/** GET /apis. */
export function apiGroupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().filter((g) => g.group !== '').map((g) => groupObject(g.group, g.versions)) };
}

/** GET /apis/<group>; null when no such group. */
export function apiGroup(group: string): Record<string, unknown> | null {
  const g = apiGroups().find((x) => x.group === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupObject(g.group, g.versions) } : null;
}

/** GET /api/v1 or /apis/<group>/<version>; null when not served. */
export function apiResourceList(group: string, version: string): Record<string, unknown> | null {
  const rs = resources.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return null;
  const list: Record<string, unknown>[] = [];
  for (const r of rs) {
    list.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const sub of r.subresources) {
      const kind = sub === 'scale' ? 'Scale' : sub === 'binding' ? 'Binding' : sub === 'eviction' ? 'Eviction' : sub === 'token' ? 'TokenRequest' : r.kind;
      const verbs = sub === 'status' || sub === 'scale' ? ['get', 'patch', 'update'] : sub === 'log' ? ['get'] : sub === 'finalize' ? ['update'] : ['create'];
      list.push({
        name: `${r.resource}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
        kind,
        verbs,
      });
    }
  }
  list.sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : 1));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(group, version), resources: list };
}

/** GET /version, as a 1.32 server answers it. */
export function versionInfo(): Record<string, unknown> {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.4',
    gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:02:27Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
