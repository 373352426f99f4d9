// Models etcdserver/api/v3rpc/watch.go (serverWatchStream) and interceptor.go monitorLeader.

import type { StreamId } from '../../sim/env';
import { ErrNoLeader, type ResponseHeader, type WatchCreateRequest, type WatchEvent, type WatchResponse } from '../types';
import { toEtcdError, type MemberCore } from './core';

/** The watches clients opened on this member, each an MVCC watcher answering on its client's stream. */
export class WatchServer {
  /** Store watch ids by `${client stream}/${client watch id}`. */
  private watches = new Map<string, number>();
  /** Simulated time since which this member has known no leader (null while it knows one). */
  private noLeaderSince: number | null = null;

  constructor(private readonly core: MemberCore) {}

  create(client: StreamId, watchId: number, req: WatchCreateRequest): void {
    const core = this.core;
    // interceptor.go newStreamInterceptor: a stream that requires a leader is refused without one.
    if (core.raft.lead === '') {
      core.toClient(client, { kind: 'watch-error', watchId, err: { code: 'Unavailable', message: ErrNoLeader } });
      return;
    }
    const key = `${client}/${watchId}`;
    const send = (res: Omit<WatchResponse, 'header'> & { header?: ResponseHeader }) =>
      core.toClient(client, { kind: 'watch', watchId, res: { header: core.header(), ...res } });
    const base = { created: false, canceled: false, compact_revision: 0, cancel_reason: '', events: [] as WatchEvent[] };
    let serverId = -1;
    try {
      serverId = core.store.watch(req, (n) => {
        send({
          ...base,
          // A compaction cancel carries header revision 0 in etcd; events carry the revision they were sent at.
          header: { ...core.header(), revision: n.revision },
          watch_id: serverId,
          canceled: !!n.canceled,
          compact_revision: n.compact_revision ?? 0,
          events: n.events,
        });
        if (n.canceled) this.watches.delete(key);
      });
    } catch (x) {
      // v3rpc/watch.go: a create the store refuses is answered created and canceled at once.
      send({ ...base, watch_id: -1, created: true, canceled: true, cancel_reason: toEtcdError(x).message });
      return;
    }
    this.watches.set(key, serverId);
    send({ ...base, watch_id: serverId, created: true });
    // A watch from a past revision catches up from history (watchable_store.go syncWatchers).
    core.store.syncWatchers();
  }

  cancel(client: StreamId, watchId: number): void {
    const key = `${client}/${watchId}`;
    const id = this.watches.get(key);
    if (id === undefined) return;
    this.core.store.cancelWatch(id);
    this.watches.delete(key);
  }

  /** The client's stream closed: its watches end with it, as a gRPC stream's context does. */
  clientGone(client: StreamId): void {
    for (const [key, serverId] of [...this.watches]) {
      if (key.slice(0, key.lastIndexOf('/')) !== client) continue;
      this.core.store.cancelWatch(serverId);
      this.watches.delete(key);
    }
  }

  /** Watches live on the store; a restored store starts without them, so clients must re-watch. */
  restored(): void {
    this.watches.clear();
  }

  /**
   * v3rpc/interceptor.go monitorLeader: streams opened with WithRequireLeader (etcdctl's watches)
   * are cancelled with "etcdserver: no leader" once the member has had no leader for three election timeouts.
   */
  monitorLeader(): void {
    const core = this.core;
    const now = core.env.now();
    if (core.raft.lead !== '') {
      this.noLeaderSince = null;
      return;
    }
    this.noLeaderSince ??= now;
    if (now - this.noLeaderSince < 3 * core.timing.electionMs || this.watches.size === 0) return;
    for (const [key, serverId] of this.watches) {
      core.store.cancelWatch(serverId);
      const [client, watchId] = [key.slice(0, key.lastIndexOf('/')), Number(key.slice(key.lastIndexOf('/') + 1))];
      // The interceptor cancels the stream itself: the client sees a stream error, not a watch response.
      core.toClient(client, { kind: 'watch-error', watchId, err: { code: 'Unavailable', message: ErrNoLeader } });
    }
    this.watches.clear();
  }
}
