// etcdctl 3.4 (ETCDCTL_API=3) as a pure async function over an EtcdClient: the same command lines,
// output formats, error texts and exit codes as the real tool (see docs/FIDELITY.md for differences).

export { runEtcdctl } from './run';
export type { EtcdctlOptions, EtcdctlResult } from './options';
