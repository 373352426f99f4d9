// The files a container finds in /etc that nobody put in its image: /etc/hosts, which the kubelet
// writes for each pod (kubelet_pods.go makeHostsMount, managedHostsFileContent), and
// /etc/resolv.conf and /etc/hostname, which containerd writes into the sandbox from the DNS config
// the kubelet computes (pkg/kubelet/network/dns/dns.go GetPodDNS; containerd's parseDNSOptions).
// They are mounted into every container of the pod, so `cat /etc/resolv.conf` in an exec, a probe or
// PID 1 reads the same text.

import type { Pod, PodDNSConfig } from '../../api/types';
import type { FileStore } from '../programs/fs';
import type { Mount } from '../runtime/cri';

/** The kubelet's --cluster-dns and --cluster-domain as kubeadm configures them. */
export const clusterDNS = ['10.96.0.10'];
export const clusterDomain = 'cluster.local';

/** The node's own /etc/resolv.conf (what dnsPolicy Default and host-network pods get). */
export const hostResolvConf = { servers: ['10.0.0.1'], searches: [] as string[], options: [] as string[] };

/** A pod's resolver configuration (CRI DNSConfig). */
export interface DNSConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

const omitDuplicates = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

// Models pkg/kubelet/network/dns/dns.go mergeDNSOptions: a pod's option replaces the host's of the same name
// (upstream's order is a Go map's; here the host's options first, then the pod's new ones).
function mergeOptions(existing: string[], extra: { name?: string; value?: string }[]): string[] {
  const out = new Map<string, string>();
  for (const o of existing) out.set(o.split(':')[0], o);
  for (const o of extra) if (o.name) out.set(o.name, o.value ? `${o.name}:${o.value}` : o.name);
  return [...out.values()];
}

// Models pkg/kubelet/network/dns/dns.go appendDNSConfig.
function appendDNSConfig(base: DNSConfig, pod: PodDNSConfig): DNSConfig {
  return {
    servers: omitDuplicates([...base.servers, ...(pod.nameservers ?? [])]),
    searches: omitDuplicates([...base.searches, ...(pod.searches ?? [])]),
    options: mergeOptions(base.options, pod.options ?? []),
  };
}

/** The kubelet's DNS settings: --cluster-dns, --cluster-domain and the node's resolv.conf. */
export interface DNSConfigurer {
  clusterDNS: string[];
  clusterDomain: string;
  host: DNSConfig;
}

/** This cluster's: kubeadm's 10.96.0.10 and cluster.local. */
export const defaultDNSConfigurer: DNSConfigurer = { clusterDNS, clusterDomain, host: hostResolvConf };

// Models pkg/kubelet/network/dns/dns.go GetPodDNS (with getPodDNSType and generateSearchesForDNSClusterFirst).
/** The DNS config of a pod: ClusterFirst points at the cluster DNS with the namespace's search path. */
export function podDNS(pod: Pod, c: DNSConfigurer = defaultDNSConfigurer): DNSConfig {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNet = pod.spec?.hostNetwork === true;
  let cfg: DNSConfig = { servers: [...c.host.servers], searches: [...c.host.searches], options: [...c.host.options] };
  if (policy === 'None') cfg = { servers: [], searches: [], options: [] };
  else if ((policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !hostNet)) && c.clusterDNS.length > 0) {
    const ns = pod.metadata.namespace ?? 'default';
    const searches = c.clusterDomain ? omitDuplicates([`${ns}.svc.${c.clusterDomain}`, `svc.${c.clusterDomain}`, c.clusterDomain, ...cfg.searches]) : cfg.searches;
    cfg = { servers: [...c.clusterDNS], searches, options: ['ndots:5'] };
  }
  if (pod.spec?.dnsConfig) cfg = appendDNSConfig(cfg, pod.spec.dnsConfig);
  return cfg;
}

// Models containerd's pkg/cri parseDNSOptions: search, nameserver lines, options.
/** /etc/resolv.conf of a DNS config. */
export function resolvConf(cfg: DNSConfig): string {
  let out = '';
  if (cfg.searches.length > 0) out += `search ${cfg.searches.join(' ')}\n`;
  for (const s of cfg.servers) out += `nameserver ${s}\n`;
  if (cfg.options.length > 0) out += `options ${cfg.options.join(' ')}\n`;
  return out;
}

// Models pkg/kubelet/kubelet_pods.go managedHostsFileContent (and hostsEntriesFromHostAliases).
/** The /etc/hosts the kubelet writes for a pod with `podIPs`. */
export function hostsFile(pod: Pod, podIPs: string[]): string {
  const hostNet = pod.spec?.hostNetwork === true;
  let out = hostNet ? '# Kubernetes-managed hosts file (host network).\n' : '# Kubernetes-managed hosts file.\n';
  out += '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (!hostNet) {
    const name = podHostname(pod);
    const sub = pod.spec?.subdomain;
    const domain = sub ? `${sub}.${pod.metadata.namespace ?? 'default'}.svc.${clusterDomain}` : '';
    for (const ip of podIPs) out += domain ? `${ip}\t${name}.${domain}\t${name}\n` : `${ip}\t${name}\n`;
  }
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}

// The pod's hostname (spec.hostname, else its name, at most 63 characters), as GeneratePodHostNameAndDomain does.
function podHostname(pod: Pod): string {
  return (pod.spec?.hostname ?? pod.metadata.name ?? '').slice(0, 63);
}

/**
 * The kubelet- and sandbox-managed files of a container, as one mount of its /etc (the simulated
 * images ship no files there): hosts, resolv.conf and hostname, fresh for every container instance.
 * It goes after the container's own mounts, so a volume mounted at /etc or one of these files wins,
 * as upstream skips its /etc/hosts mount then. `nodeName` is a host-network pod's hostname.
 */
export function managedEtcMount(pod: Pod, podIP: string, nodeName: string): Mount {
  const hostname = pod.spec?.hostNetwork ? nodeName : podHostname(pod);
  const store: FileStore = new Map([
    ['/hosts', hostsFile(pod, podIP ? [podIP] : [])],
    ['/resolv.conf', resolvConf(podDNS(pod))],
    ['/hostname', `${hostname}\n`],
  ]);
  return { containerPath: '/etc', readonly: false, store };
}
