// A binary heap whose items are also indexed by key, so the scheduling queue can update or
// delete a pod wherever it sits (engine/sim/heap.ts has no such index: the simulator never
// removes an event early).

// Models pkg/scheduler/backend/heap/heap.go
/** A keyed min-heap ordered by `less`: activeQ and podBackoffQ are two of these. */
export class KeyedHeap<T> {
  private readonly queue: string[] = [];
  private readonly items = new Map<string, { obj: T; index: number }>();

  constructor(
    private readonly keyOf: (obj: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  /** Inserts obj, or replaces the item with its key and restores the order around it. */
  addOrUpdate(obj: T): void {
    const key = this.keyOf(obj);
    const item = this.items.get(key);
    if (item) {
      item.obj = obj;
      this.fix(item.index);
      return;
    }
    this.items.set(key, { obj, index: this.queue.length });
    this.queue.push(key);
    this.up(this.queue.length - 1);
  }

  /** Removes the item with obj's key; false when there was none. */
  delete(obj: T): boolean {
    const key = this.keyOf(obj);
    const item = this.items.get(key);
    if (!item) return false;
    const i = item.index;
    const last = this.queue.length - 1;
    if (i !== last) this.swap(i, last);
    this.queue.pop();
    this.items.delete(key);
    if (i !== last) this.fix(i);
    return true;
  }

  /** The least item, left in place. */
  peek(): T | undefined {
    return this.queue.length === 0 ? undefined : this.items.get(this.queue[0])!.obj;
  }

  /** Removes and returns the least item. */
  pop(): T | undefined {
    const top = this.peek();
    if (top !== undefined) this.delete(top);
    return top;
  }

  /** The stored item with obj's key (the stored one may be a newer version of obj). */
  get(obj: T): T | undefined {
    return this.items.get(this.keyOf(obj))?.obj;
  }

  /** Whether an item with obj's key is stored. */
  has(obj: T): boolean {
    return this.items.has(this.keyOf(obj));
  }

  /** Every item, in heap (not sorted) order. */
  list(): T[] {
    return this.queue.map((k) => this.items.get(k)!.obj);
  }

  /** How many items are stored. */
  get length(): number {
    return this.queue.length;
  }

  private fix(i: number): void {
    if (!this.down(i)) this.up(i);
  }

  private lessAt(i: number, j: number): boolean {
    return this.less(this.items.get(this.queue[i])!.obj, this.items.get(this.queue[j])!.obj);
  }

  private swap(i: number, j: number): void {
    const q = this.queue;
    [q[i], q[j]] = [q[j], q[i]];
    this.items.get(q[i])!.index = i;
    this.items.get(q[j])!.index = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.lessAt(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Sifts down; true when the item moved. */
  private down(i0: number): boolean {
    let i = i0;
    const n = this.queue.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let m = l;
      if (l + 1 < n && this.lessAt(l + 1, l)) m = l + 1;
      if (!this.lessAt(m, i)) break;
      this.swap(i, m);
      i = m;
    }
    return i > i0;
  }
}
