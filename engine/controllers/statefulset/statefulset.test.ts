// Ported from pkg/controller/statefulset/stateful_set_control_test.go, stateful_set_test.go and
// stateful_set_utils_test.go (v1.32). Upstream drives the control loop against fakes that play the
// kubelet (pods become Running and Ready between syncs); `mirror` does that here: after each sync
// the fake apiserver's objects are copied into the informer caches, new pods Running and Ready.
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, KubeObject, PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import type { ResourceInfo } from '../../api/resources';
import { res } from '../../client/clientset';
import { keyOf } from '../../client/store';
import { fakeContext, runSync, type FakeContext } from '../testing';
import { newStatefulSetController } from './controller';
import { getParentNameAndOrdinal, getPersistentVolumeClaimName, getPodName, identityMatches, isClaimOwnerUpToDate, newStatefulSetPod, storageMatches, updateIdentity, updateStorage } from './utils';

const statefulSets = res('apps', 'statefulsets');
const pods = res('', 'pods');
const pvcs = res('', 'persistentvolumeclaims');
const revisions = res('apps', 'controllerrevisions');
const epochMs = Date.UTC(2026, 0, 1);
const now = epochMs + 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// stateful_set_test.go newStatefulSet / newStatefulSetWithVolumes.
function newStatefulSet(replicas: number, withVolumes = true): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'foo', namespace: 'default', uid: 'set-uid', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { foo: 'bar' } },
      serviceName: 'governingsvc',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 2,
      template: {
        metadata: { labels: { foo: 'bar' } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx', volumeMounts: withVolumes ? [{ name: 'datadir', mountPath: '/tmp/zookeeper' }] : [] }],
          volumes: [{ name: 'home', hostPath: { path: '/tmp/home' } }],
        },
      },
      volumeClaimTemplates: withVolumes ? [{ metadata: { name: 'datadir' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] : [],
    },
  };
}

interface Env {
  ctx: FakeContext;
  ctrl: ReturnType<typeof newStatefulSetController>;
}

function setup(set: StatefulSet, podList: Pod[] = []): Env {
  const ctx = fakeContext(now - epochMs);
  const ctrl = newStatefulSetController(ctx);
  ctx.informers.informerFor<StatefulSet>(statefulSets).preload(set);
  ctx.informers.informerFor<Pod>(pods).preload(...podList);
  ctx.client.seed(statefulSets, set).seed(pods, ...podList);
  return { ctx, ctrl };
}

function list<T extends KubeObject>(env: Env, r: ResourceInfo): T[] {
  let out: T[] = [];
  runSync(
    (function* () {
      out = (yield* env.ctx.client.list<T>(r, 'default')).items;
    })(),
  );
  return out;
}

/** Copies the fake apiserver's objects into the caches; pods it sees for the first time get `phase` (Running and Ready by default). */
function mirror(env: Env, phase: 'Running' | 'Pending' = 'Running'): void {
  for (const r of [statefulSets, pods, pvcs, revisions]) {
    const inf = env.ctx.informers.informerFor<KubeObject>(r);
    const live = list<KubeObject>(env, r);
    const keys = new Set(live.map(keyOf));
    for (const k of inf.store.keys()) if (!keys.has(k)) inf.store.remove(k);
    for (const o of live) {
      if (r === pods && !(o as Pod).status?.phase) {
        const p = o as Pod;
        p.status = phase === 'Running' ? { phase, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(now - 60_000) }] } : { phase };
        env.ctx.client.seed(pods, p);
      }
      inf.store.put(o);
    }
  }
}

function sync(env: Env): void {
  runSync(env.ctrl.sync('default/foo'));
}

const podNames = (env: Env) => list<Pod>(env, pods).map((p) => p.metadata.name).sort();
const writes = (env: Env, verb: string, resource: string) => env.ctx.client.writes().filter((a) => a.verb === verb && a.resource === resource);
const setStatus = (env: Env) => env.ctx.client.tracked<StatefulSet>(statefulSets, 'default', 'foo')!.status!;

describe('StatefulSet control (stateful_set_control_test.go)', () => {
  it('CreatesPods: OrderedReady creates one pod per sync, each after its predecessor is Running and Ready', () => {
    const env = setup(newStatefulSet(3));
    sync(env);
    expect(podNames(env)).toEqual(['foo-0']);
    // foo-0 not yet ready: nothing more.
    mirror(env, 'Pending');
    sync(env);
    expect(podNames(env)).toEqual(['foo-0']);
    const p0 = env.ctx.client.tracked<Pod>(pods, 'default', 'foo-0')!;
    p0.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(now - 60_000) }] };
    mirror(env);
    sync(env);
    expect(podNames(env)).toEqual(['foo-0', 'foo-1']);
    mirror(env);
    sync(env);
    mirror(env);
    expect(podNames(env)).toEqual(['foo-0', 'foo-1', 'foo-2']);
    sync(env);
    expect(setStatus(env)).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1, collisionCount: 0 });
    expect(setStatus(env).currentRevision).toBe(setStatus(env).updateRevision);
  });

  it('Parallel creates every pod in one sync (slow start)', () => {
    const set = newStatefulSet(3);
    set.spec!.podManagementPolicy = 'Parallel';
    const env = setup(set);
    sync(env);
    expect(podNames(env)).toEqual(['foo-0', 'foo-1', 'foo-2']);
  });

  it('gives each pod its identity, storage and revision, its claims created first, with events', () => {
    const env = setup(newStatefulSet(1));
    sync(env);
    const creates = env.ctx.client.writes().filter((a) => a.verb === 'create');
    expect(creates.map((a) => `${a.resource} ${a.name}`)).toEqual([`controllerrevisions.apps ${creates[0]!.name}`, 'persistentvolumeclaims datadir-foo-0', 'pods foo-0']);
    const rev = creates[0]!.object as ControllerRevision;
    expect(rev.metadata.name).toBe(`foo-${rev.metadata.labels!['controller.kubernetes.io/hash']}`);
    expect(rev.revision).toBe(1);
    const pod = creates[2]!.object as Pod;
    expect(pod.metadata).toMatchObject({
      name: 'foo-0',
      generateName: 'foo-',
      namespace: 'default',
      labels: { foo: 'bar', 'statefulset.kubernetes.io/pod-name': 'foo-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': rev.metadata.name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'foo', uid: 'set-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(pod.spec).toMatchObject({ hostname: 'foo-0', subdomain: 'governingsvc', volumes: [{ name: 'datadir', persistentVolumeClaim: { claimName: 'datadir-foo-0' } }, { name: 'home', hostPath: { path: '/tmp/home' } }] });
    const pvc = creates[1]!.object as PersistentVolumeClaim;
    expect(pvc.metadata).toEqual({ name: 'datadir-foo-0', namespace: 'default', labels: { foo: 'bar' } });
    expect(env.ctx.events.map((e) => `${e.reason}: ${e.message}`)).toEqual(['SuccessfulCreate: create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success', 'SuccessfulCreate: create Pod foo-0 in StatefulSet foo successful']);
  });

  it('ScaleDown: deletes the highest ordinal first, one per sync while OrderedReady', () => {
    const env = setup(newStatefulSet(3));
    for (let i = 0; i < 3; i++) {
      sync(env);
      mirror(env);
    }
    const set = env.ctx.client.tracked<StatefulSet>(statefulSets, 'default', 'foo')!;
    set.spec!.replicas = 1;
    mirror(env);
    sync(env);
    expect(writes(env, 'delete', 'pods').map((a) => a.name)).toEqual(['foo-2']);
    mirror(env);
    sync(env);
    expect(writes(env, 'delete', 'pods').map((a) => a.name)).toEqual(['foo-2', 'foo-1']);
    // Claims stay (Retain).
    expect(writes(env, 'delete', 'persistentvolumeclaims')).toEqual([]);
  });

  it('RecreatesFailedPod: a Failed pod is deleted, then made again', () => {
    const env = setup(newStatefulSet(1));
    sync(env);
    mirror(env);
    env.ctx.client.tracked<Pod>(pods, 'default', 'foo-0')!.status = { phase: 'Failed' };
    mirror(env);
    sync(env);
    expect(writes(env, 'delete', 'pods').map((a) => a.name)).toEqual(['foo-0']);
    mirror(env);
    sync(env);
    expect(writes(env, 'create', 'pods').map((a) => a.name)).toEqual(['foo-0', 'foo-0']);
  });

  function rolled(partition = 0, type: 'RollingUpdate' | 'OnDelete' = 'RollingUpdate'): Env {
    const env = setup(newStatefulSet(3));
    for (let i = 0; i < 3; i++) {
      sync(env);
      mirror(env);
    }
    sync(env);
    mirror(env);
    const set = env.ctx.client.tracked<StatefulSet>(statefulSets, 'default', 'foo')!;
    set.spec!.template.spec!.containers[0]!.image = 'nginx:2';
    set.spec!.updateStrategy = type === 'OnDelete' ? { type } : { type, rollingUpdate: { partition } };
    set.metadata.generation = 2;
    mirror(env);
    return env;
  }

  it('RollingUpdate: replaces the highest ordinal first, one at a time', () => {
    const env = rolled();
    sync(env);
    expect(writes(env, 'delete', 'pods').map((a) => a.name)).toEqual(['foo-2']);
    const st = setStatus(env);
    expect(st.currentRevision).not.toBe(st.updateRevision);
    expect(st).toMatchObject({ observedGeneration: 2, replicas: 3, currentReplicas: 2 });
    // Zero counts are omitted on the wire (omitempty).
    expect(st.updatedReplicas).toBeUndefined();
    mirror(env);
    sync(env);
    // foo-2 is re-created at the update revision.
    const recreated = writes(env, 'create', 'pods').pop()!.object as Pod;
    expect(recreated.metadata.name).toBe('foo-2');
    expect(recreated.metadata.labels!['controller-revision-hash']).toBe(st.updateRevision);
    expect(recreated.spec!.containers[0]!.image).toBe('nginx:2');
    mirror(env);
    sync(env);
    expect(writes(env, 'delete', 'pods').map((a) => a.name)).toEqual(['foo-2', 'foo-1']);
  });

  it('RollingUpdate with a partition leaves ordinals below it alone', () => {
    const env = rolled(2);
    sync(env);
    mirror(env);
    sync(env);
    mirror(env);
    sync(env);
    expect(writes(env, 'delete', 'pods').map((a) => a.name)).toEqual(['foo-2']);
  });

  it('OnDelete updates nothing by itself', () => {
    const env = rolled(0, 'OnDelete');
    sync(env);
    expect(writes(env, 'delete', 'pods')).toEqual([]);
  });

  it('a completed rolling update makes the update revision current', () => {
    const env = rolled();
    for (let i = 0; i < 8; i++) {
      sync(env);
      mirror(env);
    }
    const st = setStatus(env);
    expect(st.currentRevision).toBe(st.updateRevision);
    expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
  });

  it('rolling back renumbers the old revision instead of making a new one (getStatefulSetRevisions)', () => {
    const env = rolled();
    sync(env);
    mirror(env);
    const set = env.ctx.client.tracked<StatefulSet>(statefulSets, 'default', 'foo')!;
    set.spec!.template.spec!.containers[0]!.image = 'nginx';
    mirror(env);
    sync(env);
    const revs = list<ControllerRevision>(env, revisions).sort((a, b) => a.revision - b.revision);
    expect(revs.map((r) => r.revision)).toEqual([2, 3]);
    expect(writes(env, 'update', 'controllerrevisions.apps').map((a) => (a.object as ControllerRevision).revision)).toEqual([3]);
  });

  it('persistentVolumeClaimRetentionPolicy whenDeleted=Delete: the set owns each claim', () => {
    const set = newStatefulSet(1);
    set.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' };
    const env = setup(set);
    sync(env);
    mirror(env);
    sync(env);
    const update = writes(env, 'update', 'persistentvolumeclaims')[0]!;
    expect(update.object!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'foo', uid: 'set-uid', controller: true, blockOwnerDeletion: true }]);
  });

  it('persistentVolumeClaimRetentionPolicy whenScaled=Delete: a condemned pod owns its claim before it goes', () => {
    const set = newStatefulSet(2);
    set.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Retain', whenScaled: 'Delete' };
    const env = setup(set);
    for (let i = 0; i < 3; i++) {
      sync(env);
      mirror(env);
    }
    env.ctx.client.tracked<StatefulSet>(statefulSets, 'default', 'foo')!.spec!.replicas = 1;
    mirror(env);
    sync(env);
    const owned = writes(env, 'update', 'persistentvolumeclaims').find((a) => a.name === 'datadir-foo-1')!;
    expect(owned.object!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'foo-1', uid: 'uid-foo-1', controller: true, blockOwnerDeletion: true }]);
    expect(writes(env, 'delete', 'pods').map((a) => a.name)).toEqual(['foo-1']);
  });

  it('keeps revisionHistoryLimit old revisions (truncateHistory)', () => {
    const env = setup(newStatefulSet(1, false));
    for (const image of ['a', 'b', 'c', 'd', 'e']) {
      env.ctx.client.tracked<StatefulSet>(statefulSets, 'default', 'foo')!.spec!.template.spec!.containers[0]!.image = image;
      for (let i = 0; i < 3; i++) {
        mirror(env);
        sync(env);
      }
    }
    // Five revisions made. The last truncation saw current (4, still in status then) and update (5) as live, and kept two more.
    expect(list<ControllerRevision>(env, revisions).map((r) => r.revision).sort()).toEqual([2, 3, 4, 5]);
    expect(writes(env, 'delete', 'controllerrevisions.apps').length).toBe(1);
  });
});

// stateful_set_utils_test.go.
describe('StatefulSet identities (stateful_set_utils_test.go)', () => {
  it('TestGetParentNameAndOrdinal', () => {
    const set = newStatefulSet(3);
    const pod = newStatefulSetPod(set, 1);
    expect(getParentNameAndOrdinal(pod)).toEqual({ parent: 'foo', ordinal: 1 });
    pod.metadata.name = 'foo-bar';
    expect(getParentNameAndOrdinal(pod)).toEqual({ parent: '', ordinal: -1 });
    pod.metadata.name = 'foo-bar-12';
    expect(getParentNameAndOrdinal(pod)).toEqual({ parent: 'foo-bar', ordinal: 12 });
  });

  it('TestIdentityMatches', () => {
    const set = newStatefulSet(3);
    const pod = newStatefulSetPod(set, 1);
    expect(identityMatches(set, pod)).toBe(true);
    pod.metadata.name = 'foo-2';
    expect(identityMatches(set, pod)).toBe(false);
    pod.metadata.name = 'foo-1';
    pod.metadata.namespace = 'other';
    expect(identityMatches(set, pod)).toBe(false);
    pod.metadata.namespace = 'default';
    delete pod.metadata.labels!['statefulset.kubernetes.io/pod-name'];
    expect(identityMatches(set, pod)).toBe(false);
  });

  it('TestStorageMatches and TestUpdateStorage', () => {
    const set = newStatefulSet(3);
    const pod = newStatefulSetPod(set, 1);
    expect(storageMatches(set, pod)).toBe(true);
    pod.spec!.volumes = pod.spec!.volumes!.filter((v) => v.name !== 'datadir');
    expect(storageMatches(set, pod)).toBe(false);
    updateStorage(set, pod);
    expect(storageMatches(set, pod)).toBe(true);
    expect(getPersistentVolumeClaimName(set, set.spec!.volumeClaimTemplates![0]!, 1)).toBe('datadir-foo-1');
  });

  it('TestUpdateIdentity: name, labels; hostname and subdomain only on creation', () => {
    const set = newStatefulSet(3);
    const pod = newStatefulSetPod(set, 1);
    pod.metadata.labels = {};
    pod.spec!.hostname = 'changed';
    updateIdentity(set, pod);
    expect(pod.metadata.labels).toEqual({ 'statefulset.kubernetes.io/pod-name': 'foo-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(pod.spec!.hostname).toBe('changed');
    expect(getPodName(set, 4)).toBe('foo-4');
  });

  // TestIsClaimOwnerUpToDate, in short.
  it('isClaimOwnerUpToDate follows the retention policy', () => {
    const set = newStatefulSet(3);
    const pod = { ...newStatefulSetPod(set, 1), metadata: { ...newStatefulSetPod(set, 1).metadata, uid: 'pod-uid' } };
    const claim = (refs: { kind: string; name: string; uid: string; apiVersion: string }[]): PersistentVolumeClaim => ({ metadata: { name: 'datadir-foo-1', ownerReferences: refs.map((r) => ({ ...r, controller: true })) } });
    const setRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'foo', uid: 'set-uid' };
    expect(isClaimOwnerUpToDate(claim([]), set, pod)).toBe(true);
    expect(isClaimOwnerUpToDate(claim([setRef]), set, pod)).toBe(false);
    set.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' };
    expect(isClaimOwnerUpToDate(claim([]), set, pod)).toBe(false);
    expect(isClaimOwnerUpToDate(claim([setRef]), set, pod)).toBe(true);
    // A stale ref (another set of that name): left alone.
    expect(isClaimOwnerUpToDate(claim([{ ...setRef, uid: 'old' }]), set, pod)).toBe(true);
  });
});
