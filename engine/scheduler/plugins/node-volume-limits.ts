// NodeVolumeLimits, as pkg/scheduler/framework/plugins/nodevolumelimits/csi.go, thin: upstream caps
// the CSI volumes a node may attach by the counts its CSINode object publishes per driver. Kubeplay
// serves no CSINode objects, and upstream sets no limit for a node without one, so this plugin
// admits every node; it keeps its place (and its Skip for pods without volumes) in the profile.

import type { Pod } from '../../api/types/core';
import type { CycleState } from '../framework/cycle-state';
import type { FilterPlugin, PluginFactory, PreFilterPlugin, PreFilterResult } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { Status } from '../framework/status';
import { names } from './names';

/** nodevolumelimits.ErrReasonMaxVolumeCountExceeded: what a node over its limit would say. */
export const ErrReasonMaxVolumeCountExceeded = 'node(s) exceed max volume count';

// Models pkg/scheduler/framework/plugins/nodevolumelimits/csi.go (CSILimits), without CSINode limits
/** NodeVolumeLimits: a placeholder with upstream's extension points; no node has a limit. */
export class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin {
  readonly name = names.NodeVolumeLimits;

  preFilter(_state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    const volumes = pod.spec?.volumes ?? [];
    // Only CSI inline volumes, PVCs and ephemeral volumes can count against a limit.
    if (!volumes.some((v) => v.csi || v.persistentVolumeClaim || v.ephemeral)) return [null, Status.new('Skip')];
    return [null, null];
  }

  preFilterExtensions(): null {
    return null;
  }

  filter(_state: CycleState, _pod: Pod, _nodeInfo: NodeInfo): Status | null {
    return null;
  }
}

/** The plugin's factory for the registry. */
export const newNodeVolumeLimits: PluginFactory = () => new NodeVolumeLimits();
