// The node's end of a connection to one of its pods: kube-proxy on the client's node (its NAT
// picked a pod IP:port) sends the connection's SYN to the node that owns the pod IP, and here the
// node answers as its network stack would: no sandbox holds the address → host unreachable; the
// sandbox is there but no running container listens on the port → RST (connection refused); a
// listener → SYN-ACK, then the request runs for its duration and the server answers and closes
// (FIN), an HTTP listener answering GET / as it does for probes (so its access log shows the
// request), or the request the client names (a container's curl or wget: its method, path and
// user agent, answered with the response itself). A container listens on what its program opens, not on what containerPorts declares:
// as in Kubernetes, containerPorts is informational. A dead node answers nothing: the client times out.

import type { Input, ProcessId } from '../sim/env';
import type { Kubelet } from './server';

/** A connection's first packet, from a kube-proxy to the node owning the destination. */
export interface ServeSyn {
  t: 'serve.syn';
  /** The caller's id of the connection, echoed in every answer. */
  id: string;
  ip: string;
  port: number;
  proto: string;
  srcIP: string;
  /** How long the server takes before it answers and closes (simulated ms). */
  durationMs: number;
  /** The HTTP request the client sends once connected; without it, GET / as the traffic client's. */
  http?: HttpExchange;
}

/** An HTTP request a client in a pod sends on the connection. */
export interface HttpExchange {
  method: string;
  path: string;
  userAgent: string;
  /** The Host header, when the client names one other than the address it connected to. */
  host?: string;
}

/** What came back on a connection that carried `http`: the response, or what the server did instead. */
export type HttpAnswer =
  | {
      status: number;
      headers?: Record<string, string>;
      body: string;
      /** The endpoint `ip:port` a proxy in the pod (the ingress controller) passed the request to; not on the wire, for counting. */
      upstream?: string;
    }
  | { noHttp: true };

/** An HTTP request to a pod port whose listener hands it to a process (Listener.proxy), from the pod's node to that process. */
export interface ProxyHttp {
  t: 'proxy.http';
  id: string;
  /** The pod address and port the connection reached. */
  podIP: string;
  port: number;
  srcIP: string;
  http: HttpExchange;
  /** How long the server behind takes (the client's durationMs). */
  durationMs: number;
}

/** The process's answer, back to the node, which writes it on the connection. */
export interface ProxyHttpAnswer {
  t: 'proxy.answer';
  id: string;
  response: { status: number; headers?: Record<string, string>; body: string; upstream?: string };
}

/** Whether a datagram is a proxied request's answer. */
export function isProxyHttpAnswer(msg: unknown): msg is ProxyHttpAnswer {
  const m = msg as ProxyHttpAnswer;
  return !!m && typeof m === 'object' && m.t === 'proxy.answer' && typeof m.id === 'string';
}

/** How long the node waits for the proxying process before it resets the connection (nginx's proxy_read_timeout, 60 s). */
const proxyAnswerTimeoutMs = 60_000;

/** The node's answers. */
export type ServeReply =
  | { t: 'serve.synack'; id: string }
  | { t: 'serve.fin'; id: string; status?: number; response?: HttpAnswer }
  | { t: 'serve.rst'; id: string; reason: 'connection refused' | 'connection reset by peer' | 'no route to host' };

/** Whether a datagram is a connection's SYN. */
export function isServeSyn(msg: unknown): msg is ServeSyn {
  const m = msg as ServeSyn;
  return !!m && typeof m === 'object' && m.t === 'serve.syn' && typeof m.id === 'string';
}

/** The user agent of the simulated client's requests. */
const userAgent = 'curl/8.5.0';

/** Answers connections to this node's pods. */
export class PodServer {
  /** Connections served, refused and unreachable, for telemetry. */
  served = 0;
  refused = 0;
  unreachable = 0;

  /** Requests handed to a proxying process, by id: what to do with its answer. */
  private readonly proxied = new Map<string, (a: ProxyHttpAnswer | null) => void>();
  private nextProxied = 1;

  constructor(private readonly k: Kubelet) {}

  /** Handles a SYN (or a proxying process's answer); false when the input is neither. */
  receive(input: Input): boolean {
    if (input.type !== 'message') return false;
    if (isProxyHttpAnswer(input.msg)) {
      const done = this.proxied.get(input.msg.id);
      this.proxied.delete(input.msg.id);
      done?.(input.msg);
      return true;
    }
    if (!isServeSyn(input.msg)) return false;
    this.syn(input.from, input.msg);
    return true;
  }

  telemetry(): Record<string, number> {
    return { served: this.served, refused: this.refused, unreachable: this.unreachable };
  }

  private syn(from: ProcessId, m: ServeSyn): void {
    const env = this.k.c.env;
    const core = this.k.host.kubelet;
    const reply = (r: ServeReply) => env.send(from, r);
    const owned = core?.runtime.listPodSandbox().some((s) => s.ip === m.ip && s.state === 'SANDBOX_READY') ?? false;
    if (!core || !owned) {
      this.unreachable++;
      return reply({ t: 'serve.rst', id: m.id, reason: 'no route to host' });
    }
    core.advance(env.now());
    if (!core.runtime.tcpConnect(m.ip, m.port)) {
      this.refused++;
      return reply({ t: 'serve.rst', id: m.id, reason: 'connection refused' });
    }
    reply({ t: 'serve.synack', id: m.id });
    const proxy = m.proto === 'tcp' ? core.runtime.proxyAt(m.ip, m.port) : undefined;
    if (proxy) return this.handOff(proxy, m, reply);
    this.k.c.callbacks.after(Math.max(0, m.durationMs), () => {
      const c = this.k.host.kubelet;
      if (!c) return;
      c.advance(env.now());
      // The server went away mid-request (its container stopped): the peer sees a reset.
      if (!c.runtime.tcpConnect(m.ip, m.port)) {
        this.refused++;
        return reply({ t: 'serve.rst', id: m.id, reason: 'connection reset by peer' });
      }
      const h = m.http;
      const answer = m.proto !== 'tcp' ? 'no-http' : h ? c.runtime.httpGet(m.ip, m.port, h.path, h.userAgent, m.srcIP, h.method) : c.runtime.httpGet(m.ip, m.port, '/', userAgent);
      this.served++;
      // A refused answer here cannot be: the port was checked just above.
      const response: HttpAnswer | undefined = !h ? undefined : typeof answer === 'object' ? { status: answer.status, body: answer.body, ...(answer.headers ? { headers: answer.headers } : {}) } : { noHttp: true };
      reply({ t: 'serve.fin', id: m.id, ...(typeof answer === 'object' ? { status: answer.status } : {}), ...(response ? { response } : {}) });
    });
  }

  // The listener's process answers in the pod's place (the ingress controller proxies to a backend).
  private handOff(proxy: string, m: ServeSyn, reply: (r: ServeReply) => void): void {
    const env = this.k.c.env;
    const id = `${env.id}#p${this.nextProxied++}`;
    const http: HttpExchange = m.http ?? { method: 'GET', path: '/', userAgent };
    const cancel = this.k.c.callbacks.after(proxyAnswerTimeoutMs + m.durationMs, () => {
      const done = this.proxied.get(id);
      this.proxied.delete(id);
      done?.(null);
    });
    this.proxied.set(id, (a) => {
      cancel();
      if (!a) return reply({ t: 'serve.rst', id: m.id, reason: 'connection reset by peer' });
      this.served++;
      reply({ t: 'serve.fin', id: m.id, status: a.response.status, ...(m.http ? { response: a.response } : {}) });
    });
    const req: ProxyHttp = { t: 'proxy.http', id, podIP: m.ip, port: m.port, srcIP: m.srcIP, http, durationMs: m.durationMs };
    env.send(proxy, req);
  }
}
