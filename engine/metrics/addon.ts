// The metrics-server addon's API objects, as its release manifest (components.yaml, v0.7.2)
// declares them: the ServiceAccount, the ClusterRoles system:aggregated-metrics-reader (aggregated
// into view/edit/admin) and system:metrics-server with their bindings, the metrics-server Service
// in kube-system and the APIService v1beta1.metrics.k8s.io that registers the group with the
// aggregator. Its Deployment is not among them: metrics-server runs as its own process here, and
// the Service names that process with an annotation instead of selecting pods.

import type { KubeObject } from '../api/types';
import { backendProcessAnnotation } from '../apiserver/aggregator';
import type { AddonObject } from '../dns/addon';
import { metricsGroup, metricsVersion } from './types';

/** The service account metrics-server runs as. */
export const metricsServerServiceAccount = 'metrics-server';

/** The user its credentials stand for. */
export const metricsServerUser = `system:serviceaccount:kube-system:${metricsServerServiceAccount}`;

/** The process that serves the metrics-server Service (the aggregator dials it, engine/apiserver/aggregator.ts). */
export const metricsServerProcessId = 'metrics-server';


/** The APIService's name. */
export const metricsApiServiceName = `${metricsVersion}.${metricsGroup}`;

const labels = { 'k8s-app': 'metrics-server' };
const rbac = 'rbac.authorization.k8s.io';

function clusterRole(name: string, rules: unknown[], extraLabels: Record<string, string> = {}): AddonObject {
  return { group: rbac, resource: 'clusterroles', obj: { apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name, labels: { ...labels, ...extraLabels } }, rules } as KubeObject };
}

function binding(resource: 'clusterrolebindings' | 'rolebindings', name: string, roleKind: string, role: string, namespace?: string): AddonObject {
  return {
    group: rbac,
    resource,
    obj: {
      apiVersion: `${rbac}/v1`,
      kind: resource === 'rolebindings' ? 'RoleBinding' : 'ClusterRoleBinding',
      metadata: { name, ...(namespace ? { namespace } : {}), labels: { ...labels } },
      roleRef: { apiGroup: rbac, kind: roleKind, name: role },
      subjects: [{ kind: 'ServiceAccount', name: metricsServerServiceAccount, namespace: 'kube-system' }],
    } as KubeObject,
  };
}

/** The addon's objects, in the manifest's order (the Deployment left out). */
export function metricsServerAddonObjects(): AddonObject[] {
  return [
    { group: '', resource: 'serviceaccounts', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: metricsServerServiceAccount, namespace: 'kube-system', labels: { ...labels } } } },
    clusterRole('system:aggregated-metrics-reader', [{ apiGroups: [metricsGroup], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }], {
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
    }),
    clusterRole('system:metrics-server', [
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
    ]),
    binding('rolebindings', 'metrics-server-auth-reader', 'Role', 'extension-apiserver-authentication-reader', 'kube-system'),
    binding('clusterrolebindings', 'metrics-server:system:auth-delegator', 'ClusterRole', 'system:auth-delegator'),
    binding('clusterrolebindings', 'system:metrics-server', 'ClusterRole', 'system:metrics-server'),
    {
      group: '',
      resource: 'services',
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'metrics-server', namespace: 'kube-system', labels: { ...labels }, annotations: { [backendProcessAnnotation]: metricsServerProcessId } },
        spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' }] },
      } as KubeObject,
    },
    {
      group: 'apiregistration.k8s.io',
      resource: 'apiservices',
      obj: {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: metricsApiServiceName, labels: { ...labels } },
        spec: { service: { name: 'metrics-server', namespace: 'kube-system' }, group: metricsGroup, version: metricsVersion, insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100 },
      } as KubeObject,
    },
  ];
}
