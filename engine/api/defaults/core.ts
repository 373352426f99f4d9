// core/v1 defaulting: the SetDefaults_* functions of pkg/apis/core/v1/defaults.go, the `+default`
// markers of k8s.io/api/core/v1/types.go, and the walk defaulter-gen generates over them
// (zz_generated.defaults.go), with Kubernetes 1.32's default feature gates (ImageVolume,
// PodLevelResources and PodLogsQuerySplitStreams are alpha and off, so their defaults do not apply).
//
// A `setDefaults<Kind>` here is the covering defaulter for that kind: it applies every default in
// the object, nested ones included, as SetObjectDefaults_<Kind> does.

import type {
  AzureDiskVolumeSource,
  ConfigMap,
  Container,
  ContainerStatus,
  DownwardAPIVolumeFile,
  Endpoints,
  HTTPGetAction,
  ISCSIPersistentVolumeSource,
  ISCSIVolumeSource,
  LimitRange,
  LimitRangeItem,
  Namespace,
  Node,
  NodeStatus,
  ObjectFieldSelector,
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeClaimSpec,
  PersistentVolumeSource,
  Pod,
  PodSpec,
  PodTemplate,
  PodTemplateSpec,
  Probe,
  RBDPersistentVolumeSource,
  RBDVolumeSource,
  ReplicationController,
  ResourceQuota,
  ScaleIOPersistentVolumeSource,
  ScaleIOVolumeSource,
  Secret,
  Service,
  Volume,
  VolumeSource,
  VolumeResourceRequirements,
  ResourceRequirements,
} from '../types';
import { defaultPullPolicy } from './image';
import { setDefaultsResourceList } from './resource-list';
import { isEmpty, isNil, isObject, items, ptr, struct } from './util';

/** v1.DefaultTerminationGracePeriodSeconds. */
export const defaultTerminationGracePeriodSeconds = 30;
/** v1.DefaultSchedulerName. */
export const defaultSchedulerName = 'default-scheduler';
/** v1.TerminationMessagePathDefault. */
export const terminationMessagePathDefault = '/dev/termination-log';
/** 0644: SecretVolumeSourceDefaultMode, ConfigMapVolumeSourceDefaultMode, ... */
export const volumeSourceDefaultMode = 0o644;
/** v1.DefaultClientIPServiceAffinitySeconds: 3 hours. */
export const defaultClientIPServiceAffinitySeconds = 10800;
/** v1.LabelMetadataName: every namespace carries its own name under this label. */
export const labelMetadataName = 'kubernetes.io/metadata.name';

// ---- Containers -------------------------------------------------------------------------------

function setDefaultsObjectFieldSelector(obj: ObjectFieldSelector): void {
  if (!obj.apiVersion) obj.apiVersion = 'v1';
}

function setDefaultsHTTPGetAction(obj: HTTPGetAction): void {
  if (!obj.path) obj.path = '/';
  if (!obj.scheme) obj.scheme = 'HTTP';
}

/** SetDefaults_Probe, and the defaults of its handler. */
function setDefaultsProbe(obj: Probe): void {
  if (!obj.timeoutSeconds) obj.timeoutSeconds = 1;
  if (!obj.periodSeconds) obj.periodSeconds = 10;
  if (!obj.successThreshold) obj.successThreshold = 1;
  if (!obj.failureThreshold) obj.failureThreshold = 3;
  const httpGet = ptr(obj.httpGet);
  if (httpGet) setDefaultsHTTPGetAction(httpGet);
  // GRPCAction.service: +default="".
  const grpc = ptr(obj.grpc);
  if (grpc && isNil(grpc.service)) grpc.service = '';
}

function setDefaultsResourceRequirements(r: ResourceRequirements | VolumeResourceRequirements | null | undefined): void {
  const req = ptr(r);
  if (!req) return;
  setDefaultsResourceList(req.limits);
  setDefaultsResourceList(req.requests);
}

/** SetDefaults_Container and everything under a container. */
export function setDefaultsContainer(obj: Container): void {
  if (!obj.imagePullPolicy) obj.imagePullPolicy = defaultPullPolicy(obj.image);
  if (!obj.terminationMessagePath) obj.terminationMessagePath = terminationMessagePathDefault;
  if (!obj.terminationMessagePolicy) obj.terminationMessagePolicy = 'File';
  // ContainerPort.protocol: +default="TCP".
  for (const port of items(obj.ports)) if (!port.protocol) port.protocol = 'TCP';
  for (const env of items(obj.env)) {
    const fieldRef = ptr(ptr(env.valueFrom)?.fieldRef);
    if (fieldRef) setDefaultsObjectFieldSelector(fieldRef);
  }
  setDefaultsResourceRequirements(obj.resources);
  for (const probe of [obj.livenessProbe, obj.readinessProbe, obj.startupProbe]) {
    const p = ptr(probe);
    if (p) setDefaultsProbe(p);
  }
  const lifecycle = ptr(obj.lifecycle);
  if (lifecycle) {
    for (const handler of [lifecycle.postStart, lifecycle.preStop]) {
      const httpGet = ptr(ptr(handler)?.httpGet);
      if (httpGet) setDefaultsHTTPGetAction(httpGet);
    }
  }
}

// ---- Volumes ----------------------------------------------------------------------------------

function setDefaultsDownwardAPIItems(files: DownwardAPIVolumeFile[] | null | undefined): void {
  for (const f of items(files)) {
    const fieldRef = ptr(f.fieldRef);
    if (fieldRef) setDefaultsObjectFieldSelector(fieldRef);
  }
}

// The `+default` markers of the in-tree volume plugins.
function setDefaultsISCSI(obj: ISCSIVolumeSource | ISCSIPersistentVolumeSource): void {
  if (!obj.iscsiInterface) obj.iscsiInterface = 'default';
}
function setDefaultsRBD(obj: RBDVolumeSource | RBDPersistentVolumeSource): void {
  if (!obj.pool) obj.pool = 'rbd';
  if (!obj.user) obj.user = 'admin';
  if (!obj.keyring) obj.keyring = '/etc/ceph/keyring';
}
function setDefaultsAzureDisk(obj: AzureDiskVolumeSource): void {
  if (isNil(obj.cachingMode)) obj.cachingMode = 'ReadWrite';
  if (isNil(obj.fsType)) obj.fsType = 'ext4';
  if (isNil(obj.readOnly)) obj.readOnly = false;
  if (isNil(obj.kind)) obj.kind = 'Shared';
}
function setDefaultsScaleIO(obj: ScaleIOVolumeSource | ScaleIOPersistentVolumeSource): void {
  if (!obj.storageMode) obj.storageMode = 'ThinProvisioned';
  if (!obj.fsType) obj.fsType = 'xfs';
}

type SharedSourceKeys = 'hostPath' | 'iscsi' | 'rbd' | 'azureDisk' | 'scaleIO';

/** The volume sources both a pod's volumes and a PersistentVolume have, defaulted alike. */
function setDefaultsSharedSources(src: Pick<VolumeSource, SharedSourceKeys> | Pick<PersistentVolumeSource, SharedSourceKeys>): void {
  const hostPath = ptr(src.hostPath);
  // HostPathVolumeSource.type: HostPathUnset.
  if (hostPath && isNil(hostPath.type)) hostPath.type = '';
  const iscsi = ptr(src.iscsi);
  if (iscsi) setDefaultsISCSI(iscsi);
  const rbd = ptr(src.rbd);
  if (rbd) setDefaultsRBD(rbd);
  const azureDisk = ptr(src.azureDisk);
  if (azureDisk) setDefaultsAzureDisk(azureDisk);
  const scaleIO = ptr(src.scaleIO);
  if (scaleIO) setDefaultsScaleIO(scaleIO);
}

/** The volume source keys of VolumeSource: a volume with none of them becomes an emptyDir. */
const volumeSourceKeys = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
] as const;

/** SetDefaults_Volume and the defaults of its source. */
export function setDefaultsVolume(obj: Volume): void {
  // ptr.AllPtrFieldsNil(&obj.VolumeSource).
  if (volumeSourceKeys.every((k) => isNil(obj[k]))) obj.emptyDir = {};
  setDefaultsSharedSources(obj);
  const secret = ptr(obj.secret);
  if (secret && isNil(secret.defaultMode)) secret.defaultMode = volumeSourceDefaultMode;
  const configMap = ptr(obj.configMap);
  if (configMap && isNil(configMap.defaultMode)) configMap.defaultMode = volumeSourceDefaultMode;
  const downwardAPI = ptr(obj.downwardAPI);
  if (downwardAPI) {
    if (isNil(downwardAPI.defaultMode)) downwardAPI.defaultMode = volumeSourceDefaultMode;
    setDefaultsDownwardAPIItems(downwardAPI.items);
  }
  const projected = ptr(obj.projected);
  if (projected) {
    if (isNil(projected.defaultMode)) projected.defaultMode = volumeSourceDefaultMode;
    for (const source of items(projected.sources)) {
      const d = ptr(source.downwardAPI);
      if (d) setDefaultsDownwardAPIItems(d.items);
      const token = ptr(source.serviceAccountToken);
      // SetDefaults_ServiceAccountTokenProjection: one hour.
      if (token && isNil(token.expirationSeconds)) token.expirationSeconds = 3600;
    }
  }
  const claimTemplate = ptr(ptr(obj.ephemeral)?.volumeClaimTemplate);
  if (claimTemplate) setDefaultsPersistentVolumeClaimSpec(struct(claimTemplate, 'spec'));
}

// ---- Pods -------------------------------------------------------------------------------------

/**
 * SetDefaults_PodSpec and everything under a pod spec: what a pod template gets. The defaults
 * only a Pod gets (requests from limits, enableServiceLinks, host ports) are setDefaultsPod's.
 */
export function setDefaultsPodSpec(spec: PodSpec | undefined): void {
  if (!spec) return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (isNil(spec.securityContext)) spec.securityContext = {};
  if (isNil(spec.terminationGracePeriodSeconds)) spec.terminationGracePeriodSeconds = defaultTerminationGracePeriodSeconds;
  if (!spec.schedulerName) spec.schedulerName = defaultSchedulerName;
  for (const v of items(spec.volumes)) setDefaultsVolume(v);
  for (const c of items(spec.initContainers)) setDefaultsContainer(c);
  for (const c of items(spec.containers)) setDefaultsContainer(c);
  setDefaultsResourceList(spec.overhead);
  setDefaultsResourceRequirements(spec.resources);
}

/** The pod spec of a template (a Go struct, so always there to default). */
export function setDefaultsPodTemplateSpec(template: PodTemplateSpec | undefined): void {
  if (template) setDefaultsPodSpec(struct(template, 'spec'));
}

/** SetDefaults_Pod: a container's requests default to its limits. */
function defaultRequestsFromLimits(c: Container): void {
  const resources = ptr(c.resources);
  const limits = resources?.limits;
  if (!resources || !isObject(limits)) return;
  const requests = isObject(resources.requests) ? resources.requests : {};
  for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
  // An empty map is omitted when encoded; leave it out rather than write `requests: {}`.
  if (isObject(resources.requests) || Object.keys(requests).length > 0) resources.requests = requests;
}

/** defaultHostNetworkPorts: with host networking every container port is also a host port. */
function defaultHostNetworkPorts(containers: Container[] | undefined): void {
  for (const c of items(containers)) for (const p of items(c.ports)) if (!p.hostPort && p.containerPort) p.hostPort = p.containerPort;
}

function setDefaultsContainerStatuses(statuses: ContainerStatus[] | null | undefined): void {
  for (const s of items(statuses)) {
    setDefaultsResourceList(s.allocatedResources);
    setDefaultsResourceRequirements(s.resources);
  }
}

/** SetObjectDefaults_Pod. */
export function setDefaultsPod(pod: Pod): void {
  const spec = struct(pod, 'spec');
  if (spec) {
    for (const c of items(spec.containers)) defaultRequestsFromLimits(c);
    for (const c of items(spec.initContainers)) defaultRequestsFromLimits(c);
    if (isNil(spec.enableServiceLinks)) spec.enableServiceLinks = true;
    if (spec.hostNetwork === true) {
      defaultHostNetworkPorts(spec.containers);
      defaultHostNetworkPorts(spec.initContainers);
    }
  }
  setDefaultsPodSpec(spec);
  const status = ptr(pod.status);
  if (status) {
    setDefaultsContainerStatuses(status.initContainerStatuses);
    setDefaultsContainerStatuses(status.containerStatuses);
    setDefaultsContainerStatuses(status.ephemeralContainerStatuses);
  }
}

/** SetObjectDefaults_PodTemplate. */
export function setDefaultsPodTemplate(obj: PodTemplate): void {
  setDefaultsPodTemplateSpec(struct(obj, 'template'));
}

/** SetObjectDefaults_ReplicationController: selector and labels from the template, one replica. */
export function setDefaultsReplicationController(obj: ReplicationController): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  const template = ptr(spec.template);
  const labels = template ? ptr(template.metadata)?.labels : undefined;
  // Upstream tests `labels != nil`; an empty map would be omitted when encoded either way.
  if (isObject(labels) && !isEmpty(labels)) {
    if (isEmpty(spec.selector)) spec.selector = { ...labels };
    if (isEmpty(obj.metadata.labels)) obj.metadata.labels = { ...labels };
  }
  if (isNil(spec.replicas)) spec.replicas = 1;
  if (template) setDefaultsPodTemplateSpec(template);
}

// ---- Services and endpoints -------------------------------------------------------------------

/** service.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
function externallyAccessible(svc: Service): boolean {
  const spec = svc.spec;
  return spec?.type === 'LoadBalancer' || spec?.type === 'NodePort' || (spec?.type === 'ClusterIP' && !isEmpty(spec.externalIPs));
}

/** SetObjectDefaults_Service. */
export function setDefaultsService(obj: Service): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && isNil(ptr(ptr(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds)) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: defaultClientIPServiceAffinitySeconds } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of items(spec.ports)) {
    if (!port.protocol) port.protocol = 'TCP';
    // intstr.FromInt32(0) or FromString(""): an absent targetPort is the int 0.
    if (isNil(port.targetPort) || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port ?? 0;
  }
  if (externallyAccessible(obj) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (isNil(spec.internalTrafficPolicy) && (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (isNil(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
    // LoadBalancerIPMode (GA in 1.32): an ingress IP without a mode is a VIP.
    for (const ing of items(ptr(ptr(obj.status)?.loadBalancer)?.ingress)) {
      if (ing.ip && isNil(ing.ipMode)) ing.ipMode = 'VIP';
    }
  }
}

/** SetObjectDefaults_Endpoints. */
export function setDefaultsEndpoints(obj: Endpoints): void {
  for (const subset of items(obj.subsets)) for (const p of items(subset.ports)) if (!p.protocol) p.protocol = 'TCP';
}

// ---- Storage ----------------------------------------------------------------------------------

/** SetDefaults_PersistentVolumeClaimSpec and the resource lists in it. */
export function setDefaultsPersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec | undefined): void {
  if (!spec) return;
  if (isNil(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  setDefaultsResourceRequirements(spec.resources);
}

/** SetObjectDefaults_PersistentVolumeClaim (also what a StatefulSet's volumeClaimTemplates get). */
export function setDefaultsPersistentVolumeClaim(obj: PersistentVolumeClaim): void {
  const status = struct(obj, 'status');
  if (status && !status.phase) status.phase = 'Pending';
  setDefaultsPersistentVolumeClaimSpec(struct(obj, 'spec'));
  if (status) {
    setDefaultsResourceList(status.capacity);
    setDefaultsResourceList(status.allocatedResources);
  }
}

/** SetObjectDefaults_PersistentVolume. */
export function setDefaultsPersistentVolume(obj: PersistentVolume): void {
  const status = struct(obj, 'status');
  if (status && !status.phase) status.phase = 'Pending';
  const spec = struct(obj, 'spec');
  if (!spec) return;
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (isNil(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  setDefaultsResourceList(spec.capacity);
  setDefaultsSharedSources(spec);
}

// ---- Cluster objects --------------------------------------------------------------------------

/** The label every namespace carries, `kubernetes.io/metadata.name: <name>` (also set by the namespace strategy once a generated name is known). */
export function namespaceLabel(ns: Namespace): void {
  const name = ns.metadata.name;
  if (!name) return;
  ns.metadata.labels = { ...(isObject(ns.metadata.labels) ? ns.metadata.labels : {}), [labelMetadataName]: name };
}

/** SetObjectDefaults_Namespace: the name label and phase Active. */
export function setDefaultsNamespace(obj: Namespace): void {
  namespaceLabel(obj);
  const status = struct(obj, 'status');
  if (status && !status.phase) status.phase = 'Active';
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
function setDefaultsNodeStatus(status: NodeStatus): void {
  if (isNil(status.allocatable) && !isNil(status.capacity)) status.allocatable = isObject(status.capacity) ? { ...status.capacity } : status.capacity;
}

/** SetObjectDefaults_Node. */
export function setDefaultsNode(obj: Node): void {
  const status = struct(obj, 'status');
  if (!status) return;
  setDefaultsNodeStatus(status);
  setDefaultsResourceList(status.capacity);
  setDefaultsResourceList(status.allocatable);
}

/** SetDefaults_Secret. */
export function setDefaultsSecret(obj: Secret): void {
  if (!obj.type) obj.type = 'Opaque';
}

/**
 * SetDefaults_ConfigMap makes a nil `data` an empty map, which the encoder then omits: nothing
 * shows in the wire form, so nothing is written here.
 */
export function setDefaultsConfigMap(_obj: ConfigMap): void {}

/** SetDefaults_LimitRangeItem: a container's default limit from max, default request from the default limit, then from min. */
function setDefaultsLimitRangeItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  const def: Record<string, string> = isObject(item.default) ? item.default : {};
  const defReq: Record<string, string> = isObject(item.defaultRequest) ? item.defaultRequest : {};
  for (const [k, v] of Object.entries(isObject(item.max) ? item.max : {})) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
  for (const [k, v] of Object.entries(isObject(item.min) ? item.min : {})) if (!(k in defReq)) defReq[k] = v;
  // Empty maps are omitted when encoded.
  if (Object.keys(def).length > 0) item.default = def;
  if (Object.keys(defReq).length > 0) item.defaultRequest = defReq;
}

/** SetObjectDefaults_LimitRange. */
export function setDefaultsLimitRange(obj: LimitRange): void {
  for (const item of items(ptr(obj.spec)?.limits)) {
    setDefaultsLimitRangeItem(item);
    setDefaultsResourceList(item.max);
    setDefaultsResourceList(item.min);
    setDefaultsResourceList(item.default);
    setDefaultsResourceList(item.defaultRequest);
    setDefaultsResourceList(item.maxLimitRequestRatio);
  }
}

/** SetObjectDefaults_ResourceQuota. */
export function setDefaultsResourceQuota(obj: ResourceQuota): void {
  setDefaultsResourceList(ptr(obj.spec)?.hard);
  const status = ptr(obj.status);
  if (status) {
    setDefaultsResourceList(status.hard);
    setDefaultsResourceList(status.used);
  }
}
