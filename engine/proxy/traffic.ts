// The traffic client: a host-side process, like kubectl's, that plays a client on a node or in a
// pod sending requests to a Service. `traffic.send({ from, to, requests })` arrives as a command;
// the client finds where `from` is (GET the Node for its InternalIP, or the Pod for its node and
// IP), resolves `to`'s name through cluster DNS (a DnsQuery datagram to the coredns process, with
// the pod resolv.conf's search path and ndots:5 for a pod, the name as given for a node, retried
// as a stub resolver does), then opens connections at the asked rate: each goes to the source
// node's kube-proxy — the node's network stack and its IPVS or iptables or userspace proxy — which
// picks a real server by its mode's rule and reports how the connection ended. Results are counted
// per endpoint `ip:port`. Every step is a message or a timer, so a recording replays it.

import type { Node, Pod, Service } from '../api/types';
import { ApiConnection } from '../client/connection';
import { RestKubeClient, res } from '../client/clientset';
import { Callbacks } from '../sim/callbacks';
import { Cancelled, Coroutine, suspend, type Co } from '../sim/co';
import type { Env, Input, Process, ProcessId, ProcessKind } from '../sim/env';
import { clusterDomain, corednsProcessId, dnsQuery, isDnsAnswer, type DnsAnswer } from '../dns/protocol';
import type { HttpAnswer, HttpExchange } from '../kubelet/serve';
import { ingressNginxNamespace, ingressNginxService } from '../ingress/addon';

/** What traffic.send asks for (DESIGN.md's headless contract, extended). */
export interface TrafficRequest {
  /** A node name (`node-1`) or a pod (`default/web-abc`). */
  from: string;
  /**
   * `host:port`: a name (resolved by cluster DNS) or an IPv4 address; the port defaults to 80. Or a
   * URL, `http://foo.example.com/path`: each connection then carries `GET /path` with that Host
   * header (curl's), and the result counts HTTP statuses.
   */
  to: string;
  /**
   * Where a URL's connections go instead of its host's address (curl's --connect-to): `ip:port` or
   * `node:port`; a node name or an IP alone means that address at the ingress-nginx controller
   * Service's NodePort for the URL's scheme (`curl -H 'Host: foo.example.com' http://<node IP>:<nodePort>/path`).
   */
  via?: string;
  /** How many connections. */
  requests: number;
  /** Connections opened per simulated second (default 100). */
  ratePerSecond?: number;
  /** How long the server takes per request, in simulated ms (default 50): what makes lc and wlc see active connections. */
  durationMs?: number;
  /** The client's connect timeout in simulated ms (default 1000). */
  timeoutMs?: number;
  /** tcp (default) or udp. */
  protocol?: 'tcp' | 'udp';
}

/** What traffic.send answers. */
export interface TrafficResult {
  ok: number;
  failed: number;
  /** Completed connections per real server `ip:port` (behind an ingress controller: the endpoint it proxied to). */
  byEndpoint: Record<string, number>;
  /** HTTP requests (a URL `to`): answers per status code. */
  byStatus?: Record<string, number>;
  /** Failed connections per reason (`connection refused`, `connection timed out`, …). */
  errors: Record<string, number>;
  /** The address `to` resolved to. */
  resolved?: string;
  /** Why nothing was sent (the source or the name could not be found). */
  error?: string;
}

/** A connection to open, from the client to the source node's kube-proxy. */
export interface TrafficConn {
  t: 'traffic.conn';
  id: string;
  srcIP: string;
  /** The client is a pod (its packets enter at PREROUTING) rather than the node itself (OUTPUT). */
  fromPod: boolean;
  dstIP: string;
  dstPort: number;
  proto: 'tcp' | 'udp';
  durationMs: number;
  timeoutMs: number;
  /** The HTTP request to send once connected (a container's curl or wget); the answer comes back in `response`. */
  http?: HttpExchange;
}

/** How a connection ended, from kube-proxy back to the client. */
export interface TrafficDone {
  t: 'traffic.done';
  id: string;
  ok: boolean;
  /** The real server it reached (or tried last). */
  endpoint?: string;
  error?: string;
  /** The server's answer to the connection's `http` request. */
  response?: HttpAnswer;
}

/** Whether a datagram is a connection to open. */
export function isTrafficConn(m: unknown): m is TrafficConn {
  return !!m && typeof m === 'object' && (m as TrafficConn).t === 'traffic.conn';
}

/** Whether a datagram is a connection's outcome. */
export function isTrafficDone(m: unknown): m is TrafficDone {
  return !!m && typeof m === 'object' && (m as TrafficDone).t === 'traffic.done';
}

/** Plain config of the traffic client. */
export interface TrafficConfig {
  /** The bearer token it looks nodes and pods up with (the admin's, as kubectl's). */
  token: string;
  epochMs: number;
  server: string;
  /** The stub resolver's timeout per attempt (resolv.conf `timeout:`, 5 s; the fast profile divides it). */
  dnsTimeoutMs: number;
}

/** The traffic client's commands. */
export type TrafficCommand = { op: 'send'; id: number; req: TrafficRequest };

/** Where results go, outside the simulation. */
export interface TrafficListener {
  onDone(result: TrafficResult): void;
}

/** What the host tells the client of the control plane. */
export interface TrafficHostView {
  apiservers(): ProcessId[];
  reachable(id: ProcessId): boolean;
}

/** The traffic process kind. */
export const trafficKind: ProcessKind<TrafficConfig> = {
  name: 'traffic',
  create: (env, config) => new TrafficProcess(env, config),
  describe: (msg) => (isTrafficConn(msg) ? `SYN ${msg.dstIP}:${msg.dstPort}` : (msg as { op?: string })?.op === 'dnsQuery' ? 'DNS query' : null),
};

/** glibc's resolv.conf default: two attempts per name. */
const dnsAttempts = 2;

/** The traffic client, living on the network as process `env.id`. */
export class TrafficProcess implements Process {
  private readonly conn: ApiConnection;
  private readonly client: RestKubeClient;
  private readonly callbacks: Callbacks;
  private readonly listeners = new Map<number, TrafficListener>();
  private readonly waiting = new Map<string, (m: TrafficDone | DnsAnswer) => void>();
  private view: TrafficHostView = { apiservers: () => [], reachable: () => false };
  /** Connections opened, for telemetry. */
  opened = 0;

  constructor(
    private readonly env: Env,
    private readonly config: TrafficConfig,
  ) {
    this.conn = new ApiConnection(env, { pick: (failed) => this.view.apiservers().find((a) => !failed.has(a) && this.view.reachable(a)) ?? null }, config.token, config.server);
    this.client = new RestKubeClient(this.conn, 'traffic/v1.32.4 (linux/amd64) kubeplay');
    this.callbacks = new Callbacks(env);
  }

  attach(view: TrafficHostView): this {
    this.view = view;
    return this;
  }

  listen(id: number, l: TrafficListener): void {
    this.listeners.set(id, l);
  }

  receive(input: Input): void {
    if (this.conn.receive(input)) return;
    if (input.type === 'timer' && this.callbacks.fire(input.tag)) return;
    if (input.type === 'message') {
      const m = input.msg;
      const key = isTrafficDone(m) ? m.id : isDnsAnswer(m) ? String(m.id) : null;
      if (key === null) return;
      const w = this.waiting.get(key);
      this.waiting.delete(key);
      w?.(m as TrafficDone | DnsAnswer);
      return;
    }
    if (input.type === 'command') {
      const c = input.command as TrafficCommand;
      if (c.op !== 'send') return;
      const l = this.listeners.get(c.id);
      this.listeners.delete(c.id);
      new Coroutine(this.send(c.id, c.req), (o) => l?.onDone(o.ok ? o.value : { ok: 0, failed: c.req.requests, byEndpoint: {}, errors: {}, error: o.error instanceof Error ? o.error.message : String(o.error) })).start();
    }
  }

  telemetry(): Record<string, unknown> {
    return { opened: this.opened, waiting: this.waiting.size };
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.conn.outstanding();
  }

  private *send(id: number, req: TrafficRequest): Co<TrafficResult> {
    const result: TrafficResult = { ok: 0, failed: 0, byEndpoint: {}, errors: {} };
    const fail = (error: string): TrafficResult => ({ ...result, failed: req.requests, error });
    // Where the client is.
    let node = req.from;
    let srcIP = '';
    let namespace = '';
    const fromPod = req.from.includes('/');
    try {
      if (fromPod) {
        const [ns, name] = req.from.split('/');
        const pod = yield* this.client.get<Pod>(res('', 'pods'), ns, name);
        if (!pod.spec?.nodeName || !pod.status?.podIP) return fail(`pod ${req.from} has no IP yet (phase ${pod.status?.phase ?? 'Pending'})`);
        node = pod.spec.nodeName;
        srcIP = pod.status.podIP;
        namespace = ns;
      } else {
        const n = yield* this.client.get<Node>(res('', 'nodes'), '', req.from);
        srcIP = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
      }
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      return fail(e instanceof Error ? e.message : String(e));
    }
    // Where it goes.
    const url = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^#]*)/.exec(req.to);
    const m = url ? null : /^(.*?)(?::(\d+))?$/.exec(req.to)!;
    const host = url ? url[2] : m![1];
    let port = url ? (url[3] ? Number(url[3]) : url[1] === 'https' ? 443 : 80) : m![2] ? Number(m![2]) : 80;
    let http: HttpExchange | undefined;
    if (url) {
      const path = url[4] === '' ? '/' : url[4].startsWith('/') ? url[4] : `/${url[4]}`;
      http = { method: 'GET', path, userAgent: 'curl/8.5.0', host: url[3] ? `${host}:${url[3]}` : host };
      result.byStatus = {};
    }
    let dstIP = host;
    const isIP = (h: string) => /^\d+\.\d+\.\d+\.\d+$/.test(h);
    // The node whose network stack takes the connection first: the source's, or the one `via` names.
    let entry = node;
    if (url && req.via) {
      const v = /^(.*?)(?::(\d+))?$/.exec(req.via)!;
      try {
        dstIP = v[1];
        const nodes = (yield* this.client.list<Node>(res('', 'nodes'), '')).items;
        const ipOf = (n: Node) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
        const target = isIP(v[1]) ? nodes.find((n) => ipOf(n) === v[1]) : nodes.find((n) => n.metadata.name === v[1]);
        if (!isIP(v[1])) {
          if (!target) return fail(`nodes "${v[1]}" not found`);
          dstIP = ipOf(target);
          if (!dstIP) return fail(`node ${v[1]} has no InternalIP`);
        }
        // Another node's address: the packet is routed there and meets that node's NodePort rules (PREROUTING).
        if (target) entry = target.metadata.name!;
        if (v[2]) port = Number(v[2]);
        else {
          const svc = yield* this.client.get<Service>(res('', 'services'), ingressNginxNamespace, ingressNginxService);
          const np = svc.spec?.ports?.find((p) => p.name === url[1])?.nodePort;
          if (!np) return fail(`service ${ingressNginxNamespace}/${ingressNginxService} has no ${url[1]} NodePort`);
          port = np;
        }
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        return fail(e instanceof Error ? e.message : String(e));
      }
    } else if (!isIP(host)) {
      const ip = yield* this.resolve(id, host, fromPod ? namespace : null, srcIP);
      if (!ip) return fail(`Could not resolve host: ${host}`);
      dstIP = ip;
    }
    result.resolved = `${dstIP}:${port}`;
    // Open the connections at the rate asked, each through the source node's kube-proxy.
    const gapMs = 1000 / Math.max(0.001, req.ratePerSecond ?? 100);
    const durationMs = req.durationMs ?? 50;
    const timeoutMs = req.timeoutMs ?? 1000;
    const proxy = `kube-proxy-${entry}`;
    const entersAtPrerouting = fromPod || entry !== node;
    let pending = req.requests;
    yield* suspend<void>((resume) => {
      if (pending === 0) return resume(undefined);
      const record = (d: TrafficDone) => {
        if (d.ok) {
          result.ok++;
          const r = d.response && !('noHttp' in d.response) ? d.response : undefined;
          const ep = r?.upstream ?? d.endpoint;
          if (ep) result.byEndpoint[ep] = (result.byEndpoint[ep] ?? 0) + 1;
          if (result.byStatus && r) result.byStatus[r.status] = (result.byStatus[r.status] ?? 0) + 1;
        } else {
          result.failed++;
          const why = d.error ?? 'failed';
          result.errors[why] = (result.errors[why] ?? 0) + 1;
        }
        if (--pending === 0) resume(undefined);
      };
      for (let i = 0; i < req.requests; i++) {
        this.callbacks.after(Math.round(i * gapMs * 1000) / 1000, () => {
          const cid = `${id}.${i}`;
          const msg: TrafficConn = { t: 'traffic.conn', id: cid, srcIP, fromPod: entersAtPrerouting, dstIP, dstPort: port, proto: req.protocol ?? 'tcp', durationMs, timeoutMs, ...(http ? { http } : {}) };
          this.opened++;
          // The proxy answers even when the connection times out; only a dead node (no kube-proxy) says nothing.
          const guard = this.callbacks.after(Math.max(timeoutMs, 4000) * 2 + durationMs + 1000, () => {
            if (!this.waiting.delete(cid)) return;
            record({ t: 'traffic.done', id: cid, ok: false, error: 'connection timed out' });
          });
          this.waiting.set(cid, (d) => {
            guard();
            record(d as TrafficDone);
          });
          this.env.send(proxy, msg);
        });
      }
    });
    return result;
  }

  // A stub resolver: the search list first when the name has fewer than five dots (ndots:5), each name tried twice.
  private *resolve(id: number, host: string, namespace: string | null, srcIP: string): Co<string | null> {
    const absolute = host.endsWith('.');
    const names: string[] = [];
    if (namespace !== null && !absolute && host.split('.').length - 1 < 5) for (const s of [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain]) names.push(`${host}.${s}.`);
    names.push(absolute ? host : `${host}.`);
    let n = 0;
    for (const name of names) {
      for (let attempt = 0; attempt < dnsAttempts; attempt++) {
        const qid = `dns.${id}.${n++}`;
        const answer = yield* suspend<DnsAnswer | null>((resume) => {
          const cancel = this.callbacks.after(this.config.dnsTimeoutMs, () => {
            this.waiting.delete(qid);
            resume(null);
          });
          this.waiting.set(qid, (a) => {
            cancel();
            resume(a as DnsAnswer);
          });
          this.env.send(corednsProcessId, dnsQuery(qid, name, 'A', namespace !== null ? srcIP : undefined));
        });
        if (!answer) continue;
        if (answer.rcode === 'NOERROR') {
          const a = answer.answers.find((r) => r.type === 'A');
          if (a) return a.data;
        }
        break;
      }
    }
    return null;
  }
}
