// Ported from pkg/controller/deployment/deployment_controller_test.go (v1.32), plus a rollout
// driven step by step through the fake client (the ReplicaSets' status set by hand, as the
// ReplicaSet controller would).
import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { newConflict, optimisticLockErrorMsg, StatusError } from '../../apiserver/errors';
import { res } from '../../client/clientset';
import { keyOf } from '../../client/store';
import { fakeContext, runSync, type FakeContext } from '../testing';
import { DEPLOYMENTS, REPLICASETS } from './context';
import { newDeploymentController } from './controller';
import { newDeployment, newReplicaSet } from './testing';
import { computeHash } from '../util';

const PODS = res('', 'pods');
const epoch = Date.UTC(2026, 0, 1);

function fixture(ds: Deployment[], rss: ReplicaSet[] = [], pods: Pod[] = [], apiObjects?: { ds?: Deployment[]; rss?: ReplicaSet[] }) {
  const ctx = fakeContext(0);
  ctx.informers.informerFor<Deployment>(DEPLOYMENTS).preload(...ds);
  ctx.informers.informerFor<ReplicaSet>(REPLICASETS).preload(...rss);
  ctx.informers.informerFor<Pod>(PODS).preload(...pods);
  ctx.client.seed(DEPLOYMENTS, ...(apiObjects?.ds ?? ds)).seed(REPLICASETS, ...(apiObjects?.rss ?? rss)).seed(PODS, ...pods);
  const c = newDeploymentController(ctx);
  return { ctx, c };
}
const writes = (ctx: FakeContext) => ctx.client.writes().map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''}`);

describe('syncDeployment', () => {
  it('creates the new ReplicaSet, then writes revision and status (TestSyncDeploymentCreatesReplicaSet)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    const { ctx, c } = fixture([d]);
    runSync(c.sync(keyOf(d)));
    expect(writes(ctx)).toEqual(['create replicasets.apps', 'update deployments.apps/status', 'update deployments.apps/status']);
    const created = ctx.client.writes()[0].object as ReplicaSet;
    const hash = computeHash(d.spec!.template);
    expect(created.metadata).toEqual({
      name: `foo-${hash}`,
      namespace: 'default',
      labels: { foo: 'bar', 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'foo', uid: 'uid-foo', controller: true, blockOwnerDeletion: true }],
      annotations: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '1', 'deployment.kubernetes.io/max-replicas': '1' },
    });
    expect(created.spec).toEqual({ replicas: 1, selector: { matchLabels: { foo: 'bar', 'pod-template-hash': hash } }, template: { ...d.spec!.template, metadata: { labels: { foo: 'bar', 'pod-template-hash': hash } } } });
    expect((ctx.client.writes()[1].object as Deployment).metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(ctx.events.map((e) => [e.reason, e.message])).toEqual([['ScalingReplicaSet', `Scaled up replica set foo-${hash} to 1`]]);
  });

  it('only writes status while being deleted (TestSyncDeploymentDontDoAnythingDuringDeletion)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    d.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    const { ctx, c } = fixture([d]);
    runSync(c.sync(keyOf(d)));
    expect(writes(ctx)).toEqual(['update deployments.apps/status']);
  });

  it('rechecks deletion before adopting and fails when the apiserver says deleted (TestSyncDeploymentDeletionRace)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    const deleted = { ...structuredClone(d), metadata: { ...d.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    const orphan = newReplicaSet(d, 'rs1', 1);
    delete orphan.metadata.ownerReferences;
    const { ctx, c } = fixture([d], [orphan], [], { ds: [deleted] });
    expect(() => runSync(c.sync(keyOf(d)))).toThrow(/can't adopt ReplicaSet default\/rs1 \(uid-rs1\): default\/foo has just been deleted at/);
    expect(ctx.client.actions.map((a) => `${a.verb} ${a.resource}`)).toEqual(['get deployments.apps']);
  });

  it('does nothing with an empty selector but warn (TestDontSyncDeploymentsWithEmptyPodSelector)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    d.spec!.selector = {};
    const { ctx, c } = fixture([d]);
    runSync(c.sync(keyOf(d)));
    expect(writes(ctx)).toEqual([]);
    expect(ctx.events.map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.']]);
  });

  it('rolls back through the deprecated annotation with one update of the Deployment (TestReentrantRollback)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '2', 'deprecated.deployment.rollback.to': '0' };
    const rs1 = newReplicaSet(d, 'deploymentrs-old', 0);
    rs1.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
    rs1.spec!.template!.spec!.terminationGracePeriodSeconds = 1;
    rs1.spec!.selector!.matchLabels!['pod-template-hash'] = 'hash';
    const rs2 = newReplicaSet(d, 'deploymentrs-new', 1);
    rs2.metadata.annotations = { 'deployment.kubernetes.io/revision': '2' };
    rs2.spec!.selector!.matchLabels!['pod-template-hash'] = 'hash';
    const { ctx, c } = fixture([d], [rs1, rs2]);
    runSync(c.sync(keyOf(d)));
    expect(writes(ctx)).toEqual(['update deployments.apps']);
    const updated = ctx.client.writes()[0].object as Deployment;
    expect(updated.spec!.template.spec!.terminationGracePeriodSeconds).toBe(1);
    expect(updated.metadata.annotations?.['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(ctx.events.map((e) => e.message)).toEqual(['Rolled back deployment "foo" to revision 1']);
  });

  it('records a pause in Progressing (checkPausedConditions), then resumes', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    d.spec!.progressDeadlineSeconds = 600;
    d.spec!.paused = true;
    const { ctx, c } = fixture([d]);
    runSync(c.sync(keyOf(d)));
    const status = (ctx.client.writes()[0].object as Deployment).status!;
    expect(status.conditions).toEqual([{ type: 'Progressing', status: 'Unknown', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'DeploymentPaused', message: 'Deployment is paused' }]);
    // A paused Deployment creates no ReplicaSet.
    expect(writes(ctx).filter((w) => w.startsWith('create'))).toEqual([]);
  });

  it('bumps collisionCount on a hash collision and requeues with the AlreadyExists error', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    const hash = computeHash(d.spec!.template);
    const squatter = newReplicaSet(newDeployment('other', 1, null, null, null, { x: 'y' }), `foo-${hash}`, 1);
    squatter.metadata.ownerReferences = [];
    const { ctx, c } = fixture([d], [squatter]);
    expect(() => runSync(c.sync(keyOf(d)))).toThrow(/already exists/);
    const status = ctx.client.writes().find((a) => a.subresource === 'status')!.object as Deployment;
    expect(status.status!.collisionCount).toBe(1);
    expect(computeHash(d.spec!.template, 1)).not.toBe(hash);
  });

  it('drops a Deployment after maxRetries failures; a terminating namespace is never retried (handleErr)', () => {
    const d = newDeployment('foo', 1);
    const { ctx, c } = fixture([d]);
    const q = ctx.queues.get('deployment')!;
    for (let i = 0; i < 16; i++) c.handleErr!('default/foo', new Error('x'));
    expect(q.rateLimited.length).toBe(15);
    expect(q.forgotten).toEqual(['default/foo']);
    const terminating = new StatusError({ kind: 'Status', code: 403, reason: 'Forbidden', details: { causes: [{ reason: 'NamespaceTerminating' }] } });
    c.handleErr!('default/foo', terminating);
    expect(q.rateLimited.length).toBe(15);
  });

  it('a conflicting status update fails the sync so it is retried (a stale resourceVersion)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    const { ctx, c } = fixture([d]);
    ctx.client.prependReactor('update', 'deployments.apps', () => newConflict(DEPLOYMENTS, 'foo', optimisticLockErrorMsg));
    expect(() => runSync(c.sync(keyOf(d)))).toThrow(/Operation cannot be fulfilled on deployments.apps "foo"/);
  });
});

describe('event handlers', () => {
  it('an orphan ReplicaSet wakes the Deployments whose selector matches it (TestAddReplicaSetOrphan)', () => {
    const d1 = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    const d2 = newDeployment('bar', 1, null, null, null, { foo: 'bar' });
    const d3 = newDeployment('baz', 1, null, null, null, { baz: 'qux' });
    const { ctx, c } = fixture([d1, d2, d3]);
    const orphan = newReplicaSet(d1, 'rs1', 1);
    delete orphan.metadata.ownerReferences;
    c.handlers.addReplicaSet(orphan);
    expect(ctx.queues.get('deployment')!.added.sort()).toEqual(['default/bar', 'default/foo']);
  });

  it('a ReplicaSet enqueues its controller (TestAddReplicaSet, TestUpdateReplicaSetChangeControllerRef)', () => {
    const d1 = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    const d2 = newDeployment('bar', 1, null, null, null, { foo: 'bar' });
    const { ctx, c } = fixture([d1, d2]);
    const r = newReplicaSet(d1, 'rs1', 1);
    c.handlers.addReplicaSet(r);
    const moved = { ...newReplicaSet(d2, 'rs1', 1), metadata: { ...newReplicaSet(d2, 'rs1', 1).metadata, resourceVersion: '2' } };
    c.handlers.updateReplicaSet({ ...r, metadata: { ...r.metadata, resourceVersion: '1' } }, moved);
    expect(ctx.queues.get('deployment')!.added).toEqual(['default/foo', 'default/foo', 'default/bar']);
  });

  it('deleting the last pod of a Recreate Deployment enqueues it (TestPodDeletionEnqueuesRecreateDeployment)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    d.spec!.strategy = { type: 'Recreate' };
    const r = newReplicaSet(d, 'foo-1', 1);
    const pod: Pod = { metadata: { name: 'p', namespace: 'default', labels: { foo: 'bar' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foo-1', uid: 'uid-foo-1', controller: true }] } };
    const { ctx, c } = fixture([d], [r]);
    c.handlers.deletePod(pod);
    expect(ctx.queues.get('deployment')!.added).toEqual(['default/foo']);
    // The ReplicaSets are listed from the apiserver, as util.ListReplicaSets does.
    expect(ctx.client.actions.map((a) => `${a.verb} ${a.resource}`)).toEqual(['list replicasets.apps']);
  });

  it('not while other pods remain, nor for a RollingUpdate Deployment (TestPodDeletionDoesntEnqueueRecreateDeployment)', () => {
    const d = newDeployment('foo', 1, null, null, null, { foo: 'bar' });
    d.spec!.strategy = { type: 'Recreate' };
    const r = newReplicaSet(d, 'foo-1', 1);
    const mk = (name: string): Pod => ({ metadata: { name, namespace: 'default', labels: { foo: 'bar' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foo-1', uid: 'uid-foo-1', controller: true }] } });
    const { ctx, c } = fixture([d], [r], [mk('p2')]);
    c.handlers.deletePod(mk('p1'));
    expect(ctx.queues.get('deployment')!.added).toEqual([]);
  });
});

describe('a rolling update, step by step', () => {
  it('creates, surges, scales the old ReplicaSet down, and completes with NewReplicaSetAvailable', () => {
    const d = newDeployment('web', 3, 10, '25%', '25%', { app: 'web' });
    d.metadata.generation = 1;
    d.spec!.progressDeadlineSeconds = 600;
    const ctx = fakeContext(0);
    ctx.wallMs = () => epoch + ctx.now();
    const dInf = ctx.informers.informerFor<Deployment>(DEPLOYMENTS);
    const rsInf = ctx.informers.informerFor<ReplicaSet>(REPLICASETS);
    ctx.client.seed(DEPLOYMENTS, d);
    dInf.preload(d);
    const c = newDeploymentController(ctx);
    // The informers see what the fake apiserver holds; a ReplicaSet's pods come up as the RS controller would make them.
    const refresh = (availableFor?: (rs: ReplicaSet) => number) => {
      dInf.preload(ctx.client.tracked<Deployment>(DEPLOYMENTS, 'default', 'web')!);
      for (const a of ctx.client.writes()) {
        if (a.resource !== 'replicasets.apps' || a.verb === 'delete') continue;
        const cur = ctx.client.tracked<ReplicaSet>(REPLICASETS, 'default', a.name ?? a.object!.metadata.name!);
        if (!cur) continue;
        const n = cur.spec!.replicas!;
        const avail = availableFor ? availableFor(cur) : n;
        cur.status = { replicas: n, readyReplicas: avail, availableReplicas: avail, observedGeneration: cur.metadata.generation ?? 0 };
        rsInf.preload(cur);
      }
    };
    const step = (availableFor?: (rs: ReplicaSet) => number) => {
      refresh(availableFor);
      try {
        runSync(c.sync('default/web'));
      } catch (e) {
        // A second status update in one sync conflicts, as it does upstream; the sync is retried.
        if (!(e instanceof StatusError && e.reason === 'Conflict')) throw e;
      }
    };
    step();
    const hash1 = computeHash(d.spec!.template);
    expect(ctx.events.map((e) => e.message)).toEqual([`Scaled up replica set web-${hash1} to 3`]);
    step();
    step();
    let live = ctx.client.tracked<Deployment>(DEPLOYMENTS, 'default', 'web')!;
    expect(live.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(live.status!.conditions!.map((x) => `${x.type}=${x.status} ${x.reason}`)).toEqual(['Available=True MinimumReplicasAvailable', 'Progressing=True NewReplicaSetAvailable']);

    // A new template: 25% of 3 is a surge of 1 and none unavailable (rounded down to 0).
    live = structuredClone(live);
    live.spec!.template.spec!.containers[0].image = 'foo/bar:v2';
    live.metadata.generation = 2;
    ctx.client.seed(DEPLOYMENTS, live);
    dInf.preload(live);
    ctx.events.length = 0;
    const hash2 = computeHash(live.spec!.template);
    step((rs) => (rs.metadata.name === `web-${hash2}` ? 0 : rs.spec!.replicas!));
    expect(ctx.events.map((e) => e.message)).toEqual([`Scaled up replica set web-${hash2} to 1`]);
    // Nothing more until the new pod is available.
    step((rs) => (rs.metadata.name === `web-${hash2}` ? 0 : rs.spec!.replicas!));
    expect(ctx.events.length).toBe(1);
    step();
    expect(ctx.events.map((e) => e.message)).toEqual([`Scaled up replica set web-${hash2} to 1`, `Scaled down replica set web-${hash1} to 2 from 3`]);
    for (let i = 0; i < 8; i++) step();
    expect(ctx.events.map((e) => e.message)).toEqual([
      `Scaled up replica set web-${hash2} to 1`,
      `Scaled down replica set web-${hash1} to 2 from 3`,
      `Scaled up replica set web-${hash2} to 2 from 1`,
      `Scaled down replica set web-${hash1} to 1 from 2`,
      `Scaled up replica set web-${hash2} to 3 from 2`,
      `Scaled down replica set web-${hash1} to 0 from 1`,
    ]);
    live = ctx.client.tracked<Deployment>(DEPLOYMENTS, 'default', 'web')!;
    expect(live.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(live.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 });
    expect(live.status!.conditions!.find((x) => x.type === 'Progressing')!.message).toBe(`ReplicaSet "web-${hash2}" has successfully progressed.`);
    const oldRS = ctx.client.tracked<ReplicaSet>(REPLICASETS, 'default', `web-${hash1}`)!;
    expect(oldRS.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
  });
});

describe('a Recreate rollout (TestScaleDownOldReplicaSets, TestOldPodsRunning)', () => {
  it('scales the old ReplicaSet to zero, waits for its pods to stop, then creates the new one at full size', () => {
    const d = newDeployment('foo', 2, null, null, null, { foo: 'bar' });
    d.spec!.strategy = { type: 'Recreate' };
    const old = newReplicaSet(d, 'foo-old', 2);
    old.spec!.template = { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: '', image: 'foo/bar:v0' }] } };
    old.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
    old.status = { replicas: 2 };
    const { ctx, c } = fixture([d], [old]);
    runSync(c.sync(keyOf(d)));
    expect(ctx.events.map((e) => e.message)).toEqual(['Scaled down replica set foo-old to 0 from 2']);
    expect(writes(ctx).filter((w) => w.startsWith('create'))).toEqual([]);

    // The old ReplicaSet is at zero but a pod of it still runs: wait.
    const stopped = { ...ctx.client.tracked<ReplicaSet>(REPLICASETS, 'default', 'foo-old')!, status: { replicas: 0 } };
    const pod: Pod = { metadata: { name: 'p', namespace: 'default', labels: { foo: 'bar' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foo-old', uid: 'uid-foo-old', controller: true }] }, status: { phase: 'Running' } };
    const waiting = fixture([d], [stopped], [pod]);
    runSync(waiting.c.sync(keyOf(d)));
    expect(writes(waiting.ctx).filter((w) => w.startsWith('create'))).toEqual([]);

    // A terminal pod does not count.
    const done = fixture([d], [stopped], [{ ...pod, status: { phase: 'Succeeded' } }]);
    try {
      runSync(done.c.sync(keyOf(d)));
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'Conflict')) throw e;
    }
    const created = done.ctx.client.writes().find((a) => a.verb === 'create')!.object as ReplicaSet;
    expect(created.spec!.replicas).toBe(2);
    expect(created.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
  });
});

