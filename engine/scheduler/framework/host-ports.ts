// HostPortInfo, as pkg/scheduler/framework/types.go: the host ports in use on a node, by host IP
// and protocol/port, with the rule that 0.0.0.0 conflicts with every IP.

import type { ContainerPort, Pod } from '../../api/types/core';

/** framework.DefaultBindAllHostIP. */
export const DefaultBindAllHostIP = '0.0.0.0';

function sanitize(ip: string | undefined, protocol: string | undefined): [string, string] {
  return [ip || DefaultBindAllHostIP, protocol || 'TCP'];
}

const key = (protocol: string, port: number) => `${protocol}/${port}`;

// Models pkg/scheduler/framework/types.go (HostPortInfo)
/** framework.HostPortInfo: host IP → set of "protocol/port". */
export class HostPortInfo {
  readonly byIP = new Map<string, Set<string>>();

  /** HostPortInfo.Add: a port ≤ 0 is ignored; an empty IP is 0.0.0.0, an empty protocol TCP. */
  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = sanitize(ip, protocol);
    const set = this.byIP.get(i) ?? new Set<string>();
    set.add(key(p, port));
    this.byIP.set(i, set);
  }

  /** HostPortInfo.Remove. */
  remove(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = sanitize(ip, protocol);
    const set = this.byIP.get(i);
    if (!set) return;
    set.delete(key(p, port));
    if (set.size === 0) this.byIP.delete(i);
  }

  /** HostPortInfo.Len: the number of (ip, protocol, port) entries. */
  len(): number {
    let n = 0;
    for (const s of this.byIP.values()) n += s.size;
    return n;
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with the port on any IP; another IP with itself and 0.0.0.0. */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    if (port <= 0) return false;
    const [i, p] = sanitize(ip, protocol);
    const k = key(p, port);
    if (i === DefaultBindAllHostIP) return [...this.byIP.values()].some((s) => s.has(k));
    return [DefaultBindAllHostIP, i].some((x) => this.byIP.get(x)?.has(k) ?? false);
  }

  /** A deep copy. */
  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, s] of this.byIP) c.byIP.set(ip, new Set(s));
    return c;
  }
}

// Models pkg/scheduler/util/utils.go (GetHostPorts)
/** The container ports of the pod's (regular) containers that ask for a host port. */
export function getHostPorts(pod: Pod): ContainerPort[] {
  return (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => (p.hostPort ?? 0) > 0));
}
