// etcdctl 3.4 (ETCDCTL_API=3) as a coroutine over an EtcdClient: the same command lines, output
// formats, error texts and exit codes as the real tool (see docs/FIDELITY.md for differences).

export { runEtcdctl, startEtcdctl, type EtcdctlRun } from './run';
export { Aborted } from './rpc';
export type { EtcdctlOptions, EtcdctlResult } from './options';
