// Models etcdserver/v3_server.go linearizableReadLoop and requestCurrentIndex: reads in rounds, one ReadIndex each, served once the member has applied it.

import type { StreamId } from '../../sim/env';
import type { ReadState } from '../raft';
import { ErrLeaderChanged, ErrTimeout, type EtcdError, type TxnRequest } from '../types';
import { reqTimeoutMs, toEtcdError, type MemberCore, type Waiter } from './core';

interface PendingRead {
  client: StreamId;
  rpcId: number;
  method: 'Range' | 'Txn';
  req: unknown;
}

/** One ReadIndex request and the reads it will release. */
interface Round {
  /** The request id sent as the ReadIndex context. */
  id: string;
  reads: PendingRead[];
  /** The index the leader confirmed, once it has. */
  index: number | null;
  sentAt: number;
  askedAt: number;
}

/**
 * The read loop: reads that arrive while a round is out wait for the next one (etcd's readNotifier).
 * As in etcd, the loop takes its next request id as soon as a round ends, and again whenever a new
 * leader appears while it is idle; a round still waiting for its index fails with "etcdserver:
 * leader changed" when the leader changes, and with "etcdserver: request timed out" after the request timeout.
 */
export class ReadIndex {
  private next: PendingRead[] = [];
  private round: Round | null = null;
  private requestId: string;

  constructor(private readonly core: MemberCore) {
    this.requestId = core.nextId();
  }

  /** linearizableReadNotify: the read joins the next round, which starts now if none is out. */
  read(w: Waiter, method: 'Range' | 'Txn', req: unknown): void {
    this.next.push({ client: w.client, rpcId: w.rpcId, method, req });
    if (this.round === null) this.startRound();
  }

  /** Raft's answers: the index the round must wait for (answers to older rounds are ignored). */
  noteReadStates(states: readonly ReadState[]): void {
    const r = this.round;
    if (r === null || r.index !== null) return;
    for (const rs of states) if (rs.context === r.id) r.index = rs.index;
  }

  /** Serves the round once its index is applied, in the order its reads came. */
  serveReady(): void {
    const r = this.round;
    if (r === null || r.index === null || r.index > this.core.raft.log.applied) return;
    this.round = null;
    for (const read of r.reads) this.serve(read);
    this.loop();
  }

  /** A new leader appeared (raft.go: leaderChanged). */
  leaderChanged(): void {
    const r = this.round;
    if (r === null) this.requestId = this.core.nextId();
    else if (r.index === null) this.fail({ code: 'Unavailable', message: ErrLeaderChanged });
  }

  /** The first entry of a new term was applied: the new leader can answer now, so ask again. */
  firstCommitInTerm(): void {
    const r = this.round;
    if (r === null || r.index !== null) return;
    r.askedAt = this.core.env.now();
    this.core.raft.readIndex(r.id);
  }

  /** readIndexRetryTime: a ReadIndex lost to the network is asked again, with the same id. */
  retry(): void {
    const r = this.round;
    const now = this.core.env.now();
    if (r === null || r.index !== null || now - r.askedAt < this.core.timing.readIndexRetryMs) return;
    r.askedAt = now;
    this.core.raft.readIndex(r.id);
  }

  /** A round with no index after the request timeout fails with "etcdserver: request timed out". */
  expire(now: number): void {
    const r = this.round;
    if (r === null || r.index !== null || now - r.sentAt < reqTimeoutMs(this.core.timing)) return;
    this.fail({ code: 'Unavailable', message: ErrTimeout });
  }

  private startRound(): void {
    const now = this.core.env.now();
    this.round = { id: this.requestId, reads: this.next, index: null, sentAt: now, askedAt: now };
    this.next = [];
    this.core.raft.readIndex(this.round.id);
  }

  // The loop comes round again: a fresh request id, and a new round if reads are waiting.
  private loop(): void {
    this.requestId = this.core.nextId();
    if (this.next.length > 0) this.startRound();
  }

  private fail(err: EtcdError): void {
    const r = this.round!;
    this.round = null;
    for (const read of r.reads) this.core.reply(this.waiter(read), undefined, err);
    this.loop();
  }

  private serve(read: PendingRead): void {
    const core = this.core;
    try {
      const res = read.method === 'Range' ? core.store.range(read.req as never) : core.store.txn(read.req as TxnRequest);
      core.reply(this.waiter(read), core.withHeader(res));
    } catch (x) {
      core.reply(this.waiter(read), undefined, toEtcdError(x));
    }
  }

  private waiter(read: PendingRead): Waiter {
    return { client: read.client, rpcId: read.rpcId, method: read.method, deadline: 0 };
  }
}
