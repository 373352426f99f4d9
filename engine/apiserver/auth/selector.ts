// metav1.LabelSelectorAsSelector and its Matches (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go,
// pkg/labels/selector.go), the part the ClusterRole aggregation controller needs. Kept private to
// auth: the shared engine/api/labels module is still a stub.

import type { LabelSelector } from '../../api/types';

/**
 * Whether `labels` satisfy `selector`. An empty selector (no matchLabels, no matchExpressions)
 * selects everything, as LabelSelectorAsSelector returns labels.Everything() for it. Throws, with
 * upstream's message, on a selector LabelSelectorAsSelector rejects.
 */
export function labelSelectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  const have = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(have, k) || have[k] !== v) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = expr.values ?? [];
    const present = Object.prototype.hasOwnProperty.call(have, expr.key);
    switch (expr.operator) {
      case 'In':
        if (values.length === 0) throw new Error('for \'in\', \'notin\' operators, values set can\'t be empty');
        if (!present || !values.includes(have[expr.key]!)) return false;
        break;
      case 'NotIn':
        if (values.length === 0) throw new Error('for \'in\', \'notin\' operators, values set can\'t be empty');
        if (present && values.includes(have[expr.key]!)) return false;
        break;
      case 'Exists':
        if (values.length > 0) throw new Error('values set must be empty for exists and does not exist');
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (values.length > 0) throw new Error('values set must be empty for exists and does not exist');
        if (present) return false;
        break;
      default:
        throw new Error(`"${String(expr.operator)}" is not a valid label selector operator`);
    }
  }
  return true;
}
