// A Service on the canvas: its type, virtual IP and ports, and its endpoints as the EndpointSlice
// controller published them (ready, serving, terminating), with how many requests each has taken
// when traffic runs. Lines go from it to the nodes that hold its endpoints. Names and IPs are user
// data: only ever text.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ServiceSummary } from '../../engine/apiserver/workload-view';
import { serviceNodeSize } from '../lib/workload-layout';
import './workloads.css';

export type ServiceNodeData = {
  service: ServiceSummary;
  /** Requests each endpoint (`ip:port`) has answered since traffic started, when it runs. */
  hits?: Record<string, number>;
};

export type ServiceNodeType = Node<ServiceNodeData, 'service'>;

/** Endpoint dots drawn at most. */
const dotsShown = 24;

function endpointState(e: ServiceSummary['endpoints'][number]): 'ready' | 'serving' | 'terminating' | 'unready' {
  if (e.terminating) return e.serving ? 'serving' : 'terminating';
  return e.ready ? 'ready' : 'unready';
}

export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceNodeType>) {
  const s = data.service;
  const ready = s.endpoints.filter((e) => e.ready).length;
  const title = s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`;
  const vip = s.type === 'ExternalName' ? s.externalName : s.clusterIP === 'None' ? 'headless' : s.clusterIP;
  const hitOf = (ip: string) => Object.entries(data.hits ?? {}).reduce((n, [k, v]) => (k.startsWith(`${ip}:`) ? n + v : n), 0);
  return (
    <div className="service" style={{ width: serviceNodeSize.width, height: serviceNodeSize.height }} data-testid={`service-${s.namespace}-${s.name}`} aria-label={`service ${title}, ${ready} of ${s.endpoints.length} endpoints ready`}>
      <Handle type="source" position={Position.Left} className="member__handle" isConnectable={false} />
      <div className="service__head">
        <span className="service__name" title={`${s.namespace}/${s.name}`}>{title}</span>
        <span className="badge service__type">{s.type}</span>
      </div>
      <div className="service__addr" title={s.ports.join(', ')}>
        {vip}
        {s.ports.length > 0 && <span className="service__ports"> · {s.ports.join(', ')}</span>}
      </div>
      <div className="service__eps">
        <span className="service__count" data-testid="service-endpoints">
          {ready}/{s.endpoints.length} ready
        </span>
        <span className="service__dots">
          {s.endpoints.slice(0, dotsShown).map((e) => {
            const hits = hitOf(e.ip);
            return (
              <span key={e.ip} className={`ep ep--${endpointState(e)}`} title={`${e.ip}${e.pod ? ` · ${e.pod}` : ''}${e.node ? ` on ${e.node}` : ''} · ${endpointState(e)}${hits ? ` · ${hits} requests` : ''}`} data-ip={e.ip} data-node={e.node} data-state={endpointState(e)} data-hits={hits}>
                {hits > 0 && <span className="ep__hits">{hits}</span>}
              </span>
            );
          })}
          {s.endpoints.length > dotsShown && <span className="service__more">+{s.endpoints.length - dotsShown}</span>}
        </span>
      </div>
    </div>
  );
});
