// The process kubectl runs in: it holds one connection (a stream) to the apiserver the load
// balancer in front of the control plane picks, sends requests on it and hears the answers in
// order. Command lines arrive as commands from the host's operator (a terminal, a test), exactly as
// the etcd client runs etcdctl, so every kubectl a person types is an input a recording replays.

import type { ClientFrame, HttpRequest, HttpResponse, ServerFrame } from '../apiserver/http';
import type { Cancel } from '../sim/co';
import type { Env, Input, Process, ProcessId, ProcessKind, StreamId } from '../sim/env';
import { TransportError, type RestTransport } from './rest';
import { startKubectl, type KubectlResult } from './run';

/** What the host tells kubectl of the control plane: which apiservers exist and which answer. */
export interface KubectlHostView {
  apiservers(): ProcessId[];
  /** Whether the load balancer would send a new connection there (up, not cut off). */
  reachable(id: ProcessId): boolean;
}

/** Plain config of a kubectl process. */
export interface KubectlConfig {
  /** The bearer token of the kubeconfig's user. */
  token: string;
  /** Wall ms that simulated 0 stands for. */
  epochMs: number;
  /** The kubeconfig's server URL. */
  server: string;
}

/** An operator's command to the process. */
export type KubectlCommand =
  | { op: 'kubectl'; id: number; line: string; stdin?: string }
  | { op: 'interrupt'; id: number }
  /** One raw request with the kubeconfig's credentials (tests, the HTTP adapter); its answer goes to the listener as JSON. */
  | { op: 'request'; id: number; req: HttpRequest };

/** Where a command's output goes, outside the simulation. */
export interface KubectlListener {
  onStdout?(chunk: string): void;
  onStderr?(chunk: string): void;
  onDone(result: KubectlResult): void;
}

interface Pending {
  stream: StreamId;
  onHead(res: HttpResponse, streamed: boolean): void;
  onChunk?(data: string): void;
  onEnd(err: TransportError | null): void;
}

type Timer = { t: 'sleep'; id: number };

/** The kubectl process kind. */
export const kubectlKind: ProcessKind<KubectlConfig> = {
  name: 'kubectl',
  create: (env, config) => new KubectlProcess(env, config),
  // Its requests, named as the wire view shows them: `GET /api/v1/namespaces`.
  describe: (msg) => {
    const f = msg as ClientFrame;
    if (f && typeof f === 'object' && f.t === 'req') return `${f.req.method} ${f.req.url.split('?')[0]}`;
    if (f && typeof f === 'object' && f.t === 'cancel') return 'cancel';
    return null;
  },
};

/** kubectl, living on the network as process `env.id`. */
export class KubectlProcess implements Process, RestTransport {
  private nextId = 1;
  private conn: { stream: StreamId; to: ProcessId } | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly sleepers = new Map<number, () => void>();
  private readonly runs = new Map<number, { interrupt(): void }>();
  private readonly listeners = new Map<number, KubectlListener>();
  private view: KubectlHostView = { apiservers: () => [], reachable: () => false };
  progress = 0;

  constructor(
    private readonly env: Env,
    private readonly config: KubectlConfig,
  ) {}

  get server(): string {
    return this.config.server;
  }

  attach(view: KubectlHostView): this {
    this.view = view;
    return this;
  }

  listen(id: number, l: KubectlListener): void {
    this.listeners.set(id, l);
  }

  now(): number {
    return this.env.now();
  }

  // ---- RestTransport -------------------------------------------------------------------------

  request(req: HttpRequest, done: (err: TransportError | null, res?: HttpResponse) => void): Cancel {
    let body: HttpResponse | null = null;
    return this.stream(
      req,
      (res) => (body = res),
      (data) => body && (body = { ...body, body: body.body + data }),
      (err) => (err ? done(err) : done(null, body!)),
    );
  }

  stream(req: HttpRequest, onHead: (res: HttpResponse) => void, onChunk: (data: string) => void, onEnd: (err: TransportError | null) => void): Cancel {
    const id = this.nextId++;
    const conn = this.connection();
    if (!conn) {
      onEnd(new TransportError(`The connection to the server ${hostPort(this.config.server)} was refused - did you specify the right host or port?`));
      return () => {};
    }
    const headers = { authorization: `Bearer ${this.config.token}`, ...req.headers };
    this.env.write(conn.stream, { t: 'req', id, req: { ...req, headers } } satisfies ClientFrame);
    this.pending.set(id, {
      stream: conn.stream,
      onHead: (res, streamed) => {
        onHead(res);
        if (!streamed) this.finish(id, null);
      },
      onChunk,
      onEnd,
    });
    return () => {
      if (!this.pending.delete(id)) return;
      this.env.write(conn.stream, { t: 'cancel', id } satisfies ClientFrame);
    };
  }

  sleep(ms: number, wake: () => void): Cancel {
    const id = this.nextId++;
    const timer = this.env.setTimer(ms, { t: 'sleep', id } satisfies Timer);
    this.sleepers.set(id, wake);
    return () => {
      if (this.sleepers.delete(id)) this.env.cancelTimer(timer);
    };
  }

  // ---- Process -------------------------------------------------------------------------------

  receive(input: Input): void {
    switch (input.type) {
      case 'timer':
        return this.onTimer(input.tag as Timer);
      case 'data':
        return this.onFrame(input.msg as ServerFrame);
      case 'closed':
        return this.onClosed(input.stream);
      case 'command':
        return this.onCommand(input.command as KubectlCommand);
      default:
        return;
    }
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return [...this.pending.keys()].map((id) => ({ id: String(id), what: `request → ${this.conn?.to ?? '?'}`, since: 0 }));
  }

  // ---- internals -----------------------------------------------------------------------------

  /** The open connection, or a new one to an apiserver the load balancer can reach. */
  private connection(): { stream: StreamId; to: ProcessId } | null {
    if (this.conn && this.view.reachable(this.conn.to)) return this.conn;
    const to = this.view.apiservers().find((a) => this.view.reachable(a));
    if (!to) return null;
    if (this.conn) this.env.close(this.conn.stream);
    this.conn = { stream: this.env.connect(to), to };
    return this.conn;
  }

  private finish(id: number, err: TransportError | null): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.onEnd(err);
  }

  private onFrame(f: ServerFrame): void {
    this.progress++;
    const p = this.pending.get(f.id);
    if (!p) return;
    if (f.t === 'res') p.onHead(f.res, f.stream === true);
    else if (f.t === 'chunk') p.onChunk?.(f.data);
    else this.finish(f.id, null);
  }

  private onClosed(stream: StreamId): void {
    this.progress++;
    if (this.conn?.stream === stream) this.conn = null;
    for (const [id, p] of [...this.pending]) if (p.stream === stream) this.finish(id, new TransportError('Unable to connect to the server: EOF'));
  }

  private onTimer(t: Timer): void {
    this.progress++;
    const wake = this.sleepers.get(t.id);
    this.sleepers.delete(t.id);
    wake?.();
  }

  private onCommand(c: KubectlCommand): void {
    if (c.op === 'interrupt') {
      this.runs.get(c.id)?.interrupt();
      return;
    }
    const l = this.listeners.get(c.id);
    if (c.op === 'request') {
      this.request(c.req, (err, res) => {
        this.listeners.delete(c.id);
        l?.onDone(err ? { code: 0, stdout: '', stderr: err.message } : { code: res!.status, stdout: res!.body, stderr: '' });
      });
      return;
    }
    let finished = false;
    const run = startKubectl(c.line, this, {
      stdin: c.stdin,
      nowMs: () => this.config.epochMs + this.env.now(),
      onStdout: l?.onStdout ? (s) => l.onStdout!(s) : undefined,
      onStderr: l?.onStderr ? (s) => l.onStderr!(s) : undefined,
    }, (result) => {
      finished = true;
      this.runs.delete(c.id);
      this.listeners.delete(c.id);
      l?.onDone(result);
    });
    if (!finished) this.runs.set(c.id, run);
  }
}

function hostPort(server: string): string {
  return server.replace(/^[a-z]+:\/\//, '');
}
