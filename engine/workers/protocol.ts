// What crosses a Worker boundary under WorkerHost, all plain structured-cloneable data.
//
// The host runs a conservative parallel discrete-event simulation in lockstep ticks, and every
// process is held by exactly one Runtime: the main thread's, or one Worker's (a Worker may hold
// several processes: a pool). One main port per Worker carries both directions, in order:
//   main → worker:  TickOrder   control ops (in the order the actions were taken), the envelopes
//                               due by T, then "run every event at or before T"
//   worker → main:  TickReport  what the tick sent to other Runtimes, disk writes, deaths, digests,
//                               the time of the Worker's next event, telemetry when asked
// Envelopes between Workers are routed through the main thread, which holds each until the tick it
// is due in: a Worker is woken only when it has an event due, and no two Workers need a channel.

import type { ProcessId } from '../sim/env';
import type { Envelope } from '../sim/runtime';
import type { RanRecord } from '../sim/trace';
import type { Delta } from '../sim/telemetry-delta';

/** One write to a process's disk, in the order it happened: a put, or a delete when `value` is absent. */
export type DiskOp = [op: 'put', key: string, value: unknown] | [op: 'delete', key: string];

/** A message seen on the wire, for the UI (the message itself stays behind: type/from/to/times only). */
export interface WireRecord {
  from: ProcessId;
  to: ProcessId;
  type: string;
  /** Simulated ms. */
  sentAt: number;
  /** null when the message was lost or the link cut. */
  deliverAt: number | null;
}

/** The topology every Runtime sees (see engine/sim/runtime.ts Topology). */
export interface TopologyState {
  up: [ProcessId, number][];
  cut: [ProcessId, ProcessId][];
  held: [ProcessId, ProcessId][];
}

/** An action, applied between events in the order the host took them. */
export type ControlOp =
  | { op: 'topology'; state: TopologyState; reset?: [ProcessId, ProcessId] }
  | { op: 'start'; id: ProcessId; kind: string; config: unknown; incarnation: number; disk: [string, unknown][] }
  | { op: 'stop'; id: ProcessId }
  | { op: 'command'; id: ProcessId; command: unknown };

/** main → worker: apply `ops` at time `at`, queue `inbound`, then run every event at or before T (µs). */
export interface TickOrder {
  t: 'tick';
  tick: number;
  at: number;
  T: number;
  ops: ControlOp[];
  inbound: Envelope[];
  /** Include every process's telemetry and pending work in the report. */
  telemetry: boolean;
  /** Report every input the tick ran (a step). */
  trace?: boolean;
}

/**
 * A process's telemetry and what it is waiting on, as a report carries them: each as a delta against
 * the last report's (engine/workers/telemetry-delta.ts), absent when it did not change.
 */
export interface ProcessReport {
  id: ProcessId;
  telemetry?: Delta;
  pending?: Delta;
}

/** worker → main: the end of a tick. */
export interface TickReport {
  t: 'report';
  tick: number;
  /** Envelopes for processes this Worker does not hold. */
  out: Envelope[];
  /** The Worker's earliest pending event (µs); Infinity if none. */
  next: number;
  disk: [ProcessId, DiskOp[]][];
  /** Processes that died by themselves this tick: [id, incarnation, error]. */
  deaths: [ProcessId, number, string | null][];
  /** Digest of every incarnation the Worker ran: [id#incarnation, hash, inputs]. */
  digests: [string, string, number][];
  wire: WireRecord[];
  telemetry?: ProcessReport[];
  /** What the tick ran, in order, when the order asked for a trace. */
  ran?: RanRecord[];
  /** Set when the Worker's plumbing failed (not a process): every process in it is lost. */
  fatal?: string;
}

/** The control surface a worker exposes over Comlink (used once, to hand it its main port). */
export interface WorkerControl {
  /** Answers once the worker's module has loaded. */
  ping(): boolean;
  /** Hands the worker its end of the main port. */
  attach(mainPort: MessagePort, seed: number, network: import('../sim/network').NetworkOptions): void;
}
