// VolumeBinding, as pkg/scheduler/framework/plugins/volumebinding/volume_binding.go, read-only: a pod
// with an unbound Immediate claim waits (UnschedulableAndUnresolvable) for the PV controller; bound
// claims pin the pod to where their PVs can be reached; WaitForFirstConsumer claims need a matching
// PV or a provisioner for the node. What it would bind is kept in the cycle state for the binder.

import type { Pod } from '../../../api/types/core';
import { type CycleState, errReadingState } from '../../framework/cycle-state';
import type { FilterPlugin, Handle, PluginFactory, PreFilterPlugin, PreFilterResult, PreScorePlugin, ReservePlugin, ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { Status } from '../../framework/status';
import { names } from '../names';
import { type PodVolumeClaims, type PodVolumes, claimNameOf, findPodVolumes, getEligibleNodes, getPodVolumeClaims } from './binder';

const stateKey = names.VolumeBinding;

/** The Status reason of a pod whose Immediate claims the PV controller has not bound yet. */
export const ErrReasonUnboundImmediatePVCs = 'pod has unbound immediate PersistentVolumeClaims';

/** The cycle state: the pod's classified claims, and what would be bound per node. */
export class VolumeBindingState {
  constructor(
    readonly podVolumeClaims: PodVolumeClaims | undefined,
    readonly podVolumesByNode = new Map<string, PodVolumes>(),
  ) {}

  /** Shared, as upstream: the per-node decisions are written during Filter and read at Reserve. */
  clone(): VolumeBindingState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (VolumeBinding)
/** VolumeBinding: PreFilter/Filter over the pod's claims; Reserve records the chosen node's bindings; Score is off (StorageCapacityScoring is alpha). */
export class VolumeBinding implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ReservePlugin {
  readonly name = names.VolumeBinding;

  constructor(private readonly handle: Handle) {}

  // Models pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (podHasPVCs)
  private podHasPVCs(pod: Pod): { hasPVC: boolean; err?: string } {
    let hasPVC = false;
    for (const v of pod.spec?.volumes ?? []) {
      const claim = claimNameOf(pod, v);
      if (!claim) continue;
      hasPVC = true;
      const pvc = this.handle.listers.getPersistentVolumeClaim?.(pod.metadata.namespace ?? '', claim.name);
      if (!pvc) {
        // Right after a pod with an ephemeral volume is created, its claim not existing yet is normal.
        if (claim.ephemeral) return { hasPVC, err: `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claim.name}"` };
        return { hasPVC, err: `persistentvolumeclaim "${claim.name}" not found` };
      }
      if (pvc.status?.phase === 'Lost') return { hasPVC, err: `persistentvolumeclaim "${claim.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"` };
      if (pvc.metadata.deletionTimestamp) return { hasPVC, err: `persistentvolumeclaim "${claim.name}" is being deleted` };
      if (claim.ephemeral && !(pvc.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === pod.metadata.uid)) {
        return { hasPVC, err: `PVC ${pvc.metadata.namespace ?? ''}/${claim.name} was not created for pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} (pod is not owner)` };
      }
    }
    return { hasPVC };
  }

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    const { hasPVC, err } = this.podHasPVCs(pod);
    if (err) return [null, Status.new('UnschedulableAndUnresolvable', err)];
    if (!hasPVC) {
      state.write(stateKey, new VolumeBindingState(undefined));
      return [null, Status.new('Skip')];
    }
    let claims: PodVolumeClaims;
    try {
      claims = getPodVolumeClaims(pod, this.handle.listers);
    } catch (e) {
      return [null, Status.asStatus(e as Error)];
    }
    if (claims.unboundClaimsImmediate.length > 0) {
      const s = Status.new('UnschedulableAndUnresolvable');
      s.appendReason(ErrReasonUnboundImmediatePVCs);
      return [null, s];
    }
    state.write(stateKey, new VolumeBindingState(claims));
    const eligible = getEligibleNodes(claims.boundClaims, this.handle.listers);
    return [eligible ? { nodeNames: eligible } : null, null];
  }

  preFilterExtensions(): null {
    return null;
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read<VolumeBindingState>(stateKey);
    if (!s) return Status.asStatus(errReadingState(stateKey, 'reading'));
    if (!s.podVolumeClaims) return null;
    const node = nodeInfo.node()!;
    const { podVolumes, reasons } = findPodVolumes(s.podVolumeClaims, node, this.handle.listers);
    if (reasons.length > 0) return Status.new('UnschedulableAndUnresolvable', ...reasons);
    s.podVolumesByNode.set(nodeInfo.nodeName(), podVolumes);
    return null;
  }

  /** Scoring by storage capacity needs the alpha StorageCapacityScoring gate; off, PreScore skips. */
  preScore(): Status | null {
    return Status.new('Skip');
  }

  score(): [number, Status | null] {
    return [0, null];
  }

  scoreExtensions(): null {
    return null;
  }

  reserve(state: CycleState, _pod: Pod, nodeName: string): Status | null {
    const s = state.read<VolumeBindingState>(stateKey);
    if (!s) return Status.asStatus(errReadingState(stateKey, 'reading'));
    // Upstream assumes the PV/PVC bindings here; the chosen node's plan stays in the state for PreBind.
    return null;
  }

  unreserve(): void {}

  /** The bindings and provisions the chosen node needs, for the lead's PreBind to write. */
  static podVolumesFor(state: CycleState, nodeName: string): PodVolumes | undefined {
    return state.read<VolumeBindingState>(stateKey)?.podVolumesByNode.get(nodeName);
  }
}

/** The plugin's factory for the registry. */
export const newVolumeBinding: PluginFactory = (_args, handle) => new VolumeBinding(handle);
