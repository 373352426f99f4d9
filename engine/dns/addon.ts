// The CoreDNS addon as kubeadm 1.32 installs it (cmd/kubeadm/app/phases/addons/dns/manifests.go,
// rendered with DNSDomain cluster.local, DNSIP 10.96.0.10, CoreDNS v1.11.3 and the control-plane
// taint key): the coredns ServiceAccount, the system:coredns ClusterRole and its binding, the
// coredns ConfigMap with the Corefile, the coredns Deployment and the kube-dns Service.

import type { KubeObject } from '../api/types';
import { clusterDnsIP, clusterDomain } from './protocol';

/** The CoreDNS image kubeadm 1.32 deploys (constants.CoreDNSVersion). */
export const corednsImage = 'registry.k8s.io/coredns/coredns:v1.11.3';

/** The service account CoreDNS runs as. */
export const corednsServiceAccount = 'coredns';

/** The user its token stands for. */
export const corednsUser = `system:serviceaccount:kube-system:${corednsServiceAccount}`;

/** The Corefile kubeadm 1.32 writes (the cache block with `disable success|denial` came in 1.33). */
export const kubeadmCorefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${clusterDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

const labels = { 'k8s-app': 'kube-dns' };

/** One object of the addon and the resource it is created in. */
export interface AddonObject {
  group: string;
  resource: string;
  obj: KubeObject;
}

/** The addon's objects, in the order kubeadm's EnsureDNSAddon creates them. */
export function corednsAddonObjects(): AddonObject[] {
  return [
    { group: '', resource: 'serviceaccounts', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: corednsServiceAccount, namespace: 'kube-system' } } },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      obj: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'system:coredns' },
        rules: [
          { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
          { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
        ],
      } as KubeObject,
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterrolebindings',
      obj: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'system:coredns' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
        subjects: [{ kind: 'ServiceAccount', name: corednsServiceAccount, namespace: 'kube-system' }],
      } as KubeObject,
    },
    { group: '', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: kubeadmCorefile } } as KubeObject },
    { group: 'apps', resource: 'deployments', obj: corednsDeployment() },
    {
      group: '',
      resource: 'services',
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kube-dns',
          namespace: 'kube-system',
          labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
          annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        },
        spec: {
          clusterIP: clusterDnsIP,
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
          ],
          selector: { ...labels },
        },
      } as KubeObject,
    },
  ];
}

function corednsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { ...labels } },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { ...labels } },
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: corednsServiceAccount,
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } },
              ],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'coredns',
              image: corednsImage,
              imagePullPolicy: 'IfNotPresent',
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              args: ['-conf', '/etc/coredns/Corefile'],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              // Numbered probe ports: the named liveness-probe/readiness-probe ports came with kubeadm 1.33/1.34.
              livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
            },
          ],
          dnsPolicy: 'Default',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  } as KubeObject;
}

/** The objects of every addon named in the apiserver's config that this folder knows ('coredns'). */
export function addonObjects(addons: readonly string[] | undefined): AddonObject[] {
  return addons?.includes('coredns') ? corednsAddonObjects() : [];
}
