// SetDefaults_ResourceList (pkg/apis/core/v1/defaults.go): every quantity in a ResourceList is
// rounded up to milli precision ("0.0001" → "1m"), then written in canonical form, as the
// apiserver's encoder writes every Quantity ("1000m" → "1", "1.5Gi" → "1536Mi").

import { Quantity, Scale, quantityFromJSON } from '../quantity';
import type { ResourceList } from '../types';
import { isObject } from './util';

/** From here on a value's count of millis would overflow an int64; such values are left as parsed. */
const roundableLimit = Quantity.fromValue(9_000_000_000_000_000n / 1000n);

/** Quantity.RoundUp(resource.Milli): the same quantity when it already is whole millis. */
export function roundUpToMilli(q: Quantity): Quantity {
  if (q.cmp(roundableLimit) >= 0 || q.neg().cmp(roundableLimit) >= 0) return q;
  const milli = q.scaledValueBigInt(Scale.Milli);
  const rounded = Quantity.fromMilli(milli, q.format);
  return rounded.cmp(q) === 0 ? q : rounded;
}

/** Rounds and canonicalizes each value in place. A value that does not parse is left for validation. */
export function setDefaultsResourceList(list: ResourceList | null | undefined): void {
  if (!isObject(list)) return;
  for (const [name, value] of Object.entries(list)) {
    let q: Quantity;
    try {
      q = quantityFromJSON(value);
    } catch {
      continue;
    }
    list[name] = roundUpToMilli(q).toString();
  }
}
