// The CoreDNS server block kubeadm writes, as one pure function: a question goes through the
// plugins in CoreDNS's compiled order (plugin.cfg), not the Corefile's — loadbalance, then cache,
// then kubernetes, then forward. `forward . /etc/resolv.conf` has no Internet to reach inside
// Kubeplay: every name outside the cluster zone gets SERVFAIL with a message that says so, as a
// CoreDNS whose upstream does not answer gives (see FIDELITY). errors, health, ready, prometheus,
// loop and reload do not change answers and are left out.

import type { DnsAnswer, DnsQuery, DnsRecord, DnsType, Rcode } from './protocol';
import type { DnsMsg } from './backend';
import type { DnsCache } from './cache';
import { kubeadmKubernetesConfig, serveKubernetes, type KubernetesConfig, type KubernetesState } from './kubernetes';
import { fqdn } from './names';

/** Everything a question is answered from. */
export interface ResolveContext {
  kubernetes?: KubernetesConfig;
  state: KubernetesState;
  /** The cache plugin's state; absent: no cache (inspect reads the cluster as it is now). */
  cache?: DnsCache;
  /** Simulated ms, for the cache. */
  nowMs?: number;
  /** Random 16-bit message ids (dns.Id) for loadbalance's shuffle; absent: records keep their order. */
  id?: () => number;
}

/** Why names outside the cluster fail: there is no upstream resolver in the simulation. */
export const noUpstreamMessage = 'no upstream DNS server: Kubeplay runs no network outside the cluster, so forward . /etc/resolv.conf has nowhere to send it';

/** The answer to one question through the whole server (dnsserver.Server.ServeDNS). */
export function resolve(ctx: ResolveContext, name: string, type: DnsType): DnsMsg {
  const qname = fqdn(name);
  const k = ctx.kubernetes ?? kubeadmKubernetesConfig;
  const lookup = (n: string, t: DnsType) => resolve(ctx, n, t);
  const inner = (): DnsMsg => serveKubernetes(k, ctx.state, qname, type, lookup) ?? forward(qname, type);
  const m = ctx.cache ? ctx.cache.serve(qname, type, ctx.nowMs ?? 0, inner) : inner();
  return m.error === undefined && m.rcode === 'NOERROR' && type !== 'AXFR' && type !== 'IXFR' ? loadbalance(m, ctx.id) : m;
}

// The forward plugin without an upstream: it fails, and the server writes SERVFAIL (no AA, no RA).
function forward(qname: string, type: DnsType): DnsMsg {
  return { rcode: 'SERVFAIL', answer: [], ns: [], extra: [], authoritative: false, recursionAvailable: false, truncated: false, error: `plugin/errors: 2 ${qname} ${type}: ${noUpstreamMessage}` };
}

// Models plugin/loadbalance/loadbalance.go: CNAMEs first, then other records, then addresses
// (shuffled), then MX (shuffled).
function loadbalance(m: DnsMsg, id: (() => number) | undefined): DnsMsg {
  return { ...m, answer: roundRobin(m.answer, id), ns: roundRobin(m.ns, id), extra: roundRobin(m.extra, id) };
}

function roundRobin(rs: DnsRecord[], id: (() => number) | undefined): DnsRecord[] {
  const cname = rs.filter((r) => r.type === 'CNAME');
  const address = rs.filter((r) => r.type === 'A' || r.type === 'AAAA');
  const mx = rs.filter((r) => r.type === 'MX');
  const rest = rs.filter((r) => !['CNAME', 'A', 'AAAA', 'MX'].includes(r.type));
  if (id) {
    shuffle(address, id);
    shuffle(mx, id);
  }
  return [...cname, ...rest, ...address, ...mx];
}

function shuffle(rs: DnsRecord[], id: () => number): void {
  const l = rs.length;
  if (l < 2) return;
  if (l === 2) {
    if (id() % 2 === 0) [rs[0], rs[1]] = [rs[1], rs[0]];
    return;
  }
  for (let j = 0; j < l; j++) {
    const p = j + (id() % (l - j));
    if (p !== j) [rs[j], rs[p]] = [rs[p], rs[j]];
  }
}

/** A message as the answer datagram to `q`. */
export function toDnsAnswer(q: Pick<DnsQuery, 'id' | 'name' | 'type'>, m: DnsMsg): DnsAnswer {
  return {
    op: 'dnsAnswer',
    id: q.id,
    name: fqdn(q.name),
    type: q.type,
    rcode: m.rcode,
    answers: m.answer,
    authority: m.ns,
    additional: m.extra,
    authoritative: m.authoritative,
    recursionAvailable: m.recursionAvailable,
    truncated: m.truncated,
    ...(m.error !== undefined ? { error: m.error } : {}),
  };
}

/** What DESIGN.md's `c.inspect.dns(name, type)` shows: the rcode and each answer's RDATA. */
export interface DnsInspection {
  rcode: Rcode;
  answers: string[];
  /** The same answers as zone file lines. */
  records: string[];
  error?: string;
}

/** Answers `name`/`type` from the cluster as it is now: no cache, no shuffle. */
export function inspectDns(state: KubernetesState, name: string, type: DnsType = 'A', kubernetes?: KubernetesConfig): DnsInspection {
  const m = resolve({ state, kubernetes }, name, type);
  return {
    rcode: m.rcode,
    answers: m.answer.map((r) => r.data),
    records: m.answer.map((r) => `${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.data}`),
    ...(m.error !== undefined ? { error: m.error } : {}),
  };
}
