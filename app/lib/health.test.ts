import { describe, expect, it } from 'vitest';
import { memberView } from '../testing/fixtures';
import { reachability } from './health';

const three = () => [memberView('etcd-0', 'leader', 2), memberView('etcd-1', 'follower', 2), memberView('etcd-2', 'follower', 2)];

describe('reachability', () => {
  it('counts every up member when no link is cut', () => {
    expect(reachability(three(), [])).toEqual({ total: 3, up: 3, reachable: 3, cutOff: [] });
  });
  it('does not count a member cut off from the leader', () => {
    expect(reachability(three(), [['etcd-0', 'etcd-2'], ['etcd-1', 'etcd-2']])).toMatchObject({ up: 3, reachable: 2, cutOff: ['etcd-2'] });
  });
  it('a member cut off from the leader does not count even if another member still reaches it (Raft does not relay)', () => {
    expect(reachability(three(), [['etcd-0', 'etcd-2']]).reachable).toBe(2);
  });
  it('without a leader, takes the largest connected group', () => {
    const m = [memberView('etcd-0', 'follower', 3), memberView('etcd-1', 'follower', 3), memberView('etcd-2', 'candidate', 4)];
    expect(reachability(m, [['etcd-0', 'etcd-2'], ['etcd-1', 'etcd-2']])).toMatchObject({ reachable: 2, cutOff: ['etcd-2'] });
  });
});
