// The `kubectl get` runs recorded against testdata/get/fake-apiserver.ts (record.ts): the
// arguments, and the requests kubectl makes for them, in order, so that a test can rebuild the
// Tables it was sent.

export interface GetRequest {
  resource: string;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  /** Undefined for all namespaces (or a cluster-scoped resource). */
  namespace?: string;
  /** A GET of one object. */
  name?: string;
}

export interface GetCase {
  name: string;
  args: string[];
  requests: GetRequest[];
}

const pods = (namespace?: string, name?: string): GetRequest => ({ resource: 'pods', group: '', version: 'v1', kind: 'Pod', namespaced: true, namespace, name });
const deployments = (namespace?: string): GetRequest => ({ resource: 'deployments', group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true, namespace });
const services = (namespace?: string): GetRequest => ({ resource: 'services', group: '', version: 'v1', kind: 'Service', namespaced: true, namespace });
const nodes: GetRequest = { resource: 'nodes', group: '', version: 'v1', kind: 'Node', namespaced: false };
const configmaps = (namespace?: string): GetRequest => ({ resource: 'configmaps', group: '', version: 'v1', kind: 'ConfigMap', namespaced: true, namespace });

export const getCases: GetCase[] = [
  { name: 'pods', args: ['get', 'pods'], requests: [pods('default')] },
  { name: 'pods-wide', args: ['get', 'pods', '-o', 'wide'], requests: [pods('default')] },
  { name: 'pods-all-namespaces', args: ['get', 'pods', '-A'], requests: [pods()] },
  { name: 'pods-no-headers', args: ['get', 'pods', '--no-headers'], requests: [pods('default')] },
  { name: 'pods-show-labels', args: ['get', 'pods', '--show-labels'], requests: [pods('default')] },
  { name: 'pods-label-columns', args: ['get', 'pods', '-L', 'app', '-L', 'example.com/tier'], requests: [pods('default')] },
  { name: 'pods-show-kind', args: ['get', 'pods', '--show-kind'], requests: [pods('default')] },
  { name: 'two-pods', args: ['get', 'pod', 'crash', 'web-7d4b9c8f5-abcde'], requests: [pods('default', 'crash'), pods('default', 'web-7d4b9c8f5-abcde')] },
  { name: 'pods-and-deployments', args: ['get', 'pods,deployments'], requests: [pods('default'), deployments('default')] },
  { name: 'deployments-wide', args: ['get', 'deploy', '-o', 'wide'], requests: [deployments('default')] },
  { name: 'services', args: ['get', 'svc'], requests: [services('default')] },
  { name: 'nodes-wide', args: ['get', 'nodes', '-o', 'wide'], requests: [nodes] },
  { name: 'nodes-all-namespaces', args: ['get', 'nodes', '-A'], requests: [nodes] },
  { name: 'mixed-all-namespaces', args: ['get', 'nodes,pods', '-A'], requests: [nodes, pods()] },
  { name: 'no-configmaps', args: ['get', 'configmaps'], requests: [configmaps('default')] },
  { name: 'no-configmaps-all', args: ['get', 'configmaps', '-A'], requests: [configmaps()] },
  { name: 'empty-then-pods', args: ['get', 'configmaps,pods'], requests: [configmaps('default'), pods('default')] },
];

/** Runs printed from the objects themselves (not Tables). */
export interface GenericCase {
  name: string;
  args: string[];
  requests: GetRequest[];
}

export const genericCases: GenericCase[] = [
  { name: 'pods-yaml', args: ['get', 'pods', '-o', 'yaml'], requests: [pods('default')] },
  { name: 'pods-json', args: ['get', 'pods', '-o', 'json'], requests: [pods('default')] },
  { name: 'pod-yaml', args: ['get', 'pod', 'crash', '-o', 'yaml'], requests: [pods('default', 'crash')] },
  { name: 'pods-name', args: ['get', 'pods,deployments', '-o', 'name'], requests: [pods('default'), deployments('default')] },
  { name: 'pods-jsonpath', args: ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.podIPs[0].ip}{"\\n"}{end}'], requests: [pods('default')] },
  { name: 'pods-custom-columns', args: ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,IP:.status.podIPs[*].ip,LABELS:.metadata.labels,RESTARTS:.status.containerStatuses[0].restartCount'], requests: [pods('default')] },
  { name: 'pods-custom-columns-no-headers', args: ['get', 'pods', '--no-headers', '-o', 'custom-columns=NAME:metadata.name,NODE:{.spec.nodeName}'], requests: [pods('default')] },
  { name: 'deploy-custom-columns', args: ['get', 'deploy', '-o', 'custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,SEL:.spec.selector'], requests: [deployments('default')] },
];
