// autoscaling/v2 defaulting: pkg/apis/autoscaling/v2/defaults.go.

import type { HorizontalPodAutoscaler, HPAScalingRules } from '../types';
import { isNil, ptr, struct } from './util';

/** autoscaling.DefaultCPUUtilization: the target when an HPA names no metric. */
export const defaultCPUUtilization = 80;

/** The scale-up rules an HPA without its own gets: the larger of +4 pods and +100% every 15s, at once. */
function defaultScaleUpRules(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/**
 * The scale-down rules: -100% every 15s. The stabilization window stays unset so the controller's
 * --horizontal-pod-autoscaler-downscale-stabilization (300s) applies.
 */
function defaultScaleDownRules(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the set fields of `from` over the defaults. */
function mergeScalingRules(rules: HPAScalingRules | null | undefined, to: HPAScalingRules): HPAScalingRules {
  const from = ptr(rules);
  if (!from) return to;
  if (!isNil(from.selectPolicy)) to.selectPolicy = from.selectPolicy;
  if (!isNil(from.stabilizationWindowSeconds)) to.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (!isNil(from.policies)) to.policies = from.policies;
  return to;
}

/** SetDefaults_HorizontalPodAutoscaler: one replica at least, CPU at 80% when no metric, full behavior rules when any. */
export function setDefaultsHorizontalPodAutoscaler(obj: HorizontalPodAutoscaler): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  if (isNil(spec.minReplicas)) spec.minReplicas = 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: defaultCPUUtilization } } }];
  }
  // SetDefaults_HorizontalPodAutoscalerBehavior.
  const behavior = ptr(spec.behavior);
  if (behavior) {
    behavior.scaleUp = mergeScalingRules(behavior.scaleUp, defaultScaleUpRules());
    behavior.scaleDown = mergeScalingRules(behavior.scaleDown, defaultScaleDownRules());
  }
}
