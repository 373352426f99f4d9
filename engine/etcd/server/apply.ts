// Applying one committed request to the MVCC store and lessor, as etcdserver/apply.go's applierV3
// does on every member. What it returns is the response body; the member adds the header.

import type { MvccStore } from '../mvcc';
import type { InternalRequest } from './protocol';

/** Applies `req` at simulated time `nowMs`; throws MvccError for requests etcd rejects at apply time. */
export function applyRequest(store: MvccStore, req: InternalRequest, nowMs: number, isLeader: boolean): unknown {
  if ('Put' in req) return store.put(req.Put);
  if ('DeleteRange' in req) return store.deleteRange(req.DeleteRange);
  if ('Txn' in req) return store.txn(req.Txn);
  if ('Compaction' in req) {
    store.compact(req.Compaction.revision);
    return {};
  }
  if ('LeaseGrant' in req) {
    const { ID, TTL } = req.LeaseGrant;
    const granted = store.lessor.grant(ID, TTL, nowMs, isLeader);
    return { ID, TTL: granted, error: '' };
  }
  if ('LeaseRevoke' in req) {
    store.lessor.revoke(req.LeaseRevoke.ID);
    return {};
  }
  return {};
}
