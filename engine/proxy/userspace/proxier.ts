// kube-proxy's userspace mode (removed upstream in 1.26, kept here to compare): every Service port
// gets a proxy socket on a port of the node; iptables REDIRECTs (from pods) or DNATs (from the node)
// the cluster IP to it; kube-proxy itself accepts the connection, picks an endpoint round robin
// (with ClientIP affinity), dials it and copies bytes both ways — the extra hop through user space.
// A dial that fails is retried on the next endpoint with growing timeouts. Models
// pkg/proxy/userspace/proxier.go (v1.25: iptablesContainerPortalArgs, iptablesHostPortalArgs,
// tryConnectTCP's EndpointDialTimeouts) and pkg/proxy/userspace/roundrobin.go (LoadBalancerRR).

import type { Rng } from '../../sim/rng';
import type { EndpointInfo } from '../endpointschangetracker';
import { parseRule, type Rule, type Table } from '../iptables/rules';
import { servicePortKey, type ServicePortInfo } from '../serviceport';

/** EndpointDialTimeouts: each failed dial tries the next endpoint with the next timeout (ms). */
export const endpointDialTimeoutsMs = [250, 500, 1000, 2000];

/** Linux's default ip_local_port_range, where a proxy socket bound to port 0 lands. */
const ephemeralPorts: [number, number] = [32768, 60999];

interface LbState {
  endpoints: string[];
  index: number;
  affinity: 'None' | 'ClientIP';
  ttlSeconds: number;
  affinityMap: Map<string, { endpoint: string; lastUsed: number }>;
}

/** The userspace proxier of one node. */
export class UserspaceProxier {
  /** Proxy port of each Service port (by servicePortKey). */
  readonly proxyPorts = new Map<string, number>();
  private readonly lb = new Map<string, LbState>();

  constructor(private readonly rng: Rng) {}

  // Models proxier.go OnServiceUpdate (a socket per port) and roundrobin.go OnEndpointsUpdate (shuffled endpoints, index 0).
  /** Opens and closes proxy sockets and loads the balancer for this state; answers the sockets opened and closed. */
  sync(ports: ServicePortInfo[], endpointsOf: (p: ServicePortInfo) => EndpointInfo[]): number {
    let changes = 0;
    const want = new Set<string>();
    for (const p of ports) {
      const key = servicePortKey(p.name);
      want.add(key);
      if (!this.proxyPorts.has(key)) {
        this.proxyPorts.set(key, this.freePort());
        changes++;
      }
      const eps = endpointsOf(p)
        .filter((e) => e.ready)
        .map((e) => e.endpoint)
        .sort();
      let st = this.lb.get(key);
      if (!st) this.lb.set(key, (st = { endpoints: [], index: 0, affinity: 'None', ttlSeconds: 0, affinityMap: new Map() }));
      st.affinity = p.sessionAffinity;
      st.ttlSeconds = p.stickyMaxAgeSeconds;
      if (st.endpoints.length !== eps.length || [...st.endpoints].sort().join() !== eps.join()) {
        st.endpoints = this.shuffle(eps);
        st.index = 0;
        for (const [ip, a] of st.affinityMap) if (!eps.includes(a.endpoint)) st.affinityMap.delete(ip);
      }
    }
    for (const key of [...this.proxyPorts.keys()]) {
      if (want.has(key)) continue;
      this.proxyPorts.delete(key);
      this.lb.delete(key);
      changes++;
    }
    return changes;
  }

  /** The Service port a proxy port serves. */
  portOwner(proxyPort: number): string | undefined {
    for (const [k, v] of this.proxyPorts) if (v === proxyPort) return k;
    return undefined;
  }

  // Models roundrobin.go NextEndpoint: the client's affinity first (unless reset), else the next in turn.
  /** The endpoint for a new connection from `clientIP`; null when the port has none. */
  nextEndpoint(key: string, clientIP: string, affinityReset: boolean, now: number): string | null {
    const st = this.lb.get(key);
    if (!st || st.endpoints.length === 0) return null;
    if (st.affinity === 'ClientIP' && !affinityReset) {
      const a = st.affinityMap.get(clientIP);
      if (a && now - a.lastUsed < st.ttlSeconds * 1000) {
        a.lastUsed = now;
        return a.endpoint;
      }
    }
    const endpoint = st.endpoints[st.index];
    st.index = (st.index + 1) % st.endpoints.length;
    if (st.affinity === 'ClientIP') st.affinityMap.set(clientIP, { endpoint, lastUsed: now });
    return endpoint;
  }

  /** Closes every proxy socket (leaving userspace mode). */
  cleanup(): void {
    this.proxyPorts.clear();
    this.lb.clear();
  }

  // Models proxier.go iptablesContainerPortalArgs / iptablesHostPortalArgs and the jumps iptablesInit makes.
  /** The nat table userspace mode programs. */
  natTable(ports: ServicePortInfo[], nodeIP: string): Table {
    const rules: Rule[] = [];
    const w = (chain: string, words: string[]) => rules.push(parseRule(chain, words));
    w('PREROUTING', ['-m', 'comment', '--comment', 'handle ClusterIPs; NOTE: this must be before the NodePort rules', '-j', 'KUBE-PORTALS-CONTAINER']);
    w('PREROUTING', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', 'handle service NodePorts; NOTE: this must be the last rule in the chain', '-j', 'KUBE-NODEPORT-CONTAINER']);
    w('OUTPUT', ['-m', 'comment', '--comment', 'handle ClusterIPs; NOTE: this must be before the NodePort rules', '-j', 'KUBE-PORTALS-HOST']);
    w('OUTPUT', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', 'handle service NodePorts; NOTE: this must be the last rule in the chain', '-j', 'KUBE-NODEPORT-HOST']);
    for (const p of ports) {
      const proxyPort = this.proxyPorts.get(servicePortKey(p.name));
      if (proxyPort === undefined) continue;
      const proto = p.protocol.toLowerCase();
      const common = (ip: string | null, port: number) => ['-m', 'comment', '--comment', p.nameString, '-p', proto, '-m', proto, '--dport', String(port), ...(ip ? ['-d', `${ip}/32`] : [])];
      for (const ip of [p.clusterIP, ...p.externalIPs, ...p.loadBalancerVIPs]) {
        w('KUBE-PORTALS-CONTAINER', [...common(ip, p.port), '-j', 'REDIRECT', '--to-ports', String(proxyPort)]);
        w('KUBE-PORTALS-HOST', [...common(ip, p.port), '-j', 'DNAT', '--to-destination', `${nodeIP}:${proxyPort}`]);
      }
      if (p.nodePort) {
        w('KUBE-NODEPORT-CONTAINER', [...common(null, p.nodePort), '-j', 'REDIRECT', '--to-ports', String(proxyPort)]);
        w('KUBE-NODEPORT-HOST', [...common(null, p.nodePort), '-j', 'DNAT', '--to-destination', `${nodeIP}:${proxyPort}`]);
      }
    }
    return { name: 'nat', builtins: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], chains: ['KUBE-PORTALS-CONTAINER', 'KUBE-PORTALS-HOST', 'KUBE-NODEPORT-CONTAINER', 'KUBE-NODEPORT-HOST', 'KUBE-KUBELET-CANARY'], rules };
  }

  private freePort(): number {
    const used = new Set(this.proxyPorts.values());
    for (;;) {
      const p = this.rng.int(ephemeralPorts[0], ephemeralPorts[1] + 1);
      if (!used.has(p)) return p;
    }
  }

  // ShuffleStrings, with the process's seeded random.
  private shuffle(xs: string[]): string[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
