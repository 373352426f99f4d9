// The StatefulSet controller (pkg/controller/statefulset): its constructor and the identity helpers others share.

export { newStatefulSetController } from './controller';
export { getOrdinal, getPodName, getPersistentVolumeClaimName, statefulSetPodNameLabel, podIndexLabel } from './utils';
