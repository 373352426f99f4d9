// -w json: encoding/json of the Go response structs (ctlv3/command/printer_json.go). The pb types
// carry `json:"name,omitempty"` tags, so zero values are left out; clientv3's lease and watch
// types have their own field names; uint64s print as plain integers and []byte as base64.

import type {
  DeleteRangeResponse,
  KeyValue,
  LeaseGrantResponse,
  LeaseKeepAliveResponse,
  LeaseLeasesResponse,
  LeaseRevokeResponse,
  LeaseTimeToLiveResponse,
  Member,
  MemberAddResponse,
  MemberListResponse,
  MemberRemoveResponse,
  PutResponse,
  RangeResponse,
  ResponseHeader,
  ResponseOp,
  StatusResponse,
  TxnResponse,
  WatchResponse,
} from '../../etcd/types';
import { base64, dec, jsonString, type Int64 } from '../gofmt';
import type { Io } from '../io';
import { UnsupportedPrinter, type EpHealth, type EpStatus } from './printer';

type Field = [string, string | undefined];

const obj = (fields: Field[]): string =>
  '{' + fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${jsonString(k)}:${v}`).join(',') + '}';
const arr = <T>(items: T[], f: (t: T) => string): string => '[' + items.map(f).join(',') + ']';

// omitempty variants: undefined means "leave the field out".
const num = (n: Int64 | undefined): string | undefined => (n === undefined || n === 0 || n === 0n ? undefined : dec(n));
const bool = (b: boolean | undefined): string | undefined => (b ? 'true' : undefined);
const str = (s: string | undefined): string | undefined => (s ? jsonString(s) : undefined);
const bytes = (s: string | undefined): string | undefined => (s ? jsonString(base64(s)) : undefined);
const list = <T>(items: T[] | undefined, f: (t: T) => string): string | undefined => (items?.length ? arr(items, f) : undefined);

function headerFields(h: ResponseHeader): Field[] {
  return [
    ['cluster_id', num(h.cluster_id)],
    ['member_id', num(h.member_id)],
    ['revision', num(h.revision)],
    ['raft_term', num(h.raft_term)],
  ];
}

const header = (h: ResponseHeader): string => obj(headerFields(h));

function kv(k: KeyValue): string {
  return obj([
    ['key', bytes(k.key)],
    ['create_revision', num(k.create_revision)],
    ['mod_revision', num(k.mod_revision)],
    ['version', num(k.version)],
    ['value', bytes(k.value)],
    ['lease', num(k.lease)],
  ]);
}

const range = (r: RangeResponse): string =>
  obj([
    ['header', header(r.header)],
    ['kvs', list(r.kvs, kv)],
    ['more', bool(r.more)],
    ['count', num(r.count)],
  ]);

const put = (r: PutResponse): string => obj([['header', header(r.header)], ['prev_kv', r.prev_kv && kv(r.prev_kv)]]);

const del = (r: DeleteRangeResponse): string =>
  obj([
    ['header', header(r.header)],
    ['deleted', num(r.deleted)],
    ['prev_kvs', list(r.prev_kvs, kv)],
  ]);

// A gogo-protobuf oneof marshals as {"Response":{"ResponsePut":{...}}}.
function responseOp(op: ResponseOp): string {
  if ('response_range' in op) return obj([['Response', obj([['ResponseRange', range(op.response_range)]])]]);
  if ('response_put' in op) return obj([['Response', obj([['ResponsePut', put(op.response_put)]])]]);
  if ('response_delete_range' in op) return obj([['Response', obj([['ResponseDeleteRange', del(op.response_delete_range)]])]]);
  return obj([['Response', obj([['ResponseTxn', txn(op.response_txn)]])]]);
}

function txn(r: TxnResponse): string {
  return obj([
    ['header', header(r.header)],
    ['succeeded', bool(r.succeeded)],
    ['responses', list(r.responses, responseOp)],
  ]);
}

function member(m: Member): string {
  return obj([
    ['ID', num(m.ID)],
    ['name', str(m.name)],
    ['peerURLs', list(m.peerURLs, jsonString)],
    ['clientURLs', list(m.clientURLs, jsonString)],
    ['isLearner', bool(m.isLearner)],
  ]);
}

function status(s: StatusResponse): string {
  return obj([
    ['header', header(s.header)],
    ['version', str(s.version)],
    ['dbSize', num(s.dbSize)],
    ['leader', num(s.leader)],
    ['raftIndex', num(s.raftIndex)],
    ['raftTerm', num(s.raftTerm)],
    ['raftAppliedIndex', num(s.raftAppliedIndex)],
    ['errors', list(s.errors, jsonString)],
    ['dbSizeInUse', num(s.dbSizeInUse)],
    ['isLearner', bool(s.isLearner)],
  ]);
}

/** The JSON printer. */
export class JsonPrinter extends UnsupportedPrinter {
  constructor(io: Io) {
    super(io, 'json');
  }

  private print(json: string): void {
    this.io.out(json + '\n');
  }

  get(r: RangeResponse): void {
    this.print(range(r));
  }
  put(r: PutResponse): void {
    this.print(put(r));
  }
  del(r: DeleteRangeResponse): void {
    this.print(del(r));
  }
  txn(r: TxnResponse): void {
    this.print(txn(r));
  }

  // clientv3.WatchResponse has no json tags: Header, Events, CompactRevision, Canceled, Created.
  watch(r: WatchResponse): void {
    const event = (e: WatchResponse['events'][number]): string =>
      obj([
        ['type', e.type === 'DELETE' ? '1' : undefined],
        ['kv', kv(e.kv)],
        ['prev_kv', e.prev_kv && kv(e.prev_kv)],
      ]);
    this.print(
      obj([
        ['Header', header(r.header)],
        // A closeErr response is built by clientv3 without an events slice: Go marshals that as null.
        ['Events', r.closeErr !== undefined ? 'null' : arr(r.events, event)],
        ['CompactRevision', dec(r.compact_revision)],
        ['Canceled', String(r.canceled)],
        ['Created', String(r.created)],
      ]),
    );
  }

  // clientv3's lease responses embed *pb.ResponseHeader, so its fields sit at the top level.
  grant(r: LeaseGrantResponse): void {
    this.print(obj([...headerFields(r.header), ['ID', dec(r.ID)], ['TTL', dec(r.TTL)], ['Error', jsonString(r.error ?? '')]]));
  }
  revoke(_id: bigint, r: LeaseRevokeResponse): void {
    this.print(obj([['header', header(r.header)]]));
  }
  keepAlive(r: LeaseKeepAliveResponse): void {
    this.print(obj([...headerFields(r.header), ['ID', dec(r.ID)], ['TTL', dec(r.TTL)]]));
  }
  timeToLive(r: LeaseTimeToLiveResponse, _keys: boolean): void {
    const keys = r.keys?.length ? arr(r.keys, (k) => jsonString(base64(k))) : 'null';
    this.print(obj([...headerFields(r.header), ['id', dec(r.ID)], ['ttl', dec(r.TTL)], ['granted-ttl', dec(r.grantedTTL)], ['keys', keys]]));
  }
  leases(r: LeaseLeasesResponse): void {
    this.print(obj([...headerFields(r.header), ['leases', arr(r.leases, (l) => obj([['id', dec(l.ID)]]))]]));
  }

  memberAdd(r: MemberAddResponse): void {
    this.print(
      obj([
        ['header', header(r.header)],
        ['member', r.member && member(r.member)],
        ['members', list(r.members, member)],
      ]),
    );
  }
  memberRemove(_id: bigint, r: MemberRemoveResponse): void {
    this.print(obj([['header', header(r.header)], ['members', list(r.members, member)]]));
  }
  memberList(r: MemberListResponse): void {
    this.print(obj([['header', header(r.header)], ['members', list(r.members, member)]]));
  }

  endpointHealth(hs: EpHealth[]): void {
    const health = (h: EpHealth): string =>
      obj([
        ['endpoint', jsonString(h.ep)],
        ['health', String(h.health)],
        ['took', jsonString(h.took)],
        ['error', str(h.error)],
      ]);
    this.print(arr(hs, health));
  }
  endpointStatus(list: EpStatus[]): void {
    this.print(arr(list, (s) => obj([['Endpoint', jsonString(s.ep)], ['Status', status(s.resp)]])));
  }
}
