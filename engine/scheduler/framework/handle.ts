// A plain framework.Handle: the scheduler process (or a test) points it at each cycle's snapshot.

import type { ClusterListers, Handle, PodNominator } from './interface';
import { type SharedLister, Snapshot } from './snapshot';

/** The Handle plugins are built with; `snapshot` is replaced before every cycle (cache.UpdateSnapshot). */
export class SchedulerHandle implements Handle {
  snapshot: SharedLister = new Snapshot();

  constructor(
    readonly listers: ClusterListers = {},
    readonly nominator?: PodNominator,
  ) {}

  snapshotSharedLister(): SharedLister {
    return this.snapshot;
  }
}
