// One-glance health of the etcd cluster: leader, term, quorum, revision.
import { useAppStore } from '../store';
import { currentLeader } from '../lib/diff';

/** The status pill in the top bar. */
export function ClusterHealth() {
  const connection = useAppStore((s) => s.connection);
  const snapshot = useAppStore((s) => s.snapshot);
  if (connection === 'error') return <div className="health health--error" data-testid="cluster-health">engine failed to start</div>;
  if (!snapshot) return <div className="health health--pending" data-testid="cluster-health">starting etcd…</div>;

  const members = snapshot.members.filter((m) => !m.removed);
  const up = members.filter((m) => m.up).length;
  const leader = currentLeader(members);
  const quorum = Math.floor(members.length / 2) + 1;
  const revision = Math.max(0, ...members.map((m) => m.revision));
  const tone = leader ? (up === members.length ? 'ok' : 'degraded') : 'down';

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
      <span className="health__sep" aria-hidden="true" />
      <span>
        term <strong data-testid="cluster-term">{leader?.raft.term ?? Math.max(0, ...members.map((m) => m.raft.term))}</strong>
      </span>
      <span className="health__sep" aria-hidden="true" />
      <span title={`quorum is ${quorum} of ${members.length}`}>
        <strong>{up}</strong>/{members.length} up
      </span>
      <span className="health__sep" aria-hidden="true" />
      <span>
        rev <strong>{revision}</strong>
      </span>
    </div>
  );
}
