// kube-proxy's configuration: the KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) that
// kubeadm writes into the kube-system/kube-proxy ConfigMap under config.conf, read back for the
// fields Kubeplay acts on (mode, ipvs.scheduler, clusterCIDR, iptables.masqueradeBit, the sync
// periods) with upstream's defaults (pkg/proxy/apis/config/v1alpha1/defaults.go) and its validation
// of the mode and scheduler (pkg/proxy/apis/config/validation).

import { parse } from 'yaml';
import { ipvsSchedulers, type IpvsSchedulerName } from './ipvs/schedulers';

/** The proxy modes Kubeplay runs (userspace was removed upstream in 1.26 and is kept to compare). */
export type ProxyMode = 'ipvs' | 'iptables' | 'userspace';

/** Every mode Kubeplay runs. */
export const proxyModes: readonly ProxyMode[] = ['ipvs', 'iptables', 'userspace'];

/** What kube-proxy runs with, all defaults applied. */
export interface ProxyConfig {
  mode: ProxyMode;
  scheduler: IpvsSchedulerName;
  clusterCIDR: string;
  /** 1 << iptables.masqueradeBit, as kube-proxy writes marks: 0x4000. */
  masqueradeMark: string;
  /** Set only when the file said so (0 means "the profile's default"). */
  syncPeriodMs?: number;
  minSyncPeriodMs?: number;
}

/** The name, namespace and key of kube-proxy's ConfigMap (kubeadm constants KubeProxyConfigMap, KubeProxyConfigMapKey). */
export const kubeProxyConfigMap = { namespace: 'kube-system', name: 'kube-proxy', key: 'config.conf' };

/** Kubeplay's pod network (every node's podCIDR is a /24 of it), kube-proxy's --cluster-cidr. */
export const defaultClusterCIDR = '10.244.0.0/16';

function durationMs(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '' || v === '0s' || v === '0') return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  let seen = '';
  while ((m = re.exec(v))) {
    seen += m[0];
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  }
  return seen === v && total > 0 ? total : undefined;
}

// Models kube-proxy's loadConfig + SetDefaults_KubeProxyConfiguration + validateProxyMode and validateIPVSSchedulerMethod.
/** Reads config.conf: the config with defaults, or the error kube-proxy would exit with. */
export function parseKubeProxyConfiguration(text: string): { config: ProxyConfig } | { error: string } {
  let doc: Record<string, unknown>;
  try {
    doc = (parse(text) ?? {}) as Record<string, unknown>;
  } catch (e) {
    return { error: `failed to decode: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof doc !== 'object' || doc === null) return { error: 'failed to decode: not an object' };
  if (doc.kind !== undefined && doc.kind !== 'KubeProxyConfiguration') return { error: `no kind "${String(doc.kind)}" is registered for version "${String(doc.apiVersion)}"` };
  // An empty mode is the platform default: iptables on Linux.
  const rawMode = typeof doc.mode === 'string' ? doc.mode : '';
  const mode = rawMode === '' ? 'iptables' : rawMode;
  if (!proxyModes.includes(mode as ProxyMode)) return { error: `KubeProxyConfiguration.mode: Invalid value: "${mode}": must be iptables, ipvs or nftables (Kubeplay also runs userspace; nftables is not modelled)` };
  const ipvs = (doc.ipvs ?? {}) as Record<string, unknown>;
  const iptables = (doc.iptables ?? {}) as Record<string, unknown>;
  const rawScheduler = typeof ipvs.scheduler === 'string' ? ipvs.scheduler : '';
  const scheduler = rawScheduler === '' ? 'rr' : rawScheduler;
  if (mode === 'ipvs' && !ipvsSchedulers.includes(scheduler as IpvsSchedulerName)) return { error: `KubeProxyConfiguration.ipvs.scheduler: Invalid value: "${scheduler}": must be in [rr wrr lc wlc lblc lblcr sh dh sed nq] (Kubeplay models rr wrr lc wlc sh dh sed nq)` };
  const bit = typeof iptables.masqueradeBit === 'number' ? iptables.masqueradeBit : 14;
  const section = mode === 'ipvs' ? ipvs : iptables;
  const syncPeriodMs = durationMs(section.syncPeriod);
  const minSyncPeriodMs = durationMs(section.minSyncPeriod);
  return {
    config: {
      mode: mode as ProxyMode,
      scheduler: (ipvsSchedulers.includes(scheduler as IpvsSchedulerName) ? scheduler : 'rr') as IpvsSchedulerName,
      clusterCIDR: typeof doc.clusterCIDR === 'string' && doc.clusterCIDR ? doc.clusterCIDR : defaultClusterCIDR,
      masqueradeMark: `0x${(1 << bit).toString(16)}`,
      ...(syncPeriodMs ? { syncPeriodMs } : {}),
      ...(minSyncPeriodMs ? { minSyncPeriodMs } : {}),
    },
  };
}

/** The configuration kube-proxy runs with when there is no ConfigMap (Kubeplay's default: ipvs, rr). */
export function defaultProxyConfig(mode: ProxyMode = 'ipvs', scheduler: IpvsSchedulerName = 'rr'): ProxyConfig {
  return { mode, scheduler, clusterCIDR: defaultClusterCIDR, masqueradeMark: '0x4000' };
}

// Models what kubeadm 1.32 marshals for the default KubeProxyConfiguration (fields sorted, as sigs.k8s.io/yaml writes them).
/** config.conf as kubeadm writes it, with Kubeplay's mode and scheduler. */
export function kubeProxyConfigurationText(opts: { mode?: ProxyMode | ''; scheduler?: IpvsSchedulerName | ''; clusterCIDR?: string } = {}): string {
  const mode = opts.mode ?? 'ipvs';
  const scheduler = opts.scheduler ?? '';
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${opts.clusterCIDR ?? defaultClusterCIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ${scheduler === '' ? '""' : scheduler}
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ${mode === '' ? '""' : mode}
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;
}
