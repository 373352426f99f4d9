// A process made of parts. kube-apiserver embeds clientv3; a controller embeds client-go. Each part is
// itself written as a Process (it gets timers, replies and stream events through `receive`), and the
// host process hands it the inputs that belong to it: timers it set (their tags are wrapped with the
// part's name) and events on streams it opened. Everything else is the host process's own.

import type { Disk, Env, Input, Process, ProcessId, StreamId, TimerId } from './env';
import type { Rng } from './rng';

/** How a part's timer tag travels through the host's timers. */
interface PartTag {
  '@part': string;
  tag: unknown;
}

const isPartTag = (t: unknown): t is PartTag => typeof t === 'object' && t !== null && typeof (t as PartTag)['@part'] === 'string';

/** The parts of one process and the inputs that are theirs. */
export class Parts {
  private readonly parts = new Map<string, Process>();
  /** Streams a part opened, by stream id. */
  private readonly streams = new Map<StreamId, string>();

  constructor(private readonly env: Env) {}

  /** Adds a part built on an Env of its own (timers tagged with `name`, streams recorded as its). */
  add<P extends Process>(name: string, make: (env: Env) => P): P {
    if (this.parts.has(name)) throw new Error(`part ${name} already exists`);
    const p = make(this.partEnv(name));
    this.parts.set(name, p);
    return p;
  }

  /** Hands `input` to the part it belongs to; false when it is the host process's own. */
  route(input: Input): boolean {
    switch (input.type) {
      case 'timer': {
        if (!isPartTag(input.tag)) return false;
        const part = this.parts.get(input.tag['@part']);
        part?.receive({ type: 'timer', timer: input.timer, tag: input.tag.tag });
        return true;
      }
      case 'data': {
        const name = this.streams.get(input.stream);
        if (name === undefined) return false;
        this.parts.get(name)?.receive(input);
        return true;
      }
      case 'closed': {
        const name = this.streams.get(input.stream);
        if (name === undefined) return false;
        this.streams.delete(input.stream);
        this.parts.get(name)?.receive(input);
        return true;
      }
      default:
        return false;
    }
  }

  private partEnv(name: string): Env {
    const env = this.env;
    const streams = this.streams;
    return {
      get id(): ProcessId {
        return env.id;
      },
      now: () => env.now(),
      get rng(): Rng {
        return env.rng;
      },
      setTimer: (ms: number, tag: unknown): TimerId => env.setTimer(ms, { '@part': name, tag } satisfies PartTag),
      cancelTimer: (id: TimerId) => env.cancelTimer(id),
      send: (to: ProcessId, msg: unknown) => env.send(to, msg),
      connect: (to: ProcessId, hello?: unknown): StreamId => {
        const s = env.connect(to, hello);
        streams.set(s, name);
        return s;
      },
      write: (s: StreamId, msg: unknown) => env.write(s, msg),
      close: (s: StreamId) => {
        streams.delete(s);
        env.close(s);
      },
      get disk(): Disk {
        return env.disk;
      },
    };
  }
}
