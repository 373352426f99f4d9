// CoreDNS and cluster DNS: the wire (protocol), the kubernetes plugin and the kubeadm Corefile's
// chain (resolver), its cache, a pod's resolv.conf and search path, BIND's nslookup, the kubeadm
// addon objects, and the coredns process kind.
export * from './protocol';
export { addonObjects, corednsAddonObjects, corednsImage, corednsServiceAccount, corednsUser, kubeadmCorefile, type AddonObject } from './addon';
export { DnsCache, kubeadmCacheConfig, type CacheConfig, type CacheStats } from './cache';
export { dnsSchemaVersion, kubeadmKubernetesConfig, parseRequest, serveKubernetes, type KubernetesConfig, type KubernetesState } from './kubernetes';
export { DnsObjects, toDnsEndpoints, toDnsService, type DnsEndpoints, type DnsPod, type DnsService } from './objects';
export { inspectDns, noUpstreamMessage, resolve, toDnsAnswer, type DnsInspection, type ResolveContext } from './resolver';
export { continueSearch, formatResolvConf, kubeadmClusterDns, ndotsOf, parseResolvConf, podResolvConf, searchCandidates, type ClusterDnsSettings, type ResolvConf, type ResolverLibrary } from './search';
export { nslookup, runNslookup, type NslookupQuestion, type NslookupReply, type NslookupResult } from './nslookup';
export { addressFromReverse, parseIP, reverseName } from './names';
export type { DnsMsg } from './backend';
export { CorednsProcess, corednsKind, corednsToken, corednsTokens, type CorednsConfig } from './server';
