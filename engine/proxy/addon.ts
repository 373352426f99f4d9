// The kube-proxy addon as `kubeadm init` installs it (cmd/kubeadm/app/phases/addons/proxy: proxy.go
// EnsureProxyAddon, manifests.go KubeProxyConfigMap19): the kube-system/kube-proxy ConfigMap with
// config.conf and kubeconfig.conf, the kube-proxy ServiceAccount, the kubeadm:node-proxier
// ClusterRoleBinding to system:node-proxier, and the Role and RoleBinding that let the ConfigMap
// be read. Kubeplay's kube-proxy is a node process, not a DaemonSet pod that mounts the ConfigMap,
// so it reads it through the API as user system:kube-proxy: that user is added to the RoleBinding.

import type { ConfigMap, KubeObject, ServiceAccount } from '../api/types';
import type { ClusterRoleBinding, Role, RoleBinding } from '../api/types/rbac';
import { kubeProxyConfigMap, kubeProxyConfigurationText, type ProxyMode } from './config';
import type { IpvsSchedulerName } from './ipvs/schedulers';

/** What the addon is made with. */
export interface KubeProxyAddonOptions {
  /** config.conf's mode (Kubeplay's default: ipvs; kubeadm's: "" which is iptables). */
  mode?: ProxyMode | '';
  scheduler?: IpvsSchedulerName | '';
  /** The control plane's endpoint for kubeconfig.conf. */
  server?: string;
  clusterCIDR?: string;
}

/** The kube-proxy ConfigMap as kubeadm writes it. */
export function kubeProxyConfigMapObject(opts: KubeProxyAddonOptions = {}): ConfigMap {
  const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${opts.server ?? 'https://10.0.0.2:6443'}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: kubeProxyConfigMap.name, namespace: kubeProxyConfigMap.namespace, labels: { app: 'kube-proxy' } },
    data: { 'kubeconfig.conf': kubeconfig, [kubeProxyConfigMap.key]: kubeProxyConfigurationText({ mode: opts.mode, scheduler: opts.scheduler, clusterCIDR: opts.clusterCIDR }) },
  };
}

/** Every object of the addon, in the order kubeadm creates them (ServiceAccount, ConfigMap, RBAC). */
export function kubeProxyAddonObjects(opts: KubeProxyAddonOptions = {}): { group: string; resource: string; obj: KubeObject }[] {
  const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } };
  const crb: ClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'kubeadm:node-proxier' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node-proxier' },
    subjects: [{ kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' }],
  };
  const role: Role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['kube-proxy'] }],
  };
  const rb: RoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kube-proxy' },
    subjects: [
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:bootstrappers:kubeadm:default-node-token' },
      // Kubeplay: the node process reads its ConfigMap through the API (see the file comment).
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:kube-proxy' },
    ],
  };
  return [
    { group: '', resource: 'serviceaccounts', obj: sa as KubeObject },
    { group: '', resource: 'configmaps', obj: kubeProxyConfigMapObject(opts) as KubeObject },
    { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', obj: crb as KubeObject },
    { group: 'rbac.authorization.k8s.io', resource: 'roles', obj: role as KubeObject },
    { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', obj: rb as KubeObject },
  ];
}
