// Models etcdserver/v3_server.go linearizableReadLoop: a ReadIndex from the leader, a wait to apply it, then a local read.

import type { StreamId } from '../../sim/env';
import type { ReadState } from '../raft';
import { ErrTimeout, type TxnRequest } from '../types';
import { reqTimeoutMs, toEtcdError, type MemberCore, type Waiter } from './core';

interface PendingRead {
  client: StreamId;
  rpcId: number;
  method: 'Range' | 'Txn';
  req: unknown;
  /** The ReadIndex this read waits for, once known. */
  index: number | null;
  context: string;
  issuedAt: number;
  askedAt: number;
}

/** Linearizable reads waiting for their ReadIndex and for the member to apply up to it. */
export class ReadIndex {
  private readonly reads: PendingRead[] = [];

  constructor(private readonly core: MemberCore) {}

  /** Asks the leader for a ReadIndex; the read is served once this member has applied that index. */
  read(w: Waiter, method: 'Range' | 'Txn', req: unknown): void {
    const context = this.core.nextId();
    const now = this.core.env.now();
    this.reads.push({ client: w.client, rpcId: w.rpcId, method, req, index: null, context, issuedAt: now, askedAt: now });
    this.core.raft.readIndex(context);
  }

  /** Raft's answers: the index each read must wait for. */
  noteReadStates(states: readonly ReadState[]): void {
    for (const rs of states) {
      const r = this.reads.find((x) => x.context === rs.context);
      if (r) r.index = rs.index;
    }
  }

  /** Serves the reads whose index is applied, in the order they came. */
  serveReady(): void {
    const core = this.core;
    const applied = core.raft.log.applied;
    for (let i = 0; i < this.reads.length; ) {
      const r = this.reads[i];
      if (r.index === null || r.index > applied) {
        i++;
        continue;
      }
      this.reads.splice(i, 1);
      const w: Waiter = { client: r.client, rpcId: r.rpcId, method: r.method, deadline: 0 };
      try {
        const res = r.method === 'Range' ? core.store.range(r.req as never) : core.store.txn(r.req as TxnRequest);
        core.reply(w, core.withHeader(res));
      } catch (x) {
        core.reply(w, undefined, toEtcdError(x));
      }
    }
  }

  /** etcd's readIndexRetryTime: a ReadIndex lost to a leader change or the network is asked again. */
  retry(): void {
    const now = this.core.env.now();
    for (const r of this.reads) {
      if (r.index !== null || now - r.askedAt < this.core.timing.readIndexRetryMs) continue;
      r.askedAt = now;
      r.context = this.core.nextId();
      this.core.raft.readIndex(r.context);
    }
  }

  /** Reads older than the request timeout fail with "etcdserver: request timed out". */
  expire(now: number): void {
    for (let i = this.reads.length - 1; i >= 0; i--) {
      const r = this.reads[i];
      if (now - r.issuedAt < reqTimeoutMs(this.core.timing)) continue;
      this.reads.splice(i, 1);
      this.core.reply({ client: r.client, rpcId: r.rpcId, method: r.method, deadline: 0 }, undefined, { code: 'Unavailable', message: ErrTimeout });
    }
  }
}
