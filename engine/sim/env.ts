// The one door between a process and the world. A process never reads a clock, a timer, a random
// source or a socket of its own: it gets them here, which is what makes a run replayable from a seed
// under SimHost and lets the very same code run one-per-Worker under WorkerHost.

import type { Rng } from './rng';

/** The name of a process on the simulated network, e.g. 'etcd-0'. */
export type ProcessId = string;

/** A timer handle, only meaningful to the Env that made it. */
export type TimerId = number;

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

/** The environment a process runs in. */
export interface Env {
  readonly id: ProcessId;
  /** Simulated milliseconds since the cluster started. */
  now(): number;
  /** This process's own random stream (forked from the cluster seed by process id and incarnation). */
  readonly rng: Rng;
  /** Calls `fire` after `delayMs` simulated milliseconds, unless cancelled or the process dies first. */
  setTimer(delayMs: number, fire: () => void): TimerId;
  cancelTimer(id: TimerId): void;
  /** Sends a structured-cloneable message; it may be delayed, dropped, duplicated or reordered. */
  send(to: ProcessId, msg: unknown): void;
  readonly disk: Disk;
}

/** A running process: a state machine fed messages (timers fire through callbacks given to setTimer). */
export interface Process {
  receive(from: ProcessId, msg: unknown): void;
  /** Plain data describing the process now, for `inspect` and the UI. */
  telemetry?(): unknown;
}

/** Builds a process inside an Env; called on start and again, with the same disk, on every restart. */
export type ProcessFactory = (env: Env) => Process;

/** A Disk held in memory, as SimHost and WorkerHost keep it for their processes. */
export class MemoryDisk implements Disk {
  protected readonly data = new Map<string, unknown>();
  /** Counts writes, so benchmarks and the UI can show disk traffic. */
  writes = 0;

  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (structuredClone(v) as T);
  }
  put(key: string, value: unknown): void {
    this.writes++;
    this.data.set(key, structuredClone(value));
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
