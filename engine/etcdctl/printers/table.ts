// -w table: only member list and endpoint health/status print tables; everything else exits with
// "table not supported as output format". Follows ctlv3/command/printer_table.go.

import type { MemberListResponse } from '../../etcd/types';
import type { Io } from '../io';
import { renderTable } from '../tablewriter';
import { UnsupportedPrinter, type EpHealth, type EpStatus } from './printer';
import { endpointHealthHeader, endpointHealthRows, endpointStatusHeader, endpointStatusRows, memberListHeader, memberListRows } from './rows';

/** The table printer. */
export class TablePrinter extends UnsupportedPrinter {
  constructor(io: Io) {
    super(io, 'table');
  }

  memberList(r: MemberListResponse): void {
    this.io.out(renderTable(memberListHeader, memberListRows(r)));
  }

  endpointHealth(list: EpHealth[]): void {
    this.io.out(renderTable(endpointHealthHeader, endpointHealthRows(list)));
  }

  endpointStatus(list: EpStatus[]): void {
    this.io.out(renderTable(endpointStatusHeader, endpointStatusRows(list)));
  }
}
