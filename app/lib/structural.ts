// Structural sharing for what the canvas hands React Flow: a snapshot arrives up to 30 times a
// second as fresh objects, but most of a 50-node canvas has not changed. `keepEqual` answers the
// previous value wherever the next one is deep-equal to it (and, inside a changed value, the previous
// parts that are), so unchanged cards keep their identity and React Flow leaves them alone.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `next`, with every part deep-equal to the same part of `prev` replaced by `prev`'s (all of it, when all are). */
export function keepEqual<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    let fresh = true;
    const out = next.map((v, i) => {
      const kept = keepEqual(prev[i], v);
      if (!Object.is(kept, prev[i])) same = false;
      if (!Object.is(kept, v)) fresh = false;
      return kept;
    });
    return (same ? prev : fresh ? next : out) as T;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const prevKeys = Object.keys(prev);
    const nextKeys = Object.keys(next);
    let same = prevKeys.length === nextKeys.length;
    let fresh = true;
    const out: Record<string, unknown> = {};
    for (const k of nextKeys) {
      const kept = keepEqual(prev[k], next[k]);
      if (!(k in prev) || !Object.is(kept, prev[k])) same = false;
      if (!Object.is(kept, next[k])) fresh = false;
      out[k] = kept;
    }
    return (same ? prev : fresh ? next : out) as T;
  }
  return next;
}
