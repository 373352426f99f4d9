// The load generator in the palette: from a node, to a name and port, at a rate; Start and Stop;
// what it did so far (completed and failed connections, per endpoint and per reason). The service
// cards show the same per-endpoint counts.
import { useAppStore } from '../store';
import { useRunAction } from '../actions/use-run-action';
import { installIngressNginx, isUrl, startTraffic, stopTraffic } from '../actions/traffic-actions';
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
  const statuses = Object.entries(totals.byStatus).sort(([a], [b]) => (a < b ? -1 : 1));
  const url = isUrl(spec.to);
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
      {url && (
        <label title="Where the URL's connections go, as curl's --connect-to: a node (its IP at the ingress-nginx controller's NodePort) or ip:port">
          Via
          <input value={spec.via} placeholder={`${spec.from} (ingress NodePort)`} disabled={running} onChange={(e) => setSpec({ via: e.target.value })} spellCheck={false} data-testid="traffic-via" />
        </label>
      )}
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
          {statuses.length > 0 && (
            <>
              <br />
              HTTP{' '}
              {statuses.map(([code, n], i) => (
                <span key={code} className={code.startsWith('2') ? '' : 'is-bad'} data-status={code} data-total={n}>
                  {i > 0 && ' · '}
                  {code} ×{n}
                </span>
              ))}
            </>
          )}
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
      <IngressAddon />
    </section>
  );
}

/** ingress-nginx: installed with a click (its manifest, by kubectl apply), then how ready its controller is. */
function IngressAddon() {
  const installed = useAppStore((s) => s.snapshot?.addons?.some((a) => a.name === 'ingress-nginx') ?? false);
  const controller = useAppStore((s) => {
    const pods = s.snapshot?.workloads?.pods.filter((p) => p.namespace === 'ingress-nginx') ?? [];
    return `${pods.filter((p) => p.phase === 'Running' && p.ready).length}/${pods.length}`;
  });
  const busy = useAppStore((s) => !!s.busy['addon:ingress-nginx']);
  const live = useAppStore((s) => s.connection === 'live');
  const run = useRunAction();
  if (installed)
    return (
      <p className="rail__hint" data-testid="ingress-status">
        ingress-nginx: controller {controller} ready. Route with an Ingress (<code>ingressClassName: nginx</code>), then send to <code>http://host/path</code>.
      </p>
    );
  return (
    <>
      <button type="button" className="rail-action" disabled={!live || busy} onClick={() => void run(installIngressNginx, undefined)} data-testid="install-ingress">
        <Icon name="plus" size={15} />
        <span>{busy ? 'Installing ingress-nginx…' : 'Install ingress-nginx'}</span>
      </button>
      <p className="rail__hint">The Ingress controller: a Deployment and a NodePort Service in ingress-nginx, applied as its manifest would be.</p>
    </>
  );
}
