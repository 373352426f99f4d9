// Models etcdserver/server.go and etcdserver/raft.go: the member's loop (Raft's Ready, apply, snapshots, timers) and the dispatch of its inputs.

import type { Env, Input, Process, ProcessId, ProcessKind, StreamId } from '../../sim/env';
import { MvccStore, type MvccSnapshot } from '../mvcc';
import { RaftNode, type ConfChange, type Entry, type Message, type RaftStatus, type Snapshot } from '../raft';
import type { EtcdError, Member, ResponseHeader } from '../types';
import { applyRequest } from './apply';
import { Backend, type BackendSnapshot } from './backend';
import { ClusterServer, type MembershipState } from './cluster-server';
import { toEtcdError, type MemberCore, type Waiter } from './core';
import { IdGenerator } from './ids';
import { LeaseServer } from './lease-server';
import type { ClientMessage, EntryData, InternalRequest, PeerMessage, ServerMessage } from './protocol';
import { ReadIndex } from './read-index';
import { minLeaseTtlSec, type EtcdTiming } from './timing';
import { V3Server } from './v3-server';
import { Wal } from './wal';
import { WatchServer } from './watch-server';
import { etcdWireType } from './wire-type';

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

/**
 * A Raft snapshot's data: the membership at its index (etcd: the v2 store). The MVCC store is not in
 * it: it lives in the backend, and a leader sends its whole backend along with the snapshot
 * (etcdserver/snapshot_merge.go), as it is when sent, so usually newer than the snapshot.
 */
interface SnapshotData extends MembershipState {
  backend?: BackendSnapshot;
  /** Disks written before the backend existed kept the whole store in the snapshot. */
  mvcc?: MvccSnapshot;
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
export class EtcdMember implements Process, MemberCore {
  readonly name: string;
  readonly env: Env;
  readonly timing: EtcdTiming;
  readonly raft: RaftNode;
  store: MvccStore;
  private readonly wal: Wal;
  private readonly backend: Backend;
  /** The last entry applied to the store (etcd's consistent index): entries up to it are not applied again. */
  private consistentIndex = 0;
  private readonly cluster: ClusterServer;
  private readonly v3: V3Server;
  private readonly reads: ReadIndex;
  private readonly leases: LeaseServer;
  private readonly watches: WatchServer;
  private stopped = false;
  private lastSnapshotIndex = 0;
  private readonly reqIds: IdGenerator;
  /** Tells this incarnation's request keys from its predecessors' (a restart within the same ms reuses ids). */
  private readonly incarnation: string;
  /** The leader as the read loop last heard of it (raft.go: leaderChanged fires on a new one). */
  private lead = '';
  /**
   * Client traffic waiting for this start's publish to be applied: etcd accepts connections at once
   * but serves gRPC only once ready (embed/serve.go: <-s.ReadyNotify()).
   */
  private notReady: { stream: StreamId; msg: ClientMessage }[] | null = [];
  private readonly seenProposals = new Set<string>();
  private readonly seenProposalOrder: string[] = [];

  constructor(env: Env, opts: EtcdMemberOptions) {
    this.env = env;
    this.name = opts.name;
    this.timing = opts.timing;
    this.reqIds = new IdGenerator(Math.floor(opts.epochMs ?? 0) + Math.floor(env.now()));
    // A fork, so that drawing it leaves the stream Raft draws its timeouts from alone.
    this.incarnation = env.rng.fork('request-keys').nextUint32().toString(16);
    this.leases = new LeaseServer(this);
    this.store = new MvccStore(this.storeOptions());
    this.cluster = new ClusterServer(this, opts.clusterToken ?? 'etcd-cluster');
    this.reads = new ReadIndex(this);
    this.watches = new WatchServer(this);
    this.v3 = new V3Server(this, { reads: this.reads, leases: this.leases, cluster: this.cluster });

    this.wal = new Wal(env.disk);
    this.backend = new Backend(env.disk);
    let { hardState, snapshot, entries } = this.wal.read();
    if (!hardState && !snapshot && opts.clusterState === 'new') {
      entries = this.cluster.bootstrapEntries(opts.initialCluster);
      hardState = this.wal.bootstrap(entries);
    }
    const electionTick = Math.round(this.timing.electionMs / this.timing.heartbeatMs);
    this.raft = new RaftNode(
      { id: this.name, electionTick, heartbeatTick: 1, preVote: true, checkQuorum: true },
      env.rng,
      { hardState: hardState ?? { term: 0, vote: '', commit: 0 }, snapshot, entries },
    );
    if (snapshot) this.restoreMembership(snapshot);
    // server.go NewServer: the backend on disk is the store; the WAL's entries after the snapshot
    // are applied again, those the backend already holds skipped by their index.
    const stored = this.backend.open(this.storeOptions());
    if (stored) {
      this.store = stored;
      this.consistentIndex = this.backend.consistentIndex;
    } else if (snapshot && (snapshot.data as SnapshotData).mvcc) {
      this.store = MvccStore.fromSnapshot((snapshot.data as SnapshotData).mvcc!, this.storeOptions());
      this.consistentIndex = snapshot.index;
    }
    this.scheduleTick();
    this.scheduleLeaseCheck();
    this.processReady();
  }

  /** Members by id, as this member has applied them. */
  get members(): Map<bigint, Member> {
    return this.cluster.members;
  }

  get clusterId(): bigint {
    return this.cluster.clusterId;
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
        if (this.notReady) this.notReady.push({ stream: input.stream, msg: input.msg as ClientMessage });
        else this.receiveClient(input.stream, input.msg as ClientMessage);
        break;
      case 'closed':
        if (this.notReady) this.notReady = this.notReady.filter((q) => q.stream !== input.stream);
        this.watches.clientGone(input.stream);
        break;
      case 'command':
        return;
    }
    this.processReady();
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

  private receivePeer(from: ProcessId, m: PeerMessage): void {
    switch (m.kind) {
      case 'raft':
        if (this.cluster.isRemovedPeer(from)) {
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
        this.leases.serveForward(from, m);
        break;
      case 'lease-forward-result':
        this.leases.finishForward(m);
        break;
    }
  }

  /** One gRPC stream carries a client's calls and watches; `client` names the stream. */
  private receiveClient(client: StreamId, m: ClientMessage): void {
    switch (m.kind) {
      case 'rpc':
        this.v3.serve(client, m);
        break;
      case 'watch-create':
        this.watches.create(client, m.watchId, m.req);
        break;
      case 'watch-cancel':
        this.watches.cancel(client, m.watchId);
        break;
    }
  }

  // ---- MemberCore ------------------------------------------------------------------------------

  selfId(): bigint | undefined {
    return this.cluster.selfId();
  }

  nextRequestId(): bigint {
    return this.reqIds.next(this.selfId() ?? 0n);
  }

  requestKey(id: bigint): string {
    return `${this.name}-${this.incarnation}-${id.toString(16)}`;
  }

  nextId(): string {
    return this.requestKey(this.nextRequestId());
  }

  header(): ResponseHeader {
    return { cluster_id: this.cluster.clusterId, member_id: this.selfId() ?? 0n, revision: this.store.rev, raft_term: this.raft.term };
  }

  withHeader(res: unknown): unknown {
    return { header: this.header(), ...(res as object) };
  }

  reply(w: Waiter, res: unknown, err?: EtcdError): void {
    this.toClient(w.client, { kind: 'rpc-result', id: w.rpcId, res, err });
  }

  toClient(client: StreamId, msg: ServerMessage): void {
    this.env.write(client, msg);
  }

  propose(w: Waiter, req: InternalRequest): void {
    this.v3.propose(w, req);
  }

  configure(w: Waiter, cc: ConfChange): void {
    this.v3.configure(w, cc);
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
    this.noticeLeader();
    while (!this.stopped && this.raft.hasReady()) {
      const rd = this.raft.ready();
      const received = rd.snapshot && this.saveReceivedBackend(rd.snapshot);
      this.wal.persist(received ? { ...rd, snapshot: received.snapshot } : rd);
      for (const m of rd.messages) this.env.send(m.to, { kind: 'raft', m: m.type === 'MsgSnap' ? this.mergeSnapshot(m) : m } satisfies PeerMessage);
      if (received) this.installReceived(received.snapshot, received.store, received.consistentIndex);
      for (const e of rd.committedEntries) {
        this.applyEntry(e);
        if (this.stopped) return;
      }
      this.raft.advance(rd);
      this.reads.noteReadStates(rd.readStates);
      this.reads.serveReady();
      this.maybeSnapshot();
      this.leases.noticeLeadership();
    }
  }

  /** server.go publish succeeded: serve what clients sent meanwhile, in the order it came. */
  private becomeReady(): void {
    const queued = this.notReady ?? [];
    this.notReady = null;
    for (const q of queued) this.receiveClient(q.stream, q.msg);
  }

  /** raft.go: a leader other than the last one known (none does not count) is news to the read loop. */
  private noticeLeader(): void {
    const lead = this.raft.lead;
    if (lead === this.lead) return;
    this.lead = lead;
    if (lead !== '') this.reads.leaderChanged();
  }

  /**
   * server.go applyEntryNormal / applyConfChange. Membership changes, publishes and the cluster
   * version (etcd's v2 requests) are always applied; a request for the store only when the store
   * does not hold it yet (shouldApplyV3: its index is above the consistent index).
   */
  private applyEntry(e: Entry): void {
    const shouldApplyV3 = e.index > this.consistentIndex;
    if (shouldApplyV3) this.consistentIndex = e.index;
    if (e.type === 'EntryConfChange') {
      this.applyConfChange(e.data as ConfChange);
      return;
    }
    const data = e.data as EntryData | null;
    if (!data) {
      // The empty entry a new leader appends: server.go notifyAboutFirstCommitInTerm.
      this.reads.firstCommitInTerm();
      this.cluster.monitorVersions(true);
      return;
    }
    if ('MemberAttr' in data.req) {
      this.cluster.applyMemberAttr(data.req.MemberAttr);
      if (this.cluster.appliedPublish(data.id)) this.becomeReady();
      this.v3.trigger(data.id, () => this.withHeader({}));
      return;
    }
    if ('ClusterVersion' in data.req) {
      this.cluster.setVersion(data.req.ClusterVersion);
      return;
    }
    if (!shouldApplyV3) return;
    let res: unknown;
    let err: EtcdError | undefined;
    try {
      res = applyRequest(this.store, data.req, this.env.now(), this.raft.state === 'StateLeader');
      if ('LeaseRevoke' in data.req) this.leases.revoked(data.req.LeaseRevoke.ID);
    } catch (x) {
      err = toEtcdError(x);
    }
    this.v3.trigger(data.id, () => this.withHeader(res), err);
  }

  private applyConfChange(cc: ConfChange): void {
    const answer = this.cluster.applyConfChange(cc);
    this.raft.applyConfChange(cc);
    this.v3.trigger(cc.id, answer);
    if (cc.type === 'ConfChangeRemoveNode' && cc.nodeId === this.name) {
      // etcd: "the member has been permanently removed from the cluster" — the server stops.
      this.stopped = true;
    }
  }

  // ---- snapshots (server.go triggerSnapshot, applySnapshot) --------------------------------------

  /**
   * server.go snapshot: the backend is committed first (only what changed since the last commit),
   * so it is never older than a snapshot; the snapshot itself holds only the membership.
   */
  private maybeSnapshot(): void {
    const applied = this.raft.log.applied;
    if (applied - this.lastSnapshotIndex < this.timing.snapshotCount) return;
    this.backend.commit(this.store, this.consistentIndex);
    const snap = this.raft.createSnapshot(applied, this.cluster.toState() satisfies SnapshotData, this.timing.snapshotCatchUpEntries);
    this.wal.saveSnapshot(snap, this.raft.log.snapIndex);
    this.lastSnapshotIndex = applied;
  }

  /** snapshot_merge.go createMergedSnapshotMessage: the Raft snapshot plus the whole backend as it is now. */
  private mergeSnapshot(m: Message): Message {
    const snap = m.snapshot!;
    const { backend: _old, mvcc: _legacy, ...membership } = snap.data as SnapshotData;
    const backend: BackendSnapshot = { mvcc: this.store.toSnapshot(), consistentIndex: this.consistentIndex };
    return { ...m, snapshot: { ...snap, data: { ...membership, backend } satisfies SnapshotData } };
  }

  /**
   * A snapshot from the leader: its backend is made durable before the snapshot is (etcd saves the
   * received db file first); returns the snapshot as the WAL keeps it, without the backend.
   */
  private saveReceivedBackend(snap: Snapshot): { snapshot: Snapshot; store: MvccStore; consistentIndex: number } {
    const { backend, ...membership } = snap.data as SnapshotData;
    const store = MvccStore.fromSnapshot(backend!.mvcc, this.storeOptions());
    this.backend.replace(store, backend!.consistentIndex);
    return { snapshot: { ...snap, data: membership }, store, consistentIndex: backend!.consistentIndex };
  }

  /** server.go applySnapshot: the received backend becomes the store, the snapshot's membership the cluster's. */
  private installReceived(snap: Snapshot, store: MvccStore, consistentIndex: number): void {
    this.store = store;
    this.consistentIndex = consistentIndex;
    // Raft keeps the snapshot to send on; it need not hold the backend that came with it.
    this.raft.snapshot = snap;
    this.leases.restored();
    this.watches.restored();
    this.restoreMembership(snap);
  }

  private restoreMembership(snap: Snapshot): void {
    this.cluster.restore(snap.data as SnapshotData);
    this.lastSnapshotIndex = snap.index;
  }

  private storeOptions() {
    return { minLeaseTtlSec: minLeaseTtlSec(this.timing) };
  }

  // ---- timers --------------------------------------------------------------------------------

  private scheduleTick(): void {
    this.env.setTimer(this.timing.heartbeatMs, 'tick' satisfies MemberTimer);
  }

  private onTick(): void {
    this.raft.tick();
    this.watches.monitorLeader();
    // watchable_store.go syncs unsynced watchers every 100 ms; once a heartbeat is close enough.
    this.store.syncWatchers();
    this.v3.retryBlocked();
    const now = this.env.now();
    this.v3.expire(now);
    this.leases.expire(now);
    this.reads.expire(now);
    this.reads.retry();
    this.cluster.maybePublish();
    this.cluster.monitorVersions(false);
    this.scheduleTick();
  }

  private scheduleLeaseCheck(): void {
    this.env.setTimer(this.timing.leaseRevokeCheckMs, 'lease-check' satisfies MemberTimer);
  }

  private onLeaseCheck(): void {
    this.leases.revokeExpired();
    this.scheduleLeaseCheck();
  }
}
