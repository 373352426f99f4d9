// kube-proxy's ipvs mode: from the service port map and the endpoints map, a virtual service per
// cluster IP:port (and per node address:node port, external IP and load-balancer IP) with the
// configured scheduler and ClientIP persistence, a real server of weight 1 per usable endpoint, the
// service addresses bound to the kube-ipvs0 dummy interface, the ipsets the few iptables rules
// match on (KUBE-CLUSTER-IP, KUBE-LOOP-BACK, KUBE-NODE-PORT-TCP, …), and the graceful deletion
// of real servers that still carry connections (weight 0 until they drain, checked every minute).
// Models pkg/proxy/ipvs/proxier.go (v1.32) syncProxyRules, syncService, syncEndpoint,
// writeIptablesRules, cleanLegacyService, and pkg/proxy/ipvs/graceful_termination.go.

import type { EndpointInfo } from '../endpointschangetracker';
import { parseRule, type Rule, type Table } from '../iptables/rules';
import type { ServicePortInfo } from '../serviceport';
import { categorizeEndpoints } from '../topology';
import { IpvsTable, virtualServerKey, type VirtualServer, type VirtualServerSpec } from './ipvs';
import type { IpvsSchedulerName } from './schedulers';

/** The dummy interface the service addresses are bound to (defaultDummyDevice). */
export const dummyDevice = 'kube-ipvs0';

/** The ipsets ipvs mode uses, with the comments its iptables rules carry (pkg/proxy/ipvs/ipset.go). */
export const ipsetComments: Record<string, string> = {
  'KUBE-LOOP-BACK': 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose',
  'KUBE-CLUSTER-IP': 'Kubernetes service cluster ip + port for masquerade purpose',
  'KUBE-EXTERNAL-IP': 'Kubernetes service external ip + port for masquerade and filter purpose',
  'KUBE-EXTERNAL-IP-LOCAL': 'Kubernetes service external ip + port with externalTrafficPolicy=local',
  'KUBE-LOAD-BALANCER': 'Kubernetes service lb portal',
  'KUBE-LOAD-BALANCER-LOCAL': 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local',
  'KUBE-NODE-PORT-TCP': 'Kubernetes nodeport TCP port for masquerade purpose',
  'KUBE-NODE-PORT-LOCAL-TCP': 'Kubernetes nodeport TCP port with externalTrafficPolicy=local',
  'KUBE-NODE-PORT-UDP': 'Kubernetes nodeport UDP port for masquerade purpose',
  'KUBE-NODE-PORT-LOCAL-UDP': 'Kubernetes nodeport UDP port with externalTrafficPolicy=local',
  'KUBE-IPVS-IPS': 'IPVS service addresses',
};

/** What a sync is built from. */
export interface IpvsSyncInput {
  ports: ServicePortInfo[];
  endpointsOf(port: ServicePortInfo): EndpointInfo[];
  nodeLabels: Record<string, string>;
  /** The node's addresses other than kube-ipvs0's: node ports get a virtual service on each. */
  nodeIPs: string[];
  scheduler: IpvsSchedulerName;
  clusterCIDR: string;
  masqueradeMark: string;
}

/** What a sync did. */
export interface IpvsSync {
  /** Netlink operations (virtual and real server adds, updates, deletes) this sync made. */
  ops: number;
  /** ipset members after it. */
  ipsetEntries: number;
  /** The nat table's rules (a handful, whatever the number of Services). */
  nat: Table;
}

/** A real server waiting to drain before it is deleted (graceful_termination.go listItem). */
interface Draining {
  vs: string;
  ip: string;
  port: number;
}

/** The ipvs proxier of one node, over its IPVS table. */
export class IpvsProxier {
  /** Addresses bound to kube-ipvs0, in the order they were bound. */
  readonly bound: string[] = [];
  /** ipset name → members, as `ipset list` shows them. */
  readonly ipsets = new Map<string, string[]>();
  private readonly draining = new Map<string, Draining>();

  constructor(readonly table: IpvsTable) {}

  // Models proxier.go syncProxyRules.
  /** Programs the table, the dummy interface and the ipsets for this state. */
  sync(input: IpvsSyncInput, now: number): IpvsSync {
    const opsBefore = this.table.ops;
    this.table.expire(now);
    const sets = new Map<string, Set<string>>(Object.keys(ipsetComments).map((k) => [k, new Set<string>()]));
    const add = (set: string, entry: string) => sets.get(set)!.add(entry);
    const active = new Set<string>();
    const bind = new Set<string>();
    for (const svc of input.ports) {
      const protocol = svc.protocol.toLowerCase();
      for (const ep of input.endpointsOf(svc)) if (ep.isLocal) add('KUBE-LOOP-BACK', `${ep.ip},${protocol}:${ep.port},${ep.ip}`);
      add('KUBE-CLUSTER-IP', `${svc.clusterIP},${protocol}:${svc.port}`);
      const spec = (address: string): VirtualServerSpec => ({ address, port: svc.port, protocol: svc.protocol, scheduler: input.scheduler, persistent: svc.sessionAffinity === 'ClientIP', timeoutS: svc.sessionAffinity === 'ClientIP' ? svc.stickyMaxAgeSeconds : 0 });
      const vs = this.syncService(spec(svc.clusterIP));
      active.add(virtualServerKey(vs));
      bind.add(svc.clusterIP);
      this.syncEndpoint(vs, svc, input, svc.internalPolicyLocal);
      for (const ip of svc.externalIPs) {
        add(svc.externalPolicyLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP', `${ip},${protocol}:${svc.port}`);
        const ev = this.syncService(spec(ip));
        active.add(virtualServerKey(ev));
        if (!input.nodeIPs.includes(ip)) bind.add(ip);
        this.syncEndpoint(ev, svc, input, svc.externalPolicyLocal);
      }
      for (const ip of svc.loadBalancerVIPs) {
        add('KUBE-LOAD-BALANCER', `${ip},${protocol}:${svc.port}`);
        if (svc.externalPolicyLocal) add('KUBE-LOAD-BALANCER-LOCAL', `${ip},${protocol}:${svc.port}`);
        const lv = this.syncService(spec(ip));
        active.add(virtualServerKey(lv));
        if (!input.nodeIPs.includes(ip)) bind.add(ip);
        this.syncEndpoint(lv, svc, input, svc.externalPolicyLocal);
      }
      if (svc.nodePort !== 0 && (protocol === 'tcp' || protocol === 'udp')) {
        const set = `KUBE-NODE-PORT-${svc.externalPolicyLocal ? 'LOCAL-' : ''}${protocol.toUpperCase()}`;
        add(set, String(svc.nodePort));
        if (svc.externalPolicyLocal) add(`KUBE-NODE-PORT-${protocol.toUpperCase()}`, String(svc.nodePort));
        for (const nodeIP of input.nodeIPs) {
          const nv = this.syncService({ ...spec(nodeIP), port: svc.nodePort });
          active.add(virtualServerKey(nv));
          this.syncEndpoint(nv, svc, input, svc.externalPolicyLocal);
        }
      }
    }
    // The dummy interface holds exactly the addresses wanted now.
    for (let i = this.bound.length - 1; i >= 0; i--) if (!bind.has(this.bound[i])) this.bound.splice(i, 1);
    for (const a of bind) if (!this.bound.includes(a)) this.bound.push(a);
    for (const a of this.bound) add('KUBE-IPVS-IPS', a);
    // cleanLegacyService: virtual services no Service wants any more.
    for (const vs of this.table.virtualServers()) {
      const key = virtualServerKey(vs);
      if (active.has(key)) continue;
      this.table.deleteVirtualServer(vs);
      for (const [k, d] of this.draining) if (d.vs === key) this.draining.delete(k);
    }
    this.ipsets.clear();
    let entries = 0;
    for (const [name, members] of sets) {
      this.ipsets.set(name, [...members]);
      entries += members.size;
    }
    return { ops: this.table.ops - opsBefore, ipsetEntries: entries, nat: this.natTable(input) };
  }

  // Models proxier.go syncService: create or update the virtual service.
  private syncService(spec: VirtualServerSpec): VirtualServer {
    return this.table.applyVirtualServer(spec);
  }

  // Models proxier.go syncEndpoint: add the usable endpoints at weight 1, drain the others.
  private syncEndpoint(vs: VirtualServer, svc: ServicePortInfo, input: IpvsSyncInput, onlyNodeLocal: boolean): void {
    const { clusterEndpoints, localEndpoints } = categorizeEndpoints(input.endpointsOf(svc), svc, input.nodeLabels);
    // With no local endpoints, local pods may still reach the others (kubernetes#97081).
    const endpoints = onlyNodeLocal && localEndpoints.length > 0 ? localEndpoints : clusterEndpoints;
    const want = new Set(endpoints.map((e) => e.endpoint));
    const key = virtualServerKey(vs);
    const current = new Set(vs.dests.map((d) => `${d.ip}:${d.port}`));
    for (const e of endpoints) {
      const rs = `${key}/${e.endpoint}`;
      if (current.has(e.endpoint)) {
        // Back from draining: delete it now, the next sync adds it afresh (MoveRSOutofGracefulDeleteList).
        if (this.draining.has(rs)) {
          this.draining.delete(rs);
          this.table.deleteRealServer(vs, e.ip, e.port);
        }
        continue;
      }
      this.table.applyRealServer(vs, e.ip, e.port, 1);
    }
    for (const d of [...vs.dests]) {
      const ep = `${d.ip}:${d.port}`;
      if (want.has(ep)) continue;
      const rs = `${key}/${ep}`;
      if (this.draining.has(rs)) continue;
      this.gracefulDelete(vs, d.ip, d.port, rs);
    }
  }

  // Models graceful_termination.go GracefulDeleteRS: delete at once when idle (or UDP), else weight 0 and wait.
  private gracefulDelete(vs: VirtualServer, ip: string, port: number, rs: string): void {
    if (this.tryDelete(vs, ip, port)) return;
    this.table.applyRealServer(vs, ip, port, 0);
    this.draining.set(rs, { vs: virtualServerKey(vs), ip, port });
  }

  private tryDelete(vs: VirtualServer, ip: string, port: number): boolean {
    const d = vs.dests.find((x) => x.ip === ip && x.port === port);
    if (!d) return true;
    if (vs.protocol !== 'UDP' && vs.protocol !== 'SCTP' && d.activeConns + d.inactiveConns !== 0) return false;
    this.table.deleteRealServer(vs, ip, port);
    return true;
  }

  // Models graceful_termination.go tryDeleteRs, run every rsCheckDeleteInterval.
  /** Deletes the draining real servers whose connections are gone; answers how many remain. */
  drain(now: number): number {
    this.table.expire(now);
    for (const [k, d] of this.draining) {
      const [protocol, addr] = d.vs.split(' ');
      const i = addr.lastIndexOf(':');
      const vs = this.table.lookup(protocol as VirtualServer['protocol'], addr.slice(0, i), Number(addr.slice(i + 1)));
      if (!vs || this.tryDelete(vs, d.ip, d.port)) this.draining.delete(k);
    }
    return this.draining.size;
  }

  /** Real servers waiting to drain. */
  get drainingCount(): number {
    return this.draining.size;
  }

  /** Removes everything ipvs mode made (cleanupLeftovers: flush IPVS, delete kube-ipvs0, destroy the ipsets). */
  cleanup(): void {
    this.table.flush();
    this.bound.length = 0;
    this.ipsets.clear();
    this.draining.clear();
  }

  // Models proxier.go writeIptablesRules (nat table) and createAndLinkKubeChain.
  private natTable(input: IpvsSyncInput): Table {
    const rules: Rule[] = [];
    const w = (chain: string, words: string[]) => rules.push(parseRule(chain, words));
    const nonEmpty = (s: string) => (this.ipsets.get(s)?.length ?? 0) > 0;
    const comment = (s: string) => ['-m', 'comment', '--comment', ipsetComments[s]];
    w('PREROUTING', ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES']);
    w('OUTPUT', ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES']);
    w('POSTROUTING', ['-m', 'comment', '--comment', 'kubernetes postrouting rules', '-j', 'KUBE-POSTROUTING']);
    w('KUBE-SERVICES', ['-s', '127.0.0.0/8', '-j', 'RETURN']);
    const withChain: [string, string, string, string, string][] = [
      ['KUBE-LOOP-BACK', 'KUBE-POSTROUTING', 'MASQUERADE', 'dst,dst,src', ''],
      ['KUBE-LOAD-BALANCER', 'KUBE-SERVICES', 'KUBE-LOAD-BALANCER', 'dst,dst', ''],
      ['KUBE-LOAD-BALANCER-LOCAL', 'KUBE-LOAD-BALANCER', 'RETURN', 'dst,dst', ''],
      ['KUBE-NODE-PORT-LOCAL-TCP', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'tcp'],
      ['KUBE-NODE-PORT-TCP', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'tcp'],
      ['KUBE-NODE-PORT-LOCAL-UDP', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'udp'],
      ['KUBE-NODE-PORT-UDP', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'udp'],
    ];
    for (const [set, from, to, matchType, proto] of withChain) {
      if (!nonEmpty(set)) continue;
      w(from, [...(proto ? ['-p', proto] : []), ...comment(set), '-m', 'set', '--match-set', set, matchType, '-j', to]);
    }
    if (nonEmpty('KUBE-CLUSTER-IP')) w('KUBE-SERVICES', [...comment('KUBE-CLUSTER-IP'), '-m', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', '!', '-s', input.clusterCIDR, '-j', 'KUBE-MARK-MASQ']);
    for (const set of ['KUBE-EXTERNAL-IP', 'KUBE-EXTERNAL-IP-LOCAL']) {
      if (!nonEmpty(set)) continue;
      const args = [...comment(set), '-m', 'set', '--match-set', set, 'dst,dst'];
      if (set === 'KUBE-EXTERNAL-IP') w('KUBE-SERVICES', [...args, '-j', 'KUBE-MARK-MASQ']);
      w('KUBE-SERVICES', [...args, '-m', 'physdev', '!', '--physdev-is-in', '-m', 'addrtype', '!', '--src-type', 'LOCAL', '-j', 'ACCEPT']);
      w('KUBE-SERVICES', [...args, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'ACCEPT']);
    }
    w('KUBE-SERVICES', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODE-PORT']);
    w('KUBE-LOAD-BALANCER', ['-j', 'KUBE-MARK-MASQ']);
    for (const set of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER']) if (nonEmpty(set)) w('KUBE-SERVICES', ['-m', 'set', '--match-set', set, 'dst,dst', '-j', 'ACCEPT']);
    const mark = input.masqueradeMark;
    w('KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN']);
    w('KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', mark]);
    w('KUBE-POSTROUTING', ['-m', 'comment', '--comment', 'kubernetes service traffic requiring SNAT', '-j', 'MASQUERADE', '--random-fully']);
    w('KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', mark]);
    return { name: 'nat', builtins: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], chains: ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ', 'KUBE-KUBELET-CANARY'], rules };
  }
}

/** What `ip addr show kube-ipvs0` prints on a node (interface index and MAC are the node's). */
export function ipAddrShowDummy(bound: readonly string[], index: number, mac: string): string {
  const lines = [`${index}: ${dummyDevice}: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default `, `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`];
  for (const a of bound) lines.push(`    inet ${a}/32 scope global ${dummyDevice}`, '       valid_lft forever preferred_lft forever');
  return lines.join('\n') + '\n';
}
