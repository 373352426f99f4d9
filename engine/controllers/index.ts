// kube-controller-manager's controllers, as its --controllers flag names them, each with the
// service account it runs as (--use-service-account-credentials, as kubeadm runs it: RBAC's
// system:controller:<name> roles are bound to these accounts).

import type { Controller, ControllerContext } from './controller';
import { newCronJobController } from './cronjob';
import { newDisruptionController } from './disruption';
import { newDaemonSetsController } from './daemonset/daemon-controller';
import { newDeploymentController } from './deployment/controller';
import { newEndpointController } from './endpoint';
import { newEndpointSliceController } from './endpointslice/controller';
import { newGarbageCollectorController } from './garbagecollector';
import { newHorizontalController } from './podautoscaler';
import { newResourceQuotaController } from './resourcequota';
import { newJobController } from './job';
import { newStatefulSetController } from './statefulset/controller';
import { newTTLAfterFinishedController } from './ttlafterfinished';
import { newNamespaceController } from './namespace';
import { newReplicaSetController } from './replicaset';
import { newReplicationManager } from './replicationcontroller';
import { newNodeLifecycleController } from './nodelifecycle';
import { newPodGCController } from './podgc';
import { newRootCACertPublisher } from './rootcacertpublisher';
import { newServiceAccountsController } from './serviceaccount';
import { newTaintEvictionController } from './tainteviction';

/** One controller the manager can start. */
export interface ControllerEntry {
  /** --controllers name. */
  name: string;
  /** The kube-system service account its client authenticates as. */
  serviceAccount: string;
  make(ctx: ControllerContext): Controller;
}

/** Every controller, in the order kube-controller-manager starts them. */
export const controllerEntries: ControllerEntry[] = [
  { name: 'deployment', serviceAccount: 'deployment-controller', make: newDeploymentController },
  { name: 'replicaset', serviceAccount: 'replicaset-controller', make: newReplicaSetController },
  { name: 'replicationcontroller', serviceAccount: 'replication-controller', make: newReplicationManager },
  { name: 'statefulset', serviceAccount: 'statefulset-controller', make: newStatefulSetController },
  { name: 'daemonset', serviceAccount: 'daemon-set-controller', make: newDaemonSetsController },
  { name: 'job', serviceAccount: 'job-controller', make: newJobController },
  { name: 'cronjob', serviceAccount: 'cronjob-controller', make: newCronJobController },
  { name: 'ttl-after-finished', serviceAccount: 'ttl-after-finished-controller', make: newTTLAfterFinishedController },
  { name: 'serviceaccount', serviceAccount: 'service-account-controller', make: newServiceAccountsController },
  { name: 'namespace', serviceAccount: 'namespace-controller', make: newNamespaceController },
  { name: 'root-ca-cert-publisher', serviceAccount: 'root-ca-cert-publisher', make: newRootCACertPublisher },
  { name: 'nodelifecycle', serviceAccount: 'node-controller', make: newNodeLifecycleController },
  { name: 'taint-eviction-controller', serviceAccount: 'taint-eviction-controller', make: newTaintEvictionController },
  { name: 'podgc', serviceAccount: 'pod-garbage-collector', make: newPodGCController },
  { name: 'garbagecollector', serviceAccount: 'generic-garbage-collector', make: newGarbageCollectorController },
  { name: 'resourcequota', serviceAccount: 'resourcequota-controller', make: newResourceQuotaController },
  { name: 'disruption', serviceAccount: 'disruption-controller', make: newDisruptionController },
  { name: 'endpoint', serviceAccount: 'endpoint-controller', make: (ctx) => newEndpointController(ctx) },
  { name: 'endpointslice', serviceAccount: 'endpointslice-controller', make: (ctx) => newEndpointSliceController(ctx) },
  { name: 'horizontalpodautoscaling', serviceAccount: 'horizontal-pod-autoscaler', make: newHorizontalController },
];

/** The static bearer token of a controller's service account (see docs/FIDELITY.md: upstream issues JWTs). */
export function controllerToken(serviceAccount: string): string {
  return `kubeplay-static-token:kube-system:${serviceAccount}`;
}

/** The apiserver's static tokens for every controller's service account (its --token-auth-file rows). */
export function controllerTokens(): { token: string; user: string; uid: string; groups: string[] }[] {
  return controllerEntries.map((e) => ({ token: controllerToken(e.serviceAccount), user: `system:serviceaccount:kube-system:${e.serviceAccount}`, uid: '', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system'] }));
}

export type { Controller, ControllerContext } from './controller';
