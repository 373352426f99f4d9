// The pods nominated to nodes by preemption, waiting for their victims to go away.

import type { Pod } from '../../api/types/core';
import type { NominatingInfo } from '../framework';
import { podUID } from './queued-pod-info';

/** Looks a pod up in the informer cache, to check it still exists and is still unbound. */
export type PodLister = (namespace: string, name: string) => Pod | undefined;

/** A nominated pod as the nominator remembers it: enough to find it again. */
export interface PodRef {
  name: string;
  namespace: string;
  uid: string;
}

// Models pkg/scheduler/backend/queue/nominator.go
/** Nominator: which pods are nominated to run on which node, so filters account for them before they bind. */
export class Nominator {
  /** Node name → nominated pods, in nomination order. */
  readonly nominatedPods = new Map<string, PodRef[]>();
  /** Pod uid → the node it is nominated to. */
  readonly nominatedPodToNode = new Map<string, string>();

  constructor(private readonly podLister?: PodLister) {}

  /** Nominates the pod: to nominatingInfo's node in Override mode, else to status.nominatedNodeName. */
  addNominatedPod(pod: Pod, nominatingInfo?: NominatingInfo): void {
    this.deleteNominatedPodIfExists(pod);
    const mode = nominatingInfo?.nominatingMode ?? 'Noop';
    const nodeName = mode === 'Override' ? nominatingInfo!.nominatedNodeName : (pod.status?.nominatedNodeName ?? '');
    if (nodeName === '') return;
    if (this.podLister) {
      // A pod deleted or already bound since this nomination was decided is not nominated.
      const current = this.podLister(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      if (!current || current.spec?.nodeName) return;
    }
    const uid = podUID(pod);
    this.nominatedPodToNode.set(uid, nodeName);
    const list = this.nominatedPods.get(nodeName) ?? [];
    if (list.some((r) => r.uid === uid)) return;
    list.push({ name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', uid });
    this.nominatedPods.set(nodeName, list);
  }

  /** Replaces oldPod with newPod, keeping an in-memory nomination when neither version names a node. */
  updateNominatedPod(oldPod: Pod | undefined, newPod: Pod): void {
    let info: NominatingInfo | undefined;
    const old = oldPod ?? newPod;
    if (!old.status?.nominatedNodeName && !newPod.status?.nominatedNodeName) {
      // An update without a nominated node can race with the nomination preemption just made.
      const nnn = this.nominatedPodToNode.get(podUID(old));
      if (nnn !== undefined) info = { nominatingMode: 'Override', nominatedNodeName: nnn };
    }
    this.deleteNominatedPodIfExists(old);
    this.addNominatedPod(newPod, info);
  }

  /** Forgets the pod's nomination, if any. */
  deleteNominatedPodIfExists(pod: Pod): void {
    const uid = podUID(pod);
    const nnn = this.nominatedPodToNode.get(uid);
    if (nnn === undefined) return;
    const rest = (this.nominatedPods.get(nnn) ?? []).filter((r) => r.uid !== uid);
    if (rest.length === 0) this.nominatedPods.delete(nnn);
    else this.nominatedPods.set(nnn, rest);
    this.nominatedPodToNode.delete(uid);
  }

  /** The pods nominated to the node, in nomination order (a copy). */
  nominatedPodsForNode(nodeName: string): PodRef[] {
    return [...(this.nominatedPods.get(nodeName) ?? [])];
  }
}
