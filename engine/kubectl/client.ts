// The process kubectl runs in: it holds one connection (a stream) to the apiserver the load
// balancer in front of the control plane picks, sends requests on it and hears the answers in
// order. Command lines arrive as commands from the host's operator (a terminal, a test), exactly as
// the etcd client runs etcdctl, so every kubectl a person types is an input a recording replays.

import type { ClientFrame, HttpRequest } from '../apiserver/http';
import { ApiConnection } from '../client/connection';
import type { Env, Input, Process, ProcessId, ProcessKind } from '../sim/env';
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
  /** `editor`: the host has an editor for `kubectl edit` and will answer with `edited` commands. */
  | { op: 'kubectl'; id: number; line: string; stdin?: string; editor?: boolean }
  | { op: 'interrupt'; id: number }
  /** What the person saved in the editor `kubectl edit` opened (null: the editor was closed without saving). */
  | { op: 'edited'; id: number; text: string | null }
  /** One raw request with the kubeconfig's credentials (tests, the HTTP adapter); its answer goes to the listener as JSON. */
  | { op: 'request'; id: number; req: HttpRequest };

/** Where a command's output goes, outside the simulation. */
export interface KubectlListener {
  onStdout?(chunk: string): void;
  onStderr?(chunk: string): void;
  /** `kubectl edit` opens an editor on `text`; the host answers with an `edited` command. */
  onEdit?(text: string): void;
  onDone(result: KubectlResult): void;
}

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
export class KubectlProcess implements Process {
  private readonly conn: ApiConnection;
  private readonly runs = new Map<number, { interrupt(): void }>();
  private readonly listeners = new Map<number, KubectlListener>();
  /** Runs waiting for their editor, by command id. */
  private readonly editing = new Map<number, (text: string | null) => void>();
  private view: KubectlHostView = { apiservers: () => [], reachable: () => false };

  constructor(
    private readonly env: Env,
    private readonly config: KubectlConfig,
  ) {
    // The load balancer sends a new connection to the first apiserver it can reach.
    this.conn = new ApiConnection(env, { pick: (failed) => this.view.apiservers().find((a) => !failed.has(a) && this.view.reachable(a)) ?? null }, config.token, config.server);
  }

  /** Counts answers, chunks, closes and timers: drivers use it to see that something happened. */
  get progress(): number {
    return this.conn.progress;
  }

  attach(view: KubectlHostView): this {
    this.view = view;
    return this;
  }

  listen(id: number, l: KubectlListener): void {
    this.listeners.set(id, l);
  }

  // ---- Process -------------------------------------------------------------------------------

  receive(input: Input): void {
    if (this.conn.receive(input)) return;
    if (input.type === 'command') this.onCommand(input.command as KubectlCommand);
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.conn.outstanding();
  }

  // ---- internals -----------------------------------------------------------------------------

  private onCommand(c: KubectlCommand): void {
    if (c.op === 'interrupt') {
      this.editing.delete(c.id);
      this.runs.get(c.id)?.interrupt();
      return;
    }
    if (c.op === 'edited') {
      const done = this.editing.get(c.id);
      this.editing.delete(c.id);
      done?.(c.text);
      return;
    }
    const l = this.listeners.get(c.id);
    if (c.op === 'request') {
      this.conn.request(c.req, (err, res) => {
        this.listeners.delete(c.id);
        l?.onDone(err ? { code: 0, stdout: '', stderr: err.message } : { code: res!.status, stdout: res!.body, stderr: '' });
      });
      return;
    }
    let finished = false;
    const run = startKubectl(c.line, this.conn, {
      stdin: c.stdin,
      nowMs: () => this.config.epochMs + this.env.now(),
      onStdout: l?.onStdout ? (s) => l.onStdout!(s) : undefined,
      onStderr: l?.onStderr ? (s) => l.onStderr!(s) : undefined,
      editor: c.editor
        ? (text, done) => {
            this.editing.set(c.id, done);
            l?.onEdit?.(text);
          }
        : undefined,
    }, (result) => {
      finished = true;
      this.editing.delete(c.id);
      this.runs.delete(c.id);
      this.listeners.delete(c.id);
      l?.onDone(result);
    });
    if (!finished) this.runs.set(c.id, run);
  }
}
