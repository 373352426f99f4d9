// The small formatting helpers pkg/printers/internalversion/printers.go shares between its print
// functions, and the two apimachinery formatters it calls (metav1.FormatLabelSelector,
// labels.FormatLabels).

import { humanDuration } from '../../api/duration';
import { formatLabels } from '../../api/labels';
import { parseQuantity } from '../../api/quantity';
import type { LabelSelector } from '../../api/types';

export { formatLabels };

/** translateTimestampSince / translateMicroTimestampSince: `<unknown>` for a zero time. */
export function translateTimestampSince(timestamp: string | null | undefined, nowMs: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}

/** The elapsed milliseconds between two RFC 3339 times (b - a), for a Job's DURATION. */
export function millisBetween(a: string, b: string): number {
  return Date.parse(b) - Date.parse(a);
}

/** layoutContainerCells: the containers' names and images, comma-joined. */
export function layoutContainerCells(containers: readonly { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** printBoolPtr: `True`, `False` or `<unset>`. */
export function printBoolPtr(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** resource.Quantity.String() of a quantity as it travels (a string, or a number for plain counts). */
export function quantityString(q: string | number | undefined | null): string {
  if (q === undefined || q === null) return '0';
  try {
    return parseQuantity(String(q)).toString();
  } catch {
    return String(q);
  }
}

/**
 * labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key, matchLabels
 * as `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; '' for an empty selector. Returns undefined
 * where upstream's conversion fails (an unknown operator, In/NotIn without values, Exists with values).
 */
export function labelSelectorString(selector: LabelSelector | null | undefined): string | undefined {
  if (!selector) return '';
  const reqs: { key: string; text: string; order: number }[] = [];
  let order = 0;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}`, order: order++ });
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...new Set(expr.values ?? [])].sort();
    let text: string;
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        text = `${expr.key} ${expr.operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        text = expr.operator === 'Exists' ? expr.key : `!${expr.key}`;
        break;
      default:
        return undefined;
    }
    reqs.push({ key: expr.key, text, order: order++ });
  }
  // internalSelector.Add keeps requirements sorted by key (a stable sort).
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order - b.order));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: `<none>` for an empty (or missing) selector, `<error>` for an invalid one. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** listWithMoreString: up to max items, then ` + N more...`; `<unset>` for none. */
export function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** net.JoinHostPort: IPv6 hosts in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
