import { describe, expect, it } from 'vitest';
import type { PodSummary, ServiceSummary } from '../../engine/apiserver/workload-view';
import { trafficRoute } from './traffic-route';
import { serviceCardId } from './workload-layout';

const ep = (ip: string, node: string) => ({ ip, ports: ['80/TCP'], ready: true, serving: true, terminating: false, pod: `default/web-${node}`, node });
const web: ServiceSummary = { namespace: 'default', name: 'web', type: 'ClusterIP', clusterIP: '10.96.4.7', ports: ['80/TCP'], selector: { app: 'web' }, externalName: '', endpoints: [ep('10.244.1.2', 'node-1'), ep('10.244.2.2', 'node-2'), ep('10.244.2.3', 'node-2')] };
const pod = (name: string, node: string, podIP: string): PodSummary => ({ namespace: 'default', name, uid: name, node, status: 'Running', phase: 'Running', ready: true, restarts: 0, podIP, owner: '', deleting: false, labels: {} });

describe('the route a traffic batch takes on the canvas', () => {
  it('goes from the client node to the Service, then to each node by how many its pods answered', () => {
    const r = trafficRoute('node-3', '10.96.4.7:80', { failed: 2, byEndpoint: { '10.244.2.2:80': 4, '10.244.1.2:80': 3, '10.244.2.3:80': 5 } }, [web], []);
    expect(r).toEqual({ from: 'node-3', service: serviceCardId('default', 'web'), hits: [{ to: 'node-1', count: 3 }, { to: 'node-2', count: 9 }], failed: 2 });
  });

  it('starts at the node of a client pod; an address that is no Service draws nothing', () => {
    const pods = [pod('client', 'node-2', '10.244.2.9')];
    expect(trafficRoute('default/client', '10.96.4.7:80', { failed: 0, byEndpoint: {} }, [web], pods)?.from).toBe('node-2');
    expect(trafficRoute('node-1', '10.244.2.2:80', { failed: 0, byEndpoint: { '10.244.2.2:80': 1 } }, [web], pods)).toBeNull();
    expect(trafficRoute('default/gone', '10.96.4.7:80', { failed: 0, byEndpoint: {} }, [web], pods)).toBeNull();
  });
});
