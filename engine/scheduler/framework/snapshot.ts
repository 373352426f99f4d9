// The Snapshot of the cluster that one scheduling cycle reads, as pkg/scheduler/backend/cache
// (snapshot.go, node_tree.go): node infos in the node tree's order (zones interleaved, so that a
// partial search with percentageOfNodesToScore still spreads over zones), the nodes that have pods
// with affinity, and the PVCs in use.

import type { Node, Pod } from '../../api/types/core';
import { type GenerationSource, type ImageStateSummary, NodeInfo, newGenerationSource } from './node-info';

/** v1.LabelTopologyZone. */
export const LabelTopologyZone = 'topology.kubernetes.io/zone';
/** v1.LabelTopologyRegion. */
export const LabelTopologyRegion = 'topology.kubernetes.io/region';
/** v1.LabelFailureDomainBetaZone (deprecated, still read). */
export const LabelFailureDomainBetaZone = 'failure-domain.beta.kubernetes.io/zone';
/** v1.LabelFailureDomainBetaRegion (deprecated, still read). */
export const LabelFailureDomainBetaRegion = 'failure-domain.beta.kubernetes.io/region';
/** v1.LabelHostname. */
export const LabelHostname = 'kubernetes.io/hostname';

// Models k8s.io/component-helpers/node/topology/helpers.go (GetZoneKey)
/** The node's zone key: region and zone (GA labels, else beta ones) joined by ":\0:", or '' without either. */
export function getZoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  const zone = l[LabelTopologyZone] ?? l[LabelFailureDomainBetaZone] ?? '';
  const region = l[LabelTopologyRegion] ?? l[LabelFailureDomainBetaRegion] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

// Models pkg/scheduler/backend/cache/node_tree.go (nodeTree.list)
/** The node names in node-tree order: zones in the order first seen, one node from each zone in turn. */
export function nodeTreeOrder(nodes: readonly Node[]): string[] {
  const zones = new Map<string, string[]>();
  const seen = new Set<string>();
  let longest = 0;
  for (const n of nodes) {
    const name = n.metadata.name ?? '';
    // A name is listed once, in the zone it was first seen in (nodeTree.addNode ignores a repeat).
    if (seen.has(name)) continue;
    seen.add(name);
    const z = getZoneKey(n);
    let list = zones.get(z);
    if (!list) zones.set(z, (list = []));
    list.push(name);
    if (list.length > longest) longest = list.length;
  }
  const out: string[] = [];
  const lists = [...zones.values()];
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

// Models pkg/scheduler/backend/cache/snapshot.go (createImageExistenceMap, getNodeImageStates)
/** The node's images by every name, each with its size and on how many nodes (of `existence`) it is. */
export function imageStatesOf(node: Node, existence: Map<string, Set<string>>): Map<string, ImageStateSummary> {
  const out = new Map<string, ImageStateSummary>();
  for (const image of node.status?.images ?? []) {
    for (const name of image.names ?? []) out.set(name, { size: image.sizeBytes ?? 0, numNodes: existence.get(name)?.size ?? 0 });
  }
  return out;
}

function imageExistence(nodes: readonly Node[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const n of nodes) {
    for (const image of n.status?.images ?? []) {
      for (const name of image.names ?? []) m.set(name, (m.get(name) ?? new Set()).add(n.metadata.name ?? ''));
    }
  }
  return m;
}

/** framework.NodeInfoLister: the snapshot's nodes. */
export interface NodeInfoLister {
  /** Every node, in node-tree order. */
  list(): NodeInfo[];
  /** The nodes that have at least one pod with pod affinity or anti-affinity. */
  havePodsWithAffinityList(): NodeInfo[];
  /** The nodes that have at least one pod with required anti-affinity. */
  havePodsWithRequiredAntiAffinityList(): NodeInfo[];
  /** One node; throws `nodeinfo not found for node name "x"`. */
  get(nodeName: string): NodeInfo;
}

/** framework.StorageInfoLister. */
export interface StorageInfoLister {
  /** Whether some scheduled pod uses the PVC ("namespace/name"). */
  isPVCUsedByPods(key: string): boolean;
}

/** framework.SharedLister: what plugins read of the cluster's nodes and pods during a cycle. */
export interface SharedLister {
  nodeInfos(): NodeInfoLister;
  storageInfos(): StorageInfoLister;
}

// Models pkg/scheduler/backend/cache/snapshot.go (Snapshot)
/** cache.Snapshot: an immutable view of the nodes for one scheduling cycle. */
export class Snapshot implements SharedLister, NodeInfoLister, StorageInfoLister {
  private readonly nodeInfoMap = new Map<string, NodeInfo>();
  private nodeInfoList: NodeInfo[] = [];
  private havePodsWithAffinity: NodeInfo[] = [];
  private havePodsWithRequiredAntiAffinity: NodeInfo[] = [];
  private usedPVCSet = new Set<string>();
  /** The cache generation the snapshot was taken at (the cache's business). */
  generation = 0;

  /**
   * Builds a snapshot from node infos: `order` names them in node-tree order (a cache keeps it);
   * without it they are taken in the order given.
   */
  static fromNodeInfos(infos: readonly NodeInfo[], order?: readonly string[]): Snapshot {
    const s = new Snapshot();
    for (const ni of infos) if (ni.node()) s.nodeInfoMap.set(ni.nodeName(), ni);
    const names = order ?? infos.filter((ni) => ni.node()).map((ni) => ni.nodeName());
    s.nodeInfoList = names.flatMap((n) => (s.nodeInfoMap.has(n) ? [s.nodeInfoMap.get(n)!] : []));
    s.havePodsWithAffinity = s.nodeInfoList.filter((ni) => ni.podsWithAffinity.length > 0);
    s.havePodsWithRequiredAntiAffinity = s.nodeInfoList.filter((ni) => ni.podsWithRequiredAntiAffinity.length > 0);
    for (const ni of s.nodeInfoList) for (const k of ni.pvcRefCounts.keys()) s.usedPVCSet.add(k);
    return s;
  }

  /**
   * cache.NewSnapshot: node infos for the nodes with the pods bound to them (spec.nodeName) and
   * their image states. Nodes are listed in node-tree order of the order given; pods on nodes not
   * in the list are left out (upstream keeps a node-less info for them, which no plugin can use).
   */
  static from(pods: readonly Pod[], nodes: readonly Node[], generations: GenerationSource = newGenerationSource()): Snapshot {
    const infos = new Map<string, NodeInfo>();
    const existence = imageExistence(nodes);
    for (const n of nodes) {
      const ni = new NodeInfo([], generations);
      ni.setNode(n);
      ni.imageStates = imageStatesOf(n, existence);
      infos.set(n.metadata.name ?? '', ni);
    }
    for (const p of pods) infos.get(p.spec?.nodeName ?? '')?.addPod(p);
    return Snapshot.fromNodeInfos([...infos.values()], nodeTreeOrder(nodes));
  }

  /** The node infos by name, for the cache's UpdateSnapshot to change in place (the cache's business, as `generation`). */
  infoMap(): Map<string, NodeInfo> {
    return this.nodeInfoMap;
  }

  // Models pkg/scheduler/backend/cache/cache.go (updateNodeInfoSnapshotList)
  /**
   * Re-creates the lists of nodes with affinity pods and the PVCs in use from the node list; with
   * `order` (the node tree's), the node list itself first.
   */
  updateLists(order?: readonly string[]): void {
    if (order) {
      this.nodeInfoList = [];
      for (const n of order) {
        const ni = this.nodeInfoMap.get(n);
        if (ni) this.nodeInfoList.push(ni);
      }
    }
    this.usedPVCSet = new Set();
    for (const ni of this.nodeInfoList) for (const k of ni.pvcRefCounts.keys()) this.usedPVCSet.add(k);
    this.havePodsWithAffinity = this.nodeInfoList.filter((ni) => ni.podsWithAffinity.length > 0);
    this.havePodsWithRequiredAntiAffinity = this.nodeInfoList.filter((ni) => ni.podsWithRequiredAntiAffinity.length > 0);
  }

  nodeInfos(): NodeInfoLister {
    return this;
  }

  storageInfos(): StorageInfoLister {
    return this;
  }

  /** Snapshot.NumNodes. */
  numNodes(): number {
    return this.nodeInfoList.length;
  }

  list(): NodeInfo[] {
    return this.nodeInfoList;
  }

  havePodsWithAffinityList(): NodeInfo[] {
    return this.havePodsWithAffinity;
  }

  havePodsWithRequiredAntiAffinityList(): NodeInfo[] {
    return this.havePodsWithRequiredAntiAffinity;
  }

  get(nodeName: string): NodeInfo {
    const ni = this.nodeInfoMap.get(nodeName);
    if (!ni) throw new Error(`nodeinfo not found for node name ${JSON.stringify(nodeName)}`);
    return ni;
  }

  /** Like get, but undefined instead of throwing. */
  tryGet(nodeName: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(nodeName);
  }

  isPVCUsedByPods(key: string): boolean {
    return this.usedPVCSet.has(key);
  }
}
