// Seeded chaos for etcd (in the spirit of TigerBeetle's VOPR and Jepsen's etcd tests): a workload of
// writes and linearizable reads while members crash and restart, partitions come and go and the
// network loses, duplicates and reorders messages. Checkers run as the simulation goes; then the
// faults stop, the cluster heals, and it must converge. Any failure names the seed that replays it:
//   CHAOS_SEED=<seed> npx vitest run engine/etcd/chaos
// CHAOS_SEEDS=<n> runs more seeds (default 48); CHAOS_CRASH_RATE=<p> sets the crash-point rate per disk write (default 0.01).

import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { Rng } from '../sim/rng';
import { EtcdClientProcess, etcdClientKind, type EtcdMember } from '.';
import type { KeyValue, RangeResponse } from './types';

interface Op {
  kind: 'put' | 'get';
  invokedAt: number;
  /** Recorded when the test saw the answer: never earlier than the real answer (sound for the checks below). */
  returnedAt?: number;
  ok?: boolean;
  revision?: number;
  value?: string;
  /** For gets: the kv returned (or null when the key was absent). */
  kv?: KeyValue | null;
}

const seedsFromEnv = process.env.CHAOS_SEED ? [Number(process.env.CHAOS_SEED)] : null;
const seedCount = Number(process.env.CHAOS_SEEDS ?? 48);
const seeds = seedsFromEnv ?? Array.from({ length: seedCount }, (_, i) => i + 1);

/** Runs one seeded scenario; returns the first violated invariant, or null. */
async function runScenario(seed: number): Promise<string | null> {
  const rng = new Rng(seed).fork('chaos');
  const members = rng.chance(0.5) ? 3 : 5;
  const crashRate = Number(process.env.CHAOS_CRASH_RATE ?? 0.01);
  const c = new Cluster({
    seed,
    etcdMembers: members,
    profile: 'fast',
    network: { latencyMsMin: 0.5, latencyMsMax: 15, dropRate: 0.03, duplicateRate: 0.02 },
    // Snapshot often, so snapshot transfer and log compaction happen under faults too.
    etcd: { snapshotCount: 40, snapshotCatchUpEntries: 10 },
    // Any disk write of a member may crash it right before or right after the write.
    crashPoints: crashRate > 0 ? { rate: crashRate, prefix: 'etcd-' } : undefined,
  });
  const names = c.etcdNames.slice();
  const clientIds = ['writer-1', 'writer-2', 'writer-3', 'reader-1', 'reader-2', 'reader-3'];
  const clients = clientIds.map((id) => {
    c.sim.add(id, etcdClientKind, { epochMs: 0 });
    return c.sim.process<EtcdClientProcess>(id)!.attach({ endpoints: () => names, reachable: (m) => c.sim.isUp(m) });
  });
  const history: Op[] = [];
  let stop = false;
  // Clients mostly talk to members that are up, sometimes to one that is down (and time out).
  const pick = () => {
    const up = names.filter((n) => c.sim.isUp(n));
    const pool = up.length > 0 && rng.chance(0.9) ? up : names;
    return pool[rng.int(0, pool.length)];
  };

  // Writers write unique values to one key, each with at most one write outstanding. Each next
  // call is made from the answer's continuation, inside the client process, at the answer's time.
  clients.slice(0, 3).forEach((client, w) => {
    let v = 0;
    const write = (): void => {
      if (stop) return;
      const value = `${w}.${++v}`;
      const op: Op = { kind: 'put', invokedAt: c.clock.now(), value };
      history.push(op);
      client.call(pick(), 'Put', { key: 'x', value }, { timeoutMs: 500 }, (err, res) => {
        op.ok = !err; // a failed put has an unknown outcome: it may still take effect
        if (res) op.revision = res.header.revision;
        op.returnedAt = c.clock.now();
        write();
      });
    };
    write();
  });
  clients.slice(3).forEach((client) => {
    const read = (): void => {
      if (stop) return;
      const op: Op = { kind: 'get', invokedAt: c.clock.now() };
      history.push(op);
      client.call(pick(), 'Range', { key: 'x' }, { timeoutMs: 500 }, (err, res?: RangeResponse) => {
        op.ok = !err;
        if (res) {
          op.revision = res.header.revision;
          op.kv = res.kvs[0] ?? null;
        }
        op.returnedAt = c.clock.now();
        read();
      });
    };
    read();
  });

  const leaderOfTerm = new Map<number, string>();
  const committed = new Map<number, string>(); // index -> term:data of the committed entry
  const checkedUpTo = new Map<string, number>(); // committed entries never change, so check each once per member
  const votes = new Map<string, string>(); // `${member}@${term}` -> whom it voted for
  let violation: string | null = null;
  const check = () => {
    for (const name of names) {
      const m = c.sim.process<EtcdMember>(name);
      if (!m) continue;
      const st = m.raft.status();
      // Figure 2: votedFor is persistent state; a member never votes twice in one term, restarts included.
      if (st.vote) {
        const prev = votes.get(`${name}@${st.term}`);
        if (prev !== undefined && prev !== st.vote) violation ??= `${name} voted for ${prev} and then ${st.vote} in term ${st.term}`;
        votes.set(`${name}@${st.term}`, st.vote);
      }
      // Election Safety (§5.2): at most one leader per term.
      if (st.role === 'leader') {
        const other = leaderOfTerm.get(st.term);
        if (other && other !== name) violation ??= `two leaders in term ${st.term}: ${other} and ${name}`;
        leaderOfTerm.set(st.term, name);
      }
      // State Machine Safety (§5.4.3): an index, once committed anywhere, holds the same entry everywhere.
      const log = m.raft.log;
      for (let i = Math.max(log.firstIndex(), (checkedUpTo.get(name) ?? 0) + 1); i <= log.committed; i++) {
        const e = log.slice(i, i + 1)[0];
        const sig = `${e.term}:${JSON.stringify(e.data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
        const seen = committed.get(i);
        if (seen === undefined) committed.set(i, sig);
        else if (seen !== sig) violation ??= `committed entry ${i} differs on ${name}: ${sig} vs ${seen}`;
      }
      checkedUpTo.set(name, log.committed);
    }
  };

  // Safety phase: faults.
  const faultsUntil = 20_000;
  while (c.clock.now() < faultsUntil && !violation) {
    c.sim.runFor(5);
    check();
    if (rng.chance(0.01)) {
      const roll = rng.next();
      const victim = pick();
      if (roll < 0.35) c.chaos.killEtcd(victim);
      else if (roll < 0.7) c.chaos.restartEtcd(victim);
      else if (roll < 0.85) {
        const shuffled = names.slice().sort(() => rng.next() - 0.5);
        const cut = rng.int(1, names.length);
        c.chaos.partition([shuffled.slice(0, cut), shuffled.slice(cut)]);
      } else c.chaos.heal();
    }
  }
  // Liveness phase: everything back, no more loss.
  c.chaos.heal();
  c.sim.network = { ...c.sim.network, dropRate: 0, duplicateRate: 0 };
  c.sim.stopCrashPoints();
  for (const n of names) c.chaos.restartEtcd(n);
  const converged = () => {
    const st = names.map((n) => c.sim.process<EtcdMember>(n)!.raft.status());
    return !!c.leader() && st.every((s) => s.appliedIndex === st[0].appliedIndex && s.commitIndex === st[0].commitIndex);
  };
  for (let t = 0; t < 30_000 && !violation; t += 5) {
    c.sim.runFor(5);
    check();
    if (t > 3000 && converged()) break;
  }
  stop = true;
  c.sim.runFor(3000);
  if (violation) return violation;
  const thrown = c.sim.errors[0];
  if (thrown) return `${thrown.id} threw at ${thrown.atMs} ms: ${thrown.error}`;
  if (!converged()) return `no convergence after healing: ${JSON.stringify(c.inspect.raft())}`;

  // Every member holds the same data.
  const bigintSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
  const dumps = names.map((n) => JSON.stringify(c.sim.process<EtcdMember>(n)!.store.range({ key: '\0', range_end: '\0' }).kvs, bigintSafe));
  if (dumps.some((d) => d !== dumps[0])) return 'members hold different data after convergence';
  if (process.env.CHAOS_VERBOSE) {
    const count = (k: Op['kind'], ok: boolean) => history.filter((o) => o.kind === k && o.ok === ok).length;
    console.log(
      `seed ${seed}: ${members} members, ${count('put', true)} puts acked (${count('put', false)} failed), ` +
        `${count('get', true)} reads (${count('get', false)} failed), ${leaderOfTerm.size} terms with a leader, ` +
        `applied index ${c.inspect.raft()[0].appliedIndex}`,
    );
  }
  return checkLinearizable(history, c.sim.process<EtcdMember>(names[0])!);
}

/**
 * Checks the register history against etcd's revisions: acknowledged writes are durable, every read
 * returned exactly the state at its revision, and revisions never go back in real time (a read
 * that starts after a write or read finished sees at least its revision).
 */
function checkLinearizable(history: Op[], member: EtcdMember): string | null {
  const acked = history.filter((o) => o.kind === 'put' && o.ok);
  for (const w of acked) {
    const at = member.store.range({ key: 'x', revision: w.revision! }).kvs[0];
    if (at?.value !== w.value) return `acknowledged write x=${w.value} at revision ${w.revision} is not in the store`;
  }
  const reads = history.filter((o) => o.kind === 'get' && o.ok);
  for (const r of reads) {
    const at = member.store.range({ key: 'x', revision: r.revision! }).kvs[0] ?? null;
    if ((at?.value ?? null) !== (r.kv?.value ?? null)) return `read at revision ${r.revision} returned ${r.kv?.value} but the store had ${at?.value}`;
    for (const o of [...acked, ...reads]) {
      if (o.returnedAt! < r.invokedAt && o.revision! > r.revision!) {
        return `stale read: a ${o.kind} finished at ${o.returnedAt} with revision ${o.revision}, a read started at ${r.invokedAt} saw revision ${r.revision}`;
      }
    }
  }
  if (reads.length === 0) return 'the workload completed no reads';
  return null;
}

describe('etcd under chaos (seeded; replay with CHAOS_SEED)', () => {
  for (const seed of seeds) {
    it(`seed ${seed}`, async () => {
      const violation = await runScenario(seed);
      expect(violation, `seed ${seed} (replay: CHAOS_SEED=${seed} npx vitest run engine/etcd/chaos)`).toBeNull();
    });
  }
});
