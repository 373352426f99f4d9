// Tests ported from pkg/controller/garbagecollector/garbagecollector_test.go (1.32):
// TestAttemptToDeleteItem, TestProcessEvent (with verifyGraphInvariants), TestAbsentOwnerCache,
// TestDeleteOwnerRefPatch, TestUnblockOwnerReference, TestOrphanDependentsFailure and the
// TestConflictingData scenarios whose owners are served here (the rbac/v1beta1 ones are not, so
// their two cases are left out); then the foreground, orphan and uid paths end to end. The work
// queues are tracking queues as upstream's trackingWorkqueue: an add of a queued item is a no-op,
// a rate-limited add is an add, and the pending items can be read in order.

import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference, Pod } from '../api/types';
import { applyPatch } from '../apiserver/patch/apply';
import { patchSchemaFor } from '../apiserver/patch/schema';
import type { Json, JsonObject } from '../apiserver/patch/json';
import { newConflict } from '../apiserver/errors';
import { res } from '../client/clientset';
import type { Queue } from '../client/workqueue';
import type { Co } from '../sim/co';
import { worker, type ControllerContext } from './controller';
import { newGarbageCollectorController, type GarbageCollectorController } from './garbagecollector';
import { ReferenceCache } from './garbagecollector/absent-owner-cache';
import { GarbageCollector } from './garbagecollector/collector';
import { Node, referenceKey, type ObjectReference } from './garbagecollector/graph';
import type { GraphEvent } from './garbagecollector/graph-builder';
import { Operations, unblockOwnerReferencesStrategicMergePatch } from './garbagecollector/operations';
import { deleteOwnerRefStrategicMergePatch } from './util/controller-ref';
import { fakeContext, runSync, type FakeContext } from './testing';

/** trackingWorkqueue. */
class TrackingQueue implements Queue {
  readonly pendingList: string[] = [];
  add(key: string): void {
    if (!this.pendingList.includes(key)) this.pendingList.push(key);
  }
  addAfter(key: string): void {
    this.add(key);
  }
  addRateLimited(key: string): void {
    this.add(key);
  }
  forget(): void {}
  numRequeues(): number {
    return 0;
  }
  get len(): number {
    return this.pendingList.length;
  }
  *get(): Co<string | null> {
    return this.pendingList.shift() ?? null;
  }
  done(): void {}
}

interface Harness {
  ctx: FakeContext;
  gc: GarbageCollectorController;
  deleteQueue: TrackingQueue;
  orphanQueue: TrackingQueue;
}

function setup(): Harness {
  const ctx = fakeContext();
  const queues = new Map<string, TrackingQueue>();
  const c: ControllerContext = {
    ...ctx,
    newQueue: (name: string) => {
      const q = new TrackingQueue();
      queues.set(name, q);
      return q;
    },
  };
  const gc = newGarbageCollectorController(c);
  return { ctx, gc, deleteQueue: queues.get('garbage_collector_attempt_to_delete')!, orphanQueue: queues.get('garbage_collector_attempt_to_orphan')! };
}

// makeID
const id = (apiVersion: string, kind: string, namespace: string, name: string, uid: string): ObjectReference => ({ apiVersion, kind, namespace, name, uid });
const ownerRef = (o: ObjectReference, extra: Partial<OwnerReference> = {}): OwnerReference => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, uid: o.uid, ...extra });

// makeObj / makeMetadataObj
function obj(identity: ObjectReference, owners: ObjectReference[] = [], meta: Partial<KubeObject['metadata']> = {}): KubeObject {
  return {
    apiVersion: identity.apiVersion,
    kind: identity.kind,
    metadata: { name: identity.name, uid: identity.uid, ...(identity.namespace ? { namespace: identity.namespace } : {}), ...(owners.length ? { ownerReferences: owners.map((o) => ownerRef(o)) } : {}), resourceVersion: '1', ...meta },
  };
}
const event = (eventType: GraphEvent['eventType'], identity: ObjectReference, ...owners: ObjectReference[]): GraphEvent => ({ virtual: false, eventType, apiVersion: identity.apiVersion, kind: identity.kind, obj: obj(identity, owners) });

/** The REST resource of an identity, as the fake client keys it. */
function resOf(identity: ObjectReference) {
  const [group] = identity.apiVersion.includes('/') ? identity.apiVersion.split('/') : [''];
  const resource = { Pod: 'pods', Node: 'nodes', Secret: 'secrets', Deployment: 'deployments', ReplicationController: 'replicationcontrollers', ReplicaSet: 'replicasets' }[identity.kind]!;
  return res(group, resource);
}

const createObjectInClient = (h: Harness, identity: ObjectReference, ...owners: ObjectReference[]) => h.ctx.client.seed(resOf(identity), obj(identity, owners));
const processEvent = (h: Harness, e: GraphEvent) => {
  expect(h.gc.builder.graphChanges.len).toBe(0);
  h.gc.builder.graphChanges.add(e);
  h.gc.builder.processGraphChanges();
};
const processPendingGraphChanges = (h: Harness, n: number) => {
  for (let i = 0; i < n; i++) expect(h.gc.builder.processGraphChanges()).toBe(true);
};

/** processAttemptToDeleteWorker, through the framework's worker: forget on success, requeue (to the end) on a thrown requeue. */
function processAttemptToDelete(h: Harness, n = 1): void {
  for (let i = 0; i < n; i++) {
    expect(h.deleteQueue.len).toBeGreaterThan(0);
    const key = h.deleteQueue.pendingList.shift()!;
    let first = true;
    runSync(
      worker(
        h.gc,
        function* () {
          if (!first) return null;
          first = false;
          return key;
        },
        () => {},
      ),
    );
  }
}

interface State {
  clientActions?: string[];
  graphNodes?: { identity: ObjectReference; owners?: ObjectReference[]; virtual?: boolean }[];
  pendingAttemptToDelete?: { identity: ObjectReference; virtual?: boolean }[];
  pendingGraphChanges?: { identity: ObjectReference; virtual: boolean; eventType: string }[];
  absentOwnerCache?: ObjectReference[];
  events?: string[];
}

// verifyGraphInvariants: owners list their dependents and dependents list their owners.
function verifyGraphInvariants(h: Harness): void {
  for (const [uid, node] of h.gc.builder.uidToNode) {
    for (const dep of node.dependents) expect(dep.owners.some((o) => o.uid === uid)).toBe(true);
    for (const o of node.owners) {
      const owner = h.gc.builder.uidToNode.get(o.uid);
      if (owner) expect(owner.dependents.has(node)).toBe(true);
    }
  }
}

/** assertState: then clears the recorded actions and events. */
function assertState(h: Harness, s: State): void {
  const actions = h.ctx.client.actions.map((a) => `${a.verb} ${a.resource}${a.namespace ? ` ns=${a.namespace}` : ''} name=${a.name}`);
  expect(actions).toEqual(s.clientActions ?? []);
  h.ctx.client.actions.splice(0);
  expect(h.ctx.events.map((e) => `${e.type} ${e.reason} ${e.message} ${e.object}`)).toEqual(s.events ?? []);
  h.ctx.events.splice(0);
  const nodes = s.graphNodes ?? [];
  expect(h.gc.builder.uidToNode.size).toBe(nodes.length);
  for (const n of nodes) {
    const g = h.gc.builder.uidToNode.get(n.identity.uid);
    expect(g, n.identity.uid).toBeDefined();
    expect(g!.identity).toEqual(n.identity);
    expect(g!.virtual).toBe(n.virtual ?? false);
    expect(g!.owners).toEqual((n.owners ?? []).map((o) => ownerRef(o)));
  }
  expect(h.deleteQueue.pendingList.map((k) => ({ identity: h.gc.nodeOf('attemptToDelete', k)!.identity, virtual: h.gc.nodeOf('attemptToDelete', k)!.virtual }))).toEqual(
    (s.pendingAttemptToDelete ?? []).map((p) => ({ identity: p.identity, virtual: p.virtual ?? false })),
  );
  expect(h.gc.builder.graphChanges.items.map((e) => ({ identity: id(e.apiVersion, e.kind, e.obj.metadata.namespace ?? '', e.obj.metadata.name ?? '', e.obj.metadata.uid ?? ''), virtual: e.virtual, eventType: e.eventType }))).toEqual(
    s.pendingGraphChanges ?? [],
  );
  expect(h.gc.absentOwnerCache.list().map(referenceKey).sort()).toEqual((s.absentOwnerCache ?? []).map(referenceKey).sort());
  verifyGraphInvariants(h);
}

const virtualNode = (identity: ObjectReference) => ({ identity, virtual: true });

describe('TestAttemptToDeleteItem', () => {
  it('deletes a pod whose only owner is gone, after GETs of the pod and the owner', () => {
    const h = setup();
    const pod = id('v1', 'Pod', 'ns1', 'ToBeDeletedPod', '456');
    const owner = id('v1', 'ReplicationController', 'ns1', 'owner1', '123');
    createObjectInClient(h, pod, owner);
    // Owners are left empty: attemptToDeleteItem reads the latest object from the server.
    const item = new Node('k', pod, [], true);
    runSync(h.gc.collector.attemptToDeleteItem(item));
    expect(item.virtual).toBe(true);
    expect(new Set(h.ctx.client.actions.map((a) => `${a.verb} ${a.resource} ${a.name}`))).toEqual(new Set(['get replicationcontrollers owner1', 'get pods ToBeDeletedPod', 'delete pods ToBeDeletedPod']));
    expect(h.ctx.client.actions.find((a) => a.verb === 'delete')!.options).toEqual({ preconditions: { uid: '456', resourceVersion: '1' }, propagationPolicy: 'Background' });
  });
});

describe('TestProcessEvent', () => {
  const e = (t: GraphEvent['eventType'], uid: string, owners: string[]): GraphEvent => ({ virtual: false, eventType: t, apiVersion: '', kind: '', obj: { metadata: { uid, ownerReferences: owners.map((o) => ({ uid: o }) as OwnerReference) } } });
  const scenarios: { name: string; events: GraphEvent[] }[] = [
    { name: 'test1', events: [e('add', '1', []), e('add', '2', ['1']), e('add', '3', ['1', '2'])] },
    { name: 'test2', events: [e('add', '1', []), e('add', '2', ['1']), e('add', '3', ['1', '2']), e('add', '4', ['2']), e('delete', '2', ["doesn't matter"])] },
    { name: 'test3', events: [e('add', '1', []), e('add', '2', ['1']), e('add', '3', ['1', '2']), e('add', '4', ['3']), e('update', '2', ['4'])] },
    { name: 'reverse test2', events: [e('add', '4', ['2']), e('add', '3', ['1', '2']), e('add', '2', ['1']), e('add', '1', []), e('delete', '2', ["doesn't matter"])] },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const h = setup();
      for (const ev of s.events) {
        processEvent(h, ev);
        verifyGraphInvariants(h);
      }
    });
  }
});

describe('TestAbsentOwnerCache', () => {
  it('remembers absent owners in an LRU of 2, promoting a hit, and GETs rc1 once', () => {
    const h = setup();
    const rc = (n: number) => id('v1', 'ReplicationController', 'ns1', `rc${n}`, String(n));
    const pods = [
      [id('v1', 'Pod', 'ns1', 'rc1Pod1', '456'), ownerRef(rc(1), { controller: true })],
      [id('v1', 'Pod', 'ns1', 'rc1Pod2', '456'), ownerRef(rc(1), { controller: false })],
      [id('v1', 'Pod', 'ns1', 'rc2Pod1', '456'), ownerRef(rc(2))],
      [id('v1', 'Pod', 'ns1', 'rc3Pod1', '456'), ownerRef(rc(3))],
    ] as const;
    for (const [p, o] of pods) h.ctx.client.seed(res('', 'pods'), { ...obj(p), metadata: { ...obj(p).metadata, ownerReferences: [o] } });
    const cache = new ReferenceCache(2);
    const gc = new GarbageCollector(h.gc.builder, new Operations(h.ctx.client, () => undefined), cache, () => {});
    const attempt = (i: number) => runSync(gc.attemptToDeleteItem(new Node('k', pods[i][0])));
    attempt(0);
    attempt(2);
    // rc1 is in the cache: no request; the hit promotes it.
    attempt(1);
    // rc2 is evicted now.
    attempt(3);
    const has = (n: number) => cache.has({ ...rc(n) });
    expect(has(1)).toBe(true);
    expect(has(2)).toBe(false);
    expect(has(3)).toBe(true);
    expect(h.ctx.client.actions.filter((a) => a.verb === 'get' && a.name === 'rc1')).toHaveLength(1);
  });
});

describe('patches', () => {
  const smp = (o: KubeObject, p: unknown) => applyPatch('application/strategic-merge-patch+json', structuredClone(o) as unknown as JsonObject, p as Json, patchSchemaFor('v1', 'Pod')) as unknown as KubeObject;
  it('TestDeleteOwnerRefPatch', () => {
    const original: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { uid: '100', ownerReferences: [{ uid: '1' }, { uid: '2' }, { uid: '3' }] as OwnerReference[] } };
    expect(smp(original, deleteOwnerRefStrategicMergePatch('100', ['2', '3'])).metadata).toEqual({ uid: '100', ownerReferences: [{ uid: '1' }] });
  });
  it('TestUnblockOwnerReference', () => {
    const owners = [{ uid: '1', blockOwnerDeletion: true }, { uid: '2', blockOwnerDeletion: false }, { uid: '3' }] as OwnerReference[];
    const original: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { uid: '100', ownerReferences: owners } };
    const n = new Node('k', id('', '', '', '', '100'), owners);
    expect(smp(original, unblockOwnerReferencesStrategicMergePatch(n)).metadata.ownerReferences).toEqual([
      { uid: '1', blockOwnerDeletion: false },
      { uid: '2', blockOwnerDeletion: false },
      { uid: '3' },
    ]);
  });
});

describe('TestOrphanDependentsFailure', () => {
  it('reports the dependent that could not be orphaned', () => {
    const h = setup();
    h.ctx.client.prependReactor('patch', 'pods', () => newConflict({ group: '', resource: 'pods' }, 'pod', 'the server reported a conflict'));
    const dependents = [new Node('k', id('v1', 'Pod', 'ns1', 'pod', ''))];
    expect(() => runSync(h.gc.collector.orphanDependents(id('', '', '', '', ''), dependents))).toThrow(
      'failed to orphan dependents of owner [/, namespace: , name: , uid: ], got errors: orphaning [v1/Pod, namespace: ns1, name: pod, uid: ] failed, Operation cannot be fulfilled on pods "pod": the server reported a conflict',
    );
  });
});

describe('TestConflictingData', () => {
  const pod1ns1 = id('v1', 'Pod', 'ns1', 'podname1', 'poduid1');
  const pod2ns1 = id('v1', 'Pod', 'ns1', 'podname2', 'poduid2');
  const pod2ns2 = id('v1', 'Pod', 'ns2', 'podname2', 'poduid2');
  const node1 = id('v1', 'Node', '', 'nodename', 'nodeuid1');
  const deployment1apps = id('apps/v1', 'Deployment', 'ns1', 'deployment1', 'deploymentuid1');
  const deployment1extensions = id('extensions/v1beta1', 'Deployment', 'ns1', 'deployment1', 'deploymentuid1'); // not served, still referenced
  // A reference to node1 from a namespaced object: the virtual node takes the child's namespace.
  const node1WithNamespace = id('v1', 'Node', 'ns1', 'nodename', 'nodeuid1');
  // A reference to pod1 from a cluster-scoped object: the virtual node has no namespace.
  const pod1nonamespace = id('v1', 'Pod', '', 'podname1', 'poduid1');
  const badSecretReferenceWithDeploymentUID = id('v1', 'Secret', 'ns1', 'secretname', deployment1apps.uid);
  const badChildPod = id('v1', 'Pod', 'ns1', 'badpod', 'badpoduid');
  const goodChildPod = id('v1', 'Pod', 'ns1', 'goodpod', 'goodpoduid');
  const n = (identity: ObjectReference, ...owners: ObjectReference[]) => ({ identity, owners });
  const virtualDelete = (identity: ObjectReference) => ({ identity, virtual: true, eventType: 'delete' });
  const invalidNs = (ref: string, ns: string, obj: string) => `Warning OwnerRefInvalidNamespace ownerRef ${ref} does not exist in namespace "${ns}" ${obj}`;

  it('good child in ns1 -> cluster-scoped owner', () => {
    const h = setup();
    createObjectInClient(h, node1);
    createObjectInClient(h, pod1ns1, node1);
    processEvent(h, event('add', pod1ns1, node1));
    assertState(h, { graphNodes: [n(pod1ns1, node1), virtualNode(node1WithNamespace)], pendingAttemptToDelete: [virtualNode(node1WithNamespace)] });
    processAttemptToDelete(h);
    assertState(h, { clientActions: ['get nodes name=nodename'], graphNodes: [n(pod1ns1, node1), virtualNode(node1WithNamespace)], pendingAttemptToDelete: [virtualNode(node1WithNamespace)] });
    processEvent(h, event('add', node1));
    assertState(h, { graphNodes: [n(pod1ns1, node1), n(node1)], pendingAttemptToDelete: [virtualNode(node1WithNamespace)] });
    processAttemptToDelete(h);
    assertState(h, { graphNodes: [n(pod1ns1, node1), n(node1)] });
  });

  it('bad child in ns1 -> owner in ns2 (child first)', () => {
    const h = setup();
    createObjectInClient(h, pod1ns1, pod2ns1);
    createObjectInClient(h, pod2ns2);
    processEvent(h, event('add', pod1ns1, pod2ns2));
    assertState(h, { graphNodes: [n(pod1ns1, pod2ns2), virtualNode(pod2ns1)], pendingAttemptToDelete: [virtualNode(pod2ns1)] });
    processEvent(h, event('add', pod2ns2));
    assertState(h, {
      graphNodes: [n(pod1ns1, pod2ns2), n(pod2ns2)],
      pendingAttemptToDelete: [virtualNode(pod2ns1), { identity: pod1ns1 }],
      events: [invalidNs('[v1/Pod, namespace: ns1, name: podname2, uid: poduid2]', 'ns1', 'Pod/podname1')],
    });
    processAttemptToDelete(h);
    assertState(h, { graphNodes: [n(pod1ns1, pod2ns2), n(pod2ns2)], pendingAttemptToDelete: [{ identity: pod1ns1 }] });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname1', 'get pods ns=ns1 name=podname2', 'delete pods ns=ns1 name=podname1'],
      graphNodes: [n(pod1ns1, pod2ns2), n(pod2ns2)],
      absentOwnerCache: [pod2ns1],
    });
    processEvent(h, event('delete', pod1ns1));
    assertState(h, { graphNodes: [n(pod2ns2)], absentOwnerCache: [pod2ns1] });
  });

  it('bad child in ns1 -> owner in ns2 (owner first)', () => {
    const h = setup();
    createObjectInClient(h, pod1ns1, pod2ns1);
    createObjectInClient(h, pod2ns2);
    processEvent(h, event('add', pod2ns2));
    assertState(h, { graphNodes: [n(pod2ns2)] });
    processEvent(h, event('add', pod1ns1, pod2ns1));
    assertState(h, {
      graphNodes: [n(pod1ns1, pod2ns1), n(pod2ns2)],
      pendingAttemptToDelete: [{ identity: pod1ns1 }],
      events: [invalidNs('[v1/Pod, namespace: ns1, name: podname2, uid: poduid2]', 'ns1', 'Pod/podname1')],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname1', 'get pods ns=ns1 name=podname2', 'delete pods ns=ns1 name=podname1'],
      graphNodes: [n(pod1ns1, pod2ns1), n(pod2ns2)],
      absentOwnerCache: [pod2ns1],
    });
    processEvent(h, event('delete', pod1ns1));
    assertState(h, { graphNodes: [n(pod2ns2)], absentOwnerCache: [pod2ns1] });
  });

  it('bad cluster-scoped child -> owner in ns1 (child first)', () => {
    const h = setup();
    createObjectInClient(h, node1, pod1ns1);
    createObjectInClient(h, pod1ns1);
    processEvent(h, event('add', node1, pod1ns1));
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), virtualNode(pod1nonamespace)], pendingAttemptToDelete: [virtualNode(pod1nonamespace)] });
    // A namespace-scoped virtual node without a namespace coordinate is not requeued.
    processAttemptToDelete(h);
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), virtualNode(pod1nonamespace)] });
    processEvent(h, event('add', pod1ns1));
    assertState(h, {
      graphNodes: [n(node1, pod1nonamespace), n(pod1ns1)],
      events: [invalidNs('[v1/Pod, namespace: , name: podname1, uid: poduid1]', '', 'Node/nodename')],
      pendingAttemptToDelete: [{ identity: node1 }],
    });
    processAttemptToDelete(h);
    assertState(h, { clientActions: ['get nodes name=nodename'], graphNodes: [n(node1, pod1nonamespace), n(pod1ns1)] });
  });

  it('bad cluster-scoped child -> owner in ns1 (owner first)', () => {
    const h = setup();
    createObjectInClient(h, node1, pod1ns1);
    createObjectInClient(h, pod1ns1);
    processEvent(h, event('add', pod1ns1));
    assertState(h, { graphNodes: [n(pod1ns1)] });
    processEvent(h, event('add', node1, pod1ns1));
    assertState(h, {
      graphNodes: [n(node1, pod1nonamespace), n(pod1ns1)],
      events: [invalidNs('[v1/Pod, namespace: , name: podname1, uid: poduid1]', '', 'Node/nodename')],
      pendingAttemptToDelete: [{ identity: node1 }],
    });
    processAttemptToDelete(h);
    assertState(h, { clientActions: ['get nodes name=nodename'], graphNodes: [n(node1, pod1nonamespace), n(pod1ns1)] });
  });

  it('child -> existing owner with inaccessible API version (child first)', () => {
    const h = setup();
    createObjectInClient(h, deployment1apps);
    createObjectInClient(h, pod1ns1, deployment1extensions);
    processEvent(h, event('add', pod1ns1, deployment1extensions));
    assertState(h, { graphNodes: [n(pod1ns1, deployment1extensions), virtualNode(deployment1extensions)], pendingAttemptToDelete: [virtualNode(deployment1extensions)] });
    // Requeued on the REST mapping error.
    processAttemptToDelete(h);
    assertState(h, { graphNodes: [n(pod1ns1, deployment1extensions), virtualNode(deployment1extensions)], pendingAttemptToDelete: [virtualNode(deployment1extensions)] });
    processEvent(h, event('add', deployment1apps));
    assertState(h, { graphNodes: [n(pod1ns1, deployment1extensions), n(deployment1apps)], pendingAttemptToDelete: [virtualNode(deployment1extensions), { identity: pod1ns1 }] });
    // The virtual node is dropped: the real one has been observed.
    processAttemptToDelete(h);
    assertState(h, { graphNodes: [n(pod1ns1, deployment1extensions), n(deployment1apps)], pendingAttemptToDelete: [{ identity: pod1ns1 }] });
    processAttemptToDelete(h);
    assertState(h, { clientActions: ['get pods ns=ns1 name=podname1'], graphNodes: [n(pod1ns1, deployment1extensions), n(deployment1apps)], pendingAttemptToDelete: [{ identity: pod1ns1 }] });
    h.ctx.client.actions.splice(0);
    processEvent(h, event('delete', deployment1apps));
    assertState(h, { graphNodes: [n(pod1ns1, deployment1extensions)], absentOwnerCache: [deployment1apps], pendingAttemptToDelete: [{ identity: pod1ns1 }] });
    processAttemptToDelete(h);
    assertState(h, { clientActions: ['get pods ns=ns1 name=podname1'], graphNodes: [n(pod1ns1, deployment1extensions)], absentOwnerCache: [deployment1apps], pendingAttemptToDelete: [{ identity: pod1ns1 }] });
  });

  it('child -> non-existent owner with inaccessible API version (accessible parent apiVersion first)', () => {
    const h = setup();
    createObjectInClient(h, pod1ns1, deployment1extensions);
    createObjectInClient(h, pod2ns1, deployment1apps);
    processEvent(h, event('add', pod2ns1, deployment1apps));
    assertState(h, { graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1apps)], pendingAttemptToDelete: [virtualNode(deployment1apps)] });
    processEvent(h, event('add', pod1ns1, deployment1extensions));
    assertState(h, {
      graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1apps), n(pod1ns1, deployment1extensions)],
      pendingAttemptToDelete: [virtualNode(deployment1apps), { identity: pod1ns1 }],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get deployments.apps ns=ns1 name=deployment1'],
      pendingGraphChanges: [virtualDelete(deployment1apps)],
      graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1apps), n(pod1ns1, deployment1extensions)],
      pendingAttemptToDelete: [{ identity: pod1ns1 }],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname1'],
      pendingGraphChanges: [virtualDelete(deployment1apps)],
      graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1apps), n(pod1ns1, deployment1extensions)],
      pendingAttemptToDelete: [{ identity: pod1ns1 }],
    });
    processPendingGraphChanges(h, 1);
    assertState(h, {
      graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1extensions), n(pod1ns1, deployment1extensions)],
      absentOwnerCache: [deployment1apps],
      pendingAttemptToDelete: [{ identity: pod1ns1 }, { identity: pod2ns1 }, virtualNode(deployment1extensions)],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname1'],
      graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1extensions), n(pod1ns1, deployment1extensions)],
      absentOwnerCache: [deployment1apps],
      pendingAttemptToDelete: [{ identity: pod2ns1 }, virtualNode(deployment1extensions), { identity: pod1ns1 }],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname2', 'delete pods ns=ns1 name=podname2'],
      graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1extensions), n(pod1ns1, deployment1extensions)],
      absentOwnerCache: [deployment1apps],
      pendingAttemptToDelete: [virtualNode(deployment1extensions), { identity: pod1ns1 }],
    });
    processAttemptToDelete(h);
    assertState(h, {
      graphNodes: [n(pod2ns1, deployment1apps), virtualNode(deployment1extensions), n(pod1ns1, deployment1extensions)],
      absentOwnerCache: [deployment1apps],
      pendingAttemptToDelete: [{ identity: pod1ns1 }, virtualNode(deployment1extensions)],
    });
    processEvent(h, event('delete', pod2ns1));
    assertState(h, {
      graphNodes: [virtualNode(deployment1extensions), n(pod1ns1, deployment1extensions)],
      absentOwnerCache: [deployment1apps],
      pendingAttemptToDelete: [{ identity: pod1ns1 }, virtualNode(deployment1extensions)],
    });
  });

  it('bad child -> existing owner with incorrect API version (bad child, good child, bad parent delete, good parent)', () => {
    const h = setup();
    createObjectInClient(h, deployment1apps);
    createObjectInClient(h, badChildPod, badSecretReferenceWithDeploymentUID);
    createObjectInClient(h, goodChildPod, deployment1apps);
    processEvent(h, event('add', badChildPod, badSecretReferenceWithDeploymentUID));
    assertState(h, { graphNodes: [n(badChildPod, badSecretReferenceWithDeploymentUID), virtualNode(badSecretReferenceWithDeploymentUID)], pendingAttemptToDelete: [virtualNode(badSecretReferenceWithDeploymentUID)] });
    processEvent(h, event('add', goodChildPod, deployment1apps));
    const three = (owner: { identity: ObjectReference; virtual?: boolean }) => [n(goodChildPod, deployment1apps), n(badChildPod, badSecretReferenceWithDeploymentUID), owner];
    assertState(h, { graphNodes: three(virtualNode(badSecretReferenceWithDeploymentUID)), pendingAttemptToDelete: [virtualNode(badSecretReferenceWithDeploymentUID), { identity: goodChildPod }] });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get secrets ns=ns1 name=secretname'],
      pendingGraphChanges: [virtualDelete(badSecretReferenceWithDeploymentUID)],
      graphNodes: three(virtualNode(badSecretReferenceWithDeploymentUID)),
      pendingAttemptToDelete: [{ identity: goodChildPod }],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=goodpod', 'get deployments.apps ns=ns1 name=deployment1'],
      pendingGraphChanges: [virtualDelete(badSecretReferenceWithDeploymentUID)],
      graphNodes: three(virtualNode(badSecretReferenceWithDeploymentUID)),
    });
    processPendingGraphChanges(h, 1);
    assertState(h, {
      graphNodes: three(virtualNode(deployment1apps)),
      absentOwnerCache: [badSecretReferenceWithDeploymentUID],
      pendingAttemptToDelete: [{ identity: badChildPod }, virtualNode(deployment1apps)],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=badpod', 'delete pods ns=ns1 name=badpod'],
      graphNodes: three(virtualNode(deployment1apps)),
      absentOwnerCache: [badSecretReferenceWithDeploymentUID],
      pendingAttemptToDelete: [virtualNode(deployment1apps)],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get deployments.apps ns=ns1 name=deployment1'],
      graphNodes: three(virtualNode(deployment1apps)),
      absentOwnerCache: [badSecretReferenceWithDeploymentUID],
      pendingAttemptToDelete: [virtualNode(deployment1apps)],
    });
    processEvent(h, event('add', deployment1apps));
    assertState(h, { graphNodes: three({ identity: deployment1apps }), absentOwnerCache: [badSecretReferenceWithDeploymentUID], pendingAttemptToDelete: [{ identity: deployment1apps }] });
    processEvent(h, event('delete', badChildPod, badSecretReferenceWithDeploymentUID));
    assertState(h, { graphNodes: [n(goodChildPod, deployment1apps), n(deployment1apps)], absentOwnerCache: [badSecretReferenceWithDeploymentUID], pendingAttemptToDelete: [{ identity: deployment1apps }] });
    processAttemptToDelete(h);
    assertState(h, { clientActions: ['get deployments.apps ns=ns1 name=deployment1'], graphNodes: [n(goodChildPod, deployment1apps), n(deployment1apps)], absentOwnerCache: [badSecretReferenceWithDeploymentUID] });
  });

  it('cluster-scoped bad child, namespaced good child, missing parent (#98040)', () => {
    const h = setup();
    createObjectInClient(h, pod2ns1, pod1ns1);
    createObjectInClient(h, node1, pod1nonamespace);
    processEvent(h, event('add', node1, pod1nonamespace));
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), virtualNode(pod1nonamespace)], pendingAttemptToDelete: [virtualNode(pod1nonamespace)] });
    processEvent(h, event('add', pod2ns1, pod1ns1));
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), n(pod2ns1, pod1ns1), virtualNode(pod1nonamespace)], pendingAttemptToDelete: [virtualNode(pod1nonamespace), { identity: pod2ns1 }] });
    processAttemptToDelete(h);
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), n(pod2ns1, pod1ns1), virtualNode(pod1nonamespace)], pendingAttemptToDelete: [{ identity: pod2ns1 }] });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname2', 'get pods ns=ns1 name=podname1', 'delete pods ns=ns1 name=podname2'],
      graphNodes: [n(node1, pod1nonamespace), n(pod2ns1, pod1ns1), virtualNode(pod1nonamespace)],
      absentOwnerCache: [pod1ns1],
    });
    processEvent(h, event('delete', pod2ns1, pod1ns1));
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), virtualNode(pod1nonamespace)], absentOwnerCache: [pod1ns1] });
  });

  it('namespaced good child, cluster-scoped bad child, missing parent (#98040)', () => {
    const h = setup();
    createObjectInClient(h, pod2ns1, pod1ns1);
    createObjectInClient(h, node1, pod1nonamespace);
    processEvent(h, event('add', pod2ns1, pod1ns1));
    assertState(h, { graphNodes: [n(pod2ns1, pod1ns1), virtualNode(pod1ns1)], pendingAttemptToDelete: [virtualNode(pod1ns1)] });
    processEvent(h, event('add', node1, pod1nonamespace));
    assertState(h, { graphNodes: [n(pod2ns1, pod1ns1), n(node1, pod1nonamespace), virtualNode(pod1ns1)], pendingAttemptToDelete: [virtualNode(pod1ns1), { identity: node1 }] });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname1'],
      graphNodes: [n(node1, pod1nonamespace), n(pod2ns1, pod1ns1), virtualNode(pod1ns1)],
      pendingGraphChanges: [virtualDelete(pod1ns1)],
      pendingAttemptToDelete: [{ identity: node1 }],
    });
    processAttemptToDelete(h);
    assertState(h, { clientActions: ['get nodes name=nodename'], graphNodes: [n(node1, pod1nonamespace), n(pod2ns1, pod1ns1), virtualNode(pod1ns1)], pendingGraphChanges: [virtualDelete(pod1ns1)] });
    processPendingGraphChanges(h, 1);
    assertState(h, {
      graphNodes: [n(node1, pod1nonamespace), n(pod2ns1, pod1ns1), virtualNode(pod1nonamespace)],
      absentOwnerCache: [pod1ns1],
      pendingAttemptToDelete: [{ identity: pod2ns1 }, virtualNode(pod1nonamespace)],
    });
    processAttemptToDelete(h);
    assertState(h, {
      clientActions: ['get pods ns=ns1 name=podname2', 'delete pods ns=ns1 name=podname2'],
      graphNodes: [n(node1, pod1nonamespace), n(pod2ns1, pod1ns1), virtualNode(pod1nonamespace)],
      absentOwnerCache: [pod1ns1],
      pendingAttemptToDelete: [virtualNode(pod1nonamespace)],
    });
    processEvent(h, event('delete', pod2ns1, pod1ns1));
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), virtualNode(pod1nonamespace)], absentOwnerCache: [pod1ns1], pendingAttemptToDelete: [virtualNode(pod1nonamespace)] });
    // Steady state: the bad cluster-scoped child and its bad virtual parent, with no retries.
    processAttemptToDelete(h);
    assertState(h, { graphNodes: [n(node1, pod1nonamespace), virtualNode(pod1nonamespace)], absentOwnerCache: [pod1ns1] });
  });
});

describe('collection end to end (attemptToDeleteItem, processDeletingDependentsItem, attemptToOrphanWorker)', () => {
  const deleting = { deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 0 };
  const writes = (h: Harness) => h.ctx.client.writes().map((w) => ({ verb: w.verb, resource: w.resource, name: w.name, ...(w.patch ? { patch: w.patch } : {}), ...(w.options ? { options: w.options } : {}) }));
  const drain = (h: Harness) => {
    while (h.deleteQueue.len > 0) processAttemptToDelete(h);
  };

  it('an informer event becomes a graph change of the informer\'s kind', () => {
    const h = setup();
    const pod = obj(id('v1', 'Pod', 'ns1', 'p', 'u'));
    h.ctx.informers.informerFor<KubeObject>(res('', 'pods')).emitUpsert(pod);
    expect(h.gc.builder.graphChanges.items).toEqual([{ virtual: false, eventType: 'add', obj: pod, oldObj: undefined, apiVersion: 'v1', kind: 'Pod' }]);
  });

  it('foreground: the owner waits for its blocking dependent, which is deleted, then loses its foregroundDeletion finalizer', () => {
    const h = setup();
    const web = id('apps/v1', 'Deployment', 'ns1', 'web', 'd1');
    const rs = id('apps/v1', 'ReplicaSet', 'ns1', 'web-rs', 'rs1');
    const owner = obj(web, [], { ...deleting, finalizers: ['foregroundDeletion'] });
    const dependent = { ...obj(rs), metadata: { ...obj(rs).metadata, ownerReferences: [ownerRef(web, { controller: true, blockOwnerDeletion: true })] } };
    h.ctx.client.seed(resOf(web), owner).seed(resOf(rs), dependent);
    processEvent(h, { virtual: false, eventType: 'add', apiVersion: 'apps/v1', kind: 'ReplicaSet', obj: dependent });
    processEvent(h, { virtual: false, eventType: 'add', apiVersion: 'apps/v1', kind: 'Deployment', obj: owner });
    expect(h.gc.builder.uidToNode.get('d1')!.deletingDependents).toBe(true);
    drain(h);
    expect(writes(h)).toEqual([{ verb: 'delete', resource: 'replicasets.apps', name: 'web-rs', options: { preconditions: { uid: 'rs1', resourceVersion: '1' }, propagationPolicy: 'Background' } }]);
    h.ctx.client.actions.splice(0);
    // The dependent's deletion is observed: the owner has nothing blocking it any more.
    processEvent(h, { virtual: false, eventType: 'delete', apiVersion: 'apps/v1', kind: 'ReplicaSet', obj: dependent });
    drain(h);
    expect(writes(h)).toEqual([{ verb: 'patch', resource: 'deployments.apps', name: 'web', patch: { metadata: { resourceVersion: '1', finalizers: [] } } }]);
  });

  it('orphan: the owner is removed from its dependents\' ownerReferences, then its orphan finalizer goes', () => {
    const h = setup();
    const rc = id('v1', 'ReplicationController', 'ns1', 'legacy', 'rc1');
    const [p1, p2] = [id('v1', 'Pod', 'ns1', 'p1', 'uid-p1'), id('v1', 'Pod', 'ns1', 'p2', 'uid-p2')];
    const owner = obj(rc, [], { ...deleting, finalizers: ['orphan'] });
    h.ctx.client.seed(resOf(rc), owner).seed(res('', 'pods'), obj(p1, [rc]), obj(p2, [rc]));
    processEvent(h, event('add', p1, rc));
    processEvent(h, event('add', p2, rc));
    processEvent(h, { virtual: false, eventType: 'add', apiVersion: 'v1', kind: 'ReplicationController', obj: owner });
    expect(h.orphanQueue.len).toBe(1);
    const key = h.orphanQueue.pendingList.shift()!;
    runSync(h.gc.syncOrphan(key));
    expect(writes(h)).toEqual([
      { verb: 'patch', resource: 'pods', name: 'p1', patch: { metadata: { uid: 'uid-p1', ownerReferences: [{ $patch: 'delete', uid: 'rc1' }] } } },
      { verb: 'patch', resource: 'pods', name: 'p2', patch: { metadata: { uid: 'uid-p2', ownerReferences: [{ $patch: 'delete', uid: 'rc1' }] } } },
      { verb: 'patch', resource: 'replicationcontrollers', name: 'legacy', patch: { metadata: { resourceVersion: '1', finalizers: [] } } },
    ]);
    expect(h.ctx.client.tracked<KubeObject>(res('', 'pods'), 'ns1', 'p1')!.metadata.ownerReferences).toEqual([]);
  });

  it('an owner of the same name but another uid is absent: the dependent is collected', () => {
    const h = setup();
    const old = id('apps/v1', 'ReplicaSet', 'ns1', 'web', 'old-uid');
    const pod = id('v1', 'Pod', 'ns1', 'p', 'pu');
    h.ctx.client.seed(resOf(old), obj({ ...old, uid: 'new-uid' })).seed(res('', 'pods'), obj(pod, [old]));
    runSync(h.gc.collector.attemptToDeleteItem(new Node('k', pod)));
    expect(writes(h).map((w) => `${w.verb} ${w.name}`)).toEqual(['delete p']);
    expect(h.gc.absentOwnerCache.list()).toEqual([old]);
  });

  it('a solid owner keeps the dependent; the dangling reference beside it is patched away', () => {
    const h = setup();
    const [a, b] = [id('apps/v1', 'ReplicaSet', 'ns1', 'a', 'ua'), id('apps/v1', 'ReplicaSet', 'ns1', 'b', 'ub')];
    const pod = id('v1', 'Pod', 'ns1', 'p', 'pu');
    h.ctx.client.seed(resOf(a), obj(a)).seed(res('', 'pods'), obj(pod, [a, b]));
    runSync(h.gc.collector.attemptToDeleteItem(new Node('k', pod)));
    expect(writes(h)).toEqual([{ verb: 'patch', resource: 'pods', name: 'p', patch: { metadata: { uid: 'pu', ownerReferences: [{ $patch: 'delete', uid: 'ub' }] } } }]);
  });

  it('an owner deleting in the foreground is a waiting reference: removed when a solid owner remains', () => {
    const h = setup();
    const [a, b] = [id('apps/v1', 'ReplicaSet', 'ns1', 'a', 'ua'), id('apps/v1', 'ReplicaSet', 'ns1', 'b', 'ub')];
    const pod = id('v1', 'Pod', 'ns1', 'p', 'pu');
    h.ctx.client.seed(resOf(a), obj(a), obj(b, [], { ...deleting, finalizers: ['foregroundDeletion'] })).seed(res('', 'pods'), obj(pod, [a, b]));
    runSync(h.gc.collector.attemptToDeleteItem(new Node('k', pod)));
    expect(writes(h)[0].patch).toEqual({ metadata: { uid: 'pu', ownerReferences: [{ $patch: 'delete', uid: 'ub' }] } });
  });

  it('a deleted owner\'s dependents are collected with the propagation their own finalizers ask for', () => {
    const h = setup();
    const rs = id('apps/v1', 'ReplicaSet', 'ns1', 'rs', 'urs');
    const pod = id('v1', 'Pod', 'ns1', 'p', 'pu');
    h.ctx.client.seed(res('', 'pods'), obj(pod, [rs], { finalizers: ['orphan'] }));
    processEvent(h, event('add', rs));
    processEvent(h, event('add', pod, rs));
    processEvent(h, event('delete', rs));
    expect(h.gc.absentOwnerCache.list()).toEqual([rs]);
    drain(h);
    // The absent-owner cache answers for the owner: no GET of it.
    expect(h.ctx.client.actions.map((x) => `${x.verb} ${x.resource} ${x.name}`)).toEqual(['get pods p', 'delete pods p']);
    expect(h.ctx.client.writes()[0].options).toEqual({ preconditions: { uid: 'pu', resourceVersion: '1' }, propagationPolicy: 'Orphan' });
  });
});
