// Ported from pkg/controller/history/controller_history_test.go (v1.32), with hash/fnv's test vectors.
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, KubeObject, StatefulSet } from '../api/types';
import { parseSelector } from '../api/labels';
import { newAlreadyExists } from '../apiserver/errors';
import { res } from '../client/clientset';
import { fakeContext, runSync } from './testing';
import { controllerRevisionName, equalRevision, fnv32, goJSON, hashControllerRevision, History, newControllerRevision, nextRevision, sortControllerRevisions } from './history';

const revisions = res('apps', 'controllerrevisions');
const enc = (s: string) => new TextEncoder().encode(s);

function newStatefulSet(name: string): StatefulSet {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { serviceName: 'svc', selector: { matchLabels: { foo: 'bar' } }, template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } };
}
const rawOf = (set: StatefulSet) => ({ spec: { template: { ...set.spec!.template, $patch: 'replace' } } });

describe('ControllerRevision history', () => {
  it('hashes with FNV-1 (not 1a), as hash/fnv New32', () => {
    expect(fnv32(enc(''))).toBe(0x811c9dc5);
    expect(fnv32(enc('a'))).toBe(0x050c5d7e);
    expect(fnv32(enc('foobar'))).toBe(0x31f0b262);
  });

  it('writes data as Go json.Marshal does: sorted keys, HTML escaped', () => {
    expect(goJSON({ b: 1, a: { d: '<x>', c: [true, null] } })).toBe('{"a":{"c":[true,null],"d":"\\u003cx\\u003e"},"b":1}');
  });

  it('TestNewControllerRevision: named <owner>-<hash>, labelled with the hash, owned by the parent', () => {
    const set = newStatefulSet('foo');
    const cr = newControllerRevision(set, 'apps/v1', 'StatefulSet', set.spec!.template.metadata!.labels, rawOf(set), 3, null);
    const hash = hashControllerRevision(cr);
    expect(cr.metadata.name).toBe(`foo-${hash}`);
    expect(cr.metadata.labels).toEqual({ foo: 'bar', 'controller.kubernetes.io/hash': hash });
    expect(cr.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'foo', uid: 'uid-foo', controller: true, blockOwnerDeletion: true }]);
    expect(cr.revision).toBe(3);
    // A collision count changes the hash.
    expect(hashControllerRevision(cr, 1)).not.toBe(hash);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it('TestControllerRevisionName: long prefixes are cut to 223 characters', () => {
    expect(controllerRevisionName('a'.repeat(300), 'h')).toBe(`${'a'.repeat(223)}-h`);
    expect(controllerRevisionName('foo', 'h')).toBe('foo-h');
  });

  it('TestSortControllerRevisions and NextRevision', () => {
    const mk = (name: string, revision: number): ControllerRevision => ({ metadata: { name }, revision });
    const sorted = sortControllerRevisions([mk('c', 3), mk('b', 1), mk('a', 1), mk('d', 2)]);
    expect(sorted.map((r) => r.metadata.name)).toEqual(['a', 'b', 'd', 'c']);
    expect(nextRevision(sorted)).toBe(4);
    expect(nextRevision([])).toBe(1);
  });

  it('TestEqualRevision: by data', () => {
    const a = newStatefulSet('foo');
    const b = newStatefulSet('foo');
    b.spec!.template.spec!.containers[0]!.image = 'nginx:2';
    const ra = newControllerRevision(a, 'apps/v1', 'StatefulSet', {}, rawOf(a), 1);
    const rb = newControllerRevision(b, 'apps/v1', 'StatefulSet', {}, rawOf(b), 1);
    expect(equalRevision(ra, structuredClone(ra))).toBe(true);
    expect(equalRevision(ra, rb)).toBe(false);
    expect(equalRevision(null, null)).toBe(true);
    expect(equalRevision(ra, null)).toBe(false);
  });

  it('TestRealHistory_CreateControllerRevision: a name clash with other data bumps the collision count', () => {
    const ctx = fakeContext();
    const h = new History(ctx.client, ctx.informers.informerFor<ControllerRevision>(revisions).lister);
    const set = newStatefulSet('foo');
    const cr = newControllerRevision(set, 'apps/v1', 'StatefulSet', {}, rawOf(set), 1);
    // A revision of other data already has the name the first hash gives.
    ctx.client.seed(revisions, <KubeObject>{ ...structuredClone(cr), metadata: { ...cr.metadata, name: `foo-${hashControllerRevision(cr, 0)}`, namespace: 'default' }, data: { other: true } });
    const collision = { count: 0 };
    let created: ControllerRevision | undefined;
    runSync(
      (function* () {
        created = yield* h.createControllerRevision(set, cr, collision);
      })(),
    );
    expect(collision.count).toBe(1);
    expect(created!.metadata.name).toBe(`foo-${hashControllerRevision(cr, 1)}`);
    // The same data under that name is no collision: the existing one is answered.
    ctx.client.prependReactor('create', 'controllerrevisions.apps', () => newAlreadyExists({ group: 'apps', resource: 'controllerrevisions' }, 'x'));
    const again = { count: 1 };
    runSync(
      (function* () {
        created = yield* h.createControllerRevision(set, cr, again);
      })(),
    );
    expect(again.count).toBe(1);
  });

  it('TestRealHistory_ListControllerRevisions: owned ones and orphans, not others', () => {
    const ctx = fakeContext();
    const inf = ctx.informers.informerFor<ControllerRevision>(revisions);
    const set = newStatefulSet('foo');
    const owned = newControllerRevision(set, 'apps/v1', 'StatefulSet', { foo: 'bar' }, rawOf(set), 1);
    owned.metadata.namespace = 'default';
    const orphan = { ...structuredClone(owned), metadata: { ...owned.metadata, name: 'orphan', ownerReferences: [] } };
    const other = { ...structuredClone(owned), metadata: { ...owned.metadata, name: 'other', ownerReferences: [{ ...owned.metadata.ownerReferences![0]!, uid: 'someone-else' }] } };
    inf.preload(owned, orphan, other);
    const h = new History(ctx.client, inf.lister);
    expect(h.listControllerRevisions(set, parseSelector('foo=bar')).map((r) => r.metadata.name).sort()).toEqual([owned.metadata.name, 'orphan'].sort());
  });
});
