// etcd: Raft, the MVCC store, and the member process that joins them (see DESIGN.md).
export * from './server';
export * from './types';
export type { RaftStatus } from './raft';
