// StatefulPodControl (pkg/controller/statefulset/stateful_pod_control.go): creates a set's pods after
// their PVCs, keeps a pod's identity and storage conforming to the set, deletes pods, and keeps the
// claims' ownerRefs matching persistentVolumeClaimRetentionPolicy. Every pod and claim operation
// is reported as an event on the set (`create Pod web-0 in StatefulSet web successful`).

import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { isAlreadyExists, isConflict, res, type KubeClient } from '../../client/clientset';
import type { EventRecorder } from '../../client/events';
import type { Lister } from '../../client/store';
import type { Co } from '../../sim/co';
import { Aggregate } from '../util/controller-ref';
import { errorText } from '../util/pod-control';
import {
  getOrdinal,
  getPersistentVolumeClaimName,
  getPersistentVolumeClaimRetentionPolicy,
  getPersistentVolumeClaims,
  hasStaleOwnerRef,
  hasUnexpectedController,
  identityMatches,
  isClaimOwnerUpToDate,
  podKind,
  storageMatches,
  updateClaimOwnerRefForSetAndPod,
  updateIdentity,
  updateStorage,
} from './utils';

const pods = res('', 'pods');
const pvcs = res('', 'persistentvolumeclaims');
/** retry.DefaultBackoff's steps: how often a conflicting update is retried. */
const retrySteps = 4;

const title = (verb: string) => verb.charAt(0).toUpperCase() + verb.slice(1);

// Models pkg/controller/statefulset/stateful_pod_control.go StatefulPodControl.
/** Pod and claim operations of the StatefulSet controller, over the clientset and the pod and claim listers. */
export class StatefulPodControl {
  constructor(
    private readonly client: KubeClient,
    private readonly podLister: Lister<Pod>,
    private readonly claimLister: Lister<PersistentVolumeClaim>,
    private readonly recorder: EventRecorder,
  ) {}

  /** Creates the pod's claims, then the pod, then sets the claims' retention ownerRefs. */
  *createStatefulPod(set: StatefulSet, pod: Pod): Co<void> {
    try {
      yield* this.createPersistentVolumeClaims(set, pod);
    } catch (e) {
      this.recordPodEvent('create', set, pod, e);
      throw e;
    }
    let err: unknown;
    try {
      yield* this.client.create(pods, pod.metadata.namespace ?? '', { apiVersion: 'v1', kind: 'Pod', ...pod });
    } catch (e) {
      err = e;
    }
    // Already exists: no event.
    if (isAlreadyExists(err)) throw err;
    try {
      yield* this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent('update', set, pod, e);
      throw e;
    }
    this.recordPodEvent('create', set, pod, err);
    if (err !== undefined) throw err;
  }

  /** Conforms the pod's identity, storage and claim refs to the set, updating it if anything changed. */
  *updateStatefulPod(set: StatefulSet, podIn: Pod): Co<void> {
    let pod = podIn;
    let attemptedUpdate = false;
    let err: unknown;
    for (let attempt = 0; ; attempt++) {
      err = undefined;
      try {
        let consistent = true;
        if (!identityMatches(set, pod)) {
          updateIdentity(set, pod);
          consistent = false;
        }
        if (!storageMatches(set, pod)) {
          updateStorage(set, pod);
          consistent = false;
          try {
            yield* this.createPersistentVolumeClaims(set, pod);
          } catch (e) {
            this.recordPodEvent('update', set, pod, e);
            throw e;
          }
        }
        let match: boolean;
        try {
          match = yield* this.claimsMatchRetentionPolicy(set, pod);
          if (!match) {
            yield* this.updatePodClaimForRetentionPolicy(set, pod);
            consistent = false;
          }
        } catch (e) {
          this.recordPodEvent('update', set, pod, e);
          throw e;
        }
        if (consistent) return;
        attemptedUpdate = true;
        try {
          yield* this.client.update(pods, pod.metadata.namespace ?? '', pod);
        } catch (e) {
          const fresh = this.podLister.get(set.metadata.namespace ?? '', pod.metadata.name!);
          if (fresh) pod = structuredClone(fresh);
          throw e;
        }
      } catch (e) {
        err = e;
      }
      if (err === undefined || !isConflict(err) || attempt + 1 >= retrySteps) break;
    }
    if (attemptedUpdate) this.recordPodEvent('update', set, pod, err);
    if (err !== undefined) throw err;
  }

  *deleteStatefulPod(set: StatefulSet, pod: Pod): Co<void> {
    let err: unknown;
    try {
      yield* this.client.delete(pods, pod.metadata.namespace ?? '', pod.metadata.name!);
    } catch (e) {
      err = e;
    }
    this.recordPodEvent('delete', set, pod, err);
    if (err !== undefined) throw err;
  }

  // Models stateful_pod_control.go ClaimsMatchRetentionPolicy.
  /** Whether every existing claim of the pod has the ownerRefs the retention policy wants. */
  *claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): Co<boolean> {
    const ordinal = getOrdinal(pod);
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const claim = this.claimLister.get(set.metadata.namespace ?? '', getPersistentVolumeClaimName(set, tmpl, ordinal));
      // A missing claim is picked up on a later sync.
      if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
    }
    return true;
  }

  // Models stateful_pod_control.go UpdatePodClaimForRetentionPolicy.
  /** Rewrites the ownerRefs of the pod's claims for the retention policy. */
  *updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): Co<void> {
    const ordinal = getOrdinal(pod);
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const claimName = getPersistentVolumeClaimName(set, tmpl, ordinal);
      const cached = this.claimLister.get(set.metadata.namespace ?? '', claimName);
      if (!cached) continue;
      if (hasUnexpectedController(cached, set, pod)) {
        this.recorder.event(set, 'Warning', 'ConflictingController', `PersistentVolumeClaim ${claimName} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`);
      }
      if (isClaimOwnerUpToDate(cached, set, pod)) continue;
      const claim = structuredClone(cached);
      updateClaimOwnerRefForSetAndPod(claim, set, pod);
      try {
        yield* this.client.update(pvcs, claim.metadata.namespace ?? '', claim);
      } catch (e) {
        throw new Error(`could not update claim ${claimName} for delete policy ownerRefs: ${errorText(e)}`);
      }
    }
  }

  // Models stateful_pod_control.go PodClaimIsStale.
  /** Whether a claim of the pod still belongs to a deleted pod of the same name (only when scale-down deletes claims). */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (getPersistentVolumeClaimRetentionPolicy(set).whenScaled === 'Retain') return false;
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const pvc = this.claimLister.get(claim.metadata.namespace ?? '', claim.metadata.name!);
      if (pvc && hasStaleOwnerRef(pvc, pod, podKind)) return true;
    }
    return false;
  }

  // Models stateful_pod_control.go createMissingPersistentVolumeClaims.
  *createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): Co<void> {
    yield* this.createPersistentVolumeClaims(set, pod);
    try {
      yield* this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (e) {
      this.recordPodEvent('update', set, pod, e);
      throw e;
    }
  }

  // Models stateful_pod_control.go createPersistentVolumeClaims.
  /** Creates the pod's claims that do not exist; a claim being deleted is an error. */
  *createPersistentVolumeClaims(set: StatefulSet, pod: Pod): Co<void> {
    const errs: unknown[] = [];
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const pvc = this.claimLister.get(claim.metadata.namespace ?? '', claim.metadata.name!);
      if (!pvc) {
        let err: unknown;
        try {
          yield* this.client.create(pvcs, claim.metadata.namespace ?? '', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...claim });
        } catch (e) {
          err = e;
          errs.push(new Error(`failed to create PVC ${claim.metadata.name}: ${errorText(e)}`));
        }
        if (err === undefined || !isAlreadyExists(err)) this.recordClaimEvent('create', set, pod, claim, err);
      } else if (pvc.metadata.deletionTimestamp) {
        errs.push(new Error(`pvc ${claim.metadata.name} is being deleted`));
      }
    }
    if (errs.length) throw new Aggregate(errs);
  }

  private recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err: unknown): void {
    if (err === undefined) this.recorder.event(set, 'Normal', `Successful${title(verb)}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    else this.recorder.event(set, 'Warning', `Failed${title(verb)}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`);
  }

  private recordClaimEvent(verb: string, set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err: unknown): void {
    if (err === undefined) this.recorder.event(set, 'Normal', `Successful${title(verb)}`, `${verb} Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
    else this.recorder.event(set, 'Warning', `Failed${title(verb)}`, `${verb} Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`);
  }
}

