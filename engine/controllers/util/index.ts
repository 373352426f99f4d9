// The shared controller utilities (pkg/controller): expectations, pod control, controllerRef
// claiming, pod predicates and deletion ranking, slow start, and the template hash.

export * from './expectations';
export * from './pod-control';
export * from './controller-ref';
export * from './pods';
export * from './slow-start';
export * from './hash';
