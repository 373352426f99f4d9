// ImageLocality, as pkg/scheduler/framework/plugins/imagelocality/image_locality.go: favours nodes
// that already have the pod's images, by size, scaled down for images most nodes have (so the
// pods do not all pile onto the node that happens to have an image everyone has).

import type { Pod } from '../../api/types/core';
import type { CycleState } from '../framework/cycle-state';
import type { Handle, PluginFactory, ScorePlugin } from '../framework/interface';
import type { ImageStateSummary, NodeInfo } from '../framework/node-info';
import { MaxNodeScore, type Status } from '../framework/status';
import { names } from './names';
import { mulDiv } from './noderesources/resource-allocation';

const mb = 1024 * 1024;
/** imagelocality.minThreshold: images smaller than 23 MiB in total earn nothing. */
export const minThreshold = 23 * mb;
/** imagelocality.maxContainerThreshold: the sum is capped at 1000 MiB per container. */
export const maxContainerThreshold = 1000 * mb;

// Models pkg/scheduler/framework/plugins/imagelocality/image_locality.go (calculatePriority)
/** The 0..100 score of a sum of scaled image sizes, clamped between the thresholds. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  const clamped = Math.min(Math.max(sumScores, minThreshold), maxThreshold);
  return mulDiv(MaxNodeScore, clamped - minThreshold, maxThreshold - minThreshold);
}

// Models pkg/scheduler/framework/plugins/imagelocality/image_locality.go (scaledImageScore)
/** The image's size scaled by the fraction of nodes that have it, truncated as Go's int64(float64). */
export function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  const spread = state.numNodes / totalNumNodes;
  return Math.trunc(state.size * spread);
}

// Models pkg/scheduler/framework/plugins/imagelocality/image_locality.go (normalizedImageName)
/** The image name with ":latest" added when it has no tag, as node.status.images lists it. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

// Models pkg/scheduler/framework/plugins/imagelocality/image_locality.go (sumImageScores)
function sumImageScores(nodeInfo: NodeInfo, pod: Pod, totalNumNodes: number): number {
  // A node without images scores nothing for any container.
  if (nodeInfo.imageStates.size === 0) return 0;
  let sum = 0;
  for (const list of [pod.spec?.initContainers, pod.spec?.containers]) {
    for (const c of list ?? []) {
      const state = nodeInfo.imageStates.get(normalizedImageName(c.image ?? ''));
      if (state) sum += scaledImageScore(state, totalNumNodes);
    }
  }
  return sum;
}

// Models pkg/scheduler/framework/plugins/imagelocality/image_locality.go
/** ImageLocality: a Score plugin without normalisation (its scores are already 0..100). */
export class ImageLocality implements ScorePlugin {
  readonly name = names.ImageLocality;

  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): [number, Status | null] {
    const totalNumNodes = this.handle.snapshotSharedLister().nodeInfos().list().length;
    const sum = sumImageScores(nodeInfo, pod, totalNumNodes);
    const numContainers = (pod.spec?.initContainers ?? []).length + (pod.spec?.containers ?? []).length;
    return [calculatePriority(sum, numContainers), null];
  }

  scoreExtensions(): null {
    return null;
  }
}

/** The plugin's factory for the registry. */
export const newImageLocality: PluginFactory = (_args, handle) => new ImageLocality(handle);
