// The network link between two members, drawn border to border. Clicking it, or its chip, cuts it
// or restores it; a cut link is dashed red. The chip shows only while the pointer is on the link,
// while one of its members is selected, or while it has focus, so that 21 links at 7 members do not
// carry 21 buttons. All the chips share one tab stop (roving tabindex): Tab reaches the links once,
// the arrow keys move between them.
import { memo, type KeyboardEvent } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type Edge, type EdgeProps, type InternalNode } from '@xyflow/react';
import { useRunAction } from '../actions/use-run-action';
import { useAppStore } from '../store';
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
  /** The chip is shown (the link is hovered, or one of its members is selected). */
  shown: boolean;
  /** This chip is the links' one tab stop. */
  tabStop: boolean;
};

/** Arrow keys, Home and End move focus between the link chips, in document order. */
function onChipKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
  const keys = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(e.key)) return;
  const root = e.currentTarget.closest('.react-flow') ?? document;
  const chips = [...root.querySelectorAll<HTMLButtonElement>('button.link-chip')];
  const at = chips.indexOf(e.currentTarget);
  if (at < 0 || chips.length === 0) return;
  e.preventDefault();
  e.stopPropagation();
  const next =
    e.key === 'Home' ? 0 : e.key === 'End' ? chips.length - 1 : e.key === 'ArrowRight' || e.key === 'ArrowDown' ? (at + 1) % chips.length : (at - 1 + chips.length) % chips.length;
  chips[next].focus();
}

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
  const setActiveLink = useAppStore((st) => st.setActiveLink);
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
          className={`link-chip link-chip--${state}${data.shown ? ' is-shown' : ''} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${mx}px, ${my}px)` }}
          onClick={() => run(toggleLink, { a: data.a, b: data.b })}
          aria-label={label}
          aria-pressed={data.cut}
          title={label}
          data-testid={`link-${data.a}-${data.b}`}
          data-cut={data.cut}
          data-link={id}
          tabIndex={data.tabStop ? 0 : -1}
          onFocus={() => setActiveLink(id)}
          onKeyDown={onChipKeyDown}
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
