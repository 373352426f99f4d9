// Raft's wire and storage types, named after etcd-io/raft's raftpb (raft.proto). Node ids are the
// members' process names ('etcd-0'); etcd's 64-bit member ids live one layer up, in the server.

/** A member's process name. */
export type NodeId = string;
/** raftpb's None: no leader, no vote. */
export const None: NodeId = '';

/** raftpb.EntryType. */
export type EntryType = 'EntryNormal' | 'EntryConfChange';

/** raftpb.Entry. `data` is opaque to Raft: a server request, a ConfChange, or null (a new leader's empty entry). */
export interface Entry {
  term: number;
  index: number;
  type: EntryType;
  data: unknown;
}

/** raftpb.ConfChange, single-member changes only (§4.1 of Ongaro's thesis). */
export interface ConfChange {
  type: 'ConfChangeAddNode' | 'ConfChangeRemoveNode';
  nodeId: NodeId;
  /** What the server needs to know about the member (etcd puts the marshalled Member here). */
  context: unknown;
  /** The proposing request's id, so the proposer can answer its client. */
  id?: string;
}

/** raftpb.SnapshotMetadata plus data: everything up to `index` folded into the application's state. */
export interface Snapshot {
  index: number;
  term: number;
  /** raftpb.ConfState: the voters at `index`. */
  voters: NodeId[];
  data: unknown;
}

/** raftpb.HardState: what must be on disk before any message that depends on it is sent (§5.1, Figure 2). */
export interface HardState {
  term: number;
  vote: NodeId;
  commit: number;
}

/** raftpb.MessageType, minus the ones Kubeplay does not need (see docs/FIDELITY.md). */
export type MessageType =
  | 'MsgProp'
  | 'MsgApp'
  | 'MsgAppResp'
  | 'MsgVote'
  | 'MsgVoteResp'
  | 'MsgPreVote'
  | 'MsgPreVoteResp'
  | 'MsgSnap'
  | 'MsgHeartbeat'
  | 'MsgHeartbeatResp'
  | 'MsgReadIndex'
  | 'MsgReadIndexResp';

/** raftpb.Message. */
export interface Message {
  type: MessageType;
  from: NodeId;
  to: NodeId;
  term: number;
  logTerm?: number;
  index?: number;
  entries?: Entry[];
  commit?: number;
  reject?: boolean;
  rejectHint?: number;
  snapshot?: Snapshot;
  /** ReadIndex request context, echoed back in heartbeats and responses. */
  context?: string;
}

/** A role, as etcd's raft.StateType names them. */
export type StateType = 'StateFollower' | 'StateCandidate' | 'StatePreCandidate' | 'StateLeader';

/** A linearizable read that may be served once the state machine has applied `index` (raft.ReadState). */
export interface ReadState {
  index: number;
  context: string;
}

/** What the node wants its host to do now (raft.Ready): persist, send, apply — in that order. */
export interface Ready {
  hardState: HardState | null;
  /** Entries to write to the WAL (they may overwrite a conflicting tail). */
  entries: Entry[];
  /** A snapshot received from the leader, to persist and restore from. */
  snapshot: Snapshot | null;
  messages: Message[];
  committedEntries: Entry[];
  readStates: ReadState[];
}

/** Timing and behaviour switches; etcd's server turns on both preVote and checkQuorum. */
export interface RaftConfig {
  id: NodeId;
  /** Ticks without hearing from a leader before a follower campaigns; randomized in [T, 2T) (§5.2). */
  electionTick: number;
  heartbeatTick: number;
  preVote: boolean;
  checkQuorum: boolean;
  /** Entries per MsgApp. */
  maxEntriesPerMsg?: number;
}

/** A snapshot of one node for `inspect.raft()` and the UI. */
export interface RaftStatus {
  id: NodeId;
  role: 'leader' | 'follower' | 'candidate' | 'precandidate' | 'down';
  term: number;
  leader: NodeId | null;
  vote: NodeId | null;
  commitIndex: number;
  appliedIndex: number;
  lastIndex: number;
  /** Index of the last entry folded into a snapshot (log entries before it are compacted away). */
  snapshotIndex: number;
  voters: NodeId[];
  /** On a leader: each follower's match and next index. */
  progress?: Record<NodeId, { match: number; next: number; state: 'probe' | 'replicate' | 'snapshot' }>;
}
