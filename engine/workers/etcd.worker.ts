// One etcd member in its own Web Worker. An adapter only: the member itself is engine/etcd.
import { etcdMember, type EtcdMemberOptions } from '../etcd';
import { serveProcess } from './serve-process';
import { etcdWireType } from './wire-type';

serveProcess((opts: EtcdMemberOptions) => etcdMember(opts), { describe: etcdWireType });
