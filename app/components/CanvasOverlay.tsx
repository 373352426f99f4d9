// Shown over the canvas while the cluster starts, or when it could not start.
import { useAppStore } from '../store';
import { Icon } from './Icon';

/** The starting / failed overlay. */
export function CanvasOverlay() {
  const connection = useAppStore((s) => s.connection);
  const error = useAppStore((s) => s.connectionError);
  if (connection === 'error') {
    return (
      <div className="overlay" role="alert" data-testid="engine-error">
        <Icon name="alert" size={22} />
        <div className="overlay__title">The etcd cluster could not start</div>
        <pre className="overlay__detail">{error}</pre>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  return (
    <div className="overlay" data-testid="engine-starting">
      <span className="spinner spinner--lg" aria-hidden="true" />
      <div className="overlay__title">Starting etcd</div>
      <div className="overlay__detail">one Web Worker per member</div>
    </div>
  );
}
