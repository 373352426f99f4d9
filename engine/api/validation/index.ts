// Validation of API objects as kube-apiserver runs it: each kind's strategy Validate /
// ValidateUpdate (pkg/registry/*/strategy.go over pkg/apis/*/validation), wrapped the way
// k8s.io/apiserver/pkg/registry/rest does it:
//  - create (rest.BeforeCreate): the strategy's errors; only when there are none, the generic
//    ObjectMeta check with path-segment names (ValidateObjectMetaAccessor);
//  - update (rest.BeforeUpdate): validateCommonFields (generic ObjectMeta + ObjectMetaUpdate)
//    followed by the strategy's errors, so some metadata errors appear twice, as upstream.
// Objects are validated after defaulting and after the strategy's PrepareForCreate/Update
// (generated selectors, dropped status, allocated cluster IPs), which belong to the apiserver.

import { resourceForKind } from '../resources';
import type { KubeObject } from '../types';
import type * as T from '../types';
import { newPath, type FieldError } from './field';
import { validateObjectMetaGeneric, validateObjectMetaUpdateGeneric } from './meta';
import { validatePathSegmentName } from './names';
import * as core from './core';
import * as pod from './core-pod';
import * as svc from './core-service';
import * as apps from './apps';
import * as batch from './batch';
import * as rbac from './rbac';
import * as networking from './networking';
import * as policy from './policy';
import * as storage from './storage';
import * as scheduling from './scheduling';
import * as coordination from './coordination';
import * as discovery from './discovery';
import * as autoscaling from './autoscaling';

export * from './field';
export { invalidStatus, groupKindString, type Status, type StatusCause, type StatusDetails } from './errors';

type CreateFn = (obj: never) => FieldError[];
type UpdateFn = (obj: never, old: never) => FieldError[];

interface KindValidators {
  create: CreateFn;
  update: UpdateFn;
  status?: UpdateFn;
}

function v<O>(create: (o: O) => FieldError[], update: (o: O, old: O) => FieldError[], status?: (o: O, old: O) => FieldError[]): KindValidators {
  return { create: create as CreateFn, update: update as UpdateFn, status: status as UpdateFn | undefined };
}

/** The validators by `apiVersion/kind`. */
const byKind: Record<string, KindValidators> = {
  'v1/Namespace': v<T.Namespace>(core.validateNamespace, core.validateNamespaceUpdate, core.validateNamespaceStatusUpdate),
  'v1/Node': v<T.Node>(core.validateNode, core.validateNodeUpdate, core.validateNodeUpdate),
  'v1/Pod': v<T.Pod>((p) => pod.validatePodCreate(p), (p, o) => pod.validatePodUpdate(p, o), (p, o) => pod.validatePodStatusUpdate(p, o)),
  'v1/PodTemplate': v<T.PodTemplate>((p) => core.validatePodTemplate(p), (p, o) => core.validatePodTemplateUpdate(p, o)),
  'v1/ReplicationController': v<T.ReplicationController>((p) => core.validateReplicationController(p), (p, o) => core.validateReplicationControllerUpdate(p, o), core.validateReplicationControllerStatusUpdate),
  'v1/Service': v<T.Service>(svc.validateService, svc.validateServiceUpdate, svc.validateServiceStatusUpdate),
  'v1/Endpoints': v<T.Endpoints>(svc.validateEndpoints, svc.validateEndpointsUpdate),
  'v1/ConfigMap': v<T.ConfigMap>(core.validateConfigMap, core.validateConfigMapUpdate),
  'v1/Secret': v<T.Secret>(core.validateSecret, core.validateSecretUpdate),
  'v1/ServiceAccount': v<T.ServiceAccount>(core.validateServiceAccount, core.validateServiceAccountUpdate),
  'v1/Event': v<T.Event>(core.validateEventCreate, core.validateEventUpdate),
  'v1/LimitRange': v<T.LimitRange>(core.validateLimitRange, core.validateLimitRangeUpdate),
  'v1/ResourceQuota': v<T.ResourceQuota>(core.validateResourceQuota, core.validateResourceQuotaUpdate, core.validateResourceQuotaStatusUpdate),
  'v1/PersistentVolume': v<T.PersistentVolume>(core.validatePersistentVolume, core.validatePersistentVolumeUpdate, core.validatePersistentVolumeStatusUpdate),
  'v1/PersistentVolumeClaim': v<T.PersistentVolumeClaim>((p) => core.validatePersistentVolumeClaim(p), (p, o) => core.validatePersistentVolumeClaimUpdate(p, o), (p, o) => core.validatePersistentVolumeClaimStatusUpdate(p, o)),
  'v1/Binding': v<T.Binding>(core.validatePodBinding, () => []),
  'apps/v1/Deployment': v<T.Deployment>((d) => apps.validateDeployment(d), (d, o) => apps.validateDeploymentUpdate(d, o), apps.validateDeploymentStatusUpdate),
  'apps/v1/ReplicaSet': v<T.ReplicaSet>((d) => apps.validateReplicaSet(d), (d, o) => apps.validateReplicaSetUpdate(d, o), apps.validateReplicaSetStatusUpdate),
  'apps/v1/DaemonSet': v<T.DaemonSet>((d) => apps.validateDaemonSet(d), (d, o) => apps.validateDaemonSetUpdate(d, o), apps.validateDaemonSetStatusUpdate),
  'apps/v1/StatefulSet': v<T.StatefulSet>((d) => apps.validateStatefulSet(d), (d, o) => apps.validateStatefulSetUpdate(d, o), apps.validateStatefulSetStatusUpdate),
  'apps/v1/ControllerRevision': v<T.ControllerRevision>(apps.validateControllerRevision, apps.validateControllerRevisionUpdate),
  'batch/v1/Job': v<T.Job>((j) => batch.validateJob(j), (j, o) => batch.validateJobUpdate(j, o), batch.validateJobStatusUpdate),
  'batch/v1/CronJob': v<T.CronJob>((c) => batch.validateCronJob(c), (c, o) => batch.validateCronJobUpdate(c, o)),
  'rbac.authorization.k8s.io/v1/Role': v<T.Role>(rbac.validateRole, rbac.validateRoleUpdate),
  'rbac.authorization.k8s.io/v1/ClusterRole': v<T.ClusterRole>((r) => rbac.validateClusterRole(r), rbac.validateClusterRoleUpdate),
  'rbac.authorization.k8s.io/v1/RoleBinding': v<T.RoleBinding>(rbac.validateRoleBinding, rbac.validateRoleBindingUpdate),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': v<T.ClusterRoleBinding>(rbac.validateClusterRoleBinding, rbac.validateClusterRoleBindingUpdate),
  'networking.k8s.io/v1/Ingress': v<T.Ingress>(networking.validateIngress, networking.validateIngressUpdate),
  'networking.k8s.io/v1/IngressClass': v<T.IngressClass>(networking.validateIngressClass, networking.validateIngressClassUpdate),
  'networking.k8s.io/v1/NetworkPolicy': v<T.NetworkPolicy>(networking.validateNetworkPolicy, networking.validateNetworkPolicyUpdate),
  'policy/v1/PodDisruptionBudget': v<T.PodDisruptionBudget>(policy.validatePodDisruptionBudget, policy.validatePodDisruptionBudgetUpdate),
  'storage.k8s.io/v1/StorageClass': v<T.StorageClass>(storage.validateStorageClass, storage.validateStorageClassUpdate),
  'scheduling.k8s.io/v1/PriorityClass': v<T.PriorityClass>(scheduling.validatePriorityClass, scheduling.validatePriorityClassUpdate),
  'coordination.k8s.io/v1/Lease': v<T.Lease>(coordination.validateLease, coordination.validateLeaseUpdate),
  'discovery.k8s.io/v1/EndpointSlice': v<T.EndpointSlice>(discovery.validateEndpointSliceCreate, discovery.validateEndpointSliceUpdate),
  'autoscaling/v2/HorizontalPodAutoscaler': v<T.HorizontalPodAutoscaler>(autoscaling.validateHorizontalPodAutoscaler, autoscaling.validateHorizontalPodAutoscalerUpdate, autoscaling.validateHorizontalPodAutoscalerStatusUpdate),
  'events.k8s.io/v1/Event': v<T.EventsV1Event>(core.validateEventsV1EventCreate, core.validateEventsV1EventUpdate),
};

function keyOf(obj: KubeObject): string {
  return `${obj.apiVersion ?? ''}/${obj.kind ?? ''}`;
}

/** Whether the kind is namespaced (the strategy's NamespaceScoped), from the served resources. */
function namespaced(obj: KubeObject): boolean {
  return resourceForKind(obj.apiVersion ?? '', obj.kind ?? '')?.namespaced ?? true;
}

/** Whether this package validates the kind (others get only the generic ObjectMeta checks). */
export function hasValidation(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in byKind;
}

/** The errors a create of `obj` fails with, as rest.BeforeCreate would put them in NewInvalid. */
export function validateCreate(obj: KubeObject): FieldError[] {
  const k = byKind[keyOf(obj)];
  if (k) {
    const errs = k.create(obj as never);
    if (errs.length > 0) return errs;
  }
  return validateObjectMetaGeneric(obj.metadata, namespaced(obj), validatePathSegmentName, newPath('metadata'));
}

/** validateCommonFields: every kind's metadata, generically, before the strategy's checks. */
function commonFields(obj: KubeObject, old: KubeObject): FieldError[] {
  return [
    ...validateObjectMetaGeneric(obj.metadata, namespaced(obj), validatePathSegmentName, newPath('metadata')),
    ...validateObjectMetaUpdateGeneric(obj.metadata, old.metadata, newPath('metadata')),
  ];
}

/** The errors an update of `old` to `obj` fails with, as rest.BeforeUpdate would report them. */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const k = byKind[keyOf(obj)];
  return [...commonFields(obj, old), ...(k ? k.update(obj as never, old as never) : [])];
}

/**
 * The errors a `/status` update fails with, for kinds with a status strategy (pods, deployments,
 * nodes, services, ...); kinds without one validate as a plain update.
 */
export function validateStatusUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const k = byKind[keyOf(obj)];
  const fn = k?.status ?? k?.update;
  return [...commonFields(obj, old), ...(fn ? fn(obj as never, old as never) : [])];
}

export { parseStandardCron, type CronSchedule } from './cron';
export { podOptions, validatePodSpec, validatePodTemplateSpec } from './core-pod';
export { defaultPodValidationOptions, type PodValidationOptions } from './podopts';
export { fieldImmutableErrorMsg, isNegativeErrorMsg } from './names';
