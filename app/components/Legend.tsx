// What the colours on the canvas mean, with live message rates (per simulated second): Raft's
// kinds, and with the control plane on, its requests, responses, watch events and etcd client calls.
import { useState, useSyncExternalStore } from 'react';
import { Panel } from '@xyflow/react';
import { useAppStore } from '../store';
import { useLayout } from '../lib/use-media-query';
import { Icon } from './Icon';
import { controlPlaneKindLabel, controlPlaneKinds, messageKindLabel, messageKinds, type CanvasTraffic, type ControlPlaneKind, type MessageKind } from '../lib/messages';

const raftTitle: Record<MessageKind, string> = {
  heartbeat: 'MsgHeartbeat and its response',
  append: 'MsgApp and MsgSnap (log replication) and their responses',
  vote: 'MsgVote and MsgPreVote and their responses',
  other: 'MsgProp and MsgReadIndex: a follower forwarding a write or a read to the leader',
};

const controlPlaneTitle: Record<ControlPlaneKind, string> = {
  request: 'kubectl → kube-apiserver HTTP requests',
  response: 'kube-apiserver → kubectl responses',
  watch: 'watch events streamed to a watcher',
  etcd: 'etcd client calls and their answers (the apiserver’s and etcdctl’s)',
};

/**
 * The legend strip in the canvas corner. On a phone it folds into a button (the strip would take a
 * third of the canvas there) and opens over the canvas when asked.
 */
export function Legend({ traffic }: { traffic: CanvasTraffic }) {
  const phone = useLayout() === 'phone';
  const [open, setOpen] = useState(false);
  const apiserverCount = useAppStore((s) => s.snapshot?.apiservers?.length ?? 0);
  const rates = useSyncExternalStore(traffic.subscribe, traffic.getRates);
  const trafficOn = useAppStore((s) => s.loadRunning);
  const shown = apiserverCount > 0 ? controlPlaneKinds : controlPlaneKinds.filter((k) => k === 'etcd');
  const folded = phone && !open;
  return (
    <Panel position="bottom-left" className={`legend${apiserverCount > 0 ? ' legend--control-plane' : ''}${folded ? ' legend--folded' : ''}`} aria-label="Legend">
      {phone && (
        <button type="button" className="legend__toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="legend-toggle">
          <span className="legend__toggle-dots" aria-hidden="true">
            <span className="legend__dot legend__dot--heartbeat" />
            <span className="legend__dot legend__dot--append" />
            <span className="legend__dot legend__dot--request" />
          </span>
          {open ? 'Hide legend' : 'Legend'}
          {open && <Icon name="x" size={12} />}
        </button>
      )}
      {!folded && <ul>
        {messageKinds.map((k) => (
          <li key={k} title={`${raftTitle[k]}, per simulated second`} data-kind={k}>
            <span className={`legend__dot legend__dot--${k}`} aria-hidden="true" />
            <span className="legend__label">{messageKindLabel[k]}</span>
            <span className="legend__rate">{rates[k]}</span>
          </li>
        ))}
        {shown.map((k) => (
          <li key={k} title={`${controlPlaneTitle[k]}, per simulated second`} data-kind={k}>
            <span className={`legend__dot legend__dot--${k}`} aria-hidden="true" />
            <span className="legend__label">{controlPlaneKindLabel[k]}</span>
            <span className="legend__rate" data-testid={`legend-rate-${k}`}>{rates[k]}</span>
          </li>
        ))}
        {(rates.traffic > 0 || trafficOn) && (
          <li title="Service traffic: connections from the load generator's client through a Service's virtual IP to its pods, per simulated second" data-kind="traffic">
            <span className="legend__dot legend__dot--traffic" aria-hidden="true" />
            <span className="legend__label">Service traffic</span>
            <span className="legend__rate" data-testid="legend-rate-traffic">{rates.traffic}</span>
          </li>
        )}
        <li title="Messages dropped per simulated second (cut links, dead processes)">
          <span className="legend__dot legend__dot--lost" aria-hidden="true" />
          <span className="legend__label">Lost</span>
          <span className="legend__rate">{rates.lost}</span>
        </li>
        <li>
          <span className="legend__line legend__line--cut" aria-hidden="true" />
          <span className="legend__label">Cut link</span>
        </li>
        <li className="legend__unit">msgs / sim s</li>
      </ul>}
    </Panel>
  );
}
