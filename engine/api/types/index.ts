// The Kubernetes 1.32 API objects, one module per API group. Names are upstream's Go type names;
// where two groups share a name the non-core one is prefixed as client libraries do
// (events.k8s.io's Event is EventsV1Event, discovery.k8s.io's EndpointPort DiscoveryV1EndpointPort).

export * from './meta';
export * from './core';
export * from './apps';
export * from './authorization';
export * from './autoscaling';
export * from './batch';
export * from './coordination';
export * from './discovery';
export * from './events';
export * from './networking';
export * from './policy';
export * from './rbac';
export * from './scheduling';
export * from './storage';
