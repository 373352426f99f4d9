// The cluster canvas: members on a circle, the links between them, Raft traffic in flight; with the
// control plane on, the kube-apiserver beside the ring, kubectl beyond it, their connections and
// their traffic. Cards can be dragged; dropping the palette's etcd member adds a member where it lands.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  useReactFlow,
  type Edge,
  type Node,
  type NodeChange,
  type EdgeMouseHandler,
  type FitViewOptions,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useAppStore, useAppStoreApi } from '../store';
import { useRunAction } from '../actions/use-run-action';
import { addMember, toggleLink } from '../actions/actions';
import { currentLeader } from '../lib/diff';
import { freeSpotNear, kubectlNodeId, linkId, memberNodeSize } from '../lib/layout';
import { CanvasTraffic } from '../lib/messages';
import { trafficRoute } from '../lib/traffic-route';
import { useConnection } from '../cluster/react';
import { EtcdMemberNode, type EtcdNode } from './EtcdMemberNode';
import { PendingMemberNode, type PendingNode } from './PendingMemberNode';
import { RaftLinkEdge, type RaftLink } from './RaftLinkEdge';
import { ApiServerLinkEdge, ApiServerMenuContext, ApiServerNode, type ApiServerLink, type ApiServerMenuState, type ApiServerNodeType } from './ApiServerNode';
import { KubectlNode, type KubectlNodeType } from './KubectlNode';
import { MessageLayer } from './MessageLayer';
import { Legend } from './Legend';
import { CanvasOverlay } from './CanvasOverlay';
import { StepTrace } from './StepTrace';
import { paletteMime } from './Palette';
import { WorkerNode, type WorkerNodeType } from './WorkerNode';
import { ComponentNode, type ComponentNodeType } from './ComponentNode';
import { PendingPodsNode, type PendingPodsNodeType } from './PendingPodsNode';
import { ServiceNode, type ServiceNodeType } from './ServiceNode';
import { DeploymentNode, type DeploymentNodeType } from './DeploymentNode';
import { PodPanel } from './PodPanel';
import { ProxyPanel } from './ProxyPanel';
import { NodeDropForm } from './NodeDropForm';
import { groupPodsByNode } from '../lib/pods';
import { deploymentCardId, pendingTrayId, serviceCardId } from '../lib/workload-layout';
import { nodeNamesOf } from '../store/layout-slice';
import type { PodSummary } from '../../engine/apiserver/workload-view';
import { canvasIsInteractive } from '../lib/first-paint';
import { keepEqual } from '../lib/structural';

const nodeTypes = { etcdMember: EtcdMemberNode, pendingMember: PendingMemberNode, apiServer: ApiServerNode, kubectl: KubectlNode, workerNode: WorkerNode, component: ComponentNode, pendingPods: PendingPodsNode, service: ServiceNode, deployment: DeploymentNode };
const edgeTypes = { raftLink: RaftLinkEdge, apiServerLink: ApiServerLinkEdge };
/** How long a removed member's card stays (showing "Removed", then fading) before it leaves the canvas. */
export const removedCardMs = 2400;

/** How far out the canvas zooms (by hand, or to fit a phone). */
const canvasMinZoom = 0.15;

/** Room at the top for a member's menu, at the bottom for the legend (as tall as it is now), at the right for the zoom controls. */
function fitOptionsFor(wrapper: HTMLElement | null, duration = 250): FitViewOptions {
  const legend = wrapper?.querySelector<HTMLElement>('.legend')?.offsetHeight ?? 36;
  const narrow = (wrapper?.clientWidth ?? 1000) < 560;
  return {
    padding: { top: '28px', bottom: `${legend + 30}px`, left: narrow ? '12px' : '40px', right: narrow ? '48px' : '64px' },
    maxZoom: 1.15,
    // A phone fits the node grid and the Service column too, however small: nothing is left off screen.
    minZoom: narrow ? canvasMinZoom : 0.3,
    duration,
  };
}

type CanvasNode = EtcdNode | PendingNode | ApiServerNodeType | KubectlNodeType | WorkerNodeType | ComponentNodeType | PendingPodsNodeType | ServiceNodeType | DeploymentNodeType;

/** Node cards draw a line to the apiserver up to this many nodes; beyond, the lines would hide the cards. */
const nodeLinksMax = 12;

/**
 * The snapshot's pods by node, each node's list the same array as long as its pods look the same,
 * so a node card re-renders only when one of its own pods changed.
 */
function usePodsByNode(): ReadonlyMap<string, readonly PodSummary[]> {
  const pods = useAppStore((s) => s.snapshot?.workloads?.pods);
  const prev = useRef<ReturnType<typeof groupPodsByNode> | undefined>(undefined);
  return useMemo(() => {
    const groups = groupPodsByNode(pods ?? [], prev.current);
    prev.current = groups;
    return new Map([...groups].map(([node, g]) => [node, g.pods]));
  }, [pods]);
}

const noPods: readonly PodSummary[] = [];
type CanvasEdge = RaftLink | ApiServerLink;

/** Builds member cards, the control plane's cards and the links from the snapshot and the layout. */
function useDesiredGraph(gone: ReadonlySet<string>, apiMenu: string | null): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const members = useAppStore((s) => s.snapshot?.members);
  const apiservers = useAppStore((s) => s.snapshot?.apiservers);
  const components = useAppStore((s) => s.snapshot?.components);
  const nodeProcesses = useAppStore((s) => s.snapshot?.nodeProcesses);
  const nodeObjects = useAppStore((s) => s.snapshot?.workloads?.nodes);
  const services = useAppStore((s) => s.snapshot?.workloads?.services);
  const deployments = useAppStore((s) => s.snapshot?.workloads?.deployments);
  const hits = useAppStore((s) => s.loadTotals.byEndpoint);
  const podsByNode = usePodsByNode();
  const hoveredLink = useAppStore((s) => s.hoveredLink);
  const activeLink = useAppStore((s) => s.activeLink);
  const cutLinks = useAppStore((s) => s.snapshot?.cutLinks);
  const positions = useAppStore((s) => s.positions);
  const selected = useAppStore((s) => s.selected);
  const pendingDrop = useAppStore((s) => s.pendingDrop);
  const adding = useAppStore((s) => !!s.busy['add-member']);

  return useMemo(() => {
    const list = (members ?? []).filter((m) => !(m.removed && gone.has(m.name)));
    const leader = currentLeader(list);
    const servers = apiservers ?? [];
    const controlPlane = servers.length ? [...servers.map((a) => a.name), kubectlNodeId] : [];
    const middle = (axis: 'x' | 'y') => {
      const vs = [...list.map((m) => m.name), ...controlPlane].map((n) => positions[n]?.[axis]).filter((v): v is number => v !== undefined);
      return vs.length ? (Math.min(...vs) + Math.max(...vs)) / 2 : 0;
    };
    const centreY = middle('y');
    const centreX = middle('x');
    const alignOf = (x: number) => (Math.abs(x - centreX) < memberNodeSize.width / 2 ? 'center' : x > centreX ? 'end' : 'start');
    const nodes: CanvasNode[] = list
      .filter((m) => positions[m.name])
      .map((m) => ({
        id: m.name,
        type: 'etcdMember' as const,
        position: positions[m.name],
        selected: selected === m.name,
        ariaLabel: `etcd member ${m.name}`,
        className: m.removed ? 'is-leaving' : undefined,
        // A leaving card is no longer a tab stop or a drag target.
        focusable: !m.removed,
        draggable: !m.removed,
        data: { member: m, leaderName: leader?.name ?? null, menuSide: positions[m.name].y <= centreY ? 'bottom' : 'top', menuAlign: alignOf(positions[m.name].x) },
      }));
    if (adding && pendingDrop) {
      nodes.push({
        id: '__pending',
        type: 'pendingMember',
        position: { x: pendingDrop.x - memberNodeSize.width / 2, y: pendingDrop.y - memberNodeSize.height / 2 },
        data: {},
        draggable: false,
        selectable: false,
      });
    }
    // The control plane after the members: Tab reaches the members first.
    for (const a of servers) {
      if (!positions[a.name]) continue;
      nodes.push({
        id: a.name,
        type: 'apiServer' as const,
        position: positions[a.name],
        selected: apiMenu === a.name,
        selectable: false,
        ariaLabel: `kube-apiserver ${a.name}`,
        data: { apiserver: a, menuSide: positions[a.name].y <= centreY ? 'bottom' : 'top', menuAlign: alignOf(positions[a.name].x) },
      });
    }
    if (servers.length && positions[kubectlNodeId]) {
      const last = servers.flatMap((a) => a.recent).reduce<{ at: number; user: string } | null>((acc, r) => (!acc || r.at >= acc.at ? r : acc), null);
      nodes.push({
        id: kubectlNodeId,
        type: 'kubectl' as const,
        position: positions[kubectlNodeId],
        selectable: false,
        focusable: false,
        ariaLabel: 'kubectl, the terminal’s client',
        data: { user: last?.user ?? null, connected: servers.some((a) => a.up) },
      });
    }
    // The components, the unscheduled pods and the worker nodes, under the control plane.
    for (const c of components ?? []) {
      if (!positions[c.name]) continue;
      nodes.push({
        id: c.name,
        type: 'component' as const,
        position: positions[c.name],
        selected: apiMenu === c.name,
        selectable: false,
        ariaLabel: `${c.name}, ${c.up ? (c.leading ? 'leader' : 'standby') : 'down'}`,
        data: { component: c, menuSide: 'bottom', menuAlign: alignOf(positions[c.name].x) },
      });
    }
    if (servers.length && positions[pendingTrayId]) {
      nodes.push({ id: pendingTrayId, type: 'pendingPods' as const, position: positions[pendingTrayId], selectable: false, focusable: false, draggable: true, data: { pods: podsByNode.get('') ?? noPods } });
    }
    const nodeNames = servers.length ? nodeNamesOf(nodeProcesses, nodeObjects) : [];
    for (const name of nodeNames) {
      if (!positions[name]) continue;
      const proc = nodeProcesses?.find((p) => p.name === name);
      nodes.push({
        id: name,
        type: 'workerNode' as const,
        position: positions[name],
        selected: apiMenu === name,
        selectable: false,
        ariaLabel: `node ${name}`,
        data: { name, node: nodeObjects?.find((n) => n.name === name) ?? null, up: proc ? proc.up : null, pods: podsByNode.get(name) ?? noPods, menuSide: 'top', menuAlign: alignOf(positions[name].x) },
      });
    }
    const serviceCards: { id: string; nodes: Set<string> }[] = [];
    for (const svc of services ?? []) {
      const id = serviceCardId(svc.namespace, svc.name);
      if (!positions[id]) continue;
      serviceCards.push({ id, nodes: new Set(svc.endpoints.map((e) => e.node).filter(Boolean)) });
      nodes.push({ id, type: 'service' as const, position: positions[id], selectable: false, focusable: false, ariaLabel: `service ${svc.namespace}/${svc.name}`, data: { service: svc, hits } });
    }
    for (const d of deployments ?? []) {
      const id = deploymentCardId(d.namespace, d.name);
      if (!positions[id]) continue;
      nodes.push({ id, type: 'deployment' as const, position: positions[id], selectable: false, focusable: false, ariaLabel: `deployment ${d.namespace}/${d.name}`, data: { deployment: d } });
    }
    const cut = new Set((cutLinks ?? []).map(([a, b]) => linkId(a, b)));
    const live = list.filter((m) => !m.removed && positions[m.name]);
    const edges: CanvasEdge[] = [];
    const ids: string[] = [];
    for (let i = 0; i < live.length; i++) for (let j = i + 1; j < live.length; j++) ids.push(linkId(live[i].name, live[j].name));
    // One tab stop for all the links: the last one focused, else the first.
    const tabStop = activeLink && ids.includes(activeLink) ? activeLink : ids[0];
    for (let i = 0; i < live.length; i++) {
      for (let j = i + 1; j < live.length; j++) {
        const [a, b] = [live[i].name, live[j].name].sort();
        const id = linkId(a, b);
        edges.push({
          id,
          source: a,
          target: b,
          type: 'raftLink',
          selectable: false,
          data: {
            a,
            b,
            cut: cut.has(id),
            leaderLink: leader !== null && (a === leader.name || b === leader.name),
            idle: !live[i].up || !live[j].up,
            // The cut/restore chip shows only for the link under the pointer and the selected member's links (and on focus).
            shown: hoveredLink === id || selected === a || selected === b,
            tabStop: tabStop === id,
          },
        });
      }
    }
    for (const a of servers) {
      if (!positions[a.name]) continue;
      if (positions[kubectlNodeId]) {
        edges.push({ id: `${kubectlNodeId}>${a.name}`, source: kubectlNodeId, target: a.name, type: 'apiServerLink', selectable: false, focusable: false, data: { kind: 'kubectl', idle: !a.up, cut: cut.has(linkId(kubectlNodeId, a.name)) } });
      }
      for (const m of live) {
        edges.push({ id: `${a.name}>${m.name}`, source: a.name, target: m.name, type: 'apiServerLink', selectable: false, focusable: false, data: { kind: 'etcd', idle: !a.up || !m.up, cut: cut.has(linkId(a.name, m.name)) } });
      }
    }
    // Every component and kubelet talks to the apiserver (the first one: they share one endpoint).
    const front = servers.find((a) => positions[a.name]);
    if (front) {
      for (const c of components ?? []) {
        if (positions[c.name]) edges.push({ id: `${c.name}>${front.name}`, source: c.name, target: front.name, type: 'apiServerLink', selectable: false, focusable: false, data: { kind: 'component', idle: !c.up || !front.up, cut: cut.has(linkId(c.name, front.name)) } });
      }
      if (nodeNames.length <= nodeLinksMax) {
        for (const name of nodeNames) {
          const up = nodeProcesses?.find((p) => p.name === name)?.up ?? false;
          if (positions[name]) edges.push({ id: `${name}>${front.name}`, source: name, target: front.name, type: 'apiServerLink', selectable: false, focusable: false, data: { kind: 'kubelet', idle: !up || !front.up, cut: cut.has(linkId(name, front.name)) } });
        }
      }
    }
    // A Service's line to every node that holds one of its endpoints.
    for (const sc of serviceCards) {
      for (const node of sc.nodes) {
        if (positions[node]) edges.push({ id: `${sc.id}>${node}`, source: sc.id, target: node, type: 'apiServerLink', selectable: false, focusable: false, data: { kind: 'service', idle: false, cut: false } });
      }
    }
    return { nodes, edges };
  }, [members, apiservers, services, deployments, hits, components, nodeProcesses, nodeObjects, podsByNode, cutLinks, positions, selected, pendingDrop, adding, gone, hoveredLink, activeLink, apiMenu]);
}

/**
 * The wire's traffic, sampled for the canvas from the cluster's own snapshot stream: the store
 * keeps no messages, and its sample knows no control plane. Follows the cluster through restarts.
 */
function useCanvasTraffic(): CanvasTraffic {
  const connection = useConnection();
  const state = useAppStore((s) => s.connection);
  const [traffic] = useState(() => new CanvasTraffic());
  useEffect(() => {
    const cluster = state === 'live' ? connection.cluster : null;
    if (!cluster) return;
    return cluster.subscribe((s) => traffic.ingest(s, performance.now()));
  }, [state, connection, traffic]);
  // Each batch the load generator sends flies from its client through the Service to the pods' nodes.
  const storeApi = useAppStoreApi();
  useEffect(
    () =>
      storeApi.subscribe((s, prev) => {
        if (s.loadTotals.batches === prev.loadTotals.batches || s.loadTotals.batches === 0) return;
        const w = s.snapshot?.workloads;
        const route = trafficRoute(s.loadSpec.from, s.loadTotals.resolved, s.loadTotals.last, w?.services ?? [], w?.pods ?? []);
        if (route) traffic.addTraffic(route, s.snapshot?.now ?? 0, performance.now());
      }),
    [storeApi, traffic],
  );
  return traffic;
}

/** Which apiserver's menu is open: canvas-local, and closed whenever a member is selected. */
function useApiServerMenu(): ApiServerMenuState {
  const [menu, setMenu] = useState<{ open: string | null; focus: boolean }>({ open: null, focus: false });
  const selected = useAppStore((s) => s.selected);
  useEffect(() => {
    if (selected) setMenu((m) => (m.open ? { open: null, focus: false } : m));
  }, [selected]);
  return useMemo(
    () => ({
      ...menu,
      setOpen: (open: string | null, focus = false) => setMenu({ open, focus }),
      focused: () => setMenu((m) => (m.focus ? { ...m, focus: false } : m)),
    }),
    [menu],
  );
}

/** Keeps React Flow's per-node bookkeeping (measured size) while taking data from the store. */
function reconcile(prev: CanvasNode[], desired: CanvasNode[]): CanvasNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  let same = prev.length === desired.length;
  const next = desired.map((d, i) => {
    const p = byId.get(d.id);
    // An unchanged card keeps its object, so React Flow does not render it again.
    const n = p ? keepEqual(p, { ...p, ...d, measured: p.measured } as CanvasNode) : d;
    if (n !== prev[i]) same = false;
    return n;
  });
  return same ? prev : next;
}

/** The canvas. */
export function ClusterCanvas() {
  const gone = useRemovedCardsGone();
  const apiMenu = useApiServerMenu();
  const traffic = useCanvasTraffic();
  const desired = useDesiredGraph(gone, apiMenu.open);
  const [nodes, setNodes] = useState<CanvasNode[]>([]);
  const fitRequest = useAppStore((s) => s.fitRequest);
  const connection = useAppStore((s) => s.connection);
  const storeApi = useAppStoreApi();
  const run = useRunAction();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const [dropActive, setDropActive] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => setNodes((prev) => reconcile(prev, desired.nodes)), [desired.nodes]);
  // Edges too keep their objects while unchanged (React Flow renders an edge again when its object changes).
  const [edges, setEdges] = useState<CanvasEdge[]>([]);
  useEffect(() => setEdges((prev) => keepEqual(prev, desired.edges)), [desired.edges]);

  // Refit when asked (first members, tidy layout) and when the panel changes size.
  useEffect(() => {
    if (!fitRequest) return;
    const id = requestAnimationFrame(() => requestAnimationFrame(() => void fitView(fitOptionsFor(wrapper.current))));
    return () => cancelAnimationFrame(id);
  }, [fitRequest, fitView]);
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    let timer = 0;
    const ro = new ResizeObserver(() => {
      if (el.clientHeight > 0) storeApi.getState().setCanvasAspect(el.clientWidth / el.clientHeight);
      clearTimeout(timer);
      timer = window.setTimeout(() => void fitView(fitOptionsFor(el, 0)), 120);
    });
    ro.observe(el);
    return () => {
      clearTimeout(timer);
      ro.disconnect();
    };
  }, [fitView, storeApi]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const store = storeApi.getState();
    const rest: NodeChange<CanvasNode>[] = [];
    for (const c of changes) {
      if (c.type === 'position' && c.position && c.id !== '__pending') store.setPosition(c.id, c.position);
      else if (c.type === 'select') {
        if (c.selected) store.select(c.id);
        else if (store.selected === c.id) store.select(null);
      } else if (c.type === 'dimensions') rest.push(c);
    }
    if (rest.length) {
      setNodes((prev) =>
        prev.map((n) => {
          const d = rest.find((c) => c.type === 'dimensions' && c.id === n.id);
          return d && d.type === 'dimensions' && d.dimensions ? { ...n, measured: { ...d.dimensions } } : n;
        }),
      );
    }
  }, [storeApi]);

  const { setOpen: setApiMenu, open: apiMenuOpen } = apiMenu;
  const onNodeClick: NodeMouseHandler<Node> = useCallback((_, node) => {
    if (node.type === 'etcdMember') storeApi.getState().select(node.id);
    else if (node.type === 'apiServer' || node.type === 'workerNode' || node.type === 'component') {
      storeApi.getState().select(null);
      setApiMenu(apiMenuOpen === node.id ? null : node.id);
    }
  }, [storeApi, setApiMenu, apiMenuOpen]);
  const onEdgeClick: EdgeMouseHandler<Edge> = useCallback((_, edge) => {
    if (edge.type !== 'raftLink') return;
    const d = edge.data as RaftLink['data'];
    if (d) void run(toggleLink, { a: d.a, b: d.b });
  }, [run]);
  const onPaneClick = useCallback(() => {
    storeApi.getState().select(null);
    storeApi.getState().selectPod(null);
    setApiMenu(null);
  }, [storeApi, setApiMenu]);
  const onEdgeMouseEnter: EdgeMouseHandler<Edge> = useCallback((_, edge) => {
    if (edge.type === 'raftLink') storeApi.getState().hoverLink(edge.id);
  }, [storeApi]);
  const onEdgeMouseLeave: EdgeMouseHandler<Edge> = useCallback(() => storeApi.getState().hoverLink(null), [storeApi]);

  // Enter (or Space) on a focused card opens its menu and moves focus into it; Space must not also
  // reach the window's pause shortcut. Escape on the card closes the menu.
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const node = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node-etcdMember, .react-flow__node-apiServer, .react-flow__node-workerNode, .react-flow__node-component');
      if (!node || node !== e.target) return;
      const id = node.dataset.id;
      if (!id) return;
      // Cards whose menu is the canvas's (not the member selection).
      const isApiServer = !node.classList.contains('react-flow__node-etcdMember');
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        if (isApiServer) {
          storeApi.getState().select(null);
          setApiMenu(id, true);
        } else storeApi.getState().openMenuFromKeyboard(id);
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        // A side panel the card opened (its kube-proxy tables, a pod's details) closes first.
        const ui = storeApi.getState();
        if (ui.proxyPanel || ui.selectedPod) {
          ui.showProxy(null);
          ui.selectPod(null);
          return;
        }
        if (isApiServer) setApiMenu(null);
        else storeApi.getState().select(null);
      }
    },
    [storeApi, setApiMenu],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(paletteMime)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropActive(true);
  }, []);
  const [nodeDrop, setNodeDrop] = useState<{ flow: { x: number; y: number }; screen: { x: number; y: number } } | null>(null);
  const onDrop = useCallback(
    (e: DragEvent) => {
      setDropActive(false);
      const item = e.dataTransfer.getData(paletteMime);
      if (item === 'worker-node') {
        e.preventDefault();
        const box = wrapper.current?.getBoundingClientRect();
        setNodeDrop({ flow: screenToFlowPosition({ x: e.clientX, y: e.clientY }), screen: { x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) } });
        return;
      }
      if (item !== 'etcd-member') return;
      e.preventDefault();
      // Dropped onto a card: the new one goes into the nearest free space instead.
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const half = { x: memberNodeSize.width / 2, y: memberNodeSize.height / 2 };
      const free = freeSpotNear({ x: at.x - half.x, y: at.y - half.y }, Object.values(storeApi.getState().positions));
      void run(addMember, { x: free.x + half.x, y: free.y + half.y });
    },
    [screenToFlowPosition, run, storeApi],
  );

  return (
    <div
      ref={wrapper}
      className={`canvas${dropActive ? ' canvas--drop' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={() => setDropActive(false)}
      onDrop={onDrop}
      onKeyDown={onKeyDown}
      data-testid="canvas"
      aria-label="Cluster canvas"
    >
      <ApiServerMenuContext.Provider value={apiMenu}>
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={onNodeClick}
          onEdgeClick={onEdgeClick}
          onPaneClick={onPaneClick}
          onEdgeMouseEnter={onEdgeMouseEnter}
          onEdgeMouseLeave={onEdgeMouseLeave}
          nodesConnectable={false}
          edgesFocusable={false}
          deleteKeyCode={null}
          panActivationKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          minZoom={canvasMinZoom}
          maxZoom={2}
          colorMode="dark"
          proOptions={{ hideAttribution: false }}
          onInit={canvasIsInteractive}
        >
          <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="#232938" />
          <MessageLayer traffic={traffic} />
          <Legend traffic={traffic} />
          <StepTrace />
          <Controls showInteractive={false} position="bottom-right" aria-label="Zoom controls" />
        </ReactFlow>
      </ApiServerMenuContext.Provider>
      <PodPanel />
      <ProxyPanel />
      {nodeDrop && <NodeDropForm at={nodeDrop.screen} drop={nodeDrop.flow} onClose={() => setNodeDrop(null)} />}
      {connection !== 'live' && <CanvasOverlay />}
      {dropActive && <div className="canvas__drop-hint">Drop to add it to the cluster</div>}
    </div>
  );
}

/**
 * Names of removed members whose card has had its time on the canvas: a removed member shows as
 * "Removed" and fades out over removedCardMs, then its card and its position go (so add/remove
 * cycles never pile cards up on one spot).
 */
function useRemovedCardsGone(): ReadonlySet<string> {
  const storeApi = useAppStoreApi();
  const removed = useAppStore((s) => (s.snapshot?.members ?? []).filter((m) => m.removed).map((m) => m.name).join(' '));
  const [gone, setGone] = useState<ReadonlySet<string>>(() => new Set());
  const timers = useRef(new Map<string, number>());
  useEffect(() => {
    const now = new Set(removed ? removed.split(' ') : []);
    // A name that comes back (a member added again under it) is on the canvas again.
    if ([...gone].some((n) => !now.has(n))) setGone(new Set([...gone].filter((n) => now.has(n))));
    for (const name of now) {
      if (gone.has(name) || timers.current.has(name)) continue;
      timers.current.set(
        name,
        window.setTimeout(() => {
          timers.current.delete(name);
          const s = storeApi.getState();
          if (s.selected === name) s.select(null);
          s.forgetPosition(name);
          setGone((g) => new Set([...g, name]));
        }, removedCardMs),
      );
    }
  }, [removed, gone, storeApi]);
  useEffect(() => {
    const t = timers.current;
    return () => {
      for (const id of t.values()) clearTimeout(id);
      t.clear();
    };
  }, []);
  return gone;
}
