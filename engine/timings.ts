// The control plane's timing flags, one table for every component, in the two profiles DESIGN.md
// names: `realistic` is upstream's defaults for Kubernetes 1.32 (each with the flag it is), `fast`
// keeps every ratio and divides durations by ten, so a killed node's pods come back within seconds
// on screen. Rates (qps) and counts are the same in both. Components read their values by name.

import type { Profile } from './etcd/server/timing';

/** Durations in simulated ms; rates per second; thresholds as fractions or counts. */
export interface Timings {
  // kube-controller-manager / kube-scheduler leader election (--leader-elect-*).
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  // node lifecycle controller.
  /** --node-monitor-period. */
  nodeMonitorPeriodMs: number;
  /** --node-monitor-grace-period. */
  nodeMonitorGracePeriodMs: number;
  /** --node-startup-grace-period. */
  nodeStartupGracePeriodMs: number;
  /** --node-eviction-rate (nodes per second). */
  nodeEvictionRate: number;
  /** --secondary-node-eviction-rate. */
  secondaryNodeEvictionRate: number;
  /** --large-cluster-size-threshold (nodes). */
  largeClusterSizeThreshold: number;
  /** --unhealthy-zone-threshold (fraction of not-ready nodes). */
  unhealthyZoneThreshold: number;
  /** kube-apiserver --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds, as ms. */
  defaultTolerationMs: number;
  /** --terminated-pod-gc-threshold (pods). */
  terminatedPodGcThreshold: number;
  /** PodGC's period (gcCheckPeriod 20 s) and its quarantine for orphaned pods (40 s). */
  podGcPeriodMs: number;
  /** PodGC's quarantineTime: how long a pod's missing node must stay missing before its pods are deleted. */
  podGcQuarantineMs: number;
  /** The namespace controller's namespaceDeletionGracePeriod: it waits this long after a namespace's deletion is seen. */
  namespaceDeletionGracePeriodMs: number;
  // kubelet.
  /** --node-status-update-frequency. */
  nodeStatusUpdateFrequencyMs: number;
  /** nodeStatusReportFrequency: a status with no change is still posted this often. */
  nodeStatusReportFrequencyMs: number;
  /** nodeLeaseDurationSeconds (40 s); the kubelet renews every quarter of it (10 s). */
  nodeLeaseDurationMs: number;
  // autoscaling.
  /** --horizontal-pod-autoscaler-sync-period. */
  hpaSyncPeriodMs: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization. */
  hpaDownscaleStabilizationMs: number;
  /** --resource-quota-sync-period. */
  resourceQuotaSyncPeriodMs: number;
  // kube-proxy (KubeProxyConfiguration v1alpha1 defaults) and the node's IPVS.
  /** iptables.syncPeriod and ipvs.syncPeriod: a sync at least this often. */
  proxySyncPeriodMs: number;
  /** iptables.minSyncPeriod: syncs at most this often (after a burst of 2). */
  proxyIptablesMinSyncPeriodMs: number;
  /** ipvs.minSyncPeriod (0: every change syncs at once). */
  proxyIpvsMinSyncPeriodMs: number;
  /** rsCheckDeleteInterval: how often draining IPVS real servers are looked at (graceful_termination.go). */
  proxyGracefulCheckMs: number;
  /** How long the kubelet takes to refresh a mounted ConfigMap (kube-proxy's config.conf): its sync frequency. */
  proxyConfigRefreshMs: number;
  /** IPVS TCP TIME_WAIT (ip_vs_proto_tcp.c). */
  ipvsTimeWaitMs: number;
  /** IPVS TCP SYN_RECV: an unanswered SYN. */
  ipvsSynRecvMs: number;
  /** IPVS TCP CLOSE: after a reset. */
  ipvsCloseMs: number;
  /** IPVS UDP. */
  ipvsUdpMs: number;
}

const realistic: Timings = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000, // 1.32 raised it from 40 s (kubernetes#126287)
  nodeStartupGracePeriodMs: 60_000,
  nodeEvictionRate: 0.1,
  secondaryNodeEvictionRate: 0.01,
  largeClusterSizeThreshold: 50,
  unhealthyZoneThreshold: 0.55,
  defaultTolerationMs: 300_000,
  terminatedPodGcThreshold: 12_500,
  podGcPeriodMs: 20_000,
  podGcQuarantineMs: 40_000,
  namespaceDeletionGracePeriodMs: 5_000,
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 300_000,
  nodeLeaseDurationMs: 40_000,
  hpaSyncPeriodMs: 15_000,
  hpaDownscaleStabilizationMs: 300_000,
  resourceQuotaSyncPeriodMs: 300_000,
  proxySyncPeriodMs: 30_000,
  proxyIptablesMinSyncPeriodMs: 1_000,
  proxyIpvsMinSyncPeriodMs: 0,
  proxyGracefulCheckMs: 60_000,
  proxyConfigRefreshMs: 60_000,
  ipvsTimeWaitMs: 120_000,
  ipvsSynRecvMs: 60_000,
  ipvsCloseMs: 10_000,
  ipvsUdpMs: 300_000,
};

/** Keys that are not durations: the same in both profiles. */
const unscaled = new Set<keyof Timings>(['nodeEvictionRate', 'secondaryNodeEvictionRate', 'largeClusterSizeThreshold', 'unhealthyZoneThreshold', 'terminatedPodGcThreshold']);

/** Leader election is scaled by 5, not 10: a Lease holds whole seconds (15 s → 3 s, 10 s → 2 s, 2 s → 0.4 s). */
const byFive = new Set<keyof Timings>(['leaseDurationMs', 'renewDeadlineMs', 'retryPeriodMs']);

/** The timings of a profile. */
export function timingsFor(profile: Profile = 'fast'): Timings {
  if (profile === 'realistic') return { ...realistic };
  const out = { ...realistic };
  for (const k of Object.keys(out) as (keyof Timings)[]) if (!unscaled.has(k)) out[k] = out[k] / (byFive.has(k) ? 5 : 10);
  return out;
}
