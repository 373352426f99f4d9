// Programs the node adds to what its containers can run, beside each image's own executables
// (programs/catalog.ts): commands that need more than a process context gives — the network
// (`nslookup`, `curl`, `wget`: a DNS query or an HTTP request is a datagram to another process and
// an answer that comes back later) or the container's PID 1 (`kill 1`). A program is a coroutine
// like any executable; what it waits for (a reply, a timeout) parks it on the node's clock, so it
// is as deterministic as the rest of the kubelet. `kubectl exec` commands and the shells they start
// find these programs; an image carries one only when `inImage` says so (busybox has nslookup and
// wget, Debian-based images curl, …).
//
// Another part of the engine adds a program with `registerExecProgram('nslookup', { … })`.

import type { Co } from '../../sim/co';
import type { ProcessId } from '../../sim/env';
import type { Executable, ProcessContext, Signal } from '../programs/program';
import type { ExtraExecutables } from '../runtime/process';
import type { ImageConfig } from '../runtime/registry';

/** What the node gives a program it adds, besides the process context. */
export interface ExecSystem {
  /** The node the container runs on (its kubelet's process name). */
  readonly nodeName: string;
  /** The pod and container the command runs in. */
  readonly pod: { namespace: string; name: string; uid: string; ip: string };
  readonly container: string;
  /** The image the container runs, as its status names it (`docker.io/library/busybox:1.28`): some tools differ by tag. */
  readonly image: string;
  /** Whether the exec has a terminal (`kubectl exec -t`): curl's progress meter is off when its output is one. */
  readonly tty: boolean;
  /** A fresh id for a datagram exchange (a DNS question, a connection), unique on this node. */
  nextId(): string;
  /** Sends a datagram from the pod to another process (a DNS server, a node's kube-proxy). */
  send(to: ProcessId, msg: unknown): void;
  /**
   * Sends `msg` to `to` and waits for the first datagram to this node that `isReply` accepts;
   * null when none came within `timeoutMs` (the program's own timeout, on the node's clock).
   */
  request(to: ProcessId, msg: unknown, isReply: (reply: unknown) => boolean, timeoutMs: number): Co<unknown | null>;
  /**
   * Waits for the next datagram to this node that `isReply` accepts (answers to several datagrams
   * sent before, in the order they come); null when none came within `timeoutMs`.
   */
  receive(isReply: (reply: unknown) => boolean, timeoutMs: number): Co<unknown | null>;
  /** Sends a signal to the container's PID 1, delivered just after the caller goes on, as kill(2) returns before the target acts. */
  signalInit(sig: Signal | 'other'): void;
}

/** A program the node adds: an executable that also gets the ExecSystem and the image it runs in. */
export type ExecProgram = (argv: string[], ctx: ProcessContext, sys: ExecSystem, image: ImageConfig) => Co<number>;

/** A registered program and the images that carry it. */
export interface ExecProgramEntry {
  program: ExecProgram;
  /** Whether an image has it, judged from the executables on its PATH (programs/catalog.ts). */
  inImage(binaries: readonly string[]): boolean;
}

const registry = new Map<string, ExecProgramEntry>();

/** Adds (or replaces) the program run for `name`. */
export function registerExecProgram(name: string, entry: ExecProgramEntry): void {
  registry.set(name, entry);
}

/** The program registered for `name`, if any. */
export function execProgram(name: string): ExecProgramEntry | undefined {
  return registry.get(name);
}

/** Whether an image is busybox-based (its `sh` is busybox's ash). */
export const isBusybox = (binaries: readonly string[]): boolean => binaries.includes('ash');

/** Whether an image has a shell at all (kill is an applet of busybox and a builtin of bash and dash). */
export const hasShell = (binaries: readonly string[]): boolean => binaries.includes('sh');

/** How the runtime finds the node's programs for one exec: by basename, in images that carry them. */
export function extraExecutables(sys: ExecSystem): ExtraExecutables {
  return (name, config) => {
    const entry = registry.get(name.split('/').pop() ?? name);
    if (!entry || !entry.inImage(config.binaries)) return undefined;
    const exe: Executable = (argv, ctx) => entry.program(argv, ctx, sys, config);
    return exe;
  };
}
