// What crosses a Worker boundary under WorkerHost, all plain structured-cloneable data.
//
// The host runs a conservative parallel discrete-event simulation in lockstep ticks, and every
// process is held by exactly one Runtime: the main thread's, or one Worker's (a Worker may hold
// several processes: a pool). One main port per Worker carries both directions, in order:
//   main → worker:  TickOrder   control ops (in the order the actions were taken), the envelopes
//                               due by T, then "run every event at or before T"
//   worker → main:  TickReport  what the tick sent to other Runtimes, disk writes, deaths, digests,
//                               the time of the Worker's next event, telemetry when asked
// Envelopes between two Workers go straight from one to the other, over a MessageChannel the main
// thread gave them (`link`), one batch per tick: the main thread hears only how many batches a tick
// sent and the earliest delivery time in each, which is all it needs to know when the receiver has
// something due. A tick order then says how many batches the receiver must have taken from each
// channel before it may run (`expect`), since nothing orders messages on two different ports.
// Envelopes to or from the main thread's processes travel in the tick orders and reports.

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
  /** Where processes run (the pool of each), so that envelopes for them can go straight there. */
  | { op: 'placement'; places: [ProcessId, string][] }
  /** A channel to another pool's Worker (the port is transferred with the order). */
  | { op: 'link'; peer: string; channel: string; port: MessagePort }
  /** The other pool's Worker is gone: its channel closes (after the batches expected from it were taken). */
  | { op: 'unlink'; peer: string }
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
  /** Before running, take batches from each channel up to these (cumulative) numbers. */
  expect?: [channel: string, batch: number][];
}

/** worker → worker, over a channel: what one tick sent to the other pool's processes. */
export interface PeerBatch {
  t: 'batch';
  channel: string;
  /** 1, 2, … per channel and direction. */
  batch: number;
  envelopes: Envelope[];
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
  /** Envelopes for processes this Worker holds no channel to (the main thread's, or of a pool not linked yet). */
  out: Envelope[];
  /** Batches this tick sent straight to other pools: [pool, channel, batch number, earliest delivery (µs), envelopes]. */
  sent: [pool: string, channel: string, batch: number, at: number, count: number][];
  /** The batches taken so far from each channel that took one since the last report (cumulative numbers). */
  taken: [channel: string, batch: number][];
  /** Envelopes that arrived at or after their delivery time (never expected: the horizons forbid it). */
  late: number;
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
