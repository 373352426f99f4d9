// The scheduling framework (pkg/scheduler/framework): statuses, cycle state, node and pod infos,
// the snapshot, the plugin interfaces and the runtime that runs a profile's plugins.

export { type Code, MaxNodeScore, MinNodeScore, Status } from './status';
export { CycleState, type StateData, errNotFound, errReadingState } from './cycle-state';
export {
  DefaultMemoryRequest,
  DefaultMilliCPURequest,
  type PodResourcesOptions,
  type QuantityList,
  Resource,
  calculateResource,
  computePodResourceRequest,
  isExtendedResourceName,
  isPrefixedNativeResource,
  isScalarResourceName,
  nonZeroDefaults,
  podRequests,
  toResourceList,
} from './resource';
export { type AffinityTerm, PodInfo, type WeightedAffinityTerm, affinityTermMatches, getAffinityTerms, getPodKey } from './pod-info';
export { DefaultBindAllHostIP, HostPortInfo, getHostPorts } from './host-ports';
export { type GenerationSource, type ImageStateSummary, NodeInfo, newGenerationSource } from './node-info';
export {
  LabelFailureDomainBetaRegion,
  LabelFailureDomainBetaZone,
  LabelHostname,
  LabelTopologyRegion,
  LabelTopologyZone,
  type NodeInfoLister,
  type SharedLister,
  Snapshot,
  type StorageInfoLister,
  getZoneKey,
  nodeTreeOrder,
} from './snapshot';
export * from './interface';
export { type Diagnosis, ErrNoNodesAvailable, FitError, NoNodeAvailableMsg, NodeToStatus, addPluginStatus, newDiagnosis } from './diagnosis';
export { Framework, type PluginSpec, type Profile, type ScoreRun } from './runtime';
export {
  TaintNodeUnschedulable,
  doNotScheduleTaintsFilterFunc,
  findMatchingUntoleratedTaint,
  podPriority,
  toleratesTaint,
  tolerationsTolerateTaint,
} from './corev1';
export {
  LazyErrorNodeSelector,
  ObjectNameField,
  PreferredSchedulingTerms,
  RequiredNodeAffinity,
  getRequiredNodeAffinity,
  matchTopologySelectorTerms,
} from './nodeaffinity';
export { SchedulerHandle } from './handle';
