// The header: product name, cluster health and time controls.
import { ClusterHealth } from './ClusterHealth';
import { Icon } from './Icon';
import { RecordingControls } from './RecordingControls';
import { RunInfo } from './RunInfo';
import { TimeControls } from './TimeControls';

/** The top bar. */
export function TopBar() {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          <Icon name="database" size={15} strokeWidth={2.2} />
        </span>
        <span className="brand__name">Kubeplay</span>
        <span className="brand__scope">etcd</span>
      </div>
      <ClusterHealth />
      <div className="topbar__spacer" />
      <RunInfo />
      <RecordingControls />
      <TimeControls />
    </header>
  );
}
