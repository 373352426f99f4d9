// The simulated network's rules, shared by SimHost and WorkerHost: which links are cut, and what
// happens to a message on a link that is up (latency, loss, duplication; reordering follows from
// random latency). One flat options object, as TigerBeetle's packet simulator takes.

import type { ProcessId } from './env';
import type { Rng } from './rng';

/** How the network treats messages on links that are up. */
export interface NetworkOptions {
  latencyMsMin: number;
  latencyMsMax: number;
  /** Probability that a message is lost. */
  dropRate: number;
  /** Probability that a message is delivered twice. */
  duplicateRate: number;
}

/** A LAN: sub-millisecond to a few milliseconds, nothing lost. */
export const defaultNetwork: NetworkOptions = { latencyMsMin: 0.5, latencyMsMax: 2, dropRate: 0, duplicateRate: 0 };

/** The set of cut links (a link is cut in both directions), and of held (stalled) stream directions. */
export class Links {
  private readonly cut = new Set<string>();
  private readonly held = new Set<string>();

  private static key(a: ProcessId, b: ProcessId): string {
    return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  }
  /** Cuts every link between processes in different groups; processes in no group keep all links. */
  partition(groups: ProcessId[][]): void {
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++)
        for (const a of groups[i]) for (const b of groups[j]) this.cut.add(Links.key(a, b));
  }
  /** Cuts one link. */
  cutLink(a: ProcessId, b: ProcessId): void {
    this.cut.add(Links.key(a, b));
  }
  /** Restores one link. */
  restoreLink(a: ProcessId, b: ProcessId): void {
    this.cut.delete(Links.key(a, b));
  }
  /** Restores every link. */
  heal(): void {
    this.cut.clear();
  }
  isCut(a: ProcessId, b: ProcessId): boolean {
    return this.cut.size > 0 && this.cut.has(Links.key(a, b));
  }
  /** The cut links as pairs, for the UI. */
  list(): [ProcessId, ProcessId][] {
    return [...this.cut].map((k) => k.split('\u0000') as [ProcessId, ProcessId]);
  }
  /** Stalls stream writes from `from` to `to` (one direction) until `release`. */
  hold(from: ProcessId, to: ProcessId): void {
    this.held.add(`${from}\u0000${to}`);
  }
  release(from: ProcessId, to: ProcessId): void {
    this.held.delete(`${from}\u0000${to}`);
  }
  isHeld(from: ProcessId, to: ProcessId): boolean {
    return this.held.size > 0 && this.held.has(`${from}\u0000${to}`);
  }
  /** The held directions as [from, to] pairs. */
  heldList(): [ProcessId, ProcessId][] {
    return [...this.held].map((k) => k.split('\u0000') as [ProcessId, ProcessId]);
  }
  /** Replaces everything with the given cut links and held directions (a Worker's copy of the host's). */
  set(cut: [ProcessId, ProcessId][], held: [ProcessId, ProcessId][]): void {
    this.cut.clear();
    this.held.clear();
    for (const [a, b] of cut) this.cutLink(a, b);
    for (const [a, b] of held) this.hold(a, b);
  }
}

/** The delivery delays for one message: [] when it is lost, two entries when duplicated. */
export function deliveryDelays(opts: NetworkOptions, rng: Rng): number[] {
  if (rng.chance(opts.dropRate)) return [];
  const one = () => rng.range(opts.latencyMsMin, opts.latencyMsMax);
  return rng.chance(opts.duplicateRate) ? [one(), one()] : [one()];
}
