// What a kubelet is started with: its node's shape (the headless contract's node spec), its name,
// addresses and pod range, and how to reach the apiserver.

import type { Taint } from '../api/types';
import type { ComponentConfig } from '../client/component';
import type { Profile } from '../etcd/server/timing';

/** What a node is made of (the headless contract's node spec). */
export interface NodeShape {
  cpu: string;
  memory: string;
  pods: number;
  labels: Record<string, string>;
  taints: Taint[];
}

/** Plain config of a kubelet. */
export interface KubeletConfig extends ComponentConfig, NodeShape {
  nodeName: string;
  /** The node's pod range (10.244.1.0/24), which upstream's node IPAM controller would assign. */
  podCIDR: string;
  internalIP: string;
  profile: Profile;
}
