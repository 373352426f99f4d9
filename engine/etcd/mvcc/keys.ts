// Key ordering and key ranges. etcd orders keys by their bytes (bytes.Compare on UTF-8); JavaScript
// compares UTF-16 code units, which disagrees only between supplementary characters (surrogate
// pairs) and U+E000..U+FFFF, so that one case is corrected here.

// Without any code unit >= U+D800, UTF-16 order is code point order is UTF-8 byte order.
const beyondBmpOrder = /[\ud800-\uffff]/;

/** Compares two keys (or values) as etcd does: by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (!beyondBmpOrder.test(a) && !beyondBmpOrder.test(b)) return a < b ? -1 : 1;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Move surrogates (code points >= U+10000) above U+E000..U+FFFF, as UTF-8 orders them.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/**
 * A key range after etcd's mkGteRange (etcdserver/apply.go): `end` null is the single key `key`,
 * '' is every key >= `key` (the client sent range_end '\0'), anything else is [key, end).
 */
export interface KeyRange {
  key: string;
  end: string | null;
}

/** Turns a request's key/range_end into a KeyRange (etcdserver/apply.go mkGteRange). */
export function toKeyRange(key: string, rangeEnd: string | undefined): KeyRange {
  if (rangeEnd === undefined || rangeEnd === '') return { key, end: null };
  if (rangeEnd === '\0') return { key, end: '' };
  return { key, end: rangeEnd };
}

/** Whether `k` falls in `r` (mvcc/watcher_group.go, mvcc/index.go). */
export function inRange(r: KeyRange, k: string): boolean {
  if (r.end === null) return k === r.key;
  if (compareKeys(k, r.key) < 0) return false;
  return r.end === '' || compareKeys(k, r.end) < 0;
}

/** The first index in sorted `keys` whose key is >= `k`. */
export function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid], k) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
