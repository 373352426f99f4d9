// The resources the apiserver serves, as Kubernetes 1.32 serves them: group, version, kind, the
// plural resource name that is its REST path and its etcd prefix, short names and categories as
// `kubectl api-resources` lists them, and whether it is namespaced. Discovery (`/api`, `/apis`, the
// APIResourceLists), the REST router, kubectl's resource-name resolution and the storage layer all
// read this one table.

/** What a resource can do, as discovery lists it. */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/** One served resource. */
export interface ResourceInfo {
  /** '' for the core (legacy) group. */
  group: string;
  version: string;
  kind: string;
  /** Plural, lower case: the REST path segment and the etcd key's second segment. */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: Verb[];
  /** Subresources served under `<resource>/<name>/<sub>`. */
  subresources: string[];
  /** The key prefix in etcd when it is not `/registry/<resource>` (upstream's historical exceptions). */
  etcdPrefix?: string;
}

const all: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const createOnly: Verb[] = ['create'];

function r(group: string, version: string, kind: string, resource: string, namespaced: boolean, extra: Partial<ResourceInfo> = {}): ResourceInfo {
  return { group, version, kind, resource, singular: kind.toLowerCase(), namespaced, shortNames: [], categories: [], verbs: all, subresources: [], ...extra };
}

/** Every resource served, in the order discovery lists them within a group version. */
export const resources: readonly ResourceInfo[] = [
  // core/v1
  r('', 'v1', 'Binding', 'bindings', true, { verbs: createOnly }),
  r('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  r('', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'], singular: 'endpoints', etcdPrefix: '/registry/services/endpoints' }),
  r('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  r('', 'v1', 'LimitRange', 'limitranges', true, { shortNames: ['limits'] }),
  r('', 'v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['finalize', 'status'] }),
  r('', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], etcdPrefix: '/registry/minions', subresources: ['proxy', 'status'] }),
  r('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], subresources: ['status'] }),
  r('', 'v1', 'PersistentVolume', 'persistentvolumes', false, { shortNames: ['pv'], subresources: ['status'] }),
  r('', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], categories: ['all'], subresources: ['attach', 'binding', 'eviction', 'exec', 'log', 'status'] }),
  r('', 'v1', 'PodTemplate', 'podtemplates', true),
  r('', 'v1', 'ReplicationController', 'replicationcontrollers', true, { shortNames: ['rc'], categories: ['all'], etcdPrefix: '/registry/controllers', subresources: ['scale', 'status'] }),
  r('', 'v1', 'ResourceQuota', 'resourcequotas', true, { shortNames: ['quota'], subresources: ['status'] }),
  r('', 'v1', 'Secret', 'secrets', true),
  r('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'], subresources: ['token'] }),
  r('', 'v1', 'Service', 'services', true, { shortNames: ['svc'], categories: ['all'], etcdPrefix: '/registry/services/specs', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['proxy', 'status'] }),
  // apiregistration.k8s.io/v1: the aggregator's APIServices (engine/apiserver/aggregator.ts)
  r('apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', false, { categories: ['api-extensions'], etcdPrefix: '/registry/apiregistration.k8s.io/apiservices', subresources: ['status'] }),
  // apps/v1
  r('apps', 'v1', 'ControllerRevision', 'controllerrevisions', true),
  r('apps', 'v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: ['all'], subresources: ['status'] }),
  r('apps', 'v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: ['all'], subresources: ['scale', 'status'] }),
  r('apps', 'v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: ['all'], subresources: ['scale', 'status'] }),
  r('apps', 'v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: ['all'], subresources: ['scale', 'status'] }),
  // authentication.k8s.io/v1, authorization.k8s.io/v1: reviews are created and answered, never stored
  r('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', false, { verbs: createOnly }),
  r('authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', false, { verbs: createOnly }),
  r('authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true, { verbs: createOnly }),
  r('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { verbs: createOnly }),
  r('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, { verbs: createOnly }),
  r('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', false, { verbs: createOnly }),
  // autoscaling/v2
  r('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { shortNames: ['hpa'], categories: ['all'], subresources: ['status'] }),
  // batch/v1
  r('batch', 'v1', 'CronJob', 'cronjobs', true, { shortNames: ['cj'], categories: ['all'], subresources: ['status'] }),
  r('batch', 'v1', 'Job', 'jobs', true, { categories: ['all'], subresources: ['status'] }),
  // coordination.k8s.io/v1
  r('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  // discovery.k8s.io/v1
  r('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
  // events.k8s.io/v1: the same objects as core/v1 events, in the same etcd keys
  r('events.k8s.io', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  // networking.k8s.io/v1
  r('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  r('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], etcdPrefix: '/registry/ingress', subresources: ['status'] }),
  r('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'] }),
  // policy/v1
  r('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { shortNames: ['pdb'], subresources: ['status'] }),
  // rbac.authorization.k8s.io/v1
  r('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  r('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  r('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  r('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  // scheduling.k8s.io/v1
  r('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, { shortNames: ['pc'] }),
  // storage.k8s.io/v1
  r('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }),
];

/** `apps/v1`, or `v1` for the core group. */
export function groupVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The API groups in discovery order (core first, then as `/apis` lists them). */
export function apiGroups(): { group: string; versions: string[] }[] {
  const out = new Map<string, string[]>();
  for (const x of resources) {
    const vs = out.get(x.group) ?? [];
    if (!vs.includes(x.version)) vs.push(x.version);
    out.set(x.group, vs);
  }
  return [...out].map(([group, versions]) => ({ group, versions }));
}

/** The resource served at group/version/resource, if any. */
export function resourceFor(group: string, version: string, resource: string): ResourceInfo | undefined {
  return resources.find((x) => x.group === group && x.version === version && x.resource === resource);
}

/** The resource of an object's apiVersion and kind, if served. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return resources.find((x) => x.group === group && x.version === version && x.kind === kind);
}

/** The etcd key prefix of a resource's objects, with the trailing slash: `/registry/deployments/`. */
export function etcdPrefixOf(info: ResourceInfo): string {
  return `${info.etcdPrefix ?? `/registry/${info.resource}`}/`;
}

/** The etcd key of one object: `/registry/deployments/default/web`, `/registry/namespaces/default`. */
export function etcdKeyOf(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${etcdPrefixOf(info)}${namespace}/${name}` : `${etcdPrefixOf(info)}${name}`;
}
