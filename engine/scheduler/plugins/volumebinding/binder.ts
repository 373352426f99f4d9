// The scheduler's volume binder, as pkg/scheduler/framework/plugins/volumebinding/binder.go, read-only
// and simplified: it classifies a pod's claims (bound, unbound Immediate, unbound
// WaitForFirstConsumer), checks bound PVs' node affinity, and for delayed claims looks for a
// matching Available PV on the node or a provisioner allowed in the node's topology. It does not
// assume or bind anything (no assume cache, no PreBind API writes) and ignores CSIStorageCapacity.

import { goCompare, labelSelectorAsSelector } from '../../../api/labels';
import { parseQuantity } from '../../../api/quantity';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core';
import type { ClusterListers } from '../../framework/interface';
import { LazyErrorNodeSelector, matchTopologySelectorTerms } from '../../framework/nodeaffinity';
import { LabelHostname } from '../../framework/snapshot';

/** volume.AnnBindCompleted: the PV controller marks a claim whose binding it finished. */
export const AnnBindCompleted = 'pv.kubernetes.io/bind-completed';
/** volume.AnnSelectedNode: the node a delayed claim's provisioning was started for. */
export const AnnSelectedNode = 'volume.kubernetes.io/selected-node';
/** The provisioner name of classes that never provision (local volumes). */
export const NotSupportedProvisioner = 'kubernetes.io/no-provisioner';

/** volumebinding.ConflictReason: the FailedScheduling texts of VolumeBinding's Filter. */
export const ConflictReason = {
  ErrReasonBindConflict: "node(s) didn't find available persistent volumes to bind",
  ErrReasonNodeConflict: 'node(s) had volume node affinity conflict',
  ErrReasonNotEnoughSpace: 'node(s) did not have enough free storage',
  ErrReasonPVNotExist: 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
} as const;

/** volumebinding.PodVolumeClaims: the pod's claims by binding state. */
export interface PodVolumeClaims {
  boundClaims: PersistentVolumeClaim[];
  unboundClaimsDelayBinding: PersistentVolumeClaim[];
  unboundClaimsImmediate: PersistentVolumeClaim[];
  /** Storage class → the PVs of that class, for the delayed claims. */
  unboundVolumesDelayBinding: Map<string, PersistentVolume[]>;
}

/** What FindPodVolumes decided for one node: the PVs it would bind (static) and the claims it would provision. */
export interface PodVolumes {
  staticBindings: { pvc: PersistentVolumeClaim; pv: PersistentVolume }[];
  dynamicProvisions: PersistentVolumeClaim[];
}

// Models k8s.io/component-helpers/storage/ephemeral/ephemeral.go (VolumeClaimName)
/** The claim name of a generic ephemeral volume: <pod name>-<volume name>. */
export function ephemeralClaimName(pod: Pod, volumeName: string): string {
  return `${pod.metadata.name ?? ''}-${volumeName}`;
}

// Models k8s.io/component-helpers/storage/volume/helpers.go (GetPersistentVolumeClaimClass)
/** The claim's storage class: the beta annotation first, then spec.storageClassName. */
export function getPersistentVolumeClaimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

function getPersistentVolumeClass(pv: PersistentVolume): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

// Models pkg/volume/util/util.go (CheckNodeAffinity)
/** Whether the PV's required node affinity admits the node's labels (no affinity: yes). */
export function checkNodeAffinity(pv: PersistentVolume, nodeLabels: Record<string, string> | undefined): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  // Upstream matches a node carrying only the labels, so matchFields on metadata.name never apply.
  return new LazyErrorNodeSelector(required).match({ metadata: { labels: nodeLabels ?? {} } } as Node).match;
}

// Models pkg/scheduler/framework/plugins/volumebinding/binder.go (isPVCFullyBound)
/** A claim is bound once it names its volume and the PV controller marked the binding complete. */
export function isPVCFullyBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && Object.hasOwn(pvc.metadata.annotations ?? {}, AnnBindCompleted);
}

/** The PVC a volume uses, by name, or undefined for a volume without one. */
export function claimNameOf(pod: Pod, v: NonNullable<NonNullable<Pod['spec']>['volumes']>[number]): { name: string; ephemeral: boolean } | undefined {
  if (v.persistentVolumeClaim) return { name: v.persistentVolumeClaim.claimName, ephemeral: false };
  if (v.ephemeral) return { name: ephemeralClaimName(pod, v.name), ephemeral: true };
  return undefined;
}

// Models pkg/scheduler/framework/plugins/volumebinding/binder.go (GetPodVolumeClaims)
/** Sorts the pod's claims into bound, unbound Immediate and unbound WaitForFirstConsumer; throws on a missing claim or class. */
export function getPodVolumeClaims(pod: Pod, listers: ClusterListers): PodVolumeClaims {
  const out: PodVolumeClaims = { boundClaims: [], unboundClaimsDelayBinding: [], unboundClaimsImmediate: [], unboundVolumesDelayBinding: new Map() };
  const ns = pod.metadata.namespace ?? '';
  for (const v of pod.spec?.volumes ?? []) {
    const claim = claimNameOf(pod, v);
    if (!claim) continue;
    const pvc = listers.getPersistentVolumeClaim?.(ns, claim.name);
    if (!pvc) throw new Error(`error getting PVC "${ns}/${claim.name}": persistentvolumeclaim "${claim.name}" not found`);
    if (isPVCFullyBound(pvc)) {
      out.boundClaims.push(pvc);
      continue;
    }
    const className = getPersistentVolumeClaimClass(pvc);
    const cls = className === '' ? undefined : listers.getStorageClass?.(className);
    if (className !== '' && !cls) throw new Error(`failed to find storage class "${className}"`);
    const delay = cls?.volumeBindingMode === 'WaitForFirstConsumer';
    // A pre-bound claim (volumeName set, binding not completed) waits like an Immediate one.
    if (delay && !pvc.spec?.volumeName) out.unboundClaimsDelayBinding.push(pvc);
    else out.unboundClaimsImmediate.push(pvc);
  }
  for (const pvc of out.unboundClaimsDelayBinding) {
    const cls = getPersistentVolumeClaimClass(pvc);
    out.unboundVolumesDelayBinding.set(cls, (listers.listPersistentVolumes?.() ?? []).filter((pv) => getPersistentVolumeClass(pv) === cls));
  }
  return out;
}

// Models pkg/scheduler/framework/plugins/volumebinding/binder.go (GetEligibleNodes)
/** The nodes the bound claims' local PVs pin the pod to (hostname In terms), intersected; undefined: no restriction. */
export function getEligibleNodes(boundClaims: readonly PersistentVolumeClaim[], listers: ClusterListers): Set<string> | undefined {
  let eligible: Set<string> | undefined;
  for (const pvc of boundClaims) {
    const pv = listers.getPersistentVolume?.(pvc.spec?.volumeName ?? '');
    if (!pv) continue;
    const nodeNames = localPersistentVolumeNodeNames(pv);
    if (nodeNames.length === 0) continue;
    eligible = eligible === undefined ? new Set(nodeNames) : new Set(nodeNames.filter((n) => eligible!.has(n)));
  }
  return eligible;
}

// Models pkg/volume/util/util.go (GetLocalPersistentVolumeNodeNames)
function localPersistentVolumeNodeNames(pv: PersistentVolume): string[] {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return [];
  const result = new Set<string>();
  for (const t of terms) {
    let nodes: Set<string> | undefined;
    for (const e of t.matchExpressions ?? []) {
      if (e.key !== LabelHostname || e.operator !== 'In') continue;
      const s = new Set(e.values ?? []);
      nodes = nodes === undefined ? s : new Set([...nodes].filter((n) => s.has(n)));
    }
    for (const n of nodes ?? []) result.add(n);
  }
  return [...result].sort(goCompare);
}

function storageRequest(pvc: PersistentVolumeClaim): number {
  const s = pvc.spec?.resources?.requests?.storage;
  return s ? parseQuantity(s).value() : 0;
}

function capacityOf(pv: PersistentVolume): number {
  const s = pv.spec?.capacity?.storage;
  return s ? parseQuantity(s).value() : 0;
}

// Models k8s.io/component-helpers/storage/volume/pv_helpers.go (FindMatchingVolume), simplified
/** The smallest Available PV of the claim's class that fits its request, access modes, selector and the node; a PV pre-bound to the claim wins. */
export function findMatchingVolume(pvc: PersistentVolumeClaim, pvs: readonly PersistentVolume[], node: Node, excluded: ReadonlySet<string>): PersistentVolume | undefined {
  const request = storageRequest(pvc);
  const selector = pvc.spec?.selector ? labelSelectorAsSelector(pvc.spec.selector) : undefined;
  const modes = pvc.spec?.accessModes ?? [];
  let best: PersistentVolume | undefined;
  for (const pv of pvs) {
    if (excluded.has(pv.metadata.name ?? '')) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) continue;
    const ref = pv.spec?.claimRef;
    const preBound = ref && ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid);
    if (!checkNodeAffinity(pv, node.metadata.labels)) continue;
    if (preBound) return pv;
    if (ref || (pv.status?.phase && pv.status.phase !== 'Available')) continue;
    if (selector && !selector.matches(pv.metadata.labels ?? {})) continue;
    if (!modes.every((m) => pv.spec?.accessModes?.includes(m))) continue;
    const cap = capacityOf(pv);
    if (cap < request) continue;
    if (!best || cap < capacityOf(best)) best = pv;
  }
  return best;
}

/** findPodVolumes' verdict for one node. */
export interface FindResult {
  podVolumes: PodVolumes;
  reasons: string[];
}

// Models pkg/scheduler/framework/plugins/volumebinding/binder.go (FindPodVolumes)
/** Whether the pod's claims can be satisfied on the node, and why not. */
export function findPodVolumes(claims: PodVolumeClaims, node: Node, listers: ClusterListers): FindResult {
  let boundSatisfied = true;
  let boundPVsFound = true;
  let unboundSatisfied = true;
  const podVolumes: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
  for (const pvc of claims.boundClaims) {
    const pv = listers.getPersistentVolume?.(pvc.spec?.volumeName ?? '');
    if (!pv) {
      boundPVsFound = false;
      break;
    }
    if (!checkNodeAffinity(pv, node.metadata.labels)) {
      boundSatisfied = false;
      break;
    }
  }
  if (claims.unboundClaimsDelayBinding.length > 0) unboundSatisfied = findUnbound(claims, node, listers, podVolumes);
  const reasons: string[] = [];
  if (!boundSatisfied) reasons.push(ConflictReason.ErrReasonNodeConflict);
  if (!unboundSatisfied) reasons.push(ConflictReason.ErrReasonBindConflict);
  if (!boundPVsFound) reasons.push(ConflictReason.ErrReasonPVNotExist);
  return { podVolumes, reasons };
}

function findUnbound(claims: PodVolumeClaims, node: Node, listers: ClusterListers, podVolumes: PodVolumes): boolean {
  const toProvision: PersistentVolumeClaim[] = [];
  const chosen = new Set<string>();
  for (const pvc of claims.unboundClaimsDelayBinding) {
    const selected = pvc.metadata.annotations?.[AnnSelectedNode];
    if (selected !== undefined) {
      // Provisioning already started for some node: only that one will do.
      if (selected !== node.metadata.name) return false;
      toProvision.push(pvc);
      continue;
    }
    const pv = findMatchingVolume(pvc, claims.unboundVolumesDelayBinding.get(getPersistentVolumeClaimClass(pvc)) ?? [], node, chosen);
    if (pv) {
      chosen.add(pv.metadata.name ?? '');
      podVolumes.staticBindings.push({ pvc, pv });
    } else toProvision.push(pvc);
  }
  for (const pvc of toProvision) {
    const cls = listers.getStorageClass?.(getPersistentVolumeClaimClass(pvc));
    if (!cls || !cls.provisioner || cls.provisioner === NotSupportedProvisioner) return false;
    if (!matchTopologySelectorTerms(cls.allowedTopologies, node.metadata.labels ?? {})) return false;
    podVolumes.dynamicProvisions.push(pvc);
  }
  return true;
}
