// The cluster's kubectl, as the editor and the resource browser call it. Kept apart from the
// Apply runner so the resource browser (in the page's first chunk) needs no YAML parser.

import type { BrowserCluster, CommandResult } from '../cluster/types';

/** kubectl as the cluster runs it: a command line (without `kubectl`) and its stdin. */
export type Kubectl = (line: string, stdin?: string) => Promise<CommandResult>;

/** The cluster's kubectl (BrowserCluster.kubectl, beside etcdctl), or null while the cluster starts. */
export function kubectlOf(cluster: BrowserCluster | null): Kubectl | null {
  return cluster ? (line, stdin) => cluster.kubectl(line, stdin) : null;
}
