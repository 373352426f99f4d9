// The ingress-nginx addon's objects, as its bare-metal manifest (deploy/static/provider/baremetal/
// deploy.yaml, controller v1.12.1) creates them: the ingress-nginx Namespace, the controller's
// ServiceAccount, ClusterRole and binding, its ConfigMap, the NodePort Service
// ingress-nginx-controller, the Deployment ingress-nginx-controller and the IngressClass nginx.
// Left out: the admission webhook (its Service, ValidatingWebhookConfiguration and the certgen
// Jobs) and the leader-election Role (docs/FIDELITY.md). The Deployment's pods run the
// nginx-ingress-controller program (engine/kubelet/programs/servers/ingress.ts), whose ports 80
// and 443 hand requests to the ingress-nginx process (engine/ingress/server.ts).

import type { KubeObject } from '../api/types';
import type { AddonObject } from '../dns/addon';

/** The controller image the manifest deploys (its digest left out). */
export const ingressNginxImage = 'registry.k8s.io/ingress-nginx/controller:v1.12.1';

export const ingressNginxNamespace = 'ingress-nginx';
export const ingressNginxServiceAccount = 'ingress-nginx';
export const ingressNginxUser = `system:serviceaccount:${ingressNginxNamespace}:${ingressNginxServiceAccount}`;
/** The controller's NodePort Service. */
export const ingressNginxService = 'ingress-nginx-controller';
/** The process that keeps the controller's configuration and answers what reaches its pods. */
export const ingressNginxProcessId = 'ingress-nginx';

const version = '1.12.1';

function labels(component = 'controller'): Record<string, string> {
  return {
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/part-of': 'ingress-nginx',
    'app.kubernetes.io/version': version,
  };
}

function clusterLabels(): Record<string, string> {
  const l = labels();
  delete l['app.kubernetes.io/component'];
  return l;
}

const selector = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };

/** The addon's objects, in the manifest's order. */
export function ingressNginxAddonObjects(): AddonObject[] {
  const ns = ingressNginxNamespace;
  return [
    { group: '', resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } } },
    { group: '', resource: 'serviceaccounts', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: ingressNginxServiceAccount, namespace: ns, labels: labels() }, automountServiceAccountToken: true } as KubeObject },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterroles',
      obj: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'ingress-nginx', labels: clusterLabels() },
        rules: [
          { apiGroups: [''], resources: ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'], verbs: ['list', 'watch'] },
          { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['list', 'watch'] },
          { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
          { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
          { apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update'] },
          { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch', 'get'] },
        ],
      } as KubeObject,
    },
    {
      group: 'rbac.authorization.k8s.io',
      resource: 'clusterrolebindings',
      obj: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'ingress-nginx' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ingress-nginx' },
        subjects: [{ kind: 'ServiceAccount', name: ingressNginxServiceAccount, namespace: ns }],
      } as KubeObject,
    },
    { group: '', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: ns, labels: labels() }, } as KubeObject },
    {
      group: '',
      resource: 'services',
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: ingressNginxService, namespace: ns, labels: labels() },
        spec: {
          type: 'NodePort',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          ports: [
            { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
            { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
          ],
          selector: { ...selector },
        },
      } as KubeObject,
    },
    { group: 'apps', resource: 'deployments', obj: deployment() },
    {
      group: 'networking.k8s.io',
      resource: 'ingressclasses',
      obj: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels: labels() }, spec: { controller: 'k8s.io/ingress-nginx' } } as KubeObject,
    },
  ];
}

function deployment(): KubeObject {
  const probe = (failureThreshold: number) => ({ httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1, failureThreshold });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ingress-nginx-controller', namespace: ingressNginxNamespace, labels: labels() },
    spec: {
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { ...selector } },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: labels() },
        spec: {
          containers: [
            {
              name: 'controller',
              image: ingressNginxImage,
              imagePullPolicy: 'IfNotPresent',
              args: ['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller'],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
              ],
              lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
              livenessProbe: probe(5),
              readinessProbe: probe(3),
              ports: [
                { containerPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, name: 'https', protocol: 'TCP' },
              ],
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: false, runAsGroup: 82, runAsNonRoot: true, runAsUser: 101, seccompProfile: { type: 'RuntimeDefault' } },
            },
          ],
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: ingressNginxServiceAccount,
          terminationGracePeriodSeconds: 300,
        },
      },
    },
  } as KubeObject;
}

/**
 * The addon's objects as one manifest for `kubectl apply -f -` (a v1 List, in the manifest's order):
 * what installing it into a running cluster applies, as `kubectl apply -f deploy.yaml` would.
 */
export function ingressNginxManifest(): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: ingressNginxAddonObjects().map((o) => o.obj) });
}
