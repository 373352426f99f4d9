// The load generator in the palette: from a node, to a name and port, at a rate; Start and Stop;
// what it did so far (completed and failed connections, per endpoint and per reason). The service
// cards show the same per-endpoint counts.
import { useAppStore } from '../store';
import { useRunAction } from '../actions/use-run-action';
import { startTraffic, stopTraffic } from '../actions/traffic-actions';
import { Icon } from './Icon';

export function TrafficPanel() {
  const controlPlane = useAppStore((s) => (s.snapshot?.apiservers.length ?? 0) > 0);
  const hasProxy = useAppStore((s) => !!s.snapshot?.proxies);
  const nodes = useAppStore((s) => s.snapshot?.nodeProcesses);
  const spec = useAppStore((s) => s.loadSpec);
  const running = useAppStore((s) => s.loadRunning);
  const totals = useAppStore((s) => s.loadTotals);
  const live = useAppStore((s) => s.connection === 'live');
  const setSpec = useAppStore((s) => s.setLoadSpec);
  const run = useRunAction();
  if (!controlPlane || !hasProxy) return null;
  const endpoints = Object.entries(totals.byEndpoint).sort(([a], [b]) => (a < b ? -1 : 1));
  return (
    <section className="rail__section loadgen" aria-label="Traffic">
      <h2 className="rail__heading">Traffic</h2>
      <label>
        From
        <select value={spec.from} disabled={running} onChange={(e) => setSpec({ from: e.target.value })} data-testid="traffic-from">
          {(nodes ?? []).map((n) => (
            <option key={n.name} value={n.name}>{n.name}</option>
          ))}
        </select>
      </label>
      <div className="loadgen__row">
        <label>
          To
          <input value={spec.to} disabled={running} onChange={(e) => setSpec({ to: e.target.value })} spellCheck={false} data-testid="traffic-to" />
        </label>
        <label>
          Per s
          <input value={spec.rate} disabled={running} inputMode="numeric" onChange={(e) => setSpec({ rate: Math.max(1, Math.min(1000, Number(e.target.value) || 1)) })} data-testid="traffic-rate" />
        </label>
      </div>
      <button
        type="button"
        className={`rail-action${running ? ' rail-action--danger' : ''}`}
        disabled={!live}
        onClick={() => void run(running ? stopTraffic : startTraffic, undefined)}
        data-testid="traffic-toggle"
      >
        <Icon name={running ? 'pause' : 'play'} size={15} />
        <span>{running ? 'Stop traffic' : 'Start traffic'}</span>
      </button>
      {(totals.batches > 0 || totals.error) && (
        <p className="loadgen__stats" data-testid="traffic-stats">
          {totals.resolved && <>→ {totals.resolved}<br /></>}
          <span data-testid="traffic-ok" data-last={totals.last.ok}>{totals.ok} ok</span> · <span className={totals.failed ? 'is-bad' : ''} data-testid="traffic-failed" data-last={totals.last.failed}>{totals.failed} failed</span>
          {endpoints.map(([ep, n]) => (
            <span key={ep} data-endpoint={ep} data-total={n} data-last={totals.last.byEndpoint[ep] ?? 0}>
              <br />
              {ep} {n}
              <span className="loadgen__now" title="in the last simulated second"> +{totals.last.byEndpoint[ep] ?? 0}</span>
            </span>
          ))}
          {Object.entries(totals.errors).map(([why, n]) => (
            <span key={why} className="is-bad">
              <br />
              {why}: {n}
            </span>
          ))}
          {totals.error && (
            <span className="is-bad">
              <br />
              {totals.error}
            </span>
          )}
        </p>
      )}
    </section>
  );
}
