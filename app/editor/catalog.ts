// The resource browser's tree, from the catalog an apiserver reports in its snapshot
// (ApiServerView.catalog): namespaces, then the kinds in each, then the objects; and the
// `kubectl get` line that shows one object. Plain functions over plain data: no YAML, no Monaco.

import type { ClusterSnapshot } from '../cluster/types';
import type { ResourceRef } from '../store/editor-slice';

/** One object of the catalog. */
export type CatalogEntry = ClusterSnapshot['apiservers'][number]['catalog'][number];

/** A kind within a namespace. */
export interface KindNode {
  key: string;
  resource: string;
  group: string;
  kind: string;
  objects: CatalogEntry[];
}

/** A namespace ('' holds the cluster-scoped objects). */
export interface NamespaceNode {
  key: string;
  namespace: string;
  kinds: KindNode[];
  count: number;
}

/** The apiserver the browser reads: the first one that is up and serving. */
export function liveApiServer(snapshot: ClusterSnapshot | null): ClusterSnapshot['apiservers'][number] | undefined {
  return snapshot?.apiservers?.find((a) => a.up && a.ready);
}

/** `deployments.apps`, or `pods` for the core group: how kubectl names a resource unambiguously. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** The tree key of a namespace, and of a kind in it. */
export const namespaceKey = (ns: string) => `ns:${ns}`;
export const kindKey = (ns: string, resource: string, group: string) => `ns:${ns}/${qualifiedResource(resource, group)}`;

/** Namespaces by name (cluster-scoped last), kinds by name, objects by name. */
export function catalogTree(catalog: readonly CatalogEntry[]): NamespaceNode[] {
  const byNs = new Map<string, Map<string, KindNode>>();
  for (const e of catalog) {
    let kinds = byNs.get(e.namespace);
    if (!kinds) byNs.set(e.namespace, (kinds = new Map()));
    const k = qualifiedResource(e.resource, e.group);
    let node = kinds.get(k);
    if (!node) kinds.set(k, (node = { key: kindKey(e.namespace, e.resource, e.group), resource: e.resource, group: e.group, kind: e.kind, objects: [] }));
    node.objects.push(e);
  }
  const names = [...byNs.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return names.map((namespace) => {
    const kinds = [...byNs.get(namespace)!.values()].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.group < b.group ? -1 : 1));
    for (const k of kinds) k.objects.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { key: namespaceKey(namespace), namespace, kinds, count: kinds.reduce((n, k) => n + k.objects.length, 0) };
  });
}

/** Whether a node starts open: the default namespace and every kind; the rest start closed. */
export function openByDefault(key: string): boolean {
  return key === namespaceKey('default') || key.includes('/');
}

/** The command line (without `kubectl`) that prints one object as YAML. */
export function getCommand(ref: ResourceRef): string {
  const ns = ref.namespace ? ` -n ${ref.namespace}` : '';
  return `get ${qualifiedResource(ref.resource, ref.group)} ${ref.name}${ns} -o yaml`;
}

/** Whether two refs name the same object. */
export function sameObject(a: ResourceRef | null, b: ResourceRef | null): boolean {
  return !!a && !!b && a.namespace === b.namespace && a.resource === b.resource && a.group === b.group && a.name === b.name;
}

/** A signature of the catalog that changes when any object comes, goes or changes. */
export function catalogSignature(catalog: readonly CatalogEntry[]): string {
  let s = `${catalog.length}`;
  for (const e of catalog) s += `|${e.namespace}/${e.resource}.${e.group}/${e.name}@${e.rv}`;
  return s;
}
