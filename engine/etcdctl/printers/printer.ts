// The printer interface etcdctl's commands print through, and the factory for -w
// (ctlv3/command/printer.go NewPrinter, printerUnsupported).

import type {
  DeleteRangeResponse,
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
  StatusResponse,
  TxnResponse,
  WatchResponse,
} from '../../etcd/types';
import { ExitBadFeature, exitWithError, type Io } from '../io';

/** One endpoint's health check result (ctlv3/command/ep_command.go epHealth). */
export interface EpHealth {
  ep: string;
  health: boolean;
  took: string;
  error: string;
}

/** One endpoint's status (ctlv3/command/ep_command.go epStatus). */
export interface EpStatus {
  ep: string;
  resp: StatusResponse;
}

/** What every output format can print; a format that cannot print something exits with code 4. */
export interface Printer {
  get(r: RangeResponse): void;
  put(r: PutResponse): void;
  del(r: DeleteRangeResponse): void;
  txn(r: TxnResponse): void;
  watch(r: WatchResponse): void;
  grant(r: LeaseGrantResponse): void;
  revoke(id: bigint, r: LeaseRevokeResponse): void;
  keepAlive(r: LeaseKeepAliveResponse): void;
  timeToLive(r: LeaseTimeToLiveResponse, keys: boolean): void;
  leases(r: LeaseLeasesResponse): void;
  memberAdd(r: MemberAddResponse): void;
  memberRemove(id: bigint, r: MemberRemoveResponse): void;
  memberList(r: MemberListResponse): void;
  endpointHealth(list: EpHealth[]): void;
  endpointStatus(list: EpStatus[]): void;
}

/** printerUnsupported: every method exits with "<format> not supported as output format". */
export class UnsupportedPrinter implements Printer {
  constructor(
    protected readonly io: Io,
    private readonly format: string,
  ) {}

  protected unsupported(): never {
    return exitWithError(this.io, ExitBadFeature, `${this.format} not supported as output format`);
  }

  get(_r: RangeResponse): void {
    this.unsupported();
  }
  put(_r: PutResponse): void {
    this.unsupported();
  }
  del(_r: DeleteRangeResponse): void {
    this.unsupported();
  }
  txn(_r: TxnResponse): void {
    this.unsupported();
  }
  watch(_r: WatchResponse): void {
    this.unsupported();
  }
  grant(_r: LeaseGrantResponse): void {
    this.unsupported();
  }
  revoke(_id: bigint, _r: LeaseRevokeResponse): void {
    this.unsupported();
  }
  keepAlive(_r: LeaseKeepAliveResponse): void {
    this.unsupported();
  }
  timeToLive(_r: LeaseTimeToLiveResponse, _keys: boolean): void {
    this.unsupported();
  }
  leases(_r: LeaseLeasesResponse): void {
    this.unsupported();
  }
  memberAdd(_r: MemberAddResponse): void {
    this.unsupported();
  }
  memberRemove(_id: bigint, _r: MemberRemoveResponse): void {
    this.unsupported();
  }
  memberList(_r: MemberListResponse): void {
    this.unsupported();
  }
  endpointHealth(_list: EpHealth[]): void {
    this.unsupported();
  }
  endpointStatus(_list: EpStatus[]): void {
    this.unsupported();
  }
}
