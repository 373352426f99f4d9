// Output to xterm with flow control. xterm parses writes asynchronously and throws data away (with
// only a console warning, "write data discarded, use flow control") once too much is waiting, so
// everything goes through this queue: at most `high` characters are handed to xterm at a time, in
// chunks of at most `chunk`, and more follows as xterm's write callbacks report them parsed. The
// queue itself has no limit: nothing is dropped, however fast a command prints.

/** Writes into xterm: `done` is called once it has parsed `data`. */
export type FlowSink = (data: string, done: () => void) => void;

/** A queue in front of xterm's write. */
export class FlowWriter {
  private readonly queue: (string | (() => void))[] = [];
  private inflight = 0;
  private queued = 0;
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly sink: FlowSink,
    private readonly high = 256 * 1024,
    private readonly chunk = 64 * 1024,
  ) {}

  /** Queues `data` for the terminal. */
  write(data: string): void {
    if (!data) return;
    this.queue.push(data);
    this.queued += data.length;
    this.pump();
  }

  /** Runs `fn` once everything written before it is parsed (to clear the screen in order, say). */
  then(fn: () => void): void {
    this.queue.push(fn);
    this.pump();
  }

  /** Characters queued or handed to xterm and not parsed yet. */
  get backlog(): number {
    return this.queued + this.inflight;
  }

  /** Resolves once everything written so far is parsed. */
  drained(): Promise<void> {
    if (this.backlog === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private pump(): void {
    while (this.queue.length && this.inflight < this.high) {
      const head = this.queue[0];
      if (typeof head === 'function') {
        // A callback waits for everything before it.
        if (this.inflight > 0) return;
        this.queue.shift();
        head();
        continue;
      }
      // Join small writes (keystroke echoes) and cut big ones, so each xterm write is one chunk.
      let data = '';
      while (this.queue.length && typeof this.queue[0] === 'string' && data.length < this.chunk) {
        const s = this.queue[0] as string;
        const room = this.chunk - data.length;
        if (s.length <= room) {
          data += s;
          this.queue.shift();
        } else {
          data += s.slice(0, room);
          this.queue[0] = s.slice(room);
        }
      }
      this.queued -= data.length;
      this.inflight += data.length;
      this.sink(data, () => {
        this.inflight -= data.length;
        this.pump();
        if (this.backlog === 0 && this.queue.length === 0) {
          const waiters = this.drainWaiters.splice(0);
          for (const w of waiters) w();
        }
      });
    }
  }
}
