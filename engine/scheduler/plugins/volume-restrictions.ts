// VolumeRestrictions, as pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go:
// the same GCE PD, AWS EBS, RBD image or iSCSI target cannot be mounted read-write by two pods on
// one node, and a ReadWriteOncePod claim already used by a scheduled pod blocks the pod everywhere.

import type { Pod, Volume } from '../../api/types/core';
import { type CycleState, errReadingState } from '../framework/cycle-state';
import type { FilterPlugin, Handle, PluginFactory, PreFilterExtensions, PreFilterPlugin, PreFilterResult } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { Status } from '../framework/status';
import { names } from './names';

/** volumerestrictions.ErrReasonDiskConflict. */
export const ErrReasonDiskConflict = 'node(s) had no available disk';
/** volumerestrictions.ErrReasonReadWriteOncePodConflict. */
export const ErrReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const preFilterStateKey = `PreFilter${names.VolumeRestrictions}`;

class PreFilterState {
  constructor(
    /** Names of the pod's claims with the ReadWriteOncePod access mode. */
    readonly readWriteOncePodPVCs: Set<string>,
    /** How many scheduled pods use those claims; AddPod/RemovePod keep it current. */
    public conflictingPVCRefCount: number,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.readWriteOncePodPVCs, this.conflictingPVCRefCount);
  }

  updateWithPod(pi: PodInfo, multiplier: 1 | -1): void {
    const uses = (pi.pod.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim && this.readWriteOncePodPVCs.has(v.persistentVolumeClaim.claimName));
    this.conflictingPVCRefCount += multiplier * uses.length;
  }
}

function needsRestrictionsCheck(v: Volume): boolean {
  return !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);
}

function haveOverlap(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const s = new Set(a ?? []);
  return (b ?? []).some((x) => s.has(x));
}

// Models pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go (isVolumeConflict)
function isVolumeConflict(v: Volume, pod: Pod): boolean {
  for (const ev of pod.spec?.volumes ?? []) {
    if (v.gcePersistentDisk && ev.gcePersistentDisk) {
      const [d, e] = [v.gcePersistentDisk, ev.gcePersistentDisk];
      if (d.pdName === e.pdName && !(d.readOnly && e.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && ev.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === ev.awsElasticBlockStore.volumeID) return true;
    if (v.iscsi && ev.iscsi && v.iscsi.iqn === ev.iscsi.iqn && !(v.iscsi.readOnly && ev.iscsi.readOnly)) return true;
    if (v.rbd && ev.rbd) {
      const [r, e] = [v.rbd, ev.rbd];
      const samePool = (r.pool ?? '') === (e.pool ?? '') && r.image === e.image;
      if (haveOverlap(r.monitors, e.monitors) && samePool && !(r.readOnly && e.readOnly)) return true;
    }
  }
  return false;
}

// Models pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go
/** VolumeRestrictions: disk conflicts per node, ReadWriteOncePod conflicts cluster-wide. */
export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin, PreFilterExtensions {
  readonly name = names.VolumeRestrictions;

  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    const needsCheck = (pod.spec?.volumes ?? []).some(needsRestrictionsCheck);
    const pvcs = new Set<string>();
    for (const v of pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const get = this.handle.listers.getPersistentVolumeClaim;
      const pvc = get?.(pod.metadata.namespace ?? '', v.persistentVolumeClaim.claimName);
      if (get && !pvc) return [null, Status.new('UnschedulableAndUnresolvable', `persistentvolumeclaim "${v.persistentVolumeClaim.claimName}" not found`)];
      if (pvc?.spec?.accessModes?.includes('ReadWriteOncePod')) pvcs.add(pvc.metadata.name ?? '');
    }
    const storage = this.handle.snapshotSharedLister().storageInfos();
    const conflicts = [...pvcs].filter((name) => storage.isPVCUsedByPods(`${pod.metadata.namespace ?? ''}/${name}`)).length;
    if (!needsCheck && conflicts === 0) return [null, Status.new('Skip')];
    state.write(preFilterStateKey, new PreFilterState(pvcs, conflicts));
    return [null, null];
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, _pod: Pod, podInfoToAdd: PodInfo): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.asStatus(errReadingState(preFilterStateKey));
    s.updateWithPod(podInfoToAdd, 1);
    return null;
  }

  removePod(state: CycleState, _pod: Pod, podInfoToRemove: PodInfo): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.asStatus(errReadingState(preFilterStateKey));
    s.updateWithPod(podInfoToRemove, -1);
    return null;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const conflict = (pod.spec?.volumes ?? []).some((v) => needsRestrictionsCheck(v) && nodeInfo.pods.some((pi) => isVolumeConflict(v, pi.pod)));
    if (conflict) return Status.new('Unschedulable', ErrReasonDiskConflict);
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.asStatus(errReadingState(preFilterStateKey));
    return s.conflictingPVCRefCount > 0 ? Status.new('Unschedulable', ErrReasonReadWriteOncePodConflict) : null;
  }
}

/** The plugin's factory for the registry. */
export const newVolumeRestrictions: PluginFactory = (_args, handle) => new VolumeRestrictions(handle);
