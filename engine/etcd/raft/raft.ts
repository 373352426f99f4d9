// One Raft node as etcd runs it: pre-vote, check-quorum, randomized election timeouts, log
// replication with conflict repair, snapshots, single-member configuration changes and ReadIndex.
// Like etcd-io/raft (raft.go) it does no I/O: the host calls tick() and step(), then takes a
// Ready (persist, send, apply — in that order) and calls advance(). Section numbers refer to the
// Raft paper (Ongaro & Ousterhout 2014) and, for §4/§6/§9, to Ongaro's thesis.

import type { Rng } from '../../sim/rng';
import { RaftLog } from './log';
import { Progress } from './progress';
import {
  None,
  type ConfChange,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  type RaftConfig,
  type RaftStatus,
  type ReadState,
  type Ready,
  type Snapshot,
  type StateType,
} from './types';

/** What a restarted node finds on its disk. */
export interface RaftStorage {
  hardState: HardState;
  snapshot: Snapshot | null;
  entries: Entry[];
}

interface PendingRead {
  index: number;
  context: string;
  /** Who asked: this node (answer with a ReadState) or a follower (answer with MsgReadIndexResp). */
  from: NodeId;
  acks: Set<NodeId>;
}

/** A Raft state machine with no I/O. */
export class RaftNode {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = None;
  lead: NodeId = None;
  state: StateType = 'StateFollower';
  readonly log = new RaftLog();
  /** The voters, as of the last applied configuration change. */
  voters = new Set<NodeId>();
  /** Leader only: progress of every voter (itself included). */
  readonly prs = new Map<NodeId, Progress>();

  private readonly cfg: Required<RaftConfig>;
  private readonly rng: Rng;
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedElectionTimeout = 0;
  private readonly votes = new Map<NodeId, boolean>();
  private msgs: Message[] = [];
  private readStates: ReadState[] = [];
  private pendingReads: PendingRead[] = [];
  /** No new configuration change may be proposed until this index is applied (§4.1). */
  private pendingConfIndex = 0;
  /** The latest snapshot this node holds, sent to followers that need compacted entries. */
  snapshot: Snapshot | null = null;
  private incomingSnapshot: Snapshot | null = null;
  private prevHardState: HardState;

  constructor(cfg: RaftConfig, rng: Rng, storage?: RaftStorage) {
    this.id = cfg.id;
    this.cfg = { ...cfg, maxEntriesPerMsg: cfg.maxEntriesPerMsg ?? 64 };
    this.rng = rng;
    if (storage) {
      if (storage.snapshot) {
        this.log.restore(storage.snapshot);
        this.snapshot = storage.snapshot;
        this.voters = new Set(storage.snapshot.voters);
      }
      this.log.entries = storage.entries.filter((e) => e.index > this.log.snapIndex);
      this.log.unstableFrom = this.log.lastIndex() + 1;
      this.term = storage.hardState.term;
      this.vote = storage.hardState.vote;
      this.log.committed = Math.max(this.log.committed, Math.min(storage.hardState.commit, this.log.lastIndex()));
    }
    this.prevHardState = this.hardState();
    this.becomeFollower(this.term, None);
  }

  // ---- the host's surface --------------------------------------------------------------------

  /** Advances logical time by one tick (etcd: one heartbeat interval). */
  tick(): void {
    if (this.state === 'StateLeader') this.tickHeartbeat();
    else this.tickElection();
  }

  /** Proposes `data` for the log; false when there is no leader to take it (the caller retries or times out). */
  propose(data: unknown): boolean {
    return this.stepProposal({ type: 'EntryNormal', data });
  }

  /** Proposes a single-member configuration change (§4.1). */
  proposeConfChange(cc: ConfChange): boolean {
    return this.stepProposal({ type: 'EntryConfChange', data: cc });
  }

  /** Asks for a linearizable read index (§6.4); the answer arrives as a ReadState in a later Ready. */
  readIndex(context: string): void {
    this.step({ type: 'MsgReadIndex', from: this.id, to: this.id, term: 0, context });
  }

  /** Applies a committed configuration change: called by the host when it applies the entry. */
  applyConfChange(cc: ConfChange): void {
    if (cc.type === 'ConfChangeAddNode') {
      this.voters.add(cc.nodeId);
      if (this.state === 'StateLeader' && !this.prs.has(cc.nodeId)) {
        const pr = new Progress(this.log.lastIndex() + 1);
        pr.recentActive = true;
        this.prs.set(cc.nodeId, pr);
      }
    } else {
      this.voters.delete(cc.nodeId);
      this.prs.delete(cc.nodeId);
      // A smaller quorum may commit what was waiting for the removed member.
      if (this.state === 'StateLeader' && this.voters.size > 0 && this.maybeCommit()) this.bcastAppend();
    }
  }

  /**
   * Records the application's snapshot at `index` (which must be applied) and drops log entries
   * older than `index - keepEntries`, kept so slow followers can catch up without a snapshot (etcd's
   * SnapshotCatchUpEntries).
   */
  createSnapshot(index: number, data: unknown, keepEntries: number): Snapshot {
    const term = this.log.term(index);
    if (term === undefined) throw new Error(`raft: cannot snapshot at compacted or missing index ${index}`);
    this.snapshot = { index, term, voters: [...this.voters].sort(), data };
    const compactTo = index - keepEntries;
    if (compactTo > this.log.snapIndex) this.log.compact(compactTo, this.log.term(compactTo)!);
    return this.snapshot;
  }

  hasReady(): boolean {
    return (
      this.msgs.length > 0 ||
      this.readStates.length > 0 ||
      this.incomingSnapshot !== null ||
      this.log.unstableFrom <= this.log.lastIndex() ||
      this.log.committed > this.log.applied ||
      !sameHardState(this.hardState(), this.prevHardState)
    );
  }

  /** What to persist, send and apply now. The host must call advance(ready) after handling it. */
  ready(): Ready {
    const hs = this.hardState();
    const rd: Ready = {
      hardState: sameHardState(hs, this.prevHardState) ? null : hs,
      entries: this.log.takeUnstable(),
      snapshot: this.incomingSnapshot,
      messages: this.msgs,
      committedEntries: this.log.nextCommitted(),
      readStates: this.readStates,
    };
    this.prevHardState = hs;
    this.incomingSnapshot = null;
    this.msgs = [];
    this.readStates = [];
    return rd;
  }

  /** Marks a Ready handled: its committed entries are applied. */
  advance(rd: Ready): void {
    const last = rd.committedEntries[rd.committedEntries.length - 1];
    if (last) this.log.appliedTo(last.index);
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.log.committed };
  }

  status(): RaftStatus {
    const role = ({ StateLeader: 'leader', StateFollower: 'follower', StateCandidate: 'candidate', StatePreCandidate: 'precandidate' } as const)[this.state];
    const st: RaftStatus = {
      id: this.id,
      role,
      term: this.term,
      leader: this.lead || null,
      vote: this.vote || null,
      commitIndex: this.log.committed,
      appliedIndex: this.log.applied,
      lastIndex: this.log.lastIndex(),
      snapshotIndex: this.snapshot?.index ?? 0,
      voters: [...this.voters].sort(),
    };
    if (this.state === 'StateLeader') {
      st.progress = {};
      for (const [id, pr] of this.prs) st.progress[id] = { match: pr.match, next: pr.next, state: pr.state };
    }
    return st;
  }

  /** Whether this node may campaign: it is a voter (etcd's promotable). */
  promotable(): boolean {
    return this.voters.has(this.id);
  }

  // ---- role transitions (raft.go becomeFollower / becomeCandidate / …) ------------------------

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = None;
    }
    this.lead = None;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    // §5.2: randomized timeouts in [T, 2T) make split votes rare.
    this.randomizedElectionTimeout = this.cfg.electionTick + this.rng.int(0, this.cfg.electionTick);
    this.votes.clear();
    this.prs.clear();
    this.pendingReads = [];
  }

  private becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.state = 'StateFollower';
    this.lead = lead;
  }

  private becomePreCandidate(): void {
    // Pre-vote (thesis §9.6): ask first, at term+1, without disturbing anyone's term.
    this.state = 'StatePreCandidate';
    this.votes.clear();
    this.lead = None;
  }

  private becomeCandidate(): void {
    this.reset(this.term + 1);
    this.vote = this.id;
    this.state = 'StateCandidate';
  }

  private becomeLeader(): void {
    this.reset(this.term);
    this.lead = this.id;
    this.state = 'StateLeader';
    for (const v of this.voters) {
      const pr = new Progress(this.log.lastIndex() + 1);
      pr.recentActive = true;
      if (v === this.id) {
        pr.match = this.log.lastIndex();
        pr.becomeReplicate();
      }
      this.prs.set(v, pr);
    }
    // Conservatively assume an unapplied configuration change may be in the log.
    this.pendingConfIndex = this.log.lastIndex();
    // §5.4.2 / §8: a new leader commits an entry of its own term (a no-op) to learn what is committed.
    this.appendEntries([{ type: 'EntryNormal', data: null }]);
    this.bcastAppend();
  }

  // ---- timers --------------------------------------------------------------------------------

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.hup();
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.cfg.electionTick) {
      this.electionElapsed = 0;
      // Check quorum: a leader that has not heard from a majority within an election timeout steps down.
      if (this.cfg.checkQuorum && !this.quorumActive()) {
        this.becomeFollower(this.term, None);
        return;
      }
    }
    for (const pr of this.prs.values()) {
      if (pr.state === 'snapshot' && ++pr.snapshotTicks >= this.cfg.electionTick) pr.becomeProbe();
    }
    if (this.heartbeatElapsed >= this.cfg.heartbeatTick) {
      this.heartbeatElapsed = 0;
      this.bcastHeartbeat(undefined);
    }
  }

  private quorumActive(): boolean {
    let active = 0;
    for (const [id, pr] of this.prs) {
      if (id === this.id || pr.recentActive) active++;
      if (id !== this.id) pr.recentActive = false;
    }
    return active >= this.quorum();
  }

  private quorum(): number {
    return Math.floor(this.voters.size / 2) + 1;
  }

  // ---- elections (§5.2) ----------------------------------------------------------------------

  private hup(): void {
    if (this.state === 'StateLeader' || !this.promotable()) return;
    // etcd does not campaign while configuration changes are committed but not yet applied.
    const pendingConf = this.log
      .slice(Math.max(this.log.applied + 1, this.log.firstIndex()), this.log.committed + 1)
      .some((e) => e.type === 'EntryConfChange');
    if (pendingConf) return;
    this.campaign(this.cfg.preVote ? 'pre' : 'real');
  }

  private campaign(kind: 'pre' | 'real'): void {
    let term: number;
    if (kind === 'pre') {
      this.becomePreCandidate();
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      term = this.term;
    }
    if (this.poll(this.id, true) === 'won') {
      // A single-voter cluster wins at once.
      if (kind === 'pre') this.campaign('real');
      else this.becomeLeader();
      return;
    }
    const type = kind === 'pre' ? 'MsgPreVote' : 'MsgVote';
    for (const v of this.voters) {
      if (v === this.id) continue;
      this.send({ type, to: v, term, index: this.log.lastIndex(), logTerm: this.log.lastTerm() });
    }
  }

  private poll(from: NodeId, granted: boolean): 'won' | 'lost' | 'pending' {
    if (!this.votes.has(from)) this.votes.set(from, granted);
    let yes = 0;
    let no = 0;
    for (const [id, g] of this.votes) {
      if (!this.voters.has(id)) continue;
      if (g) yes++;
      else no++;
    }
    const q = this.quorum();
    if (yes >= q) return 'won';
    if (no >= this.voters.size - q + 1) return 'lost';
    return 'pending';
  }

  // ---- message dispatch (raft.go Step) -------------------------------------------------------

  /** Feeds one message from the network (or from this node itself) into the state machine. */
  step(m: Message): void {
    if (m.term === 0) {
      // Local message (proposal or read request).
    } else if (m.term > this.term) {
      if (m.type === 'MsgVote' || m.type === 'MsgPreVote') {
        // Check quorum's leader lease (thesis §4.2.3): a node that hears from a live leader
        // ignores vote requests, so a partitioned node rejoining cannot depose it.
        const inLease = this.cfg.checkQuorum && this.lead !== None && this.electionElapsed < this.cfg.electionTick;
        if (inLease) return;
      }
      if (m.type === 'MsgPreVote') {
        // Never change our term for a pre-vote request.
      } else if (m.type === 'MsgPreVoteResp' && !m.reject) {
        // A granted pre-vote carries the term we would campaign at; it is not a newer term.
      } else if (m.type === 'MsgApp' || m.type === 'MsgHeartbeat' || m.type === 'MsgSnap') {
        this.becomeFollower(m.term, m.from);
      } else {
        this.becomeFollower(m.term, None);
      }
    } else if (m.term < this.term) {
      if ((this.cfg.checkQuorum || this.cfg.preVote) && (m.type === 'MsgHeartbeat' || m.type === 'MsgApp')) {
        // Tell a stale leader (one that was partitioned away) about the newer term so it steps down.
        this.send({ type: 'MsgAppResp', to: m.from, term: this.term });
      } else if (m.type === 'MsgPreVote') {
        this.send({ type: 'MsgPreVoteResp', to: m.from, term: this.term, reject: true });
      }
      return;
    }

    if (m.type === 'MsgVote' || m.type === 'MsgPreVote') {
      this.handleVoteRequest(m);
      return;
    }
    switch (this.state) {
      case 'StateLeader':
        this.stepLeader(m);
        break;
      case 'StateCandidate':
      case 'StatePreCandidate':
        this.stepCandidate(m);
        break;
      default:
        this.stepFollower(m);
    }
  }

  private handleVoteRequest(m: Message): void {
    // §5.2, §5.4.1: one vote per term, only for a log at least as up-to-date as ours.
    const canVote =
      this.vote === m.from || (this.vote === None && this.lead === None) || (m.type === 'MsgPreVote' && m.term > this.term);
    const respType = m.type === 'MsgVote' ? 'MsgVoteResp' : 'MsgPreVoteResp';
    if (canVote && this.log.isUpToDate(m.index!, m.logTerm!)) {
      // A granted pre-vote answers at the requested term, so the pre-candidate counts it.
      this.send({ type: respType, to: m.from, term: m.term });
      if (m.type === 'MsgVote') {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.send({ type: respType, to: m.from, term: this.term, reject: true });
    }
  }

  private stepProposal(e: { type: Entry['type']; data: unknown }): boolean {
    if (this.state === 'StateLeader') {
      if (!this.prs.has(this.id)) return false; // removed from the configuration
      if (e.type === 'EntryConfChange') {
        if (this.pendingConfIndex > this.log.applied) return false;
        this.pendingConfIndex = this.log.lastIndex() + 1;
      }
      this.appendEntries([e]);
      this.bcastAppend();
      return true;
    }
    if (this.lead === None) return false;
    // Followers forward proposals to the leader, as etcd's raft does with MsgProp.
    this.send({ type: 'MsgProp', to: this.lead, term: 0, entries: [{ term: 0, index: 0, ...e }] });
    return true;
  }

  private stepLeader(m: Message): void {
    switch (m.type) {
      case 'MsgProp':
        for (const e of m.entries ?? []) this.stepProposal(e);
        return;
      case 'MsgReadIndex':
        this.handleReadIndex(m);
        return;
    }
    const pr = this.prs.get(m.from);
    if (!pr) return;
    switch (m.type) {
      case 'MsgAppResp':
        pr.recentActive = true;
        if (m.reject) {
          if (pr.maybeDecrTo(m.index!, m.rejectHint!)) {
            if (pr.state === 'replicate') pr.becomeProbe();
            this.sendAppend(m.from);
          }
        } else if (pr.maybeUpdate(m.index!)) {
          if (pr.state === 'probe') pr.becomeReplicate();
          else if (pr.state === 'snapshot' && pr.match >= pr.pendingSnapshot) pr.becomeProbe();
          if (this.maybeCommit()) this.bcastAppend();
          else this.sendAppend(m.from, false);
        }
        return;
      case 'MsgHeartbeatResp':
        pr.recentActive = true;
        pr.paused = false;
        // An empty MsgApp is how a follower that fell silently behind gets probed again.
        if (pr.match < this.log.lastIndex()) this.sendAppend(m.from);
        if (m.context) this.ackRead(m.context, m.from);
        return;
    }
  }

  private stepCandidate(m: Message): void {
    const myResp = this.state === 'StatePreCandidate' ? 'MsgPreVoteResp' : 'MsgVoteResp';
    switch (m.type) {
      case 'MsgApp':
      case 'MsgHeartbeat':
      case 'MsgSnap':
        // §5.2: a candidate that hears from a leader of its term returns to follower.
        this.becomeFollower(m.term, m.from);
        this.stepFollower(m);
        return;
      case 'MsgPreVoteResp':
      case 'MsgVoteResp': {
        if (m.type !== myResp) return;
        const res = this.poll(m.from, !m.reject);
        if (res === 'won') {
          if (this.state === 'StatePreCandidate') this.campaign('real');
          else this.becomeLeader();
        } else if (res === 'lost') {
          this.becomeFollower(this.term, None);
        }
        return;
      }
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case 'MsgProp':
        if (this.lead !== None) this.send({ ...m, to: this.lead, term: 0 });
        return;
      case 'MsgApp':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppendEntries(m);
        return;
      case 'MsgHeartbeat':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.log.commitTo(Math.min(m.commit!, this.log.lastIndex()));
        this.send({ type: 'MsgHeartbeatResp', to: m.from, term: this.term, context: m.context });
        return;
      case 'MsgSnap':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        return;
      case 'MsgReadIndex':
        if (this.lead === None) return; // dropped: the server retries
        this.send({ ...m, to: this.lead, term: 0 });
        return;
      case 'MsgReadIndexResp':
        this.readStates.push({ index: m.index!, context: m.context! });
        return;
    }
  }

  // ---- replication (§5.3) --------------------------------------------------------------------

  private appendEntries(es: { type: Entry['type']; data: unknown }[]): void {
    let index = this.log.lastIndex();
    const ents = es.map((e) => ({ term: this.term, index: ++index, type: e.type, data: e.data }));
    this.log.append(ents);
    // The leader's own disk write happens in this Ready, before anything else it sends is acted on.
    this.prs.get(this.id)?.maybeUpdate(this.log.lastIndex());
    this.maybeCommit();
  }

  /** §5.3, §5.4.2: commit the highest index stored on a majority, but only if it is from this term. */
  private maybeCommit(): boolean {
    const matches = [...this.voters].map((v) => this.prs.get(v)?.match ?? 0).sort((a, b) => b - a);
    const mci = matches[this.quorum() - 1] ?? 0;
    if (mci > this.log.committed && this.log.term(mci) === this.term) {
      this.log.commitTo(mci);
      return true;
    }
    return false;
  }

  private bcastAppend(): void {
    for (const id of this.prs.keys()) if (id !== this.id) this.sendAppend(id);
  }

  /** Sends `to` the entries it lacks; an empty MsgApp only when `sendIfEmpty` (raft.go maybeSendAppend). */
  private sendAppend(to: NodeId, sendIfEmpty = true): void {
    const pr = this.prs.get(to);
    if (!pr || pr.isPaused()) return;
    const prevIndex = pr.next - 1;
    const prevTerm = this.log.term(prevIndex);
    if (prevTerm === undefined || pr.next < this.log.firstIndex()) {
      // §7: the entries it needs are compacted away; send the snapshot instead.
      if (!this.snapshot) return;
      this.send({ type: 'MsgSnap', to, term: this.term, snapshot: this.snapshot });
      pr.becomeSnapshot(this.snapshot.index);
      return;
    }
    const hi = Math.min(this.log.lastIndex(), prevIndex + this.cfg.maxEntriesPerMsg) + 1;
    const entries = this.log.slice(pr.next, hi);
    if (entries.length === 0 && !sendIfEmpty) return;
    this.send({ type: 'MsgApp', to, term: this.term, index: prevIndex, logTerm: prevTerm, entries, commit: this.log.committed });
    if (entries.length > 0) {
      if (pr.state === 'replicate') pr.next = entries[entries.length - 1].index + 1;
      else if (pr.state === 'probe') pr.paused = true;
    } else if (pr.state === 'probe') {
      pr.paused = true;
    }
  }

  private bcastHeartbeat(context: string | undefined): void {
    for (const [id, pr] of this.prs) {
      if (id === this.id) continue;
      // Never tell a follower to commit past what it is known to hold (raft.go sendHeartbeat).
      this.send({ type: 'MsgHeartbeat', to: id, term: this.term, commit: Math.min(pr.match, this.log.committed), context });
    }
  }

  private handleAppendEntries(m: Message): void {
    if (m.index! < this.log.committed) {
      this.send({ type: 'MsgAppResp', to: m.from, term: this.term, index: this.log.committed });
      return;
    }
    const lastNew = this.log.maybeAppend(m.index!, m.logTerm!, m.commit!, m.entries ?? []);
    if (lastNew !== null) {
      this.send({ type: 'MsgAppResp', to: m.from, term: this.term, index: lastNew });
    } else {
      // §5.3: reject, with our last index as a hint so the leader can skip back fast.
      this.send({ type: 'MsgAppResp', to: m.from, term: this.term, index: m.index, reject: true, rejectHint: this.log.lastIndex() });
    }
  }

  private handleSnapshot(m: Message): void {
    const s = m.snapshot!;
    if (s.index <= this.log.committed) {
      this.send({ type: 'MsgAppResp', to: m.from, term: this.term, index: this.log.committed });
      return;
    }
    if (this.log.matchTerm(s.index, s.term)) {
      // We already hold the entries: just fast-forward the commit mark (raft.go restore).
      this.log.commitTo(s.index);
    } else {
      this.log.restore(s);
      this.snapshot = s;
      this.voters = new Set(s.voters);
      this.incomingSnapshot = s;
    }
    this.send({ type: 'MsgAppResp', to: m.from, term: this.term, index: this.log.lastIndex() });
  }

  // ---- linearizable reads (§6.4, etcd's ReadOnlySafe) ----------------------------------------

  private handleReadIndex(m: Message): void {
    // A new leader cannot know the commit index until it commits an entry of its own term (§6.4);
    // etcd 3.4 drops such requests and its server retries.
    if (this.log.term(this.log.committed) !== this.term) return;
    const from = m.from;
    if (this.voters.size === 1) {
      this.answerRead({ index: this.log.committed, context: m.context!, from, acks: new Set() });
      return;
    }
    this.pendingReads.push({ index: this.log.committed, context: m.context!, from, acks: new Set([this.id]) });
    this.bcastHeartbeat(m.context);
  }

  private ackRead(context: string, from: NodeId): void {
    const at = this.pendingReads.findIndex((r) => r.context === context);
    if (at < 0) return;
    const read = this.pendingReads[at];
    read.acks.add(from);
    if (read.acks.size < this.quorum()) return;
    // A quorum confirmed leadership after this request arrived, so it also holds for earlier ones.
    for (const r of this.pendingReads.splice(0, at + 1)) this.answerRead(r);
  }

  private answerRead(r: PendingRead): void {
    if (r.from === this.id) this.readStates.push({ index: r.index, context: r.context });
    else this.send({ type: 'MsgReadIndexResp', to: r.from, term: this.term, index: r.index, context: r.context });
  }

  private send(m: Omit<Message, 'from'>): void {
    this.msgs.push({ ...m, from: this.id } as Message);
  }
}

function sameHardState(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}
