// The network link between two members, drawn border to border. Clicking it, or its chip, cuts it
// or restores it; a cut link is dashed red.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type Edge, type EdgeProps, type InternalNode } from '@xyflow/react';
import { useRunAction } from '../actions/use-run-action';
import { toggleLink } from '../actions/actions';
import { linkSegment, type Box } from '../lib/geometry';
import { memberNodeSize } from '../lib/layout';
import { Icon } from './Icon';

/** What each link edge knows. */
export type RaftLinkData = {
  a: string;
  b: string;
  cut: boolean;
  /** One end is the current leader: the link carries replication. */
  leaderLink: boolean;
  /** One end is down, so nothing flows. */
  idle: boolean;
};

/** React Flow edge type for a member-to-member link. */
export type RaftLink = Edge<RaftLinkData, 'raftLink'>;

function boxOf(n: InternalNode): Box {
  const p = n.internals.positionAbsolute;
  return { x: p.x, y: p.y, width: n.measured.width ?? memberNodeSize.width, height: n.measured.height ?? memberNodeSize.height };
}

/** The link edge. */
export const RaftLinkEdge = memo(function RaftLinkEdge({ id, source, target, data }: EdgeProps<RaftLink>) {
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  const run = useRunAction();
  if (!s || !t || !data) return null;
  const [p, q] = linkSegment(boxOf(s), boxOf(t), 4);
  const path = `M ${p.x} ${p.y} L ${q.x} ${q.y}`;
  const mx = (p.x + q.x) / 2;
  const my = (p.y + q.y) / 2;
  const state = data.cut ? 'cut' : data.idle ? 'idle' : data.leaderLink ? 'leader' : 'peer';
  const label = `${data.cut ? 'Restore' : 'Cut'} the link ${data.a} ↔ ${data.b}`;
  return (
    <>
      <BaseEdge id={id} path={path} className={`link link--${state}`} interactionWidth={18} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`link-chip link-chip--${state} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${mx}px, ${my}px)` }}
          onClick={() => run(toggleLink, { a: data.a, b: data.b })}
          aria-label={label}
          aria-pressed={data.cut}
          title={label}
          data-testid={`link-${data.a}-${data.b}`}
          data-cut={data.cut}
        >
          {data.cut ? (
            <Icon name="unlink" size={12} strokeWidth={2.2} />
          ) : (
            <>
              <Icon name="link" size={12} strokeWidth={2.2} className="link-chip__idle" />
              <Icon name="scissors" size={12} strokeWidth={2.2} className="link-chip__hover" />
            </>
          )}
        </button>
      </EdgeLabelRenderer>
    </>
  );
});
