// NodePorts, as pkg/scheduler/framework/plugins/nodeports/node_ports.go: a pod asking for a host
// port fits only on a node where no pod holds the same (IP, protocol, port), 0.0.0.0 clashing with all.

import type { ContainerPort, Pod } from '../../api/types/core';
import { type CycleState, errReadingState } from '../framework/cycle-state';
import { getHostPorts } from '../framework/host-ports';
import type { FilterPlugin, PluginFactory, PreFilterPlugin, PreFilterResult } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { Status } from '../framework/status';
import { names } from './names';

/** nodeports.ErrReason. */
export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

const preFilterStateKey = `PreFilter${names.NodePorts}`;

class PreFilterState {
  constructor(readonly ports: ContainerPort[]) {}
  clone(): PreFilterState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/nodeports/node_ports.go (fitsPorts)
function fitsPorts(wantPorts: readonly ContainerPort[], nodeInfo: NodeInfo): boolean {
  return !wantPorts.some((p) => nodeInfo.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort ?? 0));
}

// Models pkg/scheduler/framework/plugins/nodeports/node_ports.go (Fits)
/** Whether the pod's host ports are free on the node (the kubelet's admission uses the same check). */
export function fitsNodePorts(pod: Pod, nodeInfo: NodeInfo): boolean {
  return fitsPorts(getHostPorts(pod), nodeInfo);
}

// Models pkg/scheduler/framework/plugins/nodeports/node_ports.go
/** NodePorts: rejects nodes where a wanted host port is taken. */
export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = names.NodePorts;

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    const ports = getHostPorts(pod);
    if (ports.length === 0) return [null, Status.new('Skip')];
    state.write(preFilterStateKey, new PreFilterState(ports));
    return [null, null];
  }

  preFilterExtensions(): null {
    return null;
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.asStatus(errReadingState(preFilterStateKey, 'reading'));
    return fitsPorts(s.ports, nodeInfo) ? null : Status.new('Unschedulable', ErrReasonNodePorts);
  }
}

/** The plugin's factory for the registry. */
export const newNodePorts: PluginFactory = () => new NodePorts();
