// The kubelet's own HTTPS server (port 10250, pkg/kubelet/server/server.go), as kube-apiserver
// reaches it for `kubectl logs` and `kubectl exec`: a client opens a stream to the node's kubelet
// process and sends HTTP-shaped requests on it (engine/apiserver/http.ts frames).
//
//   GET  /containerLogs/{namespace}/{pod}/{container}?follow&previous&tailLines&…  → text/plain,
//        streamed; with follow, every line the container writes until it stops or the client goes
//   POST /exec/{namespace}/{pod}/{container}?command=…&output=1&error=1[&input=1]  → 101, then the
//        exec stream (engine/kubelet/exec/stream.ts); stdin is the request body
//
// Requests authenticate with a client certificate (kube-apiserver's is CN=kube-apiserver-kubelet-
// client, in kubeadm:cluster-admins); upstream the kubelet then asks the apiserver with a
// SubjectAccessReview whether that user may `get nodes/proxy`, which kubeadm's binding of
// system:kubelet-api-admin grants. Here the kubelet admits that user and system:masters, and
// answers anyone else 403 as its authorizer words it.

import type { Container, Pod } from '../api/types';
import { parseUrl, queryBool, queryParam, type ClientFrame, type HttpRequest, type HttpResponse, type ServerFrame } from '../apiserver/http';
import { clientCertAuthenticator } from '../apiserver/auth/authn';
import type { Cancel, Co } from '../sim/co';
import { suspend } from '../sim/co';
import type { Input, ProcessId, StreamId } from '../sim/env';
import type { KubeletCore } from './core';
import { extraExecutables, type ExecSystem } from './exec/registry';
import { encodeFrame, execErrorStatus, exitStatus, streamProtocol, type ExecFrame } from './exec/stream';
import { readLogs, validateContainerLogStatus, type LogOptions } from './logs';
import type { Signal } from './programs/program';
import type { LogEntry } from './runtime/runtime-service';
import { generateID } from './runtime/ids';
import type { Kubelet } from './server';
import './exec';

/** The user kube-apiserver's kubelet client certificate names (kubeadm's apiserver-kubelet-client.crt). */
export const apiserverKubeletClientUser = 'kube-apiserver-kubelet-client';

/** The groups whose members may use the kubelet API (kubeadm binds system:kubelet-api-admin to the apiserver's user). */
const admittedGroups = ['system:masters'];

/** One request in progress: how to stop it when the client cancels or goes away. */
interface Inflight {
  stop: Cancel;
}

const plain = { 'content-type': 'text/plain; charset=utf-8' };

/** A pending `request` of a node program: the datagram it waits for. */
interface PendingReply {
  isReply(msg: unknown): boolean;
  resume(msg: unknown): void;
}

/** The kubelet's server: containerLogs and exec. */
export class KubeletServer {
  private readonly clients = new Map<StreamId, ProcessId>();
  private readonly inflight = new Map<string, Inflight>();
  private readonly replies: PendingReply[] = [];
  private readonly authn = clientCertAuthenticator();
  /** Requests served and refused, and exec sessions started, for telemetry. */
  served = 0;
  refused = 0;
  execs = 0;
  /** Datagram exchanges the node's programs started (their ids). */
  private exchanges = 0;

  constructor(private readonly k: Kubelet) {}

  /** Takes the server's inputs (connections, their requests, replies to node programs); false for others. */
  receive(input: Input): boolean {
    switch (input.type) {
      case 'accept':
        this.clients.set(input.stream, input.from);
        return true;
      case 'data':
        if (!this.clients.has(input.stream)) return false;
        this.onFrame(input.stream, input.msg as ClientFrame);
        return true;
      case 'closed': {
        if (!this.clients.delete(input.stream)) return false;
        for (const [key, f] of [...this.inflight]) {
          if (!key.startsWith(`${input.stream}#`)) continue;
          this.inflight.delete(key);
          f.stop();
        }
        return true;
      }
      case 'message':
        return this.onReply(input.msg);
      default:
        return false;
    }
  }

  telemetry(): Record<string, number> {
    return { served: this.served, refused: this.refused, execs: this.execs, streams: this.inflight.size };
  }

  private onFrame(stream: StreamId, f: ClientFrame): void {
    const key = `${stream}#${f.id}`;
    if (f.t === 'cancel') {
      const r = this.inflight.get(key);
      this.inflight.delete(key);
      r?.stop();
      return;
    }
    const w = new FrameWriter((frame) => this.k.c.env.write(stream, frame), f.id, () => this.inflight.delete(key));
    const stop = this.serve(f.req, w);
    if (!w.done) this.inflight.set(key, { stop });
  }

  // Models pkg/kubelet/server/server.go InstallDefaultHandlers (the routes kube-apiserver uses) and its auth filter.
  private serve(req: HttpRequest, w: FrameWriter): Cancel {
    const none: Cancel = () => {};
    const token = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '')?.[1];
    const user = token ? this.authn.authenticateToken(token) : undefined;
    if (!user) {
      this.refused++;
      w.send({ status: 401, headers: plain, body: 'Unauthorized' });
      return none;
    }
    const url = parseUrl(req.url);
    const parts = url.path.split('/').filter((p) => p !== '');
    if (user.username !== apiserverKubeletClientUser && !user.groups.some((g) => admittedGroups.includes(g))) {
      this.refused++;
      const verb = req.method === 'GET' ? 'get' : 'create';
      w.send({ status: 403, headers: plain, body: `Forbidden (user=${user.username}, verb=${verb}, resource=nodes, subresource=proxy)` });
      return none;
    }
    this.served++;
    if (parts[0] === 'containerLogs' && parts.length === 4 && req.method === 'GET') return this.containerLogs(parts[1], parts[2], parts[3], url.query, w);
    if (parts[0] === 'exec' && parts.length === 4 && (req.method === 'POST' || req.method === 'GET')) return this.exec(parts[1], parts[2], parts[3], url.query, req.body, w);
    w.send({ status: 404, headers: plain, body: '404 page not found\n' });
    return none;
  }

  /** The core, brought up to now; null before the node has registered. */
  private core(): KubeletCore | null {
    const core = this.k.host.kubelet;
    core?.advance(this.k.c.env.now());
    return core;
  }

  // Models pkg/kubelet/server/server.go getContainerLogs and kubelet_pods.go GetKubeletContainerLogs.
  private containerLogs(ns: string, name: string, container: string, q: Map<string, string[]>, w: FrameWriter): Cancel {
    const none: Cancel = () => {};
    const pod = this.k.pods.store.get(ns, name);
    if (!pod) {
      w.send({ status: 404, headers: plain, body: `pod "${name}" does not exist\n` });
      return none;
    }
    if (!containerSpec(pod, container)) {
      w.send({ status: 404, headers: plain, body: `container "${container}" not found in pod "${name}"\n` });
      return none;
    }
    const opts = logOptionsOf(q);
    const core = this.core();
    const status = (core && pod.metadata.uid ? core.podStatuses().get(pod.metadata.uid) : undefined) ?? pod.status ?? {};
    const found = core ? validateContainerLogStatus(name, status, container, opts.previous ?? false) : { error: `pod "${name}" cannot be found - no logs available` };
    if ('error' in found) {
      w.send({ status: 400, headers: plain, body: found.error });
      return none;
    }
    const id = found.id.replace(/^[a-z]+:\/\//, '');
    const epochMs = this.k.config.epochMs;
    const now = this.k.c.env.now();
    let text = readLogs(core!.runtime.containerLogs(id), opts, epochMs, now);
    w.head(200, { ...plain, 'transfer-encoding': 'chunked' });
    if (text) w.chunk(text);
    const follow = queryBool(q, 'follow') && !opts.previous && core!.runtime.process(id) !== null;
    let budget = opts.limitBytes !== undefined && opts.limitBytes > 0 ? opts.limitBytes - byteLength(text) : Infinity;
    if (!follow || budget <= 0) {
      w.end();
      return none;
    }
    // Models pkg/kubelet/kuberuntime/logs/logs.go ReadLogs with Follow: every new line until the container stops.
    const stopLog = core!.runtime.onLog((cid, e: LogEntry) => {
      if (cid !== id) return;
      text = `${opts.timestamps ? `${rfc3339Nano(epochMs + e.atMs)} ` : ''}${e.line}\n`;
      if (byteLength(text) > budget) text = truncateBytes(text, budget);
      budget -= byteLength(text);
      w.chunk(text);
      if (budget <= 0) stop();
    });
    const stopEvents = core!.runtime.onEvent((e) => {
      if (e.id === id && (e.type === 'ContainerDied' || e.type === 'ContainerRemoved')) stop();
    });
    const stop = () => {
      stopLog();
      stopEvents();
      w.end();
    };
    return stop;
  }

  // Models pkg/kubelet/server/server.go getExec, kubelet_pods.go GetExec and the CRI streaming server's exec.
  private exec(ns: string, name: string, container: string, q: Map<string, string[]>, body: string | undefined, w: FrameWriter): Cancel {
    const none: Cancel = () => {};
    // Models pkg/kubelet/cri/streaming/remotecommand/httpstream.go NewOptions (api.ExecStdinParam is `input`, …).
    const stdin = queryParam(q, 'input') === '1';
    const tty = queryParam(q, 'tty') === '1';
    const stdout = queryParam(q, 'output') === '1';
    // A TTY carries stderr on stdout (NewOptions bypasses stderr).
    const stderr = queryParam(q, 'error') === '1' && !tty;
    if (!stdin && !stdout && !stderr) {
      w.send({ status: 400, headers: plain, body: 'you must specify at least 1 of stdin, stdout, stderr' });
      return none;
    }
    const pod = this.k.pods.store.get(ns, name);
    if (!pod) {
      w.send({ status: 404, headers: plain, body: 'pod does not exist' });
      return none;
    }
    const core = this.core();
    const running = core?.runtime
      .listContainers(pod.metadata.uid)
      .filter((c) => c.metadata.name === container && c.state === 'CONTAINER_RUNNING')
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    const proc = running ? core!.runtime.process(running.id) : null;
    if (!core || !running || !proc) {
      w.send({ status: 500, headers: plain, body: `container not found ("${container}")` });
      return none;
    }
    const cmd = q.get('command') ?? [];
    w.head(101, { connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': streamProtocol });
    const frame = (f: ExecFrame) => w.chunk(encodeFrame(f));
    const sys = this.execSystem(core, pod, { name: container, id: running.id, image: running.image }, tty);
    this.execs++;
    const session = proc.exec(
      cmd,
      {
        stdout: (line) => stdout && frame({ ch: 1, data: `${line}\n` }),
        stderr: (line) => (stderr ? frame({ ch: 2, data: `${line}\n` }) : tty && stdout && frame({ ch: 1, data: `${line}\n` })),
        stdin: stdin ? splitInput(body ?? '') : undefined,
        extra: extraExecutables(sys),
      },
      (code) => {
        frame({ ch: 3, status: exitStatus(cmd, code) });
        w.end();
      },
    );
    if (!session) {
      // containerd's Exec fails to start the task: an InternalError on the error channel.
      const execId = generateID(this.k.c.env.rng);
      frame({ ch: 3, status: execErrorStatus(`failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0] ?? ''}": executable file not found in $PATH: unknown`) });
      w.end();
      return none;
    }
    this.k.host.flush();
    return () => {
      session.kill();
      w.end();
      this.k.host.flush();
    };
  }

  /** What the node's programs get for one exec: the network (datagrams from this node) and the container's PID 1. */
  private execSystem(core: KubeletCore, pod: Pod, container: { name: string; id: string; image: string }, tty: boolean): ExecSystem {
    const env = this.k.c.env;
    const replies = this.replies;
    const receive = (isReply: (m: unknown) => boolean, timeoutMs: number, first?: () => void): Co<unknown | null> =>
      suspend<unknown | null>((resume) => {
        const pending: PendingReply = {
          isReply,
          resume: (m) => {
            cancelTimer();
            resume(m);
          },
        };
        const drop = () => {
          const i = replies.indexOf(pending);
          if (i >= 0) replies.splice(i, 1);
        };
        const cancelTimer = core.sched.after(timeoutMs, () => {
          drop();
          resume(null);
        });
        replies.push(pending);
        first?.();
        return () => {
          drop();
          cancelTimer();
        };
      });
    return {
      nodeName: this.k.nodeName,
      pod: { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '', ip: pod.status?.podIP ?? '' },
      container: container.name,
      image: container.image,
      tty,
      nextId: () => `${this.k.nodeName}/exec-${++this.exchanges}`,
      send: (to, msg) => env.send(to, msg),
      request: (to, msg, isReply, timeoutMs) => receive(isReply, timeoutMs, () => env.send(to, msg)),
      receive: (isReply, timeoutMs) => receive(isReply, timeoutMs),
      signalInit: (sig: Signal | 'other') => {
        if (sig === 'other') return;
        core.sched.after(0, () => core.runtime.signal(container.id, sig));
      },
    };
  }

  // A datagram a node program waits for: it runs at the instant it arrives, on the node's clock.
  private onReply(msg: unknown): boolean {
    const i = this.replies.findIndex((p) => p.isReply(msg));
    if (i < 0) return false;
    const [p] = this.replies.splice(i, 1);
    this.core();
    p.resume(msg);
    this.k.host.flush();
    return true;
  }
}

/** Writes one response's frames on the client's stream. */
class FrameWriter {
  done = false;
  private streaming = false;

  constructor(
    private readonly write: (f: ServerFrame) => void,
    private readonly id: number,
    private readonly onDone: () => void,
  ) {}

  send(res: HttpResponse): void {
    if (this.done) return;
    this.write({ t: 'res', id: this.id, res });
    this.finish();
  }

  head(status: number, headers: Record<string, string>): void {
    this.streaming = true;
    this.write({ t: 'res', id: this.id, res: { status, headers, body: '' }, stream: true });
  }

  chunk(data: string): void {
    if (!this.done) this.write({ t: 'chunk', id: this.id, data });
  }

  end(): void {
    if (this.done) return;
    if (this.streaming) this.write({ t: 'end', id: this.id });
    this.finish();
  }

  private finish(): void {
    this.done = true;
    this.onDone();
  }
}

/** A container of the pod's spec by name: containers, then init containers (kubecontainer.GetContainerSpec). */
function containerSpec(pod: Pod, name: string): Container | undefined {
  const s = pod.spec;
  return s?.containers?.find((c) => c.name === name) ?? s?.initContainers?.find((c) => c.name === name);
}

/** PodLogOptions from the query the apiserver sent. */
function logOptionsOf(q: Map<string, string[]>): LogOptions {
  const num = (k: string) => {
    const v = queryParam(q, k);
    return v === undefined || v === '' ? undefined : Number(v);
  };
  return {
    previous: queryBool(q, 'previous'),
    timestamps: queryBool(q, 'timestamps'),
    tailLines: num('tailLines'),
    sinceSeconds: num('sinceSeconds'),
    sinceTime: queryParam(q, 'sinceTime'),
    limitBytes: num('limitBytes'),
  };
}

/** stdin as the lines a process reads. */
function splitInput(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

function truncateBytes(s: string, n: number): string {
  return new TextDecoder().decode(new TextEncoder().encode(s).slice(0, Math.max(0, n)));
}

// RFC 3339 with nanoseconds, trailing zeros trimmed (Go's time.RFC3339Nano), as the CRI log lines carry.
function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}
