// -w simple, the default format. Follows ctlv3/command/printer_simple.go (printKV from util.go).

import type {
  DeleteRangeResponse,
  KeyValue,
  LeaseGrantResponse,
  LeaseKeepAliveResponse,
  LeaseLeasesResponse,
  LeaseRevokeResponse,
  LeaseTimeToLiveResponse,
  MemberAddResponse,
  MemberListResponse,
  MemberRemoveResponse,
  PutResponse,
  RangeResponse,
  TxnResponse,
  WatchResponse,
} from '../../etcd/types';
import { dec, hex016, hex16, hexBytes } from '../gofmt';
import type { Io } from '../io';
import { endpointStatusRows, memberListRows } from './rows';
import type { EpHealth, EpStatus, Printer } from './printer';

/** The simple printer; `valueOnly` is set by get --print-value-only. */
export class SimplePrinter implements Printer {
  valueOnly = false;

  constructor(
    private readonly io: Io,
    private readonly isHex: boolean,
  ) {}

  private kv(kv: KeyValue): void {
    const k = this.isHex ? hexBytes(kv.key) : kv.key;
    const v = this.isHex ? hexBytes(kv.value) : kv.value;
    if (!this.valueOnly) this.io.out(k + '\n');
    this.io.out(v + '\n');
  }

  get(r: RangeResponse): void {
    for (const kv of r.kvs) this.kv(kv);
  }

  put(r: PutResponse): void {
    this.io.out('OK\n');
    if (r.prev_kv) this.kv(r.prev_kv);
  }

  del(r: DeleteRangeResponse): void {
    this.io.out(`${dec(r.deleted)}\n`);
    for (const kv of r.prev_kvs ?? []) this.kv(kv);
  }

  txn(r: TxnResponse): void {
    this.io.out(r.succeeded ? 'SUCCESS\n' : 'FAILURE\n');
    for (const op of r.responses) {
      this.io.out('\n');
      if ('response_delete_range' in op) this.del(op.response_delete_range);
      else if ('response_put' in op) this.put(op.response_put);
      else if ('response_range' in op) this.get(op.response_range);
      else this.io.out(`unexpected response ${JSON.stringify(op)}\n`);
    }
  }

  watch(r: WatchResponse): void {
    for (const e of r.events) {
      this.io.out(`${e.type}\n`);
      if (e.prev_kv) this.kv(e.prev_kv);
      this.kv(e.kv);
    }
  }

  grant(r: LeaseGrantResponse): void {
    this.io.out(`lease ${hex016(r.ID)} granted with TTL(${dec(r.TTL)}s)\n`);
  }

  revoke(id: bigint, _r: LeaseRevokeResponse): void {
    this.io.out(`lease ${hex016(id)} revoked\n`);
  }

  keepAlive(r: LeaseKeepAliveResponse): void {
    this.io.out(`lease ${hex016(r.ID)} keepalived with TTL(${dec(r.TTL)})\n`);
  }

  timeToLive(r: LeaseTimeToLiveResponse, keys: boolean): void {
    if (r.grantedTTL === 0 && r.TTL === -1) {
      this.io.out(`lease ${hex016(r.ID)} already expired\n`);
      return;
    }
    let txt = `lease ${hex016(r.ID)} granted with TTL(${dec(r.grantedTTL)}s), remaining(${dec(r.TTL)}s)`;
    if (keys) txt += `, attached keys([${(r.keys ?? []).join(' ')}])`;
    this.io.out(txt + '\n');
  }

  leases(r: LeaseLeasesResponse): void {
    this.io.out(`found ${r.leases.length} leases\n`);
    for (const l of r.leases) this.io.out(`${hex016(l.ID)}\n`);
  }

  memberAdd(r: MemberAddResponse): void {
    this.io.out(`Member ${hex16(r.member.ID)} added to cluster ${hex16(r.header.cluster_id)}\n`);
  }

  memberRemove(id: bigint, r: MemberRemoveResponse): void {
    this.io.out(`Member ${hex16(id)} removed from cluster ${hex16(r.header.cluster_id)}\n`);
  }

  memberList(r: MemberListResponse): void {
    for (const row of memberListRows(r)) this.io.out(row.join(', ') + '\n');
  }

  endpointHealth(list: EpHealth[]): void {
    for (const h of list) {
      if (h.error === '') this.io.err(`${h.ep} is healthy: successfully committed proposal: took = ${h.took}\n`);
      else this.io.err(`${h.ep} is unhealthy: failed to commit proposal: ${h.error}\n`);
    }
  }

  endpointStatus(list: EpStatus[]): void {
    for (const row of endpointStatusRows(list)) this.io.out(row.join(', ') + '\n');
  }
}
