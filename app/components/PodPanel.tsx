// "Why this node?": the selected pod's facts and the scheduler's last cycle for it, as
// inspect.scheduling gives it: each node's Filter verdict (the rejecting plugin's reason) and, for
// the nodes that passed, each Score plugin's normalised score (0–100, before its weight) and the
// weighted total selectHost compared. The chosen node comes first.
import { useEffect, useMemo } from 'react';
import type { PodSummary } from '../../engine/apiserver/workload-view';
import type { NodeVerdict } from '../../engine/scheduler/schedule-one';
import { deletePod } from '../actions/workload-actions';
import { useRunAction } from '../actions/use-run-action';
import { podKey, podTone } from '../lib/pods';
import { useAppStore, useAppStoreApi } from '../store';
import { Icon } from './Icon';
import './workloads.css';

/** Short column heads for the default profile's score plugins. */
const pluginShort: Record<string, string> = {
  TaintToleration: 'Taints',
  NodeAffinity: 'Affinity',
  NodeResourcesFit: 'Fit',
  PodTopologySpread: 'Spread',
  InterPodAffinity: 'Pod aff.',
  NodeResourcesBalancedAllocation: 'Balance',
  ImageLocality: 'Image',
  VolumeBinding: 'Volume',
};

/** Rows in the order a person reads them: the chosen node, then the others by total, then the filtered ones. */
export function verdictRows(nodes: Record<string, NodeVerdict>, chosen: string | null): [string, NodeVerdict][] {
  return Object.entries(nodes).sort(([a, x], [b, y]) => {
    if (a === chosen) return -1;
    if (b === chosen) return 1;
    if ((x.filter === null) !== (y.filter === null)) return x.filter === null ? -1 : 1;
    return y.total - x.total || (a < b ? -1 : 1);
  });
}

/** The plugins that scored any node, in the profile's order. */
export function scoredPlugins(nodes: Record<string, NodeVerdict>, weights: Record<string, number> | undefined): string[] {
  const seen = new Set<string>();
  for (const v of Object.values(nodes)) for (const p of Object.keys(v.scores)) seen.add(p);
  const order = Object.keys(weights ?? {});
  return [...seen].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
}

/** Why the chosen node won: the filters it passed, and its score (or the tie selectHost broke at random). */
export function boundText(chosen: string | null, nodes: Record<string, NodeVerdict>): string {
  const feasible = Object.entries(nodes).filter(([, v]) => v.filter === null);
  const passed = `${feasible.length} of ${Object.keys(nodes).length} node${Object.keys(nodes).length === 1 ? '' : 's'} passed every filter`;
  if (!chosen) return `${passed}.`;
  if (feasible.length === 1) return `Bound to ${chosen}: ${passed}, so no scoring was needed.`;
  const top = Math.max(...feasible.map(([, v]) => v.total));
  const tied = feasible.filter(([, v]) => v.total === top).length;
  if (tied > 1) return `Bound to ${chosen}: ${passed}; ${tied} tied on the top score (${top}) and the scheduler picked one of them at random, as selectHost does.`;
  return `Bound to ${chosen}: ${passed}; it had the highest weighted score (${top}).`;
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value || '—'}</dd>
    </>
  );
}

/** The panel; nothing while no pod is selected. */
export function PodPanel() {
  const key = useAppStore((s) => s.selectedPod);
  const pods = useAppStore((s) => s.snapshot?.workloads?.pods);
  const inspection = useAppStore((s) => (key ? s.snapshot?.scheduling?.[key] : undefined));
  const weights = useAppStore((s) => s.snapshot?.scoreWeights);
  const api = useAppStoreApi();
  const run = useRunAction();
  const deleting = useAppStore((s) => (key ? !!s.busy[`delete-pod:${key}`] : false));
  const pod: PodSummary | undefined = useMemo(() => (key ? pods?.find((p) => podKey(p) === key) : undefined), [key, pods]);

  useEffect(() => {
    if (!key) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') api.getState().selectPod(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, api]);

  if (!key) return null;
  const plugins = inspection ? scoredPlugins(inspection.nodes, weights) : [];
  const rows = inspection ? verdictRows(inspection.nodes, inspection.node) : [];
  return (
    <aside className="pod-panel nodrag nopan" aria-label={`pod ${key}`} data-testid="pod-panel">
      <header className="pod-panel__head">
        <span className={`pod-dot pod--${pod ? podTone(pod) : 'terminating'}`} aria-hidden="true" />
        <h2 className="pod-panel__title" title={key}>{key}</h2>
        <button type="button" className="pod-panel__close" aria-label="Close pod details" onClick={() => api.getState().selectPod(null)}>
          <Icon name="x" size={14} />
        </button>
      </header>
      {pod ? (
        <dl className="pod-panel__facts">
          <Fact label="Status" value={`${pod.status}${pod.phase === 'Running' ? (pod.ready ? ' · ready' : ' · not ready') : ''}`} testId="pod-status" />
          <Fact label="Node" value={pod.node} testId="pod-node" />
          <Fact label="IP" value={pod.podIP} />
          <Fact label="Owner" value={pod.owner} />
          <Fact label="Restarts" value={String(pod.restarts)} />
        </dl>
      ) : null}
      {pod ? (
        <div className="pod-panel__actions">
          <button
            type="button"
            className="rail-action rail-action--danger"
            data-testid="pod-delete"
            disabled={deleting || pod.deleting}
            title={`kubectl delete pod ${pod.name} -n ${pod.namespace}`}
            onClick={() => void run(deletePod, { namespace: pod.namespace, name: pod.name })}
          >
            <Icon name="power" size={13} />
            {pod.deleting ? 'Terminating…' : 'Delete pod'}
          </button>
        </div>
      ) : (
        <p className="pod-panel__note">This pod is gone: it was deleted, or replaced.</p>
      )}
      <h3 className="pod-panel__section">Why this node?</h3>
      {!inspection ? (
        <p className="pod-panel__note" data-testid="why-none">
          {pod && !pod.node ? 'Waiting for the scheduler’s first cycle.' : 'No scheduling cycle of the leading scheduler is on record for this pod (it was bound before this scheduler led, or named its node itself).'}
        </p>
      ) : (
        <>
          {inspection.message ? (
            <p className="pod-panel__why pod-panel__why--failed" data-testid="why-message">{inspection.message}</p>
          ) : (
            <p className="pod-panel__why" data-testid="why-message">
              {boundText(inspection.node, inspection.nodes)}
            </p>
          )}
          <div className="pod-panel__table-wrap">
            <table className="verdicts" data-testid="why-table">
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  {plugins.map((p) => (
                    <th key={p} scope="col" title={`${p}: normalised score 0–100, weight ${weights?.[p] ?? 1}`}>
                      {pluginShort[p] ?? p}
                      <span className="verdicts__weight">×{weights?.[p] ?? 1}</span>
                    </th>
                  ))}
                  <th scope="col" title="the weighted sum the scheduler compared">Total</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(([node, v]) => (
                  <tr key={node} className={node === inspection.node ? 'is-chosen' : v.filter !== null ? 'is-filtered' : undefined} data-node={node}>
                    <th scope="row">{node}</th>
                    {v.filter !== null ? (
                      <td colSpan={plugins.length + 1} className="verdicts__filter" title={v.filterPlugin ? `rejected by ${v.filterPlugin}` : undefined}>
                        ✗ {v.filterPlugin ? `${v.filterPlugin}: ` : ''}
                        {v.filter}
                      </td>
                    ) : (
                      <>
                        {plugins.map((p) => (
                          <td key={p}>{v.scores[p] ?? '—'}</td>
                        ))}
                        <td className="verdicts__total">{v.total}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </aside>
  );
}
