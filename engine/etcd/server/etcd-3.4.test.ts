// The member's side of what etcdctl prints, against runs of the real etcd 3.4.23 recorded in
// testdata/etcd-3.4.23.json (a 3-member cluster on loopback; etcd-2, :23792, led it). Each test
// replays the recorded command lines on a Kubeplay cluster, the recorded leader's on Kubeplay's
// leader and the follower's on a follower, and compares the output once addresses, ids, clocks and
// client uuids are made comparable.

import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster';
import recorded from './testdata/etcd-3.4.23.json';

interface Fixture {
  cmd: string;
  code: number;
  stdout: string;
  stderr: string;
  stdinFill?: { fill: string; length: number };
  actions?: string[];
}

const fixture = (name: string): Fixture => {
  const f = (recorded as Record<string, Fixture>)[name];
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};

/** The recorded cluster: the follower the runs went to, the leader, and their lease id prefixes. */
const real = { follower: '127.0.0.1:23790', leader: '127.0.0.1:23792', followerPrefix: '2040', leaderPrefix: '4f73' };

/**
 * A Kubeplay cluster whose members have all published themselves, and the roles of its members.
 * The follower's member id ends in a 16-bit value with its top bit set, as etcd-0's did in the
 * recording, so request ids take the same 10 varint bytes (which --max-request-bytes counts).
 */
function cluster() {
  const c = new Cluster({ seed: 7, etcdMembers: 3 });
  expect(c.sim.runUntil(() => c.leader() !== null, 10_000)).toBe(true);
  c.sim.runFor(2000);
  const leader = c.leader()!;
  const id = (name: string) => BigInt(`0x${c.inspect.member(name)!.memberId}`);
  const follower = c.etcdNames.find((n) => n !== leader && (id(n) & 0x8000n) !== 0n)!;
  const prefix = (name: string) => ((id(name) & 0x7fffn) | 0n).toString(16).padStart(4, '0');
  return { c, leader, follower, leaderPrefix: prefix(leader), followerPrefix: prefix(follower) };
}

type Roles = ReturnType<typeof cluster>;

/** The fixture's command line with the recorded addresses replaced by Kubeplay's members. */
const commandLine = (f: Fixture, r: Roles) => f.cmd.replace(real.follower, r.follower).replace(real.leader, r.leader);

/**
 * What may differ between the two runs: zap timestamps, client uuids, member addresses, member ids,
 * and the 40-bit start times inside lease ids (their member prefix and counter byte stay).
 */
function comparable(s: string, who: { follower: string; leader: string; followerPrefix: string; leaderPrefix: string }): string {
  return s
    .replace(/"ts":"[^"]*"/g, '"ts":"TS"')
    .replace(/client-[0-9a-f-]{36}/g, 'client-UUID')
    .replaceAll(who.follower, 'FOLLOWER')
    .replaceAll(who.leader, 'LEADER')
    .replace(/\b([0-9a-f]{4})[0-9a-f]{10}([0-9a-f]{2})\b/g, (id, p: string, n: string) =>
      p === who.followerPrefix ? `lease(follower,${n})` : p === who.leaderPrefix ? `lease(leader,${n})` : id,
    )
    .replace(/^(FOLLOWER|LEADER), [0-9a-f]+, /gm, '$1, ID, ');
}

async function run(r: Roles, name: string): Promise<void> {
  const f = fixture(name);
  const stdin = f.stdinFill ? f.stdinFill.fill.repeat(f.stdinFill.length) : undefined;
  const got = await r.c.etcdctl(commandLine(f, r), stdin, { streamMs: 10_000 });
  expect({ code: got.code, stdout: comparable(got.stdout, r), stderr: comparable(got.stderr, r) }, name).toEqual({
    code: f.code,
    stdout: comparable(f.stdout, real),
    stderr: comparable(f.stderr, real),
  });
}

describe('etcd 3.4.23 member behaviour, as etcdctl shows it', () => {
  // v3rpc/watch.go answers an empty range created+canceled; clientv3's addSubstream turns that
  // into a closeErr response: zero header, no events slice, Err() the reason as it is.
  it.each(['watch-empty-range', 'watch-empty-range-json', 'watch-empty-range-fields', 'watch-empty-range-same', 'watch-empty-range-rev'])(
    '%s: a watch on an empty range is refused with "mvcc: watcher range is empty"',
    async (name) => {
      await run(cluster(), name);
    },
  );

  // embed.DefaultMaxRequestBytes (1.5 MiB) on the server, grpc's 2 MiB send limit in clientv3.
  it.each(['put-too-large', 'put-too-large-json', 'put-grpc-too-large', 'put-2mib-server', 'put-just-fits', 'put-limit-fits', 'put-limit-over'])(
    '%s: request size limits',
    async (name) => {
      await run(cluster(), name);
    },
  );

  // Every proposal, ReadIndex round, publish and server-chosen lease id draws from one idutil
  // generator, so lease ids count the member's requests; the leader also set the cluster version.
  it('lease ids and the raft index count what each member did', async () => {
    const r = cluster();
    for (const name of [
      'lease-ids-leader-1', 'lease-ids-leader-2', 'lease-ids-follower-1', 'lease-ids-follower-2', 'lease-ids-follower-put',
      'lease-ids-follower-3', 'lease-ids-follower-get', 'lease-ids-follower-4', 'lease-ids-status',
    ]) {
      await run(r, name);
    }
  });

  // lessor.go Leases sorts by Remaining(): soonest expiry first on the leader. On a follower every
  // lease is "forever", so etcd lists them in Go map order (it differs between two runs); Kubeplay
  // lists them in grant order.
  it('lease list: soonest expiry first on the leader, grant order on a follower', async () => {
    const r = cluster();
    const granted: string[] = [];
    const grant = async (ep: string, ttl: number) => granted.push((await r.c.etcdctl(`--endpoints=${ep} lease grant ${ttl}`)).stdout.split(' ')[1]);
    for (const ep of [r.leader, r.leader, r.follower, r.follower]) await grant(ep, 60);
    await r.c.etcdctl(`--endpoints=${r.follower} put a b`);
    await grant(r.follower, 60);
    await r.c.etcdctl(`--endpoints=${r.follower} get a`);
    await grant(r.follower, 60);
    r.c.sim.runFor(2000);
    for (const ttl of [100, 50, 200, 30, 75, 50]) await grant(r.leader, ttl);
    await run(r, 'lease-list-leader');
    const onFollower = await r.c.etcdctl(`--endpoints=${r.follower} lease list`);
    expect(onFollower.stdout).toBe(`found ${granted.length} leases\n${granted.map((id) => `${id}\n`).join('')}`);
    const lines = (s: string) => s.split('\n').slice(1).filter(Boolean).sort();
    expect(lines(comparable(onFollower.stdout, r))).toEqual(lines(comparable(fixture('lease-list-follower').stdout, real)));
  });

  // interceptor.go: a watch stream requiring a leader is refused without one, and cancelled after
  // three election timeouts without one; either way clientv3 closes the watch with that error.
  it.each([
    ['noquorum-watch-json', 10_000],
    ['noquorum-watch-fields', 500],
  ])('%s: no leader', async (name, afterMs) => {
    const r = cluster();
    for (const n of r.c.etcdNames) if (n !== r.follower) r.c.chaos.killEtcd(n);
    r.c.sim.runFor(afterMs);
    const f = fixture(name);
    const got = await r.c.etcdctl(commandLine(f, r), undefined, { streamMs: 20_000 });
    expect({ ...got, stdout: comparable(got.stdout, r) }).toEqual({ code: f.code, stdout: f.stdout, stderr: f.stderr });
  });

  // clientv3 resumes a watch that has delivered nothing at the revision of its creation, so the
  // event at that revision, from before the watch, is delivered after the resume.
  it('watch-resume-at-creation-revision: a resumed watch replays the revision it was created at', async () => {
    const r = cluster();
    await r.c.etcdctl(`--endpoints=${r.follower} put /q/x before`);
    let stdout = '';
    const id = r.c.startEtcdctl(commandLine(fixture('watch-resume-at-creation-revision'), r), undefined, { onStdout: (s) => (stdout += s), onDone: () => {} });
    r.c.sim.runFor(1500);
    r.c.chaos.killEtcd(r.follower);
    r.c.sim.runFor(1000);
    r.c.chaos.restartEtcd(r.follower);
    r.c.sim.runFor(10_000);
    r.c.interrupt(id);
    r.c.sim.runFor(100);
    expect(stdout).toBe(fixture('watch-resume-at-creation-revision').stdout);
  });

  // embed/serve.go serves gRPC only after <-s.ReadyNotify(): a member that could not publish itself
  // (no quorum since its restart) answers nothing, not even a serializable read.
  it.each(['not-ready-get-serializable', 'not-ready-endpoint-status'])('%s: a member serves clients only once it has published itself', async (name) => {
    const r = cluster();
    for (const n of r.c.etcdNames) r.c.chaos.killEtcd(n);
    r.c.chaos.restartEtcd(r.follower);
    r.c.sim.runFor(2000);
    await run(r, name);
  });
});
