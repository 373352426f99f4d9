// Defaulting, as the apiserver applies it to every object it decodes (runtime.Scheme.Default):
// the per-kind defaulters registered for each group version, chosen by apiVersion and kind. Kinds
// without defaults (ConfigMap, ServiceAccount, Role, Lease, ...) and unknown kinds are left as they
// are. The fields a registry strategy sets on create (Pod status phase and QoS class, generation,
// Service cluster IPs, a Job's selector) are not defaults and are not set here.

import type { KubeObject } from '../types';
import { setDefaultsDaemonSet, setDefaultsDeployment, setDefaultsReplicaSet, setDefaultsStatefulSet } from './apps';
import { setDefaultsHorizontalPodAutoscaler } from './autoscaling';
import { setDefaultsCronJob, setDefaultsJob } from './batch';
import {
  setDefaultsConfigMap,
  setDefaultsEndpoints,
  setDefaultsLimitRange,
  setDefaultsNamespace,
  setDefaultsNode,
  setDefaultsPersistentVolume,
  setDefaultsPersistentVolumeClaim,
  setDefaultsPod,
  setDefaultsPodTemplate,
  setDefaultsReplicationController,
  setDefaultsResourceQuota,
  setDefaultsSecret,
  setDefaultsService,
} from './core';
import { setDefaultsEndpointSlice } from './discovery';
import { setDefaultsIngressClass, setDefaultsNetworkPolicy } from './networking';
import { setDefaultsClusterRoleBinding, setDefaultsRoleBinding } from './rbac';
import { setDefaultsPriorityClass } from './scheduling';
import { setDefaultsStorageClass } from './storage';
import { isObject } from './util';

export * from './apps';
export * from './autoscaling';
export * from './batch';
export * from './core';
export * from './discovery';
export * from './networking';
export * from './rbac';
export * from './scheduling';
export * from './storage';
export { parseImageName, defaultPullPolicy, type ImageName } from './image';
export { setDefaultsResourceList, roundUpToMilli } from './resource-list';

// Each defaulter takes its own kind; the table pairs them by apiVersion and kind, so the cast is safe.
type Defaulter = (obj: never) => void;

/** The defaulters by `apiVersion/kind`, as each group's RegisterDefaults adds them. */
const defaulters: ReadonlyMap<string, Defaulter> = new Map<string, Defaulter>([
  ['v1/ConfigMap', setDefaultsConfigMap],
  ['v1/Endpoints', setDefaultsEndpoints],
  ['v1/LimitRange', setDefaultsLimitRange],
  ['v1/Namespace', setDefaultsNamespace],
  ['v1/Node', setDefaultsNode],
  ['v1/PersistentVolume', setDefaultsPersistentVolume],
  ['v1/PersistentVolumeClaim', setDefaultsPersistentVolumeClaim],
  ['v1/Pod', setDefaultsPod],
  ['v1/PodTemplate', setDefaultsPodTemplate],
  ['v1/ReplicationController', setDefaultsReplicationController],
  ['v1/ResourceQuota', setDefaultsResourceQuota],
  ['v1/Secret', setDefaultsSecret],
  ['v1/Service', setDefaultsService],
  ['apps/v1/DaemonSet', setDefaultsDaemonSet],
  ['apps/v1/Deployment', setDefaultsDeployment],
  ['apps/v1/ReplicaSet', setDefaultsReplicaSet],
  ['apps/v1/StatefulSet', setDefaultsStatefulSet],
  ['autoscaling/v2/HorizontalPodAutoscaler', setDefaultsHorizontalPodAutoscaler],
  ['batch/v1/CronJob', setDefaultsCronJob],
  ['batch/v1/Job', setDefaultsJob],
  ['discovery.k8s.io/v1/EndpointSlice', setDefaultsEndpointSlice],
  ['networking.k8s.io/v1/IngressClass', setDefaultsIngressClass],
  ['networking.k8s.io/v1/NetworkPolicy', setDefaultsNetworkPolicy],
  ['rbac.authorization.k8s.io/v1/ClusterRoleBinding', setDefaultsClusterRoleBinding],
  ['rbac.authorization.k8s.io/v1/RoleBinding', setDefaultsRoleBinding],
  ['scheduling.k8s.io/v1/PriorityClass', setDefaultsPriorityClass],
  ['storage.k8s.io/v1/StorageClass', setDefaultsStorageClass],
]);

/** Whether apiVersion/kind has defaults at all. */
export function hasDefaults(apiVersion: string, kind: string): boolean {
  return defaulters.has(`${apiVersion}/${kind}`) || (kind.endsWith('List') && defaulters.has(`${apiVersion}/${kind.slice(0, -4)}`));
}

function defaultAs(obj: KubeObject, apiVersion: string, kind: string): void {
  const fn = defaulters.get(`${apiVersion}/${kind}`) as ((o: KubeObject) => void) | undefined;
  if (!fn) return;
  // ObjectMeta is a Go struct: always there.
  if (!isObject(obj.metadata)) obj.metadata = {};
  fn(obj);
}

/**
 * Sets every default of the object's kind, in place. A `<Kind>List` has each item defaulted as
 * `<Kind>` (as SetObjectDefaults_<Kind>List does). Unknown kinds are untouched.
 */
export function applyDefaults(obj: KubeObject): void {
  if (!isObject(obj)) return;
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;
  if (defaulters.has(`${apiVersion}/${kind}`)) {
    defaultAs(obj, apiVersion, kind);
    return;
  }
  const items: unknown = (obj as { items?: unknown }).items;
  if (kind.endsWith('List') && Array.isArray(items)) {
    for (const item of items) if (isObject(item)) defaultAs(item as unknown as KubeObject, apiVersion, kind.slice(0, -4));
  }
}
