// A 64-bit FNV-1a hash (two 32-bit lanes) over plain data: the digest of a run. It walks values the
// way structured clone sees them (primitives, bigints, arrays, plain objects in key order, Maps,
// Sets, typed arrays), so the same message hashes the same in any thread.

/** A running hash: two 32-bit lanes of FNV-1a with different offsets. */
export class Hash64 {
  private a = 0x811c9dc5;
  private b = 0xcbf29ce4;

  /** Mixes one 32-bit integer. */
  int(n: number): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < 4; i++) {
      const byte = (n >>> (i * 8)) & 0xff;
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x01000193) ^ (a >>> 15);
    }
    this.a = a >>> 0;
    this.b = b >>> 0;
    return this;
  }

  /** Mixes a number exactly (integers as two 32-bit halves, other numbers by their text). */
  num(n: number): this {
    if (Number.isSafeInteger(n)) return this.int(n % 0x100000000).int(Math.floor(n / 0x100000000));
    return this.str(String(n));
  }

  str(s: string): this {
    this.int(s.length);
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
    }
    this.a = a >>> 0;
    this.b = b >>> 0;
    return this;
  }

  /** Mixes a whole value (see the file comment). */
  value(v: unknown): this {
    switch (typeof v) {
      case 'undefined':
        return this.int(1);
      case 'boolean':
        return this.int(v ? 3 : 2);
      case 'number':
        return this.int(4).num(v);
      case 'string':
        return this.int(5).str(v);
      case 'bigint':
        return this.int(6).str(v.toString(16));
      case 'object':
        break;
      default:
        throw new TypeError(`${typeof v} cannot be sent between processes`);
    }
    if (v === null) return this.int(0);
    if (Array.isArray(v)) {
      this.int(7).int(v.length);
      for (const x of v) this.value(x);
      return this;
    }
    if (v instanceof Map) {
      this.int(8).int(v.size);
      for (const [k, x] of v) this.value(k).value(x);
      return this;
    }
    if (v instanceof Set) {
      this.int(9).int(v.size);
      for (const x of v) this.value(x);
      return this;
    }
    if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      this.int(10).int(bytes.length);
      for (const x of bytes) this.int(x);
      return this;
    }
    this.int(11);
    for (const k of Object.keys(v)) this.str(k).value((v as Record<string, unknown>)[k]);
    return this;
  }

  /** The hash as 16 hex digits. */
  hex(): string {
    return this.b.toString(16).padStart(8, '0') + this.a.toString(16).padStart(8, '0');
  }

  /** The low lane, as a number to carry alongside a message. */
  low(): number {
    return this.a;
  }
}

/** The 32-bit hash of one value (what a message carries so its receiver can digest it). */
export function hashOf(v: unknown): number {
  return new Hash64().value(v).low();
}

/** Thrown for a value a Worker could not receive (structured clone's DataCloneError, by another name). */
export class DataCloneError extends Error {
  constructor(what: string) {
    super(`${what} could not be cloned: only plain data crosses between processes (DataCloneError)`);
    this.name = 'DataCloneError';
  }
}

/**
 * A deep copy of plain data as structured clone makes it, and its hash, in one walk: what SimHost
 * does to every message so that a message behaves as it would after postMessage, at a fraction of
 * structuredClone's cost. Class instances other than Map, Set and typed arrays are refused, since
 * postMessage would strip their prototype; so are functions and symbols, as postMessage refuses them.
 */
export function copyAndHash(v: unknown, h: Hasher): unknown {
  switch (typeof v) {
    case 'undefined':
      h.int(1);
      return v;
    case 'boolean':
      h.int(v ? 3 : 2);
      return v;
    case 'number':
      h.int(4).num(v);
      return v;
    case 'string':
      h.int(5).str(v);
      return v;
    case 'bigint':
      h.int(6).str(v.toString(16));
      return v;
    case 'object':
      break;
    default:
      throw new DataCloneError(typeof v === 'function' ? `a function (${(v as { name?: string }).name || 'anonymous'})` : `a ${typeof v}`);
  }
  if (v === null) {
    h.int(0);
    return null;
  }
  if (Array.isArray(v)) {
    h.int(7).int(v.length);
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyAndHash(v[i], h);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    h.int(11);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = copyAndHash((v as Record<string, unknown>)[k], h.str(k));
    return out;
  }
  if (v instanceof Map) {
    h.int(8).int(v.size);
    const out = new Map();
    for (const [k, x] of v) out.set(copyAndHash(k, h), copyAndHash(x, h));
    return out;
  }
  if (v instanceof Set) {
    h.int(9).int(v.size);
    const out = new Set();
    for (const x of v) out.add(copyAndHash(x, h));
    return out;
  }
  if (ArrayBuffer.isView(v)) {
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    h.int(10).int(bytes.length);
    for (const x of bytes) h.int(x);
    return structuredClone(v);
  }
  throw new DataCloneError(`an instance of ${(proto?.constructor as { name?: string } | undefined)?.name ?? 'a class'}`);
}

/** What copyAndHash mixes values into. */
export interface Hasher {
  int(n: number): Hasher;
  num(n: number): Hasher;
  str(s: string): Hasher;
}

/** A 32-bit FNV-1a: the cheap per-message hash a message carries to its receiver's digest. */
export class Hash32 implements Hasher {
  h = 0x811c9dc5;
  int(n: number): this {
    this.h = Math.imul(this.h ^ (n | 0), 0x01000193);
    return this;
  }
  num(n: number): this {
    if (Number.isInteger(n) && Math.abs(n) < 0x80000000) return this.int(n);
    return this.str(String(n));
  }
  str(s: string): this {
    let h = Math.imul(this.h ^ s.length, 0x01000193);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    this.h = h;
    return this;
  }
}

/** A deep copy of plain data (what a disk keeps), with the same rules as copyAndHash. */
export function copyPlain<T>(v: T): T {
  return copyAndHash(v, noHash) as T;
}

const noHash: Hasher = { int: () => noHash, num: () => noHash, str: () => noHash };
