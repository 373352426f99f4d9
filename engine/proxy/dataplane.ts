// A node's network stack for new connections, as the running proxy mode has programmed it: a
// connection from the node (OUTPUT) or one of its pods (PREROUTING) to a Service address goes
// through IPVS (a hash lookup of the virtual service, then its scheduler), or through the nat
// table's chains (KUBE-SERVICES scanned rule by rule, then the KUBE-SVC- statistic rules), or is
// redirected to kube-proxy's own socket, which picks an endpoint and dials it itself (userspace:
// the extra hop, its copies, and its retry of another endpoint when a dial fails). The SYN then
// goes to the node that owns the pod IP (by the Nodes' podCIDRs, the routes the CNI would have
// written) and the connection ends as that node answers: SYN-ACK then FIN, a reset, or nothing
// (a timeout). The cost of each packet's path is counted per mode.

import type { Callbacks } from '../sim/callbacks';
import type { Cancel } from '../sim/co';
import type { Env, ProcessId } from '../sim/env';
import type { Rng } from '../sim/rng';
import type { HttpAnswer, ServeReply, ServeSyn } from '../kubelet/serve';
import type { ProxyMode } from './config';
import { walk, type RecentLists } from './iptables/datapath';
import type { Table } from './iptables/rules';
import type { IpvsTable } from './ipvs/ipvs';
import { endpointDialTimeoutsMs, type UserspaceProxier } from './userspace/proxier';
import type { TrafficConn, TrafficDone } from './traffic';

/** What the data plane reads of its kube-proxy. */
export interface DataplaneHost {
  readonly env: Env;
  readonly callbacks: Callbacks;
  readonly rng: Rng;
  mode(): ProxyMode;
  readonly ipvs: IpvsTable;
  /** The nat and filter tables now in the kernel (iptables or userspace mode), or null. */
  tables(): { nat: Table; filter?: Table } | null;
  readonly userspace: UserspaceProxier;
  /** The node's own addresses (InternalIP, the pod bridge, and kube-ipvs0's service addresses in ipvs mode). */
  localIPs(): ReadonlySet<string>;
  /** The process (a node's kubelet) that owns an address, or null when no route leads to it. */
  routeTo(ip: string): ProcessId | null;
  readonly nodeIP: string;
}

/** Per-mode cost counters of the data plane. */
export interface DataplaneCounters {
  connections: number;
  ok: number;
  failed: number;
  /** IPVS virtual-service hash lookups (one per new connection). */
  ipvsLookups: number;
  /** iptables rules looked at, over every new connection (nat and filter). */
  iptablesRulesEvaluated: number;
  /** Bytes-copying passes through user space (userspace mode: in and out, both directions). */
  userspaceCopies: number;
  /** Extra connections kube-proxy opened itself (userspace mode). */
  userspaceDials: number;
}

/** Userspace mode's copy through kube-proxy, each way (simulated ms). */
const userspaceCopyMs = 0.1;

interface Flow {
  conn: TrafficConn;
  client: ProcessId;
  /** The real server being tried. */
  endpoint: string;
  serveId: string;
  ipvsConn: number | null;
  timer: Cancel | null;
  established: boolean;
  /** Userspace mode: the Service port and which dial this is. */
  userspace?: { key: string; attempt: number };
}

/** The node's connection handling, for one kube-proxy. */
export class Dataplane {
  readonly counters: DataplaneCounters = { connections: 0, ok: 0, failed: 0, ipvsLookups: 0, iptablesRulesEvaluated: 0, userspaceCopies: 0, userspaceDials: 0 };
  /** xt_recent's lists (ClientIP affinity in iptables mode). */
  readonly recent: RecentLists = new Map();
  private readonly flows = new Map<string, Flow>();
  private next = 1;

  constructor(private readonly h: DataplaneHost) {}

  /** Connections in flight. */
  get inFlight(): number {
    return this.flows.size;
  }

  /** A client opens a connection. */
  open(client: ProcessId, conn: TrafficConn): void {
    this.counters.connections++;
    const h = this.h;
    const now = h.env.now();
    const pkt = { srcIP: conn.srcIP, dstIP: conn.dstIP, dstPort: conn.dstPort, proto: conn.proto };
    const flow: Flow = { conn, client, endpoint: `${conn.dstIP}:${conn.dstPort}`, serveId: '', ipvsConn: null, timer: null, established: false };
    const mode = h.mode();
    if (mode === 'ipvs') {
      this.counters.ipvsLookups++;
      const vs = h.ipvs.lookup(conn.proto.toUpperCase() as 'TCP', conn.dstIP, conn.dstPort);
      if (vs) {
        const picked = h.ipvs.connect(vs, { srcIP: conn.srcIP, srcPort: 32768 + (this.next % 28000), dstIP: conn.dstIP }, now);
        // No real server: IPVS lets the packet through to the local address, where nothing listens.
        if (!picked) return this.finish(flow, false, 'connection refused');
        flow.ipvsConn = picked.conn;
        flow.endpoint = `${picked.dest.ip}:${picked.dest.port}`;
      } else if (h.localIPs().has(conn.dstIP)) {
        // A bound service address on a port no virtual service has: KUBE-IPVS-FILTER rejects it.
        return this.finish(flow, false, 'connection refused');
      }
      return this.dial(flow);
    }
    const tables = h.tables();
    if (tables) {
      const ctx = { rng: h.rng, now, recent: this.recent, localIPs: h.localIPs() };
      const w = walk(tables.nat, conn.fromPod ? 'PREROUTING' : 'OUTPUT', pkt, ctx);
      this.counters.iptablesRulesEvaluated += w.rulesEvaluated;
      const v = w.verdict;
      if (v.kind === 'dnat') {
        const [ip, port] = v.to.split(':');
        // Userspace mode's host portal DNATs to kube-proxy's own socket on the node.
        if (mode === 'userspace' && ip === h.nodeIP) return this.userspaceAccept(flow, Number(port));
        flow.endpoint = `${ip}:${port}`;
        return this.dial(flow);
      }
      if (v.kind === 'redirect') return this.userspaceAccept(flow, v.port);
      if (v.kind === 'drop') return this.timeoutLater(flow);
      if (v.kind === 'reject') return this.finish(flow, false, 'connection refused');
      if (tables.filter) {
        const f = walk(tables.filter, conn.fromPod ? 'FORWARD' : 'OUTPUT', pkt, ctx);
        this.counters.iptablesRulesEvaluated += f.rulesEvaluated;
        if (f.verdict.kind === 'reject') return this.finish(flow, false, 'connection refused');
        if (f.verdict.kind === 'drop') return this.timeoutLater(flow);
      }
    }
    this.dial(flow);
  }

  /** A node's answer to one of our SYNs. */
  reply(r: ServeReply): void {
    const flow = this.flows.get(r.id);
    if (!flow) return;
    const now = this.h.env.now();
    if (r.t === 'serve.synack') {
      flow.established = true;
      flow.timer?.();
      if (flow.ipvsConn !== null) this.h.ipvs.established(flow.ipvsConn);
      // A server that never answers (its node died mid-request): the client's read gives up.
      flow.timer = this.h.callbacks.after(flow.conn.durationMs + Math.max(flow.conn.timeoutMs, 1000) * 2, () => {
        if (!this.flows.delete(flow.serveId)) return;
        if (flow.ipvsConn !== null) this.h.ipvs.closed(flow.ipvsConn, 'rst', this.h.env.now());
        this.finish(flow, false, 'connection timed out');
      });
      return;
    }
    this.flows.delete(r.id);
    flow.timer?.();
    if (flow.ipvsConn !== null) this.h.ipvs.closed(flow.ipvsConn, r.t === 'serve.fin' ? 'fin' : 'rst', now);
    if (r.t === 'serve.fin') {
      if (flow.userspace) {
        // The answer is copied back through kube-proxy.
        this.counters.userspaceCopies++;
        this.h.callbacks.after(userspaceCopyMs, () => this.finish(flow, true, undefined, r.response));
        return;
      }
      return this.finish(flow, true, undefined, r.response);
    }
    // A reset: in userspace mode kube-proxy dials the next endpoint (tryConnectTCP) if it had not connected yet.
    if (flow.userspace && !flow.established) return this.userspaceRetry(flow);
    this.finish(flow, false, r.reason);
  }

  /** Sends the connection's SYN to the node that owns its endpoint. */
  private dial(flow: Flow): void {
    const h = this.h;
    const [ip, port] = flow.endpoint.split(':');
    const to = h.routeTo(ip);
    if (!to) {
      // Nothing routes there: the packet leaves by the default route and is never answered.
      return this.timeoutLater(flow);
    }
    flow.serveId = `${h.env.id}#${this.next++}`;
    this.flows.set(flow.serveId, flow);
    const dialTimeout = flow.userspace ? endpointDialTimeoutsMs[flow.userspace.attempt] : flow.conn.timeoutMs;
    flow.timer = h.callbacks.after(dialTimeout, () => {
      if (!this.flows.delete(flow.serveId)) return;
      flow.timer = null;
      if (flow.userspace) return this.userspaceRetry(flow);
      this.finish(flow, false, 'connection timed out');
    });
    const syn: ServeSyn = { t: 'serve.syn', id: flow.serveId, ip, port: Number(port), proto: flow.conn.proto, srcIP: flow.conn.srcIP, durationMs: flow.conn.durationMs, ...(flow.conn.http ? { http: flow.conn.http } : {}) };
    h.env.send(to, syn);
  }

  // Userspace mode: kube-proxy's socket accepts at once, then picks an endpoint and dials it itself.
  private userspaceAccept(flow: Flow, proxyPort: number): void {
    const key = this.h.userspace.portOwner(proxyPort);
    if (!key) return this.finish(flow, false, 'connection refused');
    flow.userspace = { key, attempt: 0 };
    this.counters.userspaceCopies++;
    this.h.callbacks.after(userspaceCopyMs, () => this.userspaceDial(flow, false));
  }

  private userspaceDial(flow: Flow, affinityReset: boolean): void {
    const ep = this.h.userspace.nextEndpoint(flow.userspace!.key, flow.conn.srcIP, affinityReset, this.h.env.now());
    // No endpoint: kube-proxy closes the accepted connection, the client reads a reset.
    if (!ep) return this.finish(flow, false, 'connection reset by peer');
    this.counters.userspaceDials++;
    flow.endpoint = ep;
    this.dial(flow);
  }

  // tryConnectTCP: the next endpoint with the next dial timeout; after the last, the client's connection is closed.
  private userspaceRetry(flow: Flow): void {
    const u = flow.userspace!;
    u.attempt++;
    if (u.attempt >= endpointDialTimeoutsMs.length) return this.finish(flow, false, 'connection reset by peer');
    this.userspaceDial(flow, true);
  }

  /** A packet dropped on the way: the client gives up after its timeout. */
  private timeoutLater(flow: Flow): void {
    this.h.callbacks.after(flow.conn.timeoutMs, () => this.finish(flow, false, 'connection timed out'));
  }

  private finish(flow: Flow, ok: boolean, error?: string, response?: HttpAnswer): void {
    if (ok) this.counters.ok++;
    else this.counters.failed++;
    const done: TrafficDone = { t: 'traffic.done', id: flow.conn.id, ok, endpoint: flow.endpoint, ...(error ? { error } : {}), ...(response ? { response } : {}) };
    this.h.env.send(flow.client, done);
  }

  /** Forgets every connection in flight (the proxy mode changed, or the node rebooted). */
  reset(): void {
    const flows = [...this.flows.values()];
    this.flows.clear();
    for (const f of flows) {
      f.timer?.();
      this.finish(f, false, 'connection reset by peer');
    }
  }
}
