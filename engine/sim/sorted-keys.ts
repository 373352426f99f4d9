// A set of strings kept in order (UTF-16 code units, the order of `<` and of Array.prototype.sort),
// so that the caches can list a prefix of it in O(log n + k) instead of sorting every key they
// hold on every read. Adding or removing a key moves the keys after it (a memmove of pointers);
// reads, which are what caches mostly do, cost nothing beyond the keys they return.

export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Adds `key`; answers false when it was there already. */
  add(key: string): boolean {
    const i = this.lowerBound(key);
    if (this.keys[i] === key) return false;
    this.keys.splice(i, 0, key);
    return true;
  }

  /** Removes `key`; answers false when it was not there. */
  delete(key: string): boolean {
    const i = this.lowerBound(key);
    if (this.keys[i] !== key) return false;
    this.keys.splice(i, 1);
    return true;
  }

  clear(): void {
    this.keys.length = 0;
  }

  /** The keys that start with `prefix`, in order. */
  withPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let i = this.lowerBound(prefix); i < this.keys.length && this.keys[i].startsWith(prefix); i++) out.push(this.keys[i]);
    return out;
  }

  /** Every key, in order (a copy). */
  all(): string[] {
    return this.keys.slice();
  }

  /** The index of the first key not less than `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
