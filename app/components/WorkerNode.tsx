// A worker node on the canvas: its Ready condition, cordon and taints, its capacity, and the pods
// bound to it, coloured by status (app/lib/pods.ts). Detail follows the room there is: named chips
// for a few pods, coloured squares for more, and a bar of counts when the node holds many or the
// view is zoomed far out. Click a pod for "why this node?"; click the card for its menu (kill,
// restart, cordon, drain). Pod and node names are user data: they are only ever text.
import { memo } from 'react';
import { Handle, NodeToolbar, Position, useStore, type Node, type NodeProps } from '@xyflow/react';
import type { NodeSummary, PodSummary } from '../../engine/apiserver/workload-view';
import { useRunAction } from '../actions/use-run-action';
import { cordonNode, drainNode, killNode, restartNode, uncordonNode } from '../actions/workload-actions';
import { podKey, podTone, podToneLabel, podTones, shortPodName, toneCounts } from '../lib/pods';
import { workerNodeSize } from '../lib/workload-layout';
import { useAppStore, useAppStoreApi } from '../store';
import { CardMenu } from './CardMenu';
import './workloads.css';

/** What the canvas hands a node card. */
export type WorkerNodeData = {
  name: string;
  /** The Node as the apiserver holds it (null until the kubelet registers it). */
  node: NodeSummary | null;
  /** Whether the kubelet's process runs (null: no kubelet of this session runs it). */
  up: boolean | null;
  pods: readonly PodSummary[];
  menuSide: 'top' | 'bottom';
  menuAlign: 'start' | 'center' | 'end';
};

export type WorkerNodeType = Node<WorkerNodeData, 'workerNode'>;

/** Pods shown as named chips at most, and as squares at most; more than that show as counts. */
export const namedChipsMax = 12;
export const squareChipsMax = 32;

type Tone = 'ready' | 'notready' | 'unknown' | 'down' | 'registering';

function toneOf(d: WorkerNodeData): Tone {
  if (d.up === false) return 'down';
  if (!d.node || d.node.ready === '') return 'registering';
  return d.node.ready === 'True' ? 'ready' : d.node.ready === 'False' ? 'notready' : 'unknown';
}

/** The STATUS column of `kubectl get nodes`, or what the kubelet is doing. */
function statusText(d: WorkerNodeData, tone: Tone): string {
  if (tone === 'down') return 'kubelet down';
  if (tone === 'registering') return 'registering';
  const base = tone === 'ready' ? 'Ready' : tone === 'notready' ? 'NotReady' : 'Unknown';
  return d.node?.unschedulable ? `${base},SchedulingDisabled` : base;
}

/** How much of each pod the card can show at this zoom. */
function useDetail(count: number): 'named' | 'squares' | 'counts' {
  const zoom = useStore((s) => (s.transform[2] < 0.42 ? 'far' : s.transform[2] < 0.62 ? 'mid' : 'near'));
  if (count > squareChipsMax || zoom === 'far') return 'counts';
  if (count > namedChipsMax || zoom === 'mid') return 'squares';
  return 'named';
}

function PodChip({ pod, named, selected }: { pod: PodSummary; named: boolean; selected: boolean }) {
  const api = useAppStoreApi();
  const tone = podTone(pod);
  const key = podKey(pod);
  const label = `${pod.name}: ${pod.status}${pod.ready ? ', ready' : ''}${pod.restarts ? `, ${pod.restarts} restarts` : ''}`;
  return (
    <button
      type="button"
      className={`pod pod--${tone}${named ? '' : ' pod--square'}${selected ? ' is-selected' : ''} nodrag`}
      title={`${key} · ${pod.status}${pod.restarts ? ` · ${pod.restarts} restarts` : ''}${pod.podIP ? ` · ${pod.podIP}` : ''}`}
      aria-label={label}
      aria-pressed={selected}
      data-pod={key}
      data-tone={tone}
      onClick={(e) => {
        e.stopPropagation();
        api.getState().selectPod(selected ? null : key);
      }}
    >
      {named && <span className="pod__name">{shortPodName(pod.name)}</span>}
      {named && pod.restarts > 0 && <span className="pod__restarts" aria-hidden="true">↻{pod.restarts}</span>}
    </button>
  );
}

function PodCounts({ pods }: { pods: readonly PodSummary[] }) {
  const counts = toneCounts(pods);
  const total = pods.length || 1;
  return (
    <div className="pod-counts" data-testid="pod-counts">
      <div className="pod-counts__bar" aria-hidden="true">
        {podTones.map((t) => (counts[t] ? <span key={t} className={`pod-counts__seg pod--${t}`} style={{ flexGrow: counts[t] / total }} /> : null))}
      </div>
      <ul className="pod-counts__list">
        {podTones.map((t) =>
          counts[t] ? (
            <li key={t}>
              <span className={`pod-dot pod--${t}`} aria-hidden="true" />
              {counts[t]} {podToneLabel[t]}
            </li>
          ) : null,
        )}
      </ul>
    </div>
  );
}

/** The node card. */
export const WorkerNode = memo(function WorkerNode({ data, selected }: NodeProps<WorkerNodeType>) {
  const tone = toneOf(data);
  const detail = useDetail(data.pods.length);
  const selectedPod = useAppStore((s) => s.selectedPod);
  const n = data.node;
  const capacity = n ? `${n.cpu} CPU · ${n.memory}` : '';
  const running = data.pods.filter((p) => !p.deleting && p.phase !== 'Succeeded' && p.phase !== 'Failed').length;
  return (
    <>
      <NodeToolbar isVisible={selected} position={data.menuSide === 'top' ? Position.Top : Position.Bottom} align={data.menuAlign} offset={12}>
        <NodeMenu data={data} />
      </NodeToolbar>
      <div
        className={`worker worker--${tone}${selected ? ' is-selected' : ''}`}
        style={{ width: workerNodeSize.width, height: workerNodeSize.height }}
        data-testid={`node-${data.name}`}
        data-status={tone}
        aria-label={`node ${data.name}, ${statusText(data, tone)}, ${data.pods.length} pods`}
      >
        <Handle type="target" position={Position.Top} className="member__handle" isConnectable={false} />
        {/* Its own line to the apiserver starts here. */}
        <Handle type="source" position={Position.Top} className="member__handle" isConnectable={false} />
        <div className="worker__head">
          <span className="worker__icon" aria-hidden="true">
            <svg width={15} height={15} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
              <path d="M3 5h18v10H3zM8 21h8M12 15v6" />
            </svg>
          </span>
          <div className="worker__ident">
            <div className="worker__name">{data.name}</div>
            <div className="worker__row">
              <span className={`badge worker-badge--${tone}`} data-testid="node-status">{statusText(data, tone)}</span>
              {n?.internalIP && <span className="worker__sub">{n.internalIP}</span>}
            </div>
          </div>
          <div className="worker__cap" title="capacity, and pods that count against the node's pod limit">
            <div>{capacity}</div>
            <div data-testid="node-pod-count">
              {running}/{n?.pods || '—'} pods
            </div>
          </div>
        </div>
        {n && n.taints.length > 0 && (
          <div className="worker__taints" title={n.taints.join('\n')}>
            {n.taints.map((t) => (
              <span key={t} className="taint">{t.replace(/^node\.kubernetes\.io\//, '')}</span>
            ))}
          </div>
        )}
        <div className={`worker__pods worker__pods--${detail}`} data-testid="node-pods" role="group" aria-label={`pods on ${data.name}`}>
          {data.pods.length === 0 ? (
            <div className="worker__empty">{tone === 'down' ? 'kubelet killed · restart it from its menu' : tone === 'registering' ? 'kubelet registering the Node…' : 'no pods · kubectl create deployment web --image=nginx --replicas=3'}</div>
          ) : detail === 'counts' ? (
            <PodCounts pods={data.pods} />
          ) : (
            data.pods.map((p) => <PodChip key={p.uid || podKey(p)} pod={p} named={detail === 'named'} selected={selectedPod === podKey(p)} />)
          )}
        </div>
      </div>
    </>
  );
});

function NodeMenu({ data }: { data: WorkerNodeData }) {
  const run = useRunAction();
  const api = useAppStoreApi();
  const hasProxy = useAppStore((s) => !!s.snapshot?.proxies?.[data.name]);
  const name = data.name;
  const busy = useAppStore((s) => !!s.busy[`kill:${name}`] || !!s.busy[`restart:${name}`] || !!s.busy[`cordon:${name}`] || !!s.busy[`drain:${name}`]);
  const registered = !!data.node;
  const items = [
    data.up === false
      ? { label: 'Restart', icon: 'restart' as const, tone: 'ok' as const, testId: 'node-restart', disabled: busy, onSelect: () => void run(restartNode, name) }
      : { label: 'Kill', icon: 'power' as const, tone: 'danger' as const, testId: 'node-kill', disabled: busy || data.up === null, onSelect: () => void run(killNode, name) },
    data.node?.unschedulable
      ? { label: 'Uncordon', icon: 'shield' as const, testId: 'node-uncordon', disabled: busy || !registered, onSelect: () => void run(uncordonNode, name) }
      : { label: 'Cordon', icon: 'isolate' as const, testId: 'node-cordon', disabled: busy || !registered, onSelect: () => void run(cordonNode, name) },
    { label: 'Drain', icon: 'download' as const, testId: 'node-drain', disabled: busy || !registered, onSelect: () => void run(drainNode, name) },
    ...(hasProxy ? [{ label: 'Tables', icon: 'layout' as const, testId: 'node-tables', onSelect: () => api.getState().showProxy(name) }] : []),
  ];
  return <CardMenu name={name} title={`node ${name}`} items={items} testId={`node-menu-${name}`} note={<>kubelet in <code>{data.up === null ? 'no process' : 'a pooled worker'}</code></>} />;
}
