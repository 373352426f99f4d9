// What runs inside a simulated container. A program is a coroutine over a ProcessContext: it logs,
// sleeps on the node's clock, listens on ports, handles signals and finally returns its exit code,
// the way a real binary does with syscalls. The runtime (runtime/process.ts) gives each container
// process its own context; exec probes and `sh -c` get child contexts that share its files.

import type { Co } from '../../sim/co';
import type { FileSystem } from './fs';

/** The signals a container sees: the stop signal of its image, then SIGKILL. */
export type Signal = 'SIGTERM' | 'SIGQUIT' | 'SIGINT' | 'SIGWINCH' | 'SIGKILL';

/** Linux signal numbers, for exit codes (128 + n) and log lines. */
export const signalNumber: Record<Signal, number> = { SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGWINCH: 28 };

/** An HTTP request as a listener sees it (a probe, or traffic). */
export interface HttpRequest {
  /** GET unless said (HEAD for `curl -I`). */
  method?: string;
  path: string;
  /** Who is asking, for access logs: `kube-probe/1.32` for the kubelet. */
  userAgent: string;
  /** The client's address (the node's bridge address for probes). */
  remoteAddr: string;
}

/** The answer to an HTTP request. */
export interface HttpResponse {
  status: number;
  body: string;
  /** The response's headers beyond the status line, when the server names them (nginx's Server, Date, …). */
  headers?: Record<string, string>;
}

/** The gRPC health protocol's serving status (grpc.health.v1.HealthCheckResponse). */
export type GrpcServingStatus = 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN';

/** What a program serves on a port it listens on. Without `http` or `grpc` it is a plain TCP server. */
export interface Listener {
  http?(req: HttpRequest): HttpResponse;
  grpc?(service: string): GrpcServingStatus;
  /** Bound to 127.0.0.1 only: nothing outside the pod (probes included) can connect. */
  loopbackOnly?: boolean;
  /**
   * HTTP traffic to this port is handed to that process, which answers it (the ingress controller's
   * nginx, whose routing the ingress-nginx process keeps: engine/ingress/server.ts). Probes still get `http`.
   */
  proxy?: string;
}

/** Simulated resource use, as cAdvisor would report it for the container. */
export interface Usage {
  cpuMilli: number;
  memoryBytes: number;
}

/** The world as one process sees it. */
export interface ProcessContext {
  readonly env: Readonly<Record<string, string>>;
  /** The pod's hostname (its name, or spec.hostname). */
  readonly hostname: string;
  readonly podIP: string;
  readonly fs: FileSystem;
  /** Lines on standard input (a pipe, a `<` redirection); null when there is none (a container's PID 1). */
  readonly stdin: readonly string[] | null;
  /** Simulated ms. */
  now(): number;
  /** Wall-clock ms (the cluster's epoch plus simulated time), for programs that print dates. */
  wallMs(): number;
  sleep(ms: number): Co<void>;
  stdout(line: string): void;
  stderr(line: string): void;
  /** Whether something in the pod listens on `port` (a connection to localhost would succeed). */
  connect(port: number): boolean;
  /** Opens a port; probes and traffic to it reach `listener`. */
  listen(port: number, listener: Listener): void;
  /** Installs the process's signal handler (null restores the default: PID 1 ignores catchable signals). */
  onSignal(handler: ((sig: Signal) => void) | null): void;
  /** Ends the process with `code` from outside its coroutine (a signal handler). */
  exit(code: number): void;
  /** Sets what the process uses from now on. */
  setUsage(usage: Partial<Usage>): void;
  /**
   * Runs another executable of this image as a child (a shell's external command) with this
   * context's files and environment (plus `io.env`); null when the image has no such command.
   */
  run(argv: string[], io?: ChildIo): Co<number | null>;
  /**
   * execve(2): runs another executable of this image in this very process (same output, and it
   * becomes the one signals reach, with default handlers); null when the image has no such command.
   */
  exec(argv: string[]): Co<number | null>;
  /** Runs a coroutine beside the caller (a shell's `cmd &`). */
  spawn(co: Co<number>): BackgroundJob;
}

/** A process started with `&`. */
export interface BackgroundJob {
  /** The exit code once it has ended, else null. */
  exitCode(): number | null;
  /** Calls `fn` when it ends (at once if it has); returns how to stop listening. */
  onExit(fn: (code: number) => void): () => void;
}

/** What a child process writes to and reads from, when not the container's log. */
export interface ChildIo {
  stdout?(line: string): void;
  stderr?(line: string): void;
  stdin?: string[];
  env?: Readonly<Record<string, string>>;
}

/** An executable file in an image: `main(argv, ctx)` is its process, returning the exit code. */
export type Executable = (argv: string[], ctx: ProcessContext) => Co<number>;

/** An exit requested by `exit` deep inside a program (the shell's `exit` builtin, a crash). */
export class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
