// NodeUnschedulable, as pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go:
// a cordoned node (spec.unschedulable) takes only pods that tolerate the unschedulable taint.

import type { Pod } from '../../api/types/core';
import { TaintNodeUnschedulable, tolerationsTolerateTaint } from '../framework/corev1';
import type { FilterPlugin, PluginFactory } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { Status } from '../framework/status';
import { names } from './names';

/** nodeunschedulable.ErrReasonUnschedulable. */
export const ErrReasonUnschedulable = 'node(s) were unschedulable';
/** nodeunschedulable.ErrReasonUnknownCondition. */
export const ErrReasonUnknownCondition = 'node(s) had unknown conditions';

// Models pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
/** NodeUnschedulable: rejects cordoned nodes unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule. */
export class NodeUnschedulable implements FilterPlugin {
  readonly name = names.NodeUnschedulable;

  filter(_state: unknown, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const node = nodeInfo.node();
    if (!node) return Status.new('UnschedulableAndUnresolvable', ErrReasonUnknownCondition);
    if (!node.spec?.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.spec?.tolerations, { key: TaintNodeUnschedulable, effect: 'NoSchedule' })) return null;
    return Status.new('UnschedulableAndUnresolvable', ErrReasonUnschedulable);
  }
}

/** The plugin's factory for the registry. */
export const newNodeUnschedulable: PluginFactory = () => new NodeUnschedulable();
