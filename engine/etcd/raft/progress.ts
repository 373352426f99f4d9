// What a leader knows about each follower's log. Models etcd-io/raft tracker/progress.go: a
// follower is probed one message at a time until its match is found, then replicated to
// optimistically, or sent a snapshot when the entries it needs are compacted away.

/** A leader's view of one follower. */
export class Progress {
  match = 0;
  next: number;
  state: 'probe' | 'replicate' | 'snapshot' = 'probe';
  /** In probe state: a MsgApp is in flight, wait for its answer or the next heartbeat response. */
  paused = false;
  /** In snapshot state: the index of the snapshot sent. */
  pendingSnapshot = 0;
  /** Ticks since the snapshot was sent, to retry one the network lost. */
  snapshotTicks = 0;
  /** Heard from since the last check-quorum round (§6.2 of the thesis, etcd's CheckQuorum). */
  recentActive = false;

  constructor(next: number) {
    this.next = next;
  }

  becomeProbe(): void {
    if (this.state === 'snapshot') this.next = Math.max(this.match + 1, this.pendingSnapshot + 1);
    else this.next = this.match + 1;
    this.state = 'probe';
    this.paused = false;
    this.pendingSnapshot = 0;
  }

  becomeReplicate(): void {
    this.state = 'replicate';
    this.next = this.match + 1;
    this.paused = false;
    this.pendingSnapshot = 0;
  }

  becomeSnapshot(index: number): void {
    this.state = 'snapshot';
    this.pendingSnapshot = index;
    this.snapshotTicks = 0;
  }

  /** Records an acknowledged index; false when the ack is stale. */
  maybeUpdate(n: number): boolean {
    let updated = false;
    if (this.match < n) {
      this.match = n;
      updated = true;
      this.paused = false;
    }
    this.next = Math.max(this.next, n + 1);
    return updated;
  }

  /**
   * Handles a rejected MsgApp for index `rejected`, the follower's last index being `hint`; false
   * when the rejection is stale. Models progress.go MaybeDecrTo.
   */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, hint + 1), 1);
    this.paused = false;
    return true;
  }

  /** Whether the leader should hold back MsgApp to this follower. */
  isPaused(): boolean {
    return this.state === 'snapshot' || (this.state === 'probe' && this.paused);
  }
}
