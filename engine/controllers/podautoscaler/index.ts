// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler): its constructor and the
// replica calculator its tests and other components reach for.

export { newHorizontalController, convertDesiredReplicasWithRules, calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors, defaultTolerance } from './horizontal';
export { ReplicaCalculator, ReplicaCalcError, groupPods, calculatePodRequests, getResourceUtilizationRatio, getMetricUsageRatio, type PodMetric, type PodMetricsInfo, type ReplicaCalculatorOptions } from './replica-calculator';
export { getResourceMetric, goDurationMs } from './metrics-client';
