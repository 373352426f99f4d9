// Small helpers shared by the validators.

/**
 * apiequality.Semantic.DeepEqual over wire values. Upstream compares decoded Go structs, where
 * an omitted field and its zero value are one and the same and (in its forked reflect.DeepEqual)
 * a nil slice or map equals an empty one. JSON keeps no such distinction, so here an absent or
 * null value equals "", 0, false, [] and {}. (For Go pointer fields nil and zero differ; we
 * cannot tell those apart without the schema and so compare them leniently.)
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a === 'object') {
    if (Array.isArray(b)) return false;
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
    return true;
  }
  return false;
}

/** The value Go holds for an omitted field: nil, "", 0, false, an empty slice, or a struct/map of such. */
export function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isZero);
  return false;
}

/** A deep copy of a JSON value (objects validated here are plain JSON). */
export function cloneJSON<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Whether a map has a key (own property), as Go's `_, ok := m[k]`. */
export function hasKey(m: Readonly<Record<string, unknown>> | undefined | null, k: string): boolean {
  return m !== undefined && m !== null && Object.prototype.hasOwnProperty.call(m, k);
}
