// What crosses a Worker boundary under WorkerHost, all plain structured-cloneable data.
//
// The host runs a conservative parallel discrete-event simulation in lockstep ticks:
//   main → worker (main port):  TickOrder   "process every event at or before T"
//   worker → main (main port):  TickReport  the tick's disk writes, next event time, … (posted first)
//   worker → peer (own port):   PeerBatch   every message sent to that peer during the tick, one postMessage
// A peer only runs a batch in the next tick, which the main thread orders only once it holds every
// report, disk writes included: a message never takes effect before the writes that preceded it are durable.
// Control calls (attach, connect, start, …) go over Comlink on the Worker itself, and only between
// ticks, so they never race the tick traffic on the main port.

import type { NetworkOptions } from '../sim/network';
import type { ProcessId } from '../sim/env';

/** One write to a process's disk, in the order it happened: a put, or a delete when `value` is absent. */
export type DiskOp = [op: 'put', key: string, value: unknown] | [op: 'delete', key: string];

/** A message with its delivery time, as it travels between hosts. */
export type Delivery = [from: ProcessId, at: number, msg: unknown];

/** A message for a process on the main thread, reported by a worker. */
export type LocalDelivery = [to: ProcessId, at: number, msg: unknown];

/** A message seen on the wire, for the UI (the message itself stays behind: type/from/to/times only). */
export interface WireRecord {
  from: ProcessId;
  to: ProcessId;
  type: string;
  sentAt: number;
  /** null when the message was lost or the link cut. */
  deliverAt: number | null;
}

/** main → worker: run the process up to and including simulated time T. */
export interface TickOrder {
  t: 'tick';
  tick: number;
  T: number;
  /** Messages from main-thread processes, delivered at their `at`. */
  inbound: Delivery[];
  /** Peers that sent this worker a batch in the previous tick: wait for those batches before running. */
  expect: ProcessId[];
  /** Include the process's telemetry in the report. */
  telemetry: boolean;
}

/** worker → peer: everything sent to that peer in one tick. */
export interface PeerBatch {
  tick: number;
  from: ProcessId;
  msgs: Delivery[];
}

/** worker → main: the end of a tick (or of `start`), posted before the tick's peer batches. */
export interface TickReport {
  t: 'report';
  tick: number;
  /** The tick's disk writes, in order. */
  disk: DiskOp[];
  /** Earliest pending event of this process, including messages it just sent; Infinity if none. */
  next: number;
  /** Peers that were sent a batch this tick (they must wait for it next tick). */
  sentTo: ProcessId[];
  toLocal: LocalDelivery[];
  wire: WireRecord[];
  telemetry?: unknown;
  /** Set when the process threw: it is dead, and this is why. */
  crashed?: string;
}

/** How a worker starts (or restarts) its process. */
export interface StartOptions<C = unknown> {
  id: ProcessId;
  seed: number;
  /** Bumped on every restart, so a restarted process gets a fresh random stream (as under SimHost). */
  incarnation: number;
  /** Simulated time now. */
  now: number;
  /** The last completed tick: start's own messages are tagged with it. */
  tick: number;
  network: NetworkOptions;
  disk: [string, unknown][];
  config: C;
  /** Processes that live on the main thread (reached through the main port). */
  locals: ProcessId[];
  cut: [ProcessId, ProcessId][];
}

/** The control surface a worker exposes over Comlink. */
export interface WorkerControl {
  /** Answers once the worker's module has loaded. */
  ping(): boolean;
  /** Hands the worker its end of the main port (tick orders in, reports out). */
  attach(mainPort: MessagePort): void;
  /** Hands the worker a direct channel to a peer (replacing any older one). */
  connect(peer: ProcessId, port: MessagePort): void;
  /** The peer is down: stop sending to it (batches it already sent are still delivered). */
  disconnect(peer: ProcessId): void;
  /** The cut links, enforced by the sender. */
  setCut(cut: [ProcessId, ProcessId][]): void;
  setLocals(locals: ProcessId[]): void;
  /** Builds the process; its report (and any disk writes) arrive on the main port, tagged `opts.tick`. */
  start(opts: StartOptions): void;
}
