// The one door between a process and the world. A process never reads a clock, a timer, a random
// source or a socket of its own: it gets them here, which is what makes a run replayable from a seed
// under SimHost and lets the very same code run one-per-Worker under WorkerHost.

import { copyPlain } from './hash';
import type { Rng } from './rng';

/** The name of a process on the simulated network, e.g. 'etcd-0'. */
export type ProcessId = string;

/** A timer handle, only meaningful to the process that set it. */
export type TimerId = number;

/** An ordered, reliable connection (TCP, an HTTP/2 stream), named by its opener: 'etcdctl#0/3'. */
export type StreamId = string;

/**
 * What survives a crash. Writes are durable as soon as `put` returns (think fsync'd WAL), values
 * must be structured-cloneable and are copied on write, so a process cannot mutate its disk by accident.
 */
export interface Disk {
  get<T>(key: string): T | undefined;
  put(key: string, value: unknown): void;
  delete(key: string): void;
  /** Keys with the given prefix, in lexical order. */
  keys(prefix?: string): string[];
}

/**
 * Everything that can happen to a process, delivered through its one `receive`: a datagram, a timer
 * it set, the three events of a stream (a peer opened one, data on it, it closed), and a command
 * from the host's operator (a person at the terminal, a test): always plain, cloneable data, so a
 * run is a list of inputs that can be hashed, recorded and replayed.
 */
export type Input =
  | { type: 'message'; from: ProcessId; msg: unknown }
  | { type: 'timer'; timer: TimerId; tag: unknown }
  | { type: 'accept'; stream: StreamId; from: ProcessId; hello: unknown }
  | { type: 'data'; stream: StreamId; from: ProcessId; msg: unknown }
  | { type: 'closed'; stream: StreamId; peer: ProcessId; reason: string }
  | { type: 'command'; command: unknown };

/** The environment a process runs in. Nothing in it returns a Promise or calls back later. */
export interface Env {
  readonly id: ProcessId;
  /** Simulated milliseconds since the cluster started (a whole number of microseconds). */
  now(): number;
  /** This process's own random stream (forked from the cluster seed by process id and incarnation). */
  readonly rng: Rng;
  /** Delivers `{ type: 'timer', tag }` after `delayMs` simulated ms, unless cancelled or the process dies first. */
  setTimer(delayMs: number, tag: unknown): TimerId;
  cancelTimer(id: TimerId): void;
  /** Sends a datagram; it may be delayed, dropped, duplicated or reordered. */
  send(to: ProcessId, msg: unknown): void;
  /**
   * Opens a stream to `to`, which receives `accept` (with `hello`) and then every `write`, in order.
   * A stream is closed when either end closes it, either end dies or restarts, or a partition or
   * reset cuts it; both ends then receive `closed`. A stream to a process that is down or cut off
   * is never accepted: the opener's own deadline tells it so, as a dial timeout does.
   */
  connect(to: ProcessId, hello?: unknown): StreamId;
  /** Writes to an open stream; false (nothing sent) when it is closed. */
  write(stream: StreamId, msg: unknown): boolean;
  /** Closes a stream from this end; the peer is told after the data already written. */
  close(stream: StreamId): void;
  readonly disk: Disk;
}

/** A running process: a state machine fed inputs. */
export interface Process {
  receive(input: Input): void;
  /** Plain data describing the process now, for `inspect` and the UI. */
  telemetry?(): unknown;
  /** Requests this process waits on (ids and what they are), for `inspect.pending`. */
  outstanding?(): { id: string; what: string; since: number }[];
}

/** Builds a process inside an Env; called on start and again, with the same disk, on every restart. */
export type ProcessFactory = (env: Env) => Process;

/**
 * A kind of process, registered once: both hosts start processes by kind name and a plain config,
 * which is what lets one Worker entry host any kind and a recording name what it started.
 */
export interface ProcessKind<Config = unknown> {
  name: string;
  create(env: Env, config: Config): Process;
  /** Names a message for the UI's wire view ('MsgApp', 'Range'); null leaves it out. */
  describe?(msg: unknown): string | null;
}

/** A Disk held in memory, as SimHost and WorkerHost keep it for their processes. */
export class MemoryDisk implements Disk {
  protected readonly data = new Map<string, unknown>();
  /** Counts writes, so benchmarks and the UI can show disk traffic. */
  writes = 0;

  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : copyPlain(v as T);
  }
  put(key: string, value: unknown): void {
    this.writes++;
    this.data.set(key, copyPlain(value));
  }
  delete(key: string): void {
    this.writes++;
    this.data.delete(key);
  }
  keys(prefix = ''): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  /** The whole disk as plain data (to move it to a new Worker on restart). */
  dump(): [string, unknown][] {
    return [...this.data.entries()];
  }
  /** A disk holding what `dump` returned. */
  static from(entries: [string, unknown][]): MemoryDisk {
    const d = new MemoryDisk();
    for (const [k, v] of entries) d.data.set(k, v);
    return d;
  }
}
