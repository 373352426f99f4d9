// The placeholder shown where an etcd member was dropped, until the real member reports in.
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { Icon } from './Icon';

/** React Flow node type for a member that is joining. */
export type PendingNode = Node<Record<string, never>, 'pendingMember'>;

/** The ghost card. */
export const PendingMemberNode = memo(function PendingMemberNode(_: NodeProps<PendingNode>) {
  return (
    <div className="member member--pending" data-testid="member-pending" aria-busy="true">
      <div className="member__head">
        <span className="member__icon" aria-hidden="true">
          <Icon name="database" size={14} />
        </span>
        <div className="member__ident">
          <div className="member__row">
            <span className="member__name">new member</span>
            <span className="badge badge--pending">Joining</span>
          </div>
          <div className="member__id">etcdctl member add …</div>
        </div>
      </div>
      <div className="member__pending-body">
        <span className="spinner" aria-hidden="true" /> proposing the membership change to the leader
      </div>
    </div>
  );
});
