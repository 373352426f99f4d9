// An etcd member process and the client that talks to it.
export { etcdMemberKind, EtcdMember } from './member';
export { etcdVersion } from './v3-server';
export { raftStatusFromDisk } from './wal';
export type { EtcdMemberOptions, MemberTelemetry } from './member';
export { EtcdClientProcess } from './client';
export { timingFor, minLeaseTtlSec } from './timing';
export type { EtcdTiming, Profile } from './timing';
export { computeMemberId, computeClusterId, peerURL, clientURL, hostOf } from './ids';
export type { ClientMessage, ServerMessage, PeerMessage, InternalRequest } from './protocol';
export { etcdClientKind } from './client';
export type { EtcdClientConfig } from './client';
export { etcdWireType } from './wire-type';
