// Test fixtures of the Deployment controller's tests, as deployment_controller_test.go and
// sync_test.go build them (newDeployment, newReplicaSet, rs, newRSWithStatus), and a context of
// fakes whose wall clock a test sets.

import type { IntOrString } from '../../api/intstr';
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { res } from '../../client/clientset';
import { rfc3339 } from '../../apiserver/registry/objects';
import { fakeContext, type FakeContext } from '../testing';
import { realRSControl } from '../util';
import type { DeploymentContext } from './context';

/** newDeployment(name, replicas, revisionHistoryLimit, maxSurge, maxUnavailable, selector). */
export function newDeployment(name: string, replicas: number, revisionHistoryLimit?: number | null, maxSurge?: IntOrString | null, maxUnavailable?: IntOrString | null, selector?: Record<string, string>): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { uid: `uid-${name}`, name, namespace: 'default', annotations: {} },
    spec: {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: maxUnavailable ?? 0, maxSurge: maxSurge ?? 0 } },
      replicas,
      selector: { ...(selector ? { matchLabels: { ...selector } } : {}) },
      template: { metadata: { ...(selector ? { labels: { ...selector } } : {}) }, spec: { containers: [{ name: '', image: 'foo/bar' }] } },
      ...(revisionHistoryLimit !== undefined && revisionHistoryLimit !== null ? { revisionHistoryLimit } : {}),
    },
  };
}

/** newReplicaSet(d, name, replicas): a ReplicaSet the Deployment controls, with its template. */
export function newReplicaSet(d: Deployment, name: string, replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      uid: `uid-${name}`,
      namespace: 'default',
      labels: { ...d.spec!.selector!.matchLabels },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { selector: structuredClone(d.spec!.selector), replicas, template: structuredClone(d.spec!.template) },
  };
}

/** rs(name, replicas, selector, timestamp) of sync_test.go. */
export function rs(name: string, replicas: number, selector: Record<string, string> | null, timestampMs: number | null): ReplicaSet {
  return {
    metadata: { name, uid: `uid-${name}`, namespace: 'default', creationTimestamp: timestampMs === null ? null : rfc3339(timestampMs) },
    spec: { replicas, selector: { ...(selector ? { matchLabels: selector } : {}) }, template: {} },
  };
}

/** newRSWithStatus(name, specReplicas, statusReplicas, selector). */
export function newRSWithStatus(name: string, specReplicas: number, statusReplicas: number, selector: Record<string, string>): ReplicaSet {
  const r = rs(name, specReplicas, selector, null);
  r.status = { replicas: statusReplicas };
  return r;
}

/** newRSWithAvailable(name, specReplicas, statusReplicas, availableReplicas) of progress_test.go. */
export function newRSWithAvailable(name: string, specReplicas: number, statusReplicas: number, availableReplicas: number): ReplicaSet {
  const r = rs(name, specReplicas, null, null);
  r.status = { replicas: statusReplicas, availableReplicas };
  return r;
}

/** A DeploymentContext over fakes, with a settable wall clock (epoch ms). */
export function fakeDeploymentContext(wallMs = Date.UTC(2026, 0, 1)): { ctx: FakeContext; dc: DeploymentContext; setWall(ms: number): void } {
  const ctx = fakeContext();
  let wall = wallMs;
  const queue = ctx.newQueue('deployment');
  const dc: DeploymentContext = {
    client: ctx.client,
    recorder: ctx.recorder('deployment-controller'),
    rsControl: realRSControl(ctx.client),
    rsLister: ctx.informers.informerFor<ReplicaSet>(res('apps', 'replicasets')).lister,
    podLister: ctx.informers.informerFor<Pod>(res('', 'pods')).lister,
    queue,
    wallMs: () => wall,
  };
  return { ctx, dc, setWall: (ms) => void (wall = ms) };
}
