// The etcd member end to end on a SimHost: requests through Raft, reads, leases, membership,
// crash and restart from the WAL and snapshots. Behaviours follow etcdserver (server.go, v3_server.go).

import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster';
import { EtcdClientProcess, etcdClientKind } from './client';
import type { EtcdMember } from './member';
import type { PeerMessage } from './protocol';
import type { Message } from '../raft';
import type { EtcdApi, EtcdMethod, EtcdRpcError, WatchResponse } from '../types';

async function cluster(opts: ConstructorParameters<typeof Cluster>[0] = {}) {
  const c = new Cluster({ seed: 7, etcdMembers: 3, ...opts });
  expect(c.sim.runUntil(() => c.leader() !== null, 10_000)).toBe(true);
  c.sim.add('test-client', etcdClientKind, { epochMs: 0 });
  const raw = c.sim.process<EtcdClientProcess>('test-client')!.attach({ endpoints: () => c.etcdNames, reachable: (m) => c.sim.isUp(m) });
  type Settled<T> = Promise<T> & { settled?: () => boolean };
  // The test is the driver: it may hold Promises; the client inside the simulation only takes continuations.
  const client = {
    call<M extends EtcdMethod>(ep: string, method: M, req: EtcdApi[M]['req'], o: { timeoutMs?: number } = {}): Settled<EtcdApi[M]['res']> {
      let settled = false;
      const p: Settled<EtcdApi[M]['res']> = new Promise((resolve, reject) =>
        raw.call(ep, method, req, o, (err, res) => {
          settled = true;
          if (err) reject(err);
          else resolve(res!);
        }),
      );
      p.settled = () => settled;
      return p;
    },
    watch: raw.watch.bind(raw),
  };
  /** Runs the simulation until `p` settles. */
  const settle = async <T>(p: Settled<T>, ms = 20_000): Promise<T> => {
    if (p.settled) c.sim.runUntil(p.settled, ms);
    return p;
  };
  return { c, client, settle };
}

describe('etcd member', () => {
  it('bootstraps at raft term 1 and elects a leader in term 2, as a fresh etcd does', async () => {
    const { c } = await cluster();
    const st = c.inspect.raft();
    expect(st.filter((s) => s.role === 'leader')).toHaveLength(1);
    expect(st[0].term).toBe(2);
  });

  it('applies a put on every member with etcd revisions (an empty store is at revision 1)', async () => {
    const { c, client, settle } = await cluster();
    const res = await settle(client.call('etcd-1', 'Put', { key: 'foo', value: 'bar' }));
    expect(res.header.revision).toBe(2);
    c.sim.runFor(500);
    for (const name of c.etcdNames) {
      const kv = c.sim.process<EtcdMember>(name)!.store.range({ key: 'foo' }).kvs[0];
      expect(kv).toMatchObject({ key: 'foo', value: 'bar', create_revision: 2, mod_revision: 2, version: 1 });
    }
    const got = await settle(client.call('etcd-2', 'Range', { key: 'foo' }));
    expect(got.kvs[0].value).toBe('bar');
    // The header names the member that answered: etcd-2's own id, as it reports it.
    expect(got.header.member_id).toBe(BigInt(`0x${c.inspect.member('etcd-2')!.memberId}`));
  });

  it('serves a serializable read from a member cut off from the leader, but not a linearizable one', async () => {
    const { c, client, settle } = await cluster();
    await settle(client.call('etcd-0', 'Put', { key: 'k', value: 'v1' }));
    c.sim.runFor(300);
    const follower = c.etcdNames.find((n) => n !== c.leader())!;
    c.chaos.partition([[follower], c.etcdNames.filter((n) => n !== follower)]);
    const s = await settle(client.call(follower, 'Range', { key: 'k', serializable: true }));
    expect(s.kvs[0].value).toBe('v1');
    await expect(settle(client.call(follower, 'Range', { key: 'k' }, { timeoutMs: 3000 }))).rejects.toMatchObject({
      code: 'DeadlineExceeded',
    });
  });

  it('a write waits for a leader when the cluster has lost its quorum', async () => {
    const { c, client, settle } = await cluster();
    const [a, b, d] = c.etcdNames;
    c.chaos.killEtcd(b);
    c.chaos.killEtcd(d);
    c.sim.runFor(3000);
    const err = (await settle(client.call(a, 'Put', { key: 'k', value: 'v' })).catch((e) => e)) as EtcdRpcError;
    expect(err.code).toBe('DeadlineExceeded');
    expect(err.message).toBe('context deadline exceeded');
  });

  it('expires a lease on the leader and deletes its keys (lessor.go)', async () => {
    const { c, client, settle } = await cluster();
    const grant = await settle(client.call('etcd-0', 'LeaseGrant', { TTL: 5 }));
    expect(grant.TTL).toBe(5);
    await settle(client.call('etcd-1', 'Put', { key: 'ephemeral', value: 'x', lease: grant.ID }));
    c.sim.runFor(3000);
    expect((await settle(client.call('etcd-2', 'Range', { key: 'ephemeral' }))).count).toBe(1);
    c.sim.runFor(4000);
    expect((await settle(client.call('etcd-2', 'Range', { key: 'ephemeral' }))).count).toBe(0);
    const ttl = await settle(client.call('etcd-1', 'LeaseTimeToLive', { ID: grant.ID }));
    expect(ttl.TTL).toBe(-1);
  });

  it('streams watch events from a past revision, inclusive', async () => {
    const { c, client, settle } = await cluster();
    await settle(client.call('etcd-0', 'Put', { key: 'w', value: '1' }));
    await settle(client.call('etcd-0', 'Put', { key: 'w', value: '2' }));
    const seen: WatchResponse[] = [];
    client.watch('etcd-1', { key: 'w', start_revision: 2 }, (r) => seen.push(r));
    c.sim.runFor(200);
    await settle(client.call('etcd-0', 'Put', { key: 'w', value: '3' }));
    c.sim.runFor(500);
    const values = seen.flatMap((r) => r.events.map((e) => e.kv.value));
    expect(seen[0].created).toBe(true);
    expect(values).toEqual(['1', '2', '3']);
  });

  it('restarts from its WAL and snapshot and catches up (§7)', async () => {
    const { c, client, settle } = await cluster({ etcd: { snapshotCount: 20, snapshotCatchUpEntries: 5 } });
    const victim = c.etcdNames.find((n) => n !== c.leader())!;
    c.chaos.killEtcd(victim);
    for (let i = 0; i < 60; i++) await settle(client.call(c.leader()!, 'Put', { key: `k${i}`, value: `v${i}` }));
    const leader = c.sim.process<EtcdMember>(c.leader()!)!;
    expect(leader.raft.log.firstIndex()).toBeGreaterThan(1); // the log was compacted
    expect(c.chaos.restartEtcd(victim)).toBe(true);
    expect(c.chaos.restartEtcd(victim)).toBe(false); // already up
    c.sim.runFor(3000);
    const m = c.sim.process<EtcdMember>(victim)!;
    expect(m.raft.log.applied).toBe(leader.raft.log.applied);
    expect(m.store.range({ key: 'k59' }).kvs[0].value).toBe('v59');
    // And again from its own disk, which now holds the snapshot it was sent.
    c.chaos.killEtcd(victim);
    c.chaos.restartEtcd(victim);
    const again = c.sim.process<EtcdMember>(victim)!;
    expect(again.store.range({ key: 'k0' }).kvs[0].value).toBe('v0');
  });

  it('adds a member with member add; it joins, catches up and publishes its name', async () => {
    const { c, client, settle } = await cluster();
    await settle(client.call('etcd-0', 'Put', { key: 'before', value: '1' }));
    const added = await settle(c.addEtcdMember());
    expect(added.code).toBe(0);
    c.sim.runFor(3000);
    const list = await settle(client.call('etcd-0', 'MemberList', {}));
    expect(list.members.map((m) => m.name).sort()).toEqual(['etcd-0', 'etcd-1', 'etcd-2', 'etcd-3']);
    const joined = c.sim.process<EtcdMember>('etcd-3')!;
    expect(joined.raft.status().voters).toHaveLength(4);
    expect(joined.store.range({ key: 'before' }).kvs[0].value).toBe('1');
    expect(joined.clusterId).toBe(c.sim.process<EtcdMember>('etcd-0')!.clusterId);
  });

  it('a removed member stops, as etcd does', async () => {
    const { c, client, settle } = await cluster();
    c.sim.runFor(1000); // every member has published itself: all count as started
    const list = await settle(client.call('etcd-0', 'MemberList', {}));
    const victim = list.members.find((m) => m.name === 'etcd-2')!;
    const res = await settle(client.call('etcd-0', 'MemberRemove', { ID: victim.ID }));
    expect(res.members).toHaveLength(2);
    c.sim.runFor(1000);
    expect(c.sim.process<EtcdMember>('etcd-2')!.telemetry().removed).toBe(true);
    const missing = await settle(client.call('etcd-0', 'MemberRemove', { ID: victim.ID })).catch((e) => e);
    expect(missing.message).toBe('etcdserver: member not found');
  });

  it('cancels watches with "etcdserver: no leader" after three election timeouts without a leader (monitorLeader)', async () => {
    const { c, client } = await cluster();
    const seen: WatchResponse[] = [];
    const [a, b, d] = c.etcdNames;
    client.watch(a, { key: 'w' }, (r) => seen.push(r));
    c.sim.runFor(200);
    c.chaos.killEtcd(b);
    c.chaos.killEtcd(d);
    c.sim.runFor(c.timing.electionMs * 2);
    expect(seen.some((r) => r.canceled)).toBe(false);
    c.sim.runFor(c.timing.electionMs * 5);
    expect(seen.at(-1)).toMatchObject({ canceled: true, cancel_reason: 'etcdserver: no leader' });
  });

  it('refuses a membership change with "etcdserver: unhealthy cluster" while it knows no leader', async () => {
    const { c, client, settle } = await cluster();
    c.sim.runFor(1000); // every member has published itself, so serves clients
    const [a, b, d] = c.etcdNames;
    c.chaos.killEtcd(b);
    c.chaos.killEtcd(d);
    c.sim.runFor(c.timing.electionMs * 3);
    const err = await settle(client.call(a, 'MemberAdd', { peerURLs: ['http://etcd-9:2380'] })).catch((e) => e);
    expect(err.message).toBe('etcdserver: unhealthy cluster');
  });

  it('refuses to add a member under a name the cluster already used, before any membership change', async () => {
    const { c, client, settle } = await cluster();
    const res = await settle(c.addEtcdMember('etcd-1'));
    expect(res).toMatchObject({ code: 1, stderr: 'Error: a member named "etcd-1" already exists in this cluster\n' });
    const list = await settle(client.call('etcd-0', 'MemberList', {}));
    expect(list.members).toHaveLength(3);
  });
});

describe('etcd member: votes survive a crash', () => {
  // Raft §5.1 and Figure 2: currentTerm and votedFor are persisted before any message that depends on
  // them is sent, so a member that voted, crashed and restarted cannot vote for someone else in that term.
  it('votes, crashes, and refuses a second candidate in the same term', () => {
    const c = new Cluster({ seed: 3, etcdMembers: 3 });
    // etcd-1 and etcd-2 are replaced by scripted peers that speak raw Raft to etcd-0.
    const answers: { from: string; m: Message }[] = [];
    for (const peer of ['etcd-1', 'etcd-2']) {
      c.sim.remove(peer);
      c.sim.add(peer, (env) => ({
        receive(input) {
          if (input.type === 'message') answers.push({ from: env.id, m: (input.msg as PeerMessage & { kind: 'raft' }).m });
          if (input.type === 'command') env.send('etcd-0', { kind: 'raft', m: input.command as Message } satisfies PeerMessage);
        },
      }));
    }
    c.sim.runFor(50);
    const status = () => c.sim.process<EtcdMember>('etcd-0')!.raft.status();
    const ask = (candidate: string) => {
      answers.length = 0;
      const last = status().lastIndex;
      c.sim.command(candidate, { type: 'MsgVote', from: candidate, to: 'etcd-0', term: 9, index: last, logTerm: 1 } satisfies Message);
      c.sim.runFor(50);
      const r = answers.find((a) => a.m.type === 'MsgVoteResp')?.m;
      return r && { type: r.type, term: r.term, reject: r.reject ?? false };
    };
    expect(ask('etcd-1')).toMatchObject({ type: 'MsgVoteResp', term: 9, reject: false });
    expect(status()).toMatchObject({ term: 9, vote: 'etcd-1' });
    expect(c.chaos.killEtcd('etcd-0')).toBe(true);
    expect(c.chaos.restartEtcd('etcd-0')).toBe(true);
    expect(status()).toMatchObject({ term: 9, vote: 'etcd-1' });
    expect(ask('etcd-2')).toMatchObject({ type: 'MsgVoteResp', term: 9, reject: true });
    // The one it voted for may ask again (a retransmitted request) and is granted again.
    expect(ask('etcd-1')).toMatchObject({ type: 'MsgVoteResp', term: 9, reject: false });
  });
});
