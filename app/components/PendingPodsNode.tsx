// The pods no node has yet: the scheduler's queue as the canvas shows it, beside the schedulers.
// A pod leaves this card for a node's card once it is bound; click one for why it is still waiting.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { PodSummary } from '../../engine/apiserver/workload-view';
import { podKey, podTone } from '../lib/pods';
import { pendingTraySize } from '../lib/workload-layout';
import { useAppStore, useAppStoreApi } from '../store';
import './workloads.css';

export type PendingPodsData = { pods: readonly PodSummary[] };
export type PendingPodsNodeType = Node<PendingPodsData, 'pendingPods'>;

/** Pods the card lists before it says "+N more". */
const shown = 14;

export const PendingPodsNode = memo(function PendingPodsNode({ data }: NodeProps<PendingPodsNodeType>) {
  const api = useAppStoreApi();
  const selectedPod = useAppStore((s) => s.selectedPod);
  const pods = data.pods;
  return (
    <div className="tray" style={{ width: pendingTraySize.width, height: pendingTraySize.height }} data-testid="pending-pods" aria-label={`${pods.length} pods waiting to be scheduled`}>
      <Handle type="target" position={Position.Top} className="member__handle" isConnectable={false} />
      <div className="tray__title">
        Unscheduled pods <span className="tray__count" data-testid="pending-count">{pods.length}</span>
      </div>
      <div className="tray__pods">
        {pods.length === 0 ? (
          <span className="tray__empty">none waiting · the scheduler binds new pods here</span>
        ) : (
          pods.slice(0, shown).map((p) => {
            const key = podKey(p);
            return (
              <button
                key={p.uid || key}
                type="button"
                className={`pod pod--square pod--${podTone(p)}${selectedPod === key ? ' is-selected' : ''} nodrag`}
                title={`${key} · ${p.status}`}
                aria-label={`${p.name}: ${p.status}, not scheduled`}
                data-pod={key}
                onClick={(e) => {
                  e.stopPropagation();
                  api.getState().selectPod(selectedPod === key ? null : key);
                }}
              />
            );
          })
        )}
        {pods.length > shown && <span className="tray__more">+{pods.length - shown} more</span>}
      </div>
    </div>
  );
});
