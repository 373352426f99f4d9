// A pod's /etc/resolv.conf as the kubelet builds it (pkg/kubelet/network/dns/dns.go GetPodDNS)
// and containerd writes it, and the names a stub resolver tries for one lookup: glibc's
// res_nsearch (resolv/res_query.c) and musl's name_from_dns_search (src/network/lookup_name.c).

import type { Pod } from '../api/types';
import { clusterDnsIP, clusterDomain, type Rcode } from './protocol';

/** resolv.conf, parsed. */
export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  /** `ndots:5`, `timeout:2`, `edns0`, …, as written. */
  options: string[];
}

/** What the kubelet's --cluster-dns and --cluster-domain say (kubeadm: 10.96.0.10, cluster.local). */
export interface ClusterDnsSettings {
  clusterDNS: string[];
  clusterDomain: string;
  /** The node's own resolv.conf (--resolv-conf): empty in Kubeplay, which has no network outside the cluster. */
  host: ResolvConf;
}

/** kubeadm's kubelet settings. */
export const kubeadmClusterDns: ClusterDnsSettings = { clusterDNS: [clusterDnsIP], clusterDomain, host: { nameservers: [], searches: [], options: [] } };

const omitDuplicates = (xs: string[]) => [...new Set(xs)];

// Models pkg/kubelet/network/dns/dns.go generateSearchesForDNSClusterFirst.
function clusterFirstSearches(pod: Pod, s: ClusterDnsSettings): string[] {
  const ns = pod.metadata.namespace ?? 'default';
  return omitDuplicates([`${ns}.svc.${s.clusterDomain}`, `svc.${s.clusterDomain}`, s.clusterDomain, ...s.host.searches]);
}

// Models pkg/kubelet/network/dns/dns.go mergeDNSOptions: a pod's dnsConfig option replaces one of the same name.
function mergeOptions(existing: string[], extra: { name: string; value?: string }[]): string[] {
  const byName = new Map<string, string>();
  for (const o of existing) byName.set(o.split(':')[0], o);
  for (const o of extra) byName.set(o.name, o.value !== undefined ? `${o.name}:${o.value}` : o.name);
  return [...byName.values()];
}

/** The resolv.conf a pod's containers get, by its dnsPolicy and dnsConfig (Configurer.GetPodDNS). */
export function podResolvConf(pod: Pod, s: ClusterDnsSettings = kubeadmClusterDns): ResolvConf {
  const spec = pod.spec;
  let policy = spec?.dnsPolicy ?? 'ClusterFirst';
  // ClusterFirst on the host network falls back to the node's own resolver (getPodDNSType).
  if (policy === 'ClusterFirst' && spec?.hostNetwork) policy = 'Default';
  let conf: ResolvConf;
  if (policy === 'None') conf = { nameservers: [], searches: [], options: [] };
  else if (policy === 'Default') conf = { nameservers: [...s.host.nameservers], searches: [...s.host.searches], options: [...s.host.options] };
  else conf = { nameservers: [...s.clusterDNS], searches: clusterFirstSearches(pod, s), options: ['ndots:5'] };
  const extra = spec?.dnsConfig;
  if (extra) {
    conf = {
      nameservers: omitDuplicates([...conf.nameservers, ...(extra.nameservers ?? [])]),
      searches: omitDuplicates([...conf.searches, ...(extra.searches ?? [])]),
      options: mergeOptions(conf.options, (extra.options ?? []).map((o) => ({ name: o.name ?? '', ...(o.value !== undefined ? { value: o.value } : {}) }))),
    };
  }
  return conf;
}

/** resolv.conf's text as containerd writes it: search, then nameservers, then options. */
export function formatResolvConf(c: ResolvConf): string {
  let out = '';
  if (c.searches.length) out += `search ${c.searches.join(' ')}\n`;
  for (const n of c.nameservers) out += `nameserver ${n}\n`;
  if (c.options.length) out += `options ${c.options.join(' ')}\n`;
  return out;
}

/** resolv.conf's text, read as glibc does (later `search` lines replace earlier ones; `domain` is a one-entry search). */
export function parseResolvConf(text: string): ResolvConf {
  const c: ResolvConf = { nameservers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'nameserver' && rest[0]) c.nameservers.push(rest[0]);
    else if (key === 'search') c.searches = rest;
    else if (key === 'domain' && rest[0]) c.searches = [rest[0]];
    else if (key === 'options') c.options.push(...rest);
  }
  return c;
}

/** The ndots option (1 when absent, capped at 15 as glibc caps it). */
export function ndotsOf(c: ResolvConf): number {
  let n = 1;
  for (const o of c.options) {
    const m = /^ndots:(\d+)$/.exec(o);
    if (m) n = Math.min(15, Number(m[1]));
  }
  return n;
}

/** Which stub resolver a program links: glibc (Debian, Ubuntu images) or musl (Alpine, busybox:musl). */
export type ResolverLibrary = 'glibc' | 'musl';

/**
 * The fully qualified names one lookup of `name` tries, in order. With fewer than ndots dots the
 * search list comes first and the name as is last; with ndots or more, glibc tries the name first
 * and then still the search list, musl the name alone; a final dot means the name alone.
 */
export function searchCandidates(name: string, conf: ResolvConf, lib: ResolverLibrary = 'glibc'): string[] {
  if (name.endsWith('.')) return [name];
  const dots = name.split('.').length - 1;
  const ndots = ndotsOf(conf);
  const asIs = `${name}.`;
  const searched = conf.searches.map((d) => `${name}.${d.replace(/\.$/, '')}.`);
  if (dots >= ndots) return lib === 'glibc' ? [asIs, ...searched] : [asIs];
  return [...searched, asIs];
}

/**
 * Whether a resolver goes on to the next candidate after an answer with `rcode` and `answers`
 * records. glibc goes on after NXDOMAIN, NODATA and SERVFAIL and stops at anything else; musl goes
 * on only after NXDOMAIN (NODATA and SERVFAIL end the lookup).
 */
export function continueSearch(lib: ResolverLibrary, rcode: Rcode, answers: number): boolean {
  if (rcode === 'NOERROR' && answers > 0) return false;
  if (lib === 'musl') return rcode === 'NXDOMAIN';
  return rcode === 'NXDOMAIN' || rcode === 'NOERROR' || rcode === 'SERVFAIL';
}
