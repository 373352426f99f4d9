// The shapes of the Container Runtime Interface (k8s.io/cri-api runtime/v1 api.proto) the kubelet
// and the simulated containerd exchange, trimmed to the fields either side reads. Times are
// simulated ms (the proto's nanoseconds since the epoch, minus the cluster's epoch).

import type { FileStore } from '../programs/fs';

/** PodSandboxState. */
export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

/** ContainerState. */
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

/** PodSandboxMetadata. */
export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

/** PodSandboxConfig. */
export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname: string;
  /** NamespaceOption.network == NODE. */
  hostNetwork: boolean;
  labels: Record<string, string>;
}

/** PodSandboxStatus. */
export interface PodSandboxStatus {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  /** PodSandboxNetworkStatus.ip ('' when the sandbox has none). */
  ip: string;
  hostNetwork: boolean;
}

/** A volume in a container: the CRI Mount, carrying the simulated volume's files. */
export interface Mount {
  containerPath: string;
  readonly: boolean;
  store: FileStore;
  /** VolumeMount.subPath: only this directory of the volume is mounted. */
  subPath?: string;
}

/** ContainerConfig. */
export interface ContainerConfig {
  metadata: { name: string; attempt: number };
  /** ImageSpec.image: the image id the kubelet resolved; userSpecifiedImage what the pod said. */
  image: { image: string; userSpecifiedImage: string };
  command: string[];
  args: string[];
  envs: { key: string; value: string }[];
  mounts: Mount[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** LinuxContainerResources: memory_limit_in_bytes (0 none) and the CPU limit as millicores (0 none). */
  memoryLimitInBytes: number;
  cpuLimitMilli: number;
}

/** ContainerStatus. */
export interface ContainerStatus {
  id: string;
  metadata: { name: string; attempt: number };
  state: ContainerState;
  createdAt: number;
  /** 0 while CREATED. */
  startedAt: number;
  /** 0 until EXITED. */
  finishedAt: number;
  exitCode: number;
  /** ImageSpec.image: the image's first repo tag. */
  image: string;
  /** The image's repo digest (`docker.io/library/nginx@sha256:…`). */
  imageRef: string;
  /** The image id (`sha256:…`). */
  imageId: string;
  reason: string;
  message: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Image (ListImages, ImageStatus). */
export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
}

/** The labels the kubelet puts on every sandbox and container (pkg/kubelet/types/labels.go). */
export const labelPodName = 'io.kubernetes.pod.name';
export const labelPodNamespace = 'io.kubernetes.pod.namespace';
export const labelPodUid = 'io.kubernetes.pod.uid';
export const labelContainerName = 'io.kubernetes.container.name';
