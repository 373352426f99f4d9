import { describe, expect, it } from 'vitest';
import type { Callbacks } from '../../sim/callbacks';
import type { KeyValue, WatchResponse } from '../../etcd/types';
import { SortedKeys } from '../../sim/sorted-keys';
import { Cacher } from './cacher';
import type { Etcd3Store } from './etcd3';

const header = (revision: number) => ({ cluster_id: 1n, member_id: 1n, revision, raft_term: 1 });
const kv = (key: string, rev: number, name = key.split('/').pop()!): KeyValue => ({ key, create_revision: rev, mod_revision: rev, version: 1, value: JSON.stringify({ metadata: { name } }), lease: 0n as never });

/** A Cacher over a fake etcd: the initial range answers `initial`, then `put`/`del` feed its watch. */
function cacherOver(initial: KeyValue[]) {
  let onWatch: ((res: WatchResponse) => void) | null = null;
  let rev = Math.max(0, ...initial.map((k) => k.mod_revision));
  const store = {
    *range() {
      return { header: header(rev), kvs: initial, more: false, count: initial.length };
    },
    watch(_prefix: string, _from: number, cb: (res: WatchResponse) => void) {
      onWatch = cb;
      return { cancel() {} };
    },
  } as unknown as Etcd3Store;
  const c = new Cacher(store, { after: () => () => {} } as unknown as Callbacks, () => 0);
  c.start();
  const send = (type: 'PUT' | 'DELETE', key: string) => {
    rev++;
    onWatch!({ header: header(rev), watch_id: 1, created: false, canceled: false, compact_revision: 0, cancel_reason: '', events: [{ type, kv: kv(key, rev), prev_kv: type === 'DELETE' ? kv(key, rev - 1) : undefined }] });
  };
  return { c, put: (key: string) => send('PUT', key), del: (key: string) => send('DELETE', key) };
}

describe('Cacher', () => {
  it('lists a prefix in key order as objects come and go', () => {
    const { c, put, del } = cacherOver([kv('/registry/pods/default/b', 2), kv('/registry/pods/default/a', 3), kv('/registry/services/specs/default/s', 4)]);
    expect(c.ready).toBe(true);
    put('/registry/pods/default/0');
    put('/registry/pods/kube-system/c');
    put('/registry/pods/default/ab');
    del('/registry/pods/default/a');
    put('/registry/pods/default/b'); // an update keeps its place
    expect(c.list('/registry/pods/default/').map((o) => o.key)).toEqual(['/registry/pods/default/0', '/registry/pods/default/ab', '/registry/pods/default/b']);
    expect(c.list('/registry/pods/').map((o) => o.key)).toEqual(['/registry/pods/default/0', '/registry/pods/default/ab', '/registry/pods/default/b', '/registry/pods/kube-system/c']);
    expect(c.list('/registry/').map((o) => o.key).at(-1)).toBe('/registry/services/specs/default/s');
    expect(c.size).toBe(5);
    expect(c.list('/registry/pods/default/b')[0].rev).toBe(9);
  });

  it('moves a prefix’s version only when something under it changes', () => {
    const { c, put, del } = cacherOver([kv('/registry/roles/default/r', 2)]);
    const roles = c.version('/registry/roles/');
    const all = c.version('');
    put('/registry/pods/default/p');
    expect(c.version('/registry/roles/')).toBe(roles);
    expect(c.version('')).not.toBe(all);
    put('/registry/roles/default/r');
    const afterUpdate = c.version('/registry/roles/');
    expect(afterUpdate).not.toBe(roles);
    del('/registry/roles/default/r');
    expect(c.version('/registry/roles/')).not.toBe(afterUpdate);
    expect(c.list('/registry/roles/')).toEqual([]);
  });
});

describe('SortedKeys', () => {
  it('keeps keys in the order sort() gives, once each', () => {
    const s = new SortedKeys();
    const keys = ['b/2', 'a', 'b/10', 'B', 'b/1', 'a/', 'ä', 'b/2'];
    for (const k of keys) s.add(k);
    expect(s.all()).toEqual([...new Set(keys)].sort());
    expect(s.withPrefix('b/')).toEqual(['b/1', 'b/10', 'b/2']);
    expect(s.delete('b/10')).toBe(true);
    expect(s.delete('b/10')).toBe(false);
    expect(s.withPrefix('b/')).toEqual(['b/1', 'b/2']);
    expect(s.withPrefix('zz')).toEqual([]);
    expect(s.size).toBe(6);
  });
});
