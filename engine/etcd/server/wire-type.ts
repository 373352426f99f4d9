// How etcd traffic is labelled in the UI's wire view. Shared by the etcd worker (peer traffic) and the
// main thread (client traffic), so both sides name a message the same way.

/** Message kinds between a client and a member (engine/etcd/server/protocol.ts). */
const clientKinds = new Set(['rpc', 'watch-create', 'watch-cancel', 'rpc-result', 'watch', 'watch-error']);

/** raftpb's type for Raft traffic ('MsgApp', 'MsgVote', …), 'client' for client calls and answers, else the message's kind. */
export function etcdWireType(msg: unknown): string | null {
  const m = msg as { kind?: unknown; m?: { type?: unknown } } | null;
  if (!m || typeof m !== 'object' || typeof m.kind !== 'string') return 'client';
  if (m.kind === 'raft') return typeof m.m?.type === 'string' ? m.m.type : 'raft';
  return clientKinds.has(m.kind) ? 'client' : m.kind;
}
