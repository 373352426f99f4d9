// kube-controller-manager's controllers, as its --controllers flag names them, each with the
// service account it runs as (engine/controllers/tokens.ts).

import type { Controller, ControllerContext } from './controller';
import { controllerAccounts, type ControllerName } from './tokens';
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
  name: ControllerName;
  /** The kube-system service account its client authenticates as. */
  serviceAccount: string;
  make(ctx: ControllerContext): Controller;
}

const makers: Record<ControllerName, (ctx: ControllerContext) => Controller> = {
  deployment: newDeploymentController,
  replicaset: newReplicaSetController,
  replicationcontroller: newReplicationManager,
  statefulset: newStatefulSetController,
  daemonset: newDaemonSetsController,
  job: newJobController,
  cronjob: newCronJobController,
  'ttl-after-finished': newTTLAfterFinishedController,
  serviceaccount: newServiceAccountsController,
  namespace: newNamespaceController,
  'root-ca-cert-publisher': newRootCACertPublisher,
  nodelifecycle: newNodeLifecycleController,
  'taint-eviction-controller': newTaintEvictionController,
  podgc: newPodGCController,
  garbagecollector: newGarbageCollectorController,
  resourcequota: newResourceQuotaController,
  disruption: newDisruptionController,
  endpoint: (ctx) => newEndpointController(ctx),
  endpointslice: (ctx) => newEndpointSliceController(ctx),
  horizontalpodautoscaling: newHorizontalController,
};

/** Every controller, in the order kube-controller-manager starts them. */
export const controllerEntries: ControllerEntry[] = controllerAccounts.map((a) => ({ ...a, make: makers[a.name] }));

export { controllerToken, controllerTokens } from './tokens';
export type { Controller, ControllerContext } from './controller';
