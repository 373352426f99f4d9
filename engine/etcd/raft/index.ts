// Raft as etcd runs it: a state machine with no I/O (see raft.ts).
export { RaftNode } from './raft';
export type { RaftStorage } from './raft';
export { RaftLog } from './log';
export { Progress } from './progress';
export * from './types';
