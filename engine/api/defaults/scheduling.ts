// scheduling.k8s.io/v1 defaulting: pkg/apis/scheduling/v1/defaults.go.

import type { PriorityClass } from '../types';
import { isNil } from './util';

/** SetDefaults_PriorityClass. */
export function setDefaultsPriorityClass(obj: PriorityClass): void {
  if (isNil(obj.preemptionPolicy)) obj.preemptionPolicy = 'PreemptLowerPriority';
}
