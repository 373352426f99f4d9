// CoreDNS's cache plugin (plugin/cache, 1.11.3) as kubeadm configures it (`cache 30`): positive
// answers and denials (NXDOMAIN, NODATA) are kept for their smallest TTL clamped to [5 s, 30 s],
// SERVFAILs for 5 s; a hit is served with the TTLs counted down and the AA bit set; every answer
// written through it leaves with its TTLs set to the time it is cached for. Errors the server
// writes itself (a failed forward) never pass through it and are not cached.

import type { DnsType } from './protocol';
import type { DnsMsg } from './backend';

/** The plugin's settings, seconds. */
export interface CacheConfig {
  successTTL: number;
  denialTTL: number;
  minSuccessTTL: number;
  minDenialTTL: number;
  servfailTTL: number;
  /** Entries per cache (success, denial). */
  capacity: number;
}

/** `cache 30`: both TTL caps 30 s, CoreDNS's defaults otherwise (its 256 shards of 39 entries hold 9984). */
export const kubeadmCacheConfig: CacheConfig = { successTTL: 30, denialTTL: 30, minSuccessTTL: 5, minDenialTTL: 5, servfailTTL: 5, capacity: 9984 };

/** The lowest TTL CoreDNS uses, and the highest (dnsutil.MinimalDefaultTTL, MaximumDefaulTTL). */
const minimalDefaultTTL = 5;
const maximumDefaultTTL = 3600;

/** response.Type. */
export type ResponseType = 'NoError' | 'NameError' | 'ServerError' | 'NoData' | 'Delegation' | 'Meta' | 'OtherError';

// Models plugin/pkg/response/typify.go Typify.
export function typify(m: DnsMsg, qtype: DnsType): ResponseType {
  if (qtype === 'AXFR' || qtype === 'IXFR') return 'Meta';
  if (m.answer.length > 0 && m.rcode === 'NOERROR') return 'NoError';
  const soa = m.ns.some((r) => r.type === 'SOA');
  const ns = m.ns.filter((r) => r.type === 'NS').length;
  if (soa && m.rcode === 'NOERROR') return 'NoData';
  if (soa && m.rcode === 'NXDOMAIN') return 'NameError';
  if (m.rcode === 'SERVFAIL' || m.rcode === 'NOTIMP') return 'ServerError';
  if (ns > 0 && m.rcode === 'NOERROR') return 'Delegation';
  if (m.rcode === 'NOERROR') return 'NoError';
  return 'OtherError';
}

// Models plugin/pkg/dnsutil/ttl.go MinimalTTL.
function minimalTTL(m: DnsMsg, t: ResponseType): number {
  if (t !== 'NoError' && t !== 'NameError' && t !== 'NoData') return minimalDefaultTTL;
  if (m.answer.length + m.ns.length === 0 && m.extra.length === 0) return minimalDefaultTTL;
  let min = maximumDefaultTTL;
  for (const r of [...m.answer, ...m.ns, ...m.extra]) if (r.ttl < min) min = r.ttl;
  return min;
}

const clamp = (ttl: number, min: number, max: number) => Math.min(max, Math.max(min, ttl));

interface Item {
  name: string;
  type: DnsType;
  msg: DnsMsg;
  origTTL: number;
  storedMs: number;
}

/** Counters, for telemetry (coredns_cache_* metrics). */
export interface CacheStats {
  hits: number;
  misses: number;
  successSize: number;
  denialSize: number;
  evictions: number;
}

/** A success cache and a denial cache, keyed by lowercased name and type. */
export class DnsCache {
  private readonly success = new Map<string, Item>();
  private readonly denial = new Map<string, Item>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly config: CacheConfig = kubeadmCacheConfig) {}

  /** Answers from the cache, or asks `next` and caches what it writes (Cache.ServeDNS). */
  serve(qname: string, type: DnsType, nowMs: number, next: () => DnsMsg): DnsMsg {
    const key = `${qname.toLowerCase()}|${type}`;
    const item = this.lookup(this.denial, key, qname, type, nowMs) ?? this.lookup(this.success, key, qname, type, nowMs);
    if (item) {
      this.hits++;
      const ttl = remaining(item, nowMs);
      return { ...withTTL(item.msg, ttl), authoritative: true };
    }
    this.misses++;
    const res = next();
    // Written by the server itself, outside the plugin chain: the cache never sees it.
    if (res.error !== undefined) return res;
    const t = typify(res, type);
    const msgTTL = minimalTTL(res, t);
    const c = this.config;
    const duration = t === 'NameError' || t === 'NoData' ? clamp(msgTTL, c.minDenialTTL, c.denialTTL) : t === 'ServerError' ? c.servfailTTL : clamp(msgTTL, c.minSuccessTTL, c.successTTL);
    const cacheable = !res.truncated && t !== 'OtherError' && t !== 'Meta';
    const out = withTTL(res, duration);
    if (cacheable && duration > 0) {
      const target = t === 'NoError' || t === 'Delegation' ? this.success : this.denial;
      this.put(target, key, { name: qname, type, msg: structuredClone(out), origTTL: duration, storedMs: nowMs });
    }
    return out;
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, successSize: this.success.size, denialSize: this.denial.size, evictions: this.evictions };
  }

  private lookup(m: Map<string, Item>, key: string, qname: string, type: DnsType, nowMs: number): Item | null {
    const i = m.get(key);
    if (!i) return null;
    // An expired item stays until it is replaced or evicted, as in CoreDNS (its size metric counts it).
    if (remaining(i, nowMs) <= 0) return null;
    return i.type === type && i.name.toLowerCase() === qname.toLowerCase() ? i : null;
  }

  private put(m: Map<string, Item>, key: string, item: Item): void {
    m.delete(key);
    // CoreDNS evicts a random entry of a full shard; the oldest goes here (see FIDELITY).
    if (m.size >= this.config.capacity) {
      m.delete(m.keys().next().value!);
      this.evictions++;
    }
    m.set(key, item);
  }
}

/** Whole seconds left (item.ttl: origTTL minus the seconds elapsed, truncated). */
function remaining(i: Item, nowMs: number): number {
  return i.origTTL - Math.trunc((nowMs - i.storedMs) / 1000);
}

/** `m` with every record's TTL set to `ttl` (filterRRSlice). */
function withTTL(m: DnsMsg, ttl: number): DnsMsg {
  const set = (rs: DnsMsg['answer']) => rs.map((r) => ({ ...r, ttl }));
  return { ...m, answer: set(m.answer), ns: set(m.ns), extra: set(m.extra) };
}
