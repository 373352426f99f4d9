// One etcd member: a Raft node, the MVCC store it applies committed entries to, its WAL and
// snapshots on disk, and the v3 API it serves to clients. Models etcdserver/server.go (the ready
// loop, apply, snapshots, publish), etcdserver/v3_server.go (requests, linearizable reads, leases)
// and etcdserver/api/membership (members and ids).

import type { Disk, Env, Input, Process, ProcessId, ProcessKind, StreamId } from '../../sim/env';
import { MvccStore, MvccError, ErrNotPrimary, checkDeleteRequest, checkPutRequest, checkRangeRequest, checkTxn, isTxnReadonly } from '../mvcc';
import { RaftNode, type ConfChange, type Entry, type HardState, type Message, type Ready, type Snapshot } from '../raft';
import {
  ErrLeaseNotFound,
  ErrMemberNotEnoughStarted,
  ErrMemberNotFound,
  ErrNoLeader,
  ErrUnhealthy,
  ErrPeerURLExist,
  ErrTimeout,
  type EtcdError,
  type EtcdMethod,
  type LeaseID,
  type LeaseTimeToLiveRequest,
  type Member,
  type ResponseHeader,
  type TxnRequest,
  type WatchCreateRequest,
  type WatchEvent,
  type WatchResponse,
} from '../types';
import { computeClusterId, computeMemberId, hostOf, peerURL, clientURL } from './ids';
import type { ClientMessage, ConfContext, EntryData, InternalRequest, PeerMessage, RpcMessage, ServerMessage } from './protocol';
import { etcdWireType } from './wire-type';
import { minLeaseTtlSec, type EtcdTiming } from './timing';
import { applyRequest } from './apply';
import type { RaftStatus } from '../raft';

/** How to start a member (etcd's --name, --initial-cluster, --initial-cluster-state). */
export interface EtcdMemberOptions {
  name: string;
  /** Member names of the initial cluster; peer URLs are http://<name>:2380. */
  initialCluster: string[];
  /** 'new' bootstraps a cluster; 'existing' joins one after `member add`. */
  clusterState: 'new' | 'existing';
  timing: EtcdTiming;
  /** --initial-cluster-token. */
  clusterToken?: string;
  /** Wall-clock ms that simulated time 0 stands for (lease ids embed the time, as etcd's do). */
  epochMs?: number;
}

/** A member as the UI and inspect() see it. */
export interface MemberTelemetry {
  name: string;
  /** etcd's member id in hex, '' until the member knows it. */
  memberId: string;
  raft: RaftStatus;
  revision: number;
  compactRevision: number;
  /** The member applied its own removal and stopped, as etcd does. */
  removed: boolean;
}

/** The etcd version Kubeplay reports (endpoint status, the version the tooling compares against). */
export const etcdVersion = '3.4.23';

/** etcd's ReqTimeout: 5 s plus two election timeouts (etcdserver/config.go). */
const reqTimeoutMs = (t: EtcdTiming) => 5000 + 2 * t.electionMs;

interface Waiter {
  /** The stream the call came on (for a forwarded lease call: the leader-side reply address). */
  client: StreamId;
  rpcId: number;
  method: EtcdMethod;
  deadline: number;
}

interface PendingRead {
  client: StreamId;
  rpcId: number;
  method: 'Range' | 'Txn';
  req: unknown;
  /** The ReadIndex this read waits for, once known. */
  index: number | null;
  context: string;
  issuedAt: number;
  askedAt: number;
}

interface AppliedState {
  mvcc: ReturnType<MvccStore['toSnapshot']>;
  members: Member[];
  clusterId: bigint;
  removed: bigint[];
  removedPeers: string[];
}

const walKey = (index: number) => `wal/${String(index).padStart(12, '0')}`;

/** What a crashed member's disk says of its Raft state: hard state, last WAL index, snapshot index. */
export function raftStatusFromDisk(name: string, disk: Disk | undefined): RaftStatus {
  const hs = disk?.get<HardState>('hardstate') ?? { term: 0, vote: '', commit: 0 };
  const wal = disk?.keys('wal/') ?? [];
  return {
    id: name,
    role: 'down',
    term: hs.term,
    leader: null,
    vote: hs.vote || null,
    commitIndex: hs.commit,
    appliedIndex: 0,
    lastIndex: wal.length ? Number(wal[wal.length - 1].slice(4)) : 0,
    snapshotIndex: disk?.get<Snapshot>('snapshot')?.index ?? 0,
    voters: [],
  };
}

/** The etcd member process kind: config is the member's command line, as plain data. */
export const etcdMemberKind: ProcessKind<EtcdMemberOptions> = {
  name: 'etcd',
  create: (env, opts) => new EtcdMember(env, opts),
  describe: (msg) => etcdWireType(msg),
};

/** What a member's timers are for. */
type MemberTimer = 'tick' | 'lease-check';

/** An etcd member process. */
export class EtcdMember implements Process {
  readonly name: string;
  private readonly env: Env;
  private readonly opts: EtcdMemberOptions;
  private readonly timing: EtcdTiming;
  readonly raft: RaftNode;
  store: MvccStore;
  /** Members by id (membership.RaftCluster). */
  members = new Map<bigint, Member>();
  clusterId = 0n;
  private removedIds = new Set<bigint>();
  /** Process names of removed members, whose raft messages are refused. */
  private removedPeers = new Set<string>();
  private stopped = false;
  private walLast = 0;
  private lastSnapshotIndex = 0;
  private wasLeader = false;
  private seq = 0;
  private readonly waiters = new Map<string, Waiter>();
  private readonly reads: PendingRead[] = [];
  private readonly seenProposals = new Set<string>();
  private readonly seenProposalOrder: string[] = [];
  private readonly watches = new Map<string, number>();
  private readonly forwards = new Map<string, Waiter>();
  private readonly revoking = new Map<LeaseID, number>();
  /** Proposals waiting for a leader. */
  private readonly blocked: (EntryData | ConfChange)[] = [];
  private publishedAt = -Infinity;
  /** The lease id generator's start time and counter (pkg/idutil). */
  private readonly idGenStartMs: number;
  private leaseIdSeq = 0;
  /** Simulated time since which this member has known no leader (null while it knows one). */
  private noLeaderSince: number | null = null;
  /** This member's id, once it has seen itself in the membership; kept after its removal. */
  private knownId: bigint | undefined;

  constructor(env: Env, opts: EtcdMemberOptions) {
    this.env = env;
    this.opts = opts;
    this.name = opts.name;
    this.timing = opts.timing;
    this.idGenStartMs = Math.floor(opts.epochMs ?? 0) + Math.floor(env.now());
    this.store = new MvccStore({ minLeaseTtlSec: minLeaseTtlSec(opts.timing) });

    const disk = env.disk;
    let hardState = disk.get<HardState>('hardstate');
    const snapshot = disk.get<Snapshot>('snapshot') ?? null;
    let entries = disk.keys('wal/').map((k) => disk.get<Entry>(k)!);
    if (!hardState && !snapshot && opts.clusterState === 'new') {
      // A crash in the middle of bootstrapping leaves WAL entries without the hard state that seals them.
      for (const k of disk.keys('wal/')) disk.delete(k);
      ({ hardState, entries } = this.bootstrap());
    }
    this.walLast = entries.length ? entries[entries.length - 1].index : 0;
    const electionTick = Math.round(this.timing.electionMs / this.timing.heartbeatMs);
    this.raft = new RaftNode(
      { id: this.name, electionTick, heartbeatTick: 1, preVote: true, checkQuorum: true },
      env.rng,
      { hardState: hardState ?? { term: 0, vote: '', commit: 0 }, snapshot, entries },
    );
    if (snapshot) this.restoreApplied(snapshot);
    this.scheduleTick();
    this.scheduleLeaseCheck();
    this.processReady();
  }

  // ---- process surface -----------------------------------------------------------------------

  receive(input: Input): void {
    if (this.stopped) return;
    switch (input.type) {
      case 'message':
        this.receivePeer(input.from, input.msg as PeerMessage);
        break;
      case 'timer':
        if ((input.tag as MemberTimer) === 'tick') this.onTick();
        else this.onLeaseCheck();
        break;
      case 'accept':
        break; // a client connected: its requests follow on the stream
      case 'data':
        this.receiveClient(input.stream, input.msg as ClientMessage);
        break;
      case 'closed':
        this.clientGone(input.stream);
        break;
      case 'command':
        return;
    }
    this.processReady();
  }

  private receivePeer(from: ProcessId, m: PeerMessage): void {
    switch (m.kind) {
      case 'raft':
        if (this.removedPeers.has(from)) {
          // rafthttp refuses streams from removed members; they learn it and stop.
          this.env.send(from, { kind: 'removed' } satisfies PeerMessage);
          return;
        }
        this.stepRaft(m.m);
        break;
      case 'removed':
        this.stopped = true;
        return;
      case 'lease-forward':
        this.serveLeaseForward(from, m);
        break;
      case 'lease-forward-result':
        this.finishLeaseForward(m);
        break;
    }
  }

  /** One gRPC stream carries a client's calls and watches; `client` names the stream. */
  private receiveClient(client: StreamId, m: ClientMessage): void {
    switch (m.kind) {
      case 'rpc':
        this.serveRpc(client, m);
        break;
      case 'watch-create':
        this.createWatch(client, m.watchId, m.req);
        break;
      case 'watch-cancel':
        this.cancelWatch(client, m.watchId);
        break;
    }
  }

  /** The client's stream closed: its watches end with it, as a gRPC stream's context does. */
  private clientGone(client: StreamId): void {
    for (const [key, serverId] of [...this.watches]) {
      if (key.slice(0, key.lastIndexOf('/')) !== client) continue;
      this.store.cancelWatch(serverId);
      this.watches.delete(key);
    }
  }

  /** Answers on the client's stream (gone streams drop the answer, as a closed connection does). */
  private toClient(client: StreamId, msg: ServerMessage): void {
    this.env.write(client, msg);
  }

  telemetry(): MemberTelemetry {
    const id = this.selfId();
    return {
      name: this.name,
      memberId: id === undefined ? '' : id.toString(16),
      raft: this.raft.status(),
      revision: this.store.rev,
      compactRevision: this.store.compactRev,
      removed: this.stopped,
    };
  }

  // ---- bootstrap and restart -----------------------------------------------------------------

  /** A new cluster's first entries: one AddNode per initial member at term 1, all committed (etcd's bootstrap). */
  private bootstrap(): { hardState: HardState; entries: Entry[] } {
    const token = this.opts.clusterToken ?? 'etcd-cluster';
    const members: Member[] = this.opts.initialCluster.map((name) => ({
      ID: computeMemberId([peerURL(name)], token),
      name,
      peerURLs: [peerURL(name)],
      clientURLs: [],
      isLearner: false,
    }));
    const clusterId = computeClusterId(members.map((m) => m.ID));
    const entries: Entry[] = members.map((member, i) => ({
      term: 1,
      index: i + 1,
      type: 'EntryConfChange',
      data: { type: 'ConfChangeAddNode', nodeId: hostOf(member.peerURLs[0]), context: { member, clusterId } satisfies ConfContext } satisfies ConfChange,
    }));
    const hardState = { term: 1, vote: '', commit: entries.length };
    // The hard state last: it is what says the bootstrap is complete (etcd renames its WAL dir into place).
    for (const e of entries) this.env.disk.put(walKey(e.index), e);
    this.env.disk.put('hardstate', hardState);
    return { hardState, entries };
  }

  private appliedState(): AppliedState {
    return { mvcc: this.store.toSnapshot(), members: [...this.members.values()], clusterId: this.clusterId, removed: [...this.removedIds], removedPeers: [...this.removedPeers] };
  }

  private restoreApplied(snap: Snapshot): void {
    const st = snap.data as AppliedState;
    this.store = MvccStore.fromSnapshot(st.mvcc, { minLeaseTtlSec: minLeaseTtlSec(this.timing) });
    // A restored lessor starts demoted; the leadership check below promotes it if this member leads.
    this.wasLeader = false;
    this.members = new Map(st.members.map((m) => [m.ID, m]));
    this.clusterId = st.clusterId;
    this.removedIds = new Set(st.removed);
    this.removedPeers = new Set(st.removedPeers);
    this.lastSnapshotIndex = snap.index;
    // Watches live on the store; a restored store starts without them, so clients must re-watch.
    this.watches.clear();
  }

  // ---- the ready loop (etcdserver/raft.go start, server.go applyAll) ----------------------------

  private stepRaft(m: Message): void {
    if (m.type === 'MsgProp') {
      // TCP under etcd's rafthttp never duplicates a proposal; the simulated network can, so drop repeats.
      const fresh = (m.entries ?? []).filter((e) => !this.seenProposal(e.data));
      if (fresh.length === 0) return;
      m = { ...m, entries: fresh };
    }
    this.raft.step(m);
  }

  private seenProposal(data: unknown): boolean {
    const id = (data as EntryData | ConfChange | null)?.id;
    if (!id) return false;
    if (this.seenProposals.has(id)) return true;
    this.seenProposals.add(id);
    this.seenProposalOrder.push(id);
    if (this.seenProposalOrder.length > 4096) this.seenProposals.delete(this.seenProposalOrder.shift()!);
    return false;
  }

  private processReady(): void {
    while (!this.stopped && this.raft.hasReady()) {
      const rd = this.raft.ready();
      this.persist(rd);
      for (const m of rd.messages) this.env.send(m.to, { kind: 'raft', m } satisfies PeerMessage);
      if (rd.snapshot) this.restoreApplied(rd.snapshot);
      for (const e of rd.committedEntries) {
        this.applyEntry(e);
        if (this.stopped) return;
      }
      this.raft.advance(rd);
      for (const rs of rd.readStates) {
        const r = this.reads.find((x) => x.context === rs.context);
        if (r) r.index = rs.index;
      }
      this.serveReadyReads();
      this.maybeSnapshot();
      this.noticeLeadership();
    }
  }

  /** WAL first: nothing is sent or applied before the state it depends on is durable (Raft §5, Figure 2). */
  private persist(rd: Ready): void {
    const disk = this.env.disk;
    if (rd.snapshot) {
      disk.put('snapshot', rd.snapshot);
      for (const k of disk.keys('wal/')) disk.delete(k);
      this.walLast = rd.snapshot.index;
    }
    if (rd.entries.length > 0) {
      for (const e of rd.entries) disk.put(walKey(e.index), e);
      const last = rd.entries[rd.entries.length - 1].index;
      // A conflicting tail the leader overwrote must not come back after a restart.
      for (let i = last + 1; i <= this.walLast; i++) disk.delete(walKey(i));
      this.walLast = last;
    }
    if (rd.hardState) disk.put('hardstate', rd.hardState);
  }

  private maybeSnapshot(): void {
    const applied = this.raft.log.applied;
    if (applied - this.lastSnapshotIndex < this.timing.snapshotCount) return;
    const snap = this.raft.createSnapshot(applied, this.appliedState(), this.timing.snapshotCatchUpEntries);
    this.env.disk.put('snapshot', snap);
    for (const k of this.env.disk.keys('wal/')) {
      if (Number(k.slice(4)) <= this.raft.log.snapIndex) this.env.disk.delete(k);
      else break;
    }
    this.lastSnapshotIndex = applied;
  }

  private noticeLeadership(): void {
    const leader = this.raft.state === 'StateLeader';
    if (leader === this.wasLeader) return;
    this.wasLeader = leader;
    // lessor.go Promote/Demote: only the leader runs lease clocks; a new leader extends every lease
    // by an election timeout so leases do not expire merely because leadership moved.
    if (leader) this.store.lessor.promote(this.env.now(), this.timing.electionMs);
    else this.store.lessor.demote();
  }

  private applyEntry(e: Entry): void {
    if (e.type === 'EntryConfChange') {
      this.applyConfChange(e.data as ConfChange);
      return;
    }
    const data = e.data as EntryData | null;
    if (!data) return;
    let res: unknown;
    let err: EtcdError | undefined;
    try {
      res = applyRequest(this.store, data.req, this.env.now(), this.raft.state === 'StateLeader');
      if ('MemberAttr' in data.req) this.applyMemberAttr(data.req.MemberAttr);
      if ('LeaseRevoke' in data.req) this.revoking.delete(data.req.LeaseRevoke.ID);
    } catch (x) {
      err = toEtcdError(x);
    }
    const w = this.waiters.get(data.id);
    if (w) {
      this.waiters.delete(data.id);
      this.reply(w, err ? undefined : this.withHeader(res), err);
    }
  }

  private applyConfChange(cc: ConfChange): void {
    const ctx = cc.context as ConfContext;
    if (ctx.clusterId !== undefined && this.clusterId === 0n) this.clusterId = ctx.clusterId;
    if (cc.type === 'ConfChangeAddNode') {
      // membership: a removed id never comes back; its name may, as a new member with a new id.
      if (!this.removedIds.has(ctx.member.ID)) this.members.set(ctx.member.ID, ctx.member);
      this.removedPeers.delete(cc.nodeId);
    } else {
      this.members.delete(ctx.member.ID);
      this.removedIds.add(ctx.member.ID);
      this.removedPeers.add(cc.nodeId);
    }
    this.raft.applyConfChange(cc);
    const w = cc.id ? this.waiters.get(cc.id) : undefined;
    if (w) {
      this.waiters.delete(cc.id!);
      const members = this.memberList();
      const res = cc.type === 'ConfChangeAddNode' ? { member: ctx.member, members } : { members };
      this.reply(w, this.withClusterHeader(res));
    }
    if (cc.type === 'ConfChangeRemoveNode' && cc.nodeId === this.name) {
      // etcd: "the member has been permanently removed from the cluster" — the server stops.
      this.stopped = true;
    }
  }

  private applyMemberAttr(a: { ID: bigint; name: string; clientURLs: string[] }): void {
    const m = this.members.get(a.ID);
    if (m) this.members.set(a.ID, { ...m, name: a.name, clientURLs: a.clientURLs });
  }

  // ---- timers --------------------------------------------------------------------------------

  private scheduleTick(): void {
    this.env.setTimer(this.timing.heartbeatMs, 'tick' satisfies MemberTimer);
  }

  private onTick(): void {
    this.raft.tick();
    this.monitorLeader();
    // watchable_store.go syncs unsynced watchers every 100 ms; once a heartbeat is close enough.
    this.store.syncWatchers();
    this.retryBlocked();
    this.expireWaiters();
    this.retryReads();
    this.maybePublish();
    this.scheduleTick();
  }

  private scheduleLeaseCheck(): void {
    this.env.setTimer(this.timing.leaseRevokeCheckMs, 'lease-check' satisfies MemberTimer);
  }

  private onLeaseCheck(): void {
    // lessor.go revokeExpiredLeases: the leader proposes a LeaseRevoke for each expired lease.
    if (this.raft.state === 'StateLeader') {
      const now = this.env.now();
      for (const id of this.store.lessor.expired(now)) {
        const at = this.revoking.get(id);
        if (at !== undefined && now - at < this.timing.electionMs * 3) continue;
        this.revoking.set(id, now);
        this.raft.propose({ id: this.nextId(), req: { LeaseRevoke: { ID: id } } } satisfies EntryData);
      }
    }
    this.scheduleLeaseCheck();
  }

  private expireWaiters(): void {
    const now = this.env.now();
    for (const [id, w] of this.waiters) {
      if (now < w.deadline) continue;
      this.waiters.delete(id);
      this.reply(w, undefined, { code: 'Unavailable', message: ErrTimeout });
    }
    for (const [id, w] of this.forwards) {
      if (now < w.deadline) continue;
      this.forwards.delete(id);
      this.reply(w, undefined, { code: 'Unavailable', message: ErrTimeout });
    }
    for (let i = this.reads.length - 1; i >= 0; i--) {
      const r = this.reads[i];
      if (now - r.issuedAt < reqTimeoutMs(this.timing)) continue;
      this.reads.splice(i, 1);
      this.reply({ client: r.client, rpcId: r.rpcId, method: r.method, deadline: 0 }, undefined, { code: 'Unavailable', message: ErrTimeout });
    }
  }

  /**
   * v3rpc/interceptor.go monitorLeader: streams opened with WithRequireLeader (etcdctl's watches)
   * are cancelled with "etcdserver: no leader" once the member has had no leader for three election timeouts.
   */
  private monitorLeader(): void {
    const now = this.env.now();
    if (this.raft.lead !== '') {
      this.noLeaderSince = null;
      return;
    }
    this.noLeaderSince ??= now;
    if (now - this.noLeaderSince < 3 * this.timing.electionMs || this.watches.size === 0) return;
    for (const [key, serverId] of this.watches) {
      this.store.cancelWatch(serverId);
      const [client, watchId] = [key.slice(0, key.lastIndexOf('/')), Number(key.slice(key.lastIndexOf('/') + 1))];
      const res: WatchResponse = {
        header: this.header(),
        watch_id: serverId,
        created: false,
        canceled: true,
        compact_revision: 0,
        cancel_reason: ErrNoLeader,
        events: [],
      };
      this.toClient(client, { kind: 'watch', watchId, res });
    }
    this.watches.clear();
  }

  /** A started member publishes its name and client URLs through Raft until it sees them applied. */
  private maybePublish(): void {
    const id = this.selfId();
    if (id === undefined || this.raft.lead === '') return;
    const me = this.members.get(id)!;
    if (me.name === this.name && me.clientURLs.length > 0) return;
    const now = this.env.now();
    if (now - this.publishedAt < this.timing.electionMs) return;
    this.publishedAt = now;
    this.raft.propose({ id: this.nextId(), req: { MemberAttr: { ID: id, name: this.name, clientURLs: [clientURL(this.name)] } } } satisfies EntryData);
  }

  // ---- client requests (etcdserver/v3_server.go) ---------------------------------------------

  private serveRpc(client: StreamId, m: RpcMessage): void {
    const w: Waiter = { client, rpcId: m.id, method: m.method, deadline: this.env.now() + reqTimeoutMs(this.timing) };
    try {
      switch (m.method) {
        case 'Range':
          // v3rpc/key.go validates before anything reaches Raft.
          checkRangeRequest(m.req);
          if (m.req.serializable) this.reply(w, this.withHeader(this.store.range(m.req)));
          else this.linearizableRead(w, 'Range', m.req);
          return;
        case 'Txn':
          checkTxn(m.req);
          if (isTxnReadonly(m.req)) this.linearizableRead(w, 'Txn', m.req);
          else this.propose(w, { Txn: m.req });
          return;
        case 'Put':
          checkPutRequest(m.req);
          this.propose(w, { Put: m.req });
          return;
        case 'DeleteRange':
          checkDeleteRequest(m.req);
          this.propose(w, { DeleteRange: m.req });
          return;
        case 'Compact':
          this.propose(w, { Compaction: m.req });
          return;
        case 'LeaseGrant':
          this.propose(w, { LeaseGrant: { ID: m.req.ID || this.newLeaseId(), TTL: m.req.TTL } });
          return;
        case 'LeaseRevoke':
          if (!this.store.lessor.has(m.req.ID)) throw new MvccError('NotFound', ErrLeaseNotFound);
          this.propose(w, { LeaseRevoke: { ID: m.req.ID } });
          return;
        case 'LeaseKeepAlive':
        case 'LeaseTimeToLive':
          this.serveLeaseAtLeader(w, m.method, m.req);
          return;
        case 'LeaseLeases':
          this.reply(w, this.withHeader({ leases: this.store.lessor.leases().map((ID) => ({ ID })) }));
          return;
        case 'MemberList':
          this.reply(w, this.withClusterHeader({ members: this.memberList() }));
          return;
        case 'MemberAdd':
          this.memberAdd(w, m.req.peerURLs, !!m.req.isLearner);
          return;
        case 'MemberRemove':
          this.memberRemove(w, m.req.ID);
          return;
        case 'Status':
          this.reply(w, this.withHeader(this.status()));
          return;
      }
    } catch (x) {
      this.reply(w, undefined, toEtcdError(x));
    }
  }

  private propose(w: Waiter, req: InternalRequest): void {
    const id = this.nextId();
    this.waiters.set(id, w);
    this.submit({ id, req } satisfies EntryData);
  }

  /**
   * Hands a proposal to Raft. With no leader, etcd's raft node blocks the proposal until one is
   * elected or the request times out (node.go: propc is nil while there is no leader), so it waits here.
   */
  private submit(data: EntryData | ConfChange): void {
    const ok = 'req' in data ? this.raft.propose(data) : this.raft.proposeConfChange(data);
    if (!ok) this.blocked.push(data);
  }

  private retryBlocked(): void {
    if (this.blocked.length === 0 || this.raft.lead === '') return;
    const waiting = this.blocked.splice(0);
    for (const data of waiting) {
      if (this.waiters.has(data.id!)) this.submit(data);
    }
  }

  /** etcd's linearizableReadLoop: get a ReadIndex from the leader, wait to apply it, then read locally. */
  private linearizableRead(w: Waiter, method: 'Range' | 'Txn', req: unknown): void {
    const context = this.nextId();
    const now = this.env.now();
    this.reads.push({ client: w.client, rpcId: w.rpcId, method, req, index: null, context, issuedAt: now, askedAt: now });
    this.raft.readIndex(context);
  }

  /** etcd's readIndexRetryTime: a ReadIndex lost to a leader change or the network is asked again. */
  private retryReads(): void {
    const now = this.env.now();
    for (const r of this.reads) {
      if (r.index !== null || now - r.askedAt < this.timing.readIndexRetryMs) continue;
      r.askedAt = now;
      r.context = this.nextId();
      this.raft.readIndex(r.context);
    }
  }

  private serveReadyReads(): void {
    const applied = this.raft.log.applied;
    for (let i = 0; i < this.reads.length; ) {
      const r = this.reads[i];
      if (r.index === null || r.index > applied) {
        i++;
        continue;
      }
      this.reads.splice(i, 1);
      const w: Waiter = { client: r.client, rpcId: r.rpcId, method: r.method, deadline: 0 };
      try {
        const res = r.method === 'Range' ? this.store.range(r.req as never) : this.store.txn(r.req as TxnRequest);
        this.reply(w, this.withHeader(res));
      } catch (x) {
        this.reply(w, undefined, toEtcdError(x));
      }
    }
  }

  // ---- leases: keep-alive and time-to-live are answered by the leader (leasehttp) ------------

  private serveLeaseAtLeader(w: Waiter, method: 'LeaseKeepAlive' | 'LeaseTimeToLive', req: LeaseTimeToLiveRequest): void {
    if (this.raft.state === 'StateLeader') {
      this.reply(w, this.withHeader(this.leaseLocal(method, req)));
      return;
    }
    if (this.raft.lead === '') {
      this.reply(w, undefined, { code: 'Unavailable', message: 'etcdserver: no leader' });
      return;
    }
    const reqId = this.nextId();
    this.forwards.set(reqId, w);
    this.env.send(this.raft.lead, { kind: 'lease-forward', reqId, method, req } satisfies PeerMessage);
  }

  private leaseLocal(method: 'LeaseKeepAlive' | 'LeaseTimeToLive', req: LeaseTimeToLiveRequest): object {
    const id = req.ID;
    const now = this.env.now();
    if (method === 'LeaseKeepAlive') {
      // v3rpc/lease.go: a keep-alive for an unknown lease answers TTL 0 rather than an error.
      if (!this.store.lessor.has(id)) return { ID: id, TTL: 0 };
      return { ID: id, TTL: this.store.lessor.renew(id, now) };
    }
    const t = this.store.lessor.timeToLive(id, now);
    return { ID: id, TTL: t.TTL, grantedTTL: t.grantedTTL, keys: req.keys ? t.keys : [] };
  }

  private serveLeaseForward(from: ProcessId, m: Extract<PeerMessage, { kind: 'lease-forward' }>): void {
    let out: PeerMessage;
    try {
      if (this.raft.state !== 'StateLeader') throw new MvccError('FailedPrecondition', ErrNotPrimary);
      out = { kind: 'lease-forward-result', reqId: m.reqId, res: this.leaseLocal(m.method, m.req as LeaseTimeToLiveRequest) };
    } catch (x) {
      out = { kind: 'lease-forward-result', reqId: m.reqId, err: toEtcdError(x) };
    }
    this.env.send(from, out);
  }

  private finishLeaseForward(m: Extract<PeerMessage, { kind: 'lease-forward-result' }>): void {
    const w = this.forwards.get(m.reqId);
    if (!w) return;
    this.forwards.delete(m.reqId);
    this.reply(w, m.err ? undefined : this.withHeader(m.res), m.err);
  }

  // ---- membership (etcdserver/server.go AddMember / RemoveMember) -----------------------------

  private memberList(): Member[] {
    return [...this.members.values()].sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0));
  }

  /** membership/member.go IsStarted: a member is started once it has a name (initial members have one from the start). */
  private startedCount(): number {
    return [...this.members.values()].filter((m) => m.name !== '').length;
  }

  /**
   * server.go mayAddMember/mayRemoveMember refuse a change unless this member has been connected to a
   * quorum recently; Kubeplay takes "knows a leader" as that (see docs/FIDELITY.md).
   */
  private requireHealthy(): void {
    if (this.raft.lead === '') throw new MvccError('FailedPrecondition', ErrUnhealthy);
  }

  private memberAdd(w: Waiter, peerURLs: string[], isLearner: boolean): void {
    this.requireHealthy();
    for (const m of this.members.values()) {
      if (m.peerURLs.some((u) => peerURLs.includes(u))) throw new MvccError('FailedPrecondition', ErrPeerURLExist);
    }
    // --strict-reconfig-check: refuse a change that would leave fewer started members than a quorum.
    const voters = this.members.size + 1;
    if (this.startedCount() < Math.floor(voters / 2) + 1) throw new MvccError('FailedPrecondition', ErrMemberNotEnoughStarted);
    const token = this.opts.clusterToken ?? 'etcd-cluster';
    const member: Member = {
      ID: computeMemberId(peerURLs, token, Math.floor(this.env.now() / 1000)),
      name: '',
      peerURLs,
      clientURLs: [],
      isLearner,
    };
    this.proposeConf(w, { type: 'ConfChangeAddNode', nodeId: hostOf(peerURLs[0]), context: { member } satisfies ConfContext });
  }

  private memberRemove(w: Waiter, id: bigint): void {
    const member = this.members.get(id);
    if (!member) throw new MvccError('NotFound', ErrMemberNotFound);
    this.requireHealthy();
    const started = this.startedCount() - (member.name !== '' ? 1 : 0);
    const voters = this.members.size - 1;
    if (started < Math.floor(voters / 2) + 1) throw new MvccError('FailedPrecondition', ErrMemberNotEnoughStarted);
    this.proposeConf(w, { type: 'ConfChangeRemoveNode', nodeId: hostOf(member.peerURLs[0]), context: { member } satisfies ConfContext });
  }

  private proposeConf(w: Waiter, cc: ConfChange): void {
    const id = this.nextId();
    this.waiters.set(id, w);
    this.submit({ ...cc, id });
  }

  // ---- watches (etcdserver/api/v3rpc/watch.go) -----------------------------------------------

  private createWatch(client: StreamId, watchId: number, req: WatchCreateRequest): void {
    const key = `${client}/${watchId}`;
    const send = (res: Omit<WatchResponse, 'header'> & { header?: ResponseHeader }) =>
      this.toClient(client, { kind: 'watch', watchId, res: { header: this.header(), ...res } });
    const base = { created: false, canceled: false, compact_revision: 0, cancel_reason: '', events: [] as WatchEvent[] };
    let serverId = -1;
    try {
      serverId = this.store.watch(req, (n) => {
        send({
          ...base,
          // A compaction cancel carries header revision 0 in etcd; events carry the revision they were sent at.
          header: { ...this.header(), revision: n.revision },
          watch_id: serverId,
          canceled: !!n.canceled,
          compact_revision: n.compact_revision ?? 0,
          events: n.events,
        });
        if (n.canceled) this.watches.delete(key);
      });
    } catch (x) {
      // v3rpc/watch.go: a create the store refuses is answered created and canceled at once.
      send({ ...base, watch_id: -1, created: true, canceled: true, cancel_reason: toEtcdError(x).message });
      return;
    }
    this.watches.set(key, serverId);
    send({ ...base, watch_id: serverId, created: true });
    // A watch from a past revision catches up from history (watchable_store.go syncWatchers).
    this.store.syncWatchers();
  }

  private cancelWatch(client: StreamId, watchId: number): void {
    const key = `${client}/${watchId}`;
    const id = this.watches.get(key);
    if (id === undefined) return;
    this.store.cancelWatch(id);
    this.watches.delete(key);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private status(): object {
    const leadMember = [...this.members.values()].find((m) => hostOf(m.peerURLs[0]) === this.raft.lead);
    // A fresh bbolt file is 5 pages of 4 KiB; the MVCC history is estimated on top (see FIDELITY.md).
    const dbSize = 5 * 4096 + this.store.approximateSize();
    return {
      version: etcdVersion,
      dbSize,
      leader: leadMember?.ID ?? 0n,
      raftIndex: this.raft.log.committed,
      raftTerm: this.raft.term,
      raftAppliedIndex: this.raft.log.applied,
      errors: this.raft.lead === '' ? ['etcdserver: no leader'] : [],
      dbSizeInUse: dbSize,
      isLearner: false,
    };
  }

  private selfId(): bigint | undefined {
    if (this.knownId === undefined) {
      for (const m of this.members.values()) if (hostOf(m.peerURLs[0]) === this.name) this.knownId = m.ID;
    }
    return this.knownId;
  }

  private header(): ResponseHeader {
    return { cluster_id: this.clusterId, member_id: this.selfId() ?? 0n, revision: this.store.rev, raft_term: this.raft.term };
  }

  private withHeader(res: unknown): unknown {
    return { header: this.header(), ...(res as object) };
  }

  /** v3rpc/member.go ClusterServer.header: membership answers carry no revision. */
  private withClusterHeader(res: unknown): unknown {
    return { header: { ...this.header(), revision: 0 }, ...(res as object) };
  }

  private reply(w: Waiter, res: unknown, err?: EtcdError): void {
    this.toClient(w.client, { kind: 'rpc-result', id: w.rpcId, res, err });
  }

  private nextId(): string {
    return `${this.name}-${this.env.rng.nextUint32().toString(16)}-${++this.seq}`;
  }

  /**
   * pkg/idutil Generator, as LeaseGrant uses it: the member id's low 16 bits, then 40 bits of the
   * generator's start time in ms and an 8-bit counter that carries into it; masked to 63 bits.
   */
  private newLeaseId(): LeaseID {
    const prefix = ((this.selfId() ?? 0n) & 0xffffn) << 48n;
    const suffix = ((BigInt(this.idGenStartMs) & 0xffffffffffn) << 8n) + BigInt(++this.leaseIdSeq);
    return (prefix | (suffix & 0xffffffffffffn)) & 0x7fffffffffffffffn;
  }
}

function toEtcdError(x: unknown): EtcdError {
  if (x instanceof MvccError) return { code: x.code as EtcdError['code'], message: x.message };
  return { code: 'Unknown', message: x instanceof Error ? x.message : String(x) };
}
