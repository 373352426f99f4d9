// The owners the apiserver said are absent (pkg/controller/garbagecollector/uid_cache.go
// ReferenceCache): an LRU of object references, so that the dependents of one deleted owner do
// not each cost a GET of it. A reference is absent by its full coordinates, namespace included: an
// owner of the same uid named another way is not.

import { referenceKey, type ObjectReference } from './graph';

/** An LRU set of references. */
export class ReferenceCache {
  private readonly entries = new Map<string, ObjectReference>();

  constructor(private readonly maxEntries: number) {}

  /** Remembers the reference as the newest entry, dropping the oldest past the size. */
  add(ref: ObjectReference): void {
    const k = referenceKey(ref);
    this.entries.delete(k);
    this.entries.set(k, { ...ref });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Whether the reference is remembered; a hit makes it the newest (lru.Cache.Get). */
  has(ref: ObjectReference): boolean {
    const k = referenceKey(ref);
    const v = this.entries.get(k);
    if (!v) return false;
    this.entries.delete(k);
    this.entries.set(k, v);
    return true;
  }

  /** The references remembered, oldest first (for tests and telemetry). */
  list(): ObjectReference[] {
    return [...this.entries.values()];
  }
}
