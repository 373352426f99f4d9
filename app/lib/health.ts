// How many members the cluster can actually reach: a member that is up but cut off from the leader
// (or, with no leader, outside the largest group of members that still talk to each other) does not
// count, so the health pill never says "3/3 up" while one of them is isolated.
import type { MemberView } from '../cluster/types';
import { currentLeader } from './diff';
import { linkId } from './layout';

/** Members (not removed) and how many of them are up and reachable. */
export interface Reachability {
  total: number;
  up: number;
  reachable: number;
  /** Names of members that are up but cut off. */
  cutOff: string[];
}

/** Up members with a link that is not cut to the leader; with no leader, the largest group that still talk to each other. */
export function reachability(members: MemberView[], cutLinks: [string, string][]): Reachability {
  const current = members.filter((m) => !m.removed);
  const up = current.filter((m) => m.up);
  const cut = new Set(cutLinks.map(([a, b]) => linkId(a, b)));
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const m of up) {
    if (seen.has(m.name)) continue;
    const group: string[] = [];
    const queue = [m.name];
    seen.add(m.name);
    while (queue.length) {
      const x = queue.shift()!;
      group.push(x);
      for (const y of up) {
        if (!seen.has(y.name) && !cut.has(linkId(x, y.name))) {
          seen.add(y.name);
          queue.push(y.name);
        }
      }
    }
    groups.push(group);
  }
  const leader = currentLeader(current);
  // Raft messages go straight from the leader to each follower (nothing relays them), so with a
  // leader, reachable means a link to the leader itself.
  const main = leader
    ? up.map((m) => m.name).filter((n) => n === leader.name || !cut.has(linkId(n, leader.name)))
    : groups.reduce<string[]>((best, g) => (g.length > best.length ? g : best), []);
  return { total: current.length, up: up.length, reachable: main.length, cutOff: up.map((m) => m.name).filter((n) => !main.includes(n)) };
}
