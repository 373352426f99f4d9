// Coroutines without Promises. Code that waits on the network or a timer inside a process (etcdctl's
// commands, clientv3's retry loop) is written as a generator: `const res = yield* call(...)`. A
// generator only runs when something steps it, and here that is always the process's own receive:
// a reply message resumes the coroutine synchronously, at the simulated time the reply arrived.
// So a wait never leaks into the host's microtask queue, and the same seed runs the same history on
// any host. This is the "explicit continuation" model turmoil-style simulators use in languages
// whose Promises resolve outside the simulator's control.

/** A coroutine that finishes with a T. */
export type Co<T> = Generator<Suspend, T, unknown>;

/** Undoes a pending wait (a timer to cancel, a request to forget). */
export type Cancel = () => void;

/**
 * What a coroutine yields when it has to wait: `park` registers the continuation (resume or fail)
 * wherever the awaited event will arrive, and returns how to undo that if the wait is interrupted.
 */
export interface Suspend {
  park(resume: (value: unknown) => void, fail: (error: unknown) => void): Cancel | void;
}

/** Waits until `park`'s continuation is called; the value it is called with is the result. */
export function* suspend<T>(park: Suspend['park']): Co<T> {
  return (yield { park }) as T;
}

/** Waits for ever: only an interrupt (Ctrl-C) ends it. */
export function* never(): Co<never> {
  return yield* suspend<never>(() => {});
}

/** How a coroutine ended. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Steps one coroutine. It starts on `start()` and runs synchronously until it parks; every
 * continuation steps it again on the spot. A continuation called while the coroutine is already
 * stepping (an answer that is ready at once) is trampolined, never re-entered.
 */
export class Coroutine<T> {
  private cancel: Cancel | null = null;
  private token = 0;
  private running = false;
  private readonly queued: { ok: boolean; v: unknown; token: number }[] = [];
  private finished = false;

  constructor(
    private readonly co: Co<T>,
    private readonly done: (outcome: Outcome<T>) => void,
  ) {}

  /** Runs the coroutine up to its first wait. */
  start(): this {
    this.step(true, undefined, this.token);
    return this;
  }

  /** Whether the coroutine has returned or thrown. */
  get ended(): boolean {
    return this.finished;
  }

  /** Throws `error` into the coroutine at its current wait (which is cancelled), as Ctrl-C does. */
  interrupt(error: unknown): void {
    if (this.finished) return;
    this.step(false, error, this.token);
  }

  private step(ok: boolean, v: unknown, token: number): void {
    if (this.finished || token !== this.token) return;
    this.queued.push({ ok, v, token });
    if (this.running) return;
    this.running = true;
    try {
      while (this.queued.length > 0 && !this.finished) {
        const next = this.queued.shift()!;
        if (next.token !== this.token) continue;
        this.token++;
        const cancel = this.cancel;
        this.cancel = null;
        if (!next.ok) cancel?.();
        let r: IteratorResult<Suspend, T>;
        try {
          r = next.ok ? this.co.next(next.v) : this.co.throw(next.v);
        } catch (error) {
          this.finish({ ok: false, error });
          break;
        }
        if (r.done) {
          this.finish({ ok: true, value: r.value });
          break;
        }
        const mine = this.token;
        const c = r.value.park(
          (value) => this.step(true, value, mine),
          (error) => this.step(false, error, mine),
        );
        if (mine === this.token) this.cancel = c ?? null;
      }
    } finally {
      this.running = false;
    }
  }

  private finish(outcome: Outcome<T>): void {
    this.finished = true;
    this.queued.length = 0;
    this.cancel = null;
    this.done(outcome);
  }
}

/** Runs coroutines side by side and waits for all of them (Promise.all: the first failure wins). */
export function* all<T>(cos: Co<T>[]): Co<T[]> {
  if (cos.length === 0) return [];
  return yield* suspend<T[]>((resume, fail) => {
    const results: T[] = new Array(cos.length);
    let left = cos.length;
    let failed = false;
    const runners = cos.map(
      (co, i) =>
        new Coroutine(co, (o) => {
          if (failed) return;
          if (!o.ok) {
            failed = true;
            for (const r of runners) r.interrupt(new Cancelled());
            fail(o.error);
            return;
          }
          results[i] = o.value;
          if (--left === 0) resume(results);
        }),
    );
    for (const r of runners) if (!failed) r.start();
    return () => {
      failed = true;
      for (const r of runners) r.interrupt(new Cancelled());
    };
  });
}

/** Thrown into the siblings of a failed `all`, and into coroutines whose wait was abandoned. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
