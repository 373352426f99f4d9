// The EndpointSlice controller (pkg/controller/endpointslice) and the library it is built on
// (staging k8s.io/endpointslice: the reconciler, the trackers, and the pod and Service helpers the
// Endpoints controller shares).

export { newEndpointSliceController, controllerQualifiedName, defaultMaxEndpointsPerSlice, StaleInformerCache, type EndpointSliceController, type EndpointSliceControllerOptions } from './controller';
export { Reconciler, AggregateError, placeholderSliceEqual, type ReconcilerOptions } from './reconciler';
export { EndpointSliceTracker } from './endpointslice-tracker';
export { TriggerTimeTracker } from './trigger-time-tracker';
export { EndpointSet, endpointHash, endpointsEqualBeyondHash, objectReferencesEqualIgnoringRV } from './endpoint-set';
export * from './slices';
export * from './util';
