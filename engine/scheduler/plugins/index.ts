// The in-tree scheduler plugins implemented in this folder (PodTopologySpread and InterPodAffinity
// live in their own subfolders, with their own barrels).

export { names } from './names';
export { eventsToRegister, withEvents } from './events';
export { defaultNormalizeScore } from './helper/normalize-score';
export { ImageLocality, calculatePriority, maxContainerThreshold, minThreshold, newImageLocality, normalizedImageName, scaledImageScore } from './image-locality';
export { ErrReasonPod, NodeAffinity, type NodeAffinityArgs, errReasonConflict, errReasonEnforced, newNodeAffinity } from './node-affinity';
export { ErrReasonNodeName, NodeName, fitsNodeName, newNodeName } from './node-name';
export { ErrReasonNodePorts, NodePorts, fitsNodePorts, newNodePorts } from './node-ports';
export { ErrReasonUnknownCondition, ErrReasonUnschedulable, NodeUnschedulable, newNodeUnschedulable } from './node-unschedulable';
export { ErrReasonMaxVolumeCountExceeded, NodeVolumeLimits, newNodeVolumeLimits } from './node-volume-limits';
export { BalancedAllocation, type NodeResourcesBalancedAllocationArgs, balancedResourceScorer, newBalancedAllocation } from './noderesources/balanced-allocation';
export { Fit, type InsufficientResource, type NodeResourcesFitArgs, type ScoringStrategy, fits, fitsRequest, newFit } from './noderesources/fit';
export { leastRequestedScore, leastResourceScorer } from './noderesources/least-allocated';
export { mostRequestedScore, mostResourceScorer } from './noderesources/most-allocated';
export { ResourceAllocationScorer, type ResourceSpec, defaultResourceSpecs } from './noderesources/resource-allocation';
export { PrioritySort, newPrioritySort } from './priority-sort';
export { SchedulingGates, newSchedulingGates } from './scheduling-gates';
export { TaintToleration, newTaintToleration } from './taint-toleration';
export { AnnBindCompleted, AnnSelectedNode, ConflictReason, type PodVolumeClaims, type PodVolumes } from './volumebinding/binder';
export { ErrReasonUnboundImmediatePVCs, VolumeBinding, VolumeBindingState, newVolumeBinding } from './volumebinding/volume-binding';
export { ErrReasonDiskConflict, ErrReasonReadWriteOncePodConflict, VolumeRestrictions, newVolumeRestrictions } from './volume-restrictions';
export { ErrReasonVolumeZoneConflict, VolumeZone, newVolumeZone } from './volume-zone';
