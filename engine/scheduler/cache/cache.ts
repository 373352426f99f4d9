// The scheduler's cache, as pkg/scheduler/backend/cache/cache.go: node infos kept up to date by the
// informers' events (nodes, and the pods bound to them), the pods assumed on a node while their
// binding is in flight, and UpdateSnapshot, which copies into a cycle's snapshot only the node infos
// that changed since that snapshot was taken. Every change bumps the node info's generation and moves
// it to the head of a list, so the copy walks from the head and stops at the first node the snapshot
// already has: a cycle costs what changed, not the size of the cluster.

import type { Node, Pod } from '../../api/types/core';
import { NodeInfo, newGenerationSource } from '../framework/node-info';
import { getPodKey } from '../framework/pod-info';
import { type Snapshot, getZoneKey, imageStatesOf, nodeTreeOrder } from '../framework/snapshot';

/** A node info in the doubly linked list, most recently changed first (nodeInfoListItem). */
interface NodeInfoListItem {
  info: NodeInfo;
  next: NodeInfoListItem | null;
  prev: NodeInfoListItem | null;
}

function imageNames(node: Node | undefined): Set<string> {
  const out = new Set<string>();
  for (const image of node?.status?.images ?? []) for (const name of image.names ?? []) out.add(name);
  return out;
}

// Models pkg/scheduler/backend/cache/cache.go (cacheImpl)
/**
 * cache.Cache: what the scheduler knows of nodes and the pods on them between cycles. Lenient where
 * upstream returns an error for an event out of order (an update of a pod never added, a removal
 * of one already gone): the cache then follows the event, so that it always equals the informers'
 * bound pods plus the assumed ones.
 */
export class Cache {
  private readonly generations = newGenerationSource();
  private readonly nodes = new Map<string, NodeInfoListItem>();
  /** The most recently changed node info. */
  private headNode: NodeInfoListItem | null = null;
  /** Pod key (uid) → the pod as the cache holds it. */
  private readonly podStates = new Map<string, Pod>();
  private readonly assumedPods = new Set<string>();
  /** The node tree's nodes; its order is recomputed when a node comes, goes or changes zone. */
  private readonly treeNodes = new Map<string, Node>();
  private treeVersion = 0;
  private treeOrder: { version: number; names: string[] } = { version: 0, names: [] };
  /** The tree version each snapshot's node list was built from. */
  private readonly listedTree = new WeakMap<Snapshot, number>();
  /** Image name → the nodes that have it (cache.imageStates). */
  private readonly imageNodes = new Map<string, Set<string>>();

  // Models pkg/scheduler/backend/cache/cache.go (AddNode)
  /** A node the informer added (or listed again). */
  addNode(node: Node): void {
    this.setNode(node);
  }

  // Models pkg/scheduler/backend/cache/cache.go (UpdateNode)
  /** A node the informer saw change. */
  updateNode(_old: Node, node: Node): void {
    this.setNode(node);
  }

  // Models pkg/scheduler/backend/cache/cache.go (RemoveNode)
  /**
   * A node the informer saw deleted. Its info stays, without a node, while pods remain on it: their
   * deletes come on another watch and may arrive later.
   */
  removeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const item = this.nodes.get(name);
    if (!item) return;
    const old = item.info.node();
    item.info.removeNode();
    if (item.info.pods.length === 0) this.removeNodeInfoFromList(name);
    else this.moveNodeInfoToHead(name);
    if (this.treeNodes.delete(name)) this.treeVersion++;
    this.updateImageStates(name, old, undefined);
  }

  // Models pkg/scheduler/backend/cache/cache.go (AssumePod)
  /** The pod as the cycle placed it (spec.nodeName set), counted on its node until it is bound or forgotten. */
  assumePod(pod: Pod): void {
    const key = getPodKey(pod);
    if (this.podStates.has(key)) throw new Error(`pod ${key}(${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}) is in the cache, so can't be assumed`);
    this.addPodToNode(pod, true);
  }

  // Models pkg/scheduler/backend/cache/cache.go (ForgetPod)
  /** Drops an assumed pod whose binding failed; a pod that is bound (or gone) meanwhile is left as it is. */
  forgetPod(pod: Pod): void {
    const key = getPodKey(pod);
    const cur = this.podStates.get(key);
    if (!cur || !this.assumedPods.has(key)) return;
    this.removePodFromNode(cur);
  }

  // Models pkg/scheduler/backend/cache/cache.go (AddPod)
  /** A bound pod the informer added: confirms the assumed copy (replacing it with the bound one), or adds it. */
  addPod(pod: Pod): void {
    const cur = this.podStates.get(getPodKey(pod));
    if (cur) this.replacePod(cur, pod);
    else this.addPodToNode(pod, false);
  }

  // Models pkg/scheduler/backend/cache/cache.go (UpdatePod)
  /** A bound pod the informer saw change: the old copy leaves its node, the new one joins. */
  updatePod(_old: Pod, pod: Pod): void {
    this.addPod(pod);
  }

  // Models pkg/scheduler/backend/cache/cache.go (RemovePod)
  /** A pod the informer saw deleted: the copy the cache holds (bound or assumed) leaves its node. */
  removePod(pod: Pod): void {
    const cur = this.podStates.get(getPodKey(pod));
    if (cur) this.removePodFromNode(cur);
  }

  /** Whether the pod is assumed and not yet confirmed by the informer (IsAssumedPod). */
  isAssumedPod(pod: Pod): boolean {
    return this.assumedPods.has(getPodKey(pod));
  }

  /** How many pods are assumed. */
  assumedPodCount(): number {
    return this.assumedPods.size;
  }

  /** How many pods the cache holds, assumed ones included (PodCount). */
  podCount(): number {
    return this.podStates.size;
  }

  /** How many nodes the node tree has (NodeCount). */
  nodeCount(): number {
    return this.treeNodes.size;
  }

  // Models pkg/scheduler/backend/cache/cache.go (UpdateSnapshot)
  /**
   * Brings the snapshot up to date: the node infos changed since its generation are copied into it
   * in place; the node list is rebuilt when a node came or went (or the tree's order changed), the
   * affinity lists and the PVCs in use when a node's share of them changed.
   */
  updateSnapshot(snapshot: Snapshot): void {
    const map = snapshot.infoMap();
    let updateAllLists = false;
    let updateOtherLists = false;
    for (let item = this.headNode; item !== null; item = item.next) {
      if (item.info.generation <= snapshot.generation) break;
      const node = item.info.node();
      if (!node) continue;
      const name = node.metadata.name ?? '';
      let existing = map.get(name);
      if (!existing) {
        updateAllLists = true;
        existing = new NodeInfo([], this.generations);
        map.set(name, existing);
      }
      const hadAffinity = existing.podsWithAffinity.length > 0;
      const hadRequiredAntiAffinity = existing.podsWithRequiredAntiAffinity.length > 0;
      const oldPVCs = existing.pvcRefCounts;
      item.info.snapshot(existing);
      if (hadAffinity !== existing.podsWithAffinity.length > 0 || hadRequiredAntiAffinity !== existing.podsWithRequiredAntiAffinity.length > 0) updateOtherLists = true;
      if (!updateOtherLists && !sameKeys(oldPVCs, existing.pvcRefCounts)) updateOtherLists = true;
    }
    if (this.headNode) snapshot.generation = this.headNode.info.generation;
    // Deleted nodes leave the tree at once but may stay in the cache while pods remain on them.
    if (map.size > this.treeNodes.size) {
      this.removeDeletedNodesFromSnapshot(map);
      updateAllLists = true;
    }
    if (this.listedTree.get(snapshot) !== this.treeVersion) updateAllLists = true;
    if (updateAllLists) {
      snapshot.updateLists(this.nodeTreeList());
      this.listedTree.set(snapshot, this.treeVersion);
    } else if (updateOtherLists) snapshot.updateLists();
    // A list that does not match the tree means the cache is corrupted; upstream rebuilds it too.
    if (snapshot.numNodes() !== this.treeNodes.size) snapshot.updateLists(this.nodeTreeList());
  }

  /** AddNode and UpdateNode: the info (created when new) gets the node, its images and its place in the tree. */
  private setNode(node: Node): void {
    const name = node.metadata.name ?? '';
    let item = this.nodes.get(name);
    if (!item) {
      item = { info: new NodeInfo([], this.generations), next: null, prev: null };
      this.nodes.set(name, item);
    }
    const old = item.info.node();
    const prev = this.treeNodes.get(name);
    this.treeNodes.set(name, node);
    // nodeTree.updateNode: a node whose zone changed moves to its new zone's list.
    if (!prev || getZoneKey(prev) !== getZoneKey(node)) this.treeVersion++;
    this.moveNodeInfoToHead(name);
    item.info.setNode(node);
    this.updateImageStates(name, old, node);
  }

  // Models pkg/scheduler/backend/cache/cache.go (addNodeImageStates, removeNodeImageStates)
  /**
   * Keeps image → nodes up to date and gives the node its image states. Upstream's node infos read
   * a shared count that a snapshot copies only when that node changes; here every node with an
   * image whose count changed gets a new generation, so each snapshot has the exact count.
   */
  private updateImageStates(name: string, old: Node | undefined, node: Node | undefined): void {
    const before = imageNames(old);
    const after = imageNames(node);
    const changed: string[] = [];
    for (const image of before) {
      if (after.has(image)) continue;
      const set = this.imageNodes.get(image);
      set?.delete(name);
      if (set && set.size === 0) this.imageNodes.delete(image);
      changed.push(image);
    }
    for (const image of after) {
      if (before.has(image)) continue;
      let set = this.imageNodes.get(image);
      if (!set) this.imageNodes.set(image, (set = new Set()));
      set.add(name);
      changed.push(image);
    }
    const item = this.nodes.get(name);
    if (node && item) item.info.imageStates = imageStatesOf(node, this.imageNodes);
    const others = new Set<string>();
    for (const image of changed) for (const n of this.imageNodes.get(image) ?? []) if (n !== name) others.add(n);
    for (const n of [...others].sort()) {
      const other = this.nodes.get(n);
      const otherNode = other?.info.node();
      if (!other || !otherNode) continue;
      other.info.imageStates = imageStatesOf(otherNode, this.imageNodes);
      other.info.generation = this.generations.next();
      this.moveNodeInfoToHead(n);
    }
  }

  // Models pkg/scheduler/backend/cache/cache.go (addPod)
  /** Adds the pod to its node's info, one without a node when the node is not known yet. */
  private addPodToNode(pod: Pod, assumed: boolean): void {
    const key = getPodKey(pod);
    const nodeName = pod.spec?.nodeName ?? '';
    let item = this.nodes.get(nodeName);
    if (!item) {
      item = { info: new NodeInfo([], this.generations), next: null, prev: null };
      this.nodes.set(nodeName, item);
    }
    item.info.addPod(pod);
    this.moveNodeInfoToHead(nodeName);
    this.podStates.set(key, pod);
    if (assumed) this.assumedPods.add(key);
  }

  // Models pkg/scheduler/backend/cache/cache.go (updatePod)
  private replacePod(old: Pod, pod: Pod): void {
    this.removePodFromNode(old);
    this.addPodToNode(pod, false);
  }

  // Models pkg/scheduler/backend/cache/cache.go (removePod)
  /** Takes the pod (the copy the cache holds) off its node; a node-less info left empty goes. */
  private removePodFromNode(pod: Pod): void {
    const key = getPodKey(pod);
    const nodeName = pod.spec?.nodeName ?? '';
    const item = this.nodes.get(nodeName);
    if (item) {
      item.info.removePod(pod);
      if (item.info.pods.length === 0 && !item.info.node()) this.removeNodeInfoFromList(nodeName);
      else this.moveNodeInfoToHead(nodeName);
    }
    this.podStates.delete(key);
    this.assumedPods.delete(key);
  }

  // Models pkg/scheduler/backend/cache/cache.go (moveNodeInfoToHead)
  private moveNodeInfoToHead(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni || ni === this.headNode) return;
    if (ni.prev) ni.prev.next = ni.next;
    if (ni.next) ni.next.prev = ni.prev;
    if (this.headNode) this.headNode.prev = ni;
    ni.next = this.headNode;
    ni.prev = null;
    this.headNode = ni;
  }

  // Models pkg/scheduler/backend/cache/cache.go (removeNodeInfoFromList)
  private removeNodeInfoFromList(name: string): void {
    const ni = this.nodes.get(name);
    if (!ni) return;
    if (ni.prev) ni.prev.next = ni.next;
    if (ni.next) ni.next.prev = ni.prev;
    if (ni === this.headNode) this.headNode = ni.next;
    this.nodes.delete(name);
  }

  // Models pkg/scheduler/backend/cache/cache.go (removeDeletedNodesFromSnapshot)
  private removeDeletedNodesFromSnapshot(map: Map<string, NodeInfo>): void {
    let toDelete = map.size - this.treeNodes.size;
    for (const name of [...map.keys()]) {
      if (toDelete <= 0) break;
      if (!this.nodes.get(name)?.info.node()) {
        map.delete(name);
        toDelete--;
      }
    }
  }

  /**
   * nodeTree.list: zones interleaved, each zone's nodes by name (the informer's list order, as the
   * snapshot was built before the cache existed; upstream keeps the order nodes were added in).
   */
  private nodeTreeList(): string[] {
    if (this.treeOrder.version !== this.treeVersion || this.treeOrder.names.length !== this.treeNodes.size) {
      const names = [...this.treeNodes.keys()].sort();
      this.treeOrder = { version: this.treeVersion, names: nodeTreeOrder(names.map((n) => this.treeNodes.get(n)!)) };
    }
    return this.treeOrder.names;
  }
}

function sameKeys(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const k of b.keys()) if (!a.has(k)) return false;
  return true;
}
