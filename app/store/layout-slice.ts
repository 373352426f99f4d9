// Where each card sits. Positions persist per name; a member added by dropping the palette item
// appears where it was dropped (nudged into free space if a card is already there); one added any
// other way takes a free slot on the circle and the view refits to show it. Removed members get no
// new position, and their card is forgotten once it has faded out. With the control plane on, the
// kube-apiservers and kubectl are placed beside the ring (app/lib/layout.ts controlPlaneLayout).
import type { StateCreator } from 'zustand/vanilla';
import { circleLayout, controlPlaneBeside, controlPlaneLayout, freeSpotNear, kubectlNodeId, memberNodeSize, newMemberSpot, type RingShape } from '../lib/layout';
import { cardSize, clusterLayout, crowds, deploymentCardId, placeWorkloads, pendingTrayId, serviceCardId, workerNodeSize, type CardKinds } from '../lib/workload-layout';
import type { ClusterSnapshot } from '../cluster/types';
import type { AppState } from './store';

/** A point in flow coordinates. */
export interface XY {
  x: number;
  y: number;
}

/** Layout slice. */
export interface LayoutSlice {
  positions: Record<string, XY>;
  /** Where the palette item was dropped, waiting for the new member to show up. */
  pendingDrop: XY | null;
  /** Bumped when the view should be refitted (first members, a member placed by the app, re-layout). */
  fitRequest: number;
  /** The canvas's width / height, so the circle suits a wide or a narrow (phone) canvas. */
  canvasAspect: number;
  /** The ring's shape when it was laid out beside the control plane (null: the plain circle). */
  ringShape: RingShape | null;
  setCanvasAspect(aspect: number): void;
  /**
   * Gives every current (not removed) name without a position one: the pending drop point, else a
   * free spot; and the control plane of the last snapshot (its apiservers, kubectl) a place beside
   * the ring.
   */
  placeMembers(names: string[]): void;
  setPosition(name: string, xy: XY): void;
  /** Drops a card's position (a removed member whose card has faded out). */
  forgetPosition(name: string): void;
  setPendingDrop(xy: XY | null): void;
  /** Where the palette's worker node was dropped, waiting for the node to show up. */
  pendingNodeDrop: XY | null;
  setPendingNodeDrop(xy: XY | null): void;
  /** Puts every current member back on the circle, and the control plane beside it; removed members leave the canvas. */
  relayout(names: string[]): void;
}

/** The apiservers of a snapshot (none in an etcd-only session, or from a test's bare snapshot). */
export function apiServerNames(s: ClusterSnapshot | null): string[] {
  return (s?.apiservers ?? []).map((a) => a.name);
}

/** The controller-managers and schedulers of a snapshot. */
export function componentNames(s: ClusterSnapshot | null): string[] {
  return (s?.components ?? []).map((c) => c.name);
}

/** Worker nodes: every kubelet started, and any Node the apiserver holds that no kubelet here runs. */
export function workerNodeNames(s: Pick<ClusterSnapshot, 'nodeProcesses' | 'workloads'> | null): string[] {
  return nodeNamesOf(s?.nodeProcesses, s?.workloads?.nodes);
}

/** The kubelets' names, then the names of Nodes no kubelet of this session runs. */
export function nodeNamesOf(processes: readonly { name: string }[] | undefined, nodes: readonly { name: string }[] | undefined): string[] {
  const names = (processes ?? []).map((n) => n.name);
  const known = new Set(names);
  for (const n of nodes ?? []) if (!known.has(n.name)) names.push(n.name);
  return names;
}

/** The Service cards of a snapshot: every Service but the apiserver's own `default/kubernetes`. */
export function serviceCardNames(s: Pick<ClusterSnapshot, 'workloads'> | null): string[] {
  return (s?.workloads?.services ?? []).filter((v) => !(v.namespace === 'default' && v.name === 'kubernetes')).map((v) => serviceCardId(v.namespace, v.name));
}

/** The Deployment cards of a snapshot, after the Services' in their column. */
export function deploymentCardNames(s: Pick<ClusterSnapshot, 'workloads'> | null): string[] {
  return (s?.workloads?.deployments ?? []).map((d) => deploymentCardId(d.namespace, d.name));
}

/** Which card names are components, nodes and Services, for their sizes. */
export function cardKinds(s: ClusterSnapshot | null): CardKinds {
  return { components: new Set(componentNames(s)), nodes: new Set(workerNodeNames(s)), services: new Set(serviceCardNames(s)) };
}

export const createLayoutSlice: StateCreator<AppState, [], [], LayoutSlice> = (set, get) => {
  /** `names` without the members the last snapshot reports as removed. */
  const current = (names: string[]) => {
    const removed = new Set((get().snapshot?.members ?? []).filter((m) => m.removed).map((m) => m.name));
    return names.filter((n) => !removed.has(n));
  };
  /** Members, apiservers and kubectl all laid out afresh. */
  const fresh = (names: string[]): Pick<LayoutSlice, 'positions' | 'ringShape'> => {
    const snap = get().snapshot;
    const apiservers = apiServerNames(snap);
    if (apiservers.length === 0) return { positions: circleLayout(names, get().canvasAspect), ringShape: null };
    const components = componentNames(snap);
    const nodes = workerNodeNames(snap);
    const { positions, shape } = components.length || nodes.length ? clusterLayout(names, apiservers, components, nodes, get().canvasAspect) : controlPlaneLayout(names, apiservers, get().canvasAspect);
    return { positions, ringShape: shape };
  };
  return {
    positions: {},
    pendingDrop: null,
    pendingNodeDrop: null,
    fitRequest: 0,
    canvasAspect: 2,
    ringShape: null,
    setCanvasAspect: (canvasAspect) => set((s) => (Math.abs(s.canvasAspect - canvasAspect) < 0.01 ? {} : { canvasAspect })),
    placeMembers: (all) => {
      const names = current(all);
      const { positions, pendingDrop, ringShape } = get();
      const apiservers = apiServerNames(get().snapshot);
      const controlPlane = apiservers.length ? [...apiservers, kubectlNodeId] : [];
      const snap = get().snapshot;
      const components = componentNames(snap);
      const nodes = workerNodeNames(snap);
      const services = [...serviceCardNames(snap), ...deploymentCardNames(snap)];
      const workloads = apiservers.length ? [...components, pendingTrayId, ...nodes, ...services] : [];
      const missing = names.filter((n) => !positions[n]);
      const missingControlPlane = controlPlane.filter((n) => !positions[n]);
      const missingWorkloads = workloads.some((n) => !positions[n]);
      if (!missing.length && !missingControlPlane.length && !missingWorkloads) return;
      if (Object.keys(positions).length === 0) {
        set((s) => ({ ...fresh(names), fitRequest: s.fitRequest + 1 }));
        return;
      }
      const next = { ...positions };
      let drop = pendingDrop;
      let refit = false;
      for (const name of missing) {
        // Cards of members that are leaving still take room until they have faded.
        const others = Object.values(next);
        if (drop) {
          next[name] = freeSpotNear({ x: drop.x - memberNodeSize.width / 2, y: drop.y - memberNodeSize.height / 2 }, others);
          drop = null;
          continue;
        }
        next[name] = newMemberSpot(names.length, others, get().canvasAspect, ringShape ?? undefined);
        refit = true;
      }
      if (missingControlPlane.length) {
        const ring = names.map((n) => next[n]).filter((p): p is XY => !!p);
        Object.assign(next, controlPlaneBeside(ring, apiservers, missingControlPlane, Object.values(next), get().canvasAspect));
        refit = true;
      }
      let nodeDrop = get().pendingNodeDrop;
      if (missingWorkloads) {
        const kinds = cardKinds(snap);
        // A node dropped from the palette shows where it landed (nudged off any card there).
        const dropped = nodeDrop ? nodes.find((n) => !next[n]) : undefined;
        if (dropped && nodeDrop) {
          const at = { x: Math.round(nodeDrop.x - workerNodeSize.width / 2), y: Math.round(nodeDrop.y - workerNodeSize.height / 2) };
          if (!crowds(at, workerNodeSize, next, (n) => cardSize(n, kinds))) next[dropped] = at;
          nodeDrop = null;
        }
        const placed = placeWorkloads(next, kinds, components, nodes, get().canvasAspect, [...names, ...controlPlane], services);
        Object.assign(next, placed);
        if (Object.keys(placed).length) refit = true;
      }
      set((s) => ({ positions: next, pendingDrop: drop, pendingNodeDrop: nodeDrop, fitRequest: refit ? s.fitRequest + 1 : s.fitRequest }));
    },
    setPosition: (name, xy) => set((s) => ({ positions: { ...s.positions, [name]: xy } })),
    forgetPosition: (name) =>
      set((s) => {
        if (!(name in s.positions)) return {};
        const positions = { ...s.positions };
        delete positions[name];
        return { positions };
      }),
    setPendingDrop: (pendingDrop) => set({ pendingDrop }),
    setPendingNodeDrop: (pendingNodeDrop) => set({ pendingNodeDrop }),
    relayout: (names) => set((s) => ({ ...fresh(current(names)), fitRequest: s.fitRequest + 1 })),
  };
};
