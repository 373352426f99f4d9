// Ported from pkg/controller/replication/replication_controller_test.go (v1.32), which runs the
// ReplicaSet controller's cases over ReplicationControllers through the conversion adapters.
import { describe, expect, it } from 'vitest';
import type { Pod, ReplicationController } from '../api/types';
import { res } from '../client/clientset';
import { fakeContext, runSync } from './testing';
import { convertRCtoRS, convertRStoRC, newReplicationManager } from './replicationcontroller';

const RC = res('', 'replicationcontrollers');
const PODS = res('', 'pods');

function newReplicationController(replicas: number): ReplicationController {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { uid: 'uid-foobar', name: 'foobar', namespace: 'default', resourceVersion: '18', generation: 1 },
    spec: {
      replicas,
      selector: { foo: 'bar' },
      template: { metadata: { labels: { foo: 'bar', type: 'production' } }, spec: { containers: [{ name: 'c', image: 'foo/bar' }], restartPolicy: 'Always' } },
    },
  };
}

function setup(rc: ReplicationController, pods: Pod[] = []) {
  const ctx = fakeContext(0);
  ctx.informers.informerFor<ReplicationController>(RC).preload(rc);
  ctx.informers.informerFor<Pod>(PODS).preload(...pods);
  ctx.client.seed(RC, rc).seed(PODS, ...pods);
  return { ctx, rm: newReplicationManager(ctx) };
}

describe('ReplicationManager', () => {
  it('creates pods owned by the ReplicationController, events from replication-controller (TestSyncReplicationControllerCreates)', () => {
    const rc = newReplicationController(2);
    const { ctx, rm } = setup(rc);
    expect(rm.name).toBe('replicationcontroller');
    expect(ctx.queues.has('replicationmanager')).toBe(true);
    runSync(rm.sync('default/foobar'));
    const creates = ctx.client.writes().filter((a) => a.verb === 'create');
    expect(creates.length).toBe(2);
    expect(creates[0].object!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'foobar', uid: 'uid-foobar', controller: true, blockOwnerDeletion: true }]);
    expect(ctx.events.map((e) => [e.component, e.object, e.reason])).toEqual([
      ['replication-controller', 'ReplicationController/foobar', 'SuccessfulCreate'],
      ['replication-controller', 'ReplicationController/foobar', 'SuccessfulCreate'],
    ]);
    const status = ctx.client.writes().find((a) => a.subresource === 'status')!;
    expect(status.resource).toBe('replicationcontrollers');
    expect(status.object).toMatchObject({ kind: 'ReplicationController', spec: { selector: { foo: 'bar' } }, status: { replicas: 0, observedGeneration: 1 } });
  });

  it('deletes extra pods by its map selector (TestSyncReplicationControllerDeletes)', () => {
    const rc = newReplicationController(1);
    const pods: Pod[] = ['a', 'b'].map((n) => ({
      metadata: { name: n, namespace: 'default', uid: `uid-${n}`, labels: { foo: 'bar' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'foobar', uid: 'uid-foobar', controller: true }] },
      status: { phase: 'Running' },
    }));
    const { ctx, rm } = setup(rc, pods);
    runSync(rm.sync('default/foobar'));
    expect(ctx.client.writes().filter((a) => a.verb === 'delete').length).toBe(1);
  });

  it('converts the map selector to matchLabels and back', () => {
    const rc = newReplicationController(3);
    const rs = convertRCtoRS(rc);
    expect(rs.spec!.selector).toEqual({ matchLabels: { foo: 'bar' } });
    expect(convertRStoRC(rs)).toEqual(rc);
  });
});
