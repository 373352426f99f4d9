// A node's IPVS table, as the kernel holds it: virtual services (address:port/protocol, a scheduler,
// persistence), each with its real servers in list order and their active and inactive connection
// counts; the connection table that moves a connection from SYN (inactive) to ESTABLISHED (active)
// to TIME_WAIT or CLOSE (inactive again) until it expires; persistence templates for ClientIP
// affinity; and `ipvsadm -Ln` as ipvsadm prints it. Models net/netfilter/ipvs/ip_vs_ctl.c (services
// and destinations), ip_vs_core.c (ip_vs_schedule, ip_vs_sched_persist) and ip_vs_proto_tcp.c (the
// state timeouts), and ipvsadm.c (print_title, print_service_entry).

import type { Protocol } from '../../api/types';
import { ipv4ToNumber, newScheduler, type IpvsScheduler, type IpvsSchedulerName, type SchedDest, type SchedPacket } from './schedulers';

/** A destination (struct ip_vs_dest), with the counters ipvsadm shows. */
export interface RealServer extends SchedDest {}

/** What kube-proxy asks for a virtual service (utilipvs.VirtualServer). */
export interface VirtualServerSpec {
  address: string;
  port: number;
  protocol: Protocol;
  scheduler: IpvsSchedulerName;
  /** IP_VS_SVC_F_PERSISTENT, set for sessionAffinity ClientIP. */
  persistent: boolean;
  /** The persistence timeout in seconds (0 when not persistent). */
  timeoutS: number;
}

/** A virtual service (struct ip_vs_service). */
export interface VirtualServer extends VirtualServerSpec {
  /** In the kernel's list order: the newest first. */
  dests: RealServer[];
  sched: IpvsScheduler;
}

/** The connection-state timeouts of ip_vs_proto_tcp.c and ip_vs_proto_udp.c, in simulated ms. */
export interface IpvsTimeouts {
  /** SYN_RECV: a SYN the real server never answers (60 s). */
  synRecvMs: number;
  /** TIME_WAIT: after an orderly close (120 s). */
  timeWaitMs: number;
  /** CLOSE: after a reset (10 s). */
  closeMs: number;
  /** A UDP flow (300 s). */
  udpMs: number;
}

/** The kernel's defaults. */
export const defaultIpvsTimeouts: IpvsTimeouts = { synRecvMs: 60_000, timeWaitMs: 120_000, closeMs: 10_000, udpMs: 300_000 };

type ConnState = 'SYN_RECV' | 'ESTABLISHED' | 'TIME_WAIT' | 'CLOSE' | 'UDP';

interface Conn {
  vs: VirtualServer;
  dest: RealServer;
  state: ConnState;
  /** When it leaves the table (Infinity while established). */
  expiresAt: number;
}

/** The key of a virtual service: `TCP 10.96.0.1:443`. */
export function virtualServerKey(s: Pick<VirtualServerSpec, 'protocol' | 'address' | 'port'>): string {
  return `${s.protocol} ${s.address}:${s.port}`;
}

/** A node's IPVS state. */
export class IpvsTable {
  private readonly services = new Map<string, VirtualServer>();
  private readonly conns = new Map<number, Conn>();
  private readonly templates = new Map<string, { dest: RealServer; vs: VirtualServer; expiresAt: number }>();
  private nextConn = 1;
  /** Netlink operations done (service and destination adds, updates and deletes), for the cost figures. */
  ops = 0;

  constructor(private readonly timeouts: IpvsTimeouts = defaultIpvsTimeouts) {}

  // ---- ip_vs_ctl.c: what kube-proxy programs over netlink ---------------------------------------

  getVirtualServer(spec: Pick<VirtualServerSpec, 'protocol' | 'address' | 'port'>): VirtualServer | undefined {
    return this.services.get(virtualServerKey(spec));
  }

  /** Every virtual service, in insertion order. */
  virtualServers(): VirtualServer[] {
    return [...this.services.values()];
  }

  /** Adds a virtual service, or changes its scheduler and flags (IP_VS_SO_SET_ADD / EDIT). */
  applyVirtualServer(spec: VirtualServerSpec): VirtualServer {
    const key = virtualServerKey(spec);
    const vs = this.services.get(key);
    if (!vs) {
      const created: VirtualServer = { ...spec, dests: [], sched: newScheduler(spec.scheduler) };
      created.sched.destsChanged(created.dests);
      this.services.set(key, created);
      this.ops++;
      return created;
    }
    if (vs.scheduler !== spec.scheduler || vs.persistent !== spec.persistent || vs.timeoutS !== spec.timeoutS) {
      if (vs.scheduler !== spec.scheduler) {
        vs.sched = newScheduler(spec.scheduler);
        vs.sched.destsChanged(vs.dests);
      }
      vs.scheduler = spec.scheduler;
      vs.persistent = spec.persistent;
      vs.timeoutS = spec.timeoutS;
      this.ops++;
    }
    return vs;
  }

  /** Deletes a virtual service with its destinations and connections (IP_VS_SO_SET_DEL). */
  deleteVirtualServer(spec: Pick<VirtualServerSpec, 'protocol' | 'address' | 'port'>): boolean {
    const key = virtualServerKey(spec);
    const vs = this.services.get(key);
    if (!vs) return false;
    this.services.delete(key);
    for (const [id, c] of this.conns) if (c.vs === vs) this.conns.delete(id);
    for (const [k, t] of this.templates) if (t.vs === vs) this.templates.delete(k);
    this.ops++;
    return true;
  }

  /** Empties the table (ipvsadm --clear). */
  flush(): void {
    if (this.services.size) this.ops++;
    this.services.clear();
    this.conns.clear();
    this.templates.clear();
  }

  /** Adds a destination at the head of the list, or re-weights it (IP_VS_SO_SET_ADDDEST / EDITDEST). */
  applyRealServer(vs: VirtualServer, ip: string, port: number, weight: number): RealServer {
    const d = vs.dests.find((x) => x.ip === ip && x.port === port);
    if (d) {
      if (d.weight !== weight) {
        d.weight = weight;
        vs.sched.destsChanged(vs.dests);
        this.ops++;
      }
      return d;
    }
    const created: RealServer = { ip, port, weight, activeConns: 0, inactiveConns: 0 };
    vs.dests.unshift(created);
    vs.sched.destsChanged(vs.dests);
    this.ops++;
    return created;
  }

  /** Deletes a destination (IP_VS_SO_SET_DELDEST); its connections stay in the table, uncounted. */
  deleteRealServer(vs: VirtualServer, ip: string, port: number): boolean {
    const i = vs.dests.findIndex((x) => x.ip === ip && x.port === port);
    if (i < 0) return false;
    const d = vs.dests[i];
    vs.sched.destRemoving?.(vs.dests, d);
    vs.dests.splice(i, 1);
    vs.sched.destsChanged(vs.dests);
    for (const [k, t] of this.templates) if (t.dest === d) this.templates.delete(k);
    this.ops++;
    return true;
  }

  // ---- ip_vs_core.c: the data path --------------------------------------------------------------

  /** The virtual service a packet to dst:port/protocol hits (a hash lookup in ip_vs_service_find). */
  lookup(protocol: Protocol, address: string, port: number): VirtualServer | undefined {
    return this.services.get(virtualServerKey({ protocol, address, port }));
  }

  // Models ip_vs_schedule and ip_vs_sched_persist (with expire_quiescent_template=1, as kube-proxy sets it).
  /** A new connection's first packet: picks its real server and enters it in the table; null when none is available. */
  connect(vs: VirtualServer, pkt: SchedPacket, now: number): { conn: number; dest: RealServer } | null {
    this.expire(now);
    let dest: RealServer | null = null;
    const tkey = `${vs.protocol} ${pkt.srcIP}>${vs.address}:${vs.port}`;
    if (vs.persistent) {
      const t = this.templates.get(tkey);
      if (t && t.expiresAt > now && vs.dests.includes(t.dest) && t.dest.weight > 0) dest = t.dest;
      else this.templates.delete(tkey);
    }
    if (!dest) dest = vs.sched.schedule(vs.dests, pkt) as RealServer | null;
    if (!dest) return null;
    if (vs.persistent) this.templates.set(tkey, { dest, vs, expiresAt: now + vs.timeoutS * 1000 });
    const id = this.nextConn++;
    const udp = vs.protocol === 'UDP';
    this.conns.set(id, { vs, dest, state: udp ? 'UDP' : 'SYN_RECV', expiresAt: now + (udp ? this.timeouts.udpMs : this.timeouts.synRecvMs) });
    dest.inactiveConns++;
    return { conn: id, dest };
  }

  /** The real server answered the SYN: the connection counts as active. */
  established(conn: number): void {
    const c = this.conns.get(conn);
    if (!c || c.state !== 'SYN_RECV') return;
    c.state = 'ESTABLISHED';
    c.expiresAt = Infinity;
    c.dest.inactiveConns--;
    c.dest.activeConns++;
  }

  /** The connection ended: with FINs (TIME_WAIT) or a reset (CLOSE); inactive until it expires. */
  closed(conn: number, how: 'fin' | 'rst', now: number): void {
    const c = this.conns.get(conn);
    if (!c || c.state === 'UDP' || c.state === 'TIME_WAIT' || c.state === 'CLOSE') return;
    if (c.state === 'ESTABLISHED') {
      c.dest.activeConns--;
      c.dest.inactiveConns++;
    }
    c.state = how === 'fin' ? 'TIME_WAIT' : 'CLOSE';
    c.expiresAt = now + (how === 'fin' ? this.timeouts.timeWaitMs : this.timeouts.closeMs);
  }

  /** Drops every connection and template whose timer has run out by `now`. */
  expire(now: number): void {
    for (const [id, c] of this.conns) {
      if (c.expiresAt > now) continue;
      this.conns.delete(id);
      if (c.state === 'ESTABLISHED') c.dest.activeConns--;
      else c.dest.inactiveConns--;
    }
    for (const [k, t] of this.templates) if (t.expiresAt <= now) this.templates.delete(k);
  }

  /** When the next connection expires (null: none will). */
  nextExpiry(): number | null {
    let at = Infinity;
    for (const c of this.conns.values()) at = Math.min(at, c.expiresAt);
    return at === Infinity ? null : at;
  }

  /** The virtual services as they are at `now`, with connections whose timer ran out left out (a read-only view). */
  view(now: number): VirtualServer[] {
    const expired = new Map<RealServer, { active: number; inactive: number }>();
    for (const c of this.conns.values()) {
      if (c.expiresAt > now) continue;
      let e = expired.get(c.dest);
      if (!e) expired.set(c.dest, (e = { active: 0, inactive: 0 }));
      if (c.state === 'ESTABLISHED') e.active++;
      else e.inactive++;
    }
    return this.virtualServers().map((vs) => ({
      ...vs,
      dests: vs.dests.map((d) => {
        const e = expired.get(d);
        return e ? { ...d, activeConns: d.activeConns - e.active, inactiveConns: d.inactiveConns - e.inactive } : { ...d };
      }),
    }));
  }

  /** How many connections the table holds. */
  get connections(): number {
    return this.conns.size;
  }
}

const protocolNumber: Record<Protocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

// ipvsadm.c ipvs_cmp_services: by fwmark, family, protocol number, address, port.
function compareServices(a: VirtualServer, b: VirtualServer): number {
  return protocolNumber[a.protocol] - protocolNumber[b.protocol] || ipv4ToNumber(a.address) - ipv4ToNumber(b.address) || a.port - b.port;
}

// ipvsadm.c ipvs_cmp_dests: by address, then port.
function compareDests(a: RealServer, b: RealServer): number {
  return ipv4ToNumber(a.ip) - ipv4ToNumber(b.ip) || a.port - b.port;
}

/** ipvsadm's version line for the kernel's IPVS 1.2.1 with a 4096-entry connection table. */
const versionLine = 'IP Virtual Server version 1.2.1 (size=4096)';

// Models ipvsadm.c list_all / print_title / print_service_entry for `ipvsadm -Ln` (sorted, numeric).
/** What `ipvsadm -Ln` prints for a table's services (IpvsTable.view). */
export function ipvsadmList(services: readonly VirtualServer[]): string {
  const lines = [versionLine, 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  for (const vs of [...services].sort(compareServices)) {
    lines.push(`${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.timeoutS}` : ''}`);
    for (const d of [...vs.dests].sort(compareDests)) {
      lines.push(`  -> ${`${d.ip}:${d.port}`.padEnd(28)} ${'Masq'.padEnd(7)} ${String(d.weight).padEnd(6)} ${String(d.activeConns).padEnd(10)} ${String(d.inactiveConns).padEnd(10)}`);
    }
  }
  return lines.join('\n') + '\n';
}
