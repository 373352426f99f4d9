// How Raft traffic is grouped for the canvas: one colour per kind of conversation.

/** The kinds of message the canvas colours differently (see Legend). */
export type MessageKind = 'heartbeat' | 'append' | 'vote' | 'other';

/** The kinds in legend order. */
export const messageKinds: MessageKind[] = ['heartbeat', 'append', 'vote', 'other'];

/** Legend labels. */
export const messageKindLabel: Record<MessageKind, string> = {
  heartbeat: 'Heartbeat',
  append: 'Append',
  vote: 'Vote',
  other: 'Read index',
};

/** Maps a raftpb message type ('MsgApp', 'MsgVoteResp', …) to its kind. */
export function messageKind(type: string): MessageKind {
  if (type.startsWith('MsgHeartbeat')) return 'heartbeat';
  if (type.startsWith('MsgApp') || type.startsWith('MsgSnap')) return 'append';
  if (type.startsWith('MsgVote') || type.startsWith('MsgPreVote')) return 'vote';
  return 'other';
}
