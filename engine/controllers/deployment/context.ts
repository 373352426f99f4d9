// What the Deployment controller's parts share (the DeploymentController struct): the clientset,
// its recorder, the ReplicaSet and pod caches, its queue, and the wall clock conditions are stamped
// with. Each part (sync, rolling, recreate, rollback, progress) is a set of functions over it.

import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { res, type KubeClient } from '../../client/clientset';
import type { EventRecorder } from '../../client/events';
import type { Lister } from '../../client/store';
import type { Queue } from '../../client/workqueue';
import type { Co } from '../../sim/co';
import type { ReplicaSetControl } from '../util';
import { wireDeploymentStatus } from './util';

/** The DeploymentController's fields, as its sync functions use them. */
export interface DeploymentContext {
  client: KubeClient;
  recorder: EventRecorder;
  rsControl: ReplicaSetControl;
  rsLister: Lister<ReplicaSet>;
  podLister: Lister<Pod>;
  queue: Queue;
  /** Wall ms now (conditions' timestamps, progress deadlines). */
  wallMs(): number;
}

/** The Deployment's kind as its ReplicaSets' ownerReferences name it (controllerKind). */
export const controllerKind = { apiVersion: 'apps/v1', kind: 'Deployment' };

export const DEPLOYMENTS = res('apps', 'deployments');
export const REPLICASETS = res('apps', 'replicasets');

/** Deployments(ns).UpdateStatus(d): the whole object, its status in wire form; the answer is not used, as upstream drops it. */
export function* updateDeploymentStatus(dc: DeploymentContext, d: Deployment): Co<Deployment> {
  return yield* dc.client.update(DEPLOYMENTS, d.metadata.namespace ?? '', { ...d, status: wireDeploymentStatus(d.status ?? {}) }, 'status');
}

/** ReplicaSets(ns).Update(rs). */
export function* updateReplicaSet(dc: DeploymentContext, rs: ReplicaSet): Co<ReplicaSet> {
  return yield* dc.client.update(REPLICASETS, rs.metadata.namespace ?? '', wireRS(rs));
}

/** A ReplicaSet as the Go client encodes it (a zero minReadySeconds is omitted). */
export function wireRS(rs: ReplicaSet): ReplicaSet {
  if (!rs.spec || rs.spec.minReadySeconds) return rs;
  const { minReadySeconds: _m, ...spec } = rs.spec;
  return { ...rs, spec };
}
