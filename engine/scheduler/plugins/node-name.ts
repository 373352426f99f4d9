// NodeName, as pkg/scheduler/framework/plugins/nodename/node_name.go: a pod that names its node
// (spec.nodeName) fits only there.

import type { Pod } from '../../api/types/core';
import type { FilterPlugin, PluginFactory } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { Status } from '../framework/status';
import { names } from './names';

/** nodename.ErrReason. */
export const ErrReasonNodeName = "node(s) didn't match the requested node name";

// Models pkg/scheduler/framework/plugins/nodename/node_name.go (Fits)
/** Whether the pod names no node or this one. */
export function fitsNodeName(pod: Pod, nodeInfo: NodeInfo): boolean {
  return !pod.spec?.nodeName || pod.spec.nodeName === nodeInfo.nodeName();
}

// Models pkg/scheduler/framework/plugins/nodename/node_name.go
/** NodeName: rejects every node but the one the pod names. */
export class NodeName implements FilterPlugin {
  readonly name = names.NodeName;

  filter(_state: unknown, pod: Pod, nodeInfo: NodeInfo): Status | null {
    return fitsNodeName(pod, nodeInfo) ? null : Status.new('UnschedulableAndUnresolvable', ErrReasonNodeName);
  }
}

/** The plugin's factory for the registry. */
export const newNodeName: PluginFactory = () => new NodeName();
