// The ReplicationController controller (pkg/controller/replication): upstream runs the ReplicaSet
// controller's code over v1 ReplicationControllers, converting each one to a ReplicaSet on the way
// in (its map selector becoming matchLabels) and back on the way out (conversion.go's adapters).
// Events name the ReplicationController, as its own `replication-controller` component reports them.

import type { Pod, ReplicaSet, ReplicationController } from '../api/types';
import { res } from '../client/clientset';
import type { Lister } from '../client/store';
import type { Controller, ControllerContext } from './controller';
import { newBaseController, type ReplicaSetAdapter, type ReplicaSetController } from './replicaset';
import { RealPodControl } from './util';

// Models pkg/controller/replication/conversion.go convertRCtoRS
/** An RC in ReplicaSet form; it keeps the RC's kind and apiVersion, so events and ownerReferences name the RC. */
export function convertRCtoRS(rc: ReplicationController): ReplicaSet {
  const spec = rc.spec ?? {};
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: rc.metadata,
    spec: {
      ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
      ...(spec.minReadySeconds !== undefined ? { minReadySeconds: spec.minReadySeconds } : {}),
      ...(spec.selector ? { selector: { matchLabels: { ...spec.selector } } } : {}),
      ...(spec.template ? { template: spec.template } : {}),
    },
    ...(rc.status ? { status: rc.status } : {}),
  };
}

// Models pkg/controller/replication/conversion.go convertRStoRC
/** A ReplicaSet form back as the RC it came from. */
export function convertRStoRC(rs: ReplicaSet): ReplicationController {
  const spec = rs.spec ?? {};
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: rs.metadata,
    spec: {
      ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
      ...(spec.minReadySeconds !== undefined ? { minReadySeconds: spec.minReadySeconds } : {}),
      ...(spec.selector?.matchLabels ? { selector: { ...spec.selector.matchLabels } } : {}),
      ...(spec.template ? { template: spec.template } : {}),
    },
    ...(rs.status ? { status: rs.status } : {}),
  };
}

/** The RC cache seen as ReplicaSets (conversion.go's conversionLister). */
function conversionLister(l: Lister<ReplicationController>): Lister<ReplicaSet> {
  return {
    get: (namespace, name) => {
      const rc = l.get(namespace, name);
      return rc ? convertRCtoRS(rc) : undefined;
    },
    list: (namespace, selector) => l.list(namespace, selector).map(convertRCtoRS),
  };
}

// Models pkg/controller/replication/replication_controller.go NewReplicationManager
/** The replicationcontroller controller of kube-controller-manager (--concurrent-rc-syncs=5). */
export function newReplicationManager(ctx: ControllerContext): ReplicaSetController & Controller {
  const rcInformer = ctx.informers.informerFor<ReplicationController>(res('', 'replicationcontrollers'));
  const podInformer = ctx.informers.informerFor<Pod>(res('', 'pods'));
  const r = res('', 'replicationcontrollers');
  const adapter: ReplicaSetAdapter = {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    lister: conversionLister(rcInformer.lister),
    *updateStatus(rs) {
      return convertRCtoRS(yield* ctx.client.update(r, rs.metadata.namespace ?? '', convertRStoRC(rs), 'status'));
    },
    *get(namespace, name) {
      return convertRCtoRS(yield* ctx.client.get<ReplicationController>(r, namespace, name));
    },
  };
  return newBaseController(ctx, {
    name: 'replicationcontroller',
    queueName: 'replicationmanager',
    adapter,
    podControl: new RealPodControl(ctx.client, ctx.recorder('replication-controller')),
    podLister: podInformer.lister,
    register(h) {
      rcInformer.addEventHandler({ add: (o) => h.addRS(convertRCtoRS(o)), update: (a, b) => h.updateRS(convertRCtoRS(a), convertRCtoRS(b)), delete: (o) => h.deleteRS(convertRCtoRS(o)) });
      podInformer.addEventHandler({ add: h.addPod, update: h.updatePod, delete: h.deletePod });
    },
  });
}

