// A Deployment on the canvas, as `kubectl get deploy` and `kubectl get rs` see it: ready of desired,
// updated, its strategy and revision, and its ReplicaSets newest first, each with a bar of its pods
// (ready of desired), so a rolling update shows the new ReplicaSet growing as the old one shrinks and
// `rollout undo` bringing an old one back. Names and hashes are user data: only ever text.
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { DeploymentSummary, ReplicaSetSummary } from '../../engine/apiserver/workload-view';
import { deploymentNodeSize } from '../lib/workload-layout';
import './workloads.css';

export type DeploymentNodeData = { deployment: DeploymentSummary };

export type DeploymentNodeType = Node<DeploymentNodeData, 'deployment'>;

/** ReplicaSet rows the card has room for. */
const rowsShown = 2;

/** The ReplicaSets worth a row: the newest, then those that still have pods (or are asked to), newest first. */
export function shownReplicaSets(d: DeploymentSummary): { rows: ReplicaSetSummary[]; hidden: number } {
  const [newest, ...older] = d.replicaSets;
  if (!newest) return { rows: [], hidden: 0 };
  const busy = older.filter((rs) => rs.desired > 0 || rs.current > 0);
  const rows = [newest, ...busy].slice(0, rowsShown);
  return { rows, hidden: d.replicaSets.length - rows.length };
}

function ReplicaSetRow({ rs, newest }: { rs: ReplicaSetSummary; newest: boolean }) {
  const width = Math.max(rs.desired, rs.current, 1);
  return (
    <div className={`deploy__rs${newest ? ' deploy__rs--new' : ''}`} data-testid="deployment-rs" data-hash={rs.hash} data-revision={rs.revision} data-ready={rs.ready} data-desired={rs.desired} title={`${rs.name}: ${rs.desired} desired, ${rs.current} current, ${rs.ready} ready`}>
      <span className="deploy__rev">rev {rs.revision || '?'}</span>
      <span className="deploy__hash">{rs.hash}</span>
      <span className="deploy__bar" aria-hidden="true">
        <span className="deploy__bar-ready" style={{ width: `${(100 * rs.ready) / width}%` }} />
        <span className="deploy__bar-rest" style={{ width: `${(100 * Math.max(0, rs.current - rs.ready)) / width}%` }} />
      </span>
      <span className="deploy__count">
        {rs.ready}/{rs.desired}
      </span>
    </div>
  );
}

export const DeploymentNode = memo(function DeploymentNode({ data }: NodeProps<DeploymentNodeType>) {
  const d = data.deployment;
  const title = d.namespace === 'default' ? d.name : `${d.namespace}/${d.name}`;
  const { rows, hidden } = shownReplicaSets(d);
  const stalled = d.progress === 'ProgressDeadlineExceeded';
  const rolling = d.updated < d.replicas || d.replicaSets.slice(1).some((rs) => rs.current > 0);
  return (
    <div
      className={`deploy${stalled ? ' deploy--stalled' : ''}`}
      style={{ width: deploymentNodeSize.width, height: deploymentNodeSize.height }}
      data-testid={`deployment-${d.namespace}-${d.name}`}
      data-revision={d.revision}
      aria-label={`deployment ${title}, ${d.ready} of ${d.replicas} ready, revision ${d.revision}`}
    >
      <div className="deploy__head">
        <span className="deploy__name" title={`${d.namespace}/${d.name}`}>{title}</span>
        <span className="badge deploy__kind">{d.paused ? 'paused' : stalled ? 'stalled' : rolling ? 'rolling out' : 'Deployment'}</span>
      </div>
      <div className="deploy__sum" data-testid="deployment-summary" title={`strategy: ${d.strategy}`}>
        {d.ready}/{d.replicas} ready · {d.updated} updated · rev {d.revision || '?'}
      </div>
      {rows.map((rs, i) => (
        <ReplicaSetRow key={rs.name} rs={rs} newest={i === 0} />
      ))}
      {hidden > 0 && <div className="deploy__more">+{hidden} older (scaled to 0)</div>}
    </div>
  );
});
