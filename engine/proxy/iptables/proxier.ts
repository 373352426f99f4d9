// kube-proxy's iptables mode: from the service port map and the endpoints map, the nat and filter
// tables it restores on every sync (KUBE-SERVICES capturing each cluster IP, external IP, load-
// balancer IP and node port; a KUBE-SVC-/KUBE-SVL- chain per port that picks an endpoint with
// `-m statistic --mode random --probability 1/n`, n counting down; a KUBE-SEP- chain per endpoint
// that DNATs; KUBE-EXT- for external destinations; REJECT/DROP in the filter table for ports with no
// usable endpoints). Models pkg/proxy/iptables/proxier.go (v1.32) syncProxyRules and
// writeServiceToEndpointRules, and its chain names (portProtoHash, servicePortEndpointChainName).

import type { EndpointInfo } from '../endpointschangetracker';
import { base32Std, sha256Text } from '../sha256';
import { portExternallyAccessible, usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from '../serviceport';
import { categorizeEndpoints } from '../topology';
import { computeProbability, parseRule, splitWords, type Rule, type Table } from './rules';

/** portProtoHash: the first 16 base32 characters of sha256(servicePortName + protocol). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32Std(sha256Text(servicePortName + protocol)).slice(0, 16);
}

/** KUBE-SVC-: the chain of a port's Cluster-policy endpoints. */
export function servicePortPolicyClusterChain(name: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(name, protocol)}`;
}

/** KUBE-SVL-: the chain of a port's Local-policy endpoints. */
export function servicePortPolicyLocalChainName(name: string, protocol: string): string {
  return `KUBE-SVL-${portProtoHash(name, protocol)}`;
}

/** KUBE-EXT-: external destinations of a port (node port, external and load-balancer IPs). */
export function serviceExternalChainName(name: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(name, protocol)}`;
}

/** KUBE-FW-: a port's loadBalancerSourceRanges firewall. */
export function serviceFirewallChainName(name: string, protocol: string): string {
  return `KUBE-FW-${portProtoHash(name, protocol)}`;
}

/** KUBE-SEP-: one endpoint of a port: base32(sha256(name + protocol + "ip:port"))[:16]. */
export function servicePortEndpointChainName(name: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32Std(sha256Text(name + protocol + endpoint)).slice(0, 16)}`;
}

/** What a sync is built from. */
export interface IptablesSyncInput {
  /** Every proxied port, in a stable order. */
  ports: ServicePortInfo[];
  /** A port's endpoints, by servicePortKey. */
  endpointsOf(port: ServicePortInfo): EndpointInfo[];
  nodeLabels: Record<string, string>;
  /** --cluster-cidr, for the local traffic detector (`! -s <cidr> -j KUBE-MARK-MASQ`). */
  clusterCIDR: string;
  /** 1 << masqueradeBit (14): 0x4000. */
  masqueradeMark: string;
  /** The Services changed since the last sync; null for a full sync. */
  changedServices: Set<string> | null;
}

/** What a sync produced. */
export interface IptablesSync {
  nat: Table;
  filter: Table;
  /** Rule lines given to iptables-restore (a partial sync leaves unchanged Services' chains out). */
  rulesWritten: number;
  /** Rules in the nat table after it. */
  natRules: number;
}

const natBuiltins = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'];
const filterBuiltins = ['INPUT', 'FORWARD', 'OUTPUT'];

/** Builds rules chain by chain, from words as kube-proxy writes them. */
class Rules {
  readonly rules: Rule[] = [];
  /** Chains in the order first declared (iptables-save's order), with a set beside it: a node has one KUBE-SEP chain per endpoint. */
  readonly chains: string[] = [];
  private readonly declared = new Set<string>();
  write(chain: string, words: string[], svc?: string): void {
    this.rules.push(parseRule(chain, words, svc));
  }
  chain(name: string): void {
    if (this.declared.has(name)) return;
    this.declared.add(name);
    this.chains.push(name);
  }
}

// Models pkg/proxy/iptables/proxier.go syncProxyRules (the nat and filter rules; the jump rules it ensures first).
/** The nat and filter tables kube-proxy's iptables mode programs for this state. */
export function buildIptables(input: IptablesSyncInput): IptablesSync {
  const nat = new Rules();
  const filter = new Rules();
  const mark = input.masqueradeMark;
  // The jump rules from the built-in chains (EnsureRule Prepend) and the canary chains.
  nat.write('PREROUTING', ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES']);
  nat.write('OUTPUT', ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES']);
  nat.write('POSTROUTING', ['-m', 'comment', '--comment', 'kubernetes postrouting rules', '-j', 'KUBE-POSTROUTING']);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY']) nat.chain(c);
  filter.write('INPUT', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL']);
  filter.write('INPUT', ['-m', 'comment', '--comment', 'kubernetes health check service ports', '-j', 'KUBE-NODEPORTS']);
  filter.write('INPUT', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes externally-visible service portals', '-j', 'KUBE-EXTERNAL-SERVICES']);
  filter.write('FORWARD', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL']);
  filter.write('FORWARD', ['-m', 'comment', '--comment', 'kubernetes forwarding rules', '-j', 'KUBE-FORWARD']);
  filter.write('FORWARD', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES']);
  filter.write('FORWARD', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes externally-visible service portals', '-j', 'KUBE-EXTERNAL-SERVICES']);
  filter.write('OUTPUT', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL']);
  filter.write('OUTPUT', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES']);
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY']) filter.chain(c);

  nat.write('KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN']);
  nat.write('KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', mark]);
  nat.write('KUBE-POSTROUTING', ['-m', 'comment', '--comment', 'kubernetes service traffic requiring SNAT', '-j', 'MASQUERADE', '--random-fully']);
  nat.write('KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', mark]);

  let written = 0;
  const isWritten = (svc: string) => input.changedServices === null || input.changedServices.has(svc);

  for (const svcInfo of input.ports) {
    const protocol = svcInfo.protocol.toLowerCase();
    const name = svcInfo.nameString;
    const svc = `${svcInfo.name.namespace}/${svcInfo.name.name}`;
    const port = String(svcInfo.port);
    const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints: hasEndpoints } = categorizeEndpoints(input.endpointsOf(svcInfo), svcInfo, input.nodeLabels);
    const clusterPolicyChain = servicePortPolicyClusterChain(name, protocol);
    const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(svcInfo);
    const localPolicyChain = servicePortPolicyLocalChainName(name, protocol);
    const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(svcInfo);
    let internalPolicyChain = clusterPolicyChain;
    let hasInternalEndpoints = hasEndpoints;
    if (svcInfo.internalPolicyLocal) {
      internalPolicyChain = localPolicyChain;
      if (localEndpoints.length === 0) hasInternalEndpoints = false;
    }
    let externalPolicyChain = clusterPolicyChain;
    let hasExternalEndpoints = hasEndpoints;
    if (svcInfo.externalPolicyLocal) {
      externalPolicyChain = localPolicyChain;
      if (localEndpoints.length === 0) hasExternalEndpoints = false;
    }
    const externalTrafficChain = serviceExternalChainName(name, protocol);
    const usesExternalTrafficChain = hasEndpoints && portExternallyAccessible(svcInfo);
    let internalFilterTarget = '';
    let internalFilterComment = '';
    let externalFilterTarget = '';
    let externalFilterComment = '';
    if (!hasEndpoints) {
      internalFilterTarget = externalFilterTarget = 'REJECT';
      internalFilterComment = externalFilterComment = `${name} has no endpoints`;
    } else {
      if (!hasInternalEndpoints) {
        internalFilterTarget = 'DROP';
        internalFilterComment = `${name} has no local endpoints`;
      }
      if (!hasExternalEndpoints) {
        externalFilterTarget = 'DROP';
        externalFilterComment = `${name} has no local endpoints`;
      }
    }
    const capture = ['-m', protocol, '-p', protocol];

    // Capture the cluster IP.
    if (hasInternalEndpoints) nat.write('KUBE-SERVICES', ['-m', 'comment', '--comment', `${name} cluster IP`, ...capture, '-d', svcInfo.clusterIP, '--dport', port, '-j', internalPolicyChain]);
    else filter.write('KUBE-SERVICES', ['-m', 'comment', '--comment', internalFilterComment, ...capture, '-d', svcInfo.clusterIP, '--dport', port, '-j', internalFilterTarget]);
    // Capture external IPs.
    for (const ip of svcInfo.externalIPs) {
      if (hasEndpoints) nat.write('KUBE-SERVICES', ['-m', 'comment', '--comment', `${name} external IP`, ...capture, '-d', ip, '--dport', port, '-j', externalTrafficChain]);
      if (!hasExternalEndpoints) filter.write('KUBE-EXTERNAL-SERVICES', ['-m', 'comment', '--comment', externalFilterComment, ...capture, '-d', ip, '--dport', port, '-j', externalFilterTarget]);
    }
    // Capture load-balancer ingress.
    for (const ip of svcInfo.loadBalancerVIPs) {
      if (hasEndpoints) nat.write('KUBE-SERVICES', ['-m', 'comment', '--comment', `${name} loadbalancer IP`, ...capture, '-d', ip, '--dport', port, '-j', externalTrafficChain]);
      if (!hasExternalEndpoints) filter.write('KUBE-EXTERNAL-SERVICES', ['-m', 'comment', '--comment', externalFilterComment, ...capture, '-d', ip, '--dport', port, '-j', externalFilterTarget]);
    }
    // Capture node ports.
    if (svcInfo.nodePort !== 0) {
      if (hasEndpoints) nat.write('KUBE-NODEPORTS', ['-m', 'comment', '--comment', name, ...capture, '--dport', String(svcInfo.nodePort), '-j', externalTrafficChain]);
      if (!hasExternalEndpoints)
        filter.write('KUBE-EXTERNAL-SERVICES', ['-m', 'comment', '--comment', externalFilterComment, '-m', 'addrtype', '--dst-type', 'LOCAL', ...capture, '--dport', String(svcInfo.nodePort), '-j', externalFilterTarget]);
    }
    if (svcInfo.healthCheckNodePort !== 0) filter.write('KUBE-NODEPORTS', ['-m', 'comment', '--comment', `${name} health check node port`, '-m', 'tcp', '-p', 'tcp', '--dport', String(svcInfo.healthCheckNodePort), '-j', 'ACCEPT']);

    // The per-Service chains; a partial sync leaves unchanged Services' ones out of the restore input.
    const before = nat.rules.length;
    if (hasInternalEndpoints) {
      nat.write(internalPolicyChain, ['-m', 'comment', '--comment', `${name} cluster IP`, ...capture, '-d', svcInfo.clusterIP, '--dport', port, '!', '-s', input.clusterCIDR, '-j', 'KUBE-MARK-MASQ'], svc);
    }
    if (usesExternalTrafficChain) {
      nat.chain(externalTrafficChain);
      if (!svcInfo.externalPolicyLocal) nat.write(externalTrafficChain, ['-m', 'comment', '--comment', `masquerade traffic for ${name} external destinations`, '-j', 'KUBE-MARK-MASQ'], svc);
      else {
        nat.write(externalTrafficChain, ['-m', 'comment', '--comment', `pod traffic for ${name} external destinations`, '-s', input.clusterCIDR, '-j', clusterPolicyChain], svc);
        nat.write(externalTrafficChain, ['-m', 'comment', '--comment', `masquerade LOCAL traffic for ${name} external destinations`, '-m', 'addrtype', '--src-type', 'LOCAL', '-j', 'KUBE-MARK-MASQ'], svc);
        nat.write(externalTrafficChain, ['-m', 'comment', '--comment', `route LOCAL traffic for ${name} external destinations`, '-m', 'addrtype', '--src-type', 'LOCAL', '-j', clusterPolicyChain], svc);
      }
      if (hasExternalEndpoints) nat.write(externalTrafficChain, ['-j', externalPolicyChain], svc);
    }
    if (usesClusterPolicyChain) {
      nat.chain(clusterPolicyChain);
      writeServiceToEndpointRules(nat, name, svcInfo, clusterPolicyChain, clusterEndpoints, svc);
    }
    if (usesLocalPolicyChain) {
      nat.chain(localPolicyChain);
      writeServiceToEndpointRules(nat, name, svcInfo, localPolicyChain, localEndpoints, svc);
    }
    for (const ep of allReachableEndpoints) {
      const sep = servicePortEndpointChainName(name, protocol, ep.endpoint);
      nat.chain(sep);
      nat.write(sep, ['-m', 'comment', '--comment', name, '-s', ep.ip, '-j', 'KUBE-MARK-MASQ'], svc);
      const recent = svcInfo.sessionAffinity === 'ClientIP' ? ['-m', 'recent', '--name', sep, '--set'] : [];
      nat.write(sep, ['-m', 'comment', '--comment', name, ...recent, ...capture, '-j', 'DNAT', '--to-destination', ep.endpoint], svc);
    }
    if (isWritten(svc)) written += nat.rules.length - before;
  }

  // Finally, tail-call to the node ports chain (nodePortAddresses matches all).
  nat.write('KUBE-SERVICES', ['-m', 'comment', '--comment', 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODEPORTS']);
  filter.write('KUBE-FORWARD', ['-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP']);
  filter.write('KUBE-FORWARD', ['-m', 'comment', '--comment', 'kubernetes forwarding rules', '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT']);
  filter.write('KUBE-FORWARD', ['-m', 'comment', '--comment', 'kubernetes forwarding conntrack rule', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']);

  const perService = nat.rules.filter((r) => r.svc).length;
  const natRules = nat.rules.length;
  written += natRules - perService + filter.rules.length;
  return {
    nat: { name: 'nat', builtins: natBuiltins, chains: nat.chains, rules: nat.rules },
    filter: { name: 'filter', builtins: filterBuiltins, chains: filter.chains, rules: filter.rules },
    rulesWritten: written,
    natRules,
  };
}

// Models proxier.go writeServiceToEndpointRules: affinity checks first, then 1/n, 1/(n-1), …, the last unconditional.
function writeServiceToEndpointRules(nat: Rules, name: string, svcInfo: ServicePortInfo, chain: string, endpoints: EndpointInfo[], svc: string): void {
  const protocol = svcInfo.protocol.toLowerCase();
  if (svcInfo.sessionAffinity === 'ClientIP') {
    for (const ep of endpoints) {
      const sep = servicePortEndpointChainName(name, protocol, ep.endpoint);
      nat.write(chain, ['-m', 'comment', '--comment', `${name} -> ${ep.endpoint}`, '-m', 'recent', '--name', sep, '--rcheck', '--seconds', String(svcInfo.stickyMaxAgeSeconds), '--reap', '-j', sep], svc);
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const sep = servicePortEndpointChainName(name, protocol, ep.endpoint);
    const stat = i < n - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', computeProbability(n - i)] : [];
    nat.write(chain, ['-m', 'comment', '--comment', `${name} -> ${ep.endpoint}`, ...stat, '-j', sep], svc);
  });
}

/** Parses `-A CHAIN words…` lines (upstream's test data) into rules. */
export function parseRestoreLines(text: string): Rule[] {
  const out: Rule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('-A ')) continue;
    const words = splitWords(line);
    out.push(parseRule(words[1], words.slice(2)));
  }
  return out;
}
