// Kubeplay's engine, headless: the public contract of DESIGN.md for tests, benchmarks and scripts.
export { createCluster, replay, parseRecording, Cluster, etcdctlClientId } from './cluster';
export type { ClusterOptions, CommandResult, EtcdctlCallOptions, Recording, RecordedStep, StepVerb } from './cluster';
export type { RaftStatus } from './etcd/raft';
export type { MemberTelemetry, Profile } from './etcd';
export { SimHost, Rng } from './sim';
export type { TrafficRequest, TrafficResult, IpvsEntry, KubeProxyTelemetry, ProxyMode, IpvsSchedulerName } from './proxy';
export type { DnsInspection, DnsType, Rcode } from './dns';
