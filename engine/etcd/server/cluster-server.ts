// Models etcdserver/api/membership (RaftCluster, Member.IsStarted), server.go publish/mayAddMember/mayRemoveMember and api/v3rpc/member.go.

import type { ConfChange, Entry } from '../raft';
import { MvccError } from '../mvcc';
import { ErrMemberNotEnoughStarted, ErrMemberNotFound, ErrPeerURLExist, ErrUnhealthy, type Member } from '../types';
import { clientURL, computeClusterId, computeMemberId, hostOf, peerURL } from './ids';
import type { MemberCore, Waiter } from './core';
import type { ConfContext, EntryData } from './protocol';

/** The membership as a snapshot keeps it (etcd keeps it in the v2 store and the backend's members buckets). */
export interface MembershipState {
  members: Member[];
  clusterId: bigint;
  removed: bigint[];
  removedPeers: string[];
  /** The cluster version ("3.4.0"), null until the first leader sets it. */
  clusterVersion: string | null;
}

/** What decideClusterVersion makes of members that all run etcdVersion: its major.minor. */
const decidedClusterVersion = '3.4.0';

/** server.go monitorVersionInterval (rafthttp.ConnWriteTimeout - 1 s). */
const monitorVersionIntervalMs = 4000;

/** The cluster's members as this member has applied them, and the member RPCs. */
export class ClusterServer {
  /** Members by id (membership.RaftCluster). */
  members = new Map<bigint, Member>();
  clusterId = 0n;
  private removedIds = new Set<bigint>();
  /** Process names of removed members, whose raft messages are refused. */
  private removedPeers = new Set<string>();
  clusterVersion: string | null = null;
  private publishedAt = -Infinity;
  /** This start's publish was applied (etcd closes readych). */
  private published = false;
  private readonly publishKeys = new Set<string>();
  private versionCheckedAt = -Infinity;
  /** This member's id, once it has seen itself in the membership; kept after its removal. */
  private knownId: bigint | undefined;

  constructor(
    private readonly core: MemberCore,
    private readonly clusterToken: string,
  ) {}

  /** A new cluster's first entries: one AddNode per initial member at term 1 (etcd's bootstrap). */
  bootstrapEntries(initialCluster: string[]): Entry[] {
    const members: Member[] = initialCluster.map((name) => ({
      ID: computeMemberId([peerURL(name)], this.clusterToken),
      name,
      peerURLs: [peerURL(name)],
      clientURLs: [],
      isLearner: false,
    }));
    const clusterId = computeClusterId(members.map((m) => m.ID));
    return members.map((member, i) => ({
      term: 1,
      index: i + 1,
      type: 'EntryConfChange',
      data: { type: 'ConfChangeAddNode', nodeId: hostOf(member.peerURLs[0]), context: { member, clusterId } satisfies ConfContext } satisfies ConfChange,
    }));
  }

  selfId(): bigint | undefined {
    if (this.knownId === undefined) {
      for (const m of this.members.values()) if (hostOf(m.peerURLs[0]) === this.core.name) this.knownId = m.ID;
    }
    return this.knownId;
  }

  /** rafthttp refuses streams from removed members. */
  isRemovedPeer(name: string): boolean {
    return this.removedPeers.has(name);
  }

  memberList(): Member[] {
    return [...this.members.values()].sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0));
  }

  /** The member whose Raft node is `node` (the leader's, for endpoint status). */
  memberOf(node: string): Member | undefined {
    return [...this.members.values()].find((m) => hostOf(m.peerURLs[0]) === node);
  }

  /** v3rpc/member.go ClusterServer.header: membership answers carry no revision. */
  withClusterHeader(res: unknown): unknown {
    return { header: { ...this.core.header(), revision: 0 }, ...(res as object) };
  }

  /** MemberList, as 3.4 serves it: from the local membership, without a read barrier. */
  list(w: Waiter): void {
    this.core.reply(w, this.withClusterHeader({ members: this.memberList() }));
  }

  // ---- membership changes (etcdserver/server.go AddMember / RemoveMember) ----------------------

  memberAdd(w: Waiter, peerURLs: string[], isLearner: boolean): void {
    this.requireHealthy();
    for (const m of this.members.values()) {
      if (m.peerURLs.some((u) => peerURLs.includes(u))) throw new MvccError('FailedPrecondition', ErrPeerURLExist);
    }
    // --strict-reconfig-check: refuse a change that would leave fewer started members than a quorum.
    const voters = this.members.size + 1;
    if (this.startedCount() < Math.floor(voters / 2) + 1) throw new MvccError('FailedPrecondition', ErrMemberNotEnoughStarted);
    const member: Member = {
      ID: computeMemberId(peerURLs, this.clusterToken, Math.floor(this.core.env.now() / 1000)),
      name: '',
      peerURLs,
      clientURLs: [],
      isLearner,
    };
    this.core.configure(w, { type: 'ConfChangeAddNode', nodeId: hostOf(peerURLs[0]), context: { member } satisfies ConfContext });
  }

  memberRemove(w: Waiter, id: bigint): void {
    const member = this.members.get(id);
    if (!member) throw new MvccError('NotFound', ErrMemberNotFound);
    this.requireHealthy();
    const started = this.startedCount() - (member.name !== '' ? 1 : 0);
    const voters = this.members.size - 1;
    if (started < Math.floor(voters / 2) + 1) throw new MvccError('FailedPrecondition', ErrMemberNotEnoughStarted);
    this.core.configure(w, { type: 'ConfChangeRemoveNode', nodeId: hostOf(member.peerURLs[0]), context: { member } satisfies ConfContext });
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
    if (this.core.raft.lead === '') throw new MvccError('FailedPrecondition', ErrUnhealthy);
  }

  // ---- applying (membership.RaftCluster AddMember / RemoveMember / UpdateAttributes) ----------

  /** Applies a committed configuration change to the membership; returns how to make the answer its proposer waits for. */
  applyConfChange(cc: ConfChange): () => unknown {
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
    return () => {
      const members = this.memberList();
      return this.withClusterHeader(cc.type === 'ConfChangeAddNode' ? { member: ctx.member, members } : { members });
    };
  }

  applyMemberAttr(a: { ID: bigint; name: string; clientURLs: string[] }): void {
    const m = this.members.get(a.ID);
    if (m) this.members.set(a.ID, { ...m, name: a.name, clientURLs: a.clientURLs });
  }

  /**
   * server.go publish: on every start a member proposes its name and client URLs until it sees one
   * of its proposals applied; only then does it serve clients (embed/serve.go waits on ReadyNotify).
   */
  maybePublish(): void {
    const id = this.selfId();
    const raft = this.core.raft;
    if (this.published || id === undefined || raft.lead === '' || !this.members.has(id)) return;
    const now = this.core.env.now();
    if (now - this.publishedAt < this.core.timing.electionMs) return;
    this.publishedAt = now;
    const key = this.core.nextId();
    this.publishKeys.add(key);
    raft.propose({ id: key, req: { MemberAttr: { ID: id, name: this.core.name, clientURLs: [clientURL(this.core.name)] } } } satisfies EntryData);
  }

  /** Whether the applied entry `key` is this start's publish: the member is ready once it is. */
  appliedPublish(key: string): boolean {
    if (this.published || !this.publishKeys.has(key)) return false;
    this.published = true;
    this.publishKeys.clear();
    return true;
  }

  /**
   * server.go monitorVersions: the leader sets the cluster version when it is not set yet, at the
   * first commit of its term (`firstCommit`) and every monitorVersionInterval after.
   */
  monitorVersions(firstCommit: boolean): void {
    const core = this.core;
    const now = core.env.now();
    if (!firstCommit && now - this.versionCheckedAt < monitorVersionIntervalMs) return;
    this.versionCheckedAt = now;
    if (core.raft.state !== 'StateLeader' || this.clusterVersion !== null) return;
    core.raft.propose({ id: core.nextId(), req: { ClusterVersion: decidedClusterVersion } } satisfies EntryData);
  }

  /** membership.RaftCluster SetVersion. */
  setVersion(v: string): void {
    this.clusterVersion = v;
  }

  // ---- snapshots ---------------------------------------------------------------------------------

  toState(): MembershipState {
    return {
      members: [...this.members.values()],
      clusterId: this.clusterId,
      removed: [...this.removedIds],
      removedPeers: [...this.removedPeers],
      clusterVersion: this.clusterVersion,
    };
  }

  restore(st: MembershipState): void {
    this.members = new Map(st.members.map((m) => [m.ID, m]));
    this.clusterId = st.clusterId;
    this.removedIds = new Set(st.removed);
    this.removedPeers = new Set(st.removedPeers);
    this.clusterVersion = st.clusterVersion ?? null;
  }
}
