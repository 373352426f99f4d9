// kube-proxy (upstream pkg/proxy): the change trackers, the ipvs, iptables and userspace proxiers,
// the node's data plane, the process, the traffic client and the addon objects.
export { kubeProxyKind, KubeProxy, type KubeProxyConfig, type KubeProxyTelemetry, type IpvsEntry, type SyncCost } from './server';
export { trafficKind, TrafficProcess, type TrafficRequest, type TrafficResult, type TrafficConfig, type TrafficCommand, type TrafficListener, type TrafficHostView } from './traffic';
export { kubeProxyAddonObjects, kubeProxyConfigMapObject, type KubeProxyAddonOptions } from './addon';
export { kubeProxyConfigurationText, parseKubeProxyConfiguration, defaultProxyConfig, proxyModes, type ProxyMode, type ProxyConfig } from './config';
export { ipvsSchedulers, type IpvsSchedulerName } from './ipvs/schedulers';
export { ipvsadmList, IpvsTable } from './ipvs/ipvs';
export { iptablesSave } from './iptables/rules';
