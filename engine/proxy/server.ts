// kube-proxy on one node, as its own process (`kube-proxy-<node>`, pooled with the node agents in
// the browser), running as user system:kube-proxy (bound to system:node-proxier). It watches
// Services, EndpointSlices and Nodes, accumulates their changes in the change trackers, and once
// both caches have synced it programs the node — IPVS (default, rr), iptables, or the old
// userspace proxy — at most as often as minSyncPeriod allows and at least every syncPeriod
// (BoundedFrequencyRunner). Its mode and IPVS scheduler come from config.conf of the
// kube-system/kube-proxy ConfigMap, read again every time the kubelet would refresh the mounted
// file; a change of mode or scheduler reprograms the node (upstream's kube-proxy exits on a changed
// config file and is restarted). The process also holds the node's network stack for new
// connections (dataplane.ts), so killing the node loses its tables, as a reboot does. Models
// cmd/kube-proxy/app/server.go (NewProxyServer, Run: the informers and the config handlers) and
// pkg/proxy/config (the event handlers feeding the proxier).

import type { ConfigMap, EndpointSlice, Node, Service } from '../api/types';
import { isNotFound, res } from '../client/clientset';
import { Component, type ComponentConfig } from '../client/component';
import type { Informer } from '../client/informer';
import { StatusError } from '../apiserver/errors';
import type { Cancel } from '../sim/co';
import { Cancelled } from '../sim/co';
import type { Env, Input, Process, ProcessKind } from '../sim/env';
import type { Profile } from '../etcd/server/timing';
import { timingsFor, type Timings } from '../timings';
import type { ServeReply } from '../kubelet/serve';
import { defaultProxyConfig, kubeProxyConfigMap, parseKubeProxyConfiguration, type ProxyConfig, type ProxyMode } from './config';
import { Dataplane, type DataplaneCounters } from './dataplane';
import { EndpointsChangeTracker, EndpointsMap } from './endpointschangetracker';
import { inCidr } from './iptables/datapath';
import { buildIptables, type IptablesSync } from './iptables/proxier';
import { iptablesSave, type Table } from './iptables/rules';
import { IpvsTable, ipvsadmList } from './ipvs/ipvs';
import { IpvsProxier, ipAddrShowDummy } from './ipvs/proxier';
import type { IpvsSchedulerName } from './ipvs/schedulers';
import { BoundedFrequencyRunner } from './runner';
import { ServiceChangeTracker, ServicePortMap } from './servicechangetracker';
import { servicePortKey } from './serviceport';
import { isTrafficConn } from './traffic';
import { UserspaceProxier } from './userspace/proxier';

/** Plain config of a kube-proxy. */
export interface KubeProxyConfig extends ComponentConfig {
  nodeName: string;
  /** The node's InternalIP. */
  nodeIP: string;
  /** The node's pod range (its bridge holds the first address). */
  podCIDR: string;
  profile: Profile;
  /** The mode when there is no kube-proxy ConfigMap (Kubeplay's default: ipvs). */
  defaultMode?: ProxyMode;
  /** The IPVS scheduler when there is no ConfigMap (default rr). */
  defaultScheduler?: IpvsSchedulerName;
}

/** One virtual service as `inspect.ipvs` shows it (DESIGN.md's shape, with the connection counts). */
export interface IpvsEntry {
  vip: string;
  port: number;
  protocol: string;
  scheduler: IpvsSchedulerName;
  /** Set for sessionAffinity ClientIP: the persistence timeout in seconds. */
  persistentS?: number;
  realServers: { ip: string; port: number; weight: number; activeConn: number; inactiveConn: number }[];
}

/** What one sync wrote, for the UI's cost figures. */
export interface SyncCost {
  atMs: number;
  mode: ProxyMode;
  full: boolean;
  /** iptables-restore lines written (iptables and userspace modes; ipvs mode's few rules too). */
  rulesWritten: number;
  /** IPVS netlink operations (ipvs mode). */
  netlinkOps: number;
  /** ipset members (ipvs mode). */
  ipsetEntries: number;
}

/** kube-proxy's telemetry, as inspect and the browser snapshot read it. */
export interface KubeProxyTelemetry {
  node: string;
  mode: ProxyMode;
  scheduler: IpvsSchedulerName;
  /** Where the mode came from: the ConfigMap, or Kubeplay's default when there is none. */
  configSource: 'configmap' | 'default';
  /** Why the ConfigMap was not used (unreadable, invalid): kube-proxy keeps what it runs. */
  configError: string;
  initialized: boolean;
  syncs: number;
  lastSync: SyncCost | null;
  servicePorts: number;
  endpoints: number;
  /** The IPVS table (empty outside ipvs mode). */
  ipvs: IpvsEntry[];
  /** `ipvsadm -Ln`. */
  ipvsadm: string;
  /** `iptables-save -t nat`. */
  iptablesSave: string;
  /** `ip addr show kube-ipvs0` (empty outside ipvs mode). */
  kubeIpvs0: string;
  /** ipset name → members (ipvs mode). */
  ipsets: Record<string, string[]>;
  /** Per-packet work: what one new connection costs in this mode. */
  perPacket: { mode: ProxyMode; work: string; natRules: number; avgRulesEvaluated: number; hashLookups: number; userspaceCopies: number };
  counters: DataplaneCounters & { drainingRealServers: number; connectionsInFlight: number };
  crashes: string[];
}

const userAgent = 'kube-proxy/v1.32.4 (linux/amd64) kubernetes/59526cd';

/** The kube-proxy process kind. */
export const kubeProxyKind: ProcessKind<KubeProxyConfig> = {
  name: 'kube-proxy',
  create: (env, config) => new KubeProxy(env, config),
  describe: (msg) => {
    const m = msg as { t?: string };
    if (!m || typeof m !== 'object') return null;
    if (m.t === 'serve.syn') return 'SYN';
    if (m.t === 'traffic.done') return 'conn done';
    return null;
  },
};

/** kube-proxy and the node's network stack. */
export class KubeProxy implements Process {
  readonly c: Component;
  private readonly timings: Timings;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly nodes: Informer<Node>;
  private readonly serviceChanges = new ServiceChangeTracker();
  private readonly endpointsChanges: EndpointsChangeTracker;
  private readonly svcPortMap = new ServicePortMap();
  private readonly endpointsMap = new EndpointsMap();
  private config: ProxyConfig;
  private configSource: 'configmap' | 'default' = 'default';
  private configError = '';
  private configLoaded = false;
  private servicesSynced = false;
  private slicesSynced = false;
  private needFullSync = true;
  private nodeLabels: Record<string, string> = {};
  private runner: BoundedFrequencyRunner;
  private syncTimer: { at: number; cancel: Cancel } | null = null;
  readonly ipvs: IpvsTable;
  private readonly ipvsProxier: IpvsProxier;
  readonly userspace: UserspaceProxier;
  private iptables: IptablesSync | null = null;
  private userspaceNat: Table | null = null;
  private ipvsNat: Table | null = null;
  private readonly dataplane: Dataplane;
  private syncs = 0;
  private lastSync: SyncCost | null = null;
  /** The pod bridge's address (cni0): the pod range's first host. */
  private readonly bridgeIP: string;

  constructor(
    readonly env: Env,
    readonly cfg: KubeProxyConfig,
  ) {
    this.c = new Component(env, cfg, userAgent);
    this.timings = timingsFor(cfg.profile);
    this.config = defaultProxyConfig(cfg.defaultMode ?? 'ipvs', cfg.defaultScheduler ?? 'rr');
    this.runner = new BoundedFrequencyRunner(this.minSyncPeriodMs(), this.syncPeriodMs(), 2, env.now());
    this.ipvs = new IpvsTable({ synRecvMs: this.timings.ipvsSynRecvMs, timeWaitMs: this.timings.ipvsTimeWaitMs, closeMs: this.timings.ipvsCloseMs, udpMs: this.timings.ipvsUdpMs });
    this.ipvsProxier = new IpvsProxier(this.ipvs);
    this.userspace = new UserspaceProxier(env.rng.fork('userspace'));
    this.endpointsChanges = new EndpointsChangeTracker(cfg.nodeName);
    const base = cfg.podCIDR.split('/')[0].split('.').map(Number);
    this.bridgeIP = `${base[0]}.${base[1]}.${base[2]}.${base[3] + 1}`;
    const f = this.c.informers;
    this.services = f.informerFor<Service>(res('', 'services'));
    this.slices = f.informerFor<EndpointSlice>(res('discovery.k8s.io', 'endpointslices'));
    this.nodes = f.informerFor<Node>(res('', 'nodes'));
    const rng = env.rng.fork('statistic');
    this.dataplane = new Dataplane({
      env,
      callbacks: this.c.callbacks,
      rng,
      mode: () => this.config.mode,
      ipvs: this.ipvs,
      tables: () => (this.config.mode === 'iptables' && this.iptables ? this.iptables : this.config.mode === 'userspace' && this.userspaceNat ? { nat: this.userspaceNat } : null),
      userspace: this.userspace,
      localIPs: () => this.localIPs(),
      routeTo: (ip) => this.routeTo(ip),
      nodeIP: cfg.nodeIP,
    });
    this.c.spawn(this.main(), 'kube-proxy');
  }

  receive(input: Input): void {
    if (this.c.route(input)) return;
    if (input.type !== 'message') return;
    const m = input.msg;
    if (isTrafficConn(m)) return this.dataplane.open(input.from, m);
    const t = (m as { t?: string })?.t;
    if (t === 'serve.synack' || t === 'serve.fin' || t === 'serve.rst') this.dataplane.reply(m as ServeReply);
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.c.conn.outstanding();
  }

  private syncPeriodMs(): number {
    return this.config.syncPeriodMs ?? this.timings.proxySyncPeriodMs;
  }

  private minSyncPeriodMs(): number {
    return this.config.minSyncPeriodMs ?? (this.config.mode === 'ipvs' ? this.timings.proxyIpvsMinSyncPeriodMs : this.timings.proxyIptablesMinSyncPeriodMs);
  }

  private get initialized(): boolean {
    return this.configLoaded && this.servicesSynced && this.slicesSynced;
  }

  private *main() {
    // pkg/proxy/config ServiceConfig / EndpointSliceConfig / NodeConfig: changes go to the trackers.
    this.services.addEventHandler({
      add: (s) => this.onService(null, s),
      update: (o, s) => this.onService(o, s),
      delete: (s) => this.onService(s, null),
    });
    this.slices.addEventHandler({
      add: (s) => this.onSlice(s, false),
      update: (_o, s) => this.onSlice(s, false),
      delete: (s) => this.onSlice(s, true),
    });
    this.nodes.addEventHandler({ add: (n) => this.onNode(n), update: (_o, n) => this.onNode(n), delete: (n) => this.onNode(n, true) });
    this.c.spawn(this.configLoop(), 'config');
    this.c.spawn(this.services.run(), 'reflector services');
    this.c.spawn(this.slices.run(), 'reflector endpointslices');
    this.c.spawn(this.nodes.run(), 'reflector nodes');
    this.c.spawn(this.drainLoop(), 'graceful termination');
    yield* this.services.waitForSync();
    this.servicesSynced = true;
    yield* this.slices.waitForSync();
    this.slicesSynced = true;
    // OnServiceSynced / OnEndpointSlicesSynced sync unconditionally, once.
    this.runner.run();
    this.scheduleSync();
  }

  private onService(prev: Service | null, cur: Service | null): void {
    if (this.serviceChanges.update(prev, cur) && this.initialized) this.requestSync();
  }

  private onSlice(slice: EndpointSlice, remove: boolean): void {
    if (this.endpointsChanges.endpointSliceUpdate(slice, remove) && this.initialized) this.requestSync();
  }

  // The proxier's OnNodeAdd/Update: its own node's labels (topology) force a full sync.
  private onNode(n: Node, deleted = false): void {
    if (n.metadata.name !== this.cfg.nodeName) return;
    const labels = deleted ? {} : { ...(n.metadata.labels ?? {}) };
    if (JSON.stringify(labels) === JSON.stringify(this.nodeLabels)) return;
    this.nodeLabels = labels;
    this.needFullSync = true;
    if (this.initialized) this.requestSync();
  }

  private requestSync(): void {
    this.runner.run();
    this.scheduleSync();
  }

  /** Keeps one timer at the runner's next run. */
  private scheduleSync(): void {
    if (!this.initialized) return;
    const now = this.env.now();
    const at = this.runner.nextRunAt(now);
    if (this.syncTimer && this.syncTimer.at === at) return;
    this.syncTimer?.cancel();
    this.syncTimer = {
      at,
      cancel: this.c.callbacks.after(Math.max(0, at - now), () => {
        this.syncTimer = null;
        this.syncProxyRules();
        this.runner.ran(this.env.now());
        this.scheduleSync();
      }),
    };
  }

  // Reads config.conf as the kubelet refreshes the mounted ConfigMap; no ConfigMap (or no right to read it): the defaults.
  private *configLoop() {
    for (;;) {
      let retryMs = this.timings.proxyConfigRefreshMs;
      try {
        const cm = yield* this.c.withTimeout(this.c.client.get<ConfigMap>(res('', 'configmaps'), kubeProxyConfigMap.namespace, kubeProxyConfigMap.name), 10_000);
        const text = cm.data?.[kubeProxyConfigMap.key];
        if (text === undefined) this.applyConfig(null, `configmap "kube-proxy" has no ${kubeProxyConfigMap.key}`);
        else {
          const parsed = parseKubeProxyConfiguration(text);
          if ('error' in parsed) this.applyConfig(this.configLoaded ? this.config : null, parsed.error, this.configLoaded ? this.configSource : 'default');
          else this.applyConfig(parsed.config, '', 'configmap');
        }
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        if (isNotFound(e)) this.applyConfig(null, '');
        else if (e instanceof StatusError && e.code === 403) this.applyConfig(null, e.message);
        else retryMs = this.configLoaded ? retryMs : 1000;
      }
      yield* this.c.sleep(retryMs);
    }
  }

  /** Takes a configuration (null: the defaults); a new mode or scheduler reprograms the node. */
  private applyConfig(next: ProxyConfig | null, error: string, source: 'configmap' | 'default' = next ? 'configmap' : 'default'): void {
    const cfg = next ?? defaultProxyConfig(this.cfg.defaultMode ?? 'ipvs', this.cfg.defaultScheduler ?? 'rr');
    this.configError = error;
    this.configSource = source;
    const first = !this.configLoaded;
    const changed = first || JSON.stringify(cfg) !== JSON.stringify(this.config);
    if (!changed) return;
    const oldMode = this.config.mode;
    this.config = cfg;
    this.configLoaded = true;
    if (!first) {
      // What a restarted kube-proxy finds: a different mode cleans up the old one's state (see FIDELITY).
      if (oldMode !== cfg.mode) {
        if (oldMode === 'ipvs') {
          this.ipvsProxier.cleanup();
          this.ipvsNat = null;
        }
        if (oldMode === 'iptables') {
          this.iptables = null;
          this.dataplane.recent.clear();
        }
        if (oldMode === 'userspace') {
          this.userspace.cleanup();
          this.userspaceNat = null;
        }
        this.dataplane.reset();
      }
      this.needFullSync = true;
    }
    this.runner.setIntervals(this.minSyncPeriodMs(), this.syncPeriodMs());
    if (this.initialized) this.requestSync();
  }

  private *drainLoop() {
    for (;;) {
      yield* this.c.sleep(this.timings.proxyGracefulCheckMs);
      if (this.config.mode === 'ipvs') this.ipvsProxier.drain(this.env.now());
    }
  }

  // The proxiers' syncProxyRules: apply the tracked changes, then program the mode's tables.
  private syncProxyRules(): void {
    if (!this.initialized) return;
    const now = this.env.now();
    const svcUpdate = this.svcPortMap.update(this.serviceChanges);
    const epUpdate = this.endpointsMap.update(this.endpointsChanges);
    const full = this.needFullSync;
    const changed = new Set([...svcUpdate.updatedServices, ...epUpdate.updatedServices]);
    const ports = this.svcPortMap.sorted();
    const endpointsOf = (p: (typeof ports)[number]) => this.endpointsMap.get(servicePortKey(p.name));
    const cost: SyncCost = { atMs: now, mode: this.config.mode, full, rulesWritten: 0, netlinkOps: 0, ipsetEntries: 0 };
    if (this.config.mode === 'ipvs') {
      const r = this.ipvsProxier.sync({ ports, endpointsOf, nodeLabels: this.nodeLabels, nodeIPs: [this.cfg.nodeIP, this.bridgeIP], scheduler: this.config.scheduler, clusterCIDR: this.config.clusterCIDR, masqueradeMark: this.config.masqueradeMark }, now);
      this.ipvsNat = r.nat;
      cost.netlinkOps = r.ops;
      cost.ipsetEntries = r.ipsetEntries;
      cost.rulesWritten = r.nat.rules.length;
    } else if (this.config.mode === 'iptables') {
      this.iptables = buildIptables({ ports, endpointsOf, nodeLabels: this.nodeLabels, clusterCIDR: this.config.clusterCIDR, masqueradeMark: this.config.masqueradeMark, changedServices: full ? null : changed });
      cost.rulesWritten = this.iptables.rulesWritten;
    } else {
      this.userspace.sync(ports, endpointsOf);
      this.userspaceNat = this.userspace.natTable(ports, this.cfg.nodeIP);
      cost.rulesWritten = this.userspaceNat.rules.length;
    }
    this.needFullSync = false;
    this.syncs++;
    this.lastSync = cost;
  }

  private localIPs(): Set<string> {
    const s = new Set([this.cfg.nodeIP, this.bridgeIP]);
    if (this.config.mode === 'ipvs') for (const a of this.ipvsProxier.bound) s.add(a);
    return s;
  }

  // The node's routes: each node's pod range via that node (what the CNI programs), and each node's own address.
  private routeTo(ip: string): string | null {
    if (inCidr(ip, this.cfg.podCIDR) || ip === this.cfg.nodeIP) return this.cfg.nodeName;
    for (const n of this.nodes.store.list()) {
      const cidr = n.spec?.podCIDR;
      if (cidr && inCidr(ip, cidr)) return n.metadata.name!;
      if (n.status?.addresses?.some((a) => a.type === 'InternalIP' && a.address === ip)) return n.metadata.name!;
    }
    return null;
  }

  /** The IPVS table in DESIGN.md's inspect.ipvs shape. */
  ipvsEntries(): IpvsEntry[] {
    if (this.config.mode !== 'ipvs') return [];
    return this.ipvs
      .view(this.env.now())
      .map((vs) => ({
        vip: vs.address,
        port: vs.port,
        protocol: vs.protocol,
        scheduler: vs.scheduler,
        ...(vs.persistent ? { persistentS: vs.timeoutS } : {}),
        realServers: vs.dests.map((d) => ({ ip: d.ip, port: d.port, weight: d.weight, activeConn: d.activeConns, inactiveConn: d.inactiveConns })),
      }))
      .sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0) || cmpIP(a.vip, b.vip) || a.port - b.port);
  }

  /** `iptables-save -t nat` now. */
  iptablesSaveText(): string {
    const nat = this.config.mode === 'ipvs' ? this.ipvsNat : this.config.mode === 'iptables' ? (this.iptables?.nat ?? null) : this.userspaceNat;
    if (!nat) return '';
    // Telemetry is read many times a second: print again only after a sync or when the stamp's second changes.
    const sec = Math.floor((this.cfg.epochMs + this.env.now()) / 1000);
    if (this.saveCache?.nat !== nat || this.saveCache.sec !== sec) this.saveCache = { nat, sec, text: iptablesSave(nat, sec * 1000) };
    return this.saveCache.text;
  }

  private saveCache: { nat: Table; sec: number; text: string } | null = null;

  telemetry(): KubeProxyTelemetry {
    const now = this.env.now();
    const mode = this.config.mode;
    const c = this.dataplane.counters;
    const nat = mode === 'ipvs' ? this.ipvsNat : mode === 'iptables' ? (this.iptables?.nat ?? null) : this.userspaceNat;
    const work =
      mode === 'ipvs'
        ? 'one hash lookup of the virtual service, then the scheduler (rr, wrr, sh, dh: O(1); lc, wlc, sed, nq: O(real servers))'
        : mode === 'iptables'
          ? 'KUBE-SERVICES scanned rule by rule until the Service matches (O(services)), then its KUBE-SVC- statistic rules (O(endpoints))'
          : 'the portal rules scanned (O(services)), then kube-proxy accepts, dials the endpoint itself and copies every byte twice (user space and back)';
    let endpoints = 0;
    for (const l of this.endpointsMap.endpoints.values()) endpoints += l.length;
    return {
      node: this.cfg.nodeName,
      mode,
      scheduler: this.config.scheduler,
      configSource: this.configSource,
      configError: this.configError,
      initialized: this.initialized,
      syncs: this.syncs,
      lastSync: this.lastSync,
      servicePorts: this.svcPortMap.ports.size,
      endpoints,
      ipvs: this.ipvsEntries(),
      ipvsadm: mode === 'ipvs' ? ipvsadmList(this.ipvs.view(now)) : '',
      iptablesSave: this.iptablesSaveText(),
      kubeIpvs0: mode === 'ipvs' ? ipAddrShowDummy(this.ipvsProxier.bound, 5, macOf(this.cfg.nodeName)) : '',
      ipsets: mode === 'ipvs' ? Object.fromEntries(this.ipvsProxier.ipsets) : {},
      perPacket: {
        mode,
        work,
        natRules: nat?.rules.length ?? 0,
        avgRulesEvaluated: c.connections ? c.iptablesRulesEvaluated / c.connections : 0,
        hashLookups: c.ipvsLookups,
        userspaceCopies: c.userspaceCopies,
      },
      counters: { ...c, drainingRealServers: this.ipvsProxier.drainingCount, connectionsInFlight: this.dataplane.inFlight },
      crashes: this.c.crashes.slice(-10),
    };
  }
}

function cmpIP(a: string, b: string): number {
  const n = (ip: string) => ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  return n(a) - n(b);
}

/** A stable locally administered MAC for the node's kube-ipvs0. */
function macOf(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  const bytes = [0x02, 0x42, (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
