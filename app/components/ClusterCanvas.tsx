// The cluster canvas: members on a circle, the links between them, Raft traffic in flight.
// Members can be dragged; dropping the palette's etcd member adds a member where it lands.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
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
import { linkId, memberNodeSize } from '../lib/layout';
import { EtcdMemberNode, type EtcdNode } from './EtcdMemberNode';
import { PendingMemberNode, type PendingNode } from './PendingMemberNode';
import { RaftLinkEdge, type RaftLink } from './RaftLinkEdge';
import { MessageLayer } from './MessageLayer';
import { Legend } from './Legend';
import { CanvasOverlay } from './CanvasOverlay';
import { paletteMime } from './Palette';

const nodeTypes = { etcdMember: EtcdMemberNode, pendingMember: PendingMemberNode };
const edgeTypes = { raftLink: RaftLinkEdge };
// Room at the bottom for the legend, at the top for a member's menu.
const fitOptions: FitViewOptions = { padding: { top: '28px', bottom: '64px', left: '40px', right: '64px' }, maxZoom: 1.15, duration: 250 };

type CanvasNode = EtcdNode | PendingNode;

/** Builds member cards and links from the snapshot and the layout. */
function useDesiredGraph(): { nodes: CanvasNode[]; edges: RaftLink[] } {
  const members = useAppStore((s) => s.snapshot?.members);
  const cutLinks = useAppStore((s) => s.snapshot?.cutLinks);
  const positions = useAppStore((s) => s.positions);
  const selected = useAppStore((s) => s.selected);
  const pendingDrop = useAppStore((s) => s.pendingDrop);
  const adding = useAppStore((s) => !!s.busy['add-member']);

  return useMemo(() => {
    const list = members ?? [];
    const leader = currentLeader(list);
    const centreY = (() => {
      const ys = list.map((m) => positions[m.name]?.y).filter((y): y is number => y !== undefined);
      return ys.length ? (Math.min(...ys) + Math.max(...ys)) / 2 : 0;
    })();
    const nodes: CanvasNode[] = list
      .filter((m) => positions[m.name])
      .map((m) => ({
        id: m.name,
        type: 'etcdMember' as const,
        position: positions[m.name],
        selected: selected === m.name,
        ariaLabel: `etcd member ${m.name}`,
        data: { member: m, leaderName: leader?.name ?? null, menuSide: positions[m.name].y <= centreY ? 'bottom' : 'top' },
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
    const cut = new Set((cutLinks ?? []).map(([a, b]) => linkId(a, b)));
    const live = list.filter((m) => !m.removed && positions[m.name]);
    const edges: RaftLink[] = [];
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
          },
        });
      }
    }
    return { nodes, edges };
  }, [members, cutLinks, positions, selected, pendingDrop, adding]);
}

/** Keeps React Flow's per-node bookkeeping (measured size) while taking data from the store. */
function reconcile(prev: CanvasNode[], desired: CanvasNode[]): CanvasNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return desired.map((d) => {
    const p = byId.get(d.id);
    return p ? ({ ...p, ...d, measured: p.measured } as CanvasNode) : d;
  });
}

/** The canvas. */
export function ClusterCanvas() {
  const desired = useDesiredGraph();
  const [nodes, setNodes] = useState<CanvasNode[]>([]);
  const fitRequest = useAppStore((s) => s.fitRequest);
  const connection = useAppStore((s) => s.connection);
  const storeApi = useAppStoreApi();
  const run = useRunAction();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const [dropActive, setDropActive] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => setNodes((prev) => reconcile(prev, desired.nodes)), [desired.nodes]);

  // Refit when asked (first members, tidy layout) and when the panel changes size.
  useEffect(() => {
    if (!fitRequest) return;
    const id = requestAnimationFrame(() => requestAnimationFrame(() => void fitView(fitOptions)));
    return () => cancelAnimationFrame(id);
  }, [fitRequest, fitView]);
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    let timer = 0;
    const ro = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void fitView({ ...fitOptions, duration: 0 }), 120);
    });
    ro.observe(el);
    return () => {
      clearTimeout(timer);
      ro.disconnect();
    };
  }, [fitView]);

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

  const onNodeClick: NodeMouseHandler<Node> = useCallback((_, node) => {
    if (node.type === 'etcdMember') storeApi.getState().select(node.id);
  }, [storeApi]);
  const onEdgeClick: EdgeMouseHandler<Edge> = useCallback((_, edge) => {
    const d = edge.data as RaftLink['data'];
    if (d) void run(toggleLink, { a: d.a, b: d.b });
  }, [run]);
  const onPaneClick = useCallback(() => storeApi.getState().select(null), [storeApi]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(paletteMime)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropActive(true);
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      setDropActive(false);
      if (e.dataTransfer.getData(paletteMime) !== 'etcd-member') return;
      e.preventDefault();
      void run(addMember, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [screenToFlowPosition, run],
  );

  return (
    <div
      ref={wrapper}
      className={`canvas${dropActive ? ' canvas--drop' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={() => setDropActive(false)}
      onDrop={onDrop}
      data-testid="canvas"
      aria-label="Cluster canvas"
    >
      <ReactFlow<CanvasNode, RaftLink>
        nodes={nodes}
        edges={desired.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        nodesConnectable={false}
        deleteKeyCode={null}
        panActivationKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        minZoom={0.3}
        maxZoom={2}
        colorMode="dark"
        proOptions={{ hideAttribution: false }}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="#232938" />
        <MessageLayer />
        <Legend />
        <Controls showInteractive={false} position="bottom-right" aria-label="Zoom controls" />
      </ReactFlow>
      {connection !== 'live' && <CanvasOverlay />}
      {dropActive && <div className="canvas__drop-hint">Drop to add an etcd member</div>}
    </div>
  );
}
