// One etcd member on the canvas: who it is, its Raft role and indexes, and its store revision.
import { memo } from 'react';
import { Handle, NodeToolbar, Position, type Node, type NodeProps } from '@xyflow/react';
import type { MemberView } from '../cluster/types';
import { Icon } from './Icon';
import { MemberMenu } from './MemberMenu';

/** What the canvas hands each member card. */
export type EtcdNodeData = {
  member: MemberView;
  /** The cluster's current leader (highest term), to tell a stale leader from the real one. */
  leaderName: string | null;
  /** Which side the action menu opens on (towards the middle of the circle). */
  menuSide: 'top' | 'bottom';
  /** Which card edge the menu lines up with, so that it opens towards the middle and stays in view. */
  menuAlign?: 'start' | 'center' | 'end';
};

/** React Flow node type for an etcd member. */
export type EtcdNode = Node<EtcdNodeData, 'etcdMember'>;

type Tone = 'leader' | 'stale' | 'follower' | 'candidate' | 'precandidate' | 'down' | 'removed';

function toneOf(m: MemberView, leaderName: string | null): Tone {
  if (m.removed) return 'removed';
  if (!m.up || m.raft.role === 'down') return 'down';
  if (m.raft.role === 'leader') return m.name === leaderName ? 'leader' : 'stale';
  if (m.raft.role === 'candidate') return 'candidate';
  if (m.raft.role === 'precandidate') return 'precandidate';
  return 'follower';
}

const badgeText: Record<Tone, string> = {
  leader: 'Leader',
  stale: 'Stale leader',
  follower: 'Follower',
  candidate: 'Candidate',
  precandidate: 'Pre-candidate',
  down: 'Down',
  removed: 'Removed',
};

function footer(m: MemberView, tone: Tone): string {
  switch (tone) {
    case 'leader': {
      const peers = Object.entries(m.raft.progress ?? {}).filter(([id]) => id !== m.name);
      const inSync = peers.filter(([, p]) => p.match >= m.raft.commitIndex).length;
      return peers.length ? `replicating to ${peers.length} · ${inSync} caught up` : 'leading alone';
    }
    case 'stale':
      return `cut off; ${m.raft.leader === m.name ? 'still thinks it leads' : 'stepping down'}`;
    case 'follower':
      return m.raft.leader ? `following ${m.raft.leader}` : 'no leader heard yet';
    case 'candidate':
      return `campaigning in term ${m.raft.term} · voted ${m.raft.vote ?? 'self'}`;
    case 'precandidate':
      return 'pre-vote: asking if it could win';
    case 'down':
      return 'process killed · disk kept';
    case 'removed':
      return 'removed by member remove';
  }
}

function Stat({ label, value, testId, title }: { label: string; value: number | string; testId: string; title?: string }) {
  return (
    <div className="stat" title={title}>
      <span className="stat__label">{label}</span>
      <span className="stat__value" data-testid={testId}>{value}</span>
    </div>
  );
}

/** Shown for a figure a stopped member's disk does not hold. */
const unknown = '—';

/** The member card. */
export const EtcdMemberNode = memo(function EtcdMemberNode({ data, selected }: NodeProps<EtcdNode>) {
  const m = data.member;
  const tone = toneOf(m, data.leaderName);
  const role = m.removed ? 'removed' : m.up ? m.raft.role : 'down';
  const r = m.raft;
  return (
    <>
      <NodeToolbar isVisible={selected} position={data.menuSide === 'top' ? Position.Top : Position.Bottom} align={data.menuAlign ?? 'center'} offset={12}>
        <MemberMenu member={m} />
      </NodeToolbar>
      <div
        className={`member member--${tone}${selected ? ' is-selected' : ''}`}
        data-testid={`member-${m.name}`}
        data-role={role}
        data-term={r.term}
        aria-label={`${m.name}, ${badgeText[tone].toLowerCase()}, term ${r.term}`}
      >
        <Handle type="target" position={Position.Top} className="member__handle" isConnectable={false} />
        <Handle type="source" position={Position.Bottom} className="member__handle" isConnectable={false} />
        <div className="member__head">
          <span className="member__icon" aria-hidden="true">
            {tone === 'leader' ? <Icon name="crown" size={15} strokeWidth={2.2} /> : <Icon name="database" size={14} />}
          </span>
          <div className="member__ident">
            <div className="member__row">
              <span className="member__name" data-testid="member-name">{m.name}</span>
              <span className={`badge badge--${tone}`} data-testid="member-role">{badgeText[tone]}</span>
            </div>
            <div className="member__id" title="etcd member id" data-testid="member-id">{m.memberId || '—'}</div>
          </div>
        </div>
        {m.up && !m.removed ? (
          <div className="member__stats">
            <Stat label="term" value={r.term} testId="member-term" />
            <Stat label="commit" value={r.commitIndex} testId="member-commit" />
            <Stat label="applied" value={r.appliedIndex} testId="member-applied" />
            <Stat label="log" value={r.lastIndex} testId="member-log" />
            <Stat label="rev" value={m.revision} testId="member-revision" />
            <Stat label="snap" value={r.snapshotIndex} testId="member-snapshot" />
          </div>
        ) : (
          // A stopped member: term, commit and log as its disk (hard state and WAL) has them, the
          // revision as last seen; the applied index lives in memory only, so it is unknown.
          <div className="member__stats member__stats--last" aria-label="last known, from disk">
            <span className="member__stats-note" data-testid="member-last-known">last known · from disk</span>
            <Stat label="term" value={r.term} testId="member-term" />
            <Stat label="commit" value={r.commitIndex} testId="member-commit" />
            <Stat label="applied" value={unknown} testId="member-applied" title="kept in memory only: unknown while stopped" />
            <Stat label="log" value={r.lastIndex || unknown} testId="member-log" />
            <Stat label="rev" value={m.revision || unknown} testId="member-revision" title="as last seen running" />
            <Stat label="snap" value={r.snapshotIndex || unknown} testId="member-snapshot" title={r.snapshotIndex ? 'snapshot on disk' : 'no snapshot on disk'} />
          </div>
        )}
        <div className="member__foot" title={m.lastError}>{m.lastError && !m.up ? `stopped: ${m.lastError}` : footer(m, tone)}</div>
      </div>
    </>
  );
});
