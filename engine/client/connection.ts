// The HTTP/2 connection a Kubernetes client holds to kube-apiserver, as client-go's transport keeps
// one: every request and watch is multiplexed on one stream (engine/apiserver/http.ts frames), and
// when that connection breaks, the requests on it fail and the next one dials again. Which apiserver
// a dial reaches is the load balancer's choice in front of the control plane: `pick` says it.
// kubectl and every in-cluster component (scheduler, controller-manager, kubelet) talk through this.

import type { ClientFrame, HttpRequest, HttpResponse, ServerFrame } from '../apiserver/http';
import type { Cancel } from '../sim/co';
import type { Env, Input, ProcessId, StreamId } from '../sim/env';
import { TransportError, type RestTransport } from '../kubectl/rest';

/** How a connection chooses an apiserver: the load balancer's choice, given what failed already. */
export interface Endpoints {
  /** An apiserver for a new connection, other than those in `failed`; null when none is left. */
  pick(failed: ReadonlySet<ProcessId>): ProcessId | null;
}

/** The load balancer for processes that know only the apiservers' names: round robin, skipping dead ones. */
export function roundRobin(apiservers: readonly ProcessId[], start = 0): Endpoints {
  let next = start;
  return {
    pick(failed) {
      for (let i = 0; i < apiservers.length; i++) {
        const a = apiservers[(next + i) % apiservers.length]!;
        if (failed.has(a)) continue;
        next = (next + i + 1) % apiservers.length;
        return a;
      }
      return null;
    },
  };
}

interface Pending {
  stream: StreamId;
  onHead(res: HttpResponse, streamed: boolean): void;
  onChunk?(data: string): void;
  onEnd(err: TransportError | null): void;
  since: number;
}

type Timer = { t: 'sleep'; id: number };

/** A client's connection to the apiserver; a part of the process that embeds it (engine/sim/parts.ts). */
export class ApiConnection implements RestTransport {
  private nextId = 1;
  private conn: { stream: StreamId; to: ProcessId } | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly sleepers = new Map<number, () => void>();
  /** Counts answers, chunks and closes: drivers use it to see that something happened. */
  progress = 0;

  constructor(
    private readonly env: Env,
    private endpoints: Endpoints,
    /** The bearer token sent with every request. */
    private readonly token: string,
    /** The server URL the kubeconfig names (`https://10.0.0.2:6443`), for messages. */
    readonly server: string,
  ) {}

  /** Replaces the load balancer's view (the host learns which apiservers exist and answer). */
  setEndpoints(e: Endpoints): void {
    this.endpoints = e;
  }

  /** The apiserver the connection is open to, if any. */
  get peer(): ProcessId | null {
    return this.conn?.to ?? null;
  }

  now(): number {
    return this.env.now();
  }

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
    const headers = { authorization: `Bearer ${this.token}`, ...req.headers };
    const stream = this.send({ t: 'req', id, req: { ...req, headers } });
    if (stream === null) {
      onEnd(new TransportError(`The connection to the server ${hostPort(this.server)} was refused - did you specify the right host or port?`));
      return () => {};
    }
    this.pending.set(id, {
      stream,
      onHead: (res, streamed) => {
        onHead(res);
        if (!streamed) this.finish(id, null);
      },
      onChunk,
      onEnd,
      since: this.env.now(),
    });
    return () => {
      if (!this.pending.delete(id)) return;
      this.env.write(stream, { t: 'cancel', id } satisfies ClientFrame);
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

  /** Takes the inputs that are the connection's (its stream's events, its sleep timers); false for others. */
  receive(input: Input): boolean {
    switch (input.type) {
      case 'timer': {
        const t = input.tag as Timer;
        if (typeof t !== 'object' || t === null || t.t !== 'sleep') return false;
        this.progress++;
        const wake = this.sleepers.get(t.id);
        this.sleepers.delete(t.id);
        wake?.();
        return true;
      }
      case 'data':
        if (input.stream !== this.conn?.stream) return false;
        this.onFrame(input.msg as ServerFrame);
        return true;
      case 'closed':
        if (![...this.pending.values()].some((p) => p.stream === input.stream) && input.stream !== this.conn?.stream) return false;
        this.onClosed(input.stream);
        return true;
      default:
        return false;
    }
  }

  /** Closes the connection; requests on it fail as a broken connection fails them. */
  close(): void {
    const c = this.conn;
    if (!c) return;
    this.env.close(c.stream);
    this.onClosed(c.stream);
  }

  /** Requests in flight, for `inspect.pending`. */
  outstanding(): { id: string; what: string; since: number }[] {
    return [...this.pending].map(([id, p]) => ({ id: String(id), what: `request → ${this.conn?.to ?? '?'}`, since: p.since }));
  }

  /**
   * Writes a frame on the open connection, dialling one when there is none; a dial that finds the
   * apiserver down or cut off (the write is refused) tries the next one the balancer offers.
   */
  private send(frame: ClientFrame): StreamId | null {
    if (this.conn && this.env.write(this.conn.stream, frame)) return this.conn.stream;
    this.conn = null;
    const failed = new Set<ProcessId>();
    for (let to = this.endpoints.pick(failed); to !== null; to = this.endpoints.pick(failed)) {
      const stream = this.env.connect(to);
      if (this.env.write(stream, frame)) {
        this.conn = { stream, to };
        return stream;
      }
      failed.add(to);
    }
    return null;
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
}

function hostPort(server: string): string {
  return server.replace(/^[a-z]+:\/\//, '');
}
