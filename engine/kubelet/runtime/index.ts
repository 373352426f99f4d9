// The simulated container runtime (containerd behind CRI): images, sandboxes, containers.
export { ImageService, type PullSpeed } from './image-service';
export { RuntimeService, defaultRuntimeLatency, execNotFoundMessage, type LogEntry, type RuntimeEvent, type RuntimeLatency, type RuntimeOptions } from './runtime-service';
export { CriError, isNotFound } from './errors';
export { HostLocalIpam, IpamError } from './ipam';
export { catalogue, normalizeReference, resolveImage, sandboxImage, type ImageConfig } from './registry';
export * from './cri';
