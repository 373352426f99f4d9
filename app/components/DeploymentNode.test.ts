import { describe, expect, it } from 'vitest';
import type { DeploymentSummary, ReplicaSetSummary } from '../../engine/apiserver/workload-view';
import { shownReplicaSets } from './DeploymentNode';

const rs = (revision: number, desired: number, current = desired): ReplicaSetSummary => ({ name: `web-h${revision}`, hash: `h${revision}`, revision, desired, current, ready: current, available: current });
const deployment = (replicaSets: ReplicaSetSummary[]): DeploymentSummary => ({ namespace: 'default', name: 'web', replicas: 4, updated: 0, ready: 0, available: 0, strategy: 'RollingUpdate 25%/25%', paused: false, revision: replicaSets[0]?.revision ?? 0, progress: '', replicaSets });

describe('shownReplicaSets', () => {
  it('shows the newest ReplicaSet and, mid-rollout, the old one still holding pods', () => {
    expect(shownReplicaSets(deployment([rs(3, 2, 1), rs(2, 0), rs(1, 3)])).rows.map((r) => r.revision)).toEqual([3, 1]);
    expect(shownReplicaSets(deployment([rs(3, 2, 1), rs(2, 0), rs(1, 3)])).hidden).toBe(1);
  });

  it('counts old ReplicaSets scaled to 0 (kept for rollback) but gives them no row', () => {
    expect(shownReplicaSets(deployment([rs(2, 4), rs(1, 0)]))).toEqual({ rows: [rs(2, 4)], hidden: 1 });
    // Scaled to 0 but with pods still terminating: it still has a row.
    expect(shownReplicaSets(deployment([rs(2, 4), rs(1, 0, 1)])).rows.map((r) => r.revision)).toEqual([2, 1]);
  });

  it('shows nothing before the controller has made a ReplicaSet', () => {
    expect(shownReplicaSets(deployment([]))).toEqual({ rows: [], hidden: 0 });
  });
});
