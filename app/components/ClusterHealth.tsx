// One-glance health of the etcd cluster: leader, term, how many members the cluster can reach (up
// and not cut off from the leader), revision. It is green only when every member is up and reachable.
import { useAppStore } from '../store';
import { currentLeader } from '../lib/diff';
import { reachability } from '../lib/health';

/** The status pill in the top bar. */
export function ClusterHealth() {
  const connection = useAppStore((s) => s.connection);
  const snapshot = useAppStore((s) => s.snapshot);
  if (connection === 'error') return <div className="health health--error" data-testid="cluster-health">engine failed to start</div>;
  if (!snapshot) return <div className="health health--pending" data-testid="cluster-health">starting etcd…</div>;

  const members = snapshot.members.filter((m) => !m.removed);
  const reach = reachability(snapshot.members, snapshot.cutLinks);
  const leader = currentLeader(members);
  const quorum = Math.floor(members.length / 2) + 1;
  const revision = Math.max(0, ...members.map((m) => m.revision));
  const tone = leader ? (reach.reachable === members.length ? 'ok' : 'degraded') : 'down';
  const down = reach.total - reach.up;
  const why = [down ? `${down} down` : '', reach.cutOff.length ? `${reach.cutOff.join(', ')} cut off` : ''].filter(Boolean).join(', ');

  return (
    <div className={`health health--${tone}`} data-testid="cluster-health" aria-live="polite">
      <span className="health__dot" aria-hidden="true" />
      <span className="health__main" data-testid="cluster-leader">
        {leader ? (
          <>
            leader <strong>{leader.name}</strong>
          </>
        ) : (
          <strong>no leader</strong>
        )}
      </span>
      <span className="health__sep health__term" aria-hidden="true" />
      <span className="health__term">
        term <strong data-testid="cluster-term">{leader?.raft.term ?? Math.max(0, ...members.map((m) => m.raft.term))}</strong>
      </span>
      <span className="health__sep" aria-hidden="true" />
      <span className="health__reach" title={`quorum is ${quorum} of ${members.length}${why ? `; ${why}` : ''}`} data-testid="cluster-reachable">
        <strong>{reach.reachable}</strong>/{members.length} {reach.cutOff.length ? 'reachable' : 'up'}
      </span>
      <span className="health__sep health__rev" aria-hidden="true" />
      <span className="health__rev">
        rev <strong>{revision}</strong>
      </span>
    </div>
  );
}
