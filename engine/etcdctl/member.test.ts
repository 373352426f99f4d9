// member list/add/remove against canned responses, compared with etcdctl 3.4.23's recorded output.

import { describe, expect, it } from 'vitest';
import { ErrMemberNotFound, ErrPeerURLExist, EtcdRpcError, type Member, type MemberListResponse } from '../etcd/types';
import { clusterId, hdr } from './testdata/cluster';
import { actual, expected, fixture, FakeClient, run } from './testdata/harness';
import * as pb from './testdata/pbjson';

async function check(name: string, client: FakeClient): Promise<FakeClient> {
  const f = fixture(name);
  const r = await run(f.cmd, client, { stdin: f.stdin });
  expect(actual(r)).toEqual(expected(f));
  return client;
}

const list = (name: string): MemberListResponse => pb.memberList(pb.goJson(fixture(name).stdout));
const started = list('member-list-json').members;
const unstarted = (id: bigint, peerURLs: string[], isLearner = false): Member => ({ ID: id, name: '', peerURLs, clientURLs: [], isLearner });

describe('member', () => {
  it.each([
    ['member-list', 'member-list-json'],
    ['member-list-json', 'member-list-json'],
    ['member-list-fields', 'member-list-json'],
    ['member-list-table', 'member-list-json'],
    ['member-list-all-eps', 'member-list-json'],
    ['member-list-unstarted', 'member-list-unstarted-json'],
    ['member-list-unstarted-json', 'member-list-unstarted-json'],
    ['member-list-unstarted-table', 'member-list-unstarted-json'],
    ['member-list-learner', 'member-list-learner-json'],
    ['member-list-learner-json', 'member-list-learner-json'],
    ['member-list-learner-table', 'member-list-learner-json'],
  ])('%s', async (name, json) => {
    await check(name, new FakeClient().on('MemberList', list(json)));
  });

  it('member-add prints the new member and the ETCD_* settings for it', async () => {
    const added = unstarted(0xc81d6331d7056229n, ['http://127.0.0.1:23809']);
    const c = await check('member-add', new FakeClient().on('MemberAdd', { header: { ...hdr(0), cluster_id: clusterId }, member: added, members: [...started, added] }));
    expect(c.calls[0].req).toEqual({ peerURLs: ['http://127.0.0.1:23809'] });
  });

  it('member-add-learner lists every peer URL of a learner', async () => {
    const added = unstarted(0xdd5623dd1abed2d4n, ['http://127.0.0.1:23808', 'http://127.0.0.1:23818'], true);
    const c = await check('member-add-learner', new FakeClient().on('MemberAdd', { header: hdr(0), member: added, members: [...started, added] }));
    expect(c.calls[0].req).toEqual({ peerURLs: ['http://127.0.0.1:23808', 'http://127.0.0.1:23818'], isLearner: true });
  });

  it('member-add-json', async () => {
    await check('member-add-json', new FakeClient().on('MemberAdd', pb.memberAdd(pb.goJson(fixture('member-add-json').stdout))));
  });

  it.each(['member-add-fields', 'member-add-table'])('%s fails after adding (fields and table cannot print it)', async (name) => {
    const added = unstarted(1n, ['http://127.0.0.1:23809']);
    const c = await check(name, new FakeClient().on('MemberAdd', { header: hdr(0), member: added, members: [...started, added] }));
    expect(c.calls).toHaveLength(1);
  });

  it('member-add-exists', async () => {
    await check('member-add-exists', new FakeClient().on('MemberAdd', new EtcdRpcError('FailedPrecondition', ErrPeerURLExist)));
  });

  it.each([
    ['member-remove', { header: hdr(0), members: started }],
    ['member-remove-json', pb.memberRemove(pb.goJson(fixture('member-remove-json').stdout))],
    ['member-remove-fields', { header: hdr(0), members: started }],
    ['member-remove-table', { header: hdr(0), members: started }],
    ['member-remove-missing', new EtcdRpcError('NotFound', ErrMemberNotFound)],
    ['member-remove-again', new EtcdRpcError('NotFound', ErrMemberNotFound)],
  ])('%s', async (name, resp) => {
    const c = await check(name, new FakeClient().on('MemberRemove', resp));
    expect(typeof (c.calls[0].req as { ID: unknown }).ID).toBe('bigint');
  });
});
