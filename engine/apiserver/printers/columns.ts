// The column definitions pkg/printers/internalversion/printers.go (AddHandlers) registers for each
// type, in Kubernetes 1.32: name, OpenAPI type and format, description (upstream's literal text, or
// the API field doc it names) and priority (1: shown by `-o wide` only).

import type { TableColumnDefinition } from '../../api/types';
import { fieldDoc, type FieldDocKey } from './docs';

function c(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

const d = (key: FieldDocKey): string => fieldDoc[key];

const name = (): TableColumnDefinition => c('Name', 'string', d('meta/v1.ObjectMeta.name'), 0, 'name');
const age = (): TableColumnDefinition => c('Age', 'string', d('meta/v1.ObjectMeta.creationTimestamp'));
const containers = (priority = 1): TableColumnDefinition => c('Containers', 'string', 'Names of each container in the template.', priority);
const images = (priority = 1): TableColumnDefinition => c('Images', 'string', 'Images referenced by each container in the template.', priority);

export const podColumns: TableColumnDefinition[] = [
  name(),
  c('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  c('Status', 'string', 'The aggregate status of the containers in this pod.'),
  c('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  age(),
  c('IP', 'string', d('core/v1.PodStatus.podIP'), 1),
  c('Node', 'string', d('core/v1.PodSpec.nodeName'), 1),
  c('Nominated Node', 'string', d('core/v1.PodStatus.nominatedNodeName'), 1),
  c('Readiness Gates', 'string', d('core/v1.PodSpec.readinessGates'), 1),
];

export const podTemplateColumns: TableColumnDefinition[] = [
  name(),
  containers(0),
  images(0),
  c('Pod Labels', 'string', 'The labels for the pod template.'),
];

export const podDisruptionBudgetColumns: TableColumnDefinition[] = [
  name(),
  c('Min Available', 'string', 'The minimum number of pods that must be available.'),
  c('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
  c('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
  age(),
];

export const replicationControllerColumns: TableColumnDefinition[] = [
  name(),
  c('Desired', 'integer', d('core/v1.ReplicationControllerSpec.replicas')),
  c('Current', 'integer', d('core/v1.ReplicationControllerStatus.replicas')),
  c('Ready', 'integer', d('core/v1.ReplicationControllerStatus.readyReplicas')),
  age(),
  containers(),
  images(),
  c('Selector', 'string', d('core/v1.ReplicationControllerSpec.selector'), 1),
];

export const replicaSetColumns: TableColumnDefinition[] = [
  name(),
  c('Desired', 'integer', d('extensions/v1beta1.ReplicaSetSpec.replicas')),
  c('Current', 'integer', d('extensions/v1beta1.ReplicaSetStatus.replicas')),
  c('Ready', 'integer', d('extensions/v1beta1.ReplicaSetStatus.readyReplicas')),
  age(),
  containers(),
  images(),
  c('Selector', 'string', d('extensions/v1beta1.ReplicaSetSpec.selector'), 1),
];

export const daemonSetColumns: TableColumnDefinition[] = [
  name(),
  c('Desired', 'integer', d('extensions/v1beta1.DaemonSetStatus.desiredNumberScheduled')),
  c('Current', 'integer', d('extensions/v1beta1.DaemonSetStatus.currentNumberScheduled')),
  c('Ready', 'integer', d('extensions/v1beta1.DaemonSetStatus.numberReady')),
  c('Up-to-date', 'integer', d('extensions/v1beta1.DaemonSetStatus.updatedNumberScheduled')),
  c('Available', 'integer', d('extensions/v1beta1.DaemonSetStatus.numberAvailable')),
  c('Node Selector', 'string', d('core/v1.PodSpec.nodeSelector')),
  age(),
  containers(),
  images(),
  c('Selector', 'string', d('extensions/v1beta1.DaemonSetSpec.selector'), 1),
];

export const jobColumns: TableColumnDefinition[] = [
  name(),
  c('Status', 'string', 'Status of the job.'),
  c('Completions', 'string', d('batch/v1.JobStatus.succeeded')),
  c('Duration', 'string', 'Time required to complete the job.'),
  age(),
  containers(),
  images(),
  c('Selector', 'string', d('batch/v1.JobSpec.selector'), 1),
];

export const cronJobColumns: TableColumnDefinition[] = [
  name(),
  c('Schedule', 'string', d('batch/v1beta1.CronJobSpec.schedule')),
  c('Timezone', 'string', d('batch/v1beta1.CronJobSpec.timeZone')),
  c('Suspend', 'boolean', d('batch/v1beta1.CronJobSpec.suspend')),
  c('Active', 'integer', d('batch/v1beta1.CronJobStatus.active')),
  c('Last Schedule', 'string', d('batch/v1beta1.CronJobStatus.lastScheduleTime')),
  age(),
  containers(),
  images(),
  c('Selector', 'string', d('batch/v1.JobSpec.selector'), 1),
];

export const serviceColumns: TableColumnDefinition[] = [
  name(),
  c('Type', 'string', d('core/v1.ServiceSpec.type')),
  c('Cluster-IP', 'string', d('core/v1.ServiceSpec.clusterIP')),
  c('External-IP', 'string', d('core/v1.ServiceSpec.externalIPs')),
  c('Port(s)', 'string', d('core/v1.ServiceSpec.ports')),
  age(),
  c('Selector', 'string', d('core/v1.ServiceSpec.selector'), 1),
];

export const ingressColumns: TableColumnDefinition[] = [
  name(),
  c('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
  c('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
  c('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
  c('Ports', 'string', 'Ports of TLS configurations that open'),
  age(),
];

export const ingressClassColumns: TableColumnDefinition[] = [
  name(),
  c('Controller', 'string', 'Controller that is responsible for handling this class'),
  c('Parameters', 'string', 'A reference to a resource with additional parameters'),
  age(),
];

export const statefulSetColumns: TableColumnDefinition[] = [
  name(),
  c('Ready', 'string', 'Number of the pod with ready state'),
  age(),
  containers(),
  images(),
];

export const endpointsColumns: TableColumnDefinition[] = [
  name(),
  c('Endpoints', 'string', d('core/v1.Endpoints.subsets')),
  age(),
];

export const nodeColumns: TableColumnDefinition[] = [
  name(),
  c('Status', 'string', 'The status of the node'),
  c('Roles', 'string', 'The roles of the node'),
  age(),
  c('Version', 'string', d('core/v1.NodeSystemInfo.kubeletVersion')),
  c('Internal-IP', 'string', d('core/v1.NodeStatus.addresses'), 1),
  c('External-IP', 'string', d('core/v1.NodeStatus.addresses'), 1),
  c('OS-Image', 'string', d('core/v1.NodeSystemInfo.osImage'), 1),
  c('Kernel-Version', 'string', d('core/v1.NodeSystemInfo.kernelVersion'), 1),
  c('Container-Runtime', 'string', d('core/v1.NodeSystemInfo.containerRuntimeVersion'), 1),
];

export const eventColumns: TableColumnDefinition[] = [
  c('Last Seen', 'string', d('core/v1.Event.lastTimestamp')),
  c('Type', 'string', d('core/v1.Event.type')),
  c('Reason', 'string', d('core/v1.Event.reason')),
  c('Object', 'string', d('core/v1.Event.involvedObject')),
  c('Subobject', 'string', d('core/v1.ObjectReference.fieldPath'), 1),
  c('Source', 'string', d('core/v1.Event.source'), 1),
  c('Message', 'string', d('core/v1.Event.message')),
  c('First Seen', 'string', d('core/v1.Event.firstTimestamp'), 1),
  c('Count', 'string', d('core/v1.Event.count'), 1),
  c('Name', 'string', d('meta/v1.ObjectMeta.name'), 1, 'name'),
];

export const namespaceColumns: TableColumnDefinition[] = [name(), c('Status', 'string', 'The status of the namespace'), age()];

export const secretColumns: TableColumnDefinition[] = [
  name(),
  c('Type', 'string', d('core/v1.Secret.type')),
  c('Data', 'string', d('core/v1.Secret.data')),
  age(),
];

export const serviceAccountColumns: TableColumnDefinition[] = [name(), c('Secrets', 'string', d('core/v1.ServiceAccount.secrets')), age()];

export const persistentVolumeColumns: TableColumnDefinition[] = [
  name(),
  c('Capacity', 'string', d('core/v1.PersistentVolumeSpec.capacity')),
  c('Access Modes', 'string', d('core/v1.PersistentVolumeSpec.accessModes')),
  c('Reclaim Policy', 'string', d('core/v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy')),
  c('Status', 'string', d('core/v1.PersistentVolumeStatus.phase')),
  c('Claim', 'string', d('core/v1.PersistentVolumeSpec.claimRef')),
  c('StorageClass', 'string', 'StorageClass of the pv'),
  c('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
  c('Reason', 'string', d('core/v1.PersistentVolumeStatus.reason')),
  age(),
  c('VolumeMode', 'string', d('core/v1.PersistentVolumeSpec.volumeMode'), 1),
];

export const persistentVolumeClaimColumns: TableColumnDefinition[] = [
  name(),
  c('Status', 'string', d('core/v1.PersistentVolumeClaimStatus.phase')),
  c('Volume', 'string', d('core/v1.PersistentVolumeClaimSpec.volumeName')),
  c('Capacity', 'string', d('core/v1.PersistentVolumeClaimStatus.capacity')),
  c('Access Modes', 'string', d('core/v1.PersistentVolumeClaimStatus.accessModes')),
  c('StorageClass', 'string', 'StorageClass of the pvc'),
  c('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
  age(),
  c('VolumeMode', 'string', d('core/v1.PersistentVolumeClaimSpec.volumeMode'), 1),
];

export const deploymentColumns: TableColumnDefinition[] = [
  name(),
  c('Ready', 'string', 'Number of the pod with ready state'),
  c('Up-to-date', 'string', d('extensions/v1beta1.DeploymentStatus.updatedReplicas')),
  c('Available', 'string', d('extensions/v1beta1.DeploymentStatus.availableReplicas')),
  age(),
  containers(),
  images(),
  c('Selector', 'string', d('extensions/v1beta1.DeploymentSpec.selector'), 1),
];

export const horizontalPodAutoscalerColumns: TableColumnDefinition[] = [
  name(),
  c('Reference', 'string', d('autoscaling/v2beta1.HorizontalPodAutoscalerSpec.scaleTargetRef')),
  c('Targets', 'string', d('autoscaling/v2beta1.HorizontalPodAutoscalerSpec.metrics')),
  c('MinPods', 'string', d('autoscaling/v2beta1.HorizontalPodAutoscalerSpec.minReplicas')),
  c('MaxPods', 'string', d('autoscaling/v2beta1.HorizontalPodAutoscalerSpec.maxReplicas')),
  c('Replicas', 'string', d('autoscaling/v2beta1.HorizontalPodAutoscalerStatus.currentReplicas')),
  age(),
];

export const configMapColumns: TableColumnDefinition[] = [name(), c('Data', 'string', d('core/v1.ConfigMap.data')), age()];

export const networkPolicyColumns: TableColumnDefinition[] = [
  name(),
  c('Pod-Selector', 'string', d('extensions/v1beta1.NetworkPolicySpec.podSelector')),
  age(),
];

export const roleBindingColumns: TableColumnDefinition[] = [
  name(),
  c('Role', 'string', d('rbac/v1beta1.RoleBinding.roleRef')),
  age(),
  c('Users', 'string', 'Users in the roleBinding', 1),
  c('Groups', 'string', 'Groups in the roleBinding', 1),
  c('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1),
];

export const clusterRoleBindingColumns: TableColumnDefinition[] = [
  name(),
  c('Role', 'string', d('rbac/v1beta1.ClusterRoleBinding.roleRef')),
  age(),
  c('Users', 'string', 'Users in the clusterRoleBinding', 1),
  c('Groups', 'string', 'Groups in the clusterRoleBinding', 1),
  c('ServiceAccounts', 'string', 'ServiceAccounts in the clusterRoleBinding', 1),
];

export const leaseColumns: TableColumnDefinition[] = [name(), c('Holder', 'string', d('coordination/v1.LeaseSpec.holderIdentity')), age()];

export const storageClassColumns: TableColumnDefinition[] = [
  name(),
  c('Provisioner', 'string', d('storage/v1.StorageClass.provisioner')),
  c('ReclaimPolicy', 'string', d('storage/v1.StorageClass.reclaimPolicy')),
  c('VolumeBindingMode', 'string', d('storage/v1.StorageClass.volumeBindingMode')),
  c('AllowVolumeExpansion', 'string', d('storage/v1.StorageClass.allowVolumeExpansion')),
  age(),
];

export const controllerRevisionColumns: TableColumnDefinition[] = [
  name(),
  c('Controller', 'string', 'Controller of the object'),
  c('Revision', 'string', d('apps/v1beta1.ControllerRevision.revision')),
  age(),
];

export const resourceQuotaColumns: TableColumnDefinition[] = [
  name(),
  c('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
  c('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  age(),
];

export const priorityClassColumns: TableColumnDefinition[] = [
  name(),
  c('Value', 'integer', d('scheduling/v1.PriorityClass.value')),
  c('Global-Default', 'boolean', d('scheduling/v1.PriorityClass.globalDefault')),
  age(),
  c('PreemptionPolicy', 'string', d('scheduling/v1.PriorityClass.preemptionPolicy')),
];

export const endpointSliceColumns: TableColumnDefinition[] = [
  name(),
  c('AddressType', 'string', d('discovery/v1beta1.EndpointSlice.addressType')),
  c('Ports', 'string', d('discovery/v1beta1.EndpointSlice.ports')),
  c('Endpoints', 'string', d('discovery/v1beta1.EndpointSlice.endpoints')),
  age(),
];

/** rest.NewDefaultTableConvertor's columns, for resources without a printer (roles, limitranges, ...). */
export const defaultColumns: TableColumnDefinition[] = [
  name(),
  c('Created At', 'date', d('meta/v1.ObjectMeta.creationTimestamp')),
];
