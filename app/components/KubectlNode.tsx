// The terminal's kubectl on the canvas: the client whose requests the apiserver answers. A badge,
// not a card: it has no state of its own worth a menu, only its traffic.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { kubectlNodeSize } from '../lib/layout';
import { Icon } from './Icon';
import './apiserver.css';

/** What the canvas hands the kubectl badge. */
export type KubectlNodeData = {
  /** Who it authenticates as (the user of its last request), if it has made one. */
  user: string | null;
  /** Whether any apiserver is up to answer it. */
  connected: boolean;
};

/** React Flow node type for kubectl. */
export type KubectlNodeType = Node<KubectlNodeData, 'kubectl'>;

/** The kubectl badge. */
export const KubectlNode = memo(function KubectlNode({ data }: NodeProps<KubectlNodeType>) {
  return (
    <div
      className={`kubectl-badge${data.connected ? '' : ' kubectl-badge--alone'}`}
      style={{ width: kubectlNodeSize.width, height: kubectlNodeSize.height }}
      data-testid="kubectl-node"
      aria-label={`kubectl, the terminal's client${data.user ? `, as ${data.user}` : ''}`}
    >
      <Handle type="target" position={Position.Top} className="member__handle" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} className="member__handle" isConnectable={false} />
      <span className="kubectl-badge__icon" aria-hidden="true">
        <Icon name="terminal" size={14} strokeWidth={2.2} />
      </span>
      <span className="kubectl-badge__text">
        <span className="kubectl-badge__name">kubectl</span>
        <span className="kubectl-badge__sub" title={data.user ?? undefined}>{data.user ?? 'in the terminal'}</span>
      </span>
    </div>
  );
});
