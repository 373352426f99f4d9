// -w fields: one `"Name" : value` line per field. Follows ctlv3/command/printer_fields.go.

import type {
  DeleteRangeResponse,
  KeyValue,
  LeaseGrantResponse,
  LeaseKeepAliveResponse,
  LeaseLeasesResponse,
  LeaseRevokeResponse,
  LeaseTimeToLiveResponse,
  MemberListResponse,
  PutResponse,
  RangeResponse,
  ResponseHeader,
  TxnResponse,
  WatchResponse,
} from '../../etcd/types';
import { dec, goSlice, quote } from '../gofmt';
import type { Io } from '../io';
import { UnsupportedPrinter, type EpHealth, type EpStatus } from './printer';

/** The fields printer. */
export class FieldsPrinter extends UnsupportedPrinter {
  constructor(io: Io) {
    super(io, 'fields');
  }

  // fmt.Println(`"Name" :`, v) puts one space between the two operands.
  private line(name: string, value: string): void {
    this.io.out(`"${name}" : ${value}\n`);
  }

  private kv(pfx: string, kv: KeyValue): void {
    this.line(`${pfx}Key`, quote(kv.key));
    this.line(`${pfx}CreateRevision`, dec(kv.create_revision));
    this.line(`${pfx}ModRevision`, dec(kv.mod_revision));
    this.line(`${pfx}Version`, dec(kv.version));
    this.line(`${pfx}Value`, quote(kv.value));
    this.line(`${pfx}Lease`, dec(kv.lease));
  }

  private hdr(h: ResponseHeader): void {
    this.line('ClusterID', dec(h.cluster_id));
    this.line('MemberID', dec(h.member_id));
    this.line('Revision', dec(h.revision));
    this.line('RaftTerm', dec(h.raft_term));
  }

  del(r: DeleteRangeResponse): void {
    this.hdr(r.header);
    this.line('Deleted', dec(r.deleted));
    for (const kv of r.prev_kvs ?? []) this.kv('Prev', kv);
  }

  get(r: RangeResponse): void {
    this.hdr(r.header);
    for (const kv of r.kvs) this.kv('', kv);
    this.line('More', String(r.more === true));
    this.line('Count', dec(r.count));
  }

  put(r: PutResponse): void {
    this.hdr(r.header);
    if (r.prev_kv) this.kv('Prev', r.prev_kv);
  }

  txn(r: TxnResponse): void {
    this.hdr(r.header);
    this.line('Succeeded', String(r.succeeded === true));
    for (const op of r.responses) {
      if ('response_delete_range' in op) this.del(op.response_delete_range);
      else if ('response_put' in op) this.put(op.response_put);
      else if ('response_range' in op) this.get(op.response_range);
      else this.line('Unknown', quote(JSON.stringify(op)));
    }
  }

  watch(r: WatchResponse): void {
    this.hdr(r.header);
    for (const e of r.events) {
      this.line('Type', e.type);
      if (e.prev_kv) this.kv('Prev', e.prev_kv);
      this.kv('', e.kv);
    }
  }

  grant(r: LeaseGrantResponse): void {
    this.hdr(r.header);
    this.line('ID', dec(r.ID));
    this.line('TTL', dec(r.TTL));
  }

  revoke(_id: bigint, r: LeaseRevokeResponse): void {
    this.hdr(r.header);
  }

  keepAlive(r: LeaseKeepAliveResponse): void {
    this.hdr(r.header);
    this.line('ID', dec(r.ID));
    this.line('TTL', dec(r.TTL));
  }

  timeToLive(r: LeaseTimeToLiveResponse, _keys: boolean): void {
    this.hdr(r.header);
    this.line('ID', dec(r.ID));
    this.line('TTL', dec(r.TTL));
    this.line('GrantedTTL', dec(r.grantedTTL));
    for (const k of r.keys ?? []) this.line('Key', quote(k));
  }

  leases(r: LeaseLeasesResponse): void {
    this.hdr(r.header);
    for (const l of r.leases) this.line('ID', dec(l.ID));
  }

  memberList(r: MemberListResponse): void {
    this.hdr(r.header);
    for (const m of r.members) {
      this.line('ID', dec(m.ID));
      this.line('Name', quote(m.name));
      for (const u of m.peerURLs) this.line('PeerURL', quote(u));
      for (const u of m.clientURLs ?? []) this.line('ClientURL', quote(u));
      this.line('IsLearner', String(m.isLearner === true));
      this.io.out('\n');
    }
  }

  endpointHealth(hs: EpHealth[]): void {
    for (const h of hs) {
      this.line('Endpoint', quote(h.ep));
      this.line('Health', String(h.health));
      this.line('Took', h.took);
      this.line('Error', h.error);
      this.io.out('\n');
    }
  }

  endpointStatus(eps: EpStatus[]): void {
    for (const { ep, resp } of eps) {
      this.hdr(resp.header);
      this.line('Version', quote(resp.version));
      this.line('DBSize', dec(resp.dbSize));
      this.line('Leader', dec(resp.leader));
      this.line('IsLearner', String(resp.isLearner === true));
      this.line('RaftIndex', dec(resp.raftIndex));
      this.line('RaftTerm', dec(resp.raftTerm));
      this.line('RaftAppliedIndex', dec(resp.raftAppliedIndex));
      this.line('Errors', goSlice(resp.errors ?? []));
      this.line('Endpoint', quote(ep));
      this.io.out('\n');
    }
  }
}
