// The activity log's reading of snapshot changes.
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, MemberView } from '../cluster/types';
import { currentLeader, diffSnapshots } from './diff';

function member(name: string, role: MemberView['raft']['role'], term: number, up = true): MemberView {
  return {
    name,
    memberId: name.replace('etcd-', 'a'),
    up,
    removed: false,
    revision: 1,
    compactRevision: 0,
    raft: { id: name, role, term, leader: null, vote: null, commitIndex: 1, appliedIndex: 1, lastIndex: 1, snapshotIndex: 0, voters: [] },
  };
}

const snap = (members: MemberView[], cutLinks: [string, string][] = []): ClusterSnapshot => ({ now: 0, paused: false, speed: 1, members, cutLinks, messages: [], apiservers: [] });

describe('currentLeader', () => {
  it('ignores a stale leader in an older term (Raft §5.1: terms act as a logical clock)', () => {
    const l = currentLeader([member('etcd-0', 'leader', 2), member('etcd-1', 'leader', 3), member('etcd-2', 'follower', 3)]);
    expect(l?.name).toBe('etcd-1');
  });
  it('is null while nobody leads', () => {
    expect(currentLeader([member('etcd-0', 'candidate', 4), member('etcd-1', 'follower', 3)])).toBeNull();
  });
});

describe('diffSnapshots', () => {
  it('reports a crash, the new leader, and cut links', () => {
    const before = snap([member('etcd-0', 'leader', 2), member('etcd-1', 'follower', 2), member('etcd-2', 'follower', 2)]);
    const after = snap([member('etcd-0', 'down', 2, false), member('etcd-1', 'leader', 3), member('etcd-2', 'follower', 3)], [['etcd-1', 'etcd-2']]);
    expect(diffSnapshots(before, after).map((e) => e.text)).toEqual([
      'etcd-0 is down',
      'etcd-1 elected leader in term 3',
      'link etcd-1 ↔ etcd-2 cut',
    ]);
  });
  it('reports members that join after the first snapshot', () => {
    const before = snap([member('etcd-0', 'leader', 2)]);
    const after = snap([member('etcd-0', 'leader', 2), member('etcd-3', 'follower', 2)]);
    expect(diffSnapshots(before, after).map((e) => e.text)).toEqual(['etcd-3 joined the cluster as member a3']);
  });
  it('tells a first start from a restart', () => {
    const before = snap([member('etcd-3', 'down', 0, false)]);
    const after = snap([member('etcd-3', 'follower', 2)]);
    expect(diffSnapshots(before, after).map((e) => e.text)).toEqual(['etcd-3 started']);
    expect(diffSnapshots(before, after, new Set(['etcd-3'])).map((e) => e.text)).toEqual(['etcd-3 restarted from its disk']);
  });
  it('says when an apiserver starts serving and when it goes down', () => {
    const api = (ready: boolean, up = true) => ({ name: 'kube-apiserver-0', up, ready, revision: 5, objects: 120, watchers: 0, served: 0, recent: [], catalog: [] });
    const base = [member('etcd-0', 'leader', 2)];
    const starting = { ...snap(base), apiservers: [api(false)] };
    const serving = { ...snap(base), apiservers: [api(true)] };
    const down = { ...snap(base), apiservers: [api(false, false)] };
    expect(diffSnapshots(starting, serving).map((e) => e.text)).toEqual(['kube-apiserver-0 is serving (its watch cache holds 120 objects)']);
    expect(diffSnapshots(serving, serving)).toEqual([]);
    expect(diffSnapshots(serving, down).map((e) => e.text)).toEqual(['kube-apiserver-0 is down']);
  });
});
