// What crosses between the page and the cluster Worker: the Worker holds the whole browser cluster
// (WorkerHost's clock, ClusterCore and the clients behind the terminal) and spawns the process
// Workers itself, so rendering never stalls a tick; the page keeps a façade (remote-cluster.ts).
//
//   page → cluster Worker:  Comlink calls on ClusterService, one per verb
//   cluster Worker → page:  ClusterEvents on one MessagePort, in the order they happened: frames
//                           (the snapshot stream), command output, the end of a command, editor
//                           requests. A command's output and its end share that one ordered port,
//                           so the end never overtakes the output.

import type { BrowserCluster, BrowserClusterOptions } from './browser-cluster';
import type { ClusterSnapshot, CommandResult, WireMessage } from './types';

/** The options that cross to the Worker: plain data (no signal, no spawner). */
export type RemoteClusterOptions = Omit<BrowserClusterOptions, 'signal' | 'spawn'>;

/** Which of a command's callbacks the page has (the Worker sends only what someone listens to). */
export interface CommandSinks {
  stdout: boolean;
  stderr: boolean;
  /** kubectl edit opens the page's editor. */
  editor: boolean;
}

/** One animation frame's worth of change. */
export interface FrameEvent {
  t: 'frame';
  now: number;
  paused: boolean;
  speed: number;
  /** Messages sent since the previous frame. */
  messages: WireMessage[];
  /** The whole picture (messages: none), at most as often as the canvas redraws; absent otherwise. */
  snapshot?: ClusterSnapshot;
  /** Where each process runs, when a process was added since the last frame. */
  placement?: { process: string; worker: string }[];
}

export type ClusterEvent =
  | FrameEvent
  | { t: 'output'; call: number; stream: 'stdout' | 'stderr'; chunk: string }
  | { t: 'done'; call: number; result: CommandResult }
  | { t: 'edit'; call: number; edit: number; text: string };

/** The verbs answered as the in-page cluster answers them (each a Comlink call). */
export const clusterVerbs = [
  'api', 'sendTraffic', 'addNode', 'installAddon', 'killProcess', 'restartProcess', 'killEtcd', 'restartEtcd', 'addEtcdMember',
  'removeEtcdMember', 'cutLink', 'restoreLink', 'partition', 'heal', 'pause', 'resume', 'step', 'setSpeed', 'setCpuShare', 'recording',
  'digest', 'runtimeStats',
] as const;
export type ClusterVerb = (typeof clusterVerbs)[number];

/**
 * A verb's answer, with how many events the Worker had sent when it answered: the page holds the
 * answer until it has seen that many, so what `snapshot()` shows afterwards already includes what
 * the verb did (a Comlink reply and the event port are two channels, with no order between them).
 */
export interface Reply<T> {
  value: T;
  events: number;
}

type Replied<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Reply<Awaited<R>>> : never;

/** What the cluster Worker serves over Comlink. */
export type ClusterService = { [V in ClusterVerb]: Replied<BrowserCluster[V]> } & {
  /** Answers once the Worker's module has loaded. */
  ping(): boolean;
  /** Starts the cluster; events go to `events` from now until dispose. Rejects if it cannot start. */
  start(opts: RemoteClusterOptions, events: MessagePort): Promise<void>;
  /** Starts a command: its output, its editor requests and its end come as events for `call`. */
  run(tool: 'kubectl' | 'etcdctl', call: number, commandLine: string, stdin: string | undefined, sinks: CommandSinks): void;
  /** Ctrl-C on a running command. */
  interrupt(call: number): void;
  /** What the person saved in the editor `edit` of `call` opened (null: quit without saving). */
  edited(call: number, edit: number, saved: string | null): void;
  dispose(): void;
};
