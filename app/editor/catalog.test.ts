import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../testing/fixtures';
import { catalogSignature, catalogTree, getCommand, liveApiServer, openByDefault, type CatalogEntry } from './catalog';

const e = (namespace: string, resource: string, group: string, kind: string, name: string, rv = '1'): CatalogEntry => ({ namespace, resource, group, kind, name, rv });

const catalog: CatalogEntry[] = [
  e('', 'namespaces', '', 'Namespace', 'kube-system'),
  e('', 'namespaces', '', 'Namespace', 'default'),
  e('kube-system', 'configmaps', '', 'ConfigMap', 'kube-root-ca.crt'),
  e('default', 'services', '', 'Service', 'kubernetes'),
  e('default', 'deployments', 'apps', 'Deployment', 'web'),
  e('default', 'deployments', 'apps', 'Deployment', 'api'),
  e('', 'clusterroles', 'rbac.authorization.k8s.io', 'ClusterRole', 'admin'),
];

describe('catalogTree', () => {
  it('groups by namespace (cluster-scoped last), then kind, names sorted', () => {
    const tree = catalogTree(catalog);
    expect(tree.map((n) => [n.namespace, n.count])).toEqual([
      ['default', 3],
      ['kube-system', 1],
      ['', 3],
    ]);
    expect(tree[0].kinds.map((k) => [k.kind, k.objects.map((o) => o.name)])).toEqual([
      ['Deployment', ['api', 'web']],
      ['Service', ['kubernetes']],
    ]);
    expect(tree[2].kinds.map((k) => k.key)).toEqual(['ns:/clusterroles.rbac.authorization.k8s.io', 'ns:/namespaces']);
  });

  it('opens the default namespace and kinds by default', () => {
    expect(openByDefault('ns:default')).toBe(true);
    expect(openByDefault('ns:kube-system')).toBe(false);
    expect(openByDefault('ns:kube-system/configmaps')).toBe(true);
  });
});

describe('getCommand', () => {
  it('names the resource with its group, and the namespace', () => {
    expect(getCommand({ namespace: 'default', resource: 'deployments', group: 'apps', kind: 'Deployment', name: 'web' })).toBe('get deployments.apps web -n default -o yaml');
    expect(getCommand({ namespace: '', resource: 'namespaces', group: '', kind: 'Namespace', name: 'default' })).toBe('get namespaces default -o yaml');
  });
});

describe('liveApiServer and catalogSignature', () => {
  const view = (name: string, up: boolean, ready: boolean) => ({ name, up, ready, revision: 1, objects: 0, watchers: 0, served: 0, recent: [], catalog: [] });
  it('takes the first apiserver that is up and ready', () => {
    const s = snapshotOf([], { apiservers: [view('kube-apiserver-0', false, false), view('kube-apiserver-1', true, false), view('kube-apiserver-2', true, true)] });
    expect(liveApiServer(s)?.name).toBe('kube-apiserver-2');
    expect(liveApiServer(snapshotOf([]))).toBeUndefined();
  });
  it('changes when an object changes', () => {
    const a = catalogSignature(catalog);
    expect(catalogSignature([...catalog])).toBe(a);
    expect(catalogSignature(catalog.map((x) => (x.name === 'web' ? { ...x, rv: '2' } : x)))).not.toBe(a);
  });
});
