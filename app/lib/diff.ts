// Turns two consecutive cluster snapshots into the human-readable events of the activity log.
import type { ClusterSnapshot, MemberView } from '../cluster/types';
import { linkId } from './layout';

/** One line of the activity log. */
export interface ClusterEvent {
  level: 'info' | 'success' | 'warn' | 'error';
  text: string;
}

/** The member that leads in the highest term among live members, if exactly one does. */
export function currentLeader(members: MemberView[]): MemberView | null {
  const live = members.filter((m) => m.up && !m.removed);
  const top = Math.max(0, ...live.map((m) => m.raft.term));
  const leaders = live.filter((m) => m.raft.role === 'leader' && m.raft.term === top);
  return leaders.length === 1 ? leaders[0] : null;
}

/**
 * What changed between `prev` and `next`, in the order a reader wants it. `everUp` names the members
 * that have run before: one coming up for the first time started, any other one restarted.
 */
export function diffSnapshots(prev: ClusterSnapshot | null, next: ClusterSnapshot, everUp: ReadonlySet<string> = new Set()): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  const before = new Map((prev?.members ?? []).map((m) => [m.name, m]));
  for (const m of next.members) {
    const was = before.get(m.name);
    if (!was) {
      if (prev) out.push({ level: 'success', text: `${m.name} joined the cluster${m.memberId ? ` as member ${m.memberId}` : ''}` });
      continue;
    }
    if (!was.removed && m.removed) out.push({ level: 'warn', text: `${m.name} was removed from the cluster` });
    else if (was.up && !m.up && !m.removed) out.push({ level: 'error', text: m.lastError ? `${m.name} is down: ${m.lastError}` : `${m.name} is down` });
    else if (!was.up && m.up) out.push({ level: 'success', text: everUp.has(m.name) ? `${m.name} restarted from its disk` : `${m.name} started` });
  }
  const oldLeader = prev ? currentLeader(prev.members) : null;
  const newLeader = currentLeader(next.members);
  if (newLeader && (newLeader.name !== oldLeader?.name || newLeader.raft.term !== oldLeader.raft.term)) {
    out.push({ level: 'info', text: `${newLeader.name} elected leader in term ${newLeader.raft.term}` });
  } else if (!newLeader && oldLeader && prev) {
    out.push({ level: 'warn', text: 'no leader: the cluster cannot commit writes' });
  }
  const apiBefore = new Map((prev?.apiservers ?? []).map((a) => [a.name, a]));
  for (const a of next.apiservers ?? []) {
    const was = apiBefore.get(a.name);
    if (a.ready && !was?.ready) out.push({ level: 'success', text: `${a.name} is serving (its watch cache holds ${a.objects} objects)` });
    else if (was?.up && !a.up) out.push({ level: 'error', text: `${a.name} is down` });
  }
  const oldCuts = new Set((prev?.cutLinks ?? []).map(([a, b]) => linkId(a, b)));
  const newCuts = new Set(next.cutLinks.map(([a, b]) => linkId(a, b)));
  for (const id of newCuts) if (!oldCuts.has(id)) out.push({ level: 'warn', text: `link ${id.replace('|', ' ↔ ')} cut` });
  for (const id of oldCuts) if (!newCuts.has(id)) out.push({ level: 'info', text: `link ${id.replace('|', ' ↔ ')} restored` });
  return out;
}
