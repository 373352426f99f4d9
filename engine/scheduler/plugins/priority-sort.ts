// PrioritySort, as pkg/scheduler/framework/plugins/queuesort/priority_sort.go: the default activeQ
// order, higher priority first and, between equals, whoever has waited longer.

import { podPriority } from '../framework/corev1';
import type { PluginFactory, QueueSortPlugin, QueuedPodRef } from '../framework/interface';
import { names } from './names';

// Models pkg/scheduler/framework/plugins/queuesort/priority_sort.go
/** PrioritySort: the QueueSort plugin of the default profile. */
export class PrioritySort implements QueueSortPlugin {
  readonly name = names.PrioritySort;

  /** Whether a goes before b: higher priority, then the earlier queue timestamp. */
  less(a: QueuedPodRef, b: QueuedPodRef): boolean {
    const p1 = podPriority(a.pod);
    const p2 = podPriority(b.pod);
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}

/** The plugin's factory for the registry. */
export const newPrioritySort: PluginFactory = () => new PrioritySort();
