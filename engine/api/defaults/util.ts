// What Go's decoding gives defaulting for free, spelled out for plain JSON: a pointer is nil when
// the field is absent or null; a struct-valued (non-pointer) field always exists, so defaulting a
// field inside it creates it; a scalar is "unset" when it holds its zero value.

/** A JSON object (not an array, not null). */
export type JSONObject = Record<string, unknown>;

export function isObject(v: unknown): v is JSONObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A Go pointer or map or slice that is nil: absent or null. */
export function isNil(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

/** `len(x) == 0` for a Go slice, map or string. */
export function isEmpty(v: unknown): boolean {
  if (isNil(v)) return true;
  if (Array.isArray(v) || typeof v === 'string') return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return false;
}

/**
 * A struct-valued field, created when absent: the Go struct always exists, so defaults under it
 * always apply. A field holding a non-object is left alone (decoding would have rejected it) and
 * undefined comes back.
 */
export function struct<T extends object, K extends keyof T>(parent: T, key: K): NonNullable<T[K]> | undefined {
  const v = parent[key];
  if (isNil(v)) {
    const created = {} as NonNullable<T[K]>;
    parent[key] = created;
    return created;
  }
  return isObject(v) ? (v as NonNullable<T[K]>) : undefined;
}

/** A pointer-to-struct field: its value when set to an object, else undefined. */
export function ptr<T>(v: T | null | undefined): T | undefined {
  return isObject(v) ? v : undefined;
}

/** The object elements of a slice field (the others are decoding's to reject). */
export function items<T>(v: readonly T[] | null | undefined): T[] {
  return Array.isArray(v) ? v.filter((x): x is T => isObject(x)) : [];
}
