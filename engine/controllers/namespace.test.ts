// Tests after pkg/controller/namespace/deletion/namespaced_resources_deleter_test.go (1.32):
// TestFinalizeNamespaceFunc, TestFinalized, TestRetryOnConflictError and the
// testSyncNamespaceThatIsTerminating cases (pending finalize, content remaining with its estimate,
// finalizers remaining, unexpected content), with status_condition_utils.go's conditions and the
// namespace controller's requeue rule (estimate/2 + 1 seconds).

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import type { ConfigMap, Namespace, NamespaceCondition, Pod } from '../api/types/core';
import { newConflict } from '../apiserver/errors';
import { rfc3339 } from '../apiserver/registry/objects';
import { res } from '../client/clientset';
import { newNamespaceController, ResourcesRemainingError } from './namespace';
import { fakeContext, runSync, type Action, type FakeContext } from './testing';
import { timingsFor } from '../timings';

const nsR = res('', 'namespaces');
const podsR = res('', 'pods');
const cmR = res('', 'configmaps');
const epoch = Date.UTC(2026, 0, 1);

function namespace(o: { finalizers?: string[]; phase?: 'Active' | 'Terminating'; deleting?: boolean } = {}): Namespace {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: { name: 'test', uid: 'uid-test', resourceVersion: '1', ...(o.deleting === false ? {} : { deletionTimestamp: rfc3339(epoch) }) },
    spec: { finalizers: o.finalizers ?? ['kubernetes'] },
    status: { phase: o.phase ?? 'Terminating' },
  };
}

function setup(ns: Namespace, ...objs: [ReturnType<typeof res>, KubeObject][]) {
  const ctx = fakeContext(0, timingsFor('realistic'));
  ctx.client.seed(nsR, ns);
  for (const [r, o] of objs) ctx.client.seed(r, o);
  ctx.informers.informerFor<Namespace>(nsR).preload(ns);
  return { ctx, nm: newNamespaceController(ctx) };
}

/** Deletes become graceful: the object stays with a deletionTimestamp, as a pod on a node or an object with finalizers does; `off()` lets them go. */
function gracefulDeletes(ctx: FakeContext): { off(): void } {
  let on = true;
  ctx.client.prependReactor('delete', '*', (a: Action) => {
    const r = a.resource === 'pods' ? podsR : cmR;
    const cur = ctx.client.tracked(r, a.namespace, a.name);
    if (!on || !cur || (a.resource === 'configmaps' && !(cur.metadata.finalizers ?? []).length)) return undefined;
    ctx.client.seed(r, { ...cur, metadata: { ...cur.metadata, deletionTimestamp: rfc3339(epoch) } });
    return cur;
  });
  return { off: () => void (on = false) };
}

/** Runs a sync as the worker does: an error goes to handleErr. */
function syncAsWorker(ctx: FakeContext, nm: ReturnType<typeof newNamespaceController>): unknown {
  try {
    runSync(nm.sync('test'));
    return undefined;
  } catch (e) {
    nm.handleErr!('test', e);
    return e;
  }
}

const writes = (ctx: FakeContext) => ctx.client.writes().map((a) => [a.verb, a.resource, a.name, a.subresource]);
/** The conditions of the last status update sent. */
const conditions = (ctx: FakeContext): NamespaceCondition[] =>
  ((ctx.client.writes().filter((a) => a.subresource === 'status').at(-1)!.object as Namespace).status!.conditions ?? []).map(({ lastTransitionTime: _t, ...c }) => c);

function ok(type: string, reason: string, message: string): NamespaceCondition {
  return { type, status: 'False', reason, message };
}

describe('TestFinalizeNamespaceFunc and TestFinalized', () => {
  it('finalize removes only the kubernetes token, through namespaces/finalize', () => {
    const { ctx, nm } = setup(namespace({ finalizers: ['kubernetes', 'other'] }));
    runSync(nm.sync('test'));
    const fin = ctx.client.writes().find((a) => a.subresource === 'finalize')!;
    expect([fin.verb, fin.resource, fin.name]).toEqual(['update', 'namespaces', 'test']);
    expect((fin.object as Namespace).spec!.finalizers).toEqual(['other']);
  });

  it('a namespace already finalized is left alone', () => {
    const { ctx, nm } = setup(namespace({ finalizers: [] }));
    runSync(nm.sync('test'));
    expect(ctx.client.actions.map((a) => [a.verb, a.resource])).toEqual([['get', 'namespaces']]);
  });

  it('a namespace not being deleted is left alone, and is not even queued', () => {
    const { ctx, nm } = setup(namespace({ deleting: false, phase: 'Active' }));
    runSync(nm.sync('test'));
    expect(ctx.client.writes()).toEqual([]);
    ctx.informers.informerFor<Namespace>(nsR).emitUpsert(namespace({ deleting: false, phase: 'Active' }));
    expect(ctx.queues.get('namespace')!.after).toEqual([]);
  });

  it('a namespace seen being deleted is queued after namespaceDeletionGracePeriod (5 s)', () => {
    const { ctx } = setup(namespace());
    ctx.informers.informerFor<Namespace>(nsR).emitUpsert(namespace());
    expect(ctx.queues.get('namespace')!.after).toEqual([{ key: 'test', ms: 5_000 }]);
  });
});

describe('testSyncNamespaceThatIsTerminating', () => {
  it('pending finalize: an empty namespace gets its conditions and then its finalizer removed', () => {
    const { ctx, nm } = setup(namespace());
    expect(syncAsWorker(ctx, nm)).toBeUndefined();
    // The status update's answer is dropped, as upstream drops it: the finalize that follows
    // carries the old resourceVersion, conflicts, and is sent again after a GET.
    expect(writes(ctx)).toEqual([
      ['update', 'namespaces', 'test', 'status'],
      ['update', 'namespaces', 'test', 'finalize'],
      ['update', 'namespaces', 'test', 'finalize'],
    ]);
    expect(conditions(ctx)).toEqual([
      ok('NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'),
      ok('NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      ok('NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
      ok('NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'),
      ok('NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
    ]);
  });

  it('an Active namespace being deleted is first marked Terminating', () => {
    const { ctx, nm } = setup(namespace({ phase: 'Active' }));
    runSync(nm.sync('test'));
    const first = ctx.client.writes()[0];
    expect([first.subresource, (first.object as Namespace).status!.phase]).toEqual(['status', 'Terminating']);
  });

  it('every object of every namespaced resource is deleted, with Background propagation', () => {
    const cm: ConfigMap = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', namespace: 'test' }, data: {} };
    const dep = { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web', namespace: 'test' } };
    const other = { ...cm, metadata: { name: 'elsewhere', namespace: 'default' } };
    const { ctx, nm } = setup(namespace(), [cmR, cm], [res('apps', 'deployments'), dep], [cmR, other]);
    runSync(nm.sync('test'));
    const deletes = ctx.client.writes().filter((a) => a.verb === 'delete');
    expect(deletes.map((a) => [a.resource, a.namespace, a.name, a.options])).toEqual([
      ['configmaps', 'test', 'cfg', { propagationPolicy: 'Background' }],
      ['deployments.apps', 'test', 'web', { propagationPolicy: 'Background' }],
    ]);
    expect(ctx.client.tracked(cmR, 'default', 'elsewhere')).toBeDefined();
  });

  it('pods still terminating: NamespaceContentRemaining, and a requeue after estimate/2 + 1 s', () => {
    const pod: Pod = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1', namespace: 'test' }, spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 30, containers: [] }, status: { phase: 'Running' } };
    const { ctx, nm } = setup(namespace(), [podsR, pod]);
    gracefulDeletes(ctx);
    const err = syncAsWorker(ctx, nm);
    expect(err).toBeInstanceOf(ResourcesRemainingError);
    expect((err as Error).message).toBe('some content remains in the namespace, estimate 30 seconds before it is removed');
    expect(ctx.queues.get('namespace')!.after).toEqual([{ key: 'test', ms: 16_000 }]);
    expect(conditions(ctx).find((c) => c.type === 'NamespaceContentRemaining')).toEqual({ type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances' });
    expect(writes(ctx).some(([, , , sub]) => sub === 'finalize')).toBe(false);
  });

  it('once the pods outlived their grace period, the estimate is 0 and a pod left is unexpected', () => {
    const pod: Pod = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1', namespace: 'test' }, spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 30, containers: [] }, status: { phase: 'Running' } };
    const { ctx, nm } = setup(namespace(), [podsR, pod]);
    gracefulDeletes(ctx);
    ctx.setNow(31_000);
    const err = syncAsWorker(ctx, nm);
    expect((err as Error).message).toBe('unexpected items still remain in namespace: test for gvr: /v1, Resource=pods');
    expect(conditions(ctx).find((c) => c.type === 'NamespaceDeletionContentFailure')).toEqual({
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      reason: 'ContentDeletionFailed',
      message: 'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: test for gvr: /v1, Resource=pods',
    });
    // An error backs off from 5 ms (nsControllerRateLimiter).
    expect(ctx.queues.get('namespace')!.after).toEqual([{ key: 'test', ms: 5 }]);
  });

  it('objects held by finalizers: NamespaceFinalizersRemaining, waited for 15 s (requeued after 8 s)', () => {
    const cm: ConfigMap = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', namespace: 'test', finalizers: ['example.com/keep'] } };
    const { ctx, nm } = setup(namespace(), [cmR, cm]);
    gracefulDeletes(ctx);
    const err = syncAsWorker(ctx, nm);
    expect((err as ResourcesRemainingError).estimate).toBe(15);
    expect(ctx.queues.get('namespace')!.after).toEqual([{ key: 'test', ms: 8_000 }]);
    expect(conditions(ctx).filter((c) => c.status === 'True')).toEqual([
      { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances' },
      { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances' },
    ]);
  });

  it('conditions go back to their ok form once the content is gone', () => {
    const cm: ConfigMap = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', namespace: 'test', finalizers: ['example.com/keep'] } };
    const { ctx, nm } = setup(namespace(), [cmR, cm]);
    const graceful = gracefulDeletes(ctx);
    syncAsWorker(ctx, nm);
    // The finalizer's owner let go: the object goes with the next delete.
    graceful.off();
    ctx.setNow(8_000);
    expect(syncAsWorker(ctx, nm)).toBeUndefined();
    expect(conditions(ctx).every((c) => c.status === 'False')).toBe(true);
    expect(writes(ctx).at(-1)).toEqual(['update', 'namespaces', 'test', 'finalize']);
  });
});

describe('TestRetryOnConflictError', () => {
  it('a Conflict on the Terminating update is retried on a fresh GET', () => {
    const { ctx, nm } = setup(namespace({ phase: 'Active' }));
    let n = 0;
    ctx.client.prependReactor('update', 'namespaces', (a) => (a.subresource === 'status' && ++n === 1 ? newConflict({ group: '', resource: 'namespaces' }, 'test', 'the object has been modified') : undefined));
    runSync(nm.sync('test'));
    expect(ctx.client.actions.slice(0, 4).map((a) => [a.verb, a.subresource])).toEqual([
      ['get', ''],
      ['update', 'status'],
      ['get', ''],
      ['update', 'status'],
    ]);
  });

  it('a namespace replaced meanwhile (another UID) ends the retry with an error', () => {
    const { ctx, nm } = setup(namespace({ phase: 'Active' }));
    ctx.client.prependReactor('update', 'namespaces', () => newConflict({ group: '', resource: 'namespaces' }, 'test', 'the object has been modified'));
    ctx.client.prependReactor('get', 'namespaces', () => (ctx.client.actions.filter((a) => a.verb === 'get').length > 1 ? { ...namespace({ phase: 'Active' }), metadata: { ...namespace().metadata, uid: 'other' } } : undefined));
    expect(() => runSync(nm.sync('test'))).toThrow('namespace uid has changed across retries');
  });
});
