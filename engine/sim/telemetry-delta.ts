// Telemetry crosses from a Worker to the main thread 30 times a second, and much of it does not
// change between two reports: the scheduler's last cycle of each of a thousand pods, the
// apiserver's summary of each object. Structured clone copies all of it every time, on the main
// thread, where it competes with the page's frames. So a Worker sends a delta against what it sent
// last, and the main thread applies it to what it holds.
//
// What counts as unchanged is decided by identity, and identity is only trusted where it means
// something: a primitive, or a frozen object (its producer promises that its whole subtree never
// changes; see `deepFreeze`). A plain object is compared key by key; an array by which of its
// elements the last report also had (a frozen object wherever it moved to, a primitive in place). Anything else is
// sent whole, as it always was. A Map or a class instance is opaque here, like an unfrozen leaf.
//
// The encoder keeps a shadow of what it sent (its own copies of objects' keys and arrays' elements),
// never the producer's containers, so a producer that mutates a container in place between reports
// is still reported correctly.

/** How one value changed since the last report. */
export type Delta =
  /** Replaced whole. */
  | { s: unknown }
  /** A plain object: these keys changed, these went, and (if it moved) the new key order. */
  | { o: [key: string, change: Delta][]; d?: string[]; k?: string[] }
  /** An array: each element is the previous report's element at that index, or (-1) the next of `n`. */
  | { a: number[]; n: unknown[] };

/** What the encoder remembers of a value it sent. */
type Shadow = { leaf: unknown } | { obj: Map<string, Shadow> } | { arr: unknown[] };

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** True where identity proves a value unchanged: a primitive or a frozen object. */
const stable = (v: unknown): boolean => typeof v !== 'object' || v === null || Object.isFrozen(v);

/** Freezes `v` and everything plain beneath it, so telemetry deltas may trust its identity. Answers `v`. */
export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  if (Array.isArray(v) || isPlain(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

function shadowOf(v: unknown): Shadow {
  if (Array.isArray(v)) return { arr: v.slice() };
  if (isPlain(v) && !Object.isFrozen(v)) {
    const m = new Map<string, Shadow>();
    for (const k of Object.keys(v)) m.set(k, shadowOf(v[k]));
    return { obj: m };
  }
  // A frozen plain object stays a leaf: if the next one is another object, it is diffed against this one.
  return { leaf: v };
}

/** The keys of a shadowed object, or null where it was not one. */
function shadowKeys(sh: Shadow): Map<string, Shadow> | null {
  if ('obj' in sh) return sh.obj;
  if ('leaf' in sh && isPlain(sh.leaf)) {
    const m = new Map<string, Shadow>();
    for (const k of Object.keys(sh.leaf)) m.set(k, shadowOf(sh.leaf[k]));
    return m;
  }
  return null;
}

/**
 * Encodes `next` against the shadow of the last value sent; answers the delta (null: unchanged)
 * and the shadow to keep for the next report.
 */
function encode(prev: Shadow | undefined, next: unknown): [Delta | null, Shadow] {
  if (prev && 'leaf' in prev && prev.leaf === next && stable(next)) return [null, prev];
  if (prev && isPlain(next)) {
    const before = shadowKeys(prev);
    if (before) return encodeObject(before, next);
  }
  if (prev && Array.isArray(next)) {
    const before = 'arr' in prev ? prev.arr : 'leaf' in prev && Array.isArray(prev.leaf) ? prev.leaf : null;
    if (before) return encodeArray(before, next);
  }
  return [{ s: next }, shadowOf(next)];
}

function encodeObject(before: Map<string, Shadow>, next: Record<string, unknown>): [Delta | null, Shadow] {
  const after = new Map<string, Shadow>();
  const changes: [string, Delta][] = [];
  const keys = Object.keys(next);
  for (const k of keys) {
    const [d, sh] = encode(before.get(k), next[k]);
    if (d) changes.push([k, d]);
    after.set(k, sh);
  }
  const gone: string[] = [];
  for (const k of before.keys()) if (!after.has(k)) gone.push(k);
  // The order applying gives (kept keys in their old order, then new ones), checked against the real one.
  const expected: string[] = [];
  for (const k of before.keys()) if (after.has(k)) expected.push(k);
  for (const k of keys) if (!before.has(k)) expected.push(k);
  const moved = expected.some((k, i) => k !== keys[i]);
  const shadow: Shadow = Object.isFrozen(next) ? { leaf: next } : { obj: after };
  if (changes.length === 0 && gone.length === 0 && !moved) return [null, shadow];
  const d: Delta = { o: changes };
  if (gone.length) d.d = gone;
  if (moved) d.k = keys;
  return [d, shadow];
}

function encodeArray(before: unknown[], next: unknown[]): [Delta | null, Shadow] {
  const at = new Map<unknown, number>();
  before.forEach((x, i) => {
    if (typeof x === 'object' && x !== null && Object.isFrozen(x) && !at.has(x)) at.set(x, i);
  });
  const refs: number[] = [];
  const fresh: unknown[] = [];
  let same = next.length === before.length;
  next.forEach((x, i) => {
    // A frozen object is found wherever it was; a primitive only where it was.
    const r = typeof x !== 'object' || x === null ? (i < before.length && before[i] === x ? i : -1) : Object.isFrozen(x) ? (at.get(x) ?? -1) : -1;
    if (r !== i) same = false;
    refs.push(r);
    if (r < 0) fresh.push(x);
  });
  const shadow: Shadow = { arr: next.slice() };
  if (same) return [null, shadow];
  if (fresh.length === next.length) return [{ s: next }, shadow];
  return [{ a: refs, n: fresh }, shadow];
}

/** Applies a delta to the value last received; unchanged parts keep their identity. */
export function applyDelta(prev: unknown, d: Delta): unknown {
  if ('s' in d) return d.s;
  if ('a' in d) {
    const old = Array.isArray(prev) ? prev : [];
    let j = 0;
    return d.a.map((r) => (r >= 0 ? old[r] : d.n[j++]));
  }
  const old = isPlain(prev) ? prev : {};
  const out: Record<string, unknown> = {};
  const changed = new Map(d.o);
  const gone = new Set(d.d);
  const order = d.k ?? [...Object.keys(old).filter((k) => !gone.has(k)), ...d.o.map(([k]) => k).filter((k) => !(k in old))];
  for (const k of order) {
    const c = changed.get(k);
    out[k] = c ? applyDelta(old[k], c) : old[k];
  }
  return out;
}

/** The sending side: one shadow per stream of values (a process's telemetry, its pending work). */
export class DeltaEncoder {
  private readonly shadows = new Map<string, Shadow>();

  /** The delta from the last value sent on `stream` (the whole value the first time); null if unchanged. */
  encode(stream: string, next: unknown): Delta | null {
    const [d, sh] = encode(this.shadows.get(stream), next);
    this.shadows.set(stream, sh);
    return d;
  }
  /** Forgets a stream: its next value goes whole (its receiver forgot it too: a restart). */
  forget(stream: string): void {
    this.shadows.delete(stream);
  }
}
