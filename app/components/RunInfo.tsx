// The seed and timing profile this page runs with: what someone needs to replay what they saw.
import { useConnection } from '../cluster/react';

/** Seed and profile the cluster was started with (from the URL: `?seed=7&profile=realistic`). */
export function RunInfo() {
  const { seed, profile } = useConnection().options;
  return (
    <div className="run-info" title="Add ?seed=N&profile=fast|realistic&members=N to the URL to change them" data-testid="run-info">
      <span>seed</span> <strong>{seed}</strong>
      <span className="run-info__sep" aria-hidden="true">·</span>
      <strong>{profile}</strong> <span>timing</span>
    </div>
  );
}
