// The controllers kube-controller-manager starts and the service account each runs as
// (--use-service-account-credentials, as kubeadm runs it: RBAC's system:controller:<name> roles are
// bound to these accounts), with the static tokens the apiserver knows them by. Kept apart from
// the controllers themselves so the page thread can name the tokens without their code.

/** Every controller's --controllers name and kube-system service account, in the order kube-controller-manager starts them. */
export const controllerAccounts = [
  { name: 'deployment', serviceAccount: 'deployment-controller' },
  { name: 'replicaset', serviceAccount: 'replicaset-controller' },
  { name: 'replicationcontroller', serviceAccount: 'replication-controller' },
  { name: 'statefulset', serviceAccount: 'statefulset-controller' },
  { name: 'daemonset', serviceAccount: 'daemon-set-controller' },
  { name: 'job', serviceAccount: 'job-controller' },
  { name: 'cronjob', serviceAccount: 'cronjob-controller' },
  { name: 'ttl-after-finished', serviceAccount: 'ttl-after-finished-controller' },
  { name: 'serviceaccount', serviceAccount: 'service-account-controller' },
  { name: 'namespace', serviceAccount: 'namespace-controller' },
  { name: 'root-ca-cert-publisher', serviceAccount: 'root-ca-cert-publisher' },
  { name: 'nodelifecycle', serviceAccount: 'node-controller' },
  { name: 'taint-eviction-controller', serviceAccount: 'taint-eviction-controller' },
  { name: 'podgc', serviceAccount: 'pod-garbage-collector' },
  { name: 'garbagecollector', serviceAccount: 'generic-garbage-collector' },
  { name: 'resourcequota', serviceAccount: 'resourcequota-controller' },
  { name: 'disruption', serviceAccount: 'disruption-controller' },
  { name: 'endpoint', serviceAccount: 'endpoint-controller' },
  { name: 'endpointslice', serviceAccount: 'endpointslice-controller' },
  { name: 'horizontalpodautoscaling', serviceAccount: 'horizontal-pod-autoscaler' },
] as const;

/** A --controllers name. */
export type ControllerName = (typeof controllerAccounts)[number]['name'];

/** The static bearer token of a controller's service account (see docs/FIDELITY.md: upstream issues JWTs). */
export function controllerToken(serviceAccount: string): string {
  return `kubeplay-static-token:kube-system:${serviceAccount}`;
}

/** The apiserver's static tokens for every controller's service account (its --token-auth-file rows). */
export function controllerTokens(): { token: string; user: string; uid: string; groups: string[] }[] {
  return controllerAccounts.map((e) => ({ token: controllerToken(e.serviceAccount), user: `system:serviceaccount:kube-system:${e.serviceAccount}`, uid: '', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system'] }));
}
