// pkg/controller/deployment/rollback.go: the deprecated rollback path. extensions/v1beta1's
// spec.rollbackTo survives in apps/v1 as the deprecated.deployment.rollback.to annotation: the
// controller copies that revision's template back into the Deployment and clears the annotation.
// (kubectl rollout undo no longer uses it; it patches the template itself.)

import type { Deployment, ReplicaSet } from '../../api/types';
import type { Co } from '../../sim/co';
import { DEPLOYMENTS, type DeploymentContext } from './context';
import { getAllReplicaSetsAndSyncRevision, getRollbackTo } from './sync';
import { defaultDeploymentUniqueLabelKey, deprecatedRollbackTo, equalIgnoreHash, lastRevision, revision, rollbackDone, rollbackRevisionNotFound, rollbackTemplateUnchanged, setDeploymentAnnotationsTo } from './util';

// Models pkg/controller/deployment/rollback.go rollback
/** Rolls the Deployment back to the annotated revision (0: the previous one). */
export function* rollback(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Co<void> {
  const [newRS, allOldRSs] = yield* getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...allOldRSs, newRS];
  let to = getRollbackTo(d)!.revision;
  if (to === 0) {
    to = lastRevision(allRSs);
    if (to === 0) {
      dc.recorder.event(d, 'Warning', rollbackRevisionNotFound, 'Unable to find last revision.');
      return yield* updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  for (const rs of allRSs) {
    if (!rs) continue;
    const v = revision(rs);
    if (Number.isNaN(v) || v !== to) continue;
    // The next getAllReplicaSetsAndSyncRevision gives the restored template a new revision.
    const performed = yield* rollbackToTemplate(dc, d, rs);
    if (performed) dc.recorder.event(d, 'Normal', rollbackDone, `Rolled back deployment "${d.metadata.name}" to revision ${to}`);
    return;
  }
  dc.recorder.event(d, 'Warning', rollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  yield* updateDeploymentAndClearRollbackTo(dc, d);
}

// Models pkg/controller/deployment/rollback.go rollbackToTemplate
/** Copies the ReplicaSet's template (hash label removed) and annotations into the Deployment, unless they match already. */
function* rollbackToTemplate(dc: DeploymentContext, d: Deployment, rs: ReplicaSet): Co<boolean> {
  let performed = false;
  if (!equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
    const template = structuredClone(rs.spec?.template ?? {});
    if (template.metadata?.labels) delete template.metadata.labels[defaultDeploymentUniqueLabelKey];
    d.spec = { ...d.spec!, template };
    setDeploymentAnnotationsTo(d, rs);
    performed = true;
  } else {
    dc.recorder.event(d, 'Warning', rollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
  }
  yield* updateDeploymentAndClearRollbackTo(dc, d);
  return performed;
}

// Models pkg/controller/deployment/rollback.go updateDeploymentAndClearRollbackTo
/** Removes the rollback annotation with an update of the Deployment. */
function* updateDeploymentAndClearRollbackTo(dc: DeploymentContext, d: Deployment): Co<void> {
  if (d.metadata.annotations) delete d.metadata.annotations[deprecatedRollbackTo];
  yield* dc.client.update(DEPLOYMENTS, d.metadata.namespace ?? '', d);
}
