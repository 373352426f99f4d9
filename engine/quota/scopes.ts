// A quota scope selector as a label selector (pkg/apis/core/v1/helper ScopedResourceSelectorRequirementsAsSelector):
// `{scopeName: PriorityClass, operator: In, values: [high]}` is the requirement `PriorityClass in (high)`,
// matched against the one label an object offers for that scope.

import { everything, newRequirement, type Selector } from '../api/labels';
import type { ScopedResourceSelectorRequirement } from '../api/types';

const operators: Record<string, string> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

// Models pkg/apis/core/v1/helper/helpers.go ScopedResourceSelectorRequirementsAsSelector
/** The selector of one scope requirement; throws for an operator or values a label requirement refuses. */
export function scopedResourceSelectorRequirementsAsSelector(ssr: ScopedResourceSelectorRequirement): Selector {
  const op = operators[ssr.operator];
  if (op === undefined) throw new Error(`"${ssr.operator}" is not a valid scope selector operator`);
  return everything().add(newRequirement(ssr.scopeName, op, ssr.values));
}
