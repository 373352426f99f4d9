// The arithmetic of resource lists that quota is made of (k8s.io/apiserver/pkg/quota/v1/resources.go):
// sums, differences, masks and comparisons of `name → Quantity` maps, over engine/api/quantity.ts.
// Go's maps have no order; where upstream's output depends on one (sorted names), so does this.

import { Quantity } from '../api/quantity';
import type { ResourceList } from '../api/types';

/** corev1.ResourceList as quota computes with it: resource name → Quantity. */
export type QuantityList = Record<string, Quantity>;

const zero = () => Quantity.parse('0');

/** A wire ResourceList (strings) as Quantities; a value that does not parse is left out, as the decoder would have refused it. */
export function toQuantityList(rl: ResourceList | undefined | null): QuantityList {
  const out: QuantityList = {};
  for (const [k, v] of Object.entries(rl ?? {})) {
    try {
      out[k] = Quantity.parse(String(v));
    } catch {
      // not a quantity: upstream never gets this far with one
    }
  }
  return out;
}

/** A QuantityList as the wire writes it: canonical strings, names in Go's (sorted) JSON map order. */
export function toResourceList(q: QuantityList): ResourceList {
  const out: ResourceList = {};
  for (const k of Object.keys(q).sort()) out[k] = q[k].toString();
  return out;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go Equals
/** Whether both lists name the same resources with equal amounts. */
export function equals(a: QuantityList, b: QuantityList): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] !== undefined && a[k].cmp(b[k]) === 0);
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go LessThanOrEqual
/** Whether a ≤ b for every name in b that a also has; the names where a exceeds b, in b's order. */
export function lessThanOrEqual(a: QuantityList, b: QuantityList): { allowed: boolean; exceeded: string[] } {
  const exceeded = Object.keys(b).filter((k) => a[k] !== undefined && a[k].cmp(b[k]) > 0);
  return { allowed: exceeded.length === 0, exceeded };
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go Max
/** max(a, b) for each name either has. */
export function max(a: QuantityList, b: QuantityList): QuantityList {
  const out: QuantityList = {};
  for (const [k, v] of Object.entries(a)) out[k] = b[k] !== undefined && v.cmp(b[k]) <= 0 ? b[k] : v;
  for (const [k, v] of Object.entries(b)) if (out[k] === undefined) out[k] = v;
  return out;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go Add
/** a + b for each name either has. */
export function add(a: QuantityList, b: QuantityList): QuantityList {
  const out: QuantityList = {};
  for (const [k, v] of Object.entries(a)) out[k] = b[k] !== undefined ? v.add(b[k]) : v;
  for (const [k, v] of Object.entries(b)) if (out[k] === undefined) out[k] = v;
  return out;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go Subtract
/** a − b for each name either has (a name only b has comes out negated). */
export function subtract(a: QuantityList, b: QuantityList): QuantityList {
  const out: QuantityList = {};
  for (const [k, v] of Object.entries(a)) out[k] = b[k] !== undefined ? v.sub(b[k]) : v;
  for (const [k, v] of Object.entries(b)) if (out[k] === undefined) out[k] = v.neg();
  return out;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go SubtractWithNonNegativeResult
/** a − b with every negative difference (and every name only b has) set to zero: an update never gives usage back in admission. */
export function subtractWithNonNegativeResult(a: QuantityList, b: QuantityList): QuantityList {
  const out: QuantityList = {};
  for (const [k, v] of Object.entries(a)) {
    const d = b[k] !== undefined ? v.sub(b[k]) : v;
    out[k] = d.sign() > 0 ? d : zero();
  }
  for (const k of Object.keys(b)) if (out[k] === undefined) out[k] = zero();
  return out;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go Mask
/** Only the entries whose names are listed. */
export function mask(resources: QuantityList, names: readonly string[]): QuantityList {
  const keep = new Set(names);
  const out: QuantityList = {};
  for (const [k, v] of Object.entries(resources)) if (keep.has(k)) out[k] = v;
  return out;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go ResourceNames
/** The names in a list. */
export function resourceNames(resources: QuantityList | ResourceList | undefined | null): string[] {
  return Object.keys(resources ?? {});
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go ContainsPrefix
/** Whether the name starts with one of the prefixes (hugepages-, requests.hugepages-). */
export function containsPrefix(prefixes: readonly string[], item: string): boolean {
  return prefixes.some((p) => item.startsWith(p));
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go Intersection
/** The names in both, de-duplicated and sorted. */
export function intersection(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return [...new Set(a.filter((x) => inB.has(x)))].sort();
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go Difference
/** The names of a that b lacks, de-duplicated and sorted. */
export function difference(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return [...new Set(a.filter((x) => !inB.has(x)))].sort();
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go IsZero
/** Whether every amount is zero. */
export function isZero(a: QuantityList): boolean {
  return Object.values(a).every((v) => v.isZero());
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go RemoveZeros
/** The list without its zero amounts. */
export function removeZeros(a: QuantityList): QuantityList {
  const out: QuantityList = {};
  for (const [k, v] of Object.entries(a)) if (!v.isZero()) out[k] = v;
  return out;
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go IsNegative
/** The names with a negative amount. */
export function isNegative(a: QuantityList): string[] {
  return Object.keys(a).filter((k) => a[k].sign() < 0);
}
