// VolumeZone, as pkg/scheduler/framework/plugins/volumezone/volume_zone.go: a pod whose bound
// PersistentVolumes carry zone/region labels fits only on nodes in one of those zones/regions.

import type { PersistentVolume, Pod } from '../../api/types/core';
import type { CycleState } from '../framework/cycle-state';
import type { FilterPlugin, Handle, PluginFactory, PreFilterPlugin, PreFilterResult } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { LabelFailureDomainBetaRegion, LabelFailureDomainBetaZone, LabelTopologyRegion, LabelTopologyZone } from '../framework/snapshot';
import { Status } from '../framework/status';
import { names } from './names';

/** volumezone.ErrReasonConflict. */
export const ErrReasonVolumeZoneConflict = 'node(s) had no available volume zone';

const preFilterStateKey = `PreFilter${names.VolumeZone}`;

/** The labels a PV's topology is read from, in upstream's order. */
const topologyLabels = [LabelFailureDomainBetaZone, LabelFailureDomainBetaRegion, LabelTopologyZone, LabelTopologyRegion];

const toGALabel: Record<string, string> = { [LabelFailureDomainBetaZone]: LabelTopologyZone, [LabelFailureDomainBetaRegion]: LabelTopologyRegion };

interface PVTopology {
  pvName: string;
  key: string;
  values: Set<string>;
}

class PreFilterState {
  constructor(readonly podPVTopologies: PVTopology[]) {}
  clone(): PreFilterState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/volumezone/volume_zone.go (getPVTopologies)
function getPVTopologies(pv: PersistentVolume): PVTopology[] {
  const labels = pv.metadata.labels ?? {};
  // volumehelpers.LabelZonesToSet: a multi-zone value is zones joined by "__".
  return topologyLabels.filter((k) => Object.hasOwn(labels, k)).map((key) => ({ pvName: pv.metadata.name ?? '', key, values: new Set(labels[key].split('__')) }));
}

const notFound = (resource: string, name: string) => Status.new('UnschedulableAndUnresolvable', `${resource} "${name}" not found`);

// Models pkg/scheduler/framework/plugins/volumezone/volume_zone.go
/** VolumeZone: matches the zone labels of the pod's bound volumes against the node's. */
export class VolumeZone implements PreFilterPlugin, FilterPlugin {
  readonly name = names.VolumeZone;

  constructor(private readonly handle: Handle) {}

  // Models pkg/scheduler/framework/plugins/volumezone/volume_zone.go (getPVbyPod)
  private getPVbyPod(pod: Pod): { topologies: PVTopology[]; status?: Status } {
    const l = this.handle.listers;
    const topologies: PVTopology[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const pvcName = v.persistentVolumeClaim.claimName;
      if (pvcName === '') return { topologies, status: Status.new('UnschedulableAndUnresolvable', 'PersistentVolumeClaim had no name') };
      const pvc = l.getPersistentVolumeClaim?.(pod.metadata.namespace ?? '', pvcName);
      if (!pvc) return { topologies, status: notFound('persistentvolumeclaim', pvcName) };
      const pvName = pvc.spec?.volumeName ?? '';
      if (pvName === '') {
        const scName = pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
        if (scName === '') return { topologies, status: Status.new('UnschedulableAndUnresolvable', 'PersistentVolumeClaim had no pv name and storageClass name') };
        const sc = l.getStorageClass?.(scName);
        if (!sc) return { topologies, status: notFound('storageclass.storage.k8s.io', scName) };
        if (!sc.volumeBindingMode) return { topologies, status: Status.new('UnschedulableAndUnresolvable', `VolumeBindingMode not set for StorageClass "${scName}"`) };
        // An unbound claim waiting for its first consumer has no zone yet.
        if (sc.volumeBindingMode === 'WaitForFirstConsumer') continue;
        return { topologies, status: Status.new('UnschedulableAndUnresolvable', 'PersistentVolume had no name') };
      }
      const pv = l.getPersistentVolume?.(pvName);
      if (!pv) return { topologies, status: notFound('persistentvolume', pvName) };
      topologies.push(...getPVTopologies(pv));
    }
    return { topologies };
  }

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    const { topologies, status } = this.getPVbyPod(pod);
    if (status) return [null, status];
    if (topologies.length === 0) return [null, Status.new('Skip')];
    state.write(preFilterStateKey, new PreFilterState(topologies));
    return [null, null];
  }

  preFilterExtensions(): null {
    return null;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    if ((pod.spec?.volumes ?? []).length === 0) return null;
    let s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) {
      const r = this.getPVbyPod(pod);
      if (r.status) return r.status;
      s = new PreFilterState(r.topologies);
    }
    const labels = nodeInfo.node()?.metadata.labels ?? {};
    // A node without zone labels takes any volume.
    if (!topologyLabels.some((k) => Object.hasOwn(labels, k))) return null;
    for (const t of s.podPVTopologies) {
      // A PV's beta label also matches the node's GA label.
      const v = Object.hasOwn(labels, t.key) ? labels[t.key] : toGALabel[t.key] && Object.hasOwn(labels, toGALabel[t.key]) ? labels[toGALabel[t.key]] : undefined;
      if (v === undefined || !t.values.has(v)) return Status.new('UnschedulableAndUnresolvable', ErrReasonVolumeZoneConflict);
    }
    return null;
  }
}

/** The plugin's factory for the registry. */
export const newVolumeZone: PluginFactory = (_args, handle) => new VolumeZone(handle);
