// Raft's rules, one scenario each, on RaftNodes wired by a synchronous in-test network (like
// etcd-io/raft's raft_paper_test.go). Section numbers are the Raft paper's unless marked thesis.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { RaftNode } from './raft';
import type { ConfChange, Entry, Message, NodeId } from './types';

const T = 10; // electionTick

/** Nodes plus a network that delivers synchronously; `drop` decides which messages are lost. */
class Net {
  readonly nodes = new Map<NodeId, RaftNode>();
  readonly applied = new Map<NodeId, Entry[]>();
  readonly sent: Message[] = [];
  drop: (m: Message) => boolean = () => false;

  constructor(ids: NodeId[], seed = 1, opts: { preVote?: boolean; checkQuorum?: boolean; maxEntriesPerMsg?: number } = {}) {
    const rng = new Rng(seed);
    for (const id of ids) {
      const entries: Entry[] = ids.map((n, i) => ({
        term: 1,
        index: i + 1,
        type: 'EntryConfChange',
        data: { type: 'ConfChangeAddNode', nodeId: n, context: null } satisfies ConfChange,
      }));
      const node = new RaftNode(
        { id, electionTick: T, heartbeatTick: 1, preVote: opts.preVote ?? true, checkQuorum: opts.checkQuorum ?? true, maxEntriesPerMsg: opts.maxEntriesPerMsg },
        rng.fork(id),
        { hardState: { term: 1, vote: '', commit: ids.length }, snapshot: null, entries },
      );
      this.nodes.set(id, node);
      this.applied.set(id, []);
    }
    this.flush();
  }

  get(id: NodeId): RaftNode {
    return this.nodes.get(id)!;
  }

  /** Handles every Ready until nothing moves: send, apply (conf changes too), repeat. */
  flush(): void {
    for (let guard = 0; guard < 10_000; guard++) {
      let moved = false;
      for (const [id, n] of this.nodes) {
        if (!n.hasReady()) continue;
        moved = true;
        const rd = n.ready();
        for (const e of rd.committedEntries) {
          if (e.type === 'EntryConfChange') n.applyConfChange(e.data as ConfChange);
          this.applied.get(id)!.push(e);
        }
        n.advance(rd);
        for (const m of rd.messages) {
          this.sent.push(m);
          if (!this.drop(m) && this.nodes.has(m.to)) this.nodes.get(m.to)!.step(m);
        }
      }
      if (!moved) return;
    }
    throw new Error('network did not settle');
  }

  tick(id: NodeId, times = 1): void {
    for (let i = 0; i < times; i++) {
      this.get(id).tick();
      this.flush();
    }
  }

  tickAll(times = 1): void {
    for (let i = 0; i < times; i++) {
      for (const n of this.nodes.values()) n.tick();
      this.flush();
    }
  }

  /** Makes `id` leader by running its election timer out while the others do not tick. */
  elect(id: NodeId): void {
    this.tick(id, 2 * T);
    expect(this.get(id).state).toBe('StateLeader');
  }

  /** Crash and restart: a new node from what the old one had on disk (hard state and log). */
  restart(id: NodeId, cfg: { preVote: boolean; checkQuorum: boolean; maxEntriesPerMsg?: number }): void {
    const old = this.get(id);
    const node = new RaftNode({ id, electionTick: T, heartbeatTick: 1, ...cfg }, new Rng(99).fork(id), {
      hardState: old.hardState(),
      snapshot: null,
      entries: old.log.entries,
    });
    this.nodes.set(id, node);
    this.applied.set(id, []);
    this.flush();
  }

  isolate(id: NodeId): void {
    this.drop = (m) => m.from === id || m.to === id;
  }

  heal(): void {
    this.drop = () => false;
  }

  data(id: NodeId): unknown[] {
    return this.applied.get(id)!.filter((e) => e.type === 'EntryNormal' && e.data !== null).map((e) => e.data);
  }
}

describe('leader election (§5.2)', () => {
  it('a follower whose election timer runs out becomes leader with a higher term', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    expect(net.get('a').term).toBe(2);
    expect(net.get('b').lead).toBe('a');
    expect(net.get('c').lead).toBe('a');
    expect(net.get('b').term).toBe(2);
  });

  it('randomizes the election timeout in [T, 2T) ticks', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const net = new Net(['a', 'b', 'c'], seed);
      net.drop = () => true;
      let ticks = 0;
      while (net.get('a').state === 'StateFollower') {
        net.tick('a');
        ticks++;
      }
      expect(ticks).toBeGreaterThanOrEqual(T);
      expect(ticks).toBeLessThan(2 * T);
      seen.add(ticks);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('grants a vote only to a log at least as up-to-date (§5.4.1)', () => {
    // Without check quorum's lease, so that a and b answer c rather than ignore it.
    const net = new Net(['a', 'b', 'c'], 1, { checkQuorum: false });
    net.elect('a');
    net.get('a').propose('x');
    net.flush();
    // c missed nothing but now falls behind: isolate it, write more, then let it campaign alone.
    net.isolate('c');
    net.get('a').propose('y');
    net.flush();
    net.heal();
    const votes: Message[] = [];
    net.drop = (m) => {
      if (m.type === 'MsgPreVoteResp' || m.type === 'MsgVoteResp') votes.push(m);
      return false;
    };
    net.tick('c', 2 * T);
    // a and b hold 'y' and c does not: every pre-vote for c is rejected, and c never raises its term.
    expect(votes.length).toBeGreaterThan(0);
    expect(votes.every((m) => m.reject)).toBe(true);
    expect(net.get('a').state).toBe('StateLeader');
    expect(net.get('c').term).toBeLessThanOrEqual(net.get('a').term);
  });
});

describe('log replication (§5.3)', () => {
  it('replicates and commits proposals on every member in the same order', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    for (const x of ['p1', 'p2', 'p3']) net.get('a').propose(x);
    net.flush();
    net.tickAll(1); // heartbeat carries the commit index
    for (const id of ['a', 'b', 'c']) expect(net.data(id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('a follower forwards proposals to the leader (MsgProp)', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    net.get('b').propose('from-b');
    net.flush();
    net.tickAll(1);
    expect(net.data('c')).toEqual(['from-b']);
  });

  it('overwrites a follower’s conflicting uncommitted tail (§5.3, Figure 7)', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    // a appends entries only it has, then loses leadership.
    net.isolate('a');
    net.get('a').propose('lost-1');
    net.get('a').propose('lost-2');
    net.flush();
    expect(net.get('a').log.lastIndex()).toBeGreaterThan(net.get('b').log.lastIndex());
    net.drop = (m) => m.from === 'a' || m.to === 'a';
    net.tick('b', 2 * T); // b times out; c's lease check lets it vote since it lost the leader
    net.tick('c', T);
    net.tick('b', 2 * T);
    expect(net.get('b').state).toBe('StateLeader');
    net.get('b').propose('kept');
    net.flush();
    net.heal();
    net.tickAll(3);
    expect(net.get('a').state).toBe('StateFollower');
    expect(net.data('a')).toEqual(['kept']);
    const aLog = net.get('a').log;
    const bLog = net.get('b').log;
    expect(aLog.lastIndex()).toBe(bLog.lastIndex());
    for (let i = 1; i <= aLog.lastIndex(); i++) expect(aLog.term(i)).toBe(bLog.term(i));
  });

  it('never commits an entry of an earlier term by counting replicas (§5.4.2, Figure 8)', () => {
    // Plain Raft (no pre-vote, no lease) and one entry per MsgApp, to stage Figure 8 exactly.
    const net = new Net(['a', 'b', 'c', 'd', 'e'], 1, { preVote: false, checkQuorum: false, maxEntriesPerMsg: 1 });
    net.elect('a');
    // (a) a, leader of term 2, replicates X to b only.
    net.drop = (m) => m.from === 'a' && m.to !== 'b';
    net.get('a').propose('X');
    net.flush();
    const x = net.get('a').log.lastIndex();
    expect(net.get('b').log.term(x)).toBe(2);
    // (b) e wins term 3 with c and d's votes, and crashes before replicating anything.
    net.drop = (m) => ['a', 'b'].includes(m.from) || ['a', 'b'].includes(m.to) || (m.from === 'e' && m.type === 'MsgApp');
    net.tick('e', 2 * T);
    expect(net.get('e').state).toBe('StateLeader');
    expect(net.get('e').term).toBe(3);
    // (c) a restarts and wins term 4; X reaches c (a majority: a, b, c), but a's own term-4 entry does not.
    // Lose a term-4 entry only where it would be accepted; probes that a follower rejects still arrive.
    const term4Entry = (m: Message) =>
      m.type === 'MsgApp' && (m.entries ?? []).some((e) => e.term >= 4) && net.get(m.to).log.matchTerm(m.index!, m.logTerm!);
    net.drop = (m) => m.from === 'e' || m.to === 'e' || term4Entry(m);
    net.restart('a', { preVote: false, checkQuorum: false, maxEntriesPerMsg: 1 });
    net.tick('a', 4 * T);
    const a = net.get('a');
    expect(a.state).toBe('StateLeader');
    expect(a.term).toBe(4);
    expect(net.get('c').log.term(x)).toBe(2);
    expect(a.log.committed).toBeLessThan(x);
    // (d) once an entry of term 4 is on a majority, X commits with it.
    net.drop = (m) => m.from === 'e' || m.to === 'e';
    net.tick('a', 2);
    expect(a.log.committed).toBeGreaterThan(x);
    expect(net.data('c')).toContain('X');
  });
});

describe('pre-vote and check quorum (thesis §9.6, §6.2)', () => {
  it('a partitioned node does not raise its term, so it cannot disrupt the leader when it returns', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    const term = net.get('a').term;
    net.isolate('c');
    net.tick('c', 10 * T);
    expect(net.get('c').term).toBe(term);
    net.heal();
    net.tickAll(3);
    expect(net.get('a').state).toBe('StateLeader');
    expect(net.get('a').term).toBe(term);
  });

  it('without pre-vote the same partition forces a new election (what pre-vote prevents)', () => {
    const net = new Net(['a', 'b', 'c'], 1, { preVote: false, checkQuorum: false });
    net.elect('a');
    const term = net.get('a').term;
    net.isolate('c');
    net.tick('c', 10 * T);
    expect(net.get('c').term).toBeGreaterThan(term);
  });

  it('a leader that cannot reach a quorum steps down after an election timeout', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    net.isolate('a');
    net.tick('a', 2 * T + 1);
    expect(net.get('a').state).toBe('StateFollower');
  });

  it('a follower that hears from its leader ignores vote requests (leader lease)', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    const term = net.get('a').term;
    net.get('b').step({ type: 'MsgVote', from: 'c', to: 'b', term: term + 5, index: 100, logTerm: term + 5 });
    expect(net.get('b').term).toBe(term);
  });
});

describe('snapshots and log compaction (§7)', () => {
  it('sends a snapshot to a follower whose next entries were compacted away', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    net.isolate('c');
    for (let i = 0; i < 20; i++) net.get('a').propose(`v${i}`);
    net.flush();
    net.tick('a', 1);
    const a = net.get('a');
    a.createSnapshot(a.log.applied, { state: 'at-applied' }, 2);
    expect(a.log.firstIndex()).toBeGreaterThan(net.get('c').log.lastIndex() + 1);
    net.heal();
    const snaps: Message[] = [];
    net.drop = (m) => {
      if (m.type === 'MsgSnap') snaps.push(m);
      return false;
    };
    net.tickAll(3);
    expect(snaps.length).toBeGreaterThan(0);
    const c = net.get('c');
    expect(c.snapshot?.data).toEqual({ state: 'at-applied' });
    expect(c.log.committed).toBe(a.log.committed);
  });
});

describe('membership changes (thesis §4.1)', () => {
  it('adds a member with a ConfChange; it catches up and counts toward the quorum', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    const d = new RaftNode({ id: 'd', electionTick: T, heartbeatTick: 1, preVote: true, checkQuorum: true }, new Rng(9));
    net.nodes.set('d', d);
    net.applied.set('d', []);
    expect(net.get('a').proposeConfChange({ type: 'ConfChangeAddNode', nodeId: 'd', context: null })).toBe(true);
    // Only one change may be pending at a time.
    expect(net.get('a').proposeConfChange({ type: 'ConfChangeAddNode', nodeId: 'e', context: null })).toBe(false);
    net.flush();
    net.tickAll(3);
    expect([...net.get('a').voters].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...d.voters].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(d.log.lastIndex()).toBe(net.get('a').log.lastIndex());
    // With 4 voters the quorum is 3: losing b and c stops commits.
    net.drop = (m) => ['b', 'c'].includes(m.to) || ['b', 'c'].includes(m.from);
    const before = net.get('a').log.committed;
    net.get('a').propose('needs-3');
    net.flush();
    expect(net.get('a').log.committed).toBe(before);
  });

  it('removing a member shrinks the quorum', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    net.get('a').proposeConfChange({ type: 'ConfChangeRemoveNode', nodeId: 'c', context: null });
    net.flush();
    net.tickAll(2);
    expect([...net.get('a').voters].sort()).toEqual(['a', 'b']);
  });
});

/** Records the read states `node` hands its host, as `context@index`. */
function recordReads(node: RaftNode): string[] {
  const states: string[] = [];
  const ready = node.ready.bind(node);
  node.ready = () => {
    const rd = ready();
    states.push(...rd.readStates.map((r) => `${r.context}@${r.index}`));
    return rd;
  };
  return states;
}

describe('linearizable reads with ReadIndex (§6.4)', () => {
  it('answers only after a quorum acknowledges a heartbeat sent after the request', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    const a = net.get('a');
    const states = recordReads(a);
    net.drop = (m) => m.type === 'MsgHeartbeatResp';
    a.readIndex('r1');
    net.flush();
    expect(states).toEqual([]);
    net.heal();
    a.readIndex('r2');
    net.flush();
    // r2's quorum also confirms r1, which was asked earlier.
    expect(states).toEqual([`r1@${a.log.committed}`, `r2@${a.log.committed}`]);
  });

  it('a follower gets its read index from the leader', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    const states = recordReads(net.get('b'));
    net.get('b').readIndex('fr');
    net.flush();
    expect(states).toEqual([`fr@${net.get('a').log.committed}`]);
  });

  it('a leader cut off from the quorum cannot serve reads', () => {
    const net = new Net(['a', 'b', 'c']);
    net.elect('a');
    const a = net.get('a');
    const states = recordReads(a);
    net.isolate('a');
    a.readIndex('stale');
    net.flush();
    expect(states).toEqual([]);
  });
});
