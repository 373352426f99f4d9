// What a cluster needs of a host, so that one cluster implementation (engine/cluster-core.ts) runs
// over SimHost (headless) and WorkerHost (browser) alike.

import type { Disk, Process, ProcessId } from './env';

/** The actions a host takes between events; only valid inside `act`. */
export interface HostActions {
  /** Starts a process of a registered kind with a plain config. */
  add(id: ProcessId, kind: string, config: unknown): void | Promise<void>;
  /** Crashes a process (its disk stays); false when it is already down. */
  kill(id: ProcessId): boolean;
  /** Starts a crashed process again from its disk; false when it is up. */
  restart(id: ProcessId): boolean | Promise<boolean>;
  /** Hands a process an operator's command now; false when it is down. */
  command(id: ProcessId, command: unknown): boolean;
  partition(groups: ProcessId[][]): void;
  cutLink(a: ProcessId, b: ProcessId): void;
  restoreLink(a: ProcessId, b: ProcessId): void;
  heal(): void;
}

/** A host as a cluster drives it. */
export interface ClusterHost {
  /** Simulated ms since start. */
  now(): number;
  /**
   * Runs `fn` between events with the clock standing still: at once under SimHost, before the next
   * tick under WorkerHost. Every action of a recording is taken this way.
   */
  act<T>(fn: (a: HostActions) => T | Promise<T>): T | Promise<T>;
  has(id: ProcessId): boolean;
  isUp(id: ProcessId): boolean;
  isCut(a: ProcessId, b: ProcessId): boolean;
  /** A process object in this thread (all of them under SimHost; the main thread's under WorkerHost). */
  localProcess<P extends Process = Process>(id: ProcessId): P | null;
  telemetry(id: ProcessId): unknown;
  disk(id: ProcessId): Disk | undefined;
  lastError(id: ProcessId): string | null;
  /** The hash of the history so far. */
  digest(): string;
}
