// A node's kube-proxy: its mode and IPVS scheduler (switchable: the ConfigMap is applied with
// kubectl), what its last sync wrote and what one new connection costs in that mode, and the tables
// themselves as `ipvsadm -Ln` and `iptables-save -t nat` print them, live.
import { useEffect, useState } from 'react';
import { proxyModes, type ProxyMode } from '../../engine/proxy/config';
import { ipvsSchedulers, type IpvsSchedulerName } from '../../engine/proxy/ipvs/schedulers';
import { setProxyMode } from '../actions/traffic-actions';
import { useRunAction } from '../actions/use-run-action';
import { useAppStore, useAppStoreApi } from '../store';
import { Icon } from './Icon';
import './workloads.css';

const modeNote: Record<ProxyMode, string> = {
  ipvs: 'a hash lookup in the kernel per new connection; one virtual server per Service port',
  iptables: 'the nat chains are walked rule by rule: O(Services) per new connection',
  userspace: 'every connection is copied through kube-proxy itself: an extra hop and two copies',
};

export function ProxyPanel() {
  const node = useAppStore((s) => s.proxyPanel);
  const view = useAppStore((s) => (s.proxyPanel ? s.snapshot?.proxies?.[s.proxyPanel] : undefined));
  const busy = useAppStore((s) => !!s.busy['proxy-mode']);
  const api = useAppStoreApi();
  const run = useRunAction();
  const [tab, setTab] = useState<'ipvs' | 'iptables'>('ipvs');
  useEffect(() => {
    if (view?.mode) setTab(view.mode === 'ipvs' ? 'ipvs' : 'iptables');
  }, [view?.mode]);
  useEffect(() => {
    if (!node) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && api.getState().showProxy(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [node, api]);
  if (!node) return null;
  const mode = view?.mode ?? null;
  const scheduler = (view?.scheduler ?? 'rr') as IpvsSchedulerName;
  const choose = (m: ProxyMode, s: IpvsSchedulerName) => void run(setProxyMode, { mode: m, scheduler: s });
  return (
    <aside className="pod-panel proxy-panel nodrag nopan" aria-label={`kube-proxy on ${node}`} data-testid="proxy-panel">
      <header className="pod-panel__head">
        <h2 className="pod-panel__title">kube-proxy · {node}</h2>
        <button type="button" className="pod-panel__close" aria-label="Close kube-proxy tables" onClick={() => api.getState().showProxy(null)}>
          <Icon name="x" size={14} />
        </button>
      </header>
      {!view ? (
        <p className="pod-panel__note">This node runs no kube-proxy (the cluster was made without the kube-proxy addon).</p>
      ) : !view.up ? (
        <p className="pod-panel__note">kube-proxy is down with its node: the node's tables are gone until it restarts.</p>
      ) : (
        <>
          <div className="proxy-panel__controls">
            <label>
              Mode
              <select value={mode ?? ''} disabled={busy} onChange={(e) => choose(e.target.value as ProxyMode, scheduler)} data-testid="proxy-mode">
                {proxyModes.map((m) => (
                  <option key={m} value={m}>{m}</option>
                ))}
              </select>
            </label>
            <label>
              IPVS scheduler
              <select value={scheduler} disabled={busy || mode !== 'ipvs'} onChange={(e) => choose('ipvs', e.target.value as IpvsSchedulerName)} data-testid="proxy-scheduler">
                {ipvsSchedulers.map((s) => (
                  <option key={s} value={s}>{s}</option>
                ))}
              </select>
            </label>
          </div>
          <p className="pod-panel__note">
            Applies <code>kube-system/kube-proxy</code>’s config.conf for every node. {mode ? modeNote[mode] : ''}
          </p>
          {view.configError && <p className="pod-panel__why pod-panel__why--failed">{view.configError}</p>}
          <dl className="pod-panel__facts" data-testid="proxy-costs">
            <dt>Service ports</dt>
            <dd>{view.servicePorts} · {view.endpoints} endpoints</dd>
            {view.lastSync && (
              <>
                <dt>Last sync</dt>
                <dd>
                  {view.lastSync.rulesWritten} rules{view.lastSync.mode === 'ipvs' ? `, ${view.lastSync.netlinkOps} netlink ops, ${view.lastSync.ipsetEntries} ipset entries` : ''}
                  {view.lastSync.full ? ' (full)' : ''}
                </dd>
              </>
            )}
            {view.perPacket && (
              <>
                <dt>Per connection</dt>
                <dd>{view.perPacket.work}</dd>
              </>
            )}
          </dl>
          <div className="activity__tabs proxy-panel__tabs" role="tablist" aria-label="Tables">
            <button type="button" role="tab" aria-selected={tab === 'ipvs'} className={tab === 'ipvs' ? 'is-active' : ''} onClick={() => setTab('ipvs')}>
              ipvsadm -Ln
            </button>
            <button type="button" role="tab" aria-selected={tab === 'iptables'} className={tab === 'iptables' ? 'is-active' : ''} onClick={() => setTab('iptables')}>
              iptables-save -t nat
            </button>
          </div>
          <pre className="proxy-panel__table" data-testid={`proxy-${tab}`}>{(tab === 'ipvs' ? view.ipvsadm : view.iptablesSave) || (tab === 'ipvs' ? '(no IPVS table: this node runs ' + mode + ' mode)' : '(empty)')}</pre>
        </>
      )}
    </aside>
  );
}
