// storage.k8s.io/v1, as k8s.io/api/storage/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { PersistentVolumeReclaimPolicy, PersistentVolumeSpec, TopologySelectorTerm } from './core';
import type { KubeList, LabelSelector, ObjectMeta, TypeMeta } from './meta';

export interface StorageClass extends TypeMeta {
  metadata: ObjectMeta;
  /** The volume plugin or CSI driver that provisions volumes of this class. */
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: PersistentVolumeReclaimPolicy;
  mountOptions?: string[];
  allowVolumeExpansion?: boolean;
  volumeBindingMode?: VolumeBindingMode;
  allowedTopologies?: TopologySelectorTerm[];
}

export type StorageClassList = KubeList<StorageClass>;

export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer';

export interface VolumeAttachment extends TypeMeta {
  metadata: ObjectMeta;
  spec: VolumeAttachmentSpec;
  status?: VolumeAttachmentStatus;
}

export type VolumeAttachmentList = KubeList<VolumeAttachment>;

export interface VolumeAttachmentSpec {
  attacher: string;
  source: VolumeAttachmentSource;
  nodeName: string;
}

export interface VolumeAttachmentSource {
  persistentVolumeName?: string;
  inlineVolumeSpec?: PersistentVolumeSpec;
}

export interface VolumeAttachmentStatus {
  attached: boolean;
  attachmentMetadata?: Record<string, string>;
  attachError?: VolumeError;
  detachError?: VolumeError;
}

export interface VolumeError {
  time?: string | null;
  message?: string;
}

export interface CSIDriver extends TypeMeta {
  metadata: ObjectMeta;
  spec: CSIDriverSpec;
}

export type CSIDriverList = KubeList<CSIDriver>;

export interface CSIDriverSpec {
  attachRequired?: boolean;
  podInfoOnMount?: boolean;
  volumeLifecycleModes?: VolumeLifecycleMode[];
  storageCapacity?: boolean;
  fsGroupPolicy?: FSGroupPolicy;
  tokenRequests?: TokenRequest[];
  requiresRepublish?: boolean;
  seLinuxMount?: boolean;
}

export type FSGroupPolicy = 'ReadWriteOnceWithFSType' | 'File' | 'None';

export type VolumeLifecycleMode = 'Persistent' | 'Ephemeral';

export interface TokenRequest {
  audience: string;
  expirationSeconds?: number;
}

export interface CSINode extends TypeMeta {
  metadata: ObjectMeta;
  spec: CSINodeSpec;
}

export interface CSINodeSpec {
  drivers: CSINodeDriver[];
}

export interface CSINodeDriver {
  name: string;
  nodeID: string;
  topologyKeys?: string[];
  allocatable?: VolumeNodeResources;
}

export interface VolumeNodeResources {
  count?: number;
}

export type CSINodeList = KubeList<CSINode>;

export interface CSIStorageCapacity extends TypeMeta {
  metadata: ObjectMeta;
  nodeTopology?: LabelSelector;
  storageClassName: string;
  capacity?: string;
  maximumVolumeSize?: string;
}

export type CSIStorageCapacityList = KubeList<CSIStorageCapacity>;

