// The row builders the simple and table printers share (ctlv3/command/printer.go makeMemberListTable,
// makeEndpointHealthTable, makeEndpointStatusTable).

import type { MemberListResponse } from '../../etcd/types';
import { dec, hex, humanizeBytes } from '../gofmt';
import type { EpHealth, EpStatus } from './printer';

/** Header of `member list -w table`. */
export const memberListHeader = ['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'];

/** makeMemberListTable's rows. */
export function memberListRows(r: MemberListResponse): string[][] {
  return r.members.map((m) => [
    hex(m.ID),
    m.name ? 'started' : 'unstarted',
    m.name,
    m.peerURLs.join(','),
    (m.clientURLs ?? []).join(','),
    String(m.isLearner === true),
  ]);
}

/** Header of `endpoint health -w table`. */
export const endpointHealthHeader = ['endpoint', 'health', 'took', 'error'];

/** makeEndpointHealthTable's rows. */
export function endpointHealthRows(list: EpHealth[]): string[][] {
  return list.map((h) => [h.ep, String(h.health), h.took, h.error]);
}

/** Header of `endpoint status -w table`. */
export const endpointStatusHeader = ['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'];

/** makeEndpointStatusTable's rows. */
export function endpointStatusRows(list: EpStatus[]): string[][] {
  return list.map(({ ep, resp }) => [
    ep,
    hex(resp.header.member_id),
    resp.version,
    humanizeBytes(Number(resp.dbSize)),
    String(BigInt(resp.leader) === BigInt(resp.header.member_id)),
    String(resp.isLearner === true),
    dec(resp.raftTerm),
    dec(resp.raftIndex),
    dec(resp.raftAppliedIndex),
    (resp.errors ?? []).join(', '),
  ]);
}
